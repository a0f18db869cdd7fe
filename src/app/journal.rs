//! The `:journal` pane: the changes this console sent, newest first, with their outcomes (read
//! from the journal file by the fetch layer; see `crate::journal`).

use super::update::{fetch, move_in};
use super::{Action, Effect, Failure, Remote, Request, Slot, State, View};
use crate::journal::Entry;
use crate::op;

#[derive(Debug, Clone)]
pub struct JournalPane {
    pub entries: Remote<Vec<Entry>>,
    pub selected: usize,
    /// Where Esc goes back to.
    pub came_from: View,
}

impl Default for JournalPane {
    fn default() -> Self {
        JournalPane {
            entries: Remote::default(),
            selected: 0,
            came_from: View::Cases,
        }
    }
}

impl JournalPane {
    pub fn len(&self) -> usize {
        self.entries.data.as_ref().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Show the journal (reloaded each time: the newest change is what one comes to check).
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view != View::Journal {
        state.journal.came_from = state.view;
    }
    state.view = View::Journal;
    load(state, fx);
}

fn load(state: &mut State, fx: &mut Vec<Effect>) {
    state.journal.entries.start();
    fetch(
        state,
        Slot::Journal,
        Request::ReadJournal(op::ReadJournal),
        fx,
    );
}

/// The pane's keys; false when the journal is not showing or the action is not its own.
pub fn on_action(state: &mut State, action: Action, page: usize, fx: &mut Vec<Effect>) -> bool {
    if state.view != View::Journal {
        return false;
    }
    let j = &mut state.journal;
    match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => j.selected = move_in(j.len(), j.selected, action, page),
        Action::Refresh => load(state, fx),
        Action::Back => state.view = j.came_from,
        _ => return false,
    }
    true
}

pub fn on_done(state: &mut State, result: Result<Vec<crate::journal::Entry>, Failure>) {
    let j = &mut state.journal;
    match result {
        Ok(entries) => {
            j.selected = j.selected.min(entries.len().saturating_sub(1));
            j.entries.set(entries);
        }
        Err(f) => j.entries.fail(f),
    }
}

pub fn is_loading(state: &State) -> bool {
    state.view == View::Journal && state.journal.entries.loading
}
