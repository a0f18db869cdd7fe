//! The `:journal` pane: the changes this console sent, newest first, with their outcomes (read
//! from the journal file by the fetch layer; see `crate::journal`).

use super::answers::OnAnswer;
use super::moves::{move_in, page_rows};
use super::panes::Pane;
use super::request::{fetch, in_flight};
use super::{Action, Context, Effect, Failure, Remote, Request, Slot, State, View};
use crate::app::panes::show;
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
    show(state, View::Journal, fx);
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

/// The journal pane.
pub struct JournalScreen;

impl Pane for JournalScreen {
    fn context(&self, _: &State) -> Context {
        Context::Journal
    }

    fn crumbs(&self, _: &State) -> Vec<String> {
        vec!["Journal".to_owned()]
    }

    fn is_loading(&self, state: &State) -> bool {
        state.view == View::Journal && in_flight(state, Slot::Journal)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        let page = page_rows(state);
        let j = &mut state.journal;
        match action {
            a if a.is_move() => j.selected = move_in(j.len(), j.selected, action, page),
            Action::Refresh => load(state, fx),
            Action::Back => {
                let to = j.came_from;
                show(state, to, fx);
            }
            _ => return false,
        }
        true
    }

    /// Reading the local journal is quick and harmless: nothing to stop.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

impl OnAnswer for op::ReadJournal {
    fn on_answer(
        self,
        result: Result<Vec<Entry>, Failure>,
        state: &mut State,
        _: &mut Vec<Effect>,
    ) {
        let j = &mut state.journal;
        match result {
            Ok(entries) => {
                j.selected = j.selected.min(entries.len().saturating_sub(1));
                j.entries.set(entries);
            }
            Err(f) => j.entries.fail(f),
        }
    }
}
