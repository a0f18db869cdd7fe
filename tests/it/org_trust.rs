//! Issue 15, items 12, 13 and 8 (the ownership side): the org chart reads a node's kind from
//! what the real API sends (`jurisdictionId`, `nationalityId`, roles), never from "has children"
//! nor from `entityType`; a repeat that closes a loop is a reference to the company above; `:ubo`
//! shows the API's figure wherever the API puts it; direct shares over 100 % are flagged.
//! Charts are parsed from JSON in the shapes of the contract, with no `entityType` anywhere.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::{CaseKind, OrgNode};
use kyc_console::app::org::{Chart, OrgTab, OrgView};
use kyc_console::app::{self, Effect, Msg, Request, Session, State, View};
use kyc_console::op;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

fn parse(v: serde_json::Value) -> OrgNode {
    serde_json::from_value(v).expect("a chart in the contract's shape")
}

/// Root (GB) ← 60 % Alpha (GB) ← 40 % Root again (the API cuts the loop: no children, no
/// jurisdiction) and 60 % Eve; Root's secretary is a company carrying a jurisdiction.
fn looped() -> OrgNode {
    parse(json!({
        "name": "Root Holdings", "caseCommonId": 1, "jurisdictionId": "GB",
        "officers": [
            {"name": "Sec Services", "role": "Secretary", "jurisdictionId": "GB"},
            {"name": "Dora Director", "role": "Director", "nationalityId": "GB"}
        ],
        "shareholders": [
            {"name": "Alpha Ltd", "role": "Shareholder", "shares": 60, "caseCommonId": 2,
             "jurisdictionId": "GB",
             "shareholders": [
                {"name": "Root Holdings", "role": "Shareholder", "shares": 40, "caseCommonId": 1},
                {"name": "Eve", "role": "Shareholder", "shares": 60, "nationalityId": "FR"}
             ]},
            {"name": "Bob", "role": "Shareholder", "shares": 40, "nationalityId": "GB",
             "caseCommonId": 9}
        ]
    }))
}

fn state(root: &OrgNode, tab: OrgTab) -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let mut v = OrgView::new(1, "Root Holdings".into());
    v.chart.set(Box::new(Chart::build(root)));
    v.rebuild_rows();
    v.tab = tab;
    s.org.view = Some(Box::new(v));
    s.view = View::Org;
    s
}

fn render(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(s, f)).expect("draw");
    format!("{}", t.backend())
}

fn select(s: &mut State, pick: impl Fn(&kyc_console::app::org::ChartNode) -> bool) {
    let v = s.org.view.as_mut().expect("org view");
    let chart = v.chart.data.as_ref().expect("chart");
    let pos = v
        .rows
        .iter()
        .position(|r| pick(&chart.nodes[r.node]))
        .expect("the node is on a row");
    v.selected = pos;
}

fn opened_kind(fx: &[Effect]) -> Option<CaseKind> {
    fx.iter().find_map(|e| match e {
        Effect::Fetch {
            request: Request::CaseDetail(op::CaseDetail { kind, .. }),
            ..
        } => Some(*kind),
        _ => None,
    })
}

#[test]
fn a_loop_repeat_without_children_is_the_company_above_not_a_person() {
    let s = state(&looped(), OrgTab::Chart);
    let v = s.org.view.as_ref().expect("view");
    let chart = v.chart.data.as_ref().expect("chart");
    let repeat = chart
        .nodes
        .iter()
        .find(|n| n.loops_to.is_some())
        .expect("the repeat");
    assert!(repeat.is_company, "the repeat of Root is a company");
    let screen = render(&s, 120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains("loops back to"))
        .expect("the repeat's row");
    assert!(!line.contains("person"), "{line}");
    assert!(!line.contains("UBO"), "{line}");
    // Nobody named Root Holdings is among the natural persons.
    let own = &chart.ownership;
    assert!(
        own.people()
            .iter()
            .all(|(i, _)| own.entities[*i].name != "Root Holdings")
    );
}

#[test]
fn a_corporate_secretary_with_a_jurisdiction_is_a_company() {
    let s = state(&looped(), OrgTab::Chart);
    let chart = s.org.view.as_ref().and_then(|v| v.chart.data.as_ref());
    let chart = chart.expect("chart");
    let sec = chart
        .nodes
        .iter()
        .find(|n| n.name == "Sec Services")
        .expect("secretary");
    assert!(sec.is_company);
    let dora = chart
        .nodes
        .iter()
        .find(|n| n.name == "Dora Director")
        .expect("director");
    assert!(!dora.is_company);
    let eve = chart.nodes.iter().find(|n| n.name == "Eve").expect("Eve");
    assert!(!eve.is_company, "a person with holdings and no children");
}

#[test]
fn enter_on_a_loop_repeat_opens_the_company_case() {
    let mut s = state(&looped(), OrgTab::Chart);
    select(&mut s, |n| n.loops_to.is_some());
    let fx = app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert_eq!(opened_kind(&fx), Some(CaseKind::Company));
    let mut s = state(&looped(), OrgTab::Chart);
    select(&mut s, |n| n.name == "Bob");
    let fx = app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    assert_eq!(opened_kind(&fx), Some(CaseKind::Individual));
}

