//! Acting on alerts: what the guide allows per type, marking, sending one action or a bulk run,
//! and moving on to the next open alert.

use super::*;

/// Why an action is not offered for an alert type, or `None` when the guide's table allows it.
pub fn refusal(t: Option<AlertType>, action: AlertAction) -> Option<String> {
    match t {
        None => Some(format!(
            "{} is not offered: the alert's type is unknown",
            action.as_str()
        )),
        Some(t) if !t.allowed_actions().contains(&action) => Some(format!(
            "{} is not allowed for {} {} alert (guide 3.8.3 allows {})",
            action.as_str(),
            if t == AlertType::Aml { "an" } else { "a" },
            type_label(t),
            t.allowed_actions()
                .iter()
                .map(|a| a.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Some(_) => None,
    }
}

pub(super) fn mark(state: &mut State, all: bool) {
    let a = &mut state.alerts;
    let Some((kind, case)) = a.for_case.filter(|_| a.focus == AlertsFocus::Alerts) else {
        say(
            state,
            Tone::Info,
            "marks are for alerts: Enter opens the case's alerts",
        );
        return;
    };
    let targets: Vec<(Id, Marked)> = if all {
        a.alerts()
            .iter()
            .map(|al| (al.alert_id, marked(kind, al)))
            .collect()
    } else {
        a.selected_alert()
            .map(|al| (al.alert_id, marked(kind, al)))
            .into_iter()
            .collect()
    };
    let unmark_all = all
        && targets
            .iter()
            .all(|(id, _)| a.marks.contains_key(&(case, *id)));
    for (id, m) in targets {
        if (!all || unmark_all) && a.marks.remove(&(case, id)).is_some() {
            continue;
        }
        a.marks.insert((case, id), m);
    }
    if !all {
        a.alert_selected = move_in(a.alerts().len(), a.alert_selected, Action::Down, 1);
    }
    let n = a.marks.len();
    say(
        state,
        Tone::Info,
        format!("{n} marked — a/x/d acts on all of them"),
    );
}

pub(super) fn marked(kind: CaseKind, al: &crate::api::Alert) -> Marked {
    Marked {
        kind,
        alert_type: al.kind(),
        step: al.case_step_id,
    }
}

/// One key, one action: on the marked alerts (after a confirmation) or on the selected one.
pub(super) fn act(state: &mut State, action: AlertAction, fx: &mut Vec<Effect>) {
    if state.session.read_only {
        say(
            state,
            Tone::Error,
            "read-only session: alert actions are refused",
        );
        return;
    }
    if let Some(b) = &state.alerts.bulk {
        let left = b.waiting.len();
        say(
            state,
            Tone::Info,
            format!("a bulk action is still running ({left} to go)"),
        );
        return;
    }
    if !state.alerts.marks.is_empty() {
        confirm_bulk(state, action);
        return;
    }
    let a = &state.alerts;
    let (Some((kind, case)), Some(alert)) = (a.for_case, a.selected_alert()) else {
        say(
            state,
            Tone::Info,
            "select an alert first (Enter opens the case's alerts)",
        );
        return;
    };
    if a.focus != AlertsFocus::Alerts {
        state.alerts.focus = AlertsFocus::Alerts;
        say(
            state,
            Tone::Info,
            "the case's alerts: press the key again to act",
        );
        return;
    }
    let (alert_id, t, step) = (alert.alert_id, alert.kind(), alert.case_step_id);
    if let Some(why) = refusal(t, action) {
        say(state, Tone::Error, why);
        return;
    }
    if matches!(
        state.alerts.outcomes.get(&(case, alert_id)),
        Some(Outcome::Pending(_))
    ) {
        say(state, Tone::Info, "this alert is already being actioned");
        return;
    }
    let target = Marked {
        kind,
        alert_type: t,
        step,
    };
    send(state, case, alert_id, &target, action, false, fx);
    say(state, Tone::Info, format!("{}…", verb(action)));
    next_alert(state, fx);
}

pub(super) fn verb(action: AlertAction) -> &'static str {
    match action {
        AlertAction::Apply => "applying",
        AlertAction::Exclude => "excluding",
        AlertAction::Dismiss => "dismissing",
    }
}

pub(super) fn send(
    state: &mut State,
    case: Id,
    alert: Id,
    target: &Marked,
    action: AlertAction,
    confirmed: bool,
    fx: &mut Vec<Effect>,
) {
    let (kind, step) = (target.kind, target.step);
    state
        .alerts
        .outcomes
        .insert((case, alert), Outcome::Pending(action));
    if let Some(t) = target.alert_type {
        state.alerts.sent_types.insert((case, alert), t);
    }
    let request = AlertActionRequest {
        case_common_id: case,
        alert_id: alert,
        action,
        case_step_id: step,
    };
    let request = Request::AlertAction(op::AlertAction {
        kind,
        id: case,
        request,
    });
    // A bulk was confirmed as a whole; a single action meets the gate's own question.
    if confirmed {
        crate::app::gate::send_confirmed(state, request, fx);
    } else {
        crate::app::gate::send(state, request, fx);
    }
}

/// Whether an alert still waits for the reviewer (not actioned, or its action failed).
pub(super) fn open_alert(a: &AlertsState, case: Id, alert: Id) -> bool {
    !matches!(
        a.outcomes.get(&(case, alert)),
        Some(Outcome::Pending(_) | Outcome::Done(_))
    )
}

/// Move to the next alert that still waits; when the case has none, to the next case's alerts.
pub(super) fn next_alert(state: &mut State, fx: &mut Vec<Effect>) {
    let a = &mut state.alerts;
    let Some((_, case)) = a.for_case else {
        return;
    };
    let n = a.alerts().len();
    let cur = a.alert_selected;
    let found = (1..=n).map(|d| (cur + d) % n.max(1)).find(|&i| {
        a.alerts()
            .get(i)
            .is_some_and(|al| open_alert(a, case, al.alert_id))
    });
    a.changes_scroll = 0;
    if let Some(i) = found {
        a.alert_selected = i;
        return;
    }
    // The case is cleared: the next case with alerts left.
    let next = (1..a.view.len())
        .map(|d| (a.selected + d) % a.view.len())
        .find(|&i| {
            a.rows
                .get(a.view[i])
                .is_some_and(|r| r.case.total_alerts() > 0 && r.id() != case)
        });
    if let Some(i) = next {
        a.selected = i;
        let name = a.selected_row().map(InboxRow::name).unwrap_or_default();
        load_selected(state, fx);
        say(state, Tone::Info, format!("case cleared — next: {name}"));
    }
}

pub(super) fn confirm_bulk(state: &mut State, action: AlertAction) {
    let a = &state.alerts;
    let n = a.marks.len();
    let cases: std::collections::BTreeSet<Id> = a.marks.keys().map(|(c, _)| *c).collect();
    let refused = a
        .marks
        .values()
        .filter(|m| refusal(m.alert_type, action).is_some())
        .count();
    let mut message = format!(
        "{} {n} marked alert{} in {} case{}?",
        action.as_str(),
        if n == 1 { "" } else { "s" },
        cases.len(),
        if cases.len() == 1 { "" } else { "s" }
    );
    if refused > 0 {
        let verb = if refused == 1 { "does" } else { "do" };
        message.push_str(&format!(
            "\n\n{refused} of them {verb} not allow {} and will fail.",
            action.as_str()
        ));
    }
    let message = crate::app::gate::confirm_message(state, message);
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: format!("{} marked alerts", action.as_str()),
            message,
            ok_label: action.as_str().to_owned(),
            action: Confirmed::BulkAlerts(action),
            ok_focused: false,
        }),
        None,
    );
}

