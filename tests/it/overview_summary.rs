//! Issue 16, item 2: what remains on a case, at a glance. The overview opens with a summary
//! (steps by status, AML matches not excluded, open alerts by kind, mandatory documents, review
//! date, assignee); the close confirmation says the same figures (one computation); the case
//! list has a "to do" column where there is room. What has not loaded is "not known".

use crate::casework_flow::{command, open_case};
use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::casework::still_open::{Aml, Remaining};
use kyc_console::app::{CasePane, Mode};

/// Show the overview tab of the open case.
fn to_overview(h: &mut Harness) {
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
}

/// Load what the summary can know beyond the case itself: the AML matches, the documents and
/// the inbox, each by its key and back.
async fn load_everything(h: &mut Harness) {
    for key in ['m', 'D', '!'] {
        h.keys(&[KeyCode::Char(key)]).await;
        h.keys(&[KeyCode::Esc]).await;
    }
}

#[tokio::test]
async fn the_overview_opens_with_what_remains_and_names_what_is_not_known() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    to_overview(&mut h);
    let screen = h.screen(80, 24);
    assert!(screen.contains("What remains"), "{screen}");
    assert!(screen.contains("not reviewed ·"), "{screen}");
    assert!(
        screen.contains("Alerts    not known (! opens the inbox)"),
        "{screen}"
    );
    assert!(
        screen.contains("Documents not known (D shows them)"),
        "{screen}"
    );
    assert!(screen.contains("Sarah Mitchell"), "{screen}");
    insta::assert_snapshot!("overview_summary_80x24", screen);
}

#[tokio::test]
async fn figures_become_known_as_they_load_and_the_close_confirmation_says_the_same() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    load_everything(&mut h).await;
    let r = Remaining::of(&h.state, id);
    let steps = r.steps.expect("steps loaded");
    let Aml::Open(aml) = r.aml else {
        panic!("the matches are loaded: {:?}", r.aml);
    };
    let alerts = r.alerts.expect("the inbox is loaded");
    let docs = r.documents.expect("the documents are loaded");
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
    assert!(!c.message.contains("Not loaded"), "{}", c.message);
    assert_eq!(r.open().len(), c.message.matches(", ").count() + 1);
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
