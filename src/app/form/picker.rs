//! Choice fields: options narrowed by typing, picked from a list or stepped through with the
//! arrows, and options that may arrive after the form opens (loaded, or after a draft asked for
//! one of them).

use super::{Field, Form, Input};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// How many options a choice list shows at once.
pub const LIST_ROWS: usize = 6;

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    /// What the form answers for it (a code, an id).
    pub value: String,
    /// What the user reads and types to narrow.
    pub label: String,
    /// A short remark shown beside the label ("automated"); may be empty.
    pub note: String,
}

impl Opt {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Opt {
        Opt {
            value: value.into(),
            label: label.into(),
            note: String::new(),
        }
    }

    pub fn note(mut self, note: impl Into<String>) -> Opt {
        self.note = note.into();
        self
    }
}

/// A choice from a list, narrowed by typing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choice {
    pub options: Vec<Opt>,
    pub selected: Option<usize>,
    /// What was typed to narrow the list.
    pub query: String,
    /// The list is showing.
    pub open: bool,
    /// The highlighted row among [`Choice::matches`].
    pub cursor: usize,
    /// The options are still loading.
    pub loading: bool,
    /// A value asked for before its option was there (options still loading, a restored
    /// draft): taken as soon as [`Form::set_options`] brings it.
    pub wanted: Option<String>,
}

impl Choice {
    /// The indexes of the options that match the query (every word, in label or value): those
    /// whose label or value starts with the query first, so "ge" finds Germany before Argentina.
    pub fn matches(&self) -> Vec<usize> {
        let query = self.query.trim().to_lowercase();
        let words: Vec<&str> = query.split_whitespace().collect();
        let mut hits: Vec<(bool, usize)> = self
            .options
            .iter()
            .enumerate()
            .filter_map(|(i, o)| {
                let label = o.label.to_lowercase();
                let value = o.value.to_lowercase();
                let all = words.iter().all(|w| label.contains(w) || value.contains(w));
                let starts = label.starts_with(&query) || value == query;
                all.then_some((!starts, i))
            })
            .collect();
        hits.sort();
        hits.into_iter().map(|(_, i)| i).collect()
    }

    pub(super) fn open_list(&mut self) {
        self.open = true;
        let m = self.matches();
        self.cursor = self
            .selected
            .and_then(|s| m.iter().position(|&i| i == s))
            .unwrap_or(0);
    }

    /// Take the highlighted option; false when nothing matches.
    fn pick(&mut self) -> bool {
        let Some(&i) = self.matches().get(self.cursor) else {
            return false;
        };
        self.selected = Some(i);
        self.query.clear();
        self.open = false;
        true
    }

    /// Step the selection through all options (the list closed), wrapping.
    fn cycle(&mut self, forward: bool) {
        let n = self.options.len();
        if n == 0 {
            return;
        }
        self.selected = Some(match (self.selected, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
    }
}

impl Form {
    /// Replace a choice field's options (e.g. once loaded), keeping the selection by value.
    pub fn set_options(&mut self, key: &str, options: Vec<Opt>) {
        if let Some(Field {
            input: Input::Choice(c),
            ..
        }) = self.field_mut(key)
        {
            let keep = c
                .selected
                .and_then(|i| c.options.get(i))
                .map(|o| o.value.clone())
                .or(c.wanted.take());
            c.selected = keep
                .as_ref()
                .and_then(|v| options.iter().position(|o| &o.value == v));
            if c.selected.is_none() && c.loading {
                // Still nothing to match: keep asking for it when real options arrive.
                c.wanted = keep;
            }
            c.options = options;
            c.loading = false;
            c.cursor = 0;
        }
    }

    /// Mark a choice field as loading its options.
    pub fn set_loading(&mut self, key: &str, loading: bool) {
        if let Some(Field {
            input: Input::Choice(c),
            ..
        }) = self.field_mut(key)
        {
            c.loading = loading;
        }
    }

    /// The focused field's open choice list, if any.
    pub fn open_choice(&self) -> Option<&Choice> {
        self.fields
            .get(self.focus)
            .and_then(Field::choice_state)
            .filter(|c| c.open)
    }

    /// Keys of a focused choice field; false when the key is not for it.
    pub(super) fn on_choice_key(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let Some(Field {
            input: Input::Choice(c),
            error,
            ..
        }) = self.fields.get_mut(self.focus)
        else {
            return false;
        };
        if c.open {
            let n = c.matches().len();
            match key.code {
                KeyCode::Esc => {
                    c.open = false;
                    c.query.clear();
                }
                // Enter picks and stays on the field, so the next Tab goes to the next field
                // and none is skipped; Tab picks and moves on, as Tab does everywhere.
                KeyCode::Enter | KeyCode::Tab => {
                    if c.pick() {
                        *error = None;
                        self.dirty = true;
                        if key.code == KeyCode::Tab && self.focus + 1 < self.fields.len() {
                            self.focus += 1;
                        }
                    }
                }
                KeyCode::Down => c.cursor = (c.cursor + 1).min(n.saturating_sub(1)),
                KeyCode::Up => c.cursor = c.cursor.saturating_sub(1),
                KeyCode::PageDown => c.cursor = (c.cursor + LIST_ROWS).min(n.saturating_sub(1)),
                KeyCode::PageUp => c.cursor = c.cursor.saturating_sub(LIST_ROWS),
                KeyCode::Backspace => {
                    c.query.pop();
                    c.cursor = 0;
                }
                KeyCode::Char('u') if ctrl => {
                    c.query.clear();
                    c.cursor = 0;
                }
                KeyCode::Char(ch) if !ctrl => {
                    c.query.push(ch);
                    c.cursor = 0;
                }
                // Shift-Tab and the rest close the list and do what they do elsewhere.
                _ => {
                    c.open = false;
                    c.query.clear();
                    return false;
                }
            }
            return true;
        }
        match key.code {
            KeyCode::Char(' ') => c.open_list(),
            KeyCode::Enter if c.selected.is_none() => c.open_list(),
            KeyCode::Left | KeyCode::Right => {
                c.cycle(key.code == KeyCode::Right);
                *error = None;
                self.dirty = true;
            }
            KeyCode::Backspace | KeyCode::Delete if c.selected.is_some() => {
                c.selected = None;
                self.dirty = true;
            }
            KeyCode::Char(ch) if !ctrl => {
                c.query = ch.to_string();
                c.open_list();
                c.cursor = 0;
            }
            _ => return false,
        }
        true
    }
}
