//! The server's answers to the inbox's requests.

use super::*;
use crate::app::answers::OnAnswer;
use crate::op;
use crate::op::Operation;

impl OnAnswer for op::LmCases {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::LmCases { kind, filter } = self;

        match result {
            Ok(page) => {
                let a = &mut state.alerts;
                a.totals[kind_index(kind)] = Some(page.item_count);
                let got = page.items.len();
                let rows_before = a.rows.len();
                a.rows
                    .extend(page.items.into_iter().map(|case| InboxRow { kind, case }));
                // Loaded over every type with the filters the tabs count for: they keep these.
                if filter.alert_type.is_none() && a.filters.alert_type.is_none() {
                    for row in &a.rows[rows_before..] {
                        a.tabs.record(row);
                    }
                }
                let have = a.rows.iter().filter(|r| r.kind == kind).count();
                a.refresh_view();
                if got > 0 && (have as i64) < page.item_count {
                    load_page(state, kind, filter.page_number.unwrap_or(1) + 1, fx);
                } else if state.alerts.sort == AlertSort::Oldest {
                    load_dates(state, fx);
                }
                load_selected(state, fx);
            }
            Err(f) => {
                say(state, Tone::Error, format!("alert inbox: {}", f.one_line()));
                state.alerts.error = Some(f);
            }
        }
    }
}

impl OnAnswer for op::LmAlerts {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::LmAlerts { kind, id } = self;

        // The open case's overview counts its alerts from the same answer.
        crate::app::case::summary::on_alerts(state, id, &result);
        let a = &mut state.alerts;
        let shown = a.for_case == Some((kind, id));
        match result {
            Ok(d) => {
                if let Some(oldest) = d.alerts.iter().filter_map(|x| x.created_on.clone()).min() {
                    a.oldest.insert(id, oldest);
                }
                if a.sort == AlertSort::Oldest {
                    a.refresh_view();
                }
                if shown {
                    a.alert_selected = a.alert_selected.min(d.alerts.len().saturating_sub(1));
                    a.detail.set(d);
                }
            }
            Err(f) => {
                if shown {
                    let line = format!("alerts of case {id}: {}", f.one_line());
                    state.alerts.detail.fail(f);
                    say(state, Tone::Error, line);
                }
            }
        }
    }
}

impl OnAnswer for op::AlertAction {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::AlertAction {
            id,
            request,
            alert_type,
            reason,
            ..
        } = self;

        let key = (id, request.alert_id);
        let action = request.action;
        let in_bulk = state
            .alerts
            .bulk
            .as_mut()
            .is_some_and(|b| b.waiting.remove(&key));
        match result {
            Ok(answer) => {
                // What the server says it did ("case opened", "2 AML matches added"…).
                let said = answer.result.map(|r| format!(": {r}")).unwrap_or_default();
                let a = &mut state.alerts;
                a.outcomes.insert(key, Outcome::Done(action));
                a.marks.remove(&key);
                let sent = a.sent_types.remove(&key);
                let t = remove_alert(a, id, request.alert_id).or(sent);
                if let Some(row) = a.rows.iter_mut().find(|r| r.id() == id)
                    && let Some(t) = t
                {
                    let c = row.count_mut(t);
                    *c = (*c - 1).max(0);
                }
                if let Some(t) = t {
                    a.tabs.done(id, t);
                }
                let cleared = a.for_case.is_some_and(|(_, c)| c == id)
                    && a.detail.data.is_some()
                    && a.alerts().is_empty();
                if let Some(b) = a.bulk.as_mut().filter(|_| in_bulk) {
                    b.done += 1;
                } else {
                    // Where to go on is the reviewer's choice: the line says how.
                    let next = if cleared {
                        " — no alerts left on this case: Esc, then ↑↓ for another"
                    } else {
                        ""
                    };
                    say(
                        state,
                        Tone::Success,
                        format!("alert {} {}{said}{next}", request.alert_id, past(action)),
                    );
                }
                if let (Some(reason), Some(step)) = (reason, request.case_step_id) {
                    let note = op::AlertNote {
                        id,
                        step,
                        alert: request.alert_id,
                        text: alert_note(action, request.alert_id, alert_type, &reason),
                    };
                    crate::app::gate::send_confirmed(state, Request::AlertNote(note), fx);
                }
            }
            Err(f) => {
                let why = f.one_line();
                state.alerts.sent_types.remove(&key);
                state
                    .alerts
                    .outcomes
                    .insert(key, Outcome::Failed(action, why.clone()));
                if let Some(b) = state.alerts.bulk.as_mut().filter(|_| in_bulk) {
                    b.failed += 1;
                } else {
                    say(
                        state,
                        Tone::Error,
                        format!("alert {} not {}: {why}", request.alert_id, past(action)),
                    );
                }
            }
        }
        if in_bulk {
            progress(state);
        }
    }
}

