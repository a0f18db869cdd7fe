//! Closing a case with a decision, reopening it, deleting it.
//!
//! None of these is optimistic: the case changes on screen when the server has changed it.
//! Closing needs a decision and then a confirmation; reopening a confirmation; deleting the case
//! id typed back exactly — a wrong id sends nothing. Every confirmation starts on Cancel.

use super::super::status::{error, info, success};
use super::*;
use crate::api::CaseStatusRequest;
use crate::app::panes::show;
use crate::op;
use crossterm::event::{KeyCode, KeyModifiers};

/// The decision a case is closed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accepted,
    Denied,
}

impl Decision {
    pub const ALL: [Decision; 2] = [Decision::Accepted, Decision::Denied];

    /// The wire value (and the word shown).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accepted => "Accepted",
            Decision::Denied => "Denied",
        }
    }

    pub fn parse(text: &str) -> Option<Decision> {
        match text.trim().to_lowercase().as_str() {
            "accepted" | "accept" | "a" => Some(Decision::Accepted),
            "denied" | "deny" | "d" => Some(Decision::Denied),
            _ => None,
        }
    }
}

/// Choosing the decision to close with. Nothing is chosen at first: Enter alone closes nothing.
#[derive(Debug, Clone)]
pub struct DecisionPicker {
    pub kind: CaseKind,
    pub case: Id,
    pub name: String,
    pub chosen: Option<Decision>,
}

/// The case id being typed back before a delete.
#[derive(Debug, Clone)]
pub struct DeleteInput {
    pub kind: CaseKind,
    pub case: Id,
    pub name: String,
    pub typed: String,
}

/// Whether the open case is closed, and with which decision.
pub(crate) fn closed(state: &State) -> Option<String> {
    let d = state.case.as_ref()?.detail.data.as_ref()?;
    d.common
        .is_closed()
        .then(|| d.common.case_decision.clone().unwrap_or_default())
}

/// `:close [accepted|denied]`.
pub fn close(state: &mut State, decision: Option<Decision>) {
    let Some((kind, case, name)) = the_open_case(state) else {
        return;
    };
    if refuse_read_only(state, "the case is not closed") {
        return;
    }
    if let Some(dec) = closed(state) {
        info(state, format!("case {case} is already closed ({dec})"));
        return;
    }
    match decision {
        Some(decision) => confirm_close(state, kind, case, &name, decision),
        None => {
            state.mode = Mode::Work(Box::new(Input::Decision(DecisionPicker {
                kind,
                case,
                name,
                chosen: None,
            })));
        }
    }
}

fn confirm_close(state: &mut State, kind: CaseKind, id: Id, name: &str, decision: Decision) {
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: "Close case".into(),
            message: format!(
                "Close case {id} ({name}) with the decision {}?\n\n{}",
                decision.as_str(),
                super::still_open::paragraph(state, id)
            ),
            ok_label: format!("Close · {}", decision.as_str()),
            action: Confirmed::CloseCase { kind, id, decision },
            ok_focused: false,
        }),
        None,
    );
}

pub fn on_decision_key(state: &mut State, key: Key, mut d: DecisionPicker) {
    match key.code {
        KeyCode::Esc | KeyCode::Char('n') => {
            info(state, "the case stays open");
            return;
        }
        KeyCode::Char('a') | KeyCode::Char('1') => d.chosen = Some(Decision::Accepted),
        KeyCode::Char('d') | KeyCode::Char('2') => d.chosen = Some(Decision::Denied),
        KeyCode::Up | KeyCode::Down | KeyCode::Char('j') | KeyCode::Char('k') | KeyCode::Tab => {
            d.chosen = Some(match d.chosen {
                Some(Decision::Accepted) => Decision::Denied,
                _ => Decision::Accepted,
            });
        }
        KeyCode::Enter => match d.chosen {
            Some(decision) => {
                confirm_close(state, d.kind, d.case, &d.name, decision);
                return;
            }
            None => error(
                state,
                "closing needs a decision: a Accepted · d Denied (nothing was sent)",
            ),
        },
        _ => {}
    }
    state.mode = Mode::Work(Box::new(Input::Decision(d)));
}

/// `:reopen`.
pub fn reopen(state: &mut State) {
    let Some((kind, id, name)) = the_open_case(state) else {
        return;
    };
    if refuse_read_only(state, "the case is not reopened") {
        return;
    }
    let Some(decision) = closed(state) else {
        info(state, format!("case {id} is open"));
        return;
    };
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: "Reopen case".into(),
            message: format!(
                "Reopen case {id} ({name})? Its decision ({decision}) is cleared and the case \
                 goes back to review."
            ),
            ok_label: "Reopen".into(),
            action: Confirmed::ReopenCase { kind, id },
            ok_focused: false,
        }),
        None,
    );
}

/// `:delete`: asks for the case id typed back.
pub fn delete(state: &mut State) {
    let Some((kind, case, name)) = the_open_case(state) else {
        return;
    };
    if refuse_read_only(state, "the case is not deleted") {
        return;
    }
    state.mode = Mode::Work(Box::new(Input::DeleteCase(DeleteInput {
        kind,
        case,
        name,
        typed: String::new(),
    })));
}

