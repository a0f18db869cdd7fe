//! The ownership views through the real app and the emulator's demo dataset: snapshots of the
//! chart in Unicode and ASCII at 80×24 and 120×40, the owners and members views, and flows that
//! open a case from the chart and come back.

use crate::common;

use common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::View;
use kyc_console::app::org::{Figure, Group, OrgTab};

/// The demo's 4-level chain (with a joint holding, a general partner and people under several
/// parents).
const DEEP: i64 = 1000003001;
/// Pacific Rim: Wei Zhang holds both of its shareholders.
const DIAMOND: i64 = 1000003009;
/// Rheintal (DE) ← Lumière (FR) ← Van der Berg (NL) ← Rheintal.
const CYCLE: i64 = 1000003010;
/// Kyrenia: a 30 % block held jointly by Sokolov and Petrova.
const JOINT: i64 = 1000003003;
/// Harrowgate Holdings ← 100 % The Harrowgate Family Trust (trustees, settlor, protector,
/// beneficiaries).
const TRUST: i64 = 1000003036;
/// Seaward: 100 % held by a nominee for Elena Marković, its nominator.
const NOMINEE: i64 = 1000003037;

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

async fn chart_of(id: i64) -> Harness {
    let mut h = Harness::demo().await;
    command(&mut h, &format!("case {id}")).await;
    command(&mut h, "org").await;
    assert_eq!(h.state.view, View::Org);
    h
}

async fn snapshots(id: i64, name: &str) {
    let mut h = chart_of(id).await;
    insta::assert_snapshot!(format!("{name}_80x24"), h.screen(80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), h.screen(120, 40));
    h.state.org.ascii = true;
    insta::assert_snapshot!(format!("{name}_ascii_80x24"), h.screen(80, 24));
    insta::assert_snapshot!(format!("{name}_ascii_120x40"), h.screen(120, 40));
}

#[tokio::test]
async fn deep_tree_snapshots() {
    snapshots(DEEP, "org_deep").await;
}

#[tokio::test]
async fn diamond_snapshots() {
    snapshots(DIAMOND, "org_diamond").await;
}

#[tokio::test]
async fn cycle_snapshots() {
    snapshots(CYCLE, "org_cycle").await;
}

#[tokio::test]
async fn joint_holder_snapshots() {
    snapshots(JOINT, "org_joint").await;
}

#[tokio::test]
async fn trust_snapshots() {
    snapshots(TRUST, "org_trust").await;
}

#[tokio::test]
async fn nominee_snapshots() {
    snapshots(NOMINEE, "org_nominee").await;
}

#[tokio::test]
async fn the_cycle_is_drawn_once_and_names_where_it_loops() {
    let h = chart_of(CYCLE).await;
    let v = h.state.org.view.as_ref().expect("org view");
    let chart = v.chart.data.as_ref().expect("chart loaded");
    let loops: Vec<_> = chart
        .nodes
        .iter()
        .filter(|n| n.loops_to.is_some())
        .collect();
    assert_eq!(loops.len(), 1);
    assert!(loops[0].children.is_empty());
    assert_eq!(
        loops[0].loops_to.as_deref(),
        Some("Rheintal Beteiligungs GmbH")
    );
    assert!(h.screen(120, 40).contains("↺ loops back to Rheintal"));
}

#[tokio::test]
async fn the_diamond_adds_both_routes_and_marks_the_api_figure() {
    let mut h = chart_of(DIAMOND).await;
    let v = h.state.org.view.as_ref().expect("org view");
    let chart = v.chart.data.as_ref().expect("chart loaded");
    let wei: Vec<_> = chart
        .nodes
        .iter()
        .filter(|n| n.name == "Wei Zhang" && n.group == Group::Shareholder)
        .collect();
    assert_eq!(wei.len(), 2);
    for n in &wei {
        // 55 % × 80 % + 45 % × 65 % = 73.25 %; the API's per-path figures are 44 and 29.25.
        assert!(matches!(n.effective, Figure::Percent(p) if (p - 73.25).abs() < 1e-9));
        assert!(n.differs());
        assert!(!n.also_under.is_empty());
    }
    command(&mut h, "ubo").await;
    let screen = h.screen(120, 40);
    assert!(screen.contains("73.25%"), "{screen}");
    assert!(screen.contains("API  73.25%"), "{screen}");
    insta::assert_snapshot!("org_owners_diamond_120x40", screen);
}