/// The API's figures on the ultimate-beneficial-owner ("others") nodes, one of which differs
/// from the console's.
fn figures_on_others() -> OrgNode {
    parse(json!({
        "name": "Root Holdings", "caseCommonId": 1, "jurisdictionId": "GB",
        "shareholders": [
            {"name": "Alpha Ltd", "shares": 50, "jurisdictionId": "GB", "caseCommonId": 2,
             "shareholders": [
                {"name": "Carol Long-Surname-Person", "shares": 100, "nationalityId": "GB"}
             ]},
            {"name": "Dan", "shares": 50, "nationalityId": "GB"}
        ],
        "others": [
            {"name": "Carol Long-Surname-Person", "role": "UltimateBeneficialOwner",
             "effectivePercentage": 30, "nationalityId": "GB"},
            {"name": "Dan", "role": "UltimateBeneficialOwner", "effectivePercentage": 50,
             "nationalityId": "GB"}
        ]
    }))
}

#[test]
fn ubo_shows_the_api_figure_from_the_others_nodes_and_flags_a_difference_at_80_columns() {
    let s = state(&figures_on_others(), OrgTab::Owners);
    let screen = render(&s, 80, 24);
    let carol = screen
        .lines()
        .find(|l| l.contains("Carol"))
        .expect("Carol's row");
    assert!(carol.contains("API  30.00%"), "{screen}");
    assert!(carol.contains("≠"), "{screen}");
    let dan = screen.lines().find(|l| l.contains("Dan")).expect("Dan");
    assert!(dan.contains("API  50.00%"), "{screen}");
    assert!(!dan.contains("≠"), "{screen}");
    insta::assert_snapshot!("ubo_api_figures_80x24", screen);
}

/// Direct shares that add up to 115 %.
fn overfull() -> OrgNode {
    parse(json!({
        "name": "Root Holdings", "caseCommonId": 1, "jurisdictionId": "GB",
        "shareholders": [
            {"name": "Ann", "shares": 65, "nationalityId": "GB"},
            {"name": "Ben", "shares": 50, "nationalityId": "GB"}
        ]
    }))
}

#[test]
fn direct_shares_over_100_percent_are_flagged_in_org_and_ubo() {
    let s = state(&overfull(), OrgTab::Chart);
    let screen = render(&s, 80, 24);
    assert!(screen.contains("115"), "{screen}");
    let s = state(&overfull(), OrgTab::Owners);
    let screen = render(&s, 80, 24);
    assert!(screen.contains("115"), "{screen}");
}

/// Pacific Rim (the demo's diamond) and a case that is not linked to it.
const DIAMOND: i64 = 1000003009;
const BLUEWATER: i64 = 1000003016;

async fn command(h: &mut crate::common::Harness, line: &str) -> Vec<Effect> {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    let fx = app::update(
        &mut h.state,
        Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)),
    );
    h.apply(fx.clone());
    h.settle().await;
    fx
}

/// Whether the effects carry a change to the server.
fn sends_link(fx: &[Effect]) -> bool {
    fx.iter().any(|e| {
        matches!(
            e,
            Effect::Fetch {
                request: Request::Link(_),
                ..
            }
        )
    })
}

#[tokio::test]
async fn link_refuses_an_unknown_relation_and_a_percentage_over_100_before_sending() {
    let mut h = crate::common::Harness::demo().await;
    command(&mut h, &format!("case {DIAMOND}")).await;
    for (line, says) in [
        (format!("link {BLUEWATER} Foo"), "relation"),
        (format!("link {BLUEWATER} Shareholder 150"), "0 to 100"),
        (format!("link {BLUEWATER} Shareholder -5"), "0 to 100"),
    ] {
        let fx = command(&mut h, &line).await;
        assert!(!sends_link(&fx), "{line}: nothing is sent");
        let status = h.status_text();
        assert!(status.contains(says), "{line}: {status}");
        assert!(!status.contains("linked as"), "{line}: {status}");
    }
    // Nothing reached the emulator: Bluewater is still not in the chart.
    let chart = h.client.org_chart(DIAMOND).await.expect("chart");
    let text = serde_json::to_string(&chart).expect("json");
    assert!(!text.contains("Bluewater"), "{text}");
    // The guide's spelling is sent whatever the case typed.
    let fx = command(&mut h, &format!("link {BLUEWATER} shareholder 10")).await;
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Fetch { request: Request::Link(op::Link { request, .. }), .. }
            if request.relation == "Shareholder"
    )));
}

/// Rheintal (DE) ← Lumière (FR) ← Van der Berg (NL) ← Rheintal: the emulator repeats Rheintal
/// bare (a name and an id), as the API cuts a loop.
const CYCLE: i64 = 1000003010;

#[tokio::test]
async fn enter_on_the_demo_loop_repeat_opens_the_company_without_a_404() {
    let mut h = crate::common::Harness::demo().await;
    command(&mut h, &format!("case {CYCLE}")).await;
    command(&mut h, "org").await;
    select(&mut h.state, |n| n.loops_to.is_some());
    let screen = h.screen(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains("loops back to"))
        .expect("the repeat's row");
    assert!(line.contains("company") && !line.contains("UBO"), "{line}");
    h.keys(&[KeyCode::Enter]).await;
    let cv = h.state.case.as_ref().expect("a case opened");
    assert_eq!((cv.kind, cv.id), (CaseKind::Company, CYCLE));
    assert!(cv.detail.data.is_some(), "{}", h.status_text());
}
