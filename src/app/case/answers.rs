//! The answers of the case pane's operations: details, steps, notes and the step changes.

use super::*;
use crate::app::answers::OnAnswer;
use crate::app::status::success;
use crate::op::Operation;

impl OnAnswer for op::CaseDetail {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::CaseDetail { id, .. } = self;

        let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
            return;
        };
        match result {
            Ok(d) => {
                let name = d.name();
                if !name.is_empty() {
                    cv.title = name;
                }
                cv.detail.set(d);
                summary::on_detail(state, fx);
            }
            Err(f) => {
                let line = format!("case {id}: {}", f.one_line());
                cv.detail.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::Steps {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::Steps { id } = self;

        let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
            return;
        };
        match result {
            Ok(groups) => {
                let first = cv.steps.data.is_none();
                cv.steps.set(groups);
                cv.rebuild_rows();
                if first {
                    cv.select_first_step();
                }
                load_step(state, fx);
            }
            Err(f) => {
                let line = format!("steps of case {id}: {}", f.one_line());
                cv.steps.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::StepDetails {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::StepDetails { id, step } = self;

        let Some(cv) = showing_step(state, id, step) else {
            return;
        };
        match result {
            Ok(d) => cv.step_detail.set(d),
            Err(f) => {
                let line = format!("step {step}: {}", f.one_line());
                cv.step_detail.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::Notes {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Notes { id, step } = self;

        let Some(cv) = showing_step(state, id, step) else {
            return;
        };
        match result {
            Ok(n) => {
                cv.note_selected = cv.note_selected.min(n.len().saturating_sub(1));
                cv.notes.set(n);
            }
            Err(f) => {
                let line = format!("notes: {}", f.one_line());
                cv.notes.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::SetStepStatus {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::SetStepStatus {
            id, step, status, ..
        } = self;

        let cv = state.case.as_mut().filter(|c| c.id == id);
        match result {
            Ok(d) => {
                if let Some(cv) = cv {
                    cv.pending.remove(&step);
                    if let Some(s) = cv.step_mut(step) {
                        s.status = d.status.clone();
                    }
                    if cv.for_step == Some(step) {
                        cv.step_detail.set(d.clone());
                    }
                }
                success(
                    state,
                    format!(
                        "{} is {}",
                        d.name.as_deref().unwrap_or("step"),
                        d.status.label()
                    ),
                );
            }
            Err(f) => {
                if let Some(cv) = cv
                    && let Some(old) = cv.pending.remove(&step)
                {
                    if let Some(s) = cv.step_mut(step) {
                        s.status = old.clone();
                    }
                    if let Some(d) = cv
                        .step_detail
                        .data
                        .as_mut()
                        .filter(|d| d.case_step_id == step)
                    {
                        d.status = old;
                    }
                }
                error(
                    state,
                    format!(
                        "could not mark step {}: {} (rolled back)",
                        status.label(),
                        f.one_line()
                    ),
                );
            }
        }
    }
}

impl OnAnswer for op::Activate {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::Activate { id, step } = self;

        match result {
            Ok(s) => {
                if let Some(cv) = state.case.as_mut().filter(|c| c.id == id)
                    && let Some(old) = cv.step_mut(step)
                {
                    *old = *s;
                }
                success(state, "step activated for full KYC");
                if state
                    .case
                    .as_ref()
                    .is_some_and(|c| c.for_step == Some(step))
                {
                    request_step(state, id, step, fx);
                }
            }
            Err(f) => error(state, format!("could not activate: {}", f.one_line())),
        }
    }
}

impl OnAnswer for op::AddNote {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::AddNote { id, step, .. } = self;

        let editing = matches!(&state.mode, Mode::Edit(e) if e.case == id && e.step == step);
        match result {
            Ok(_) => {
                if editing {
                    state.mode = Mode::Normal;
                }
                state.drafts.remove(&(id, step));
                fx.push(Effect::DeleteDraft { case: id, step });
                success(state, "note saved");
                reload_notes_if_shown(state, id, step, fx);
            }
            Err(f) => {
                if let Mode::Edit(e) = &mut state.mode {
                    e.saving = false;
                }
                error(
                    state,
                    format!(
                        "note not saved, your text is kept: {} — Ctrl-S retries",
                        f.one_line()
                    ),
                );
            }
        }
    }
}

impl OnAnswer for op::DeleteNote {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::DeleteNote { id, step, note } = self;

        match result {
            Ok(_) => {
                if let Some(cv) = showing_step(state, id, step)
                    && let Some(notes) = cv.notes.data.as_mut()
                {
                    notes.retain(|n| n.step_note_id != note);
                    cv.note_selected = cv.note_selected.min(notes.len().saturating_sub(1));
                }
                success(state, "note deleted");
            }
            Err(f) => error(state, format!("note not deleted: {}", f.one_line())),
        }
    }
}
