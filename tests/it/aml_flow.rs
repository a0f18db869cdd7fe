//! Flow tests of the AML match review: the real app and the emulator in one process. Exclude a
//! match with a reason, then read the step and its notes back from the emulator.

use crate::common;

use common::Harness;
use crossterm::event::KeyCode;
use kyc_console::api::CaseKind;
use kyc_console::app::{Mode, View};

/// Open the case found by `filter` and its AML pane.
async fn open_aml(h: &mut Harness, filter: &str) -> i64 {
    h.key(KeyCode::Char('/'));
    h.type_text(&format!("type:individual {filter}"));
    h.key(KeyCode::Enter);
    assert!(!h.state.cases.view().is_empty(), "the demo has {filter}");
    h.keys(&[KeyCode::Enter]).await;
    h.key(KeyCode::Char(':'));
    h.type_text("aml");
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Aml);
    h.state.case.as_ref().expect("case open").id
}

#[tokio::test]
async fn exclude_a_match_with_a_reason_and_read_it_back() {
    let mut h = Harness::demo().await;
    let case = open_aml(&mut h, "Petrenko").await;
    let pane = h.state.aml.as_ref().expect("pane");
    let entry = pane.selected_entry().expect("a match").clone();
    assert!(!entry.m.is_excluded, "the demo match starts unexcluded");
    let step = entry.m.case_step_id;
    // The hidden character in the listed name is flagged, not dropped.
    let screen = h.screen(80, 24);
    assert!(screen.contains("⚠ hidden characters"), "{screen}");
    // The subject's gender comes from the identity step, so that field is compared too.
    let gender = screen
        .lines()
        .find(|l| l.contains("Gender"))
        .unwrap_or_default()
        .to_owned();
    assert!(gender.contains("✔ agrees"), "{screen}");

    h.key(KeyCode::Char('x'));
    assert!(matches!(h.state.mode, Mode::Aml(_)), "x asks for a reason");
    h.keys(&[KeyCode::Char('1')]).await;

    let details = h.client.step_details(case, step).await.expect("step");
    let m = details.aml_match.expect("an AML step");
    assert!(m.is_excluded);
    assert_eq!(
        m.excluded_reason.as_deref(),
        Some("Different date of birth")
    );
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert!(
        notes
            .iter()
            .any(|n| n.note.as_deref()
                == Some("Excluded as false positive: Different date of birth")),
        "{notes:?}"
    );
    let checks = h
        .client
        .aml_checks(CaseKind::Individual, case)
        .await
        .expect("checks");
    assert!(
        checks
            .all()
            .any(|(_, m)| m.case_step_id == step && m.is_excluded)
    );
    // The pane says so without a reload.
    // Back in the case, the match's step is selected and shows the note.
    h.keys(&[KeyCode::Esc]).await;
    let cv = h.state.case.as_ref().expect("case");
    assert_eq!(cv.selected_step().map(|s| s.case_step_id), Some(step));
    let shown = cv.notes.data.as_ref().expect("notes loaded");
    assert!(shown.iter().any(|n| {
        n.note
            .as_deref()
            .is_some_and(|t| t.starts_with("Excluded as false positive"))
    }));
    h.key(KeyCode::Char(':'));
    h.type_text("aml");
    h.keys(&[KeyCode::Enter]).await;
    let wide = h.screen(120, 40);
    assert!(wide.contains("⊘ yes — Different date of birth"), "{wide}");
    // Said in the AML pane, cleared on leaving it; the message log keeps it.
    assert!(
        h.state
            .messages
            .entries
            .iter()
            .any(|m| m.text.contains("noted on the step"))
    );
}

#[tokio::test]
async fn exclude_with_a_free_text_reason() {
    let mut h = Harness::demo().await;
    let case = open_aml(&mut h, "Okafor").await;
    let step = h
        .state
        .aml
        .as_ref()
        .and_then(|p| p.selected_entry())
        .expect("a match")
        .m
        .case_step_id;
    h.key(KeyCode::Char('x'));
    h.key(KeyCode::Char('5'));
    h.type_text("Namesake: the listed person is a footballer");
    h.keys(&[KeyCode::Enter]).await;
    let notes = h.client.step_notes(case, step).await.expect("notes");
    assert!(notes.iter().any(|n| n.note.as_deref()
        == Some("Excluded as false positive: Namesake: the listed person is a footballer")));
}

#[tokio::test]
async fn esc_cancels_and_matches_are_sorted_by_score() {
    let mut h = Harness::demo().await;
    let case = open_aml(&mut h, "Sokolov").await;
    let scores: Vec<f64> = h
        .state
        .aml
        .as_ref()
        .and_then(|p| p.matches.data.as_ref())
        .expect("matches")
        .iter()
        .filter_map(|e| e.m.match_score)
        .collect();
    assert!(scores.len() >= 2, "{scores:?}");
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    h.key(KeyCode::Char('x'));
    h.keys(&[KeyCode::Esc]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    let checks = h
        .client
        .aml_checks(CaseKind::Individual, case)
        .await
        .expect("checks");
    assert_eq!(
        checks.all().filter(|(_, m)| m.is_excluded).count(),
        1,
        "only the demo's own exclusion"
    );
    // Pass the top match's step (Sokolov's case is closed: that is asked first, and confirmed),
    // and Esc goes back to the case.
    h.keys(&[KeyCode::Char('p')]).await;
    if let Mode::Confirm(c, _) = &h.state.mode {
        assert!(c.message.contains("is closed"), "{}", c.message);
        h.keys(&[KeyCode::Char('y')]).await;
    }
    assert!(h.status_text().contains("passed"), "{}", h.status_text());
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
}
