//! `[keys]` in the config file: overrides, unbinding, clear errors with line and column,
//! conflicts, and dispatch, footer and help following the keymap in use.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::app::keymap::{Action, Context, Key, Keymap};
use kyc_console::app::{self, Mode, Msg, Session, State};
use kyc_console::config::file::parse;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

fn keymap(text: &str) -> Keymap {
    let cfg = parse(text, Path::new("c.toml")).unwrap();
    Keymap::with_overrides(&cfg.key_overrides)
}

fn error(text: &str) -> String {
    parse(text, Path::new("c.toml")).unwrap_err().to_string()
}

#[test]
fn only_what_is_named_changes() {
    let km = keymap("[keys.global]\nquit = \"Q\"\n\n[keys.cases]\nfilter = [\"f\", \"Ctrl-f\"]\n");
    assert_eq!(km.action(Context::Cases, Key::ch('Q')), Some(Action::Quit));
    assert_eq!(km.action(Context::Cases, Key::ch('q')), None);
    assert_eq!(
        km.action(Context::Cases, Key::ctrl('c')),
        None,
        "quit lost both keys"
    );
    assert_eq!(
        km.action(Context::Cases, Key::ch('f')),
        Some(Action::Filter)
    );
    assert_eq!(
        km.action(Context::Cases, Key::ctrl('f')),
        Some(Action::Filter)
    );
    assert_eq!(km.action(Context::Cases, Key::ch('/')), None);
    // Untouched: sorting in the list, filtering in the org chart, moving everywhere.
    assert_eq!(
        km.action(Context::Cases, Key::ch('s')),
        Some(Action::SortNext)
    );
    assert_eq!(km.action(Context::Org, Key::ch('/')), Some(Action::Filter));
    assert_eq!(km.action(Context::Steps, Key::ch('j')), Some(Action::Down));
    // Ctrl-f is page down elsewhere, still.
    assert_eq!(
        km.action(Context::Steps, Key::ctrl('f')),
        Some(Action::PageDown)
    );
    assert!(km.conflicts.is_empty(), "{:?}", km.conflicts);
    // The footer keeps the hint on the new key.
    let hints = km.hints(Context::Cases);
    assert!(
        hints.iter().any(|(k, h)| k == "f" && *h == "filter"),
        "{hints:?}"
    );
    assert!(
        hints.iter().any(|(k, h)| k == "Q" && *h == "quit"),
        "{hints:?}"
    );
}

#[test]
fn an_empty_value_unbinds() {
    let km = keymap("[keys.steps]\nmark_failed = \"\"\nactivate = []\n");
    assert_eq!(km.action(Context::Steps, Key::ch('f')), None);
    assert_eq!(km.action(Context::Steps, Key::ch('a')), None);
    assert_eq!(
        km.action(Context::Detail, Key::ch('f')),
        Some(Action::MarkFailed)
    );
    assert!(
        !km.help(Context::Steps)
            .iter()
            .any(|(_, what)| what.contains("Failed"))
    );
}

#[test]
fn unknown_names_are_errors_with_line_and_column() {
    let e = error("environment = \"uat-eu\"\n[keys.cases]\nfliter = \"f\"\n");
    assert!(
        e.starts_with("c.toml:3:1: unknown action \"fliter\" in [keys.cases]"),
        "{e}"
    );
    assert!(e.contains("filter"), "lists what exists: {e}");
    let e = error("[keys.cases]\nfilter = \"Hyper-f\"\n");
    assert!(e.starts_with("c.toml:2:10: unknown key \"Hyper-f\""), "{e}");
    let e = error("[keys.casez]\nfilter = \"f\"\n");
    assert!(
        e.starts_with("c.toml:1:7: unknown key context [keys.casez]"),
        "{e}"
    );
    let e = error("[keys.cases]\nmark_passed = \"p\"\n");
    assert!(
        e.contains("c.toml:2:1") && e.contains("[keys.steps]"),
        "{e}"
    );
    let e = error("[keys.cases]\nfilter = 5\n");
    assert!(e.starts_with("c.toml:2:10:"), "{e}");
}

#[test]
fn conflicts_are_reported_and_the_users_key_wins() {
    let km = keymap("[keys.cases]\nfilter = \"s\"\n");
    assert_eq!(
        km.action(Context::Cases, Key::ch('s')),
        Some(Action::Filter)
    );
    assert_eq!(km.conflicts.len(), 1);
    let c = km.conflicts[0];
    assert_eq!(
        (c.context, c.key, c.kept, c.lost),
        (
            Context::Cases,
            Key::ch('s'),
            Action::Filter,
            Action::SortNext
        )
    );
    assert!(c.describe().contains("s in Case list"), "{}", c.describe());
    // Two of the user's own: the first written wins, and it is reported too.
    let km = keymap("[keys.global]\nhelp = \"x\"\nrefresh = \"x\"\n");
    assert_eq!(km.conflicts.len(), 1);
    assert_eq!(
        km.action(Context::Cases, Key::ch('x')),
        Some(km.conflicts[0].kept)
    );
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn screen(state: &State) -> String {
    let mut t = Terminal::new(TestBackend::new(100, 40)).unwrap();
    t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn dispatch_footer_and_help_follow_the_overrides() {
    let mut s = State::new(Session::default());
    s.keymap =
        keymap("[keys.global]\nhelp = \"F1\"\n\n[keys.cases]\nfilter = \"f\"\nsort_next = \"/\"\n");
    app::update(&mut s, key('/'));
    assert!(matches!(s.mode, Mode::Normal), "/ sorts now");
    assert!(s.cases.sort().is_some());
    app::update(&mut s, key('f'));
    assert!(matches!(s.mode, Mode::Filter), "f filters");
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    );
    let footer = screen(&s);
    let last = footer.lines().last().unwrap_or_default().to_owned();
    assert!(
        last.contains("f filter") && last.contains("/ sort") && last.contains("F1 help"),
        "{last}"
    );
    app::update(&mut s, key('?'));
    assert!(matches!(s.mode, Mode::Normal), "? is no longer help");
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)),
    );
    assert!(matches!(s.mode, Mode::Help(_)));
    let help = screen(&s);
    let row = |k: &str, what: &str| {
        help.lines()
            .any(|l| l.contains(&format!("  {k} ")) && l.contains(what))
    };
    assert!(row("f", "filter as you type"), "{help}");
    assert!(row("F1", "help"), "{help}");
}

#[test]
fn help_lists_conflicts() {
    let mut s = State::new(Session::default());
    s.keymap = keymap("[keys.cases]\nfilter = \"s\"\n");
    app::update(&mut s, key('?'));
    let help = screen(&s);
    assert!(help.contains("Key conflicts"), "{help}");
    assert!(
        help.contains("s in Case list: filter as you type wins over sort by the next"),
        "{help}"
    );
}
