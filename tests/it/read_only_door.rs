//! Issue 15 item 6: read-only mode refuses at the door. Every key, command and form that would
//! change something is refused when pressed or opened, with the gate's reason, and opens
//! nothing; the footer and help show those keys as off; and no mode traps the reviewer.
//!
//! The keys and commands come from the keymap and the command table, so one added later is
//! covered without a line here.

use crate::common::Harness;
use crossterm::event::{KeyCode, KeyEvent};
use kyc_console::app::command::{COMMANDS, name_changes};
use kyc_console::app::docs::Row;
use kyc_console::app::gate::READ_ONLY;
use kyc_console::app::keymap::Key;
use kyc_console::app::{self, Context, Effect, Mode, Msg, View};

async fn read_only() -> Harness {
    let mut h = Harness::demo().await;
    h.state.session.read_only = true;
    h
}

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

/// Filter the case list and open the first case.
async fn open_case(h: &mut Harness, filter: &str) {
    command(h, "cases").await;
    h.key(KeyCode::Char('/'));
    h.ctrl('u');
    h.type_text(filter);
    h.key(KeyCode::Enter);
    assert!(!h.state.cases.view().is_empty(), "the demo has {filter}");
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
}

/// Press a key through `update` and keep what it asked for, without carrying it out.
fn press(h: &mut Harness, key: Key) -> Vec<Effect> {
    app::update(&mut h.state, Msg::Key(KeyEvent::new(key.code, key.mods)))
}

/// Nothing that changes anything was asked for.
fn no_change_sent(fx: &[Effect]) -> bool {
    !fx.iter()
        .any(|e| matches!(e, Effect::Fetch { request, .. } if request.facts().change.is_some()))
}

/// The place of each context with keys that change something, reached as a reviewer would.
async fn reach(h: &mut Harness, ctx: Context) {
    match ctx {
        Context::Overview => command(h, "overview").await,
        Context::Steps => command(h, "steps").await,
        Context::Detail => command(h, "detail").await,
        Context::Notes => command(h, "notes").await,
        Context::Org => command(h, "org").await,
        Context::Aml => command(h, "aml").await,
        Context::Properties => command(h, "props").await,
        Context::Docs => command(h, "docs").await,
        Context::Inbox => command(h, "alerts").await,
        Context::Alerts => {
            command(h, "alerts").await;
            h.keys(&[KeyCode::Enter]).await;
        }
        Context::Search => command(h, "search northbridge GB").await,
        other => panic!("no way to {other:?} here: add one"),
    }
    assert_eq!(h.state.context(), ctx, "reached {ctx:?}");
}

#[tokio::test]
async fn every_changing_key_on_every_pane_is_refused_with_the_reason_and_opens_nothing() {
    let mut h = read_only().await;
    open_case(&mut h, "type:entity status:open").await;
    let case = h.state.case.as_ref().map(|c| c.id);
    let mut contexts: Vec<Context> = Vec::new();
    for b in &h.state.keymap.bindings {
        if b.action.changes() && !contexts.contains(&b.context) {
            contexts.push(b.context);
        }
    }
    assert!(contexts.len() >= 8, "{contexts:?}");
    let mut refused = 0;
    for ctx in contexts {
        reach(&mut h, ctx).await;
        let keys: Vec<Key> = h
            .state
            .keymap
            .bindings
            .iter()
            .filter(|b| b.context == ctx && b.action.changes())
            .map(|b| b.key)
            .collect();
        for key in keys {
            let view = h.state.view;
            h.state.status = None;
            let fx = press(&mut h, key);
            let what = format!("{} in {ctx:?}", key.label());
            assert!(no_change_sent(&fx), "{what} sent a change: {fx:?}");
            assert!(
                matches!(h.state.mode, Mode::Normal),
                "{what} opened {:?}",
                h.state.mode
            );
            assert_eq!(h.state.view, view, "{what} moved");
            assert_eq!(h.status_text(), READ_ONLY, "{what}");
            refused += 1;
        }
        // Back to the case for the next context.
        if h.state.case.as_ref().map(|c| c.id) != case {
            panic!("the open case changed");
        }
    }
    assert!(refused >= 20, "{refused} keys refused");
}

#[tokio::test]
async fn every_changing_command_is_refused_with_the_reason_and_opens_nothing() {
    let mut h = read_only().await;
    open_case(&mut h, "type:entity status:open").await;
    let changing: Vec<&str> = COMMANDS
        .iter()
        .map(|(name, _, _)| *name)
        .filter(|name| name_changes(name))
        .collect();
    for want in [
        "link", "new", "import", "identity", "close", "reopen", "delete", "upload", "request",
    ] {
        assert!(changing.contains(&want), ":{want} is a changing command");
    }
    for name in changing {
        let line = match name {
            "link" => "link 1000001002 Director 30".to_owned(),
            "new" | "import" => format!("{name} company"),
            other => other.to_owned(),
        };
        h.key(KeyCode::Char(':'));
        h.type_text(&line);
        h.state.status = None;
        let fx = press(&mut h, Key::plain(KeyCode::Enter));
        assert!(no_change_sent(&fx), ":{line} sent a change: {fx:?}");
        assert!(
            matches!(h.state.mode, Mode::Normal),
            ":{line} opened {:?}",
            h.state.mode
        );
        assert_eq!(h.state.view, View::Case, ":{line} moved");
        assert_eq!(h.status_text(), READ_ONLY, ":{line}");
    }
    // Reading stays allowed.
    command(&mut h, "docs").await;
    assert_eq!(h.state.view, View::Docs);
    command(&mut h, "journal").await;
    assert_eq!(h.state.view, View::Journal);
}

