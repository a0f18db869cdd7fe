//! `update()`: one message in, the state changed, the effects out. A dispatcher: keys go to the
//! top mode layer (`modes`), else to the pane of the view (`panes`), else to the global actions
//! below; answers go through the table in `answers`. It also keeps the books of where each
//! request was sent from, so an answer's message lands where it belongs (`messages`).

use super::answers::on_done;
use super::messages::{Place, Speaker};
use super::panes::pane;
use super::status::info;
use super::*;
use crossterm::event::KeyEventKind;
use keymap::Key;

/// Apply one message.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    // Where the requests started now belong: here, unless they follow up an answer to a place
    // the reviewer has left.
    let mut origin = None;
    match msg {
        Msg::Key(ev) => {
            if ev.kind != KeyEventKind::Release {
                super::modes::on_key(state, ev, &mut fx);
            }
        }
        Msg::Paste(text) => super::modes::on_paste(state, &text, &mut fx),
        Msg::Resize(w, h) => state.size = (w, h),
        Msg::Tick(now) => {
            state.spinner = state.spinner.wrapping_add(1);
            search::on_tick(state, now);
        }
        Msg::Today(date) => state.today = Some(date),
        Msg::Local(done) => local::on_local(state, done),
        Msg::JournalNotWritten(why) => super::status::error(state, why),
        Msg::Done {
            id,
            slot,
            answer,
            read_back,
        } => {
            let sent = state.messages.sent_from.remove(&id);
            if state.latest.get(&slot) == Some(&id) {
                state.latest.remove(&slot);
                let here = sent.is_none_or(|p| p == Place::here(state));
                state.messages.speaker = Some(Speaker { case: None, here });
                if !here {
                    origin = sent;
                }
                on_done(state, answer, &mut fx);
                // A change found done by reading back was handled as if its answer had come.
                if read_back {
                    super::status::append(
                        state,
                        " — no readable answer came back; reading back showed it went through",
                    );
                }
            }
        }
    }
    let from = origin.unwrap_or_else(|| Place::here(state));
    for e in &fx {
        if let Effect::Fetch { id, .. } = e {
            state.messages.sent(*id, from, &state.latest);
        }
    }
    super::status::settle(state);
    fx
}

/// Start the first load: both kinds of case list, and the server's API version (for `?` help
/// and the log).
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    cases::pane::load_cases(state, &mut fx);
    version::load_at_start(state, &mut fx);
    fx
}

pub(super) fn quit(state: &mut State, fx: &mut Vec<Effect>) {
    state.quit = true;
    fx.push(Effect::Quit);
}

/// A key with no mode layer open: the keymap names the action in the pane's context, the pane
/// takes it, or else the global actions do.
pub(super) fn on_normal_key(state: &mut State, key: Key, fx: &mut Vec<Effect>) {
    let Some(action) = state.keymap.action(state.context(), key) else {
        return;
    };
    if super::door::refuses_action(state, action) {
        return;
    }
    if pane(state.view).on_action(state, action, fx) {
        return;
    }
    global(state, action, fx);
}

/// Reload what is on screen (`:refresh`): the pane's own `r`, else the case list.
pub(super) fn refresh(state: &mut State, fx: &mut Vec<Effect>) {
    if !pane(state.view).on_action(state, Action::Refresh, fx) {
        cases::pane::reload(state, fx);
    }
}

/// The actions every view has (or that no pane took).
fn global(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    match action {
        Action::Alerts => alerts::open(state, fx),
        Action::Quit => quit(state, fx),
        Action::Help => state.mode = Mode::Help(Default::default()),
        Action::Command => state.mode = Mode::Command(Default::default()),
        // A pane that has no Esc or `r` of its own leaves them to the case list's.
        Action::Back => cases::pane::clear_filter(state),
        Action::Refresh => cases::pane::reload(state, fx),
        Action::CopyId | Action::CopyName => copy(state, action == Action::CopyId, fx),
        Action::GoDocs => command::run::run_command(state, "docs", fx),
        Action::NewSearch => search::new_search(state, fx),
        Action::NextCase => queue::step(state, true, fx),
        Action::PrevCase => queue::step(state, false, fx),
        // Anything else belongs to a pane that is not showing.
        _ => {}
    }
}

/// Copy the id or name of the case under the cursor (the open case in the case view).
fn copy(state: &mut State, id: bool, fx: &mut Vec<Effect>) {
    let target = match (state.view, &state.case) {
        (View::Case | View::CaseWork, Some(cv)) => Some((cv.id, cv.title.clone())),
        _ => state.cases.selected_row().map(|r| (r.id, r.name.clone())),
    };
    let Some((case_id, name)) = target else {
        return;
    };
    // The text as the screen shows it: a raw name could hold a newline or an escape sequence
    // that runs a command when pasted into a shell.
    let text = if id {
        case_id.to_string()
    } else {
        crate::sanitize::clean(&name).into_owned()
    };
    info(state, format!("copied {text}"));
    fx.push(Effect::Copy(text));
}
