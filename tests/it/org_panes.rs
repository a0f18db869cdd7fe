//! The ownership views drawn from hand-made charts (no emulator): a loop that nobody outside
//! holds must say so on screen instead of showing a number.

use kyc_console::api::OrgNode;
use kyc_console::app::org::{Chart, OrgTab, OrgView};
use kyc_console::app::{Session, State, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn node(name: &str, id: Option<i64>, company: bool, shares: f64, holders: Vec<OrgNode>) -> OrgNode {
    OrgNode {
        name: Some(name.into()),
        jurisdiction_id: company.then(|| "GB".into()),
        nationality_id: (!company).then(|| "GB".into()),
        role: Some("Shareholder".into()),
        case_common_id: id,
        shares: Some(shares),
        effective_percentage: None,
        shareholders: holders,
        ..OrgNode::default()
    }
}

/// Root ← 90% Alpha ← 100% Beta ← 100% Alpha (the loop, no outside holder); Gus 10% of Root,
/// and Hal 50% of Gamma, which holds 5% of Beta (behind the loop: unsolvable too).
fn unsolvable() -> OrgNode {
    let gamma = node(
        "Gamma Ltd",
        Some(4),
        true,
        5.0,
        vec![node("Hal", None, false, 50.0, vec![])],
    );
    let beta = node(
        "Beta Ltd",
        Some(3),
        true,
        100.0,
        vec![node("Alpha Ltd", Some(2), true, 100.0, vec![]), gamma],
    );
    let alpha = node("Alpha Ltd", Some(2), true, 90.0, vec![beta]);
    let mut root = node(
        "Root Holdings",
        Some(1),
        true,
        100.0,
        vec![alpha, node("Gus", None, false, 10.0, vec![])],
    );
    root.role = None;
    root.officers = vec![OrgNode {
        name: Some("Dora Director".into()),
        nationality_id: Some("GB".into()),
        role: Some("Director".into()),
        ..OrgNode::default()
    }];
    root
}

fn state(tab: OrgTab, ascii: bool) -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let mut v = OrgView::new(1, "Root Holdings".into());
    v.chart.set(Box::new(Chart::build(&unsolvable())));
    v.rebuild_rows();
    v.tab = tab;
    s.org.view = Some(Box::new(v));
    s.org.ascii = ascii;
    s.view = View::Org;
    s
}

fn render(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(s, f)).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn an_unsolvable_loop_says_so_in_the_chart() {
    let s = state(OrgTab::Chart, false);
    let screen = render(&s, 120, 40);
    assert!(screen.contains("eff unsolvable"), "{screen}");
    assert!(screen.contains("↺ loops back to Alpha Ltd"), "{screen}");
    insta::assert_snapshot!("org_unsolvable_120x40", screen);
    insta::assert_snapshot!(
        "org_unsolvable_ascii_80x24",
        render(&state(OrgTab::Chart, true), 80, 24)
    );
}

#[test]
fn an_unsolvable_loop_says_so_in_the_owners_view() {
    let s = state(OrgTab::Owners, false);
    let screen = render(&s, 120, 40);
    assert!(screen.contains("cannot be computed"), "{screen}");
    // Gus (10 %) is below the threshold and Hal cannot be computed: the fallback rule applies.
    assert!(screen.contains("Directors: Dora Director"), "{screen}");
    insta::assert_snapshot!("org_owners_unsolvable_120x40", screen);
}
