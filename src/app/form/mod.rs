//! A small form kit: labelled fields (text, date, choice from a list), validated all at once
//! before anything is sent.
//!
//! It knows nothing of what a form is for: the host builds a [`Form`], feeds it keys, and acts
//! when [`Form::on_key`] answers [`Outcome::Submit`] (every field valid) or [`Outcome::Cancel`].
//! Errors are kept per field so the drawing can name them under the field, in words.
//!
//! A host keeps the form in its own popup or mode, passes keys and pastes while it shows, draws
//! it with `ui::form::draw`, sets `sending` while the request runs (keys are held, so what was
//! sent stays what is shown), and on failure clears `sending` and puts the server's words in
//! `message` (or on a field with [`Form::set_error`]): nothing typed is lost.
//!
//! The kit is split by concern: [`field`] (a labelled field and what it takes), [`picker`] (choice
//! lists narrowed by typing), [`keys`] (keys and pastes while the form shows), [`date`] (dates as
//! typed, and rules relative to today), [`draft`] (what was typed, kept on disk) and [`checks`]
//! (validators for common shapes). This module holds the form itself and its answers.

pub mod checks;
mod date;
mod draft;
mod field;
mod keys;
mod picker;
#[cfg(test)]
mod tests;

pub use date::DateRule;
pub use field::{Field, Input, Validator};
pub use keys::Outcome;
pub use picker::{Choice, LIST_ROWS, Opt};

use chrono::NaiveDate;

/// A form: fields, the focus, and whether it is being sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// The host sent it and waits for the answer: keys are held so what is sent stays as shown.
    pub sending: bool,
    /// Something was typed or chosen (so Esc asks before throwing it away).
    pub dirty: bool,
    /// Esc was pressed with something typed: `y` discards, anything else goes back.
    pub asking_discard: bool,
    /// A message about the whole form (e.g. the server's refusal), shown above the buttons.
    pub message: Option<String>,
    /// The label of the submit action ("Create", "Search").
    pub submit_label: String,
    /// Today's date for the date rules: the host copies `State::today` in before passing a key.
    pub today: Option<NaiveDate>,
}

impl Form {
    pub fn new(title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            title: title.into(),
            fields,
            focus: 0,
            sending: false,
            dirty: false,
            asking_discard: false,
            message: None,
            submit_label: "Submit".to_owned(),
            today: None,
        }
    }

    pub fn submit_label(mut self, label: impl Into<String>) -> Form {
        self.submit_label = label.into();
        self
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The answer of a field ("" when empty or unknown).
    pub fn value(&self, key: &str) -> &str {
        self.field(key).map_or("", Field::answer)
    }

    /// The answer of a field, `None` when empty: for optional JSON fields.
    pub fn opt(&self, key: &str) -> Option<String> {
        Some(self.value(key))
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// A date field's day, when it holds a valid one.
    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        let f = self.field(key)?;
        f.dates.parse_typed(f.answer())
    }

    /// Dates are typed (and hinted) in this format: the one the console shows them in.
    pub fn dates(mut self, dates: crate::words::DateFormat) -> Form {
        for f in self
            .fields
            .iter_mut()
            .filter(|f| matches!(f.input, Input::Date))
        {
            f.dates = dates;
            f.hint = dates.hint().to_owned();
        }
        self
    }

    /// Set a field's value as if typed (no dirty mark).
    pub fn set_value(&mut self, key: &str, v: &str) {
        if let Some(f) = self.field_mut(key) {
            f.set_value(v);
        }
    }

    /// Mark a field invalid from outside (a rule across fields, or the server's answer).
    pub fn set_error(&mut self, key: &str, msg: impl Into<String>) {
        if let Some(f) = self.field_mut(key) {
            f.error = Some(msg.into());
        }
    }

    /// Focus a field by key.
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.focus = i;
        }
    }

    /// Check every field; every error is returned and kept on its field. The focus moves to the
    /// first invalid field.
    pub fn validate(&mut self) -> Vec<(&'static str, String)> {
        let errors: Vec<(&'static str, String)> = self
            .fields
            .iter_mut()
            .filter_map(|f| f.validate(self.today).map(|m| (f.key, m)))
            .collect();
        if let Some((key, _)) = errors.first() {
            self.focus_on(key);
        }
        errors
    }

    /// Whether any field carries an error.
    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }
}
