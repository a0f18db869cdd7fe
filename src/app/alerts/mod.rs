//! The live-monitoring alert inbox (guide 3.8 / 4.8): every case with active alerts, of both
//! kinds, and the selected case's alerts with their changes; one key per action, marks for bulk
//! actions, the review-date chooser and the assignment picker.
//!
//! The inbox is filtered by the server (every filter of the guide maps onto `LmCasesRequest`)
//! and sorted here. Every action asks first ([`decide`]) and binds to the alert chosen when its
//! key was pressed; once sent, the alert shows "…" until the server answers, then leaves the
//! list or shows why it failed. The selection never moves to another case by itself.

mod acting;
mod answers;
pub mod decide;
mod filters;
mod popup;

pub use acting::*;

pub use filters::{FILTER_HELP, Filters};
pub use popup::{DATE_ROW, Popup, check_date, on_paste, on_popup_key, user_matches};

use super::moves::move_in;
use super::panes::Pane;
use super::request::Remote;
use super::request::fetch;
pub(crate) use super::status::say;
use super::*;
use crate::api::{AlertAction, AlertActionRequest, AlertType, CaseKind, LmAlerts, LmCase, User};
use crate::app::panes::show;
use crate::app::request::{any_in_flight, in_flight};
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

/// A chosen alert (marked, or asked about): enough to act on it and to say what it is without
/// its case being shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    pub kind: CaseKind,
    /// The case's name, as the inbox showed it.
    pub name: String,
    pub closed: bool,
    pub alert_type: Option<AlertType>,
    pub step: Option<Id>,
    /// What the alert is about, in one line ([`decide::about`]).
    pub about: String,
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
    /// The reviewer has chosen a case (moved or opened). Until then the selection is the top
    /// of the order, whichever kind's pages answer first; after, their choice holds.
    pub chosen: bool,
    /// The case the reviewer had chosen when the inbox was reloaded (refresh, filter): chosen
    /// again as soon as its row is back, so a reload never moves the selection to another case.
    pub keep: Option<Id>,
    pub offset: std::cell::Cell<usize>,
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
    /// Reason notes that failed after their action succeeded, by (case, alert): `r` sends them
    /// again, so a reason given is not lost.
    pub unsaved_notes: BTreeMap<(Id, Id), op::AlertNote>,
    /// Each case's oldest alert date, as far as its alerts were loaded.
    pub oldest: HashMap<Id, String>,
    pub users: Remote<Vec<User>>,
    /// Review dates and assignees set in this session, by case.
    pub review_dates: HashMap<Id, String>,
    pub assignees: HashMap<Id, String>,
    /// Where Esc from the inbox goes.
    pub came_from: Option<View>,
    /// Each type's count over every type, so the tabs keep their numbers when one is chosen.
    pub tabs: TabCounts,
}

/// The four counts of every case of the inbox as loaded without a type filter, with the other
/// filters they were loaded with: with a type chosen, the server sends only that type's cases,
/// whose counts alone would make the other tabs shrink.
#[derive(Debug, Clone, Default)]
pub struct TabCounts {
    /// The filters (type cleared) the counts belong to.
    for_filters: Option<Filters>,
    per_case: HashMap<Id, [i64; 4]>,
}

impl TabCounts {
    /// Counts of one case as loaded now.
    fn record(&mut self, row: &InboxRow) {
        self.per_case
            .insert(row.id(), AlertType::ALL.map(|t| row.count(t)));
    }

    /// One alert of type `t` of case `id` is done.
    fn done(&mut self, id: Id, t: AlertType) {
        if let Some(c) = self.per_case.get_mut(&id)
            && let Some(i) = AlertType::ALL.iter().position(|x| *x == t)
        {
            c[i] = (c[i] - 1).max(0);
        }
    }
}

