//! Flow tests of case work: properties, identity, close / reopen / delete, audit trail. The real
//! app and the emulator in one process; every change is read back from the emulator, and every
//! refusal is checked to have sent nothing.

use crate::common;

use common::Harness;
use crossterm::event::KeyCode;
use kyc_console::api::{CaseKind, Property};
use kyc_console::app::casework::{Input, Tab};
use kyc_console::app::{Mode, View};

/// Open the case the filter finds; its id.
pub(crate) async fn open_case(h: &mut Harness, filter: &str) -> i64 {
    h.key(KeyCode::Char('/'));
    h.type_text(filter);
    h.key(KeyCode::Enter);
    assert!(!h.state.cases.view().is_empty(), "the demo has {filter}");
    h.keys(&[KeyCode::Enter]).await;
    assert_eq!(h.state.view, View::Case);
    h.state.case.as_ref().expect("case open").id
}

pub(crate) async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

fn input(h: &Harness) -> Option<&Input> {
    match &h.state.mode {
        Mode::Work(i) => Some(i.as_ref()),
        _ => None,
    }
}

async fn props_on_server(h: &Harness, kind: CaseKind, id: i64) -> Vec<Property> {
    h.client.properties(kind, id).await.expect("properties")
}

fn has(props: &[Property], data_type: &str, value: &str) -> bool {
    props
        .iter()
        .any(|p| p.data_type.as_deref() == Some(data_type) && p.data.as_deref() == Some(value))
}

fn select_property(h: &mut Harness, data_type: &str) {
    let pos = h
        .state
        .work
        .props
        .list
        .data
        .as_ref()
        .and_then(|l| {
            l.iter()
                .position(|p| p.data_type.as_deref() == Some(data_type))
        })
        .expect("property listed");
    h.state.work.props.selected = pos;
}

#[tokio::test]
async fn properties_are_listed_added_changed_and_removed() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    let kind = CaseKind::Company;
    command(&mut h, "props").await;
    assert_eq!(h.state.view, View::CaseWork);
    assert_eq!(h.state.work.tab, Tab::Properties);
    let screen = h.screen(80, 24);
    assert!(screen.contains("LEI"), "{screen}");

    // Add, picking nothing: a new data type typed, then its value.
    h.key(KeyCode::Char('a'));
    h.type_text("Tax Number");
    h.key(KeyCode::Tab);
    h.type_text("GB 123 4567 89");
    h.keys(&[KeyCode::Enter]).await;
    assert!(has(
        &props_on_server(&h, kind, id).await,
        "Tax Number",
        "GB 123 4567 89"
    ));
    assert!(h.status_text().contains("saved"), "{}", h.status_text());

    // Add with an existing data type picked from the list: its value is updated.
    h.key(KeyCode::Char('a'));
    h.type_text("webs");
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    if let Some(Input::Property(p)) = input(&h) {
        assert_eq!(p.data_type, "Website");
        assert!(!p.is_new_type());
    } else {
        panic!("the property input stays open");
    }
    h.type_text("https://northbridge.example");
    h.keys(&[KeyCode::Enter]).await;
    let server = props_on_server(&h, kind, id).await;
    assert!(has(&server, "Website", "https://northbridge.example"));
    assert_eq!(
        server
            .iter()
            .filter(|p| p.data_type.as_deref() == Some("Website"))
            .count(),
        1
    );

    // Change a value.
    select_property(&mut h, "LEI");
    h.key(KeyCode::Char('e'));
    h.ctrl('u');
    h.type_text("213800ABCDEF");
    h.keys(&[KeyCode::Enter]).await;
    assert!(has(
        &props_on_server(&h, kind, id).await,
        "LEI",
        "213800ABCDEF"
    ));

    // A value left empty is refused and nothing is sent.
    let before = props_on_server(&h, kind, id).await;
    h.key(KeyCode::Char('a'));
    h.type_text("Empty one");
    h.key(KeyCode::Tab);
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(input(&h), Some(Input::Property(_))));
    assert!(
        h.status_text().contains("needs a value"),
        "{}",
        h.status_text()
    );
    h.key(KeyCode::Esc);
    assert_eq!(props_on_server(&h, kind, id).await, before);

    // Remove: Cancel has the focus, so Enter keeps it; y removes it.
    select_property(&mut h, "SIC Code");
    h.key(KeyCode::Char('d'));
    assert!(matches!(h.state.mode, Mode::Confirm(..)));
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        props_on_server(&h, kind, id)
            .await
            .iter()
            .any(|p| p.data_type.as_deref() == Some("SIC Code"))
    );
    h.key(KeyCode::Char('d'));
    h.keys(&[KeyCode::Char('y')]).await;
    assert!(
        !props_on_server(&h, kind, id)
            .await
            .iter()
            .any(|p| p.data_type.as_deref() == Some("SIC Code"))
    );
    assert!(h.status_text().contains("removed"));
}

