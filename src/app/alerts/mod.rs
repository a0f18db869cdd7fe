//! The live-monitoring alert inbox (guide 3.8 / 4.8): every case with active alerts, of both
//! kinds, and the selected case's alerts with their changes; one key per action, marks for bulk
//! actions, the review-date chooser and the assignment picker.
//!
//! The inbox is filtered by the server (every filter of the guide maps onto `LmCasesRequest`)
//! and sorted here. Actions are optimistic for the cursor only: it moves on at once, the alert
//! shows "…" until the server answers, then leaves the list or shows why it failed.

mod answers;
mod filters;
mod popup;

pub use answers::on_done;
pub use filters::{FILTER_HELP, Filters};
pub use popup::{DATE_ROW, Popup, check_date, on_popup_key, user_matches};

use super::request::Remote;
use super::update::move_in;
use super::*;
use crate::api::{AlertAction, AlertActionRequest, AlertType, CaseKind, LmAlerts, LmCase, User};
use crate::op;
use std::collections::{BTreeMap, HashMap};

/// Inbox rows per request; more pages follow until the server's count is reached.
pub const INBOX_PAGE: u32 = 200;

/// One case of the inbox.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    pub kind: CaseKind,
    pub case: LmCase,
}

impl InboxRow {
    pub fn id(&self) -> Id {
        self.case.case_common_id
    }

    pub fn name(&self) -> String {
        self.case
            .name
            .clone()
            .unwrap_or_else(|| format!("case {}", self.id()))
    }

    pub fn closed(&self) -> bool {
        self.case
            .case_status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("closed"))
    }

    /// The count of one alert type.
    pub fn count(&self, t: AlertType) -> i64 {
        match t {
            AlertType::CaseDetailsReview => self.case.review_alert_count,
            AlertType::ExpiredDocuments => self.case.expired_documents_alert_count,
            AlertType::ManualReview => self.case.manual_review_alert_count,
            AlertType::Aml => self.case.aml_alert_count,
        }
    }

    fn count_mut(&mut self, t: AlertType) -> &mut i64 {
        match t {
            AlertType::CaseDetailsReview => &mut self.case.review_alert_count,
            AlertType::ExpiredDocuments => &mut self.case.expired_documents_alert_count,
            AlertType::ManualReview => &mut self.case.manual_review_alert_count,
            AlertType::Aml => &mut self.case.aml_alert_count,
        }
    }
}

/// Short name of an alert type, for tabs, columns and messages.
pub fn type_label(t: AlertType) -> &'static str {
    match t {
        AlertType::CaseDetailsReview => "Case details review",
        AlertType::ExpiredDocuments => "Expired documents",
        AlertType::ManualReview => "Manual review",
        AlertType::Aml => "AML",
    }
}

/// How the inbox is sorted (`s` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertSort {
    /// Most alerts first.
    #[default]
    Total,
    Name,
    /// The case whose oldest alert is oldest first; needs each case's alerts (loaded on demand).
    Oldest,
}

impl AlertSort {
    pub fn title(self) -> &'static str {
        match self {
            AlertSort::Total => "most alerts",
            AlertSort::Name => "name",
            AlertSort::Oldest => "oldest alert",
        }
    }

    fn next(self) -> AlertSort {
        match self {
            AlertSort::Total => AlertSort::Name,
            AlertSort::Name => AlertSort::Oldest,
            AlertSort::Oldest => AlertSort::Total,
        }
    }
}

/// Which half of the inbox has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertsFocus {
    #[default]
    Inbox,
    Alerts,
}

/// What became of an alert the reviewer acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Pending(AlertAction),
    Done(AlertAction),
    Failed(AlertAction, String),
}

/// A marked alert: enough to act on it without its case being loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub kind: CaseKind,
    pub alert_type: Option<AlertType>,
    pub step: Option<Id>,
}

/// A bulk action under way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulk {
    pub action: AlertAction,
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    /// (case, alert) of the requests still out.
    pub waiting: std::collections::HashSet<(Id, Id)>,
}

