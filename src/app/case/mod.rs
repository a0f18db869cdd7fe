//! The case pane: the open case's overview, step tree, step details and notes. Its data is
//! [`CaseView`](super::CaseView); here are its keys, its loads and (in `answers`) its answers.

mod answers;
mod editor;
mod reader;
pub(crate) mod summary;

pub use editor::{on_editor_key, save_draft};

use super::moves::{move_in, page_rows};
use super::panes::Pane;
use super::request::{cancel, fetch};
use super::status::{error, info};
use super::*;
use crate::api::{CaseKind, StepStatus};
use crate::app::panes::show;
use crate::app::request::any_in_flight;
use crate::op;

/// What a command that needs an open case says when none is.
pub(super) const NO_OPEN_CASE: &str = "no case is open: :case ID or Enter on the list";

/// The open case as (kind, id, title), or a message saying how to open one.
pub(super) fn the_open_case(state: &mut State) -> Option<(CaseKind, Id, String)> {
    match state.case.as_ref() {
        Some(cv) => Some((cv.kind, cv.id, cv.title.clone())),
        None => {
            error(state, NO_OPEN_CASE);
            None
        }
    }
}

/// The slots of the case pane: stopped when the user leaves the case (with the summary's).
const SLOTS: [Slot; 4] = [
    Slot::CaseDetail,
    Slot::Steps,
    Slot::StepDetails,
    Slot::Notes,
];

/// The open case.
pub struct CaseScreen;

impl Pane for CaseScreen {
    fn context(&self, state: &State) -> Context {
        match state.case.as_ref().map(|cv| cv.focus) {
            Some(CasePane::Overview) => Context::Overview,
            Some(CasePane::Steps) => Context::Steps,
            Some(CasePane::Detail) => Context::Detail,
            Some(CasePane::Notes) => Context::Notes,
            None => Context::Cases,
        }
    }

    /// Under the org chart's crumbs when the case was opened from the chart.
    fn crumbs(&self, state: &State) -> Vec<String> {
        if let Some(crumbs) = org::crumbs(state) {
            return crumbs;
        }
        let mut out = vec!["Cases".to_owned()];
        if let Some(cv) = &state.case {
            out.push(format!("{} ({})", cv.title, cv.id));
            out.push(cv.focus.title().to_owned());
        }
        out
    }

    /// Counts whatever shows: a case's loads finish in the background, the summary's with
    /// them (its figures read "loading…" meanwhile; the AML and documents panes show them too).
    fn is_loading(&self, state: &State) -> bool {
        state.case.is_some()
            && (any_in_flight(state, &SLOTS) || any_in_flight(state, &summary::SLOTS))
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        if state.case.is_none() {
            return false;
        }
        if reader::on_action(state, action) {
            return true;
        }
        match action {
            Action::Back => back(state, fx),
            Action::Refresh => refresh(state, fx),
            Action::NextPane | Action::PrevPane => {
                if let Some(cv) = state.case.as_mut() {
                    cv.focus = if action == Action::NextPane {
                        cv.focus.next()
                    } else {
                        cv.focus.prev()
                    };
                }
            }
            a if a.is_move() => move_selection(state, action, fx),
            Action::Open => open(state, fx),
            Action::MarkPassed => set_status(state, StepStatus::Passed, fx),
            Action::MarkFailed => set_status(state, StepStatus::Failed, fx),
            Action::MarkNotReviewed => set_status(state, StepStatus::NotReviewed, fx),
            Action::Activate => activate(state, fx),
            Action::ToggleGroup => toggle_group(state),
            Action::NewNote => new_note(state),
            Action::DeleteNote => delete_note(state),
            Action::GoOrg => command::run::run_command(state, "org", fx),
            Action::GoAml => command::run::run_command(state, "aml", fx),
            Action::GoProperties => command::run::run_command(state, "props", fx),
            Action::GoAudit => command::run::run_command(state, "audit", fx),
            Action::EditIdentity => command::run::run_command(state, "identity", fx),
            _ => return false,
        }
        true
    }

    /// Back to the list: the case's loads stop. Its own views (ownership, AML, documents, case
    /// work) and the rest keep them, since the case is still open under them.
    fn leave(&self, state: &mut State, to: View, fx: &mut Vec<Effect>) {
        if to != View::Cases {
            return;
        }
        cancel(state, &SLOTS, fx);
        cancel(state, &summary::SLOTS, fx);
    }
}

/// Open a case: its detail and steps load together; the first step's details follow the steps.
pub fn open_case(
    state: &mut State,
    kind: CaseKind,
    id: crate::api::Id,
    name: String,
    fx: &mut Vec<Effect>,
) {
    let mut cv = CaseView::new(kind, id, name);
    cv.detail.start();
    cv.steps.start();
    state.case = Some(cv);
    show(state, View::Case, fx);
    fx.push(Effect::Cancel(Slot::StepDetails));
    fx.push(Effect::Cancel(Slot::Notes));
    state.latest.remove(&Slot::StepDetails);
    state.latest.remove(&Slot::Notes);
    fetch(
        state,
        Slot::CaseDetail,
        Request::CaseDetail(op::CaseDetail { kind, id }),
        fx,
    );
    fetch(state, Slot::Steps, Request::Steps(op::Steps { id }), fx);
    summary::load(state, true, fx);
    org::exposure::load(state, kind, id, fx);
}