#[tokio::test]
async fn a_refused_removal_rolls_back_with_a_message() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    command(&mut h, "props").await;
    // Someone else removes it first: the server answers 404.
    h.client
        .delete_property(CaseKind::Company, id, "LEI")
        .await
        .expect("removed behind the console's back");
    select_property(&mut h, "LEI");
    h.key(KeyCode::Char('d'));
    h.keys(&[KeyCode::Char('y')]).await;
    assert!(
        h.status_text().contains("not removed"),
        "{}",
        h.status_text()
    );
    assert!(h.status_text().contains("rolled back"));
    let shown = h.state.work.props.list.data.as_ref().expect("list");
    assert!(shown.iter().any(|p| p.data_type.as_deref() == Some("LEI")));
}

#[tokio::test]
async fn closing_needs_a_decision_and_a_confirmation_then_reopens() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    let status = |h: &Harness| {
        let c = h.client.clone();
        async move {
            let d = c
                .case_detail(CaseKind::Company, id)
                .await
                .expect("case detail");
            (d.common.status, d.common.case_decision)
        }
    };
    // Enter without a decision is refused and sends nothing.
    command(&mut h, "close").await;
    assert!(matches!(input(&h), Some(Input::Decision(_))));
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(input(&h), Some(Input::Decision(_))));
    assert!(
        h.status_text().contains("needs a decision"),
        "{}",
        h.status_text()
    );
    assert_eq!(status(&h).await.0.as_deref(), Some("Open"));

    // A decision, then Enter on the focused Cancel: still nothing.
    h.key(KeyCode::Char('d'));
    h.key(KeyCode::Enter);
    assert!(matches!(h.state.mode, Mode::Confirm(..)));
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert_eq!(status(&h).await.0.as_deref(), Some("Open"));

    // Confirmed: closed as Denied, and the console shows it.
    command(&mut h, "close denied").await;
    h.keys(&[KeyCode::Char('y')]).await;
    assert_eq!(
        status(&h).await,
        (Some("Closed".into()), Some("Denied".into()))
    );
    // Tall enough for the overview's exposure banner and summary above the status line.
    let screen = h.screen(120, 60);
    assert!(screen.contains("CLOSED: Denied"), "{screen}");
    assert!(screen.contains("closed — denied"), "{screen}");
    let row = h
        .state
        .cases
        .rows()
        .iter()
        .find(|r| r.id == id)
        .expect("row");
    assert!(row.closed);
    assert_eq!(row.decision, "Denied");

    // A bad decision word is refused by the command line.
    command(&mut h, "close maybe").await;
    assert!(h.status_text().contains("accepted or denied"));

    // Reopen, confirmed.
    command(&mut h, "reopen").await;
    assert!(matches!(h.state.mode, Mode::Confirm(..)));
    h.keys(&[KeyCode::Char('y')]).await;
    assert_eq!(status(&h).await, (Some("Open".into()), None));
    assert!(!h.screen(120, 40).contains("CLOSED"));
    assert!(h.status_text().contains("reopened"));
}

#[tokio::test]
async fn a_wrong_id_typed_back_never_deletes() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Kyrenia").await;
    command(&mut h, "delete").await;
    assert!(matches!(input(&h), Some(Input::DeleteCase(_))));
    let wrong = (id + 1).to_string();
    h.type_text(&wrong);
    h.keys(&[KeyCode::Enter]).await;
    assert!(
        matches!(input(&h), Some(Input::DeleteCase(_))),
        "stays open"
    );
    assert!(h.status_text().contains("nothing was deleted"));
    h.key(KeyCode::Esc);
    assert!(
        h.client.case_detail(CaseKind::Company, id).await.is_ok(),
        "the case still exists on the emulator"
    );
    assert_eq!(h.state.view, View::Case);

    // The exact id deletes it: the console leaves the case and drops it from the list.
    command(&mut h, "delete").await;
    h.type_text(&id.to_string());
    h.keys(&[KeyCode::Enter]).await;
    assert!(h.client.case_detail(CaseKind::Company, id).await.is_err());
    assert_eq!(h.state.view, View::Cases);
    assert!(h.state.case.is_none());
    assert!(!h.state.cases.rows().iter().any(|r| r.id == id));
    assert!(h.status_text().contains("deleted"), "{}", h.status_text());
}