#[derive(Debug, Clone, Default)]
pub struct AlertsState {
    pub rows: Vec<InboxRow>,
    /// Indices into `rows`, sorted.
    pub view: Vec<usize>,
    /// Index into `view`.
    pub selected: usize,
    pub offset: std::cell::Cell<usize>,
    pub loading: [bool; 2],
    pub totals: [Option<i64>; 2],
    pub error: Option<Failure>,
    pub filters: Filters,
    pub sort: AlertSort,
    pub focus: AlertsFocus,
    /// The selected case's alerts.
    pub detail: Remote<Box<LmAlerts>>,
    pub for_case: Option<(CaseKind, Id)>,
    /// Index into the loaded alerts.
    pub alert_selected: usize,
    /// How far the selected alert's changes are scrolled.
    pub changes_scroll: u16,
    /// Marked alerts by (case, alert).
    pub marks: BTreeMap<(Id, Id), Marked>,
    pub outcomes: HashMap<(Id, Id), Outcome>,
    /// The type of each alert with an action out, to count it down once done (its case may no
    /// longer be the one shown).
    pub sent_types: HashMap<(Id, Id), AlertType>,
    pub bulk: Option<Bulk>,
    /// Each case's oldest alert date, as far as its alerts were loaded.
    pub oldest: HashMap<Id, String>,
    pub users: Remote<Vec<User>>,
    pub popup: Option<Popup>,
    /// Review dates and assignees set in this session, by case.
    pub review_dates: HashMap<Id, String>,
    pub assignees: HashMap<Id, String>,
    /// Where Esc from the inbox goes.
    pub came_from: Option<View>,
}

impl AlertsState {
    pub fn selected_row(&self) -> Option<&InboxRow> {
        self.view.get(self.selected).and_then(|&i| self.rows.get(i))
    }

    pub fn is_loading(&self) -> bool {
        self.loading.iter().any(|l| *l) || self.detail.loading || self.bulk.is_some()
    }

    /// The loaded alerts of the selected case (empty while they load).
    pub fn alerts(&self) -> &[crate::api::Alert] {
        self.detail
            .data
            .as_ref()
            .map_or(&[], |d| d.alerts.as_slice())
    }

    pub fn selected_alert(&self) -> Option<&crate::api::Alert> {
        self.alerts().get(self.alert_selected)
    }

    /// Sum of one type's counts over the inbox; `None` sums every type.
    pub fn type_total(&self, t: Option<AlertType>) -> i64 {
        self.rows
            .iter()
            .map(|r| match t {
                Some(t) => r.count(t),
                None => r.case.total_alerts(),
            })
            .sum()
    }

    /// Re-sort, keeping the selected case selected.
    pub fn refresh_view(&mut self) {
        let keep = self.selected_row().map(InboxRow::id);
        let mut view: Vec<usize> = (0..self.rows.len()).collect();
        let rows = &self.rows;
        match self.sort {
            AlertSort::Total => view.sort_by(|&a, &b| {
                rows[b]
                    .case
                    .total_alerts()
                    .cmp(&rows[a].case.total_alerts())
                    .then(rows[a].id().cmp(&rows[b].id()))
            }),
            AlertSort::Name => {
                view.sort_by_cached_key(|&i| (rows[i].name().to_lowercase(), rows[i].id()))
            }
            AlertSort::Oldest => view.sort_by_cached_key(|&i| {
                let d = self.oldest.get(&rows[i].id());
                (d.is_none(), d.cloned().unwrap_or_default(), rows[i].id())
            }),
        }
        self.view = view;
        self.selected = keep
            .and_then(|id| self.view.iter().position(|&i| self.rows[i].id() == id))
            .unwrap_or(0)
            .min(self.view.len().saturating_sub(1));
    }
}

// ───────────────────────────── helpers ─────────────────────────────

fn say(state: &mut State, tone: Tone, text: impl Into<String>) {
    state.status = Some(StatusLine {
        text: text.into(),
        tone,
    });
}

fn fetch(state: &mut State, slot: Slot, request: Request, fx: &mut Vec<Effect>) {
    state.next_req += 1;
    let id = state.next_req;
    let slot = match slot {
        Slot::Mutation(_) => Slot::Mutation(id),
        s => s,
    };
    state.latest.insert(slot, id);
    fx.push(Effect::Fetch { id, slot, request });
}

fn kind_index(kind: CaseKind) -> usize {
    cases::kind_index(kind)
}