#[tokio::test]
async fn nobody_over_a_high_threshold_lists_directors_and_the_largest_holder() {
    let mut h = chart_of(DIAMOND).await;
    command(&mut h, "ubo 80").await;
    assert_eq!(h.state.org.threshold, 80.0);
    let screen = h.screen(120, 40);
    assert!(screen.contains("Nobody reaches 80.00%"), "{screen}");
    assert!(
        screen.contains("Largest holder: Wei Zhang (73.25%)"),
        "{screen}"
    );
}

#[tokio::test]
async fn members_view_and_its_markers() {
    let mut h = chart_of(DEEP).await;
    command(&mut h, "members").await;
    let v = h.state.org.view.as_ref().expect("org view");
    assert_eq!(v.tab, OrgTab::Members);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("Shareholders and beneficial owners"),
        "{screen}"
    );
    assert!(screen.contains("⚠ AML+"), "{screen}");
    insta::assert_snapshot!("org_members_120x40", screen);
}

#[tokio::test]
async fn open_a_subcase_from_the_chart_and_come_back() {
    let mut h = chart_of(DEEP).await;
    // Find the Aldermoor holding (a company with its own case) and open it.
    h.key(KeyCode::Char('/'));
    h.type_text("aldermoor");
    h.keys(&[KeyCode::Enter]).await;
    let sel = h
        .state
        .org
        .view
        .as_ref()
        .and_then(|v| v.selected_node().cloned());
    assert_eq!(
        sel.as_ref().map(|n| n.name.as_str()),
        Some("Aldermoor Investments S.à r.l.")
    );
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    let cv = h.state.case.as_ref().expect("subcase open");
    assert_eq!(Some(cv.id), sel.and_then(|n| n.case_id));
    assert!(h.screen(120, 40).contains("Aldermoor"));
    // The breadcrumbs say the case was opened from the chart.
    let crumbs = h.state.breadcrumbs();
    assert_eq!(
        crumbs.get(2).map(String::as_str),
        Some("Org chart"),
        "{crumbs:?}"
    );
    // Esc comes back to the chart, on the same node, with the root case underneath.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Org);
    assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(DEEP));
    let v = h.state.org.view.as_ref().expect("org view");
    assert_eq!(
        v.selected_node().map(|n| n.name.as_str()),
        Some("Aldermoor Investments S.à r.l.")
    );
    // And Esc again goes back to the root case.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
    assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(DEEP));
}

#[tokio::test]
async fn open_a_member_case_and_come_back() {
    let mut h = chart_of(DEEP).await;
    command(&mut h, "members").await;
    // The first member (James Whitfield, a director) has a case of his own.
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    assert_ne!(h.state.case.as_ref().map(|c| c.id), Some(DEEP));
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Org);
    assert_eq!(h.state.case.as_ref().map(|c| c.id), Some(DEEP));
}

#[tokio::test]
async fn fold_expand_all_collapse_all_and_scroll_sideways() {
    let mut h = chart_of(DEEP).await;
    let all = h.state.org.view.as_ref().map_or(0, |v| v.rows.len());
    assert_eq!(all, 31);
    h.key(KeyCode::Char('-'));
    let folded = h.state.org.view.as_ref().map_or(0, |v| v.rows.len());
    assert!(folded < all, "{folded} < {all}");
    h.key(KeyCode::Char('+'));
    assert_eq!(h.state.org.view.as_ref().map_or(0, |v| v.rows.len()), all);
    // Space on the root folds everything under it.
    h.key(KeyCode::Char(' '));
    assert_eq!(h.state.org.view.as_ref().map_or(0, |v| v.rows.len()), 1);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Right);
    h.key(KeyCode::Right);
    assert_eq!(h.state.org.view.as_ref().map_or(0, |v| v.hscroll), 16);
    h.key(KeyCode::Left);
    assert_eq!(h.state.org.view.as_ref().map_or(0, |v| v.hscroll), 8);
}

