//! The note editor: typing, saving (Ctrl-S) and discarding a note, with its draft kept on disk.

use super::*;
use crate::app::keymap::Key;
use crossterm::event::{KeyCode, KeyModifiers};

pub fn save_draft(
    state: &mut State,
    case: crate::api::Id,
    step: crate::api::Id,
    text: String,
    fx: &mut Vec<Effect>,
) {
    if text.trim().is_empty() {
        if state.drafts.remove(&(case, step)).is_some() {
            fx.push(Effect::DeleteDraft { case, step });
        }
    } else {
        state.drafts.insert((case, step), text.clone());
        fx.push(Effect::SaveDraft { case, step, text });
    }
}

pub fn on_editor_key(
    state: &mut State,
    ev: crossterm::event::KeyEvent,
    mut editor: Box<Editor>,
    fx: &mut Vec<Effect>,
) {
    let key = Key::from_event(&ev);
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    if editor.saving {
        // Keep what is being sent exactly as sent; keys wait until the server answers.
        if key.code == KeyCode::Esc {
            info(
                state,
                "still saving: the note stays until the server answers",
            );
        }
        state.mode = Mode::Edit(editor);
        return;
    }
    match key.code {
        KeyCode::Char('s') if ctrl => {
            // Cleaned again here: a draft kept by an older version may still hold a CR or an
            // escape sequence.
            let text = crate::sanitize::note_text(&editor.text());
            if text.trim().is_empty() {
                error(state, "the note is empty");
            } else {
                editor.saving = true;
                info(state, "saving note…");
                let (id, step) = (editor.case, editor.step);
                // The editor is back in place before the gate answers: a refusal (read-only)
                // comes back at once and must find it, to end "saving" and keep the text.
                state.mode = Mode::Edit(editor);
                gate::send(state, Request::AddNote(op::AddNote { id, step, text }), fx);
                return;
            }
            state.mode = Mode::Edit(editor);
        }
        KeyCode::Esc => {
            if editor.text().trim().is_empty() {
                let (c, s) = (editor.case, editor.step);
                save_draft(state, c, s, String::new(), fx);
            } else {
                state.mode = Mode::Confirm(
                    Box::new(Confirm {
                        title: "Discard note".into(),
                        message: "Discard this note? Its text will be lost.".into(),
                        ok_label: "Discard".into(),
                        action: Confirmed::DiscardNote,
                        ok_focused: false,
                    }),
                    Some(editor),
                );
            }
        }
        _ => {
            if editor.area.input(ev) {
                let (c, s, t) = (editor.case, editor.step, editor.text());
                save_draft(state, c, s, t, fx);
            }
            state.mode = Mode::Edit(editor);
        }
    }
}