/// Esc: back to the chart the case was opened from, else to the steps, else to the list
/// (stopping the case's loads).
fn back(state: &mut State, fx: &mut Vec<Effect>) {
    if org::back(state, fx) {
        return;
    }
    if let Some(cv) = state.case.as_mut()
        && cv.focus != CasePane::Steps
    {
        cv.focus = CasePane::Steps;
        return;
    }
    if super::queue::back_from_link(state, fx) {
        return;
    }
    let to = super::queue::list_view(state);
    show(state, to, fx);
}

/// Read the open case again: its detail, steps and the selected step.
pub(crate) fn refresh(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    let (kind, id, step) = (cv.kind, cv.id, cv.for_step);
    cv.detail.start();
    cv.steps.start();
    fetch(
        state,
        Slot::CaseDetail,
        Request::CaseDetail(op::CaseDetail { kind, id }),
        fx,
    );
    fetch(state, Slot::Steps, Request::Steps(op::Steps { id }), fx);
    if let Some(step) = step {
        request_step(state, id, step, fx);
    }
    summary::load(state, false, fx);
    org::exposure::reload(state, kind, id, fx);
    info(state, "refreshing…");
}

/// After the selection moved in the step tree: load the newly selected step's details and notes.
pub(super) fn load_step(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        return;
    };
    let (id, step) = (cv.id, cv.selected_step().map(|s| s.case_step_id));
    if step == cv.for_step {
        return;
    }
    match step {
        Some(step) => {
            if state.drafts.contains_key(&(id, step)) {
                info(
                    state,
                    "a draft note for this step is waiting: n continues it",
                );
            }
            request_step(state, id, step, fx);
        }
        None => {
            if let Some(cv) = state.case.as_mut() {
                cv.for_step = None;
                cv.step_detail = Remote::default();
                cv.notes = Remote::default();
            }
        }
    }
}

pub(crate) fn request_step(
    state: &mut State,
    id: crate::api::Id,
    step: crate::api::Id,
    fx: &mut Vec<Effect>,
) {
    if let Some(cv) = state.case.as_mut() {
        if cv.for_step != Some(step) {
            cv.step_detail = Remote::default();
            cv.notes = Remote::default();
            cv.note_selected = 0;
            cv.reading = None;
            cv.detail_scroll = Default::default();
        }
        cv.for_step = Some(step);
        cv.step_detail.start();
        cv.notes.start();
    }
    fetch(
        state,
        Slot::StepDetails,
        Request::StepDetails(op::StepDetails { id, step }),
        fx,
    );
    fetch(
        state,
        Slot::Notes,
        Request::Notes(op::Notes { id, step }),
        fx,
    );
}

/// The open case's view while it shows step `step` of case `id`: where an answer about that
/// step belongs (an answer for a step the reviewer has left is dropped).
pub(crate) fn showing_step(state: &mut State, id: Id, step: Id) -> Option<&mut CaseView> {
    state
        .case
        .as_mut()
        .filter(|c| c.id == id && c.for_step == Some(step))
}

/// A note was added to step `step` of case `id` (by the editor or with a decision's reason):
/// read the step's notes again if the case view shows them.
pub(crate) fn reload_notes_if_shown(state: &mut State, id: Id, step: Id, fx: &mut Vec<Effect>) {
    let Some(cv) = showing_step(state, id, step) else {
        return;
    };
    cv.notes.start();
    fetch(
        state,
        Slot::Notes,
        Request::Notes(op::Notes { id, step }),
        fx,
    );
}

fn toggle_group(state: &mut State) {
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    let group = match cv.selected_row() {
        Some(TreeRow::Group(g) | TreeRow::Step(g, _)) => g,
        None => return,
    };
    if !cv.collapsed.remove(&group) {
        cv.collapsed.insert(group);
    }
    cv.rebuild_rows();
    if let Some(pos) = cv.rows.iter().position(|r| *r == TreeRow::Group(group))
        && cv.collapsed.contains(&group)
    {
        cv.selected = pos;
    }
}

/// The step a step action applies to: the selected one in the tree.
fn target_step(state: &State) -> Option<(crate::api::Id, crate::api::Step)> {
    let cv = state.case.as_ref().filter(|_| state.view == View::Case)?;
    Some((cv.id, cv.selected_step()?.clone()))
}