/// Enter creates a case from a registry hit with none, and uploads a missing document: the
/// form each would open is refused at the same door.
#[tokio::test]
async fn a_form_behind_a_reading_key_is_not_opened() {
    let mut h = read_only().await;
    command(&mut h, "search northbridge GB").await;
    let at = h
        .state
        .search
        .results
        .as_ref()
        .and_then(|r| r.iter().position(|hit| hit.case_common_id.is_none()))
        .expect("a hit with no case");
    for _ in 0..at {
        h.key(KeyCode::Down);
    }
    h.state.status = None;
    let fx = press(&mut h, Key::plain(KeyCode::Enter));
    assert!(no_change_sent(&fx));
    assert!(matches!(h.state.mode, Mode::Normal), "{:?}", h.state.mode);
    assert_eq!(h.status_text(), READ_ONLY);

    open_case(&mut h, "type:individual Иванова").await;
    command(&mut h, "docs").await;
    let rows = app::docs::rows(h.state.docs.as_ref().expect("pane"));
    let at = rows
        .iter()
        .position(|r| matches!(r, Row::Mandatory(m) if !m.present))
        .expect("a missing row");
    if let Some(p) = h.state.docs.as_mut() {
        p.selected = at;
    }
    h.state.status = None;
    let fx = press(&mut h, Key::plain(KeyCode::Enter));
    assert!(no_change_sent(&fx));
    assert!(matches!(h.state.mode, Mode::Normal), "{:?}", h.state.mode);
    // The pane's own words: uploads are off in read-only mode.
    assert!(
        h.status_text().contains("--read-only"),
        "{}",
        h.status_text()
    );
    // Downloading and pre-validating read: they stay open to the reviewer.
    command(&mut h, "prevalidate").await;
    assert!(matches!(h.state.mode, Mode::Docs(_)), "{:?}", h.state.mode);
}

#[tokio::test]
async fn the_footer_shows_the_changing_keys_off_in_read_only_mode() {
    let mut h = read_only().await;
    open_case(&mut h, "type:entity status:open").await;
    command(&mut h, "steps").await;
    h.state.status = None;
    let screen = h.screen(80, 24);
    let footer = screen.lines().last().expect("footer").to_owned();
    for mark in [
        "⊘p pass",
        "⊘f fail",
        "⊘u unreview",
        "⊘a activate",
        "⊘n note",
    ] {
        assert!(footer.contains(mark), "{footer}");
    }
    insta::assert_snapshot!("read_only_footer_steps_80x24", footer);
    // Reading keys are not marked.
    assert!(
        footer.contains("Tab pane") && !footer.contains("⊘Tab"),
        "{footer}"
    );

    // In ASCII mode the mark is ASCII.
    h.state.org.ascii = true;
    let screen = h.screen(80, 24);
    let footer = screen.lines().last().expect("footer");
    assert!(
        footer.contains("~p pass") && !footer.contains('⊘'),
        "{footer}"
    );

    // Help says the same: the key is there, and off.
    h.state.org.ascii = false;
    h.key(KeyCode::Char('?'));
    let help = h.screen(100, 100);
    assert!(help.contains("marked ⊘ are off"), "{help}");
    assert!(help.contains("⊘ p "), "{help}");
    assert!(help.contains("⊘ :close"), "{help}");
    assert!(help.contains("  :docs"), "{help}");

    // Not in read-only mode: no marks.
    h.key(KeyCode::Esc);
    h.state.session.read_only = false;
    let screen = h.screen(80, 24);
    assert!(!screen.contains('⊘'), "{screen}");
}

/// Every input mode, by an exhaustive match: a new mode does not compile until it is listed
/// here, and then fails the test until it is visited.
fn mode_name(mode: &Mode) -> &'static str {
    match mode {
        Mode::Normal => "normal",
        Mode::Filter => "filter",
        Mode::Command(_) => "command",
        Mode::Find(_) => "find",
        Mode::Inbox(_) => "inbox",
        Mode::Edit(_) => "edit",
        Mode::Confirm(..) => "confirm",
        Mode::Help(_) => "help",
        Mode::Aml(_) => "aml",
        Mode::Create(_) => "create",
        Mode::Work(_) => "work",
        Mode::Docs(_) => "docs",
    }
}

