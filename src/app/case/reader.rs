//! Reading a note whole (issue 16 item 5): `Enter` on a note in the Notes pane shows it over the
//! case, scrollable with the usual moves; `Esc` comes back to the list of notes. A note is read
//! where it was chosen: leaving the Notes pane, or another step's notes arriving, closes it.

use super::super::moves::{page_rows, scroll};
use super::super::{Action, CasePane, State};

/// `Enter` in the Notes pane: read the selected note, if there is one.
pub(super) fn open(state: &mut State) {
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    if cv
        .notes
        .data
        .as_ref()
        .is_some_and(|n| cv.note_selected < n.len())
    {
        cv.reading = Some(std::cell::Cell::new(0));
    } else {
        super::info(state, "no note selected");
    }
}

/// An action while a note is read: the moves scroll it and `Esc` closes it. Anything else
/// closes it too when it leaves the Notes pane, and is handled as usual (`false`).
pub(super) fn on_action(state: &mut State, action: Action) -> bool {
    let page = page_rows(state);
    let Some(cv) = state.case.as_mut() else {
        return false;
    };
    let Some(at) = cv
        .reading
        .as_ref()
        .filter(|_| cv.focus == CasePane::Notes)
        .map(std::cell::Cell::get)
    else {
        cv.reading = None;
        return false;
    };
    match action {
        Action::Back => cv.reading = None,
        a if a.is_move() => cv.reading = Some(std::cell::Cell::new(scroll(at, a, page))),
        Action::Open => {}
        _ => {
            cv.reading = None;
            return false;
        }
    }
    true
}
