//! Esc followed at once by a key, read as Alt+key.
//!
//! Terminals send Alt+x as `ESC x`, so an Esc and a key that arrive together (tmux forwards its
//! buffered Esc that way, and fast typists over SSH do the same) are parsed by crossterm as
//! Alt+x. No essential key needs Alt, so an Alt+key that nothing binds is taken for what the
//! reviewer meant: Esc, then the key — Esc reacts at once instead of being lost.

use super::keymap::Key;
use super::{Mode, State};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The key that followed Esc, when `ev` is an unbound Alt+key; `None` when `ev` is to be
/// handled as it is. The note editor keeps its Alt keys (word moves), so it is left alone.
pub fn split(state: &State, ev: &KeyEvent) -> Option<KeyEvent> {
    if !ev.modifiers.contains(KeyModifiers::ALT) || matches!(state.mode, Mode::Edit(_)) {
        return None;
    }
    let key = Key::from_event(ev);
    if state.keymap.action(state.context(), key).is_some() {
        return None;
    }
    let mut plain = *ev;
    plain.modifiers.remove(KeyModifiers::ALT);
    Some(plain)
}

/// The Esc the terminal folded into the key.
pub fn esc() -> KeyEvent {
    KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
}
