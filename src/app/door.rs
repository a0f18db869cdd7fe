//! Read-only mode refuses at the door: a key, a `:command` or a form that would change
//! something is refused when it is pressed or opened, with the reason, before any popup,
//! editor or form shows, so a reviewer never fills in a form that cannot be sent.
//!
//! The decisions are exhaustive matches without a wildcard ([`Action::changes`],
//! [`Command::changes`], [`opens_a_change`]), checked here once by the dispatcher (`modes`,
//! `update`, `command::run`). The gate (`gate`) and the fetch layer still refuse a change in
//! read-only mode as backstops; this is what the reviewer meets first.

use super::command::Command;
use super::gate::READ_ONLY;
use super::status::error;
use super::{Action, Confirmed, Mode, State, alerts, aml, casework, create, docs_form};

/// Whether read-only mode refuses the action; if so the reviewer is told why.
pub fn refuses_action(state: &mut State, action: Action) -> bool {
    refuses(state, action.changes())
}

/// Whether read-only mode refuses the command; if so the reviewer is told why.
pub fn refuses_command(state: &mut State, command: &Command) -> bool {
    refuses(state, command.changes())
}

/// A layer opened by the key just handled that would make a change (a form reached from an
/// action that only sometimes changes: Enter on a registry hit with no case, on a missing
/// document) is closed again before it is drawn, with the reason. `was_open` says whether a
/// layer making a change was already open before the key: that one was not opened now.
pub fn close_if_refused(state: &mut State, was_open: bool) {
    if was_open || !state.session.read_only || !opens_a_change(&state.mode) {
        return;
    }
    state.mode = Mode::Normal;
    error(state, READ_ONLY);
}

/// The reason is the gate's own words, which fit the 80-column status line; the message log
/// files it under the case it was pressed on.
fn refuses(state: &mut State, changes: bool) -> bool {
    if !state.session.read_only || !changes {
        return false;
    }
    error(state, READ_ONLY);
    true
}

/// Whether a layer exists to make a change: a form, editor or question that ends in one.
/// Exhaustive, to the kind of each popup.
pub fn opens_a_change(mode: &Mode) -> bool {
    match mode {
        Mode::Normal | Mode::Filter | Mode::Command(_) | Mode::Find(_) | Mode::Help(_) => false,
        Mode::Edit(_) => true,
        Mode::Confirm(c, _) => match c.action {
            Confirmed::DiscardNote => false,
            Confirmed::DeleteNote { .. }
            | Confirmed::Send(_)
            | Confirmed::CloseCase { .. }
            | Confirmed::ReopenCase { .. }
            | Confirmed::RemoveProperty { .. } => true,
        },
        Mode::Inbox(p) => match **p {
            alerts::Popup::Filter(_) => false,
            alerts::Popup::ReviewDate { .. }
            | alerts::Popup::Assign { .. }
            | alerts::Popup::Decide(_) => true,
        },
        Mode::Aml(p) => match **p {
            aml::Popup::Url { .. } => false,
            aml::Popup::Reason(_) => true,
        },
        Mode::Create(p) => match p.purpose {
            create::Purpose::Search => false,
            create::Purpose::FromResult(_)
            | create::Purpose::NewCompany
            | create::Purpose::ImportCompany
            | create::Purpose::Individual { .. } => true,
        },
        Mode::Work(i) => match **i {
            casework::Input::AuditFilter => false,
            casework::Input::Property(_)
            | casework::Input::Decision(_)
            | casework::Input::DeleteCase(_)
            | casework::Input::Identity(_) => true,
        },
        Mode::Docs(f) => match f.purpose {
            docs_form::Purpose::Prevalidate => false,
            docs_form::Purpose::Upload | docs_form::Purpose::Request => true,
        },
    }
}
