use super::*;

#[test]
fn context_binding_wins_over_global() {
    let km = Keymap::default();
    assert_eq!(
        km.action(Context::Steps, Key::ch('f')),
        Some(Action::MarkFailed)
    );
    assert_eq!(km.action(Context::Cases, Key::ch('j')), Some(Action::Down));
    assert_eq!(km.action(Context::Cases, Key::ch('p')), None);
}

#[test]
fn shift_is_folded_into_characters() {
    let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(Key::from_event(&ev), Key::ch('G'));
}

#[test]
fn the_defaults_have_no_conflicts() {
    let km = Keymap::with_overrides(&[]);
    assert_eq!(km.conflicts, vec![]);
    assert_eq!(km.bindings.len(), DEFAULT_BINDINGS.len());
}

#[test]
fn footer_hints_come_from_the_table() {
    let km = Keymap::default();
    let hints = km.hints(Context::Cases);
    assert!(hints.iter().any(|(k, h)| k == "/" && *h == "filter"));
    assert!(hints.iter().any(|(k, h)| k == "q" && *h == "quit"));
}

#[test]
fn hints_and_help_say_which_keys_change_something() {
    let km = Keymap::default();
    let hints = km.hint_rows(Context::Steps);
    let pass = hints.iter().find(|h| h.word == "pass").expect("p pass");
    assert!(pass.changes);
    let pane = hints.iter().find(|h| h.word == "pane").expect("Tab pane");
    assert!(!pane.changes);
    let help = km.help_rows(Context::Alerts);
    assert!(help.iter().any(|h| h.key == "a" && h.changes));
    assert!(help.iter().any(|h| h.key == "Space" && !h.changes));
}
