//! The gate every change passes (house rule 4): one place decides whether a mutation may be
//! sent, must be confirmed first, or is refused.
//!
//! # For whoever adds a mutation
//!
//! Never push `Effect::Fetch` for a mutation yourself; call
//!
//! - [`send`]`(state, request, fx)` when the user asked for the change with one key: in a
//!   production environment a destructive change (its facts say so), and in every environment
//!   a change to a closed case, first asks, with Cancel focused; or
//! - [`send_confirmed`]`(state, request, fx)` when your pane has already asked (a delete, a bulk
//!   action: ask with `Confirm { ok_focused: false, .. }` in every environment, and say
//!   "production" in the message when `state.session.production`).
//!
//! Both refuse in read-only mode. Every outcome comes back through `update`'s `on_done` for
//! your request, exactly as a server answer would: the answer itself, a read-only refusal or a
//! cancelled confirmation (`Err(Failure)`, nothing was sent), so your optimistic change rolls
//! back in the one place you already handle failures. A change whose answer was lost and that
//! reading back found done arrives as its ordinary payload (the status line then says so).
//!
//! A new change needs nothing here: its operation says whether it is destructive
//! ([`crate::op::Change::destructive`]) and how it is read back, and the compiler asks for both.
//!
//! The fetch layer behind the gate reads back a change whose answer was lost and journals
//! every change with its outcome (`crate::journal`); it also refuses read-only mutations once
//! more, as a backstop for code that bypassed the gate.

use super::answers::on_done;
use super::request::fetch;
use super::{Confirm, Confirmed, Effect, Failure, Mode, Request, Slot, State};

/// Why a mutation is never sent in read-only mode (the reason the reviewer reads).
pub const READ_ONLY: &str =
    "read-only mode: nothing was sent (start without --read-only to make changes)";

/// Send a change the user asked for; a change to a closed case, and in production a destructive
/// one, asks first. Returns
/// whether it was sent now (a refusal or a question has already been reported through
/// `on_done` or the popup).
pub fn send(state: &mut State, request: Request, fx: &mut Vec<Effect>) -> bool {
    if refuse_read_only(state, &request, fx) {
        return false;
    }
    let closed = closed_case(state, &request);
    if closed.is_some() || (state.session.production && request.facts().is_destructive()) {
        ask(state, request, closed);
        return false;
    }
    fetch(state, Slot::Mutation(0), request, fx);
    true
}

/// The case a change is about, when the console knows it is closed (the open case's detail,
/// else its row in the list), with its decision. Closing and reopening are the way in and
/// out, and deleting asks on its own, so they are not held here.
fn closed_case(state: &State, request: &Request) -> Option<(crate::api::Id, String)> {
    if matches!(request, Request::SetCaseStatus(_) | Request::DeleteCase(_)) {
        return None;
    }
    let id = request.facts().about.case?;
    let open_and_known = state
        .case
        .as_ref()
        .is_some_and(|c| c.id == id && c.detail.data.is_some());
    if open_and_known {
        return super::casework::lifecycle::closed(state).map(|decision| (id, decision));
    }
    state
        .cases
        .find(id)
        .filter(|r| r.closed)
        .map(|r| (id, r.decision.clone()))
}

/// Send a change the user has already confirmed (Cancel-focused) in the caller's own popup.
pub fn send_confirmed(state: &mut State, request: Request, fx: &mut Vec<Effect>) -> bool {
    if refuse_read_only(state, &request, fx) {
        return false;
    }
    fetch(state, Slot::Mutation(0), request, fx);
    true
}

/// The user cancelled the gate's question: nothing was sent; the caller's failure path runs.
pub fn cancelled(state: &mut State, request: Request, fx: &mut Vec<Effect>) {
    on_done(
        state,
        request.fail(Failure::new("cancelled: nothing was sent")),
        fx,
    );
}

