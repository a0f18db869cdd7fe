//! The AML pane drawn on a `TestBackend` at 80×24 and 120×40, checked with insta snapshots.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::{self, CaseView, Msg, Session, State, aml};
use kyc_console::op::{self, Answers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn source(title: &str, url: &str) -> AmlSource {
    AmlSource {
        title: Some(title.into()),
        url: Some(url.into()),
        ..Default::default()
    }
}

fn matches() -> AmlChecks {
    AmlChecks {
        world_checks: vec![AmlMatch {
            case_step_id: 501,
            match_id: Some("WC-501".into()),
            category: Some("Sanctions".into()),
            name: Some("Ivan Sergeyevich Sokolov".into()),
            aliases: vec!["Иван Сергеевич Соколов".into(), "I. S. Sokolov".into()],
            match_score: Some(94.0),
            match_strength: Some("Strong".into()),
            date_of_birth: Some("1971-09-23".into()),
            nationality: Some("RU".into()),
            country: Some("CY".into()),
            gender: Some("Male".into()),
            sanction_lists: vec!["OFAC SDN".into(), "EU Consolidated".into()],
            biography: Some("Businessman designated for operating in the energy sector.".into()),
            sources: vec![
                source(
                    "OFAC Specially Designated Nationals list",
                    "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=48713",
                ),
                source(
                    "EU Consolidated Financial Sanctions List",
                    "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions",
                ),
            ],
            updated_on: Some("2026-03-18T05:40:00Z".into()),
            ..Default::default()
        }],
        lexis_nexis_checks: vec![AmlMatch {
            case_step_id: 502,
            category: Some("PEP".into()),
            name: Some("Iv\u{200B}an Sokolov".into()),
            match_score: Some(58.0),
            match_strength: Some("Weak".into()),
            date_of_birth: Some("1949-02-14".into()),
            nationality: Some("Russia".into()),
            country: Some("RUS".into()),
            pep_tier: Some("Tier 3".into()),
            is_excluded: true,
            excluded_reason: Some("Different date of birth".into()),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let mut cv = CaseView::new(CaseKind::Individual, 1000004001, "Ivan Sokolov".into());
    cv.detail.set(Box::new(CaseDetails {
        individual: Some(IndividualInfo {
            first_name: Some("Ivan".into()),
            last_name: Some("Sokolov".into()),
            birth_date: Some("1971-09-23".into()),
            country_code: Some("CY".into()),
            nationality: Some("RU".into()),
            ..Default::default()
        }),
        ..Default::default()
    }));
    let step = |id, name: &str, status| Step {
        case_step_id: id,
        name: Some(name.into()),
        step_type: Some("Aml".into()),
        status,
        ..Default::default()
    };
    cv.steps.set(vec![StepGroup {
        group: Some("AML screening".into()),
        steps: vec![
            step(501, "Ivan Sergeyevich Sokolov", StepStatus::NotReviewed),
            step(502, "Ivan Sokolov", StepStatus::Passed),
        ],
        ..Default::default()
    }]);
    cv.rebuild_rows();
    s.case = Some(cv);
    let mut fx = Vec::new();
    aml::open(&mut s, &mut fx);
    answer_aml(
        &mut s,
        op::AmlChecks {
            kind: CaseKind::Individual,
            id: 1000004001,
        }
        .answer(Ok(Box::new(matches()))),
        &mut fx,
    );
    s
}

/// The AML checks answer, as the fetch layer delivers it: to the latest request of the slot.
fn answer_aml(
    s: &mut State,
    answer: kyc_console::app::Answer,
    _: &mut Vec<kyc_console::app::Effect>,
) {
    let slot = kyc_console::app::Slot::AmlChecks;
    let id = s.latest.get(&slot).copied().unwrap_or_default();
    s.latest.insert(slot, id);
    app::update(
        s,
        Msg::Done {
            id,
            slot,
            answer,
            read_back: false,
        },
    );
}

fn render(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    format!("{}", t.backend())
}

fn key(s: &mut State, c: KeyCode) {
    app::update(s, Msg::Key(KeyEvent::new(c, KeyModifiers::NONE)));
}

#[test]
fn aml_pane() {
    let s = state();
    insta::assert_snapshot!("aml_pane_80x24", render(&s, 80, 24));
    insta::assert_snapshot!("aml_pane_120x40", render(&s, 120, 40));
}

#[test]
fn aml_pane_excluded_match_with_hidden_characters() {
    let mut s = state();
    key(&mut s, KeyCode::Char('j'));
    let screen = render(&s, 120, 40);
    assert!(screen.contains("⚠ hidden characters"), "{screen}");
    insta::assert_snapshot!("aml_excluded_120x40", screen);
}

#[test]
fn aml_reason_picker() {
    let mut s = state();
    // A date of birth that conflicts: the picker points at the reason the comparison supports.
    if let Some(e) = s
        .aml
        .as_mut()
        .and_then(|p| p.matches.data.as_mut())
        .and_then(|m| m.first_mut())
    {
        e.m.date_of_birth = Some("1949-02-14".into());
    }
    key(&mut s, KeyCode::Char('x'));
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Enter);
    assert!(
        matches!(s.mode, app::Mode::Aml(_)),
        "the Exclude button without a reason does not exclude"
    );
    insta::assert_snapshot!("aml_reason_80x24", render(&s, 80, 24));
    key(&mut s, KeyCode::Char('5'));
    for c in "Namesake".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    insta::assert_snapshot!("aml_reason_other_80x24", render(&s, 80, 24));
}

#[test]
fn aml_url_to_copy() {
    let mut s = state();
    aml::show_url(
        &mut s,
        "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions".into(),
        "Over SSH: copy this address",
    );
    insta::assert_snapshot!("aml_url_80x24", render(&s, 80, 24));
}

#[test]
fn aml_pane_of_a_company() {
    let mut s = state();
    if let Some(cv) = s.case.as_mut() {
        cv.detail.set(Box::new(CaseDetails {
            company: Some(CompanyInfo {
                entity_name: Some("Al Noor Trading FZE".into()),
                country_code: Some("AE".into()),
                ..Default::default()
            }),
            ..Default::default()
        }));
    }
    let mut fx = Vec::new();
    let checks = AmlChecks {
        world_checks: vec![AmlMatch {
            case_step_id: 501,
            category: Some("Sanctions".into()),
            name: Some("AL-NOOR TRADING F.Z.E.".into()),
            match_score: Some(100.0),
            match_strength: Some("Exact".into()),
            country: Some("United Arab Emirates".into()),
            sanction_lists: vec!["OFAC SDN".into()],
            ..Default::default()
        }],
        ..Default::default()
    };
    answer_aml(
        &mut s,
        op::AmlChecks {
            kind: CaseKind::Individual,
            id: 1000004001,
        }
        .answer(Ok(Box::new(checks))),
        &mut fx,
    );
    insta::assert_snapshot!("aml_company_80x24", render(&s, 80, 24));
}
