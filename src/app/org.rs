//! The ownership views of an open company case: the org chart, the beneficial owners and the
//! members. The chart from the API is flattened once into an arena of nodes; the visible rows are
//! rebuilt from it when something is expanded or collapsed, and drawing only touches the rows on
//! screen, so a chart of thousands of nodes stays responsive.

use super::answers::OnAnswer;
use super::case::open_case;
use super::command::Command;
use super::gate;
use super::keymap::{Action, Key};
use super::moves::page_rows;
use super::panes::Pane;
use super::request::Remote;
use super::request::fetch;
use super::status::{error, info, success};
use super::{CasePane, CaseView, Effect, Request, Slot, State, View};
use super::{Context, Failure, Mode};
use crate::api::{CaseKind, Id, LinkRequest, Members, NodeKind, OrgNode};
use crate::app::request::{any_in_flight, in_flight};
use crate::op;
use crate::op::Operation;
use crate::ownership::{EntityKey, Ownership, Unsolvable};
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::{HashMap, HashSet};

/// The default beneficial-ownership threshold, in percent.
pub const DEFAULT_THRESHOLD: f64 = 25.0;

/// Where the console's figure and the API's may differ before the chart marks it (percentage
/// points).
pub const TOLERANCE: f64 = 0.5;

/// Settings of the ownership views that outlive one case.
#[derive(Debug, Clone)]
pub struct OrgState {
    pub view: Option<Box<OrgView>>,
    /// Draw in pure ASCII: the whole UI (`ui::ascii`), and the chart's tree lines in their own
    /// ASCII forms (`--ascii`, `KYC_CONSOLE_ASCII`, `ascii = true`, or a non-UTF-8 locale).
    pub ascii: bool,
    pub threshold: f64,
    /// The sanctions exposure of the open company case (kept beside the views: the overview
    /// shows it before any of them opens).
    pub exposure: Option<Box<ExposureView>>,
}

impl Default for OrgState {
    fn default() -> Self {
        OrgState {
            view: None,
            ascii: false,
            threshold: DEFAULT_THRESHOLD,
            exposure: None,
        }
    }
}

/// Whether the locale promises UTF-8 (`LC_ALL`, then `LC_CTYPE`, then `LANG`, as C does).
/// `env` looks a variable up: the caller reads the environment once, at start, so nothing under
/// `app` does.
pub fn utf8_locale(env: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|v| env(v))
        .find(|v| !v.is_empty())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

pub mod control;
pub mod exposure;
mod model;
pub mod trust;
pub use exposure::{ExposureView, Mark, Screened};
pub use model::*;

// ───────────────────────────── update ─────────────────────────────

/// Open the ownership views of the open case on a tab (loading what it needs).
fn show(state: &mut State, tab: OrgTab, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        error(state, "no case is open: :case ID or Enter on the list");
        return;
    };
    if cv.kind != CaseKind::Company {
        error(state, "org chart, owners and members are for company cases");
        return;
    }
    let (id, title) = (cv.id, cv.title.clone());
    if state.org.view.as_ref().is_none_or(|v| v.case_id != id) {
        state.org.view = Some(Box::new(OrgView::new(id, title)));
    }
    super::panes::show(state, View::Org, fx);
    let chart_loading = in_flight(state, Slot::OrgChart);
    let members_loading = in_flight(state, Slot::Members);
    let Some(v) = state.org.view.as_mut() else {
        return;
    };
    v.tab = tab;
    let need_chart = tab != OrgTab::Members && v.chart.data.is_none() && !chart_loading;
    let need_members = tab == OrgTab::Members && v.members.data.is_none() && !members_loading;
    if need_chart {
        v.chart.start();
    }
    if need_members {
        v.members.start();
    }
    if need_chart {
        fetch(
            state,
            Slot::OrgChart,
            Request::OrgChart(op::OrgChart { id }),
            fx,
        );
    }
    if need_members {
        fetch(
            state,
            Slot::Members,
            Request::Members(op::Members { id }),
            fx,
        );
    }
}

/// Reload what the ownership view shows.
pub fn refresh(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(v) = state.org.view.as_mut() else {
        return;
    };
    let id = v.case_id;
    if v.tab == OrgTab::Members {
        v.members.start();
        fetch(
            state,
            Slot::Members,
            Request::Members(op::Members { id }),
            fx,
        );
    } else {
        v.chart.start();
        fetch(
            state,
            Slot::OrgChart,
            Request::OrgChart(op::OrgChart { id }),
            fx,
        );
    }
    info(state, "refreshing…");
}

