//! Registry search and case creation through the real app, fetch layer, client and emulator:
//! every operation, and its error paths (504, client timeout, too broad, invalid forms never
//! sent, a refused creation that keeps the form).

use crate::common;

use common::{Harness, client_for, demo_config, emulator_with};
use crossterm::event::KeyCode;
use kyc_console::api::{CaseKind, Client, ClientConfig, Secret};
use kyc_console::app::search::GATEWAY_TIMEOUT;
use kyc_console::app::{Mode, Msg, Session, State, View};
use kyc_console::fetch::Fetcher;
use std::time::Duration;
use tokio::sync::mpsc;

fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.key(KeyCode::Enter);
}

async fn total(client: &Client, kind: CaseKind) -> u64 {
    client
        .list_cases(kind, 1, 1)
        .await
        .expect("list")
        .total
        .expect("X-Total-Count")
}

fn form_errors(h: &Harness) -> Vec<(&'static str, String)> {
    match &h.state.mode {
        Mode::Create(p) => p
            .form
            .fields
            .iter()
            .filter_map(|f| f.error.clone().map(|e| (f.key, e)))
            .collect(),
        other => panic!("no form open: {other:?}"),
    }
}

/// Wait for messages until `done` holds (the search may still run: `settle` would wait for it).
async fn until(h: &mut Harness, done: impl Fn(&State) -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !done(&h.state) {
        match tokio::time::timeout_at(deadline, h.rx.recv()).await {
            Ok(Some(msg)) => h.send(msg),
            _ => panic!("condition not met in 10 s"),
        }
    }
}

#[tokio::test]
async fn search_then_create_from_a_result_with_its_exact_name() {
    let mut h = Harness::demo().await;
    let before = total(&h.client, CaseKind::Company).await;
    command(&mut h, "search northbridge GB");
    h.settle().await;
    assert_eq!(h.state.view, View::Search);
    let hits = h.state.search.results.clone().expect("results");
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(h.status_text().contains("2 entities found"));
    // The first hit has a case already: Enter opens it instead of creating a second.
    assert!(hits[0].case_common_id.is_some());
    let target = hits[1].clone();
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    assert!(matches!(&h.state.mode, Mode::Create(_)), "the create form");
    h.key(KeyCode::Right); // AML only
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    let cv = h.state.case.as_ref().expect("opened");
    let status = h.status_text();
    assert!(status.contains("created company case"), "{status}");
    assert!(status.contains(&cv.id.to_string()), "{status}");
    // Read it back: exactly the registry's name, AML-only, one more case.
    let d = h
        .client
        .case_detail(CaseKind::Company, cv.id)
        .await
        .expect("detail");
    assert_eq!(d.name(), target.name.clone().expect("name"));
    assert_eq!(d.common.case_processing_type.as_deref(), Some("AmlOnly"));
    assert_eq!(total(&h.client, CaseKind::Company).await, before + 1);
    assert!(h.state.cases.rows().iter().any(|r| r.id == cv.id), "listed");
    // The registry now knows the case: a second search marks the hit.
    command(&mut h, "search northbridge GB");
    h.settle().await;
    let hits = h.state.search.results.clone().expect("results");
    assert!(hits.iter().all(|r| r.case_common_id.is_some()));
}

#[tokio::test]
async fn too_broad_search_says_what_to_add() {
    let mut h = Harness::demo().await;
    command(&mut h, "search holdings GB");
    h.settle().await;
    let err = h.state.search.error.clone().expect("refused");
    assert!(err.summary.contains("More than 200 records"), "{err:?}");
    assert!(
        err.summary
            .contains("add more of the name or the registration number")
    );
    assert!(h.screen(80, 24).contains("n creates the case by hand"));
}