#[tokio::test]
async fn the_audit_trail_is_newest_first_and_narrows_as_the_filter_is_typed() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    h.client
        .set_properties(CaseKind::Company, id, &[Property::new("Audit probe", "1")])
        .await
        .expect("property set");
    command(&mut h, "audit").await;
    assert_eq!(h.state.work.tab, Tab::Audit);
    let tab = &h.state.work.audit;
    let all = tab.view.len();
    assert!(all >= 2, "the trail has the demo entries and ours");
    let newest = tab.selected_entry().expect("an entry");
    assert_eq!(newest.action.as_deref(), Some("Properties updated"));
    let user = newest.user_name.clone().expect("a user");

    h.key(KeyCode::Char('/'));
    h.type_text("action:prop");
    let narrowed = h.state.work.audit.view.len();
    assert!(narrowed >= 1 && narrowed < all, "{narrowed} of {all}");
    h.type_text(&format!(" user:{user}"));
    assert!(!h.state.work.audit.view.is_empty());
    h.type_text("zzz-nobody");
    assert_eq!(h.state.work.audit.view.len(), 0);
    let screen = h.screen(80, 24);
    assert!(screen.contains("no entry matches"), "{screen}");
    h.key(KeyCode::Esc);
    assert_eq!(h.state.work.audit.view.len(), all);

    // :audit with a filter, and Tab over to the properties.
    command(&mut h, "audit action:prop").await;
    assert_eq!(h.state.work.audit.view.len(), narrowed);
    h.keys(&[KeyCode::Tab]).await;
    assert_eq!(h.state.work.tab, Tab::Properties);
    assert!(h.state.work.props.list.data.is_some());
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
}

#[tokio::test]
async fn the_identity_form_starts_with_the_current_values_and_sends_only_valid_changes() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Whitfield").await;
    let kind = CaseKind::Individual;
    let before = h.client.case_detail(kind, id).await.expect("detail");
    command(&mut h, "identity").await;
    let Some(Input::Identity(f)) = input(&h) else {
        panic!("the identity form opens");
    };
    assert_eq!(f.form.value("firstName"), "James");
    assert_eq!(f.form.value("birthDate"), "1971-03-09");
    assert_eq!(f.form.value("nationalityCodeiso31662"), "GB");

    // Invalid: no first name, an impossible date, an unknown country code.
    h.ctrl('u');
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.type_text("1971-02-31");
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.type_text("ZZ");
    h.ctrl('s');
    h.settle().await;
    let Some(Input::Identity(f)) = input(&h) else {
        panic!("the form stays open");
    };
    assert!(!f.form.sending);
    for key in ["firstName", "birthDate", "nationalityCodeiso31662"] {
        assert!(
            f.form.field(key).is_some_and(|x| x.error.is_some()),
            "{key} flagged"
        );
    }
    assert!(
        h.status_text().contains("nothing was sent"),
        "{}",
        h.status_text()
    );
    let screen = h.screen(80, 24);
    assert!(
        screen.contains("not an ISO 3166 country code") || screen.contains("not a date"),
        "{screen}"
    );
    assert_eq!(
        h.client.case_detail(kind, id).await.expect("detail"),
        before
    );

    // Esc asks before throwing the typing away; y discards.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('y'));
    assert!(matches!(h.state.mode, Mode::Normal));

    // A valid change: only the changed fields go.
    command(&mut h, "identity").await;
    // First name, last name, born, nationality, address lines 1 and 2, then the city.
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.ctrl('u');
    h.type_text("Leeds");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.ctrl('u');
    // The same code in lower case is no change.
    h.type_text("gb");
    h.ctrl('s');
    h.settle().await;
    assert!(
        matches!(h.state.mode, Mode::Normal),
        "the form closes when saved"
    );
    let after = h.client.case_detail(kind, id).await.expect("detail");
    let addr = after.case_address.expect("address");
    assert_eq!(addr.city.as_deref(), Some("Leeds"));
    let ind = after.individual.expect("individual");
    assert_eq!(ind.first_name.as_deref(), Some("James"));
    let trail = h.client.audit_trail(kind, id).await.expect("trail");
    assert_eq!(trail[0].action.as_deref(), Some("Identity updated"));
    assert_eq!(trail[0].details.as_deref(), Some("city: Leeds"));
    assert!(h.status_text().contains("saved"));

    // Nothing changed: nothing is sent.
    command(&mut h, "identity").await;
    h.ctrl('s');
    h.settle().await;
    assert!(
        h.status_text().contains("nothing changed"),
        "{}",
        h.status_text()
    );
    let again = h.client.audit_trail(kind, id).await.expect("trail");
    assert_eq!(again.len(), trail.len());
}

