//! The alert inbox drawn on a `TestBackend` at 80×24 and 120×40, checked with insta snapshots:
//! the inbox, an alert with every change kind, marks and outcomes, and the popups.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::alerts::AlertsFocus;
use kyc_console::app::{self, Effect, Failure, Msg, Session, Slot, State};
use kyc_console::op::{self, Answers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn lm_case(id: Id, name: &str, kind: &str, jur: &str, status: &str, counts: [i64; 4]) -> LmCase {
    LmCase {
        case_common_id: id,
        name: Some(name.into()),
        case_number: Some(format!("KYC-2026-{:06}", id % 1_000_000)),
        case_type: Some(kind.into()),
        jurisdiction: Some(jur.into()),
        case_status: Some(status.into()),
        review_alert_count: counts[0],
        expired_documents_alert_count: counts[1],
        manual_review_alert_count: counts[2],
        aml_alert_count: counts[3],
        ..Default::default()
    }
}

fn change(id: Id) -> Change {
    Change {
        change_id: id,
        ..Default::default()
    }
}

fn doc(name: &str) -> Option<DocumentName> {
    Some(DocumentName {
        name: Some(name.into()),
    })
}

/// One alert carrying every change kind, then one of each other type.
fn alerts() -> Vec<Alert> {
    let every = vec![
        Change {
            property: Some(PropertyChange {
                property_name: Some("Registered office address".into()),
                old_value: Some("25 Canada Square, London E14 5LQ".into()),
                new_value: Some("1 Bishopsgate, London EC2N 3AQ".into()),
            }),
            ..change(1)
        },
        Change {
            officer: Some(OfficerChange {
                name: Some("Amelia Grant".into()),
                role: Some("Director".into()),
                address: Some("1 Bishopsgate, London".into()),
            }),
            ..change(2)
        },
        Change {
            shareholder: Some(ShareholderChange {
                name: Some("Kestrel Growth Partners LP".into()),
                shares_held: Some("35 %".into()),
                address: Some("10 Queen Street Place, London".into()),
            }),
            ..change(3)
        },
        Change {
            person_with_significant_control: Some(PscChange {
                name: Some("Amelia Grant".into()),
                nature_of_control: Some("Right to appoint directors".into()),
                address: None,
            }),
            ..change(4)
        },
        Change {
            new_document: doc("Annual Return 2026"),
            ..change(5)
        },
        Change {
            updated_document: doc("Articles of Association"),
            ..change(6)
        },
        Change {
            removed_document: doc("Annual Return 2024"),
            ..change(7)
        },
        Change {
            aml_alert: Some(AmlAlert {
                name: Some("Northbridge Capital\u{1b}[31m Holdings".into()),
                aml_match_type: Some("Sanctions".into()),
                country: Some("GB".into()),
                biography: Some("Listed on 12 May 2026.".into()),
                is_new: true,
                ..Default::default()
            }),
            ..change(8)
        },
        Change {
            aml_alert: Some(AmlAlert {
                name: Some("Amelia Grant".into()),
                aml_match_type: Some("PEP".into()),
                country: Some("GB".into()),
                updated_on: Some("2026-04-01".into()),
                is_new: false,
                ..Default::default()
            }),
            ..change(9)
        },
        Change {
            expiration_alert: Some(ExpirationAlert {
                explanation: Some("POI is about to expire".into()),
                expiration: Some("28".into()),
                name: Some("Passport".into()),
                expiration_date: Some("29/04/2026".into()),
            }),
            ..change(10)
        },
    ];
    let alert = |id: Id, t: &str, on: &str, changes: Vec<Change>| Alert {
        alert_id: id,
        alert_type: Some(t.into()),
        case_step_id: Some(700 + id % 100),
        created_on: Some(on.into()),
        changes,
        ..Default::default()
    };
    vec![
        alert(501, "CaseDetailsReview", "2026-04-02T09:00:00Z", every),
        alert(
            502,
            "ExpiredDocuments",
            "2026-04-05T09:00:00Z",
            vec![Change {
                expiration_alert: Some(ExpirationAlert {
                    explanation: Some("Expired document found".into()),
                    expiration: Some("0".into()),
                    name: Some("Certificate of Incumbency".into()),
                    expiration_date: Some("10/04/2026".into()),
                }),
                ..change(11)
            }],
        ),
        alert(
            503,
            "ManualReview",
            "2026-04-10T09:00:00Z",
            vec![Change {
                property: Some(PropertyChange {
                    property_name: Some("Risk rating".into()),
                    old_value: Some("Medium".into()),
                    new_value: Some("High".into()),
                }),
                ..change(12)
            }],
        ),
        alert(
            504,
            "Aml",
            "2026-04-11T09:00:00Z",
            vec![Change {
                aml_alert: Some(AmlAlert {
                    name: Some("N. Capital".into()),
                    aml_match_type: Some("Adverse media".into()),
                    is_new: true,
                    ..Default::default()
                }),
                ..change(13)
            }],
        ),
    ]
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    app::update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn done<O: Answers>(state: &mut State, slot: Slot, op: O, result: Result<O::Answer, Failure>) {
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

fn inbox_state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    key(&mut s, KeyCode::Char('!'));
    let companies = vec![
        lm_case(
            1000003001,
            "Northbridge Capital Holdings Limited",
            "Entity",
            "United Kingdom",
            "Open",
            [1, 1, 1, 1],
        ),
        lm_case(
            1000003013,
            "Müller & Söhne GmbH",
            "Entity",
            "Germany",
            "Closed",
            [1, 0, 1, 0],
        ),
        lm_case(
            1000003004,
            "Al Noor Trading FZE",
            "Entity",
            "United Arab Emirates",
            "Closed",
            [0, 0, 0, 1],
        ),
    ];
    let people = vec![
        lm_case(
            1000003201,
            "James Whitfield",
            "Individual",
            "United Kingdom",
            "Open",
            [0, 1, 0, 0],
        ),
        lm_case(
            1000003205,
            "Ольга Петрова",
            "Individual",
            "Cyprus",
            "Open",
            [0, 1, 0, 2],
        ),
    ];
    for (kind, items) in [
        (CaseKind::Company, companies),
        (CaseKind::Individual, people),
    ] {
        let filter = Box::new(s.alerts.filters.request(1));
        done(
            &mut s,
            Slot::LmCases(kind),
            op::LmCases { kind, filter },
            Ok(LmCases {
                item_count: items.len() as i64,
                items,
                ..Default::default()
            }),
        );
    }
    let d = LmAlerts {
        name: Some("Northbridge Capital Holdings Limited".into()),
        case_id: 1000003001,
        case_number: Some("KYC-2026-003001".into()),
        case_type: Some("Entity".into()),
        jurisdiction: Some("United Kingdom".into()),
        case_status: Some("Open".into()),
        alerts: alerts(),
        ..Default::default()
    };
    done(
        &mut s,
        Slot::LmAlerts,
        op::LmAlerts {
            kind: CaseKind::Company,
            id: 1000003001,
        },
        Ok(Box::new(d)),
    );
    s
}

fn render(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    format!("{}", t.backend())
}

#[test]
fn inbox() {
    let s = inbox_state();
    assert_eq!(s.alerts.selected_row().map(|r| r.id()), Some(1000003001));
    insta::assert_snapshot!("alerts_inbox_80x24", render(&s, 80, 24));
    insta::assert_snapshot!("alerts_inbox_120x40", render(&s, 120, 40));
}

#[test]
fn alert_detail_with_every_change_kind() {
    let mut s = inbox_state();
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.alerts.focus, AlertsFocus::Alerts);
    let screen = render(&s, 120, 40);
    assert!(!screen.contains('\u{1b}'));
    insta::assert_snapshot!("alerts_detail_120x40", screen);
    insta::assert_snapshot!("alerts_detail_80x24", render(&s, 80, 24));
    // The rest of the changes, a page further down.
    key(&mut s, KeyCode::PageDown);
    insta::assert_snapshot!("alerts_detail_scrolled_80x24", render(&s, 80, 24));
}

#[test]
fn marks_outcomes_and_a_refusal() {
    let mut s = inbox_state();
    key(&mut s, KeyCode::Enter);
    // Mark the first two alerts, dismiss them in bulk: one is refused here (a review alert
    // cannot be dismissed), the other fails on the server.
    key(&mut s, KeyCode::Char(' '));
    key(&mut s, KeyCode::Char(' '));
    key(&mut s, KeyCode::Char('d'));
    insta::assert_snapshot!("alerts_bulk_confirm_80x24", render(&s, 80, 24));
    assert!(
        key(&mut s, KeyCode::Char('y')).is_empty(),
        "y is no answer here"
    );
    key(&mut s, KeyCode::Char('1'));
    key(&mut s, KeyCode::Tab);
    let fx = key(&mut s, KeyCode::Enter);
    let sent: Vec<_> = fx
        .into_iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, slot, request } => Some((id, slot, request)),
            _ => None,
        })
        .collect();
    assert_eq!(sent.len(), 1, "the refused one is not sent");
    for (id, slot, request) in sent {
        app::update(
            &mut s,
            Msg::Done {
                id,
                slot,
                answer: request.fail(Failure::new("HTTP 404 Not Found: Alert 502 not found")),
                read_back: false,
            },
        );
    }
    // Marks cleared, a refused single action on the manual review alert.
    key(&mut s, KeyCode::Char('U'));
    key(&mut s, KeyCode::Char('j'));
    key(&mut s, KeyCode::Char('x'));
    insta::assert_snapshot!("alerts_outcomes_80x24", render(&s, 80, 24));
}