#[tokio::test]
async fn a_slow_search_leaves_every_key_working_and_can_be_cancelled() {
    // GB's registry takes 67 s at scale 1.
    let emulator = emulator_with(kyc_console::emulator::Config {
        search_time_scale: 1.0,
        ..demo_config()
    })
    .await;
    let mut h = Harness::on(emulator).await;
    command(&mut h, "search northbridge GB");
    assert!(h.state.search.running && h.state.is_loading());
    // Go elsewhere and open a case while the registry works.
    h.key(KeyCode::Esc); // Esc on the pane cancels; start again and leave by command.
    assert!(!h.state.search.running);
    command(&mut h, "search northbridge GB");
    command(&mut h, "cases");
    h.key(KeyCode::Enter);
    until(&mut h, |s| {
        s.case
            .as_ref()
            .is_some_and(|c| c.detail.data.is_some() && c.steps.data.is_some())
    })
    .await;
    // Let the step's own loads finish; only the search may still run.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while h.fetcher.in_flight() > 1 {
        match tokio::time::timeout_at(deadline, h.rx.recv()).await {
            Ok(Some(msg)) => h.send(msg),
            _ => panic!("loads did not finish"),
        }
    }
    assert_eq!(h.state.view, View::Case);
    assert!(
        h.state.search.running,
        "navigation did not abort the search"
    );
    assert_eq!(h.fetcher.in_flight(), 1, "the search still runs");
    // Elapsed seconds advance on the spinner's tick, by the time stamped on it: the test
    // moves that clock instead of waiting for it.
    let t0 = std::time::Instant::now();
    h.send(Msg::Tick(t0));
    h.send(Msg::Tick(t0 + Duration::from_millis(1100)));
    assert_eq!(h.state.search.elapsed, 1);
    command(&mut h, "search");
    assert_eq!(
        h.state.view,
        View::Search,
        ":search shows the running search"
    );
    assert!(h.screen(80, 24).contains("searching… 1 s"));
    command(&mut h, "search cancel");
    assert!(!h.state.search.running);
    assert_eq!(h.fetcher.in_flight(), 0, "the request was aborted");
    assert!(h.status_text().contains("cancelled"));
}

#[tokio::test]
async fn a_client_timeout_is_a_way_forward() {
    let emulator = emulator_with(kyc_console::emulator::Config {
        search_time_scale: 1.0,
        ..demo_config()
    })
    .await;
    let mut cfg = ClientConfig::new(
        emulator.base_url(),
        "demo".to_owned(),
        Secret::new("demo".to_owned()),
    );
    cfg.search_timeout = Duration::from_millis(300);
    let client = Client::new(cfg).expect("client");
    let mut h = Harness::on(emulator).await;
    let (tx, rx) = mpsc::unbounded_channel();
    h.fetcher = Fetcher::new(client, tx);
    h.rx = rx;
    command(&mut h, "search northbridge GB");
    h.settle().await;
    let err = h.state.search.error.clone().expect("timed out");
    assert!(
        err.summary.contains("did not answer within") && err.summary.contains(":new company"),
        "{err:?}"
    );
}

/// A gateway that gives up on every registry search with an empty 504, as the real one does.
async fn gateway_504() -> std::net::SocketAddr {
    use axum::routing::{get, post};
    let app = axum::Router::new()
        .route(
            "/connect/token",
            post(|| async {
                axum::Json(serde_json::json!({
                    "access_token": "t", "token_type": "Bearer", "expires_in": 600,
                    "scope": "PublicApi"
                }))
            }),
        )
        .route(
            "/v2/Companies/search",
            post(|| async { axum::http::StatusCode::GATEWAY_TIMEOUT }),
        )
        .route(
            "/v2/Jurisdictions",
            get(|| async {
                axum::Json(serde_json::json!({"jurisdictions": {"jurisdiction": [
                    {"name": "United Kingdom", "codeiso31662": "GB", "isautomated": true}
                ]}}))
            }),
        )
        .route(
            "/v2/CompanyTypes",
            get(|| async { axum::Json(serde_json::json!([])) }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });
    addr
}

#[tokio::test]
async fn a_504_reads_as_what_to_do_next() {
    let addr = gateway_504().await;
    let emulator = emulator_with(demo_config()).await;
    let client = Client::new(ClientConfig::new(
        format!("http://{addr}"),
        "demo".to_owned(),
        Secret::new("demo".to_owned()),
    ))
    .expect("client");
    let (tx, rx) = mpsc::unbounded_channel();
    let fetcher = Fetcher::new(client.clone(), tx);
    let mut h = Harness::assemble(
        State::new(Session::default()),
        fetcher,
        rx,
        client,
        emulator,
    );
    command(&mut h, "search acme GB");
    h.settle().await;
    let err = h.state.search.error.clone().expect("504");
    assert_eq!(err.summary, GATEWAY_TIMEOUT);
    assert!(!h.state.search.running);
    assert!(
        h.screen(120, 40)
            .contains("The registry did not answer in time (504)")
    );
    // r tries again: the same search goes out once more.
    h.key(KeyCode::Char('r'));
    assert!(h.state.search.running);
    h.settle().await;
    assert_eq!(
        h.state.search.error.as_ref().map(|e| e.summary.as_str()),
        Some(GATEWAY_TIMEOUT)
    );
}

