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

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A check on a field's text: `Err` carries the message shown under the field.
pub type Validator = fn(&str) -> Result<(), String>;

/// Where a date field's day must lie relative to today. Kept as data rather than a
/// [`Validator`] because it needs today's date, which the form is given ([`Form::today`]): the
/// kit never reads a clock, so `update()` stays a function of state and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// Not after today (birth dates, document issue dates).
    NotFuture,
    /// After today (review dates, expiry of a request).
    Future,
}

impl DateRule {
    /// Check `day` against `today`; `Err` names the problem.
    pub fn check(self, day: NaiveDate, today: NaiveDate) -> Result<(), String> {
        match self {
            DateRule::NotFuture if day > today => Err("lies in the future".to_owned()),
            DateRule::Future if day <= today => Err("must be after today".to_owned()),
            _ => Ok(()),
        }
    }
}

/// The date format of [`Input::Date`] fields, as typed and shown.
pub const DATE_FORMAT: &str = "%d/%m/%Y";

/// How the date format reads to a person.
pub const DATE_HINT: &str = "DD/MM/YYYY";

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

    fn open_list(&mut self) {
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

/// What a field takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text,
    /// Shown for reference, never edited (e.g. a name that must be sent exactly as found).
    Fixed,
    /// A date typed as [`DATE_HINT`], checked to be a real day.
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
        Field::new(key, label, Input::Date).hint(DATE_HINT)
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

    fn set_value(&mut self, v: &str) {
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
        } else if matches!(self.input, Input::Date) && parse_date(&answer).is_none() {
            Some(format!("not a date: use {DATE_HINT}"))
        } else {
            let dated = match (self.date_rule, parse_date(&answer), today) {
                (Some(rule), Some(day), Some(today)) => rule.check(day, today).err(),
                _ => None,
            };
            dated.or_else(|| self.validators.iter().find_map(|v| v(&answer).err()))
        };
        self.error = msg.clone();
        msg
    }

    fn insert(&mut self, text: &str) {
        let at = byte_at(&self.value, self.cursor);
        self.value.insert_str(at, text);
        self.cursor += text.chars().count();
    }
}

