//! A reason picker for a decision: a short list of reasons suited to it, "Other…" with free
//! text, and "No reason" first when a reason is optional. Nothing is chosen at first, so a
//! decision always carries a reason (or "No reason") the reviewer picked themselves.
//!
//! It is state plus a key handler, for any popup that asks why (`ui::reason` draws it): the
//! popup owns the buttons and Esc; the picker takes ↑↓, digits and, under "Other…", typing.
//! Letters do nothing outside "Other…", so a repeated action key cannot pick a reason.

use super::keymap::Key;
use crossterm::event::{KeyCode, KeyModifiers};

/// The last choice of every list: it takes free text.
pub const OTHER: &str = "Other…";
/// The first choice when a reason is optional.
pub const NO_REASON: &str = "No reason";
/// How long a written reason may be: it is a line of a note and of the journal.
pub const MAX_LEN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonPicker {
    /// The reasons, [`NO_REASON`] first when optional, [`OTHER`] last.
    pub choices: Vec<String>,
    /// Nothing until the reviewer chooses.
    pub selected: Option<usize>,
    /// The free text under "Other…".
    pub text: String,
    pub required: bool,
}

impl ReasonPicker {
    /// A picker over `reasons` (without "Other…" or "No reason": they are added here).
    pub fn new(reasons: &[&str], required: bool) -> ReasonPicker {
        let mut choices: Vec<String> = Vec::with_capacity(reasons.len() + 2);
        if !required {
            choices.push(NO_REASON.to_owned());
        }
        choices.extend(reasons.iter().map(|r| (*r).to_owned()));
        choices.push(OTHER.to_owned());
        ReasonPicker {
            choices,
            selected: None,
            text: String::new(),
            required,
        }
    }

    /// Whether "Other…" is chosen: typed keys then go into the text.
    pub fn typing(&self) -> bool {
        self.selected == Some(self.choices.len().saturating_sub(1))
    }

    /// A key for the picker; `false` when it is not one (the popup's own keys, inert letters).
    pub fn on_key(&mut self, key: &Key) -> bool {
        let last = self.choices.len().saturating_sub(1);
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Up => self.selected = Some(self.selected.map_or(0, |i| i.saturating_sub(1))),
            KeyCode::Down => self.selected = Some(self.selected.map_or(0, |i| (i + 1).min(last))),
            KeyCode::Backspace if self.typing() => {
                self.text.pop();
            }
            KeyCode::Char('u') if ctrl && self.typing() => self.text.clear(),
            KeyCode::Char(c) if !ctrl && self.typing() => self.push(&c.to_string()),
            KeyCode::Char(c) if !ctrl => {
                let Some(i) = c
                    .to_digit(10)
                    .and_then(|d| usize::try_from(d).ok())
                    .filter(|d| (1..=self.choices.len()).contains(d))
                else {
                    return false;
                };
                self.selected = Some(i - 1);
            }
            _ => return false,
        }
        true
    }

    /// Pasted text, into the free text when "Other…" is chosen (on one line).
    pub fn paste(&mut self, text: &str) {
        if self.typing() {
            let line = crate::sanitize::note_text(text).replace(['\n', '\t'], " ");
            self.push(&line);
        }
    }

    fn push(&mut self, s: &str) {
        let room = MAX_LEN.saturating_sub(self.text.chars().count());
        self.text
            .extend(s.chars().filter(|c| !c.is_control()).take(room));
    }

    /// The reason chosen: `Ok(None)` for "No reason", `Err` (what is missing) while there is
    /// none to send.
    pub fn chosen(&self) -> Result<Option<String>, String> {
        let Some(i) = self.selected else {
            return Err(if self.required {
                "a reason is required: choose one (↑↓ or its number)".to_owned()
            } else {
                "choose a reason, or \"No reason\" (↑↓ or its number)".to_owned()
            });
        };
        if self.typing() {
            let text = self.text.trim();
            return if text.is_empty() {
                Err("write the reason, or choose one from the list".to_owned())
            } else {
                Ok(Some(text.to_owned()))
            };
        }
        match self.choices.get(i) {
            // "No reason" is first in an optional list.
            Some(_) if !self.required && i == 0 => Ok(None),
            Some(c) => Ok(Some(c.clone())),
            None => Err("choose a reason".to_owned()),
        }
    }
}

/// A decision asked with a reason: the picker, the buttons (Cancel focused until the reviewer
/// moves it) and why the last Enter did not send. Every popup that decides something with a
/// reason (an inbox action, an AML exclusion) asks through this, so they take the same keys:
/// a reason is picked, then Tab and Enter on the action's button send; one key never does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asking {
    pub reason: ReasonPicker,
    pub ok_focused: bool,
    pub error: Option<String>,
}