/// "1 case", "2 cases": a count with its word in agreement.
pub fn counted(n: impl Into<i64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl AlertsState {
    pub fn selected_row(&self) -> Option<&InboxRow> {
        self.view.get(self.selected).and_then(|&i| self.rows.get(i))
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

    /// A tab's count, whichever tab is chosen: over every type when the inbox was loaded
    /// without a type filter (with the same other filters); `None` when that is not known.
    pub fn tab_total(&self, t: Option<AlertType>) -> Option<i64> {
        if self.filters.alert_type.is_none() {
            return Some(self.type_total(t));
        }
        let mut key = self.filters.clone();
        key.alert_type = None;
        if self.tabs.for_filters.as_ref() == Some(&key) {
            let i = t.and_then(|t| AlertType::ALL.iter().position(|x| *x == t));
            return Some(
                self.tabs
                    .per_case
                    .values()
                    .map(|c| i.map_or(c.iter().sum(), |i| c[i]))
                    .sum(),
            );
        }
        (t == self.filters.alert_type).then(|| self.type_total(t))
    }

    /// Re-sort, keeping the selected case selected.
    pub fn refresh_view(&mut self) {
        let keep = self.keep.or_else(|| {
            self.selected_row()
                .filter(|_| self.chosen)
                .map(InboxRow::id)
        });
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
        let kept = keep.and_then(|id| self.view.iter().position(|&i| self.rows[i].id() == id));
        if kept.is_some() && self.keep.take().is_some() {
            self.chosen = true;
        }
        self.selected = kept.unwrap_or(0).min(self.view.len().saturating_sub(1));
    }
}

// ───────────────────────────── helpers ─────────────────────────────

fn kind_index(kind: CaseKind) -> usize {
    cases::kind_index(kind)
}

/// Open the inbox (from anywhere): loads it the first time, keeps it afterwards.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view != View::Alerts {
        state.alerts.came_from = Some(state.view);
    }
    show(state, View::Alerts, fx);
    load_users(state, fx);
    if state.alerts.rows.is_empty() && !is_loading(state) {
        load_inbox(state, fx);
    }
}

/// Whether the inbox waits for its pages or the selected case's alerts, or a bulk action runs.
pub fn is_loading(state: &State) -> bool {
    any_in_flight(
        state,
        &[
            Slot::LmCases(CaseKind::Company),
            Slot::LmCases(CaseKind::Individual),
            Slot::LmAlerts,
        ],
    ) || state.alerts.bulk.is_some()
}

/// The users list, once: the assignment picker and `assignee:NAME` need it.
fn load_users(state: &mut State, fx: &mut Vec<Effect>) {
    if state.alerts.users.data.is_none() && !in_flight(state, Slot::Users) {
        state.alerts.users.start();
        fetch(state, Slot::Users, Request::Users(op::Users), fx);
    }
}

