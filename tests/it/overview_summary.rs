//! Issue 16, item 2: what remains on a case, at a glance. The overview opens with a summary
//! (steps by status, AML matches not excluded, open alerts by kind, mandatory documents, review
//! date, assignee); the close confirmation says the same figures (one computation); the case
//! list has a "to do" column where there is room. Each figure the case does not carry is asked for in
//! the background as the case opens: "loading…" until it comes, "not known (why)" if it fails.

use crate::casework_flow::{command, open_case};
use crate::common::{Harness, demo_config, emulator_with};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::CaseKind;
use kyc_console::app::casework::still_open::{Aml, Figure, Remaining};
use kyc_console::app::{self, Effect, Msg, Slot};
use kyc_console::app::{CasePane, Mode, View};
use kyc_console::emulator::{FaultKind, FaultSpec};

/// Show the overview tab of the open case.
fn to_overview(h: &mut Harness) {
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
}

#[tokio::test]
async fn the_overview_says_loading_until_the_answers_come_then_the_real_figures() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char('/'));
    h.type_text("Northbridge");
    h.key(KeyCode::Enter);
    // Enter opens the case; nothing has answered yet: the first screen is there at once.
    h.key(KeyCode::Enter);
    to_overview(&mut h);
    let first = h.screen(80, 24);
    assert!(first.contains("Alerts    loading…"), "{first}");
    assert!(first.contains("Documents loading…"), "{first}");
    assert!(!first.contains("none open"), "{first}");
    h.settle().await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("What remains"), "{screen}");
    assert!(screen.contains("not reviewed ·"), "{screen}");
    assert!(!screen.contains("not known"), "{screen}");
    assert!(!screen.contains("loading…"), "{screen}");
    assert!(screen.contains("Sarah Mitchell"), "{screen}");
    insta::assert_snapshot!("overview_summary_80x24", screen);
}

/// The emulator's own figures for a case: its open alerts and its matches not excluded.
async fn server_figures(h: &Harness, kind: CaseKind, id: i64) -> (usize, usize) {
    let alerts = h.client.lm_alerts(kind, id).await.expect("alerts");
    let checks = h.client.aml_checks(kind, id).await.expect("aml checks");
    let open = kyc_console::app::aml::sorted_entries(&checks)
        .iter()
        .filter(|e| !e.m.is_excluded)
        .count();
    (alerts.alerts.len(), open)
}

#[tokio::test]
async fn the_figures_are_known_without_opening_a_pane_and_the_close_confirmation_says_the_same() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    assert_eq!(h.state.view, View::Case, "no pane was opened");
    let kind = h.state.case.as_ref().expect("open").kind;
    let (alerts_on_server, aml_on_server) = server_figures(&h, kind, id).await;
    let r = Remaining::of(&h.state, id);
    let steps = r.steps.expect("steps loaded");
    let Aml::Open(aml) = r.aml else {
        panic!("the matches are loaded: {:?}", r.aml);
    };
    let Figure::Known(alerts) = r.alerts else {
        panic!("the alerts are loaded: {:?}", r.alerts);
    };
    let Figure::Known(docs) = r.documents else {
        panic!("the documents are loaded: {:?}", r.documents);
    };
    assert_eq!(alerts.total(), alerts_on_server);
    assert_eq!(aml, aml_on_server);
    assert!(steps.not_reviewed > 1 && steps.failed > 1 && aml > 0 && alerts.total() > 1);

    to_overview(&mut h);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains(&format!(
            "Steps     {} not reviewed · {} failed · {} passed",
            steps.not_reviewed, steps.failed, steps.passed
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("AML       {aml} match")),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Alerts    {}", alerts.by_kind().join(" · "))),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("Documents {} mandatory missing", docs.missing)),
        "{screen}"
    );
    assert!(!screen.contains("not known"), "{screen}");

    // The close confirmation: the same figures, and nothing left unknown.
    command(&mut h, "close accepted").await;
    let Mode::Confirm(c, _) = &h.state.mode else {
        panic!("a confirmation: {:?}", h.state.mode);
    };
    for phrase in [
        format!("{} steps not reviewed", steps.not_reviewed),
        format!("{} steps failed", steps.failed),
        format!("{} open alerts", alerts.total()),
    ] {
        assert!(c.message.contains(&phrase), "{phrase}: {}", c.message);
    }
    assert!(
        c.message.contains(&format!("{aml} AML match")),
        "{}",
        c.message
    );
    assert!(!c.message.contains("Not known"), "{}", c.message);
    assert_eq!(r.open().len(), c.message.matches(", ").count() + 1);
}