/// The note that records why an alert was actioned: the action, the alert and its type, and
/// the reason as the reviewer gave it.
pub fn alert_note(action: AlertAction, alert: Id, t: Option<AlertType>, reason: &str) -> String {
    let t = t.map_or("unknown type", type_label);
    let verb = match action {
        AlertAction::Apply => "Applied",
        AlertAction::Exclude => "Excluded",
        AlertAction::Dismiss => "Dismissed",
    };
    crate::sanitize::note_text(&format!("{verb} alert {alert} ({t}): {reason}"))
}

impl OnAnswer for op::AlertNote {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let key = (self.id, self.alert);
        match result {
            Ok(_) => {
                state.alerts.unsaved_notes.remove(&key);
                if state.alerts.bulk.is_none() {
                    say(
                        state,
                        Tone::Success,
                        format!(
                            "the reason for alert {} is noted on step {}",
                            self.alert, self.step
                        ),
                    );
                }
            }
            Err(f) => {
                let alert = self.alert;
                state.alerts.unsaved_notes.insert(key, self);
                say(
                    state,
                    Tone::Error,
                    format!(
                        "alert {alert} actioned, but its reason note was not saved: {} — r sends \
                         it again",
                        f.one_line()
                    ),
                );
            }
        }
    }
}

/// Send the reason notes that failed again (with `r`, the inbox's refresh and retry).
pub(super) fn resend_notes(state: &mut State, fx: &mut Vec<Effect>) -> usize {
    let notes: Vec<op::AlertNote> = state.alerts.unsaved_notes.values().cloned().collect();
    let n = notes.len();
    for note in notes {
        crate::app::gate::send_confirmed(state, Request::AlertNote(note), fx);
    }
    n
}

impl OnAnswer for op::SetReviewDate {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::SetReviewDate { id, .. } = self;

        match result {
            Ok(r) => {
                let date = r.review_date.unwrap_or_default();
                state.alerts.review_dates.insert(id, date.clone());
                say(
                    state,
                    Tone::Success,
                    format!("review date of case {id}: {date}"),
                );
            }
            Err(f) => say(
                state,
                Tone::Error,
                format!("review date not set: {}", f.one_line()),
            ),
        }
    }
}

impl OnAnswer for op::Users {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Users = self;

        match result {
            Ok(u) => state.alerts.users.set(u),
            Err(f) => {
                say(state, Tone::Error, format!("users: {}", f.one_line()));
                state.alerts.users.fail(f);
            }
        }
    }
}

impl OnAnswer for op::AssignUser {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::AssignUser { id, user, .. } = self;

        match result {
            Ok(c) => {
                let name = c.assigned_user_name.clone().unwrap_or_else(|| {
                    state
                        .alerts
                        .users
                        .data
                        .iter()
                        .flatten()
                        .find(|u| u.user_id == user)
                        .and_then(|u| u.user_name.clone())
                        .unwrap_or_else(|| format!("user {user}"))
                });
                state.alerts.assignees.insert(id, name.clone());
                say(
                    state,
                    Tone::Success,
                    format!("case {id} assigned to {name}"),
                );
            }
            Err(f) => say(
                state,
                Tone::Error,
                format!("not assigned: {}", f.one_line()),
            ),
        }
    }
}

fn past(action: AlertAction) -> &'static str {
    match action {
        AlertAction::Apply => "applied",
        AlertAction::Exclude => "excluded",
        AlertAction::Dismiss => "dismissed",
    }
}

/// Take an actioned alert out of the shown list, keeping the cursor on the alert it was on.
fn remove_alert(a: &mut AlertsState, case: Id, alert: Id) -> Option<AlertType> {
    let shown = a.for_case.is_some_and(|(_, c)| c == case);
    let keep = a.selected_alert().map(|x| x.alert_id);
    let d = a.detail.data.as_mut().filter(|_| shown)?;
    let pos = d.alerts.iter().position(|x| x.alert_id == alert)?;
    let removed = d.alerts.remove(pos);
    a.alert_selected = keep
        .and_then(|k| d.alerts.iter().position(|x| x.alert_id == k))
        .unwrap_or(pos)
        .min(d.alerts.len().saturating_sub(1));
    removed.kind()
}
