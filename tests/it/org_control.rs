//! Beneficial ownership by control, not only by shares: `:ubo` lists the people who control the
//! company without a qualifying share (a PSC's nature of control, the general partner of a
//! partnership that holds a block), says which rule makes each one a beneficial owner, flags a
//! PSC band that disagrees with the console's integrated share, direct shares that do not add
//! up to 100 %, and corporate holders whose own owners are unknown.

use crate::casework_flow::{command, open_case};
use crate::common::Harness;
use crate::exposure_flow::flat;
use kyc_console::api::OrgNode;
use kyc_console::app::org::{Chart, OrgTab, OrgView};
use kyc_console::app::{Session, State, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn person(name: &str, shares: Option<f64>, role: &str) -> OrgNode {
    OrgNode {
        name: Some(name.into()),
        nationality_id: Some("GB".into()),
        role: Some(role.into()),
        shares,
        ..OrgNode::default()
    }
}

fn company(name: &str, id: Option<i64>, shares: f64, holders: Vec<OrgNode>) -> OrgNode {
    OrgNode {
        name: Some(name.into()),
        jurisdiction_id: Some("GB".into()),
        role: Some("Shareholder".into()),
        case_common_id: id,
        shares: Some(shares),
        shareholders: holders,
        ..OrgNode::default()
    }
}

/// Root ← 40% Fund LP (its general partner Fund GP Ltd, 100% Gina), 30% Pia, 20% Holdco (owners
/// unknown): 90 % in all. PSCs: Dan, no shares, appoints the directors; Pia, "50 to 75 percent",
/// though the chart gives her 30 %.
fn chart() -> OrgNode {
    let mut gp = company(
        "Fund GP Ltd",
        Some(3),
        0.0,
        vec![person("Gina Grey", Some(100.0), "Shareholder")],
    );
    gp.shares = None;
    gp.role = Some("GeneralPartner".into());
    gp.is_general_partner = true;
    let mut fund = company(
        "Fund LP",
        Some(2),
        40.0,
        vec![person("Liam Long", Some(100.0), "LimitedPartner")],
    );
    fund.officers = vec![gp];
    let mut dan = person("Dan Dee", None, "PersonWithSignificantControl");
    dan.extra.insert(
        "natureOfControl".into(),
        "Right to appoint and remove directors".into(),
    );
    let mut pia_psc = person("Pia Park", None, "PersonWithSignificantControl");
    pia_psc.extra.insert(
        "natureOfControl".into(),
        serde_json::json!(["Ownership of shares 50 to 75 percent"]),
    );
    let mut root = company(
        "Root Holdings",
        Some(1),
        100.0,
        vec![
            fund,
            person("Pia Park", Some(30.0), "Shareholder"),
            company("Holdco Ltd", None, 20.0, vec![]),
        ],
    );
    root.role = None;
    root.others = vec![dan, pia_psc];
    root
}

fn state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let mut v = OrgView::new(1, "Root Holdings".into());
    v.chart.set(Box::new(Chart::build(&chart())));
    v.rebuild_rows();
    v.tab = OrgTab::Owners;
    s.org.view = Some(Box::new(v));
    s.view = View::Org;
    s
}

fn render(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(s, f)).expect("draw");
    format!("{}", t.backend())
}

#[test]
fn ubo_with_control_rules_80x24() {
    let s = state();
    let screen = render(&s, 80, 24);
    insta::assert_snapshot!("ubo_control_80x24", screen);
}

#[test]
fn each_rule_is_named_and_each_doubt_flagged() {
    let mut s = state();
    if let Some(v) = s.org.view.as_mut() {
        v.owners_scroll = Default::default();
    }
    let screen = render(&s, 120, 40);
    for want in [
        "direct shares in Root Holdings add up to 90.00%",
        "By shares (effective share at or over 25.00%)",
        "Dan Dee · PSC: right to appoint and remove directors",
        "Pia Park · PSC: shares 50–75% ≠ console 30.00%",
        "Fund GP Ltd · general partner of Fund LP, which holds 40.00%",
        "Gina Grey · owns 100.00% of Fund GP Ltd, general partner of Fund LP, which holds 40.00%",
        "Corporate holders whose owners the chart does not show:",
        "Holdco Ltd",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
}

#[tokio::test]
async fn the_emulator_carries_the_nature_of_control_to_ubo() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Alpenblick").await;
    command(&mut h, "ubo").await;
    let screen = flat(&h, 120, 40);
    for want in [
        "Beat Zürcher · PSC: right to appoint and remove directors",
        "Beat Zürcher · PSC: Significant influence or control",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
}

/// Harrowgate Holdings: 100 % The Harrowgate Family Trust (Jersey), whose trustees are Bastion
/// Trust Company (Jersey) Limited and Claire Le Brocq, settlor Edmund Harrowgate, protector
/// Martin Osei, beneficiaries Isobel and Oliver Harrowgate.
const HARROWGATE: i64 = 1000003036;
/// Seaward: 100 % held by Road Town Nominees Limited for Elena Marković, the nominator.
const SEAWARD: i64 = 1000003037;

async fn owners_of(id: i64) -> Harness {
    let mut h = Harness::demo().await;
    command(&mut h, &format!("case {id}")).await;
    command(&mut h, "ubo").await;
    h
}

#[tokio::test]
async fn a_trust_in_the_chain_has_its_parties_as_beneficial_owners_by_role() {
    let h = owners_of(HARROWGATE).await;
    let screen = flat(&h, 120, 80);
    for want in [
        "Edmund Harrowgate · settlor of The Harrowgate Family Trust (100.00%)",
        "Claire Le Brocq · trustee of The Harrowgate Family Trust (100.00%)",
        "Martin Osei · protector of The Harrowgate Family Trust (100.00%)",
        "Isobel Harrowgate · beneficiary of The Harrowgate Family Trust (100.00%)",
        "Oliver Harrowgate · beneficiary of The Harrowgate Family Trust (100.00%)",
        "Bastion Trust Company (Jersey) Limited · corporate trustee of The Harrowgate Family Trust",
    ] {
        assert!(screen.contains(want), "{want:?} not in\n{screen}");
    }
    // The corporate trustee is a party to trace, not a natural person.
    assert!(!screen.contains("★ role  Bastion"), "{screen}");
    assert!(!screen.contains("No natural person"), "{screen}");
    // The trust's owners are its parties: it is not a holder whose owners are unknown, and the
    // fallback rule (nobody identified) does not apply.
    assert!(
        !screen.contains("whose owners the chart does not show"),
        "{screen}"
    );
    assert!(!screen.contains("fallback rule"), "{screen}");
    // The PSC who holds as trustee holds the trust's 100 %: no false disagreement.
    assert!(!screen.contains("≠ console 0.00%"), "{screen}");
    insta::assert_snapshot!("ubo_trust_80x24", h.screen(80, 24));
}

#[tokio::test]
async fn the_nominator_reads_as_the_owner_behind_the_nominee() {
    let h = owners_of(SEAWARD).await;
    let screen = flat(&h, 120, 80);
    assert!(
        screen.contains("Elena Marković · nominator of Road Town Nominees Limited (100.00%)"),
        "{screen}"
    );
    assert!(!screen.contains("No natural person"), "{screen}");
    insta::assert_snapshot!("ubo_nominee_80x24", h.screen(80, 24));
}