/// The summary's requests an update asked for, by slot.
fn summary_fetches(fx: &[Effect]) -> Vec<Slot> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { slot, .. } => Some(*slot),
            _ => None,
        })
        .filter(|s| {
            matches!(
                s,
                Slot::SummaryAlerts
                    | Slot::SummaryAml
                    | Slot::SummaryDocuments
                    | Slot::SummaryMandatory
            )
        })
        .collect()
}

#[tokio::test]
async fn each_figure_is_asked_once_per_open_never_again_while_in_flight_nor_per_key() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char('/'));
    h.type_text("Northbridge");
    h.key(KeyCode::Enter);
    let press = |h: &mut Harness, code| {
        app::update(
            &mut h.state,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        )
    };
    let fx = press(&mut h, KeyCode::Enter);
    assert_eq!(
        summary_fetches(&fx).len(),
        4,
        "one request per figure as the case opens"
    );
    h.apply(fx);
    // r while they are in flight: not asked again.
    let fx = press(&mut h, KeyCode::Char('r'));
    assert!(summary_fetches(&fx).is_empty(), "{fx:?}");
    h.apply(fx);
    h.settle().await;
    // Moving about asks nothing; r once they came asks each once more.
    for code in [KeyCode::Down, KeyCode::Tab, KeyCode::Up] {
        assert!(summary_fetches(&press(&mut h, code)).is_empty());
    }
    let fx = press(&mut h, KeyCode::Char('r'));
    assert_eq!(summary_fetches(&fx).len(), 4);
    h.apply(fx);
    h.settle().await;
    // Leaving the case stops what is still in flight.
    let fx = press(&mut h, KeyCode::Char('r'));
    h.apply(fx);
    let fx = press(&mut h, KeyCode::Esc);
    let fx = [fx, press(&mut h, KeyCode::Esc)].concat();
    assert_eq!(h.state.view, View::Cases);
    for slot in [Slot::SummaryAlerts, Slot::SummaryAml] {
        assert!(fx.contains(&Effect::Cancel(slot)), "{fx:?}");
    }
    h.apply(fx);
}

#[tokio::test]
async fn the_panes_still_open_afterwards_on_what_was_loaded() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    let before = Remaining::of(&h.state, id);
    for (key, view) in [('m', View::Aml), ('D', View::Docs)] {
        h.keys(&[KeyCode::Char(key)]).await;
        assert_eq!(h.state.view, view);
        h.keys(&[KeyCode::Esc]).await;
    }
    assert_eq!(Remaining::of(&h.state, id), before);
}