#[tokio::test]
async fn link_a_case_from_the_command_line() {
    let mut h = chart_of(DIAMOND).await;
    command(&mut h, "link 1000003016 Shareholder 10").await;
    assert!(
        h.status_text().contains("linked as Shareholder"),
        "{}",
        h.status_text()
    );
    // The chart reloads with the new holder.
    h.keys(&[KeyCode::Char('r')]).await;
    let screen = h.screen(120, 40);
    assert!(screen.contains("Bluewater Analytics"), "{screen}");
}

#[test]
fn link_and_ubo_commands_parse() {
    use kyc_console::app::command::{Command, parse};
    assert_eq!(
        parse("link 1000001002 Shareholder 30.5 nominee for a trust"),
        Ok(Command::Link {
            id: 1000001002,
            relation: "Shareholder".into(),
            percentage: Some(3050),
            details: "nominee for a trust".into(),
        })
    );
    assert_eq!(
        parse("link 7 Director"),
        Ok(Command::Link {
            id: 7,
            relation: "Director".into(),
            percentage: None,
            details: String::new(),
        })
    );
    assert!(parse("link x Director").is_err());
    assert_eq!(parse("ubo 10%"), Ok(Command::Ubo(Some(1000))));
    assert_eq!(parse("ubo"), Ok(Command::Ubo(None)));
    assert!(parse("ubo 120").is_err());
}

#[tokio::test]
async fn activate_a_deactivated_shareholder_step_from_the_chart() {
    let mut h = chart_of(DEEP).await;
    h.key(KeyCode::Char('/'));
    h.type_text("o'brien");
    h.keys(&[KeyCode::Enter]).await;
    let step = h
        .state
        .org
        .view
        .as_ref()
        .and_then(|v| v.selected_node())
        .and_then(|n| n.step_id)
        .expect("O'Brien's shareholder step");
    h.keys(&[KeyCode::Char('a')]).await;
    assert!(h.status_text().contains("activated"), "{}", h.status_text());
    let steps = h.client.case_steps(DEEP).await.expect("steps");
    let s = steps
        .iter()
        .flat_map(|g| &g.steps)
        .find(|s| s.case_step_id == step)
        .expect("the step");
    assert!(!s.is_deactivated);
    // Again: the step tree knows it is active now.
    h.keys(&[KeyCode::Char('a')]).await;
    assert!(
        h.status_text().contains("already active"),
        "{}",
        h.status_text()
    );
}

#[tokio::test]
async fn owners_view_lists_corporate_holders_with_unknown_owners() {
    let mut h = chart_of(DEEP).await;
    command(&mut h, "ubo").await;
    // The sanctions exposure and the control rules come first: a tall screen shows it all.
    let tall = h.screen(120, 80);
    assert!(tall.contains("★ UBO    42.00%"), "{tall}");
    assert!(
        tall.contains("13.50%  Hampshire County Council Pension Fund"),
        "{tall}"
    );
    insta::assert_snapshot!("org_owners_deep_120x40", h.screen(120, 40));
}

#[tokio::test]
async fn find_follows_the_text_as_it_is_typed_and_esc_returns() {
    let mut h = chart_of(DEEP).await;
    let name = |h: &Harness| {
        h.state
            .org
            .view
            .as_ref()
            .and_then(|v| v.selected_node())
            .map(|n| n.name.clone())
            .unwrap_or_default()
    };
    h.key(KeyCode::Char('/'));
    h.type_text("kyr");
    assert_eq!(name(&h), "Kyrenia Maritime Holdings Ltd");
    assert!(h.screen(80, 24).contains("find: kyr_"));
    h.type_text("zz");
    assert!(h.status_text().contains("no node matches"));
    h.key(KeyCode::Esc);
    assert_eq!(name(&h), "Northbridge Capital Holdings Limited");
    // Enter keeps the match; n finds the next one.
    h.key(KeyCode::Char('/'));
    h.type_text("whitfield");
    h.key(KeyCode::Enter);
    let first = h.state.org.view.as_ref().map_or(0, |v| v.selected);
    h.key(KeyCode::Char('n'));
    let second = h.state.org.view.as_ref().map_or(0, |v| v.selected);
    assert!(second > first, "{first} → {second}");
    assert_eq!(name(&h), "James Whitfield");
}
