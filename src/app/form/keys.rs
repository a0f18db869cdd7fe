//! Keys and pastes while a form shows: moving between fields, line editing, submitting only
//! when every field is valid, and asking before typed work is thrown away.

use super::field::byte_at;
use super::{Form, Input};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Still editing.
    Stay,
    /// Submit was asked and every field is valid.
    Submit,
    /// The user left the form (after confirming if anything was typed).
    Cancel,
}

impl Form {
    /// Pasted text goes into the focused text field, on one line.
    pub fn on_paste(&mut self, text: &str) {
        if self.sending {
            return;
        }
        let text = text.replace(['\n', '\r', '\t'], " ");
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut f.input {
            Input::Choice(c) => {
                c.query.push_str(&text);
                c.open_list();
            }
            Input::Fixed => return,
            _ => f.insert(&text),
        }
        self.dirty = true;
    }

    /// One key.
    pub fn on_key(&mut self, key: KeyEvent) -> Outcome {
        if self.sending {
            return Outcome::Stay;
        }
        if self.asking_discard {
            self.asking_discard = false;
            return match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => Outcome::Cancel,
                _ => Outcome::Stay,
            };
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('s') {
            return self.submit();
        }
        if self.on_choice_key(key) {
            return Outcome::Stay;
        }
        let last = self.fields.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => {
                if self.dirty {
                    self.asking_discard = true;
                    return Outcome::Stay;
                }
                return Outcome::Cancel;
            }
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1).min(last),
            KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
            KeyCode::Enter if self.focus >= last => return self.submit(),
            KeyCode::Enter => self.focus += 1,
            _ => self.on_text_key(key),
        }
        Outcome::Stay
    }

    fn submit(&mut self) -> Outcome {
        self.message = None;
        if self.validate().is_empty() {
            Outcome::Submit
        } else {
            Outcome::Stay
        }
    }

    /// Keys of a focused text or date field.
    fn on_text_key(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(f) = self.fields.get_mut(self.focus) else {
            return;
        };
        if matches!(f.input, Input::Choice(_) | Input::Fixed) {
            return;
        }
        let len = f.value.chars().count();
        let before = f.value.clone();
        match key.code {
            KeyCode::Left => f.cursor = f.cursor.saturating_sub(1),
            KeyCode::Right => f.cursor = (f.cursor + 1).min(len),
            KeyCode::Home => f.cursor = 0,
            KeyCode::Char('a') if ctrl => f.cursor = 0,
            KeyCode::End => f.cursor = len,
            KeyCode::Char('e') if ctrl => f.cursor = len,
            KeyCode::Char('u') if ctrl => {
                f.value.clear();
                f.cursor = 0;
            }
            KeyCode::Backspace if f.cursor > 0 => {
                f.cursor -= 1;
                let at = byte_at(&f.value, f.cursor);
                f.value.remove(at);
            }
            KeyCode::Delete if f.cursor < len => {
                let at = byte_at(&f.value, f.cursor);
                f.value.remove(at);
            }
            KeyCode::Char(ch) if !ctrl => f.insert(&ch.to_string()),
            _ => {}
        }
        if f.value != before {
            // The old message spoke of the old text.
            f.error = None;
            self.dirty = true;
        }
    }
}
