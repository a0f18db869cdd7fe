//! Columns by priority at 60, 80 and 120 columns: status words are never cut, the columns the
//! filters use are shown or the title says they are hidden, the inbox shows ISO codes where a
//! country's name does not fit, the breadcrumb keeps the case's name, and the "terminal too
//! small" message fits.

use crate::common::Harness;
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 3] = [(60, 20), (80, 24), (120, 30)];

#[tokio::test]
async fn the_case_list_at_60_80_and_120_columns() {
    let mut h = Harness::demo().await;
    // Down to the cases being built, whose status word is the longest.
    h.keys(&[KeyCode::Char('j'); 21]).await;
    for (w, rows) in SIZES {
        let screen = h.screen(w, rows);
        insta::assert_snapshot!(format!("case_list_{w}x{rows}"), &screen);
        assert!(
            screen.contains("building"),
            "{w}: the status word is whole:\n{screen}"
        );
    }
}

#[tokio::test]
async fn the_inbox_at_60_80_and_120_columns() {
    let mut h = Harness::demo().await;
    h.key(KeyCode::Char(':'));
    h.type_text("alerts");
    h.keys(&[KeyCode::Enter]).await;
    for (w, rows) in SIZES {
        let screen = h.screen(w, rows);
        insta::assert_snapshot!(format!("inbox_{w}x{rows}"), screen);
    }
}

#[tokio::test]
async fn an_open_case_keeps_its_name_in_the_breadcrumb() {
    let mut h = Harness::demo().await;
    let l = &h.state.cases;
    let name = l.rows()[l.view()[0]].name.clone();
    h.keys(&[KeyCode::Enter]).await;
    for (w, rows) in SIZES {
        let screen = h.screen(w, rows);
        // The first line of the screen (the test backend quotes each line).
        let header = screen.lines().next().unwrap_or_default().to_owned();
        insta::assert_snapshot!(format!("open_case_header_{w}x{rows}"), &header);
        let first_word = name.split_whitespace().next().unwrap_or_default();
        assert!(header.contains(first_word), "{w}: {header}");
    }
}

#[tokio::test]
async fn the_too_small_message_fits() {
    let h = Harness::demo().await;
    for (w, rows) in [(40, 12), (59, 19), (24, 6)] {
        insta::assert_snapshot!(format!("too_small_{w}x{rows}"), h.screen(w, rows));
    }
}
