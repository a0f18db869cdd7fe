//! The case-work views drawn on a `TestBackend` at 80×24 and 120×40, checked with insta
//! snapshots: properties, audit trail, the property input, the close decision, the delete
//! id, the identity form, a closed case's header, and the read-only note.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::casework::{Tab, identity, lifecycle, props};
use kyc_console::app::{self, CasePane, CaseView, Msg, Session, State, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const ID: Id = 1000004001;

fn details(closed: Option<&str>) -> CaseDetails {
    CaseDetails {
        common: CaseCommon {
            case_common_id: ID,
            status: Some(if closed.is_some() { "Closed" } else { "Open" }.into()),
            status_id: Some(3),
            case_decision: closed.map(Into::into),
            type_string: Some("Individual".into()),
            risk_rating: Some("Low".into()),
            ..Default::default()
        },
        individual: Some(IndividualInfo {
            first_name: Some("James".into()),
            last_name: Some("Whitfield".into()),
            birth_date: Some("1971-03-09".into()),
            nationality: Some("GB".into()),
            country_code: Some("GB".into()),
            ..Default::default()
        }),
        case_address: Some(CaseAddress {
            address_line1: Some("14 Cheyne Walk".into()),
            city: Some("London".into()),
            postcode: Some("SW3 5RA".into()),
            country_code: Some("GB".into()),
            address: Some("14 Cheyne Walk, London, SW3 5RA".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn audit(id: Id, when: &str, user: &str, action: &str, step: &str, details: &str) -> AuditEntry {
    AuditEntry {
        audit_id: id,
        time_stamp: Some(when.into()),
        user_name: Some(user.into()),
        action: Some(action.into()),
        step_name: (!step.is_empty()).then(|| step.into()),
        details: Some(details.into()),
        ..Default::default()
    }
}

/// An individual case open, its case-work view showing with properties and trail loaded.
fn state(closed: Option<&str>) -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "reviewer".into(),
        ..Default::default()
    });
    let mut cv = CaseView::new(CaseKind::Individual, ID, "James Whitfield".into());
    cv.detail.set(Box::new(details(closed)));
    s.case = Some(cv);
    s.work.case = Some((CaseKind::Individual, ID, "James Whitfield".into()));
    s.work.props.list.set(vec![
        Property::new("Name in Latin script", "James Whitfield"),
        Property::new("Client reference", "WHI-0042"),
        Property::new("Tax Number", "GB 123 4567 89"),
    ]);
    s.work.props.known_types = [
        "Client reference",
        "LEI",
        "Name in Latin script",
        "SIC Code",
        "Website",
    ]
    .iter()
    .map(|t| (*t).to_owned())
    .collect();
    s.work.props.pending.insert("Tax Number".into(), None);
    s.work.audit.list.set(vec![
        audit(9, "2026-11-30T23:58:10Z", "demo", "Case status changed", "", "Closed, decision Denied"),
        audit(8, "2026-11-30T23:41:02Z", "Maria Keller", "Properties updated", "", "Tax Number, Client reference"),
        audit(7, "2026-11-29T16:20:00Z", "Maria Keller", "Note added", "Identity", "Passport checked against the registry record; the address matches the utility bill of October"),
        audit(6, "2026-11-28T09:05:44Z", "Priya Raman", "Step status changed", "Address", "NotReviewed → Passed"),
        audit(5, "2026-11-27T11:00:00Z", "system", "Case created", "", "Individual case created"),
    ]);
    s.work.audit.set_filter(String::new());
    s.view = View::CaseWork;
    s
}

fn key(s: &mut State, code: KeyCode) {
    app::update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

fn render(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| kyc_console::ui::draw(s, f)).expect("draw");
    format!("{}", t.backend())
}

fn both(name: &str, s: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(s, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(s, 120, 40));
}

#[test]
fn properties_tab() {
    both("casework_props", &state(None));
}

#[test]
fn properties_tab_read_only() {
    let mut s = state(None);
    s.session.read_only = true;
    key(&mut s, KeyCode::Char('a'));
    both("casework_props_read_only", &s);
}

#[test]
fn property_input_with_suggestions() {
    let mut s = state(None);
    props::start_add(&mut s);
    typed(&mut s, "e");
    key(&mut s, KeyCode::Down);
    both("casework_property_input", &s);
}

#[test]
fn audit_tab_filtered_as_typed() {
    let mut s = state(None);
    s.work.tab = Tab::Audit;
    key(&mut s, KeyCode::Char('/'));
    typed(&mut s, "user:maria");
    both("casework_audit_filter", &s);
}

#[test]
fn audit_tab() {
    let mut s = state(None);
    s.work.tab = Tab::Audit;
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    both("casework_audit", &s);
}

#[test]
fn close_decision_picker() {
    let mut s = state(None);
    s.view = View::Case;
    lifecycle::close(&mut s, None);
    key(&mut s, KeyCode::Enter);
    both("casework_close_decision", &s);
}

#[test]
fn delete_id_typed_back() {
    let mut s = state(None);
    s.view = View::Case;
    lifecycle::delete(&mut s);
    typed(&mut s, "10000040");
    both("casework_delete", &s);
}

#[test]
fn identity_form_with_errors() {
    let mut s = state(None);
    s.view = View::Case;
    identity::open(&mut s);
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    for _ in 0..3 {
        key(&mut s, KeyCode::Tab);
    }
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)),
    );
    typed(&mut s, "ZZ");
    app::update(
        &mut s,
        Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    both("casework_identity", &s);
}

#[test]
fn closed_case_shows_in_header_and_overview() {
    let mut s = state(Some("Denied"));
    s.view = View::Case;
    if let Some(cv) = s.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
    both("casework_closed_case", &s);
}

/// Issue 15, item 16: the badge belongs to the case it describes: not on the list, the inbox
/// or the journal once the reviewer has left the closed case.
#[test]
fn the_closed_badge_stays_with_its_case() {
    let mut s = state(Some("Denied"));
    s.view = View::Case;
    assert!(render(&s, 80, 24).contains("CLOSED"));
    for view in [View::Cases, View::Alerts, View::Journal, View::Search] {
        s.view = view;
        let screen = render(&s, 80, 24);
        let header = screen.lines().next().unwrap_or_default();
        assert!(!header.contains("CLOSED"), "{view:?}: {header}");
    }
}

#[test]
fn identity_form_of_a_company() {
    let mut s = state(None);
    s.view = View::Case;
    if let Some(cv) = s.case.as_mut() {
        let mut d = details(None);
        d.individual = None;
        d.company = Some(CompanyInfo {
            entity_name: Some("Aldermoor Investments S.à r.l.".into()),
            country_code: Some("LU".into()),
            ..Default::default()
        });
        cv.kind = CaseKind::Company;
        cv.title = "Aldermoor Investments S.à r.l.".into();
        cv.detail.set(Box::new(d));
    }
    identity::open(&mut s);
    both("casework_identity_company", &s);
}
