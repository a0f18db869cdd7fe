use super::*;
use crate::api::AmlSource;
use crate::app::answers::on_done;
use crossterm::event::{KeyCode, KeyModifiers};

/// A key to the open popup, as the mode layer hands it over.
fn press(s: &mut State, code: KeyCode, fx: &mut Vec<Effect>) {
    let Mode::Aml(popup) = std::mem::replace(&mut s.mode, Mode::Normal) else {
        panic!("the reason picker is open");
    };
    on_popup_key(s, KeyEvent::new(code, KeyModifiers::NONE), *popup, fx);
}

fn m(step: Id, name: &str, score: f64) -> AmlMatch {
    AmlMatch {
        case_step_id: step,
        name: Some(name.into()),
        match_score: Some(score),
        sources: vec![AmlSource {
            title: Some("register".into()),
            url: Some(format!("https://example.org/{step}")),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn state_with_pane() -> State {
    let mut s = State::new(Session::default());
    s.case = Some(CaseView::new(
        CaseKind::Individual,
        7,
        "Ivan Sokolov".into(),
    ));
    let mut fx = Vec::new();
    open(&mut s, &mut fx);
    let checks = AmlChecks {
        world_checks: vec![m(11, "Ivan Sokolov", 58.0), m(12, "I. S. Sokolov", 94.0)],
        lexis_nexis_checks: vec![m(13, "Ivan Sokolov", 70.0)],
        ..Default::default()
    };
    on_done(
        &mut s,
        Answer::AmlChecks(
            op::AmlChecks {
                kind: CaseKind::Individual,
                id: 7,
            },
            Ok(Box::new(checks)),
        ),
        &mut fx,
    );
    s
}

#[test]
fn matches_are_sorted_by_score_across_providers() {
    let s = state_with_pane();
    let p = s.aml.as_ref().expect("pane");
    let steps: Vec<Id> = p
        .matches
        .data
        .iter()
        .flatten()
        .map(|e| e.m.case_step_id)
        .collect();
    assert_eq!(steps, [12, 13, 11]);
    assert_eq!(s.view, View::Aml);
}

#[test]
fn the_url_is_shown_over_ssh_and_opened_locally() {
    assert!(over_ssh(Some(std::ffi::OsStr::new(
        "10.0.0.1 5022 10.0.0.2 22"
    ))));
    assert!(!over_ssh(Some(std::ffi::OsStr::new(""))));
    assert!(!over_ssh(None));
    let mut s = state_with_pane();
    let mut fx = Vec::new();
    assert!(on_action(&mut s, Action::OpenSource, &mut fx));
    assert_eq!(fx, [Effect::OpenUrl("https://example.org/12".into())]);
    // Over SSH (a fact of the session, read once at start) nothing is opened remotely.
    let mut s = state_with_pane();
    s.session.over_ssh = true;
    let mut fx = Vec::new();
    assert!(on_action(&mut s, Action::OpenSource, &mut fx));
    assert!(fx.is_empty(), "{fx:?}");
    assert!(matches!(&s.mode, Mode::Aml(p) if matches!(**p, Popup::Url { .. })));
}

#[test]
fn exclusion_asks_a_reason_then_sends_exclusion_and_note() {
    let mut s = state_with_pane();
    let mut fx = Vec::new();
    on_action(&mut s, Action::ExcludeMatch, &mut fx);
    // A reason alone sends nothing: the Exclude button does.
    press(&mut s, KeyCode::Char('1'), &mut fx);
    assert!(fx.is_empty(), "choosing a reason sends nothing");
    press(&mut s, KeyCode::Tab, &mut fx);
    press(&mut s, KeyCode::Enter, &mut fx);
    let sent = fx.iter().find_map(|e| match e {
        Effect::Fetch {
            request: Request::ExcludeAml(op::ExcludeAml { step, reason, .. }),
            ..
        } => Some((*step, reason.clone())),
        _ => None,
    });
    assert_eq!(sent, Some((12, "Different date of birth".to_owned())));
    fx.clear();
    // The answer is the step as the server holds it (a short one is read back before it
    // gets here): its match, excluded.
    let mut excluded = m(12, "I. S. Sokolov", 94.0);
    excluded.is_excluded = true;
    excluded.excluded_reason = Some("Different date of birth".into());
    let details = crate::api::StepDetails {
        case_step_id: 12,
        aml_match: Some(excluded),
        ..Default::default()
    };
    on_done(
        &mut s,
        Answer::ExcludeAml(
            op::ExcludeAml {
                id: 7,
                step: 12,
                reason: "Different date of birth".into(),
            },
            Ok(Box::new(details)),
        ),
        &mut fx,
    );
    // The list is read again, so every match of the step shows what the server holds.
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Fetch {
            request: Request::AmlChecks(_),
            ..
        }
    )));
    assert!(
        s.aml
            .as_ref()
            .and_then(|p| p.selected_entry())
            .is_some_and(|e| e.m.is_excluded)
    );
    let note = fx.iter().find_map(|e| match e {
        Effect::Fetch {
            request: Request::ExclusionNote(op::ExclusionNote { text, .. }),
            ..
        } => Some(text.clone()),
        _ => None,
    });
    assert_eq!(
        note.as_deref(),
        Some("Excluded as false positive: Different date of birth")
    );
    // The note fails: the text is kept and x sends it again.
    fx.clear();
    on_done(
        &mut s,
        Answer::ExclusionNote(
            op::ExclusionNote {
                id: 7,
                step: 12,
                text: note.unwrap_or_default(),
            },
            Err(Failure::new("HTTP 503")),
        ),
        &mut fx,
    );
    assert!(
        s.status
            .as_ref()
            .is_some_and(|l| l.text.contains("x sends it again"))
    );
    on_action(&mut s, Action::ExcludeMatch, &mut fx);
    assert!(matches!(s.mode, Mode::Normal), "no second reason is asked");
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Fetch {
            request: Request::ExclusionNote(op::ExclusionNote { .. }),
            ..
        }
    )));
}