pub fn on_delete_key(state: &mut State, key: Key, mut d: DeleteInput, fx: &mut Vec<Effect>) {
    match key.code {
        KeyCode::Esc => {
            info(state, "nothing deleted");
            return;
        }
        KeyCode::Enter => {
            if d.typed.trim() == d.case.to_string() {
                info(state, format!("deleting case {}…", d.case));
                crate::app::gate::send_confirmed(
                    state,
                    Request::DeleteCase(op::DeleteCase {
                        kind: d.kind,
                        id: d.case,
                    }),
                    fx,
                );
                return;
            }
            error(
                state,
                format!(
                    "{:?} is not the case id {}: nothing was deleted",
                    d.typed.trim(),
                    d.case
                ),
            );
        }
        KeyCode::Backspace => {
            d.typed.pop();
        }
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => d.typed.clear(),
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => d.typed.push(c),
        _ => {}
    }
    state.mode = Mode::Work(Box::new(Input::DeleteCase(d)));
}

pub fn send_close(
    state: &mut State,
    kind: CaseKind,
    id: Id,
    decision: Decision,
    fx: &mut Vec<Effect>,
) {
    info(state, format!("closing case {id} ({})…", decision.as_str()));
    let request = CaseStatusRequest {
        status: "Close".into(),
        case_decision: Some(decision.as_str().into()),
    };
    let from = status_now(state, id);
    crate::app::gate::send_confirmed(
        state,
        Request::SetCaseStatus(op::SetCaseStatus {
            kind,
            id,
            request,
            from,
        }),
        fx,
    );
}

pub fn send_reopen(state: &mut State, kind: CaseKind, id: Id, fx: &mut Vec<Effect>) {
    info(state, format!("reopening case {id}…"));
    let request = CaseStatusRequest {
        status: "Open".into(),
        case_decision: None,
    };
    let from = status_now(state, id);
    crate::app::gate::send_confirmed(
        state,
        Request::SetCaseStatus(op::SetCaseStatus {
            kind,
            id,
            request,
            from,
        }),
        fx,
    );
}

/// The case's status as the console knows it, for the journal's `from`: the open case's
/// detail, else its row in the list; `None` when neither is loaded.
fn status_now(state: &State, id: Id) -> Option<String> {
    let word = |closed: bool, decision: &str| match (closed, decision.trim()) {
        (false, _) => "open".to_owned(),
        (true, "") => "closed".to_owned(),
        (true, d) => format!("closed ({d})"),
    };
    let open = state
        .case
        .as_ref()
        .filter(|c| c.id == id)
        .and_then(|c| c.detail.data.as_ref());
    match open {
        Some(d) => Some(word(
            d.common.is_closed(),
            d.common.case_decision.as_deref().unwrap_or_default(),
        )),
        None => state.cases.find(id).map(|r| word(r.closed, &r.decision)),
    }
}

/// Show the case's new status in the case view and the list.
fn apply_status(state: &mut State, id: Id, details: Box<crate::api::CaseDetails>) {
    let (is_closed, decision) = (
        details.common.is_closed(),
        details.common.case_decision.clone().unwrap_or_default(),
    );
    state.cases.edit(id, |row| {
        row.closed = is_closed;
        row.decision = decision;
    });
    if let Some(cv) = state.case.as_mut().filter(|c| c.id == id) {
        cv.detail.set(details);
    }
}

pub fn on_status(
    state: &mut State,
    id: Id,
    request: CaseStatusRequest,
    result: Result<Box<crate::api::CaseDetails>, Failure>,
    fx: &mut Vec<Effect>,
) {
    let closing = request.status == "Close";
    match result {
        Ok(details) => {
            apply_status(state, id, details);
            let text = match request.case_decision.filter(|_| closing) {
                Some(dec) => format!("case {id} closed: {dec}"),
                None => format!("case {id} reopened"),
            };
            success(state, text);
            // The trail has a new line: show it if the trail is what is on screen.
            if state.view == View::CaseWork && state.work.tab == Tab::Audit {
                load(state, Tab::Audit, fx);
            }
        }
        Err(f) => {
            let what = if closing { "closed" } else { "reopened" };
            error(state, format!("case {id} not {what}: {}", f.one_line()));
        }
    }
}

pub fn on_deleted(state: &mut State, id: Id, result: Result<(), Failure>, fx: &mut Vec<Effect>) {
    if let Err(f) = result {
        error(state, format!("case {id} not deleted: {}", f.one_line()));
        return;
    }
    let name = state
        .cases
        .remove(id)
        .map(|r| r.name)
        .or_else(|| {
            state
                .case
                .as_ref()
                .filter(|c| c.id == id)
                .map(|c| c.title.clone())
        })
        .unwrap_or_default();
    if state.case.as_ref().is_some_and(|c| c.id == id) {
        // Leave the case: stop whatever it still loads.
        for slot in [
            Slot::CaseDetail,
            Slot::Steps,
            Slot::StepDetails,
            Slot::Notes,
            Slot::Properties,
            Slot::AuditTrail,
        ] {
            if state.latest.remove(&slot).is_some() {
                fx.push(Effect::Cancel(slot));
            }
        }
        state.case = None;
        state.aml = None;
        show(state, View::Cases, fx);
    }
    if state.work.case.as_ref().is_some_and(|(_, c, _)| *c == id) {
        state.work.case = None;
    }
    success(state, format!("case {id} ({name}) deleted"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_parse_from_words() {
        assert_eq!(Decision::parse("Accepted"), Some(Decision::Accepted));
        assert_eq!(Decision::parse("deny"), Some(Decision::Denied));
        assert_eq!(Decision::parse("maybe"), None);
    }
}