fn set_status(state: &mut State, status: StepStatus, fx: &mut Vec<Effect>) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    if step.status == status {
        info(state, format!("already {}", status.label()));
        return;
    }
    let step_id = step.case_step_id;
    // What the server last said, when an earlier change still waits: the `from` the journal
    // records.
    let mut from = step.status.clone();
    if let Some(cv) = state.case.as_mut() {
        from = cv
            .pending
            .entry(step_id)
            .or_insert(step.status.clone())
            .clone();
        if let Some(s) = cv.step_mut(step_id) {
            s.status = status.clone();
        }
        if let Some(d) = cv
            .step_detail
            .data
            .as_mut()
            .filter(|d| d.case_step_id == step_id)
        {
            d.status = status.clone();
        }
    }
    info(
        state,
        format!(
            "marking {} {}…",
            step.name.as_deref().unwrap_or("step"),
            status.label()
        ),
    );
    gate::send(
        state,
        Request::SetStepStatus(op::SetStepStatus {
            id,
            step: step_id,
            status,
            from: Some(from),
        }),
        fx,
    );
}

fn activate(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    if !step.is_deactivated {
        info(state, "this step is already active");
        return;
    }
    info(state, "activating…");
    gate::send(
        state,
        Request::Activate(op::Activate {
            id,
            step: step.case_step_id,
        }),
        fx,
    );
}

fn new_note(state: &mut State) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    let draft = state.drafts.get(&(id, step.case_step_id)).cloned();
    let mut area = match &draft {
        Some(text) => TextArea::from(text.lines().map(str::to_owned).collect::<Vec<_>>()),
        None => TextArea::default(),
    };
    // Long lines wrap as they are typed, at word boundaries (a long word is cut).
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    if draft.is_some() {
        info(state, "your unsent draft is back");
    }
    state.mode = Mode::Edit(Box::new(Editor {
        case: id,
        step: step.case_step_id,
        step_name: step.name.clone().unwrap_or_default(),
        area,
        saving: false,
    }));
}

fn delete_note(state: &mut State) {
    let Some(cv) = state.case.as_ref() else {
        return;
    };
    let (Some(step), Some(note)) = (
        cv.for_step,
        cv.notes.data.as_ref().and_then(|n| n.get(cv.note_selected)),
    ) else {
        info(state, "no note selected");
        return;
    };
    let preview: String = note
        .note
        .as_deref()
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    let message = super::gate::confirm_message(
        state,
        format!(
            "Delete the note by {}?\n\n{preview}",
            note.created_by.as_deref().unwrap_or("unknown")
        ),
    );
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: "Delete note".into(),
            message,
            ok_label: "Delete".into(),
            action: Confirmed::DeleteNote {
                case: cv.id,
                step,
                note: note.step_note_id,
            },
            ok_focused: false,
        }),
        None,
    );
}

fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if let Some((kind, id, name)) = linked_case(state) {
        super::queue::open_linked(state, kind, id, name, fx);
        return;
    }
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    match (cv.focus, cv.selected_row()) {
        (CasePane::Steps, Some(TreeRow::Group(_))) => toggle_group(state),
        (CasePane::Steps, Some(TreeRow::Step(..))) => cv.focus = CasePane::Detail,
        (CasePane::Overview, _) => cv.focus = CasePane::Steps,
        (CasePane::Notes, _) => reader::open(state),
        _ => {}
    }
}

fn move_selection(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    let page = page_rows(state);
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    match cv.focus {
        CasePane::Steps => {
            cv.selected = move_in(cv.rows.len(), cv.selected, action, page);
            load_step(state, fx);
        }
        CasePane::Notes => {
            let n = cv.notes.data.as_ref().map_or(0, Vec::len);
            cv.note_selected = move_in(n, cv.note_selected, action, page);
        }
        CasePane::Overview => cv.overview_scroll.go(action, page),
        CasePane::Detail => cv.detail_scroll.go(action, page),
    }
}

/// The case the selected step links to, when Enter is on a linked-case step (in the tree or
/// its details): its kind from the list when loaded, else from the step's details.
fn linked_case(state: &State) -> Option<(CaseKind, Id, String)> {
    let cv = state.case.as_ref()?;
    let step = cv.selected_step()?;
    let details = cv
        .step_detail
        .data
        .as_ref()
        .filter(|d| d.case_step_id == step.case_step_id)
        .and_then(|d| d.linked_case.as_ref());
    let id = match cv.focus {
        CasePane::Steps => step
            .linked_case_common_id
            .or(details.and_then(|l| l.case_common_id)),
        CasePane::Detail => details
            .and_then(|l| l.case_common_id)
            .or(step.linked_case_common_id),
        CasePane::Overview | CasePane::Notes => None,
    }?;
    if let Some(row) = state.cases.find(id) {
        return Some((row.kind, id, row.name.clone()));
    }
    let kind = match details.and_then(|l| l.case_type.as_deref()) {
        Some(t) if t.eq_ignore_ascii_case("individual") => CaseKind::Individual,
        _ => CaseKind::Company,
    };
    let name = details
        .and_then(|l| l.name.clone())
        .unwrap_or_else(|| format!("case {id}"));
    Some((kind, id, name))
}