/// Open the inbox (from anywhere): loads it the first time, keeps it afterwards.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view != View::Alerts {
        state.alerts.came_from = Some(state.view);
    }
    state.view = View::Alerts;
    load_users(state, fx);
    if state.alerts.rows.is_empty() && !state.alerts.is_loading() {
        load_inbox(state, fx);
    }
}

/// The users list, once: the assignment picker and `assignee:NAME` need it.
fn load_users(state: &mut State, fx: &mut Vec<Effect>) {
    if state.alerts.users.data.is_none() && !state.alerts.users.loading {
        state.alerts.users.start();
        fetch(state, Slot::Users, Request::Users(op::Users), fx);
    }
}

/// Parse a filter line, turning `assignee:NAME` into the one user whose name or email holds it.
fn parse_filters(a: &AlertsState, text: &str) -> Result<Filters, String> {
    let mut words = Vec::new();
    for part in text.split_whitespace() {
        let named = part
            .split_once(':')
            .filter(|(k, v)| {
                matches!(k.to_ascii_lowercase().as_str(), "assignee" | "user")
                    && !v.eq_ignore_ascii_case("all")
                    && v.parse::<Id>().is_err()
            })
            .map(|(_, v)| v);
        match named {
            Some(name) => {
                if a.users.data.is_none() {
                    return Err("the users are still loading: try again in a moment".into());
                }
                match user_matches(a, name).as_slice() {
                    [one] => words.push(format!("assignee:{}", one.user_id)),
                    [] => return Err(format!("no user matches {name:?}")),
                    many => {
                        let names: Vec<&str> =
                            many.iter().filter_map(|u| u.user_name.as_deref()).collect();
                        return Err(format!(
                            "{} users match {name:?}: {}",
                            many.len(),
                            names.join(", ")
                        ));
                    }
                }
            }
            None => words.push(part.to_owned()),
        }
    }
    Filters::parse(&words.join(" "))
}

/// Open the inbox with a filter line (`:alerts TOKENS`).
pub fn open_filtered(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    load_users(state, fx);
    match parse_filters(&state.alerts, text) {
        Ok(f) => {
            if state.view != View::Alerts {
                state.alerts.came_from = Some(state.view);
            }
            state.view = View::Alerts;
            state.alerts.filters = f;
            load_inbox(state, fx);
        }
        Err(e) => say(state, Tone::Error, e),
    }
}

/// (Re)load the inbox, both kinds, with the current filters.
pub fn load_inbox(state: &mut State, fx: &mut Vec<Effect>) {
    let a = &mut state.alerts;
    a.rows.clear();
    a.view.clear();
    a.selected = 0;
    a.error = None;
    a.totals = [None, None];
    for kind in [CaseKind::Company, CaseKind::Individual] {
        load_page(state, kind, 1, fx);
    }
}

fn load_page(state: &mut State, kind: CaseKind, page: u32, fx: &mut Vec<Effect>) {
    state.alerts.loading[kind_index(kind)] = true;
    let filter = Box::new(state.alerts.filters.request(page));
    fetch(
        state,
        Slot::LmCases(kind),
        Request::LmCases(op::LmCases { kind, filter }),
        fx,
    );
}

/// Load the selected case's alerts if they are not the ones shown.
fn load_selected(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(row) = state.alerts.selected_row() else {
        return;
    };
    let key = (row.kind, row.id());
    if state.alerts.for_case == Some(key) {
        return;
    }
    let a = &mut state.alerts;
    a.for_case = Some(key);
    a.detail = Remote::default();
    a.detail.start();
    a.alert_selected = 0;
    a.changes_scroll = 0;
    fetch(
        state,
        Slot::LmAlerts,
        Request::LmAlerts(op::LmAlerts {
            kind: key.0,
            id: key.1,
        }),
        fx,
    );
}

fn reload_detail(state: &mut State, fx: &mut Vec<Effect>) {
    state.alerts.for_case = None;
    load_selected(state, fx);
}

/// Ask for the alerts of every case whose oldest alert is not known (sort by oldest).
fn load_dates(state: &mut State, fx: &mut Vec<Effect>) {
    let missing: Vec<(CaseKind, Id)> = state
        .alerts
        .rows
        .iter()
        .filter(|r| !state.alerts.oldest.contains_key(&r.id()))
        .map(|r| (r.kind, r.id()))
        .collect();
    for (kind, id) in missing {
        fetch(
            state,
            Slot::AlertDates(id),
            Request::LmAlerts(op::LmAlerts { kind, id }),
            fx,
        );
    }
}