/// What a key did to an [`Asking`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Esc, Enter on Cancel, or Ctrl-C with nothing written: nothing is sent.
    Cancel,
    /// Enter on the action's button with a reason chosen (`None`: "No reason").
    Confirm(Option<String>),
    /// Still asking (a reason moved, the focus moved, or Enter without a reason).
    Stay,
}

impl Asking {
    pub fn new(reason: ReasonPicker) -> Asking {
        Asking {
            reason,
            ok_focused: false,
            error: None,
        }
    }

    /// The popup's keys: Esc cancels; Tab, ←→ move between Cancel and the action; Enter presses
    /// the focused button; the rest go to the picker. A written reason is not lost to a stray
    /// Ctrl-C: the popup stays and says how to leave.
    pub fn on_key(&mut self, key: &Key) -> Reply {
        let ctrl = key.mods.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return Reply::Cancel,
            KeyCode::Char('c') if ctrl && !self.reason.text.trim().is_empty() => {
                self.error = Some("Esc cancels (the written reason goes with it)".to_owned());
            }
            KeyCode::Char('c') if ctrl => return Reply::Cancel,
            KeyCode::Tab | KeyCode::BackTab | KeyCode::Left | KeyCode::Right => {
                self.ok_focused = !self.ok_focused;
            }
            KeyCode::Enter if !self.ok_focused => return Reply::Cancel,
            KeyCode::Enter => match self.reason.chosen() {
                Ok(reason) => return Reply::Confirm(reason),
                Err(why) => self.error = Some(why),
            },
            _ => {
                if self.reason.on_key(key) {
                    self.error = None;
                }
            }
        }
        Reply::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> Key {
        Key {
            code: c,
            mods: KeyModifiers::NONE,
        }
    }

    #[test]
    fn nothing_is_chosen_at_first_and_a_required_reason_has_no_way_round() {
        let mut p = ReasonPicker::new(&["Not the subject"], true);
        assert_eq!(p.choices, vec!["Not the subject", OTHER]);
        assert!(p.chosen().is_err());
        // Letters are inert outside "Other…".
        assert!(!p.on_key(&key(KeyCode::Char('d'))));
        assert_eq!(p.selected, None);
        assert!(p.on_key(&key(KeyCode::Char('2'))));
        assert!(p.typing());
        assert!(p.chosen().is_err(), "Other… with no text is no reason");
        p.on_key(&key(KeyCode::Char('d')));
        p.paste("up\nlicate\u{1b}[31m");
        assert_eq!(p.chosen(), Ok(Some("dup licate".to_owned())));
    }

    #[test]
    fn an_optional_reason_offers_no_reason_first() {
        let mut p = ReasonPicker::new(&["Change verified"], false);
        assert_eq!(p.choices[0], NO_REASON);
        p.on_key(&key(KeyCode::Down));
        assert_eq!(p.chosen(), Ok(None));
        p.on_key(&key(KeyCode::Down));
        assert_eq!(p.chosen(), Ok(Some("Change verified".to_owned())));
    }

    #[test]
    fn asking_sends_only_from_the_action_button_with_a_reason() {
        let mut a = Asking::new(ReasonPicker::new(&["Not the subject"], true));
        // Enter on Cancel (focused at first) cancels; a repeated letter does nothing.
        assert_eq!(a.clone().on_key(&key(KeyCode::Enter)), Reply::Cancel);
        assert_eq!(a.on_key(&key(KeyCode::Char('x'))), Reply::Stay);
        a.on_key(&key(KeyCode::Tab));
        assert_eq!(a.on_key(&key(KeyCode::Enter)), Reply::Stay);
        assert!(a.error.as_deref().is_some_and(|e| e.contains("required")));
        a.on_key(&key(KeyCode::Char('1')));
        assert_eq!(a.error, None);
        assert_eq!(
            a.on_key(&key(KeyCode::Enter)),
            Reply::Confirm(Some("Not the subject".to_owned()))
        );
        let ctrl_c = Key {
            code: KeyCode::Char('c'),
            mods: KeyModifiers::CONTROL,
        };
        a.on_key(&key(KeyCode::Char('2')));
        a.on_key(&key(KeyCode::Char('w')));
        assert_eq!(a.on_key(&ctrl_c), Reply::Stay, "written text is kept");
        assert_eq!(a.on_key(&key(KeyCode::Esc)), Reply::Cancel);
    }
}
