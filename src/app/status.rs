//! The status line: what every pane says after a key or an answer, in one of three tones.
//!
//! Every message also goes to the message log (`messages`), whole and with the case it is
//! about. A message belongs to where the reviewer is when it is said; a message of an answer
//! about a case that arrives after the reviewer left the place it was asked from goes only to
//! the log (`update` says which by setting the speaker), so a late error about case A never
//! stands on case B's screen. Handlers just call [`say`]; the routing knows who speaks.

use super::messages::{Message, Place, Speaker};
use super::{State, StatusLine, Tone};
use crate::api::Id;

/// Say something in a given tone: to the log, and to the status line (replacing what it said)
/// unless it is about a place the reviewer has left.
pub fn say(state: &mut State, tone: Tone, text: impl Into<String>) {
    let text = text.into();
    let speaker = state.messages.speaker.unwrap_or(Speaker {
        case: None,
        here: true,
    });
    let case = speaker.case.or_else(|| Place::here(state).case);
    let time = state.messages.clock;
    state.messages.record(Message {
        time,
        tone,
        case,
        text: text.clone(),
    });
    if speaker.here {
        // Stamped with the place the reviewer ends up in once the message is handled.
        state.status = Some(StatusLine {
            text,
            tone,
            place: None,
        });
    } else if state.view != super::View::Messages {
        state.messages.unseen += 1;
    }
}

pub fn info(state: &mut State, text: impl Into<String>) {
    say(state, Tone::Info, text);
}

pub fn success(state: &mut State, text: impl Into<String>) {
    say(state, Tone::Success, text);
}

pub fn error(state: &mut State, text: impl Into<String>) {
    say(state, Tone::Error, text);
}

/// The answer being handled is about `case` (its operation's `about()`): what it says is filed
/// under that case. An answer about no case (a registry search, the case list) has no case the
/// reviewer could have left: it speaks where the reviewer is (a search that finished while they
/// looked elsewhere says so).
pub fn speaking_about(state: &mut State, case: Option<Id>) {
    let here = case.is_none() || state.messages.speaker.is_none_or(|s| s.here);
    state.messages.speaker = Some(Speaker { case, here });
}

/// Add to what was just said (the same message, on the line and in the log).
pub fn append(state: &mut State, more: &str) {
    if !state.messages.said_now {
        return;
    }
    if let Some(last) = state.messages.entries.back_mut() {
        last.text.push_str(more);
    }
    if let Some(line) = state.status.as_mut().filter(|l| l.place.is_none()) {
        line.text.push_str(more);
    }
}

/// After a message is handled: a line said now belongs where the reviewer is; a line about a
/// place the reviewer has left is cleared.
pub fn settle(state: &mut State) {
    let here = Place::here(state);
    if let Some(line) = state.status.as_mut() {
        match line.place {
            None => line.place = Some(here),
            Some(p) if p != here => state.status = None,
            Some(_) => {}
        }
    }
    state.messages.speaker = None;
    state.messages.said_now = false;
}
