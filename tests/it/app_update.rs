//! `update()` as a pure state machine: messages in, state and effects out.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::{self, Effect, Failure, Mode, Msg, Request, Session, Slot, State, View};
use kyc_console::op::{self, Answers};

fn state() -> State {
    State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    })
}

fn key(s: &mut State, code: KeyCode) -> Vec<Effect> {
    app::update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(s: &mut State, c: char) -> Vec<Effect> {
    app::update(
        s,
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
    )
}

fn fetches(fx: &[Effect]) -> Vec<(u64, Slot, Request)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::Fetch { id, slot, request } => Some((*id, *slot, request.clone())),
            _ => None,
        })
        .collect()
}

/// Answer the request `pick` finds among the effects, as operation `O` answers.
fn answer<O: Answers>(
    s: &mut State,
    fx: &[Effect],
    pick: impl Fn(&Request) -> bool,
    result: Result<O::Answer, Failure>,
) -> Vec<Effect> {
    let (id, slot, request) = fetches(fx)
        .into_iter()
        .find(|(_, _, r)| pick(r))
        .expect("the request was made");
    let op = O::of(&request)
        .expect("the request is that operation")
        .clone();
    app::update(
        s,
        Msg::Done {
            id,
            slot,
            answer: op.answer(result),
            read_back: false,
        },
    )
}

