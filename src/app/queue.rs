//! The queue: `]` and `[` (`:next`, `:prev`) go to the next or previous case of the list the
//! reviewer opened the case from (the case list as filtered and sorted now, or the alert inbox
//! in its order), on the same pane, so a day of reviewing is not `Esc`, `j`, `Enter` per case.
//!
//! The position is never stored: it is found from the open case's id in the list's order each
//! time, so a list that reloads, re-sorts or loses a case cannot make `]` skip or repeat one.
//! At either end the queue says so and stays (no wrap: the reviewer knows they are done).
//!
//! A case opened from a linked-case step keeps the case it was opened from: Esc on its steps
//! comes back to it as it was (`links`).

use super::case::open_case;
use super::command::run::run_command;
use super::status::{error, info};
use super::*;
use crate::api::CaseKind;

/// The list the reviewer works through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// The case list, with its filter and sort as they are now.
    #[default]
    Cases,
    /// The alert inbox, in its order.
    Inbox,
}

/// Which list the open case came from, and the cases opened from linked-case steps.
#[derive(Debug, Clone, Default)]
pub struct Queue {
    pub source: Source,
    /// (linked case opened, the case view it was opened from), innermost last.
    links: Vec<(Id, Box<CaseView>)>,
}

/// Where the open case stands in its list, for the header: "3/17 · status:open aml:yes".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// 1-based.
    pub at: usize,
    pub len: usize,
    /// The list in words: its filter, or what it is.
    pub label: String,
}

impl Place {
    pub fn describe(&self) -> String {
        format!("{}/{} · {}", self.at, self.len, self.label)
    }
}

/// The cases of a source, in its order, with their kind. An iterator: the header asks on every
/// frame, and a list of 100,000 cases is not copied for it.
fn order(state: &State, source: Source) -> Box<dyn Iterator<Item = (CaseKind, Id)> + '_> {
    match source {
        Source::Cases => {
            let l = &state.cases;
            Box::new(
                l.view()
                    .iter()
                    .filter_map(|&i| l.rows().get(i))
                    .map(|r| (r.kind, r.id)),
            )
        }
        Source::Inbox => {
            let a = &state.alerts;
            Box::new(
                a.view
                    .iter()
                    .filter_map(|&i| a.rows.get(i))
                    .map(|r| (r.kind, r.id())),
            )
        }
    }
}

/// How many cases the source lists.
fn len(state: &State, source: Source) -> usize {
    match source {
        Source::Cases => state.cases.view().len(),
        Source::Inbox => state.alerts.view.len(),
    }
}

fn label(state: &State, source: Source) -> String {
    match source {
        Source::Cases => match state.cases.filter_text().trim() {
            "" => "all cases".to_owned(),
            f => f.to_owned(),
        },
        Source::Inbox => match state.alerts.filters.describe() {
            f if f.is_empty() => "alert inbox".to_owned(),
            f => format!("inbox {f}"),
        },
    }
}

/// The open case's place in its list; `None` when no case is open or the list does not hold it.
pub fn place(state: &State) -> Option<Place> {
    let id = state.case.as_ref()?.id;
    let source = state.queue.source;
    let at = order(state, source).position(|(_, c)| c == id)?;
    Some(Place {
        at: at + 1,
        len: len(state, source),
        label: label(state, source),
    })
}

/// A case opened from a list (Enter on the case list, `o` in the inbox): that list is the queue.
pub fn open_from(
    state: &mut State,
    source: Source,
    kind: CaseKind,
    id: Id,
    name: String,
    fx: &mut Vec<Effect>,
) {
    state.queue.source = source;
    state.queue.links.clear();
    open_case(state, kind, id, name, fx);
}

/// Where Esc from the case's steps goes: back to the list it came from.
pub fn list_view(state: &State) -> View {
    match state.queue.source {
        Source::Cases => View::Cases,
        Source::Inbox => View::Alerts,
    }
}

