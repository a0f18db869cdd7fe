//! What leaves the console is clean (issue 15, items 5 and 15): the clipboard gets a name as the
//! screen shows it, and note text loses control characters (CR line ends become newlines) when
//! pasted and again when sent.

use crate::common;

use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::{self, Effect, Mode, Msg, Request, Session, State, View};
use kyc_console::op::Answers;

/// A name that, pasted raw into a shell, would end a line, set the clipboard and run a command.
const HOSTILE: &str = "Acme Ltd\n\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2Jrm -rf ~\r";

fn company(id: Id, name: &str) -> CaseListItem {
    CaseListItem {
        common: CaseCommon {
            case_common_id: id,
            status: Some("Open".into()),
            status_id: Some(3),
            ..Default::default()
        },
        company: Some(CompanyInfo {
            entity_name: Some(name.into()),
            country_code: Some("GB".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// The case list holding one company named [`HOSTILE`].
fn listed() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let fx = app::start(&mut s);
    for e in fx {
        if let Effect::Fetch {
            id,
            slot,
            request: Request::ListCases(op),
        } = e
        {
            let items = if op.kind == CaseKind::Company {
                vec![company(7, HOSTILE)]
            } else {
                Vec::new()
            };
            let total = Some(items.len() as u64);
            app::update(
                &mut s,
                Msg::Done {
                    id,
                    slot,
                    answer: op.answer(Ok(Page { items, total })),
                    read_back: false,
                },
            );
        }
    }
    s
}

fn copied(fx: &[Effect]) -> Vec<String> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Copy(t) => Some(t.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_clipboard_gets_a_name_as_shown() {
    let mut s = listed();
    assert_eq!(s.view, View::Cases);
    let shown = kyc_console::sanitize::clean(HOSTILE).into_owned();
    let fx = app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::SHIFT)),
    );
    let on_clipboard = copied(&fx);
    assert_eq!(
        on_clipboard,
        vec![shown.clone()],
        "the name as the list shows it"
    );
    let text = &on_clipboard[0];
    assert!(text.starts_with("Acme Ltd"), "{text:?}");
    assert!(
        !text.chars().any(char::is_control),
        "no control characters: {text:?}"
    );
    assert!(!s.status.as_ref().is_some_and(|l| l.text.contains('\u{1b}')));
    // The same in the case view, where the title is copied.
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert_eq!(s.view, View::Case);
    let fx = app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('Y'), KeyModifiers::SHIFT)),
    );
    let on_clipboard = copied(&fx);
    assert_eq!(on_clipboard.len(), 1);
    assert!(
        !on_clipboard[0].chars().any(char::is_control),
        "{on_clipboard:?}"
    );
}

/// Open the first ready, open company; its id and the selected step's.
async fn open_a_step(h: &mut Harness) -> (Id, Id) {
    h.key(KeyCode::Char('/'));
    h.type_text("type:entity status:open");
    h.key(KeyCode::Enter);
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    let cv = h.state.case.as_ref().expect("case open");
    (cv.id, cv.selected_step().expect("a step").case_step_id)
}

fn editor_text(h: &Harness) -> String {
    match &h.state.mode {
        Mode::Edit(e) => e.text(),
        other => panic!("expected the note editor, got {other:?}"),
    }
}

#[tokio::test]
async fn a_pasted_note_keeps_its_cr_lines_and_loses_control_characters() {
    let mut h = Harness::demo().await;
    let (case, step) = open_a_step(&mut h).await;
    h.key(KeyCode::Char('n'));
    // xterm and tmux send line ends as CR; one CRLF, a colour, a bell, a NUL and a tab.
    h.send(Msg::Paste(
        "Register checked\rDirectors match\r\nSee \u{1b}[31mred\u{1b}[0m flag\u{7}\u{0}\tok".into(),
    ));
    let want = "Register checked\nDirectors match\nSee red flag\tok";
    assert_eq!(editor_text(&h), want);
    assert_eq!(
        h.state.drafts.get(&(case, step)).map(String::as_str),
        Some(want),
        "the draft is kept clean"
    );
    h.ctrl('s');
    h.settle().await;
    assert!(matches!(h.state.mode, Mode::Normal), "{}", h.status_text());
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert!(
        notes.iter().any(|n| n.note.as_deref() == Some(want)),
        "{notes:?}"
    );
}

#[tokio::test]
async fn a_note_is_cleaned_again_when_sent() {
    let mut h = Harness::demo().await;
    let (case, step) = open_a_step(&mut h).await;
    // A draft kept by an older version, with a CR line end and an escape sequence.
    h.state.drafts.insert(
        (case, step),
        "Old draft\rsecond \u{1b}]0;title\u{7}line".into(),
    );
    h.key(KeyCode::Char('n'));
    h.ctrl('s');
    h.settle().await;
    assert!(matches!(h.state.mode, Mode::Normal), "{}", h.status_text());
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert!(
        notes
            .iter()
            .any(|n| n.note.as_deref() == Some("Old draft\nsecond line")),
        "{notes:?}"
    );
}