/// Run a confirmed bulk action on every marked alert. Refused types fail here, without a
/// request; the others go out at once and the fetch layer bounds how many run together.
pub fn run_bulk(state: &mut State, action: AlertAction, fx: &mut Vec<Effect>) {
    let a = &state.alerts;
    // An alert whose single action is still out is left to that action.
    let marks: Vec<((Id, Id), Marked)> = a
        .marks
        .iter()
        .filter(|(k, _)| !matches!(a.outcomes.get(k), Some(Outcome::Pending(_))))
        .map(|(k, m)| (*k, m.clone()))
        .collect();
    let mut bulk = Bulk {
        action,
        total: marks.len(),
        done: 0,
        failed: 0,
        waiting: Default::default(),
    };
    for ((case, alert), m) in marks {
        if let Some(why) = refusal(m.alert_type, action) {
            bulk.failed += 1;
            state
                .alerts
                .outcomes
                .insert((case, alert), Outcome::Failed(action, why));
            continue;
        }
        bulk.waiting.insert((case, alert));
        send(state, case, alert, &m, action, true, fx);
    }
    state.alerts.bulk = Some(bulk);
    progress(state);
}

/// The progress line of a bulk action; its summary once the last answer is in.
pub(super) fn progress(state: &mut State) {
    let Some(b) = &state.alerts.bulk else {
        return;
    };
    let (action, total, done, failed) = (b.action, b.total, b.done, b.failed);
    if b.waiting.is_empty() {
        state.alerts.bulk = None;
        let tone = if failed == 0 {
            Tone::Success
        } else {
            Tone::Error
        };
        let tail = if failed == 0 {
            String::new()
        } else {
            " — the failed ones stay marked: a/x/d retries".to_owned()
        };
        say(
            state,
            tone,
            format!(
                "{} on {total}: {done} done, {failed} failed{tail}",
                action.as_str()
            ),
        );
    } else {
        say(
            state,
            Tone::Info,
            format!(
                "{} {}/{total} · {done} done · {failed} failed",
                verb(action),
                done + failed
            ),
        );
    }
}
