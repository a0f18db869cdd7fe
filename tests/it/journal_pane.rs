//! The journal: what the console sent is written with its outcome and shown by `:journal`;
//! the gate refuses changes in read-only mode and asks first in production.

use crate::common;
use kyc_console::op::{self, Answers};

use common::{Harness, client_for, demo_config, emulator_with};
use crossterm::event::KeyCode;
use kyc_console::app::{self, Confirmed, Mode, Msg, Session, Slot, State, View};
use kyc_console::fetch::Fetcher;
use kyc_console::journal::{Entry, Journal, Outcome};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;

/// The demo app whose fetcher writes to a journal in `dir`.
async fn journalled(dir: &std::path::Path, session: Session) -> (Harness, Journal) {
    let emulator = emulator_with(demo_config()).await;
    let client = client_for(&emulator);
    let journal = Journal::new(dir, "DEMO");
    let (tx, rx) = mpsc::unbounded_channel();
    let fetcher = Fetcher::new(client.clone(), tx).journal(Some(journal.clone()));
    let mut h = Harness::assemble(State::new(session), fetcher, rx, client, emulator);
    let fx = app::start(&mut h.state);
    h.apply(fx);
    h.settle().await;
    (h, journal)
}

fn demo_session() -> Session {
    Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    }
}

/// Open the first ready, open company and mark its selected step `key`.
async fn mark_first_step(h: &mut Harness, key: char) -> (i64, i64) {
    h.key(KeyCode::Char('/'));
    h.type_text("type:entity status:open");
    h.key(KeyCode::Enter);
    h.keys(&[KeyCode::Enter]).await;
    let cv = h.state.case.as_ref().expect("case open");
    let (case, step) = (cv.id, cv.selected_step().expect("a step").case_step_id);
    h.keys(&[KeyCode::Char('u')]).await;
    h.keys(&[KeyCode::Char(key)]).await;
    (case, step)
}

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

#[tokio::test]
async fn changes_are_journalled_and_shown_newest_first() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut h, journal) = journalled(dir.path(), demo_session()).await;
    let (case, step) = mark_first_step(&mut h, 'p').await;
    command(&mut h, "journal").await;
    assert_eq!(h.state.view, View::Journal);
    let shown = h
        .state
        .journal
        .entries
        .data
        .clone()
        .expect("journal loaded");
    assert!(!shown.is_empty());
    let newest = &shown[0];
    assert_eq!(newest.operation, "set step status");
    assert_eq!((newest.case, newest.step), (Some(case), Some(step)));
    assert_eq!(newest.outcome, Outcome::Done);
    assert_eq!(newest.environment, "DEMO");
    let screen = h.screen(80, 24);
    assert!(screen.contains("set step status"), "{screen}");
    assert!(screen.contains("✓ done"), "{screen}");
    // The file is private and holds no secret.
    let raw = std::fs::read_to_string(journal.path()).expect("journal file");
    assert!(!raw.to_lowercase().contains("bearer"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(journal.path())
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Esc goes back where the journal was opened from.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
}

#[tokio::test]
async fn read_only_refuses_with_the_reason_and_journals_nothing_sent() {
    let dir = tempfile::tempdir().expect("dir");
    let session = Session {
        read_only: true,
        ..demo_session()
    };
    let (mut h, journal) = journalled(dir.path(), session).await;
    let (case, step) = mark_first_step(&mut h, 'p').await;
    assert!(h.status_text().contains("read-only"), "{}", h.status_text());
    let server = h.client.step_details(case, step).await.expect("step");
    assert_ne!(server.status, kyc_console::api::StepStatus::Passed);
    // The screen shows the old status again (rolled back).
    let shown = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.selected_step())
        .map(|s| s.status.clone());
    assert_eq!(shown, Some(server.status));
    assert!(
        journal.read().expect("journal").is_empty(),
        "nothing was sent"
    );
}

#[tokio::test]
async fn production_asks_before_deleting_and_cancel_sends_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let session = Session {
        production: true,
        ..demo_session()
    };
    let (mut h, _journal) = journalled(dir.path(), session).await;
    let (case, step) = mark_first_step(&mut h, 'p').await;
    // A single step change is not destructive: it went without a question.
    assert!(matches!(h.state.mode, Mode::Normal));
    // A note, then its deletion: asked once, with Cancel focused.
    h.key(KeyCode::Char('n'));
    h.type_text("Production note");
    h.ctrl('s');
    h.settle().await;
    command(&mut h, "notes").await;
    let before = h.client.step_notes(case, step).await.expect("notes").len();
    let note = h
        .state
        .case
        .as_ref()
        .and_then(|c| c.notes.data.as_ref())
        .and_then(|n| {
            n.iter()
                .position(|n| n.note.as_deref() == Some("Production note"))
        })
        .expect("the note is shown");
    for _ in 0..note {
        h.key(KeyCode::Char('j'));
    }
    h.key(KeyCode::Char('d'));
    match &h.state.mode {
        Mode::Confirm(c, _) => {
            assert!(!c.ok_focused, "Cancel has the focus");
            assert!(
                c.message.contains("production environment DEMO"),
                "{}",
                c.message
            );
            assert!(matches!(c.action, Confirmed::DeleteNote { .. }));
        }
        other => panic!("expected a confirmation, got {other:?}"),
    }
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(
        h.client.step_notes(case, step).await.expect("notes").len(),
        before
    );
}

