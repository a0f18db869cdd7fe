//! One labelled field: what it takes (text, a fixed value, a date, a choice), its value and
//! cursor, and its own validation.

use super::date::DateRule;
use super::picker::{Choice, Opt};
use crate::words::DateFormat;
use chrono::NaiveDate;

/// A check on a field's text: `Err` carries the message shown under the field.
pub type Validator = fn(&str) -> Result<(), String>;

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Shown for reference, never edited (e.g. a name that must be sent exactly as found).
    Fixed,
    /// A date typed in the field's [`DateFormat`], checked to be a real day.
    Date,
    Choice(Choice),
}

/// One labelled field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The host's name for the field (e.g. the JSON field it fills).
    pub key: &'static str,
    pub label: String,
    pub input: Input,
    pub required: bool,
    /// The text of a text or date field.
    pub value: String,
    /// The cursor in `value`, in characters.
    pub cursor: usize,
    pub validators: Vec<Validator>,
    /// Where the day of a date field must lie relative to today.
    pub date_rule: Option<DateRule>,
    /// The message of the last validation, shown under the field.
    pub error: Option<String>,
    /// A short help shown under the field when it has the focus and no error.
    pub hint: String,
    /// How a date field's day is typed (the form sets it: `Form::dates`).
    pub dates: DateFormat,
}

impl Field {
    fn new(key: &'static str, label: impl Into<String>, input: Input) -> Field {
        Field {
            key,
            label: label.into(),
            input,
            required: false,
            value: String::new(),
            cursor: 0,
            validators: Vec::new(),
            date_rule: None,
            error: None,
            hint: String::new(),
            dates: DateFormat::default(),
        }
    }

    pub fn text(key: &'static str, label: impl Into<String>) -> Field {
        Field::new(key, label, Input::Text)
    }

    /// A value shown but not editable.
    pub fn fixed(key: &'static str, label: impl Into<String>, value: impl Into<String>) -> Field {
        Field::new(key, label, Input::Fixed).value(value)
    }

    pub fn date(key: &'static str, label: impl Into<String>) -> Field {
        Field::new(key, label, Input::Date).hint(DateFormat::default().hint())
    }

    pub fn choice(key: &'static str, label: impl Into<String>, options: Vec<Opt>) -> Field {
        Field::new(
            key,
            label,
            Input::Choice(Choice {
                options,
                ..Choice::default()
            }),
        )
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn check(mut self, v: Validator) -> Field {
        self.validators.push(v);
        self
    }

    /// The day must not lie after today.
    pub fn not_future(mut self) -> Field {
        self.date_rule = Some(DateRule::NotFuture);
        self
    }

    /// The day must lie after today.
    pub fn future(mut self) -> Field {
        self.date_rule = Some(DateRule::Future);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Field {
        self.hint = hint.into();
        self
    }

    /// Start with a value: text for text and date fields, an option's value for a choice.
    pub fn value(mut self, v: impl Into<String>) -> Field {
        self.set_value(&v.into());
        self
    }

    pub(super) fn set_value(&mut self, v: &str) {
        match &mut self.input {
            Input::Choice(c) => {
                c.selected = c.options.iter().position(|o| o.value == v);
                c.wanted = (c.selected.is_none() && !v.is_empty()).then(|| v.to_owned());
            }
            _ => {
                self.value = v.to_owned();
                self.cursor = v.chars().count();
            }
        }
    }

    /// What the field answers: the text, or the selected option's value ("" when none).
    pub fn answer(&self) -> &str {
        match &self.input {
            Input::Choice(c) => c
                .selected
                .and_then(|i| c.options.get(i))
                .map_or("", |o| o.value.as_str()),
            _ => self.value.trim(),
        }
    }

    /// What the field shows when not being edited: the text, or the selected option's label.
    pub fn shown(&self) -> &str {
        match &self.input {
            Input::Choice(c) => c
                .selected
                .and_then(|i| c.options.get(i))
                .map_or("", |o| o.label.as_str()),
            _ => &self.value,
        }
    }

    pub fn choice_state(&self) -> Option<&Choice> {
        match &self.input {
            Input::Choice(c) => Some(c),
            _ => None,
        }
    }

    /// Check the field against `today` (no date rule is checked without it); the message (if
    /// any) is also kept in `error`.
    pub fn validate(&mut self, today: Option<NaiveDate>) -> Option<String> {
        let answer = self.answer().to_owned();
        let msg = if answer.is_empty() {
            self.required.then(|| match self.input {
                Input::Choice(_) => "required: pick one".to_owned(),
                _ => "required".to_owned(),
            })
        } else if matches!(self.input, Input::Date) && self.dates.parse_typed(&answer).is_none() {
            Some(format!("not a date: use {}", self.dates.hint()))
        } else {
            let dated = match (self.date_rule, self.dates.parse_typed(&answer), today) {
                (Some(rule), Some(day), Some(today)) => rule.check(day, today).err(),
                _ => None,
            };
            dated.or_else(|| self.validators.iter().find_map(|v| v(&answer).err()))
        };
        self.error = msg.clone();
        msg
    }

    pub(super) fn insert(&mut self, text: &str) {
        let at = byte_at(&self.value, self.cursor);
        self.value.insert_str(at, text);
        self.cursor += text.chars().count();
    }
}

/// The byte offset of the `n`th character.
pub(super) fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}
