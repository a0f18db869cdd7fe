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
    // A reason, then the Exclude button: one key never excludes.
    h.key(KeyCode::Char('1'));
    assert!(
        matches!(h.state.mode, Mode::Aml(_)),
        "a reason alone sends nothing"
    );
    h.keys(&[KeyCode::Tab, KeyCode::Enter]).await;

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
    h.keys(&[KeyCode::Tab, KeyCode::Enter]).await;
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

/// Issue 15 item 4: several matches on one step (World-Check's shape; in the demo's grouped
/// shape Wei Zhang's two, the second already excluded). `r` keeps the selection on the same
/// match (by matchId); `x` says before sending that all of the step's matches go, and every one
/// of them then shows excluded as read back.
#[tokio::test]
async fn grouped_matches_are_told_apart_by_match_id() {
    use kyc_console::app::aml::Popup;
    use kyc_console::emulator::{self, AmlShape};
    let running = common::emulator_with(emulator::Config {
        aml_shape: AmlShape::Grouped,
        ..common::demo_config()
    })
    .await;
    let mut h = Harness::on(running).await;
    // Wei Zhang: open (a closed case takes no exclusion), two matches, the second excluded.
    let case = open_aml(&mut h, "Zhang").await;
    let entries = |h: &Harness| {
        h.state
            .aml
            .as_ref()
            .and_then(|p| p.matches.data.clone())
            .expect("matches")
    };
    let selected = |h: &Harness| {
        h.state
            .aml
            .as_ref()
            .and_then(|p| p.selected_entry())
            .and_then(|e| e.m.match_id.clone())
    };
    let listed = entries(&h);
    assert_eq!(listed.len(), 2, "{listed:?}");
    let step = listed[0].m.case_step_id;
    assert!(listed.iter().all(|e| e.m.case_step_id == step), "one step");
    assert!(!listed[0].m.is_excluded && listed[1].m.is_excluded);
    let (first, second) = (listed[0].m.match_id.clone(), listed[1].m.match_id.clone());
    assert!(second.is_some() && second != first);

    // The selection stays on match 2 through a reload, and it shows as the one excluded.
    h.key(KeyCode::Down);
    h.keys(&[KeyCode::Char('r')]).await;
    assert_eq!(selected(&h), second, "r keeps the selection");
    h.keys(&[KeyCode::Char('x')]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert!(
        h.status_text().contains("already excluded"),
        "{}",
        h.status_text()
    );

    // x on match 1 says, before sending, that both go.
    h.key(KeyCode::Up);
    h.key(KeyCode::Char('x'));
    match &h.state.mode {
        Mode::Aml(p) => assert!(matches!(p.as_ref(), Popup::Reason(r) if r.step_matches == 2)),
        other => panic!("{other:?}"),
    }
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Excludes all 2 matches of this step"),
        "{screen}"
    );
    h.keys(&[KeyCode::Char('3'), KeyCode::Tab, KeyCode::Enter])
        .await;
    // The note that records the reason is part of the exclusion: no question.
    assert!(
        !matches!(h.state.mode, Mode::Confirm(..)),
        "the reason note asks no second question"
    );

    let checks = h
        .client
        .aml_checks(CaseKind::Individual, case)
        .await
        .expect("checks");
    assert!(checks.all().all(|(_, m)| m.is_excluded), "{checks:?}");
    let shown = entries(&h);
    assert_eq!(shown.len(), 2);
    for (e, (_, server)) in shown.iter().zip(checks.all()) {
        assert!(
            e.m.is_excluded,
            "each match of the step shows excluded: {e:?}"
        );
        assert_eq!(e.m.excluded_reason, server.excluded_reason, "as read back");
    }
    assert_eq!(selected(&h), first, "still on match 1");
    assert!(
        h.status_text().contains("noted on the step"),
        "{}",
        h.status_text()
    );
    h.key(KeyCode::Down);
    h.keys(&[KeyCode::Char('r')]).await;
    assert_eq!(selected(&h), second, "r keeps the selection");

    // A case whose step holds one match: the popup says nothing of others, and its matches
    // were untouched.
    h.keys(&[KeyCode::Esc]).await;
    h.key(KeyCode::Esc);
    let other = open_aml(&mut h, "Petrenko").await;
    assert_ne!(other, case);
    h.key(KeyCode::Char('x'));
    assert!(!h.screen(80, 24).contains("Excludes all"));
    h.keys(&[KeyCode::Esc]).await;
    let theirs = h
        .client
        .aml_checks(CaseKind::Individual, other)
        .await
        .expect("checks");
    assert!(theirs.all().all(|(_, m)| !m.is_excluded));
}