/// Parse a filter line, turning `assignee:NAME` into the one user whose name or email holds it.
fn parse_filters(a: &AlertsState, text: &str) -> Result<Filters, String> {
    let mut words = Vec::new();
    for part in text.split_whitespace() {
        match user_name(part) {
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

/// The name of an `assignee:NAME` token (not a user id, not `all`).
fn user_name(part: &str) -> Option<&str> {
    part.split_once(':')
        .filter(|(k, v)| {
            matches!(k.to_ascii_lowercase().as_str(), "assignee" | "user")
                && !v.eq_ignore_ascii_case("all")
                && v.parse::<Id>().is_err()
        })
        .map(|(_, v)| v)
}

/// What the inbox's filter line does not understand, as it is typed (`None`: all of it). A
/// user's name is looked up on Enter, once it is whole: half a name matches several users.
pub fn filter_problem(text: &str) -> Option<String> {
    let others: Vec<&str> = text
        .split_whitespace()
        .filter(|p| user_name(p).is_none())
        .collect();
    Filters::parse(&others.join(" ")).err()
}

/// Open the inbox with a filter line (`:alerts TOKENS`).
pub fn open_filtered(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    load_users(state, fx);
    match parse_filters(&state.alerts, text) {
        Ok(f) => {
            if state.view != View::Alerts {
                state.alerts.came_from = Some(state.view);
            }
            show(state, View::Alerts, fx);
            state.alerts.filters = f;
            load_inbox(state, fx);
        }
        Err(e) => say(state, Tone::Error, e),
    }
}

/// (Re)load the inbox, both kinds, with the current filters.
pub fn load_inbox(state: &mut State, fx: &mut Vec<Effect>) {
    let a = &mut state.alerts;
    a.keep = a
        .keep
        .or_else(|| a.selected_row().filter(|_| a.chosen).map(InboxRow::id));
    a.rows.clear();
    a.view.clear();
    a.selected = 0;
    a.chosen = false;
    a.error = None;
    a.totals = [None, None];
    if a.filters.alert_type.is_none() {
        a.tabs = TabCounts {
            for_filters: Some(a.filters.clone()),
            per_case: HashMap::new(),
        };
    }
    for kind in [CaseKind::Company, CaseKind::Individual] {
        load_page(state, kind, 1, fx);
    }
}

fn load_page(state: &mut State, kind: CaseKind, page: u32, fx: &mut Vec<Effect>) {
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

/// Choose a case of the inbox by id (the queue moved to it), loading its alerts.
pub fn select_case(state: &mut State, id: Id, fx: &mut Vec<Effect>) {
    let a = &mut state.alerts;
    let Some(pos) = a.view.iter().position(|&i| a.rows[i].id() == id) else {
        return;
    };
    a.selected = pos;
    a.chosen = true;
    a.keep = None;
    load_selected(state, fx);
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
        a if a.is_move() => {
            let a = &mut state.alerts;
            match focus {
                AlertsFocus::Inbox => {
                    a.selected = move_in(a.view.len(), a.selected, action, page);
                    a.chosen = true;
                    a.keep = None;
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
            if !a.chosen {
                // The reviewer takes the case in front of them, not one still to come back.
                a.keep = None;
            }
            a.chosen = true;
            a.focus = match (action, focus) {
                (Action::Open, _) | (_, AlertsFocus::Inbox) => AlertsFocus::Alerts,
                _ => AlertsFocus::Inbox,
            };
            load_selected(state, fx);
        }
        Action::Back => match focus {
            AlertsFocus::Alerts => state.alerts.focus = AlertsFocus::Inbox,
            AlertsFocus::Inbox => {
                let to = match state.alerts.came_from {
                    Some(View::Case) if state.case.is_some() => View::Case,
                    _ => View::Cases,
                };
                show(state, to, fx);
            }
        },
        Action::Refresh => {
            load_inbox(state, fx);
            reload_detail(state, fx);
            match answers::resend_notes(state, fx) {
                0 => say(state, Tone::Info, "refreshing the inbox…"),
                n => say(
                    state,
                    Tone::Info,
                    format!(
                        "refreshing the inbox; sending {} again…",
                        counted(n as i64, "unsaved reason note")
                    ),
                ),
            }
        }
        Action::Filter => {
            let text = state.alerts.filters.describe();
            state.mode = Mode::Inbox(Box::new(Popup::Filter(text)));
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
        Action::AlertApply => act(state, AlertAction::Apply),
        Action::AlertExclude => act(state, AlertAction::Exclude),
        Action::AlertDismiss => act(state, AlertAction::Dismiss),
        Action::MarkAlert => mark(state, false),
        Action::MarkAllAlerts => mark(state, true),
        Action::ClearMarks => {
            let n = state.alerts.marks.len();
            state.alerts.marks.clear();
            let said = format!("{} cleared", counted(n as i64, "mark"));
            say(state, Tone::Info, said);
        }
        Action::OpenCase => {
            if let Some(row) = state.alerts.selected_row() {
                let (kind, id, name) = (row.kind, row.id(), row.name());
                state.alerts.chosen = true;
                state.alerts.keep = None;
                let from = crate::app::queue::Source::Inbox;
                crate::app::queue::open_from(state, from, kind, id, name, fx);
            }
        }
        Action::ReviewDate => {
            if let Some(row) = state.alerts.selected_row() {
                let (kind, case) = (row.kind, row.id());
                state.mode = Mode::Inbox(Box::new(Popup::ReviewDate {
                    kind,
                    case,
                    selected: None,
                    date: String::new(),
                    error: None,
                    current: popup::current_review_date(state, case),
                }));
            }
        }
        Action::AssignUser => {
            if let Some(row) = state.alerts.selected_row() {
                state.mode = Mode::Inbox(Box::new(Popup::Assign {
                    case: row.id(),
                    filter: String::new(),
                    selected: 0,
                }));
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

/// The live-monitoring alert inbox.
pub struct AlertsScreen;

impl Pane for AlertsScreen {
    fn context(&self, state: &State) -> Context {
        context(state)
    }

    fn crumbs(&self, state: &State) -> Vec<String> {
        let mut out = vec!["Alerts".to_owned()];
        if let Some(row) = state.alerts.selected_row() {
            out.push(format!("{} ({})", row.name(), row.id()));
        }
        out
    }

    /// Only while it shows: the inbox's pages are not worth a spinner elsewhere.
    fn is_loading(&self, state: &State) -> bool {
        state.view == View::Alerts && is_loading(state)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        on_action(state, action, fx)
    }

    /// The inbox is a list the reviewer comes back to, and its actions are changes (never
    /// stopped once sent): nothing to stop.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

#[cfg(test)]
mod tests;
