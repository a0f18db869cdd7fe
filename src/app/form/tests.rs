//! The form kit driven as a host drives it: keys, pastes, drafts and validation across fields.
//! The pieces meet in every test (typing into a choice, validating a date on submit), so the
//! tests and their fixtures live here rather than beside each file; the validators' own test is
//! in [`super::checks`].

use super::*;
use crate::words::DateFormat;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    .dates(DateFormat::DayMonthYear)
}

/// A date field takes the format it is given, and says which in its hint and error.
#[test]
fn a_date_is_typed_in_the_form_s_format() {
    let mut f = Form::new("x", vec![Field::date("born", "Born")]);
    assert_eq!(f.fields[0].hint, "YYYY-MM-DD");
    f.set_value("born", "2020-02-29");
    assert!(f.validate().is_empty());
    assert_eq!(f.date("born"), chrono::NaiveDate::from_ymd_opt(2020, 2, 29));
    let mut f = f.dates(DateFormat::DayMonthYear);
    assert_eq!(f.fields[0].hint, "DD/MM/YYYY");
    assert!(f.validate()[0].1.contains("DD/MM/YYYY"));
    f.set_value("born", "29/02/2020");
    assert_eq!(f.date("born"), chrono::NaiveDate::from_ymd_opt(2020, 2, 29));
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
    assert_eq!(f.focus, 2, "Enter picks and stays");
    f.on_key(key(KeyCode::Enter));
    assert_eq!(f.focus, 3, "Enter again moves on");
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
fn date_rules_compare_with_the_date_the_form_is_given() {
    let day = |d| DateFormat::DayMonthYear.parse_typed(d).expect("a date");
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