#[tokio::test]
async fn a_failed_alerts_request_reads_not_known_with_the_reason_never_zero() {
    let mut spec = FaultSpec::default();
    spec.rates.insert(FaultKind::Internal, 1.0);
    let emulator = emulator_with(kyc_console::emulator::Config {
        faults: Some(spec),
        ..demo_config()
    })
    .await;
    emulator.faults().expect("faults").pause(true);
    let mut h = Harness::on(emulator).await;
    let id = open_case(&mut h, "Northbridge").await;
    // Every request fails from now on; r asks again.
    h.emulator.faults().expect("faults").pause(false);
    h.keys(&[KeyCode::Char('r')]).await;
    let r = Remaining::of(&h.state, id);
    let Figure::Failed(why) = &r.alerts else {
        panic!("the alerts failed: {:?}", r.alerts);
    };
    assert!(!why.is_empty());
    to_overview(&mut h);
    let screen = h.screen(80, 24);
    let line = screen
        .lines()
        .find(|l| l.contains("Alerts    "))
        .expect("the alerts line");
    // The status, not the whole request: the line stays one line at 80 columns.
    assert!(
        line.contains("not known (500 Internal Server Error)"),
        "{screen}"
    );
    assert!(
        !line.contains("none open") && !line.contains(" 0"),
        "{line}"
    );
    command(&mut h, "close accepted").await;
    let Mode::Confirm(c, _) = &h.state.mode else {
        panic!("a confirmation: {:?}", h.state.mode);
    };
    assert!(c.message.contains("alerts ("), "{}", c.message);
    assert!(!c.message.contains("open alert"), "{}", c.message);
}

#[tokio::test]
async fn the_case_list_has_a_to_do_column_where_there_is_room() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    h.keys(&[KeyCode::Esc]).await;
    h.keys(&[KeyCode::Esc]).await;
    let narrow = h.screen(80, 24);
    assert!(!narrow.contains("To do"), "{narrow}");
    let wide = h.screen(100, 24);
    assert!(wide.contains("To do"), "{wide}");
    let brief = Remaining::of(&h.state, id).brief();
    assert!(brief.starts_with(&format!(
        "{} steps",
        Remaining::of(&h.state, id)
            .steps
            .map(|s| s.not_reviewed + s.failed)
            .unwrap_or_default()
    )));
    let row = wide
        .lines()
        .find(|l| l.contains(&id.to_string()))
        .expect("the open case's row");
    assert!(row.contains("steps·AML"), "{row}");
    // A case the console knows nothing more of than the list: its AML flag only, or nothing.
    let clean = wide
        .lines()
        .find(|l| l.contains("Aldermoor"))
        .expect("a row");
    assert!(!clean.contains("step"), "{clean}");
}

/// A review date that has passed is flagged; one still ahead is not.
#[tokio::test]
async fn a_review_date_that_has_passed_reads_overdue() {
    let mut h = Harness::demo().await;
    h.send(Msg::Today(
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day"),
    ));
    open_case(&mut h, "Northbridge").await;
    to_overview(&mut h);
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Review    2026-09-15 · overdue"),
        "{screen}"
    );
    h.send(Msg::Today(
        chrono::NaiveDate::from_ymd_opt(2026, 9, 1).expect("a day"),
    ));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Review    2026-09-15"), "{screen}");
    assert!(!screen.contains("overdue"), "{screen}");
}

/// A case created from the registry opens while it builds: its documents are not asked for (the
/// API answers 409 until it is ready), so nothing false reaches the status line; `r` once it is
/// built brings them.
#[tokio::test]
async fn a_building_case_is_not_asked_for_documents_until_it_is_ready() {
    let mut h = Harness::on(
        emulator_with(kyc_console::emulator::Config {
            clock: kyc_console::emulator::Clock::frozen(),
            ..demo_config()
        })
        .await,
    )
    .await;
    command(&mut h, "search Cropwell GB").await;
    h.settle().await;
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.mode, Mode::Create(_)), "the create form");
    h.ctrl('s');
    h.settle().await;
    let status = h.status_text();
    assert!(status.contains("created company case"), "{status}");
    let listing = |h: &Harness| h.state.docs.as_ref().map(|p| p.listing.clone());
    assert!(
        listing(&h).is_none_or(|l| l.data.is_none() && l.error.is_none()),
        "not asked while building"
    );
    h.emulator
        .clock()
        .advance(kyc_console::emulator::BUILD_TIME);
    h.key(KeyCode::Char('r'));
    h.settle().await;
    let l = listing(&h).expect("the documents pane state");
    assert!(
        l.data.is_some_and(|d| !d.documents.is_empty()),
        "the built case's documents"
    );
}