/// Issue 15, item 1: the decision popup names the case, the alert and what it is about, says
/// what will happen in the guide's words, and asks for a reason (required for an AML dismissal)
/// with Cancel focused; in production the warning leads it.
#[test]
fn the_decision_popup() {
    let mut s = inbox_state();
    key(&mut s, KeyCode::Enter);
    for _ in 0..3 {
        key(&mut s, KeyCode::Char('j'));
    }
    assert_eq!(s.alerts.selected_alert().map(|a| a.alert_id), Some(504));
    assert!(key(&mut s, KeyCode::Char('d')).is_empty(), "nothing sent");
    assert!(
        key(&mut s, KeyCode::Char('d')).is_empty(),
        "nor by a repeat"
    );
    let screen = render(&s, 80, 24);
    assert!(screen.contains("Reason (required)"), "{screen}");
    insta::assert_snapshot!("alerts_decide_80x24", screen);
    key(&mut s, KeyCode::Esc);

    s.session.production = true;
    key(&mut s, KeyCode::Char('d'));
    let screen = render(&s, 80, 24);
    assert!(screen.contains("production environment"), "{screen}");
    key(&mut s, KeyCode::Esc);

    // An alert that names no step: the reason goes into the journal only.
    s.session.production = false;
    if let Some(d) = s.alerts.detail.data.as_mut() {
        d.alerts[3].case_step_id = None;
    }
    key(&mut s, KeyCode::Char('d'));
    let screen = render(&s, 80, 24);
    assert!(screen.contains("names no step"), "{screen}");
    assert!(screen.contains("journal only"), "{screen}");
}