/// `]` (`forward`) or `[`: the next or previous case of the list, on the pane showing now.
pub fn step(state: &mut State, forward: bool, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        error(
            state,
            "] and [ go through the list from an open case: Enter on a case first",
        );
        return;
    };
    let (open_id, title) = (cv.id, cv.title.clone());
    let source = state.queue.source;
    let what = label(state, source);
    let total = len(state, source);
    let Some(at) = order(state, source).position(|(_, c)| c == open_id) else {
        error(
            state,
            format!("{title} is not in the list ({what}): Esc to the list, or :cases"),
        );
        return;
    };
    let to = if forward {
        Some(at + 1).filter(|n| *n < total)
    } else {
        at.checked_sub(1)
    };
    let Some(to) = to else {
        let end = if forward { "last" } else { "first" };
        info(
            state,
            format!("the {end} case of the list ({}/{total} · {what})", at + 1),
        );
        return;
    };
    let Some((kind, id)) = order(state, source).nth(to) else {
        return;
    };
    select_in_list(state, source, id, fx);
    let name = name_of(state, source, id);
    reopen_on_same_pane(state, kind, id, name, fx);
}

/// The list's selection follows the queue, so Esc lands on the case the reviewer is at.
fn select_in_list(state: &mut State, source: Source, id: Id, fx: &mut Vec<Effect>) {
    match source {
        Source::Cases => {
            let l = &mut state.cases;
            if let Some(pos) = l.view().iter().position(|&i| l.rows()[i].id == id) {
                l.selected = pos;
            }
        }
        Source::Inbox => alerts::select_case(state, id, fx),
    }
}

fn name_of(state: &State, source: Source, id: Id) -> String {
    let name = match source {
        Source::Cases => state.cases.find(id).map(|r| r.name.clone()),
        Source::Inbox => state
            .alerts
            .rows
            .iter()
            .find(|r| r.id() == id)
            .map(|r| r.name()),
    };
    name.unwrap_or_else(|| format!("case {id}"))
}

/// Open a case and show it on the pane that shows now: AML stays AML, the chart stays the
/// chart. A pane the case has not (the chart of an individual) says why, over its steps.
fn reopen_on_same_pane(
    state: &mut State,
    kind: CaseKind,
    id: Id,
    name: String,
    fx: &mut Vec<Effect>,
) {
    let view = state.view;
    let focus = state.case.as_ref().map(|cv| cv.focus);
    let org_tab = state.org.view.as_ref().map(|v| v.tab);
    let work_tab = state.work.tab;
    state.queue.links.clear();
    open_case(state, kind, id, name, fx);
    let command = match view {
        View::Org => match org_tab {
            Some(org::OrgTab::Owners) => "ubo",
            Some(org::OrgTab::Members) => "members",
            Some(org::OrgTab::Chart) | None => "org",
        },
        View::Aml => "aml",
        View::Docs => "docs",
        View::CaseWork => match work_tab {
            casework::Tab::Properties => "props",
            casework::Tab::Audit => "audit",
        },
        View::Case => {
            if let (Some(cv), Some(focus)) = (state.case.as_mut(), focus) {
                cv.focus = focus;
            }
            return;
        }
        View::Cases
        | View::Alerts
        | View::Journal
        | View::Search
        | View::Version
        | View::Messages => return,
    };
    run_command(state, command, fx);
}

/// Enter on a step that links another case: open it, keeping the case it was opened from for
/// Esc.
pub fn open_linked(state: &mut State, kind: CaseKind, id: Id, name: String, fx: &mut Vec<Effect>) {
    let Some(under) = state.case.take() else {
        return;
    };
    if under.id == id {
        state.case = Some(under);
        info(state, "the step links this same case");
        return;
    }
    let mut links = std::mem::take(&mut state.queue.links);
    links.push((id, Box::new(under)));
    open_case(state, kind, id, name, fx);
    state.queue.links = links;
    info(state, "Esc comes back to the case the link was opened from");
}

/// Esc on a case opened from a link: back to the case it was opened from, as it was (read
/// again). `false` when the open case was not opened from a link.
pub fn back_from_link(state: &mut State, fx: &mut Vec<Effect>) -> bool {
    let open = state.case.as_ref().map(|cv| cv.id);
    match state.queue.links.last() {
        Some((child, _)) if Some(*child) == open => {}
        _ => return false,
    }
    let Some((_, under)) = state.queue.links.pop() else {
        return false;
    };
    // As it was (pane, folded groups, selected step), then read again: the server's truth.
    state.case = Some(*under);
    panes::show(state, View::Case, fx);
    case::refresh(state, fx);
    true
}