const ALL_MODES: [&str; 12] = [
    "normal", "filter", "command", "find", "inbox", "edit", "confirm", "help", "aml", "create",
    "work", "docs",
];

/// Esc, at most a few times, gets back to the case list with no layer open.
fn escape_to_the_list(h: &mut Harness, from: &str) {
    for _ in 0..8 {
        if h.state.view == View::Cases && matches!(h.state.mode, Mode::Normal) {
            return;
        }
        h.key(KeyCode::Esc);
    }
    panic!(
        "trapped: from {from}, Esc leaves {:?} in {:?}",
        h.state.view, h.state.mode
    );
}

/// Reach a mode by keys (after a way into the pane that has it), note it, and Esc out.
async fn visit(h: &mut Harness, seen: &mut Vec<&'static str>, way: &[&str], keys: &[KeyCode]) {
    answer_and_visit(h, seen, way, keys, &[]).await;
}

/// As [`visit`], answering the mode's question with `answer` before the Esc presses.
async fn answer_and_visit(
    h: &mut Harness,
    seen: &mut Vec<&'static str>,
    way: &[&str],
    keys: &[KeyCode],
    answer: &[KeyCode],
) {
    for line in way {
        command(h, line).await;
    }
    h.keys(keys).await;
    let name = mode_name(&h.state.mode);
    if !seen.contains(&name) {
        seen.push(name);
    }
    h.keys(answer).await;
    escape_to_the_list(h, name);
}

#[tokio::test]
async fn no_mode_traps_the_reviewer() {
    let mut h = read_only().await;
    let mut seen = Vec::new();
    let c = |c| KeyCode::Char(c);
    visit(&mut h, &mut seen, &[], &[]).await;
    visit(&mut h, &mut seen, &[], &[c('/')]).await;
    visit(&mut h, &mut seen, &[], &[c(':')]).await;
    visit(&mut h, &mut seen, &[], &[c('?')]).await;
    visit(&mut h, &mut seen, &[], &[c('c')]).await;
    visit(&mut h, &mut seen, &["alerts"], &[c('/')]).await;
    open_case(&mut h, "type:entity status:open").await;
    visit(&mut h, &mut seen, &["org"], &[c('/')]).await;
    open_case(&mut h, "type:entity status:open").await;
    visit(&mut h, &mut seen, &["audit"], &[c('/')]).await;
    open_case(&mut h, "type:individual Иванова").await;
    visit(&mut h, &mut seen, &["prevalidate"], &[]).await;
    // The AML pane's popup that only reads: a source URL to copy (as over SSH).
    h.state.session.over_ssh = true;
    open_case(&mut h, "type:individual Okafor").await;
    visit(&mut h, &mut seen, &["aml"], &[c('o')]).await;
    // The editor and its question only open where changes may be made.
    h.state.session.read_only = false;
    open_case(&mut h, "type:entity status:open").await;
    visit(&mut h, &mut seen, &["steps"], &[c('n')]).await;
    open_case(&mut h, "type:entity status:open").await;
    // A note with text asks before the text is lost, and Esc there means "keep writing"
    // (nothing typed is lost): the way out is the answer.
    let note = [c('n'), c('x'), KeyCode::Esc];
    answer_and_visit(&mut h, &mut seen, &["steps"], &note, &[c('y')]).await;
    let mut missing: Vec<&str> = ALL_MODES
        .iter()
        .copied()
        .filter(|m| !seen.contains(m))
        .collect();
    missing.sort_unstable();
    assert!(missing.is_empty(), "modes not visited: {missing:?}");
}

/// The real binary, as a reviewer over SSH meets it: `p` on a case and `:close` are refused
/// with the reason, the footer shows them off, and no popup opens.
#[test]
fn the_real_binary_refuses_at_the_door() {
    use crate::support::pty::Console;
    let state = tempfile::tempdir().expect("state dir");
    let mut cmd = Console::command(state.path(), "xterm-256color");
    cmd.arg("--read-only");
    let mut c = Console::spawn(cmd, 80, 24);
    c.wait_for(
        |s| s.contains("READ-ONLY") && s.contains("Enter open"),
        "the list",
    );
    // A case with no sanctions exposure: nothing said in the background can take the status
    // line from the refusal.
    c.send(b"/Liffey\r");
    c.wait_for(|s| s.contains("1 of"), "the list narrowed to Liffey");
    c.send(b"\r");
    c.wait_for(
        |s| s.contains("Liffey") && s.contains("⊘p pass"),
        "the case's changing keys, off",
    );
    // Waited for, not read after a quiet spell: under load the answer to a key can come late.
    c.send(b"p");
    c.wait_for(
        |s| s.contains("read-only mode: nothing was sent"),
        "p refused with the reason",
    );
    let screen = c.keys(&[b":", b"close", b"\r"]);
    assert!(
        screen.contains("read-only mode: nothing was sent"),
        "{screen}"
    );
    assert!(!screen.contains("Decision:"), "no decision popup: {screen}");
    c.send(b"q");
    assert!(c.wait_exit().success());
}
