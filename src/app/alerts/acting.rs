//! Acting on alerts: what the guide allows per type, marking, and sending one action or a bulk
//! run once the decision popup ([`super::decide`]) has its confirmation and reason. Nothing here
//! moves the selection: after an action it stays where the reviewer put it.

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
    let Some(row) = shown_row(a, case).cloned() else {
        say(state, Tone::Info, RELOADING);
        return;
    };
    let targets: Vec<(Id, Marked)> = if all {
        a.alerts()
            .iter()
            .map(|al| (al.alert_id, marked(kind, &row, al)))
            .collect()
    } else {
        a.selected_alert()
            .map(|al| (al.alert_id, marked(kind, &row, al)))
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
    // Within the case's own alerts: the next one to mark.
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

/// Why a mark or an action waits: the shown case's row is not back from a reload yet.
const RELOADING: &str = "the inbox is reloading: try again in a moment";

/// The inbox row of the case whose alerts are shown (it may not be the selected row while a
/// reload brings the rows back).
fn shown_row(a: &AlertsState, case: Id) -> Option<&InboxRow> {
    a.rows.iter().find(|r| r.id() == case)
}

/// What the console knows of an alert when the reviewer chooses it: enough to act on it, and to
/// say what it is, without its case being shown.
pub(super) fn marked(kind: CaseKind, row: &InboxRow, al: &crate::api::Alert) -> Marked {
    Marked {
        kind,
        name: row.name(),
        closed: row.closed(),
        alert_type: al.kind(),
        step: al.case_step_id,
        about: super::decide::about(al),
    }
}

/// One key, one action: on the marked alerts (after a confirmation) or on the selected one.
pub(super) fn act(state: &mut State, action: AlertAction) {
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
        super::decide::ask_bulk(state, action);
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
    let Some(row) = shown_row(a, case) else {
        say(state, Tone::Info, RELOADING);
        return;
    };
    let target = ((case, alert.alert_id), marked(kind, row, alert));
    if let Some(why) = refusal(target.1.alert_type, action) {
        say(state, Tone::Error, why);
        return;
    }
    if matches!(
        state.alerts.outcomes.get(&target.0),
        Some(Outcome::Pending(_))
    ) {
        say(state, Tone::Info, "this alert is already being actioned");
        return;
    }
    super::decide::ask_one(state, target, action);
}

pub(super) fn verb(action: AlertAction) -> &'static str {
    match action {
        AlertAction::Apply => "applying",
        AlertAction::Exclude => "excluding",
        AlertAction::Dismiss => "dismissing",
    }
}

/// Send one confirmed action (the decision popup asked); its reason goes with it, for the
/// journal and for the note on the step once it succeeds.
pub(super) fn send(
    state: &mut State,
    case: Id,
    alert: Id,
    target: &Marked,
    action: AlertAction,
    reason: Option<String>,
    fx: &mut Vec<Effect>,
) {
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
        case_step_id: target.step,
    };
    let request = Request::AlertAction(op::AlertAction {
        kind: target.kind,
        id: case,
        request,
        alert_type: target.alert_type,
        reason,
    });
    crate::app::gate::send_confirmed(state, request, fx);
}

/// Run a confirmed bulk action on the alerts it was asked about. Refused types fail here,
/// without a request; the others go out at once and the fetch layer bounds how many run
/// together.
pub fn run_bulk(
    state: &mut State,
    action: AlertAction,
    targets: Vec<((Id, Id), Marked)>,
    reason: Option<String>,
    fx: &mut Vec<Effect>,
) {
    // An alert whose single action is still out is left to that action.
    let targets: Vec<((Id, Id), Marked)> = targets
        .into_iter()
        .filter(|(k, _)| !matches!(state.alerts.outcomes.get(k), Some(Outcome::Pending(_))))
        .collect();
    let mut bulk = Bulk {
        action,
        total: targets.len(),
        done: 0,
        failed: 0,
        waiting: Default::default(),
    };
    for ((case, alert), m) in targets {
        if let Some(why) = refusal(m.alert_type, action) {
            bulk.failed += 1;
            state
                .alerts
                .outcomes
                .insert((case, alert), Outcome::Failed(action, why));
            continue;
        }
        bulk.waiting.insert((case, alert));
        send(state, case, alert, &m, action, reason.clone(), fx);
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