fn company(id: Id, name: &str) -> CaseListItem {
    CaseListItem {
        common: CaseCommon {
            case_common_id: id,
            status: Some("Open".into()),
            status_id: Some(3),
            ..Default::default()
        },
        company: Some(CompanyInfo {
            entity_name: Some(name.into()),
            country_code: Some("GB".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn step(id: Id, status: StepStatus) -> Step {
    Step {
        name: Some(format!("step {id}")),
        status,
        case_step_id: id,
        ..Default::default()
    }
}

/// A state with one case open and its steps loaded; returns the effects of the step load.
fn open_case() -> (State, Vec<Effect>) {
    let mut s = state();
    let fx = app::start(&mut s);
    answer::<op::ListCases>(
        &mut s,
        &fx,
        |r| {
            matches!(
                r,
                Request::ListCases(op::ListCases {
                    kind: CaseKind::Company,
                    ..
                })
            )
        },
        Ok(Page {
            items: vec![company(7, "Acme Ltd")],
            total: Some(1),
        }),
    );
    let fx = key(&mut s, KeyCode::Enter);
    assert_eq!(s.view, View::Case);
    let groups = vec![StepGroup {
        group: Some("Identity".into()),
        steps: vec![
            step(70, StepStatus::NotReviewed),
            step(71, StepStatus::Passed),
        ],
        ..Default::default()
    }];
    let fx2 = answer::<op::Steps>(
        &mut s,
        &fx,
        |r| matches!(r, Request::Steps(op::Steps { .. })),
        Ok(groups),
    );
    (s, fx2)
}

#[test]
fn start_loads_both_kinds_and_follows_pages() {
    let mut s = state();
    let fx = app::start(&mut s);
    // Both kinds of case, and the API version (for help and the log).
    let started = fetches(&fx);
    assert_eq!(started.len(), 3);
    assert!(
        started
            .iter()
            .any(|(_, _, r)| matches!(r, Request::Version(_)))
    );
    let items: Vec<_> = (0..app::PAGE_SIZE as i64)
        .map(|i| company(i, "X"))
        .collect();
    let next = answer::<op::ListCases>(
        &mut s,
        &fx,
        |r| {
            matches!(
                r,
                Request::ListCases(op::ListCases {
                    kind: CaseKind::Company,
                    ..
                })
            )
        },
        Ok(Page {
            items,
            total: Some(12_000),
        }),
    );
    // The first page is usable at once, and the rest is asked for in bulk pages; the first
    // bulk page repeats the small one, which is skipped.
    assert_eq!(s.cases.rows().len(), 500);
    assert!(matches!(
        fetches(&next).as_slice(),
        [(
            _,
            _,
            Request::ListCases(op::ListCases {
                page: 1,
                page_size: app::BULK_PAGE_SIZE,
                ..
            })
        )]
    ));
    let bulk: Vec<_> = (0..app::BULK_PAGE_SIZE as i64)
        .map(|i| company(i, "X"))
        .collect();
    let next = answer::<op::ListCases>(
        &mut s,
        &next,
        |r| matches!(r, Request::ListCases(op::ListCases { .. })),
        Ok(Page {
            items: bulk,
            total: Some(12_000),
        }),
    );
    assert_eq!(
        s.cases.rows().len(),
        app::BULK_PAGE_SIZE as usize,
        "no case twice"
    );
    assert!(matches!(
        fetches(&next).as_slice(),
        [(_, _, Request::ListCases(op::ListCases { page: 2, .. }))]
    ));
}

#[test]
fn a_stale_answer_is_dropped() {
    let mut s = state();
    let first = app::start(&mut s);
    let second = key(&mut s, KeyCode::Char('r'));
    // The older answer arrives after the refresh: it is ignored.
    answer::<op::ListCases>(
        &mut s,
        &first,
        |r| {
            matches!(
                r,
                Request::ListCases(op::ListCases {
                    kind: CaseKind::Company,
                    ..
                })
            )
        },
        Ok(Page {
            items: vec![company(1, "Old")],
            total: Some(1),
        }),
    );
    assert!(s.cases.rows().is_empty());
    answer::<op::ListCases>(
        &mut s,
        &second,
        |r| {
            matches!(
                r,
                Request::ListCases(op::ListCases {
                    kind: CaseKind::Company,
                    ..
                })
            )
        },
        Ok(Page {
            items: vec![company(2, "New")],
            total: Some(1),
        }),
    );
    assert_eq!(s.cases.rows().len(), 1);
}

#[test]
fn opening_a_case_loads_detail_steps_then_the_first_step() {
    let (s, fx) = open_case();
    let reqs: Vec<_> = fetches(&fx).into_iter().map(|(_, _, r)| r).collect();
    assert!(reqs.contains(&Request::StepDetails(op::StepDetails { id: 7, step: 70 })));
    assert!(reqs.contains(&Request::Notes(op::Notes { id: 7, step: 70 })));
    assert_eq!(
        s.case
            .as_ref()
            .and_then(|c| c.selected_step())
            .map(|x| x.case_step_id),
        Some(70)
    );
}

#[test]
fn step_status_is_optimistic_and_rolls_back_on_refusal() {
    let (mut s, _) = open_case();
    let fx = key(&mut s, KeyCode::Char('p'));
    let status = |s: &State| {
        s.case
            .as_ref()
            .and_then(|c| c.selected_step())
            .map(|x| x.status.clone())
    };
    assert_eq!(status(&s), Some(StepStatus::Passed));
    answer::<op::SetStepStatus>(
        &mut s,
        &fx,
        |r| matches!(r, Request::SetStepStatus(op::SetStepStatus { .. })),
        Err(Failure {
            summary: "400 Bad Request".into(),
            details: vec!["case is building".into()],
        }),
    );
    assert_eq!(status(&s), Some(StepStatus::NotReviewed));
    let line = s
        .status
        .as_ref()
        .map(|l| l.text.clone())
        .unwrap_or_default();
    assert!(
        line.contains("rolled back") && line.contains("case is building"),
        "{line}"
    );
}

#[test]
fn a_failed_note_keeps_its_text_and_its_draft() {
    let (mut s, _) = open_case();
    key(&mut s, KeyCode::Char('n'));
    let mut saved = Vec::new();
    for c in "Checked".chars() {
        saved.extend(key(&mut s, KeyCode::Char(c)));
    }
    assert!(
        saved
            .iter()
            .any(|e| matches!(e, Effect::SaveDraft { text, .. } if text == "Checked"))
    );
    let fx = ctrl(&mut s, 's');
    let fx2 = answer::<op::AddNote>(
        &mut s,
        &fx,
        |r| matches!(r, Request::AddNote(op::AddNote { .. })),
        Err(Failure::new("timed out")),
    );
    assert!(!fx2.iter().any(|e| matches!(e, Effect::DeleteDraft { .. })));
    match &s.mode {
        Mode::Edit(e) => {
            assert_eq!(e.text(), "Checked");
            assert!(!e.saving);
        }
        other => panic!("editor closed: {other:?}"),
    }
    // Retry succeeds: the editor closes and the draft goes.
    let fx = ctrl(&mut s, 's');
    let fx2 = answer::<op::AddNote>(
        &mut s,
        &fx,
        |r| matches!(r, Request::AddNote(op::AddNote { .. })),
        Ok(Box::default()),
    );
    assert!(matches!(s.mode, Mode::Normal));
    assert!(
        fx2.iter()
            .any(|e| matches!(e, Effect::DeleteDraft { case: 7, step: 70 }))
    );
    assert!(s.drafts.is_empty());
}

#[test]
fn cancelling_a_note_with_text_asks_and_cancel_is_the_default() {
    let (mut s, _) = open_case();
    key(&mut s, KeyCode::Char('n'));
    key(&mut s, KeyCode::Char('x'));
    key(&mut s, KeyCode::Esc);
    assert!(matches!(s.mode, Mode::Confirm(..)));
    // Enter presses the focused button: Cancel, back to the editor with the text.
    key(&mut s, KeyCode::Enter);
    assert!(matches!(&s.mode, Mode::Edit(e) if e.text() == "x"));
    key(&mut s, KeyCode::Esc);
    let fx = key(&mut s, KeyCode::Char('y'));
    assert!(matches!(s.mode, Mode::Normal));
    assert!(fx.iter().any(|e| matches!(e, Effect::DeleteDraft { .. })));
}

#[test]
fn leaving_a_case_cancels_its_loads() {
    let (mut s, _) = open_case();
    let fx = key(&mut s, KeyCode::Esc);
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Cancel(Slot::StepDetails)))
    );
    assert_eq!(s.view, View::Cases);
}

#[test]
fn commands_reach_every_pane() {
    let (mut s, _) = open_case();
    key(&mut s, KeyCode::Char(':'));
    for c in "no".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Tab);
    assert!(matches!(&s.mode, Mode::Command(l) if l == "notes "));
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.case.as_ref().map(|c| c.focus), Some(app::CasePane::Notes));
    key(&mut s, KeyCode::Char(':'));
    key(&mut s, KeyCode::Char('q'));
    let fx = key(&mut s, KeyCode::Enter);
    assert!(fx.contains(&Effect::Quit));
}

#[test]
fn one_key_from_the_case_to_its_org_chart_and_aml_matches() {
    let (mut s, _) = open_case();
    let fx = key(&mut s, KeyCode::Char('o'));
    assert_eq!(s.view, View::Org);
    assert!(
        fetches(&fx)
            .iter()
            .any(|(_, _, r)| matches!(r, Request::OrgChart(op::OrgChart { id: 7 })))
    );
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.view, View::Case);
    let fx = key(&mut s, KeyCode::Char('m'));
    assert_eq!(s.view, View::Aml);
    // The matches are asked for by the key, or are still on their way for the overview's
    // summary (asked as the case opened) and land in the pane: never asked twice at once.
    assert!(
        fetches(&fx)
            .iter()
            .any(|(_, _, r)| matches!(r, Request::AmlChecks(op::AmlChecks { id: 7, .. })))
            || kyc_console::app::request::in_flight(&s, Slot::SummaryAml)
    );
}