/// The `:org`, `:ubo`, `:members` and `:link` commands.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    match cmd {
        Command::Org => show(state, OrgTab::Chart, fx),
        Command::Ubo(threshold) => {
            if let Some(t) = threshold {
                let t = f64::from(t) / 100.0;
                state.org.threshold = t;
                if let Some(e) = state
                    .org
                    .exposure
                    .as_mut()
                    .and_then(|e| e.data.data.as_mut())
                {
                    e.rethreshold(t);
                }
                info(state, format!("beneficial-owner threshold {t}%"));
            }
            show(state, OrgTab::Owners, fx);
        }
        Command::Members => show(state, OrgTab::Members, fx),
        Command::Link {
            id,
            relation,
            percentage,
            details,
        } => {
            let request = LinkRequest {
                relation,
                percentage: percentage.map(|p| f64::from(p) / 100.0),
                shares: percentage.map(|p| f64::from(p) / 100.0),
                details: Some(details).filter(|d| !d.is_empty()),
            };
            link(state, id, request, fx);
        }
        _ => {}
    }
}

/// Link a case under the open one; the chart shows it after `r`.
fn link(state: &mut State, id: Id, request: LinkRequest, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        error(state, "no case is open to link to");
        return;
    };
    let (kind, parent) = (cv.kind, cv.id);
    if parent == id {
        error(state, "a case cannot be linked to itself");
        return;
    }
    info(state, format!("linking case {id} as {}…", request.relation));
    gate::send(
        state,
        Request::Link(op::Link {
            kind,
            parent,
            id,
            request,
        }),
        fx,
    );
}

/// Keys typed into the find line (`/`, the [`Mode::Find`] layer). The selection follows the
/// first match as the text is typed; Enter keeps it (and `n` repeats), Esc returns.
pub fn on_find_key(state: &mut State, key: Key, mut line: String) {
    let Some(v) = state.org.view.as_mut().filter(|_| state.view == View::Org) else {
        return;
    };
    match key.code {
        KeyCode::Esc => {
            let origin = v.find_origin;
            v.select_node(origin);
            return;
        }
        KeyCode::Enter => {
            if !line.is_empty() {
                v.last_find = line;
            }
            return;
        }
        KeyCode::Backspace => {
            line.pop();
        }
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => line.clear(),
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => line.push(c),
        _ => {}
    }
    let found = line.is_empty() || v.find_after(v.find_origin, &line);
    if line.is_empty() {
        let origin = v.find_origin;
        v.select_node(origin);
    }
    if !found {
        error(state, format!("no node matches {line:?}"));
    } else if state
        .status
        .as_ref()
        .is_some_and(|s| s.text.starts_with("no node matches"))
    {
        state.status = None;
    }
    state.mode = Mode::Find(line);
}

/// The ownership views (chart, owners, members) of the open company case.
pub struct OrgScreen;

impl Pane for OrgScreen {
    fn context(&self, _: &State) -> Context {
        Context::Org
    }

    fn takes(&self, state: &State, action: Action) -> bool {
        state.org.view.as_ref().is_none_or(|v| v.tab.takes(action))
    }

    fn crumbs(&self, state: &State) -> Vec<String> {
        crumbs(state).unwrap_or_else(|| vec!["Cases".to_owned()])
    }

    /// Counts whatever shows: the chart loads on in the background.
    fn is_loading(&self, state: &State) -> bool {
        is_loading(state)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        if on_action(state, action, page_rows(state), fx) {
            return true;
        }
        match action {
            Action::Back => back(state, fx),
            Action::Refresh => {
                refresh(state, fx);
                true
            }
            _ => false,
        }
    }

