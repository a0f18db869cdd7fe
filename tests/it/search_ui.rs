//! The registry search pane and the creation forms, drawn at 80×24 and 120×40 (insta snapshots).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::{self, Failure, Msg, Session, Slot, State};
use kyc_console::op::{self, Answers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn send<O: Answers>(state: &mut State, slot: Slot, op: O, result: Result<O::Answer, Failure>) {
    // Mark the request as the latest for its slot, as the app would have.
    state.next_req += 1;
    let id = state.next_req;
    state.latest.insert(slot, id);
    app::update(
        state,
        Msg::Done {
            id,
            slot,
            answer: op.answer(result),
            read_back: false,
        },
    );
}

fn key(state: &mut State, code: KeyCode) {
    app::update(state, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(state: &mut State, c: char) {
    app::update(
        state,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    );
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        key(state, KeyCode::Char(c));
    }
}

fn command(state: &mut State, line: &str) {
    key(state, KeyCode::Char(':'));
    typed(state, line);
    key(state, KeyCode::Enter);
}

fn jurisdiction(code: &str, name: &str, automated: bool) -> Jurisdiction {
    Jurisdiction {
        name: Some(name.into()),
        codeiso31662: Some(code.into()),
        isautomated: automated,
        ..Default::default()
    }
}

fn company_type(id: Id, name: &str, code: &str) -> CompanyType {
    CompanyType {
        company_type_id: id,
        name: Some(name.into()),
        codeiso31662: Some(code.into()),
        ..Default::default()
    }
}

/// A console with the reference lists loaded.
fn state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    send(
        &mut s,
        Slot::Jurisdictions,
        op::Jurisdictions,
        Ok(vec![
            jurisdiction("GB", "United Kingdom", true),
            jurisdiction("GI", "Gibraltar", true),
            jurisdiction("AE", "United Arab Emirates", false),
            jurisdiction("CY", "Cyprus", false),
            jurisdiction("DE", "Germany", true),
            jurisdiction("IE", "Ireland", true),
            jurisdiction("JE", "Jersey", false),
            jurisdiction("US-DE", "United States - Delaware", true),
        ]),
    );
    send(
        &mut s,
        Slot::CompanyTypes,
        op::CompanyTypes,
        Ok(vec![
            company_type(1, "Private Limited Company", "GB"),
            company_type(2, "Free Zone Establishment", "AE"),
            company_type(3, "Limited Liability Company", "AE"),
        ]),
    );
    s.status = None;
    s
}

fn hit(name: &str, reg: &str, city: &str, case: Option<Id>) -> SearchResult {
    SearchResult {
        name: Some(name.into()),
        rawname: Some(name.into()),
        company_type: Some("Private Limited Company".into()),
        external_code: Some(format!("GB-{reg}")),
        registration_number: Some(reg.into()),
        company_status: Some("Active".into()),
        case_common_id: case,
        country_code: Some("GB".into()),
        street: Some("25 Canada Square".into()),
        city: Some(city.into()),
        zip: Some("E14 5LQ".into()),
        ..Default::default()
    }
}

fn search_request() -> op::Search {
    op::Search(SearchRequest {
        query: "northbridge".into(),
        codeiso31662: "GB".into(),
    })
}

/// A search for "northbridge" in GB, still running.
fn running() -> State {
    let mut s = state();
    command(&mut s, "search northbridge GB");
    s.search.elapsed = 12;
    s
}

fn with_results() -> State {
    let mut s = running();
    send(
        &mut s,
        Slot::Search,
        search_request(),
        Ok(vec![
            hit(
                "Northbridge Capital Holdings Limited",
                "08123456",
                "London",
                Some(1000003001),
            ),
            hit(
                "Northbridge Holdings Limited",
                "10402812",
                "Manchester",
                None,
            ),
            hit("Northbridge Logistics Ltd", "11223344", "Leeds", None),
        ]),
    );
    s
}

fn render(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    format!("{}", t.backend())
}

fn both(name: &str, s: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(s, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), render(s, 120, 40));
}

#[test]
fn search_running() {
    both("search_running", &running());
}

#[test]
fn search_results() {
    let mut s = with_results();
    key(&mut s, KeyCode::Down);
    both("search_results", &s);
}

#[test]
fn search_504() {
    let mut s = running();
    send(
        &mut s,
        Slot::Search,
        search_request(),
        Err(Failure::new(app::search::GATEWAY_TIMEOUT)),
    );
    both("search_504", &s);
}

#[test]
fn search_form_with_the_picker_open() {
    let mut s = state();
    key(&mut s, KeyCode::Char('c'));
    typed(&mut s, "insight");
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "u");
    both("search_form_picker", &s);
}

#[test]
fn create_from_a_result() {
    let mut s = with_results();
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Enter);
    both("create_from_result", &s);
}

#[test]
fn new_company_form() {
    let mut s = state();
    command(&mut s, "new company");
    typed(&mut s, "Desert Rose Trading FZE");
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "arab");
    key(&mut s, KeyCode::Enter);
    ctrl(&mut s, 's');
    both("new_company_form", &s);
}

#[test]
fn new_individual_form_with_errors() {
    let mut s = state();
    command(&mut s, "new individual");
    typed(&mut s, "Amara");
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "31/02/1990");
    ctrl(&mut s, 's');
    both("new_individual_errors", &s);
}

#[test]
fn import_company_form() {
    let mut s = state();
    command(&mut s, "import company");
    typed(&mut s, "Harbour Light Ltd");
    both("import_company_form", &s);
}

#[test]
fn discard_question() {
    let mut s = state();
    command(&mut s, "import individual");
    typed(&mut s, "Jonas");
    key(&mut s, KeyCode::Esc);
    both("import_individual_discard", &s);
}