/// Issue 15, item 10: each line says what was decided (the status from and to), never the
/// note's text; `:journal` shows whole names and the selected entry in full at 80×24.
#[tokio::test]
async fn the_journal_says_what_was_decided_and_never_the_note_text() {
    let dir = tempfile::tempdir().expect("dir");
    let (mut h, journal) = journalled(dir.path(), demo_session()).await;
    let (case, step) = mark_first_step(&mut h, 'p').await;
    h.key(KeyCode::Char('n'));
    h.type_text("Confidential remark 4711");
    h.ctrl('s');
    h.settle().await;
    let all = journal.read().expect("journal");
    let field = |e: &Entry, k: &str| {
        e.decided
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    let note = &all[0];
    assert_eq!(note.operation, "add note");
    assert_eq!((note.case, note.step), (Some(case), Some(step)));
    let passed = &all[1];
    assert_eq!(passed.operation, "set step status");
    assert_eq!(field(passed, "to").as_deref(), Some("passed"), "{passed:?}");
    assert_eq!(
        field(passed, "from").as_deref(),
        Some("not reviewed"),
        "the status the console showed before: {passed:?}"
    );
    let raw = std::fs::read_to_string(journal.path()).expect("journal file");
    assert!(!raw.contains("Confidential remark"), "{raw}");
    assert!(!raw.contains("4711"), "{raw}");
    command(&mut h, "journal").await;
    h.key(KeyCode::Char('j'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("set step status"), "{screen}");
    assert!(screen.contains("from not reviewed"), "{screen}");
    assert!(screen.contains("to passed"), "{screen}");
    assert!(!screen.contains("Confidential"), "{screen}");

    // Closing records the status it came from, and the decision.
    h.key(KeyCode::Esc);
    command(&mut h, "close accepted").await;
    h.keys(&[KeyCode::Char('y')]).await;
    let all = journal.read().expect("journal");
    let closed = &all[0];
    assert_eq!(closed.operation, "set case status", "{closed:?}");
    assert_eq!(field(closed, "from").as_deref(), Some("open"), "{closed:?}");
    assert_eq!(field(closed, "status").as_deref(), Some("Close"));
    assert_eq!(field(closed, "decision").as_deref(), Some("Accepted"));
}

/// Issue 15, item 17: a change whose journal line could not be written says so on the status
/// line (the change itself went through).
#[tokio::test]
async fn a_journal_that_cannot_be_written_says_so_on_the_status_line() {
    let dir = tempfile::tempdir().expect("dir");
    // The journal's file is a folder: appending to it fails.
    std::fs::create_dir_all(dir.path().join("journal.jsonl")).expect("created");
    let (mut h, _journal) = journalled(dir.path(), demo_session()).await;
    let (case, step) = mark_first_step(&mut h, 'p').await;
    let server = h.client.step_details(case, step).await.expect("step");
    assert_eq!(server.status, kyc_console::api::StepStatus::Passed);
    let status = h.state.status.clone().expect("a status line");
    assert_eq!(
        status.tone,
        kyc_console::app::Tone::Error,
        "{}",
        status.text
    );
    assert!(
        status.text.contains("journal") && status.text.contains("set step status"),
        "{}",
        status.text
    );
}

fn entry(
    time: &str,
    op: &str,
    case: i64,
    step: Option<i64>,
    outcome: Outcome,
    detail: &str,
) -> Entry {
    Entry {
        time: time.into(),
        environment: "uat-eu".into(),
        operation: op.into(),
        case: Some(case),
        step,
        outcome,
        detail: detail.into(),
        alert: None,
        decided: Vec::new(),
        created: None,
    }
}

/// `e` with what was decided.
fn decided(mut e: Entry, pairs: &[(&str, &str)]) -> Entry {
    e.decided = pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    e
}

fn screen(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(state, f)).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn the_journal_pane() {
    let mut s = State::new(Session {
        environment: "uat-eu".into(),
        user: "reviewer".into(),
        ..Default::default()
    });
    let mut fx = Vec::new();
    s.view = View::Journal;
    s.latest.insert(Slot::Journal, 1);
    fx.extend(app::update(
        &mut s,
        Msg::Done {
            id: 1,
            slot: Slot::Journal,
            read_back: false,
            answer: op::ReadJournal.answer(Ok(vec![
                Entry {
                    case: None,
                    created: Some(1000003999),
                    ..decided(entry("2026-12-01T00:01:00Z", "create individual case", 0, None, Outcome::Done, ""), &[("import", "no")])
                },
                entry("2026-11-30T23:59:02Z", "add note", 1000003001, Some(1000003101), Outcome::Confirmed,
                      "504 Gateway Timeout from POST /v2/CaseStepNotes/{id}/{stepId}: the gateway gave up waiting"),
                Entry {
                    alert: Some(1000003313),
                    ..decided(entry("2026-11-30T23:58:40Z", "alert action", 1000003013, None, Outcome::NotDone, "connection closed"), &[("action", "dismiss")])
                },
                decided(entry("2026-11-30T23:58:12Z", "set step status", 1000003001, Some(1000003102), Outcome::Failed, "500 Internal Server Error"),
                        &[("from", "not reviewed"), ("to", "failed")]),
                entry("2026-11-30T23:57:00Z", "set review date", 1000003004, None, Outcome::Unknown, "reading back failed too"),
                entry("2026-11-30T23:56:30Z", "delete note", 1000003004, Some(1000003150), Outcome::Refused, "read-only mode"),
                entry("2026-11-30T23:55:00Z", "set step status", 1000003001, Some(1000003101), Outcome::Done, ""),
            ])),
        },
    ));
    assert!(fx.is_empty());
    insta::assert_snapshot!("journal_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("journal_120x40", screen(&s, 120, 40));
    // The selected entry in full: a long detail wraps under its name.
    app::update(
        &mut s,
        Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char('j'),
            crossterm::event::KeyModifiers::NONE,
        )),
    );
    insta::assert_snapshot!("journal_80x24_detail", screen(&s, 80, 24));
}