    /// The chart and members are kept for coming back (`Esc` on a case opened from the chart
    /// returns to it): nothing to stop.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

/// A normal-mode action in the ownership views; `false` leaves it to the shared handling.
pub fn on_action(state: &mut State, action: Action, page: usize, fx: &mut Vec<Effect>) -> bool {
    let Some(v) = state.org.view.as_mut().filter(|_| state.view == View::Org) else {
        return false;
    };
    if !v.tab.takes(action) {
        return false;
    }
    match (v.tab, action) {
        (_, Action::NextPane | Action::PrevPane) => {
            let order = [OrgTab::Chart, OrgTab::Owners, OrgTab::Members];
            let i = order.iter().position(|t| *t == v.tab).unwrap_or(0);
            let next = if action == Action::NextPane {
                order[(i + 1) % 3]
            } else {
                order[(i + 2) % 3]
            };
            show(state, next, fx);
        }
        (OrgTab::Chart, Action::Up | Action::Down | Action::Top | Action::Bottom)
        | (OrgTab::Chart, Action::PageUp | Action::PageDown) => {
            v.selected = super::moves::move_in(v.rows.len(), v.selected, action, page);
        }
        (OrgTab::Members, Action::Up | Action::Down | Action::Top | Action::Bottom)
        | (OrgTab::Members, Action::PageUp | Action::PageDown) => {
            let n = v.member_rows().len();
            v.member_selected = super::moves::move_in(n, v.member_selected, action, page);
        }
        (OrgTab::Owners, Action::Up | Action::Down | Action::Top | Action::Bottom)
        | (OrgTab::Owners, Action::PageUp | Action::PageDown) => {
            v.owners_scroll.go(action, page);
        }
        (OrgTab::Chart, Action::ToggleGroup) => {
            if let Some(row) = v.rows.get(v.selected) {
                let node = row.node;
                if !v.collapsed.remove(&node) {
                    v.collapsed.insert(node);
                }
                v.rebuild_rows();
            }
        }
        (OrgTab::Chart, Action::ExpandAll) => {
            v.collapsed.clear();
            v.rebuild_rows();
        }
        (OrgTab::Chart, Action::CollapseAll) => {
            if let Some(chart) = v.chart.data.as_ref() {
                v.collapsed = (1..chart.nodes.len())
                    .filter(|&i| !chart.nodes[i].children.is_empty())
                    .collect();
            }
            v.rebuild_rows();
        }
        (OrgTab::Chart, Action::ScrollLeft) => v.hscroll = v.hscroll.saturating_sub(8),
        (OrgTab::Chart, Action::ScrollRight) => v.hscroll = v.hscroll.saturating_add(8),
        (OrgTab::Chart, Action::Filter) => {
            state.mode = Mode::Find(String::new());
            v.find_origin = v.rows.get(v.selected).map_or(0, |r| r.node);
        }
        (OrgTab::Chart, Action::FindNext) => {
            let text = v.last_find.clone();
            if text.is_empty() {
                info(state, "/ to find a node first");
            } else if !v.find_next(&text) {
                error(state, format!("no node matches {text:?}"));
            }
        }
        (OrgTab::Chart, Action::Open) => {
            let target = v
                .selected_node()
                .filter(|n| n.has_case())
                .map(|n| (n.case_id, n.is_company, n.name.clone()));
            match target {
                Some((Some(id), company, name)) => open_sub(state, id, company, name, fx),
                _ => info(state, "this node has no case of its own"),
            }
        }
        (OrgTab::Members, Action::Open) => {
            let entry = v.member_rows().get(v.member_selected).and_then(|&(g, e)| {
                let m = v.members.data.as_ref()?;
                let entry = m.groups()[g].1.get(e)?;
                Some((
                    entry.member.case_common_id,
                    entry
                        .member_type
                        .as_deref()
                        .is_some_and(|t| t.eq_ignore_ascii_case("company")),
                    entry.member.display_name(),
                ))
            });
            match entry {
                Some((Some(id), company, name)) => open_sub(state, id, company, name, fx),
                _ => info(state, "this member has no case of its own"),
            }
        }
        (OrgTab::Chart, Action::Activate) => {
            // A node's step belongs to the case of the company it hangs under.
            let target = v.selected_node().and_then(|n| {
                let chart = v.chart.data.as_ref()?;
                let parent = &chart.nodes[n.parent?];
                Some((parent.case_id?, n.step_id?))
            });
            let (case, step) = match target {
                Some((c, s)) => (c, Some(s)),
                None => (v.case_id, None),
            };
            // The case's own step tree says whether the step is deactivated, when it is loaded.
            let active = step.and_then(|s| {
                let cv = state.case.as_ref().filter(|c| c.id == case)?;
                let groups = cv.steps.data.as_ref()?;
                groups
                    .iter()
                    .flat_map(|g| &g.steps)
                    .find(|st| st.case_step_id == s)
                    .map(|st| !st.is_deactivated)
            });
            match (step, active) {
                (None, _) => info(state, "this node has no step to activate"),
                (Some(_), Some(true)) => info(state, "this step is already active"),
                (Some(step), _) => {
                    info(state, "activating…");
                    gate::send(
                        state,
                        Request::Activate(op::Activate { id: case, step }),
                        fx,
                    );
                }
            }
        }
        _ => return false,
    }
    true
}

/// Open a case from the chart or the members; the case view underneath is kept for Esc.
fn open_sub(state: &mut State, id: Id, company: bool, name: String, fx: &mut Vec<Effect>) {
    let under = state.case.take();
    let kind = if company {
        CaseKind::Company
    } else {
        CaseKind::Individual
    };
    open_case(state, kind, id, name, fx);
    if let Some(v) = state.org.view.as_mut()
        && let Some(under) = under
    {
        v.stash = Some((id, Box::new(under)));
    }
}

/// Esc in the ownership views goes back to the case; Esc on a case opened from them comes back
/// to the chart. `false` leaves Esc to the shared handling.
pub fn back(state: &mut State, fx: &mut Vec<Effect>) -> bool {
    match state.view {
        View::Org => {
            let to = if state.case.is_some() {
                View::Case
            } else {
                View::Cases
            };
            super::panes::show(state, to, fx);
            true
        }
        View::Case => {
            // Only from the steps of the very case opened from the chart (Esc on another pane
            // first goes to the steps, as everywhere).
            let (Some(cv), Some(v)) = (state.case.as_ref(), state.org.view.as_mut()) else {
                return false;
            };
            let sub = v.stash.as_ref().map(|(id, _)| *id);
            if cv.focus != CasePane::Steps || sub != Some(cv.id) {
                return false;
            }
            let Some((_, under)) = v.stash.take() else {
                return false;
            };
            let (kind, id) = (under.kind, under.id);
            state.case = Some(*under);
            // The case opened from the chart took the exposure's place: the chart's comes back.
            exposure::load(state, kind, id, fx);
            super::panes::show(state, View::Org, fx);
            true
        }
        // The case list and the other panes handle Esc themselves.
        _ => false,
    }
}

/// Breadcrumbs while the ownership views show, or a case opened from them; `None` elsewhere.
pub fn crumbs(state: &State) -> Option<Vec<String>> {
    let v = state.org.view.as_ref()?;
    let mut out = vec![
        "Cases".to_owned(),
        format!("{} ({})", v.title, v.case_id),
        v.tab.title().to_owned(),
    ];
    match (state.view, &v.stash, state.case.as_ref()) {
        (View::Org, _, _) => {}
        (View::Case, Some((sub, _)), Some(cv)) if *sub == cv.id => {
            out.push(format!("{} ({})", cv.title, cv.id));
            out.push(cv.focus.title().to_owned());
        }
        _ => return None,
    }
    Some(out)
}

pub fn is_loading(state: &State) -> bool {
    state.org.view.as_ref().is_some() && any_in_flight(state, &[Slot::OrgChart, Slot::Members])
}

impl OnAnswer for op::OrgChart {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::OrgChart { id } = self;

        let Some(v) = state.org.view.as_mut().filter(|v| v.case_id == id) else {
            return;
        };
        match result {
            Ok(node) => {
                let name = node.name.clone().unwrap_or_default();
                if !name.is_empty() {
                    v.title = name;
                }
                v.chart.set(Box::new(Chart::build(&node)));
                v.rebuild_rows();
            }
            Err(f) => {
                let line = format!("org chart of {id}: {}", f.one_line());
                v.chart.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::Members {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Members { id } = self;

        let Some(v) = state.org.view.as_mut().filter(|v| v.case_id == id) else {
            return;
        };
        match result {
            Ok(m) => {
                v.members.set(m);
                v.member_selected = v
                    .member_selected
                    .min(v.member_rows().len().saturating_sub(1));
            }
            Err(f) => {
                let line = format!("members of {id}: {}", f.one_line());
                v.members.fail(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::Link {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Link { id, request, .. } = self;

        match result {
            Ok(_) => success(state, format!("case {id} linked as {}", request.relation)),
            Err(f) => error(state, format!("could not link case {id}: {}", f.one_line())),
        }
    }
}

#[cfg(test)]
mod tests;