// ───────────────────────────── keys ─────────────────────────────

/// The keymap context of the inbox.
pub fn context(state: &State) -> Context {
    match state.alerts.focus {
        AlertsFocus::Inbox => Context::Inbox,
        AlertsFocus::Alerts => Context::Alerts,
    }
}

/// An action in the inbox view; `false` leaves it to the general handler (quit, help, `:`).
pub fn on_action(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
    let page = usize::from(state.size.1.saturating_sub(8)).max(1);
    let focus = state.alerts.focus;
    match action {
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => {
            let a = &mut state.alerts;
            match focus {
                AlertsFocus::Inbox => {
                    a.selected = move_in(a.view.len(), a.selected, action, page);
                    load_selected(state, fx);
                }
                AlertsFocus::Alerts => {
                    a.alert_selected = move_in(a.alerts().len(), a.alert_selected, action, page);
                    a.changes_scroll = 0;
                }
            }
        }
        Action::Open | Action::NextPane | Action::PrevPane => {
            let a = &mut state.alerts;
            a.focus = match (action, focus) {
                (Action::Open, _) | (_, AlertsFocus::Inbox) => AlertsFocus::Alerts,
                _ => AlertsFocus::Inbox,
            };
            load_selected(state, fx);
        }
        Action::Back => match focus {
            AlertsFocus::Alerts => state.alerts.focus = AlertsFocus::Inbox,
            AlertsFocus::Inbox => {
                state.view = match state.alerts.came_from {
                    Some(View::Case) if state.case.is_some() => View::Case,
                    _ => View::Cases,
                };
            }
        },
        Action::Refresh => {
            load_inbox(state, fx);
            reload_detail(state, fx);
            say(state, Tone::Info, "refreshing the inbox…");
        }
        Action::Filter => {
            let text = state.alerts.filters.describe();
            state.alerts.popup = Some(Popup::Filter(text));
        }
        Action::SortNext | Action::SortReverse => {
            state.alerts.sort = state.alerts.sort.next();
            if state.alerts.sort == AlertSort::Oldest {
                load_dates(state, fx);
            }
            state.alerts.refresh_view();
            let t = state.alerts.sort.title();
            say(state, Tone::Info, format!("sorted by {t}"));
        }
        Action::AlertTypeTab => {
            let f = &mut state.alerts.filters;
            f.alert_type = match f.alert_type {
                None => Some(AlertType::ALL[0]),
                Some(t) => AlertType::ALL
                    .iter()
                    .position(|x| *x == t)
                    .and_then(|i| AlertType::ALL.get(i + 1).copied()),
            };
            let label = f.alert_type.map_or("all alert types", type_label);
            say(state, Tone::Info, format!("showing {label}"));
            load_inbox(state, fx);
        }
        Action::ScrollChangesDown => {
            let a = &mut state.alerts;
            a.changes_scroll = a.changes_scroll.saturating_add(half_page(page));
        }
        Action::ScrollChangesUp => {
            let a = &mut state.alerts;
            a.changes_scroll = a.changes_scroll.saturating_sub(half_page(page));
        }
        Action::AlertApply => act(state, AlertAction::Apply, fx),
        Action::AlertExclude => act(state, AlertAction::Exclude, fx),
        Action::AlertDismiss => act(state, AlertAction::Dismiss, fx),
        Action::MarkAlert => mark(state, false),
        Action::MarkAllAlerts => mark(state, true),
        Action::ClearMarks => {
            let n = state.alerts.marks.len();
            state.alerts.marks.clear();
            say(state, Tone::Info, format!("{n} marks cleared"));
        }
        Action::ReviewDate => {
            if let Some(row) = state.alerts.selected_row() {
                state.alerts.popup = Some(Popup::ReviewDate {
                    kind: row.kind,
                    case: row.id(),
                    selected: 0,
                    date: String::new(),
                    error: None,
                });
            }
        }
        Action::AssignUser => {
            if let Some(row) = state.alerts.selected_row() {
                state.alerts.popup = Some(Popup::Assign {
                    case: row.id(),
                    filter: String::new(),
                    selected: 0,
                });
                if state.alerts.users.data.is_none() {
                    state.alerts.users.start();
                    fetch(state, Slot::Users, Request::Users(op::Users), fx);
                }
            }
        }
        _ => return false,
    }
    true
}