/// A confirmation's message, led by a warning in a production environment: for the panes that
/// ask themselves before calling [`send_confirmed`] (a delete, a bulk action).
pub fn confirm_message(state: &State, message: String) -> String {
    if state.session.production {
        format!(
            "This is the production environment {}.\n\n{message}",
            state.session.environment
        )
    } else {
        message
    }
}

fn refuse_read_only(state: &mut State, request: &Request, fx: &mut Vec<Effect>) -> bool {
    if !state.session.read_only {
        return false;
    }
    on_done(state, request.clone().fail(Failure::new(READ_ONLY)), fx);
    true
}

/// Ask before sending (Cancel focused): in production for a destructive change, and in every
/// environment for a change to a closed case. A note being written stays under the question.
fn ask(state: &mut State, request: Request, closed: Option<(crate::api::Id, String)>) {
    let env = state.session.environment.clone();
    let facts = request.facts();
    let on = facts
        .about
        .case
        .map(|c| format!(" on case {c}"))
        .unwrap_or_default();
    let mut message = format!("{}{on}: send it?", capitalise(facts.name));
    let title = match &closed {
        Some((id, decision)) => {
            let decided = if decision.trim().is_empty() {
                String::new()
            } else {
                format!(" ({decision})")
            };
            message = format!(
                "Case {id} is closed{decided}: a change to it may not be what you meant.\n\n\
                 {message}"
            );
            "Closed case".to_owned()
        }
        None => format!("Production: {env}"),
    };
    let under = match std::mem::replace(&mut state.mode, Mode::Normal) {
        Mode::Edit(editor) => Some(editor),
        other => {
            state.mode = other;
            None
        }
    };
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title,
            message: confirm_message(state, message),
            ok_label: "Send".into(),
            action: Confirmed::Send(Box::new(request)),
            ok_focused: false,
        }),
        under,
    );
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{AlertAction, AlertActionRequest, CaseKind, StepStatus};
    use crate::app::{Session, View};
    use crate::op;

    fn state(read_only: bool, production: bool) -> State {
        State::new(Session {
            environment: "prod-eu".into(),
            read_only,
            production,
            ..Session::default()
        })
    }

    fn dismiss() -> Request {
        Request::AlertAction(op::AlertAction {
            kind: CaseKind::Company,
            id: 7,
            request: AlertActionRequest {
                case_common_id: 7,
                alert_id: 9,
                action: AlertAction::Dismiss,
                case_step_id: None,
            },
            alert_type: None,
            reason: None,
        })
    }

    #[test]
    fn read_only_refuses_with_the_reason_and_sends_nothing() {
        let mut s = state(true, false);
        s.view = View::Cases;
        let mut fx = Vec::new();
        let status = Request::SetStepStatus(op::SetStepStatus {
            id: 1,
            step: 2,
            status: StepStatus::Passed,
            from: None,
        });
        assert!(!send(&mut s, status, &mut fx));
        assert!(fx.is_empty());
        let line = s.status.map(|l| l.text).unwrap_or_default();
        assert!(line.contains("read-only"), "{line}");
    }

    #[test]
    fn production_asks_before_a_destructive_change_with_cancel_focused() {
        let mut s = state(false, true);
        let mut fx = Vec::new();
        assert!(!send(&mut s, dismiss(), &mut fx));
        assert!(fx.is_empty());
        match &s.mode {
            Mode::Confirm(c, _) => {
                assert!(!c.ok_focused);
                assert!(c.message.contains("production"), "{}", c.message);
                assert_eq!(c.action, Confirmed::Send(Box::new(dismiss())));
            }
            other => panic!("expected a confirmation, got {other:?}"),
        }
        // Outside production the same change goes at once.
        let mut s = state(false, false);
        assert!(send(&mut s, dismiss(), &mut fx));
        assert!(matches!(
            fx.as_slice(),
            [Effect::Fetch {
                slot: Slot::Mutation(_),
                ..
            }]
        ));
    }
}