#[tokio::test]
async fn a_read_only_session_says_why_changes_are_disabled() {
    let mut h = Harness::demo().await;
    h.state.session.read_only = true;
    let id = open_case(&mut h, "Northbridge").await;
    for line in ["close accepted", "reopen", "delete", "identity"] {
        command(&mut h, line).await;
        assert!(matches!(h.state.mode, Mode::Normal), ":{line}");
        assert!(
            h.status_text().contains("read-only"),
            ":{line}: {}",
            h.status_text()
        );
    }
    command(&mut h, "props").await;
    for key in ['a', 'e', 'd'] {
        h.key(KeyCode::Char(key));
        assert!(matches!(h.state.mode, Mode::Normal));
        assert!(h.status_text().contains("read-only"));
    }
    assert!(h.screen(80, 24).contains("read-only session"));
    // Reading still works: the audit trail loads.
    command(&mut h, "audit").await;
    assert!(h.state.work.audit.list.data.is_some());
    let d = h
        .client
        .case_detail(CaseKind::Company, id)
        .await
        .expect("still there");
    assert_eq!(d.common.status.as_deref(), Some("Open"));
}

#[tokio::test]
async fn a_refused_identity_keeps_the_form_and_what_was_typed() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "type:individual Okafor").await;
    command(&mut h, "identity").await;
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.type_text("Okafor-Smith");
    // The case goes away behind the console's back: the server answers 404.
    h.client
        .delete_case(CaseKind::Individual, id)
        .await
        .expect("deleted elsewhere");
    h.ctrl('s');
    h.settle().await;
    let Some(Input::Identity(f)) = input(&h) else {
        panic!("the form stays open after a refusal");
    };
    assert!(!f.form.sending, "keys work again");
    assert_eq!(f.form.value("lastName"), "Okafor-Smith");
    assert!(f.form.message.is_some());
    assert!(h.status_text().contains("not saved"), "{}", h.status_text());
}

/// The vendor's client closes with `{"status": "Close"}` alone [C]: the emulator accepts it and
/// makes up no decision, and the client reads the case back closed with none.
#[tokio::test]
async fn a_close_without_a_decision_closes_with_none() {
    let h = Harness::demo().await;
    let id = h
        .state
        .cases
        .rows()
        .iter()
        .find(|r| r.name.starts_with("Northbridge"))
        .expect("demo case")
        .id;
    let closed = h
        .client
        .set_case_status(
            CaseKind::Company,
            id,
            &kyc_console::api::CaseStatusRequest {
                status: "Close".into(),
                case_decision: None,
            },
        )
        .await
        .expect("closed");
    assert_eq!(closed.common.status.as_deref(), Some("Closed"));
    assert_eq!(closed.common.case_decision, None);
    let d = h
        .client
        .case_detail(CaseKind::Company, id)
        .await
        .expect("detail");
    assert_eq!(d.common.status.as_deref(), Some("Closed"));
    assert_eq!(d.common.case_decision, None);
}