/// The emulator's own gateway 504 (a name the slowest registry, NL, does not hold makes it scan
/// its whole index) reads as a 504 from any gateway does: what to do next, the search kept; a
/// name it holds and a registration number are answered.
#[tokio::test]
async fn the_emulators_slowest_registry_meets_the_gateways_504() {
    let mut h = Harness::demo().await;
    command(&mut h, "search Keizersgracht NL");
    h.settle().await;
    let err = h.state.search.error.clone().expect("504");
    assert_eq!(err.summary, GATEWAY_TIMEOUT);
    assert!(h.screen(80, 24).contains("did not answer in time (504)"));
    command(&mut h, "search Zuidas NL");
    h.settle().await;
    let hits = h.state.search.results.clone().expect("results");
    assert_eq!(hits[0].name.as_deref(), Some("Zuidas Vastgoed B.V."));
    command(&mut h, "search 34129876 NL");
    h.settle().await;
    let hits = h.state.search.results.clone().expect("results");
    assert_eq!(hits[0].name.as_deref(), Some("Zuidas Vastgoed B.V."));
}

#[tokio::test]
async fn a_non_automated_jurisdiction_goes_to_the_manual_form() {
    let mut h = Harness::demo().await;
    command(&mut h, "search Gulf Horizon AE");
    h.settle().await;
    // Sent before the jurisdictions were known: the server's refusal names the way.
    let err = h.state.search.error.clone().expect("refused");
    assert!(err.summary.contains("not automated"), "{err:?}");
    // Now that the list is loaded, the console knows better and asks for the manual form.
    command(&mut h, "search Gulf Horizon AE");
    h.settle().await;
    let Mode::Create(p) = &h.state.mode else {
        panic!("manual form expected: {:?}", h.state.mode);
    };
    assert_eq!(p.form.value("rawname"), "Gulf Horizon");
    assert_eq!(p.form.value("codeiso31662"), "AE");
}

#[tokio::test]
async fn a_company_by_hand_needs_its_type_and_is_created_unregistered() {
    let mut h = Harness::demo().await;
    let before = total(&h.client, CaseKind::Company).await;
    command(&mut h, "new company");
    h.settle().await;
    h.type_text("Desert Rose Trading FZE");
    h.key(KeyCode::Tab);
    h.type_text("arab");
    h.key(KeyCode::Enter); // picks the United Arab Emirates, moves to the company type
    h.ctrl('s');
    let errors = form_errors(&h);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "companyType");
    assert!(
        h.fetcher.in_flight() == 0 && h.state.latest.is_empty(),
        "nothing sent"
    );
    assert_eq!(total(&h.client, CaseKind::Company).await, before);
    h.key(KeyCode::Right); // the first company type of the UAE
    h.ctrl('s');
    h.settle().await;
    let id = h.state.case.as_ref().expect("opened").id;
    let d = h
        .client
        .case_detail(CaseKind::Company, id)
        .await
        .expect("detail");
    let company = d.company.expect("company");
    assert_eq!(
        company.entity_name.as_deref(),
        Some("Desert Rose Trading FZE")
    );
    assert_eq!(company.country_code.as_deref(), Some("AE"));
    assert!(company.company_type.is_some_and(|t| !t.is_empty()));
    assert_eq!(total(&h.client, CaseKind::Company).await, before + 1);
}

