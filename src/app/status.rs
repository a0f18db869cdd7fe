//! The status line: what every pane says after a key or an answer, in one of three tones.

use super::{State, StatusLine, Tone};

/// Say something in a given tone (replaces what the line said).
pub fn say(state: &mut State, tone: Tone, text: impl Into<String>) {
    state.status = Some(StatusLine {
        text: text.into(),
        tone,
    });
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