/// The byte offset of the `n`th character.
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// A date as the form takes it ([`DATE_HINT`]).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), DATE_FORMAT).ok()
}

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
        parse_date(self.value(key))
    }

    /// Set a field's value as if typed (no dirty mark).
    pub fn set_value(&mut self, key: &str, v: &str) {
        if let Some(f) = self.field_mut(key) {
            f.set_value(v);
        }
    }

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

    /// What was typed and chosen, as text to keep on disk until the server has it (house rule
    /// 6): one `key<TAB>value` line per filled field; fixed fields are left out.
    pub fn to_draft(&self) -> String {
        self.fields
            .iter()
            .filter(|f| !matches!(f.input, Input::Fixed) && !f.answer().is_empty())
            .map(|f| format!("{}\t{}\n", f.key, f.answer()))
            .collect()
    }

    /// Put a kept draft back; unknown keys are ignored. The form counts as typed in, so Esc
    /// asks before throwing it away.
    pub fn restore(&mut self, draft: &str) {
        for line in draft.lines() {
            if let Some((key, value)) = line.split_once('\t')
                && let Some(f) = self
                    .fields
                    .iter_mut()
                    .find(|f| f.key == key && !matches!(f.input, Input::Fixed))
            {
                f.set_value(value);
                self.dirty = true;
            }
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

    /// The focused field's open choice list, if any.
    pub fn open_choice(&self) -> Option<&Choice> {
        self.fields
            .get(self.focus)
            .and_then(Field::choice_state)
            .filter(|c| c.open)
    }

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

    /// Keys of a focused choice field; false when the key is not for it.
    fn on_choice_key(&mut self, key: KeyEvent) -> bool {
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
                KeyCode::Enter | KeyCode::Tab => {
                    if c.pick() {
                        *error = None;
                        self.dirty = true;
                        if self.focus + 1 < self.fields.len() {
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

/// Validators for common shapes; each names what is wrong.
pub mod checks {
    /// An ISO 3166 alpha-2 code (two letters), e.g. GB.
    pub fn iso_country(v: &str) -> Result<(), String> {
        if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(())
        } else {
            Err(format!(
                "{v:?} is not an ISO country code (two letters, e.g. GB)"
            ))
        }
    }

    /// An e-mail address, loosely: something@something.something.
    pub fn email(v: &str) -> Result<(), String> {
        let ok = v.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
        }) && !v.contains(char::is_whitespace);
        if ok {
            Ok(())
        } else {
            Err("not an e-mail address (name@example.com)".to_owned())
        }
    }

    /// A telephone number: digits, spaces and + ( ) -, at least 6 digits.
    pub fn phone(v: &str) -> Result<(), String> {
        let digits = v.chars().filter(char::is_ascii_digit).count();
        if digits >= 6 && v.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
            Ok(())
        } else {
            Err("not a telephone number (digits, + ( ) -)".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.on_key(key(KeyCode::Char(c)));
        }
    }

    fn countries() -> Vec<Opt> {
        vec![
            Opt::new("GB", "United Kingdom").note("automated"),
            Opt::new("GI", "Gibraltar").note("automated"),
            Opt::new("AE", "United Arab Emirates"),
        ]
    }

    fn sample() -> Form {
        Form::new(
            "Sample",
            vec![
                Field::text("name", "Name").required(),
                Field::date("born", "Born").not_future(),
                Field::choice("country", "Country", countries()).required(),
                Field::text("email", "E-mail").check(checks::email),
            ],
        )
    }

    #[test]
    fn validate_returns_every_error_and_marks_the_fields() {
        let mut f = sample();
        f.fields[1].value = "31/02/2020".into();
        f.fields[3].value = "nobody".into();
        let errors = f.validate();
        let keys: Vec<_> = errors.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["name", "born", "country", "email"]);
        assert!(f.fields.iter().all(|x| x.error.is_some()));
        assert_eq!(f.focus, 0, "focus goes to the first invalid field");
        assert!(errors[1].1.contains("DD/MM/YYYY"));
    }

    #[test]
    fn submit_only_when_valid() {
        let mut f = sample();
        assert_eq!(f.on_key(ctrl('s')), Outcome::Stay);
        assert!(f.has_errors());
        typed(&mut f, "Ada");
        assert!(
            f.fields[0].error.is_none(),
            "typing clears the field's error"
        );
        f.on_key(key(KeyCode::Tab));
        typed(&mut f, "10/12/1815");
        f.on_key(key(KeyCode::Tab));
        typed(&mut f, "gib");
        assert_eq!(f.open_choice().map(|c| c.matches()), Some(vec![1]));
        f.on_key(key(KeyCode::Enter));
        assert_eq!(f.value("country"), "GI");
        assert_eq!(f.focus, 3, "picking moves on");
        assert_eq!(f.on_key(key(KeyCode::Enter)), Outcome::Submit);
        assert_eq!(f.value("name"), "Ada");
        assert_eq!(f.date("born"), NaiveDate::from_ymd_opt(1815, 12, 10));
        assert_eq!(f.opt("email"), None);
    }

    #[test]
    fn focus_moves_with_tab_and_arrows_and_stops_at_the_ends() {
        let mut f = sample();
        f.on_key(key(KeyCode::BackTab));
        assert_eq!(f.focus, 0);
        f.on_key(key(KeyCode::Down));
        f.on_key(key(KeyCode::Tab));
        assert_eq!(f.focus, 2);
        f.on_key(key(KeyCode::Up));
        assert_eq!(f.focus, 1);
        f.on_key(key(KeyCode::Enter));
        assert_eq!(f.focus, 2, "Enter before the last field moves on");
    }

    #[test]
    fn choice_narrows_by_every_word_and_cycles_when_closed() {
        let mut f = sample();
        f.focus = 2;
        typed(&mut f, "united ar");
        let c = f.open_choice().cloned().unwrap_or_default();
        assert_eq!(c.matches(), vec![2]);
        f.on_key(key(KeyCode::Esc));
        assert!(f.open_choice().is_none(), "Esc closes the list only");
        f.on_key(key(KeyCode::Right));
        assert_eq!(f.value("country"), "GB");
        f.on_key(key(KeyCode::Left));
        assert_eq!(f.value("country"), "AE");
        f.set_options("country", vec![Opt::new("AE", "UAE")]);
        assert_eq!(
            f.value("country"),
            "AE",
            "the selection survives new options"
        );
    }

    #[test]
    fn esc_asks_only_when_something_was_typed() {
        let mut f = sample();
        assert_eq!(f.on_key(key(KeyCode::Esc)), Outcome::Cancel);
        let mut f = sample();
        typed(&mut f, "x");
        assert_eq!(f.on_key(key(KeyCode::Esc)), Outcome::Stay);
        assert!(f.asking_discard);
        assert_eq!(f.on_key(key(KeyCode::Enter)), Outcome::Stay);
        assert_eq!(f.value("name"), "x", "anything but y keeps the text");
        f.on_key(key(KeyCode::Esc));
        assert_eq!(f.on_key(key(KeyCode::Char('y'))), Outcome::Cancel);
    }

    #[test]
    fn line_editing_moves_by_characters() {
        let mut f = sample();
        typed(&mut f, "Zoë");
        f.on_key(key(KeyCode::Left));
        f.on_key(key(KeyCode::Backspace));
        typed(&mut f, "e");
        assert_eq!(f.value("name"), "Zeë");
        f.on_key(key(KeyCode::Home));
        f.on_key(key(KeyCode::Delete));
        assert_eq!(f.value("name"), "eë");
        f.on_paste("a\nb");
        assert_eq!(f.value("name"), "a beë");
        f.on_key(ctrl('u'));
        assert_eq!(f.value("name"), "");
    }

    #[test]
    fn a_draft_comes_back_even_before_the_options() {
        let mut f = sample();
        typed(&mut f, "Ada");
        f.set_value("country", "GI");
        let draft = f.to_draft();
        assert_eq!(draft, "name\tAda\ncountry\tGI\n");
        let mut g = sample();
        g.set_options("country", Vec::new());
        g.set_loading("country", true);
        g.restore(&draft);
        assert!(g.dirty);
        assert_eq!(g.value("name"), "Ada");
        assert_eq!(g.value("country"), "", "no options yet");
        g.set_options("country", countries());
        assert_eq!(g.value("country"), "GI", "taken when the options arrive");
    }

    #[test]
    fn fixed_fields_are_not_edited() {
        let mut f = Form::new("F", vec![Field::fixed("name", "Name", "ACME Ltd")]);
        typed(&mut f, "x");
        f.on_key(key(KeyCode::Backspace));
        f.on_paste("y");
        assert_eq!(f.value("name"), "ACME Ltd");
        assert!(!f.dirty);
    }

    #[test]
    fn keys_are_held_while_sending() {
        let mut f = sample();
        f.sending = true;
        typed(&mut f, "x");
        assert_eq!(f.on_key(key(KeyCode::Esc)), Outcome::Stay);
        assert_eq!(f.value("name"), "");
    }

    #[test]
    fn checks_name_the_problem() {
        assert!(checks::iso_country("GB").is_ok());
        assert!(checks::iso_country("GBR").is_err());
        assert!(checks::email("a@b.co").is_ok());
        assert!(checks::email("a@b").is_err());
        assert!(checks::phone("+44 20 7946 0000").is_ok());
        assert!(checks::phone("call me").is_err());
    }

    #[test]
    fn date_rules_compare_with_the_date_the_form_is_given() {
        let day = |d| parse_date(d).expect("a date");
        let today = day("15/06/2024");
        assert!(DateRule::NotFuture.check(day("15/06/2024"), today).is_ok());
        assert!(DateRule::NotFuture.check(day("16/06/2024"), today).is_err());
        assert!(DateRule::Future.check(day("15/06/2024"), today).is_err());
        assert!(DateRule::Future.check(day("16/06/2024"), today).is_ok());
        // The same form, the same text: the verdict follows the date it was given, not a clock.
        let mut f = sample();
        f.fields[1].value = "01/01/2030".into();
        f.today = Some(day("01/01/2031"));
        assert_eq!(f.fields[1].validate(f.today), None);
        f.today = Some(day("01/01/2029"));
        let errors = f.validate();
        assert!(
            errors.contains(&("born", "lies in the future".to_owned())),
            "{errors:?}"
        );
    }
}