/// The changes scroll by half a page: they share the pane with the alert list.
fn half_page(page: usize) -> u16 {
    u16::try_from(page / 2).unwrap_or(u16::MAX).max(1)
}

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

fn mark(state: &mut State, all: bool) {
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

fn marked(kind: CaseKind, al: &crate::api::Alert) -> Marked {
    Marked {
        kind,
        alert_type: al.kind(),
        step: al.case_step_id,
    }
}

/// One key, one action: on the marked alerts (after a confirmation) or on the selected one.
fn act(state: &mut State, action: AlertAction, fx: &mut Vec<Effect>) {
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

fn verb(action: AlertAction) -> &'static str {
    match action {
        AlertAction::Apply => "applying",
        AlertAction::Exclude => "excluding",
        AlertAction::Dismiss => "dismissing",
    }
}

fn send(
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
fn open_alert(a: &AlertsState, case: Id, alert: Id) -> bool {
    !matches!(
        a.outcomes.get(&(case, alert)),
        Some(Outcome::Pending(_) | Outcome::Done(_))
    )
}

/// Move to the next alert that still waits; when the case has none, to the next case's alerts.
fn next_alert(state: &mut State, fx: &mut Vec<Effect>) {
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

fn confirm_bulk(state: &mut State, action: AlertAction) {
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
fn progress(state: &mut State) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_describe_and_map_to_the_request() {
        let f = Filters::parse(
            "case:42 assignee:7 type:aml aml:new,updated kind:individual level:sub status:closed",
        )
        .unwrap();
        assert_eq!(
            f.describe(),
            "case:42 assignee:7 type:aml aml:new,updated kind:individual level:sub status:closed"
        );
        assert_eq!(Filters::parse(&f.describe()), Ok(f.clone()));
        let r = f.request(2);
        assert_eq!(r.case_common_id, Some(42));
        assert_eq!(r.alert_type.as_deref(), Some("Aml"));
        assert_eq!(
            r.aml_alert_types,
            Some(vec!["New".to_owned(), "Updated".to_owned()])
        );
        assert_eq!(r.case_type.as_deref(), Some("Individual"));
        assert_eq!(r.case_level.as_deref(), Some("Sub"));
        assert_eq!(r.case_status.as_deref(), Some("Closed"));
        assert_eq!(r.page_number, Some(2));
        assert_eq!(
            Filters::parse("1000003001").unwrap().case_id,
            Some(1000003001)
        );
        assert_eq!(
            Filters::parse("status:all type:all").unwrap(),
            Filters::default()
        );
        assert!(Filters::parse("status:sometimes").is_err());
        assert!(Filters::parse("colour:red").is_err());
    }

    #[test]
    fn dates_are_checked_before_they_are_sent() {
        assert!(check_date("15/03/2027").is_ok());
        assert!(check_date("29/02/2028").is_ok());
        assert!(check_date("29/02/2027").is_err());
        assert!(check_date("1/3/2027").is_err());
        assert!(check_date("2027-03-15").is_err());
        assert!(check_date("").is_err());
    }

    #[test]
    fn refusals_follow_the_guides_table() {
        use AlertAction::*;
        for t in AlertType::ALL {
            for a in [Apply, Exclude, Dismiss] {
                assert_eq!(
                    refusal(Some(t), a).is_none(),
                    t.allowed_actions().contains(&a)
                );
            }
        }
        assert!(refusal(None, Apply).is_some());
        assert!(
            refusal(Some(AlertType::ExpiredDocuments), Apply)
                .unwrap()
                .contains("allows Dismiss")
        );
    }

    #[test]
    fn read_only_refuses_actions() {
        let mut s = State::new(Session {
            read_only: true,
            ..Session::default()
        });
        let mut fx = Vec::new();
        act(&mut s, AlertAction::Apply, &mut fx);
        assert!(fx.is_empty());
        assert!(s.status.is_some_and(|l| l.text.contains("read-only")));
    }
}