#[tokio::test]
async fn identity_changes_are_kept_until_saved_and_come_back_after_a_restart() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "type:individual Okafor").await;
    let name = format!("identity-{id}");
    command(&mut h, "identity").await;
    h.key(KeyCode::Tab);
    h.ctrl('u');
    h.type_text("Okafor-Smith");
    let kept = h
        .state
        .form_drafts
        .get(&name)
        .cloned()
        .expect("the typed change is kept on disk");

    // A restart: a fresh console that finds the kept drafts (the runtime loads them at start).
    let mut again = Harness::demo().await;
    again.state.form_drafts.insert(name.clone(), kept);
    open_case(&mut again, "type:individual Okafor").await;
    command(&mut again, "identity").await;
    let Some(Input::Identity(f)) = input(&again) else {
        panic!("the identity form opens");
    };
    assert_eq!(
        f.form.value("lastName"),
        "Okafor-Smith",
        "the change is back"
    );

    // Saved: the draft is forgotten.
    again.ctrl('s');
    again.settle().await;
    assert!(
        again.status_text().contains("saved"),
        "{}",
        again.status_text()
    );
    assert!(!again.state.form_drafts.contains_key(&name));
}

/// Issue 15, item 7: the close confirmation says what is still open on the case, from the
/// figures loaded as it opened (issue 16 item 2).
#[tokio::test]
async fn closing_shows_what_is_still_open() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    command(&mut h, "close accepted").await;
    let Mode::Confirm(c, _) = &h.state.mode else {
        panic!("a confirmation: {:?}", h.state.mode);
    };
    assert!(c.message.contains("Still open:"), "{}", c.message);
    assert!(c.message.contains("not reviewed"), "{}", c.message);
    assert!(c.message.contains("AML"), "{}", c.message);
    // The alerts, matches and documents were asked for as the case opened: all known.
    assert!(c.message.contains("open alerts"), "{}", c.message);
    assert!(!c.message.contains("Not known"), "{}", c.message);
    // Cancel (focused): the case stays open.
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
}

/// Issue 15, item 7: a change to a closed case asks first (Cancel focused); a note asked about
/// stays in its editor.
#[tokio::test]
async fn a_change_to_a_closed_case_asks_first() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Al Noor").await;
    let step = |h: &Harness| {
        h.state
            .case
            .as_ref()
            .and_then(|c| c.selected_step())
            .map(|s| (s.case_step_id, s.status.clone()))
            .expect("a step")
    };
    let (step_id, before) = step(&h);
    let key = if before == kyc_console::api::StepStatus::Failed {
        'p'
    } else {
        'f'
    };
    h.keys(&[KeyCode::Char(key)]).await;
    let Mode::Confirm(c, _) = &h.state.mode else {
        panic!("a question: {:?}", h.state.mode);
    };
    assert!(c.message.contains("is closed"), "{}", c.message);
    assert!(!c.ok_focused);
    // Enter on Cancel: nothing sent, the screen rolled back.
    h.keys(&[KeyCode::Enter]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    let server = h.client.step_details(id, step_id).await.expect("step");
    assert_eq!(server.status, before);
    assert_eq!(step(&h).1, before);
    // Asked again and confirmed: sent, and the server refuses it (a closed case takes no step
    // change until reopened): its message is shown, the status stays the server's.
    h.keys(&[KeyCode::Char(key)]).await;
    h.keys(&[KeyCode::Char('y')]).await;
    let server = h.client.step_details(id, step_id).await.expect("step");
    assert_eq!(server.status, before);
    assert!(h.status_text().contains("is closed"), "{}", h.status_text());

    // A note: the question comes over the editor, and "no" goes back to it with the text.
    h.key(KeyCode::Char('n'));
    h.type_text("seen after closing");
    h.ctrl('s');
    h.settle().await;
    assert!(
        matches!(h.state.mode, Mode::Confirm(_, Some(_))),
        "{:?}",
        h.state.mode
    );
    h.keys(&[KeyCode::Char('n')]).await;
    let Mode::Edit(e) = &h.state.mode else {
        panic!("back in the editor: {:?}", h.state.mode);
    };
    assert!(!e.saving);
    assert_eq!(e.text(), "seen after closing");
}

#[tokio::test]
async fn a_saved_identity_reaches_the_step_shown_without_leaving_the_case() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Whitfield").await;
    let shown = |h: &Harness| {
        h.state
            .case
            .as_ref()
            .and_then(|c| c.step_detail.data.as_ref())
            .map(|d| format!("{d:?}"))
            .unwrap_or_default()
    };
    assert!(shown(&h).contains("James"), "{}", shown(&h));
    command(&mut h, "identity").await;
    h.ctrl('u');
    h.type_text("Jamie");
    h.ctrl('s');
    h.settle().await;
    assert!(matches!(h.state.mode, Mode::Normal), "saved");
    assert!(shown(&h).contains("Jamie"), "{}", shown(&h));
}
