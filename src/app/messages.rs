//! The message log (`:messages`), and where a message belongs.
//!
//! Every message said on the status line is kept here whole, with its time, tone and case. A
//! message belongs to the place it is about ([`Place`]: the view, and the open case when the
//! view shows one): the status line shows it only while the reviewer is there, and leaving
//! clears it. An answer about a case that arrives after the reviewer left the place its request
//! was sent from does not touch the status line at all: it only comes here, and the status line
//! counts it ("1 new in :messages") until the log is opened. `status` does the saying, `update`
//! tells it who speaks.

use super::panes::{Pane, show};
use super::{Action, Context, Effect, ReqId, State, Tone, View};
use crate::api::Id;
use std::collections::{HashMap, VecDeque};

/// How many messages the log keeps: a long session's worth; the oldest go first.
pub const KEEP: usize = 5_000;

/// Where the reviewer is: the view, and the case it shows (none for the views of many cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub view: View,
    pub case: Option<Id>,
}

impl Place {
    /// Where the reviewer is now.
    pub fn here(state: &State) -> Place {
        let case = if state.view.shows_open_case() {
            state.case.as_ref().map(|c| c.id)
        } else {
            None
        };
        Place {
            view: state.view,
            case,
        }
    }
}

/// One message as it was said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The local time it was said (`None` when the runtime gave no clock, as in unit tests).
    pub time: Option<chrono::NaiveTime>,
    pub tone: Tone,
    /// The case it is about, when it is about one.
    pub case: Option<Id>,
    pub text: String,
}

/// Who is speaking while an answer is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Speaker {
    /// The case the answer's operation is about (`Operation::about`).
    pub case: Option<Id>,
    /// The reviewer is still where the request was sent from: the status line may speak.
    pub here: bool,
}

/// The log and the bookkeeping of where messages belong.
#[derive(Debug, Clone)]
pub struct MessageLog {
    /// Oldest first.
    pub entries: VecDeque<Message>,
    /// Messages that went only to the log since it was last opened.
    pub unseen: usize,
    /// How many of the newest entries the pane skips (it lists newest first).
    pub scroll: usize,
    /// Where Esc goes back to.
    pub came_from: View,
    /// The local time, handed over by the runtime before each message it handles.
    pub clock: Option<chrono::NaiveTime>,
    /// Set by `update` (and `answers`) while an answer is handled; `None` for keys.
    pub speaker: Option<Speaker>,
    /// A message was logged during the message being handled (a read-back note joins it).
    pub said_now: bool,
    /// Where each request in flight was sent from.
    pub sent_from: HashMap<ReqId, Place>,
}

impl Default for MessageLog {
    fn default() -> Self {
        MessageLog {
            entries: VecDeque::new(),
            unseen: 0,
            scroll: 0,
            came_from: View::Cases,
            clock: None,
            speaker: None,
            said_now: false,
            sent_from: HashMap::new(),
        }
    }
}

impl MessageLog {
    /// Keep a message (the oldest goes once [`KEEP`] are kept).
    pub fn record(&mut self, message: Message) {
        if self.entries.len() >= KEEP {
            self.entries.pop_front();
        }
        self.entries.push_back(message);
        self.said_now = true;
    }

    /// Remember where a request was sent from; forget requests whose answers can no longer
    /// arrive (their slot has a newer one), so the map stays small.
    pub fn sent(&mut self, id: ReqId, place: Place, latest: &HashMap<super::Slot, ReqId>) {
        self.sent_from.insert(id, place);
        if self.sent_from.len() > 512 {
            self.sent_from
                .retain(|id, _| latest.values().any(|l| l == id));
        }
    }
}

/// Show the log (`:messages`): what was counted as new is now seen.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view != View::Messages {
        state.messages.came_from = state.view;
    }
    show(state, View::Messages, fx);
    state.messages.unseen = 0;
    state.messages.scroll = 0;
}

/// The message log pane.
pub struct MessagesScreen;

impl Pane for MessagesScreen {
    fn context(&self, _: &State) -> Context {
        Context::Messages
    }

    fn crumbs(&self, _: &State) -> Vec<String> {
        vec!["Messages".to_owned()]
    }

    fn is_loading(&self, _: &State) -> bool {
        false
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        let last = state.messages.entries.len().saturating_sub(1);
        let log = &mut state.messages;
        match action {
            Action::Down => log.scroll = (log.scroll + 1).min(last),
            Action::Up => log.scroll = log.scroll.saturating_sub(1),
            Action::PageDown => log.scroll = (log.scroll + 10).min(last),
            Action::PageUp => log.scroll = log.scroll.saturating_sub(10),
            Action::Top => log.scroll = 0,
            Action::Bottom => log.scroll = last,
            Action::Back => {
                let to = log.came_from;
                show(state, to, fx);
            }
            _ => return false,
        }
        true
    }

    /// Nothing loads here.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}
