//! An open case: overview, step tree, the selected step's details and notes.

use super::request::Remote;
use crate::api::{CaseDetails, CaseKind, Id, Step, StepDetails, StepGroup, StepNote, StepStatus};
use std::collections::{HashMap, HashSet};

/// The panes of the case view. On a narrow terminal they are tabs; on a wide one they tile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CasePane {
    Overview,
    Steps,
    Detail,
    Notes,
}

impl CasePane {
    pub const ALL: [CasePane; 4] = [
        CasePane::Overview,
        CasePane::Steps,
        CasePane::Detail,
        CasePane::Notes,
    ];

    pub fn title(self) -> &'static str {
        match self {
            CasePane::Overview => "Overview",
            CasePane::Steps => "Steps",
            CasePane::Detail => "Detail",
            CasePane::Notes => "Notes",
        }
    }

    pub fn next(self) -> CasePane {
        let i = CasePane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        CasePane::ALL[(i + 1) % CasePane::ALL.len()]
    }

    pub fn prev(self) -> CasePane {
        let i = CasePane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        CasePane::ALL[(i + CasePane::ALL.len() - 1) % CasePane::ALL.len()]
    }
}

/// A row of the flattened step tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeRow {
    /// Index into the groups.
    Group(usize),
    /// Group index and step index.
    Step(usize, usize),
}

#[derive(Debug, Clone)]
pub struct CaseView {
    pub kind: CaseKind,
    pub id: Id,
    /// The name as the list showed it, until the detail arrives.
    pub title: String,
    pub detail: Remote<Box<CaseDetails>>,
    pub steps: Remote<Vec<StepGroup>>,
    pub collapsed: HashSet<usize>,
    pub rows: Vec<TreeRow>,
    pub selected: usize,
    /// Details and notes of the selected step (`for_step` says which).
    pub step_detail: Remote<Box<StepDetails>>,
    pub notes: Remote<Vec<StepNote>>,
    /// The case's open live-monitoring alerts, for the overview's summary (loaded by
    /// `case::summary` as the case opens; the inbox's answers for the case land here too).
    pub alerts: Remote<Vec<crate::api::Alert>>,
    pub for_step: Option<Id>,
    pub note_selected: usize,
    /// The selected note is read whole, scrolled this far (`Enter` in the Notes pane). Drawing
    /// keeps it within the note (only drawing knows how many rows it wraps to), so scrolling
    /// back up from past the end takes no extra keys.
    pub reading: Option<std::cell::Cell<u16>>,
    pub focus: CasePane,
    pub overview_scroll: super::moves::Scroll,
    pub detail_scroll: super::moves::Scroll,
    /// Step statuses changed on screen but not yet confirmed: the old status, to roll back.
    pub pending: HashMap<Id, StepStatus>,
}

impl CaseView {
    pub fn new(kind: CaseKind, id: Id, title: String) -> CaseView {
        CaseView {
            kind,
            id,
            title,
            detail: Remote::default(),
            steps: Remote::default(),
            collapsed: HashSet::new(),
            rows: Vec::new(),
            selected: 0,
            step_detail: Remote::default(),
            notes: Remote::default(),
            alerts: Remote::default(),
            for_step: None,
            note_selected: 0,
            reading: None,
            focus: CasePane::Steps,
            overview_scroll: Default::default(),
            detail_scroll: Default::default(),
            pending: HashMap::new(),
        }
    }

    /// Rebuild the flattened tree after the steps or the collapsed set changed, keeping the
    /// selected step selected.
    pub fn rebuild_rows(&mut self) {
        let keep = self.selected_step().map(|s| s.case_step_id);
        self.rows.clear();
        if let Some(groups) = &self.steps.data {
            for (gi, g) in groups.iter().enumerate() {
                self.rows.push(TreeRow::Group(gi));
                if !self.collapsed.contains(&gi) {
                    self.rows
                        .extend((0..g.steps.len()).map(|si| TreeRow::Step(gi, si)));
                }
            }
        }
        if let Some(id) = keep
            && let Some(pos) = self
                .rows
                .iter()
                .position(|r| self.step_at(*r).is_some_and(|s| s.case_step_id == id))
        {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn step_at(&self, row: TreeRow) -> Option<&Step> {
        match row {
            TreeRow::Step(g, s) => self.steps.data.as_ref()?.get(g)?.steps.get(s),
            TreeRow::Group(_) => None,
        }
    }

    pub fn selected_row(&self) -> Option<TreeRow> {
        self.rows.get(self.selected).copied()
    }

    pub fn selected_step(&self) -> Option<&Step> {
        self.selected_row().and_then(|r| self.step_at(r))
    }

    pub fn step_mut(&mut self, step_id: Id) -> Option<&mut Step> {
        self.steps
            .data
            .as_mut()?
            .iter_mut()
            .flat_map(|g| g.steps.iter_mut())
            .find(|s| s.case_step_id == step_id)
    }

    /// The first step row at or after the selection, so a fresh view starts on a step.
    pub fn select_first_step(&mut self) {
        if let Some(pos) = self
            .rows
            .iter()
            .position(|r| matches!(r, TreeRow::Step(..)))
        {
            self.selected = pos;
        }
    }
}
