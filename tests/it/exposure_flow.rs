//! Sanctions exposure through ownership, on the demo: Northbridge is clean on its own screening
//! (an adverse-media match only) but majority-owned through Aldermoor and Kyrenia by Al Noor
//! Trading FZE, which is on the UN and OFAC lists. The console must say so at once, on the
//! overview, in `:ubo` and on the chart's nodes.

use crate::casework_flow::{command, open_case};
use crate::common::Harness;
use kyc_console::api::CaseKind;
use kyc_console::app::CasePane;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The screen's text with its rows joined by spaces and the borders left out, so that words a
/// paragraph wrapped read as one line.
pub(crate) fn flat(h: &Harness, w: u16, rows: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, rows)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(&h.state, f))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..rows)
        .map(|y| {
            let row: String = (0..w).map(|x| buf[(x, y)].symbol()).collect();
            row.trim_matches(|c| c == '│' || c == ' ').to_owned()
        })
        .collect::<Vec<_>>()
        .join(" ")
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[tokio::test]
async fn northbridge_is_clean_on_its_own_screening_in_the_demo() {
    let h = Harness::demo().await;
    let checks = h
        .client
        .aml_checks(CaseKind::Company, 1_000_003_001)
        .await
        .expect("AML checks");
    let categories: Vec<_> = checks
        .all()
        .map(|(_, m)| m.category.clone().unwrap_or_default())
        .collect();
    assert_eq!(categories, ["AdverseMedia"]);
}

#[tokio::test]
async fn northbridge_overview_names_the_route_and_the_listed_party_at_once() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    // Said at once, whatever pane shows first.
    let status = h.status_text();
    assert!(
        status.contains("sanctions exposure") && status.contains("Al Noor Trading FZE"),
        "{status}"
    );
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
    let screen = flat(&h, 80, 24);
    for want in [
        "⛔ Sanctions exposure: blocked (OFAC 50% and EU)",
        "60% Aldermoor Investments S.à r.l.",
        "← 100% Kyrenia Maritime Holdings Ltd",
        "← 70% Al Noor Trading FZE",
        "[listed: UN Security Council Consolidated List, OFAC SDN]",
        "Case: 1000003001",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
}

#[tokio::test]
async fn ubo_names_the_route_the_listed_party_and_holders_below_the_threshold() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    command(&mut h, "ubo").await;
    let screen = flat(&h, 120, 40);
    for want in [
        "OFAC 50% rule: blocked through 60% Aldermoor Investments S.à r.l. ← 100% Kyrenia \
         Maritime Holdings Ltd ← 70% Al Noor Trading FZE + 30% Ivan Sokolov",
        "EU ownership or control: blocked through 60% Aldermoor Investments S.à r.l. ← 100% \
         Kyrenia Maritime Holdings Ltd ← 70% Al Noor Trading FZE Listed:",
        "Listed: Al Noor Trading FZE [UN Security Council Consolidated List, OFAC SDN]",
        "Ivan Sokolov (sanctioned, 18.00% below the 25.00% threshold)",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
}

#[tokio::test]
async fn the_chart_marks_listed_and_blocked_nodes() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    command(&mut h, "org").await;
    let screen = h.screen(120, 40);
    for want in [
        "Northbridge Capital Holdings Limited ⛔ blocked",
        "Aldermoor Investments S.à r.l. ⛔ blocked",
        "Kyrenia Maritime Holdings Ltd ⛔ blocked",
        "Al Noor Trading FZE ⛔ listed",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
}

#[tokio::test]
async fn a_company_with_no_listed_owner_shows_no_exposure_line() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Boulangerie").await;
    let screened = kyc_console::app::org::exposure::of(&h.state, id).expect("screened");
    assert_eq!(screened.headline(), None);
    assert!(screened.exposure.flagged.is_empty());
    if let Some(cv) = h.state.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
    let screen = h.screen(80, 24);
    assert!(!screen.contains("Sanctions exposure"), "{screen}");
    assert!(!h.status_text().contains("sanctions exposure"));
}