/// The fetches among effects.
fn fetches(fx: Vec<Effect>) -> Vec<(app::ReqId, Slot, app::Request)> {
    fx.into_iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, slot, request } => Some((id, slot, request)),
            _ => None,
        })
        .collect()
}

/// A confirmed dismissal sends the reason with the action; once it succeeds the reason goes
/// onto the alert's step as a note; a note that fails is kept and `r` sends it again.
#[test]
fn a_reason_note_that_fails_is_kept_and_sent_again() {
    let mut s = inbox_state();
    key(&mut s, KeyCode::Enter);
    for _ in 0..3 {
        key(&mut s, KeyCode::Char('j'));
    }
    key(&mut s, KeyCode::Char('d'));
    key(&mut s, KeyCode::Char('2'));
    key(&mut s, KeyCode::Tab);
    let sent = fetches(key(&mut s, KeyCode::Enter));
    let [(id, slot, request)] = sent.as_slice() else {
        panic!("one request: {sent:?}");
    };
    let app::Request::AlertAction(op) = request else {
        panic!("the action: {request:?}");
    };
    assert_eq!(op.request.alert_id, 504, "the alert chosen");
    assert_eq!(op.reason.as_deref(), Some("Already reviewed: nothing new"));
    let fx = app::update(
        &mut s,
        Msg::Done {
            id: *id,
            slot: *slot,
            answer: op.clone().answer(Ok(AlertActionResult {
                alert_id: 504,
                ..Default::default()
            })),
            read_back: false,
        },
    );
    let sent = fetches(fx);
    let [(id, slot, request)] = sent.as_slice() else {
        panic!("the note: {sent:?}");
    };
    let app::Request::AlertNote(note) = request else {
        panic!("the note: {request:?}");
    };
    assert_eq!((note.id, note.step, note.alert), (1000003001, 704, 504));
    assert_eq!(
        note.text,
        "Dismissed alert 504 (AML): Already reviewed: nothing new"
    );
    app::update(
        &mut s,
        Msg::Done {
            id: *id,
            slot: *slot,
            answer: request
                .clone()
                .fail(Failure::new("HTTP 503 Service Unavailable")),
            read_back: false,
        },
    );
    assert_eq!(s.alerts.unsaved_notes.len(), 1);
    let line = s
        .status
        .as_ref()
        .map(|l| l.text.clone())
        .unwrap_or_default();
    assert!(line.contains("r sends it again"), "{line}");
    let again: Vec<_> = fetches(key(&mut s, KeyCode::Char('r')))
        .into_iter()
        .filter(|(_, _, r)| matches!(r, app::Request::AlertNote(n) if n == note))
        .collect();
    assert_eq!(again.len(), 1, "r sends the note again");
}

