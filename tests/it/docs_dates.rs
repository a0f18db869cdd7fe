//! Issue 16, item 4: documents with dates. The documents pane shows issue and expiry dates
//! where the data has them, flags expired documents and those expiring within
//! `expiry_warning_days`, the overview counts them, and a document shown as verified while it
//! has expired (by its date, or by an expiry alert) is flagged. Today is the date the runtime
//! sends (`Msg::Today`), pinned here.

use crate::casework_flow::open_case;
use crate::common::Harness;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use kyc_console::app::casework::still_open::Remaining;
use kyc_console::app::docs::{DocRow, Expiry, ExpiryWarning, Row, rows};
use kyc_console::app::{CasePane, Msg};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

/// Dupré's documents, on a console whose today is `today`; the harness.
async fn dupre_docs(today: NaiveDate) -> Harness {
    let mut h = Harness::demo().await;
    h.send(Msg::Today(today));
    open_case(&mut h, "Dupré").await;
    h.keys(&[KeyCode::Char('D')]).await;
    h
}

fn kbis(h: &Harness) -> DocRow {
    let p = h.state.docs.as_ref().expect("documents pane");
    rows(p)
        .into_iter()
        .find_map(|r| match r {
            Row::Doc(d) if d.name.starts_with("Extrait Kbis") => Some(d),
            _ => None,
        })
        .expect("the Kbis extract is listed")
}

#[tokio::test]
async fn documents_show_their_dates_and_an_expired_verified_one_is_flagged() {
    let mut h = dupre_docs(day(2026, 5, 1)).await;
    let d = kbis(&h);
    assert_eq!(d.expires, Some(day(2026, 4, 10)));
    assert!(d.issued.is_some());
    assert_eq!(
        d.expiry(h.state.today, ExpiryWarning::default()),
        Some(Expiry::Expired)
    );
    let screen = h.screen(80, 24);
    assert!(screen.contains("1 expired"), "{screen}");
    assert!(screen.contains("✘ expired 2026-04-10"), "{screen}");
    // Its own date and the case's expiry alert agree: the alert is named.
    assert!(
        screen.contains("shown as verified, but an expiry alert says it expired on 2026-04-10"),
        "{screen}"
    );
    insta::assert_snapshot!("docs_dates_80x24", screen);

    // The same in the configured date format.
    h.state.session.date_format = kyc_console::words::DateFormat::DayMonthYear;
    assert!(h.screen(80, 24).contains("✘ expired 10/04/2026"));
}

#[tokio::test]
async fn a_document_expiring_within_the_configured_days_is_flagged() {
    let mut h = dupre_docs(day(2026, 4, 1)).await;
    let screen = h.screen(80, 24);
    assert!(screen.contains("⚠ 9d left 2026-04-10"), "{screen}");
    assert!(screen.contains("1 expiring soon"), "{screen}");
    assert!(!screen.contains("shown as verified"), "{screen}");

    // A window of 5 days: nine days left is no warning.
    h.state.session.expiry_warning = ExpiryWarning { days: 5 };
    let screen = h.screen(80, 24);
    assert!(screen.contains("until 2026-04-10"), "{screen}");
    assert!(!screen.contains("expiring soon"), "{screen}");
}

#[tokio::test]
async fn an_expiry_alert_contradicts_a_verified_document() {
    // Once the alert's date has passed, the case's expiry alert says it has expired.
    let mut h = Harness::demo().await;
    h.send(Msg::Today(day(2026, 5, 1)));
    h.keys(&[KeyCode::Char('!')]).await;
    for _ in 0..h.state.alerts.view.len() {
        if h.state
            .alerts
            .selected_row()
            .is_some_and(|r| r.name().starts_with("Boulangerie"))
        {
            break;
        }
        h.keys(&[KeyCode::Char('j')]).await;
    }
    assert!(
        h.state
            .alerts
            .selected_row()
            .is_some_and(|r| r.name().starts_with("Boulangerie"))
    );
    h.keys(&[KeyCode::Esc]).await;
    open_case(&mut h, "Dupré").await;
    h.keys(&[KeyCode::Char('D')]).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("shown as verified, but an expiry alert says it expired on 2026-04-10"),
        "{screen}"
    );
}

/// The case's alerts come with the case (for the overview's summary): the documents pane
/// knows what an expiry alert says without the inbox being opened.
#[tokio::test]
async fn an_expiry_alert_contradicts_a_verified_document_without_opening_the_inbox() {
    let h = dupre_docs(day(2026, 5, 1)).await;
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("shown as verified, but an expiry alert says it expired on 2026-04-10"),
        "{screen}"
    );
    // Before the alert's date it warns ahead: no contradiction yet.
    let h = dupre_docs(day(2026, 4, 1)).await;
    assert!(!h.screen(80, 24).contains("shown as verified"));
}

#[tokio::test]
async fn the_overview_counts_expired_documents_like_the_pane() {
    let mut h = dupre_docs(day(2026, 5, 1)).await;
    let id = h.state.docs.as_ref().expect("pane").case;
    h.keys(&[KeyCode::Esc]).await;
    let docs = Remaining::of(&h.state, id)
        .documents
        .known()
        .copied()
        .expect("documents loaded");
    assert_eq!((docs.expired, docs.expiring), (1, 0));
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("Documents 0 mandatory missing · 1 expired"),
        "{screen}"
    );
    crate::casework_flow::command(&mut h, "close accepted").await;
    let kyc_console::app::Mode::Confirm(c, _) = &h.state.mode else {
        panic!("a confirmation");
    };
    assert!(c.message.contains("1 document expired"), "{}", c.message);
}