#[test]
fn only_plain_web_addresses_are_opened() {
    assert!(openable(
        "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=48713"
    ));
    assert!(openable("HTTP://example.org/a"));
    assert!(!openable("file:///etc/passwd"));
    assert!(!openable("javascript:alert(1)"));
    assert!(!openable("https://exa\u{202E}mple.org"));
    assert!(!openable("https://example.org/a b"));
    let mut s = state_with_pane();
    if let Some(e) = s
        .aml
        .as_mut()
        .and_then(|p| p.matches.data.as_mut())
        .and_then(|m| m.first_mut())
    {
        e.m.sources[0].url = Some("smb://fileserver/share".into());
    }
    let mut fx = Vec::new();
    on_action(&mut s, Action::OpenSource, &mut fx);
    assert!(fx.is_empty());
    assert!(matches!(&s.mode, Mode::Aml(p) if matches!(p.as_ref(), Popup::Url { .. })));
}

#[test]
fn aml_needs_an_open_case() {
    let mut s = State::new(Session::default());
    let mut fx = Vec::new();
    open(&mut s, &mut fx);
    assert_eq!(s.view, View::Cases);
    assert!(fx.is_empty());
    assert!(s.status.is_some_and(|l| l.tone == Tone::Error));
}

#[test]
fn the_reason_picker_moves_and_cancels() {
    let mut s = state_with_pane();
    let mut fx = Vec::new();
    on_action(&mut s, Action::ExcludeMatch, &mut fx);
    for code in [KeyCode::Down, KeyCode::Down, KeyCode::Up] {
        press(&mut s, code, &mut fx);
    }
    let Mode::Aml(popup) = &s.mode else {
        panic!("the picker stays open until Esc");
    };
    let Popup::Reason(e) = popup.as_ref() else {
        panic!("{popup:?}");
    };
    assert_eq!(e.ask.reason.selected, Some(0));
    assert!(!e.ask.ok_focused, "Cancel keeps the focus");
    // Enter on Cancel closes it, as Esc does.
    press(&mut s, KeyCode::Enter, &mut fx);
    assert!(matches!(s.mode, Mode::Normal));
    on_action(&mut s, Action::ExcludeMatch, &mut fx);
    press(&mut s, KeyCode::Char('2'), &mut fx);
    press(&mut s, KeyCode::Esc, &mut fx);
    assert!(matches!(s.mode, Mode::Normal));
    assert!(fx.is_empty(), "nothing sent");
}

#[test]
fn read_only_refuses_exclusion() {
    let mut s = state_with_pane();
    s.session.read_only = true;
    let mut fx = Vec::new();
    on_action(&mut s, Action::ExcludeMatch, &mut fx);
    assert!(matches!(s.mode, Mode::Normal));
    assert!(fx.is_empty());
}