#[test]
fn review_date_and_assign_popups() {
    let mut s = inbox_state();
    key(&mut s, KeyCode::Char('R'));
    for c in "31/02/2027".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Enter);
    insta::assert_snapshot!("alerts_review_date_80x24", render(&s, 80, 24));
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Char('A'));
    let users = [
        "Sarah Mitchell",
        "Rajesh Kumar",
        "Aoife Byrne",
        "Tom Hargreaves",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| User {
        user_id: 101 + i as i64,
        user_name: Some((*n).into()),
        email: Some(format!(
            "{}@example-bank.co.uk",
            n.to_lowercase().replace(' ', ".")
        )),
        is_active: i != 3,
        ..Default::default()
    })
    .collect();
    done(&mut s, Slot::Users, op::Users, Ok(users));
    key(&mut s, KeyCode::Char('r'));
    insta::assert_snapshot!("alerts_assign_80x24", render(&s, 80, 24));
}

/// Issue 15, item 2: the inbox's two kinds load in parallel; whichever answers first must not
/// decide the selection. The first selection is the top of the final order; after the reviewer
/// moves, their choice holds when the order changes.
#[test]
fn the_first_selection_is_the_top_of_the_final_order() {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    key(&mut s, KeyCode::Char('!'));
    let people = vec![lm_case(
        1000003205,
        "Ольга Петрова",
        "Individual",
        "Cyprus",
        "Open",
        [0, 1, 0, 2],
    )];
    let companies = vec![
        lm_case(
            1000003001,
            "Northbridge Capital Holdings Limited",
            "Entity",
            "United Kingdom",
            "Open",
            [1, 1, 1, 1],
        ),
        lm_case(
            1000003009,
            "Pacific Rim Logistics Limited",
            "Entity",
            "Hong Kong",
            "Open",
            [0, 0, 1, 0],
        ),
    ];
    // The individuals answer first, then the companies, whose top case has more alerts.
    for (kind, items) in [
        (CaseKind::Individual, people),
        (CaseKind::Company, companies),
    ] {
        let filter = Box::new(s.alerts.filters.request(1));
        done(
            &mut s,
            Slot::LmCases(kind),
            op::LmCases { kind, filter },
            Ok(LmCases {
                item_count: items.len() as i64,
                items,
                ..Default::default()
            }),
        );
    }
    assert_eq!(s.alerts.selected, 0);
    assert_eq!(s.alerts.selected_row().map(|r| r.id()), Some(1000003001));
    // The reviewer chooses the second case; a new order keeps it chosen.
    key(&mut s, KeyCode::Char('j'));
    let chosen = s.alerts.selected_row().map(|r| r.id());
    assert_eq!(chosen, Some(1000003205));
    key(&mut s, KeyCode::Char('s'));
    assert_eq!(s.alerts.selected_row().map(|r| r.id()), chosen);
}