#[tokio::test]
async fn an_invalid_individual_is_never_sent_and_a_valid_one_is_created() {
    let mut h = Harness::demo().await;
    let before = total(&h.client, CaseKind::Individual).await;
    command(&mut h, "new individual");
    h.settle().await;
    h.type_text("Amara");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab); // last name left empty
    h.type_text("1990-02-31");
    h.ctrl('s');
    let errors = form_errors(&h);
    let keys: Vec<_> = errors.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, ["lastName", "birthDate"], "{errors:?}");
    assert!(h.screen(80, 24).contains("✘ required"));
    // Nothing left the process, and the server holds no new case.
    assert!(h.state.latest.is_empty());
    assert_eq!(total(&h.client, CaseKind::Individual).await, before);
    // Fix both: the focus went to the first invalid field.
    h.type_text("Okafor");
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.type_text("1990-02-28");
    h.key(KeyCode::Tab);
    h.type_text("nigeria united kingdom"); // nothing matches both
    h.key(KeyCode::Esc);
    h.type_text("kingdom");
    h.key(KeyCode::Enter);
    h.type_text("1 Main Street");
    h.ctrl('s');
    h.settle().await;
    assert_eq!(h.state.view, View::Case);
    let cv = h.state.case.as_ref().expect("opened");
    assert_eq!(cv.kind, CaseKind::Individual);
    let d = h
        .client
        .case_detail(CaseKind::Individual, cv.id)
        .await
        .expect("detail");
    let ind = d.individual.expect("individual");
    assert_eq!(ind.first_name.as_deref(), Some("Amara"));
    assert_eq!(ind.birth_date.as_deref(), Some("1990-02-28"));
    assert_eq!(ind.nationality.as_deref(), Some("GB"));
    assert_eq!(total(&h.client, CaseKind::Individual).await, before + 1);
    assert!(
        h.state.form_drafts.is_empty(),
        "the sent form's draft is gone"
    );
}

#[tokio::test]
async fn import_a_company_with_properties_and_an_individual() {
    let mut h = Harness::demo().await;
    command(&mut h, "import company");
    h.settle().await;
    h.type_text("Harbour Light Ltd");
    h.key(KeyCode::Tab);
    h.type_text("(GB)");
    // Tab picks and moves on (Enter would pick and stay).
    h.key(KeyCode::Tab);
    h.key(KeyCode::Right);
    h.key(KeyCode::Tab);
    h.type_text("Registration Number = 01234567");
    h.key(KeyCode::Tab);
    h.type_text("no equals sign");
    h.ctrl('s');
    assert_eq!(form_errors(&h)[0].0, "property2", "a bad line is caught");
    assert!(h.state.latest.is_empty(), "and nothing sent");
    h.ctrl('u');
    h.type_text("LEI = 549300EXAMPLE");
    h.ctrl('s');
    h.settle().await;
    let id = h.state.case.as_ref().expect("opened").id;
    assert!(
        h.status_text()
            .contains("imported company case Harbour Light Ltd")
    );
    let props = h
        .client
        .properties(CaseKind::Company, id)
        .await
        .expect("properties");
    let find = |t: &str| {
        props
            .iter()
            .find(|p| p.data_type.as_deref() == Some(t))
            .and_then(|p| p.data.clone())
    };
    assert_eq!(find("Registration Number").as_deref(), Some("01234567"));
    assert_eq!(find("LEI").as_deref(), Some("549300EXAMPLE"));

    command(&mut h, "import individual");
    h.type_text("Jonas");
    h.key(KeyCode::Tab);
    h.type_text("Berg");
    h.ctrl('s');
    h.settle().await;
    let cv = h.state.case.as_ref().expect("opened");
    assert_eq!(cv.kind, CaseKind::Individual);
    assert!(
        h.status_text()
            .contains("imported individual case Jonas Berg")
    );
}

#[tokio::test]
async fn a_refused_creation_keeps_the_form_and_what_was_typed() {
    let emulator = emulator_with(demo_config()).await;
    let mut h = Harness::on(emulator).await;
    let (tx, rx) = mpsc::unbounded_channel();
    h.fetcher = Fetcher::new(client_for(&h.emulator), tx).read_only(true);
    h.rx = rx;
    command(&mut h, "new individual");
    h.settle().await;
    h.type_text("Amara");
    h.key(KeyCode::Tab);
    h.type_text("Okafor");
    h.ctrl('s');
    h.settle().await;
    let Mode::Create(p) = &h.state.mode else {
        panic!("the form stays: {:?}", h.state.mode);
    };
    assert!(!p.form.sending);
    assert_eq!(p.form.value("lastName"), "Okafor");
    assert!(
        p.form
            .message
            .as_deref()
            .is_some_and(|m| m.contains("read-only"))
    );
    assert!(h.status_text().contains("the form is kept"));
    // And kept on disk too, until the server has it.
    assert!(h.state.form_drafts.contains_key("new-individual"));
}
