//! The ownership views of an open company case: the org chart, the beneficial owners and the
//! members. The chart from the API is flattened once into an arena of nodes; the visible rows are
//! rebuilt from it when something is expanded or collapsed, and drawing only touches the rows on
//! screen, so a chart of thousands of nodes stays responsive.

use super::command::Command;
use super::keymap::{Action, Key};
use super::request::Remote;
use super::update::{error, fetch, info, mutate, open_case, success};
use super::{Answer, CasePane, CaseView, Effect, Request, Slot, State, View};
use crate::api::{CaseKind, Id, LinkRequest, Members, OrgNode};
use crate::op;
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
    /// Pure ASCII tree lines (`--ascii`, or a locale that is not UTF-8).
    pub ascii: bool,
    pub threshold: f64,
}

impl Default for OrgState {
    fn default() -> Self {
        OrgState {
            view: None,
            ascii: false,
            threshold: DEFAULT_THRESHOLD,
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

/// Which of the three views shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgTab {
    Chart,
    Owners,
    Members,
}

impl OrgTab {
    pub fn title(self) -> &'static str {
        match self {
            OrgTab::Chart => "Org chart",
            OrgTab::Owners => "Beneficial owners",
            OrgTab::Members => "Members",
        }
    }
}

/// The group a node hangs in under its parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Root,
    Officer,
    Shareholder,
    Other,
    /// A member of a joint holding.
    JointMember,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Root => "root",
            Group::Officer => "officer",
            Group::Shareholder => "holder",
            Group::Other => "other",
            Group::JointMember => "joint",
        }
    }
}

/// The console's effective figure for a node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// Not part of the ownership graph (an officer who holds nothing, a joint block).
    None,
    Percent(f64),
    /// On or behind a loop with no outside holder.
    Unsolvable,
}

/// One node of the chart, as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartNode {
    pub name: String,
    pub is_company: bool,
    pub role: Option<String>,
    pub group: Group,
    /// A joint holding (its members are its children).
    pub is_joint: bool,
    pub shares: Option<f64>,
    pub api_effective: Option<f64>,
    pub effective: Figure,
    /// The entity in the ownership graph, if the node is part of it.
    pub entity: Option<usize>,
    pub case_id: Option<Id>,
    pub step_id: Option<Id>,
    pub unresolved_aml: bool,
    pub updated_aml: bool,
    pub general_partner: bool,
    pub depth: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The other parents of the same entity.
    pub also_under: Vec<String>,
    /// The entity's other roles under the same parent.
    pub other_roles: Vec<String>,
    /// The ancestor this node is (a cycle the API cut short).
    pub loops_to: Option<String>,
}

impl ChartNode {
    /// Whether the figures of console and API differ by more than the tolerance.
    pub fn differs(&self) -> bool {
        match (self.effective, self.api_effective) {
            (Figure::Percent(c), Some(a)) => (c - a).abs() > TOLERANCE,
            _ => false,
        }
    }

    /// Whether this node has a case of its own to open (the root is the open case).
    pub fn has_case(&self) -> bool {
        self.case_id.is_some() && self.group != Group::Root
    }
}

/// The chart flattened, with the ownership solved.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub nodes: Vec<ChartNode>,
    pub ownership: Ownership,
    /// The root's direct officers and shareholders, for the fallback rule.
    pub root: OrgNode,
}

impl Chart {
    pub fn build(root: &OrgNode) -> Chart {
        let ownership = Ownership::compute(root);
        let mut nodes = Vec::new();
        let mut path: Vec<(Id, String)> = Vec::new();
        let mut keys: Vec<Option<EntityKey>> = Vec::new();
        add(
            &ownership,
            root,
            Group::Root,
            None,
            0,
            &mut path,
            &mut nodes,
            &mut keys,
        );
        // The same entity under several parents says where else it is.
        let mut by_entity: HashMap<&EntityKey, Vec<usize>> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if let Some(k) = k {
                by_entity.entry(k).or_default().push(i);
            }
        }
        let mut also: Vec<(usize, Vec<String>)> = Vec::new();
        for places in by_entity.values().filter(|p| p.len() > 1) {
            for &i in places {
                let mut others: Vec<String> = places
                    .iter()
                    .filter_map(|&j| nodes[j].parent.filter(|p| Some(*p) != nodes[i].parent))
                    .map(|p| nodes[p].name.clone())
                    .collect();
                others.sort();
                others.dedup();
                if !others.is_empty() {
                    also.push((i, others));
                }
            }
        }
        for (i, others) in also {
            nodes[i].also_under = others;
        }
        // The same entity in several groups under one parent (a director who also holds shares)
        // shows its other roles on each row.
        let mut roles: Vec<(usize, Vec<String>)> = Vec::new();
        for places in by_entity.values().filter(|p| p.len() > 1) {
            for &i in places {
                let mut other: Vec<String> = places
                    .iter()
                    .filter(|&&j| j != i && nodes[j].parent == nodes[i].parent)
                    .filter_map(|&j| nodes[j].role.clone())
                    .filter(|r| Some(r) != nodes[i].role.as_ref())
                    .collect();
                other.sort();
                other.dedup();
                if !other.is_empty() {
                    roles.push((i, other));
                }
            }
        }
        for (i, other) in roles {
            nodes[i].other_roles = other;
        }
        Chart {
            nodes,
            ownership,
            root: OrgNode {
                shareholders: root.shareholders.clone(),
                officers: root.officers.clone(),
                ..OrgNode::default()
            },
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add(
    own: &Ownership,
    node: &OrgNode,
    group: Group,
    parent: Option<usize>,
    depth: usize,
    path: &mut Vec<(Id, String)>,
    nodes: &mut Vec<ChartNode>,
    keys: &mut Vec<Option<EntityKey>>,
) {
    let name = node.name.clone().unwrap_or_default();
    let is_joint = !node.joint_shareholder_members.is_empty();
    // The root's own figure (and a loop back to it) is no one's holding.
    let effective = if is_joint || own.index_of(node) == Some(own.root) {
        Figure::None
    } else {
        match own.percent_of(node) {
            Ok(Some(p)) => Figure::Percent(p),
            Ok(None) => Figure::None,
            Err(Unsolvable) => Figure::Unsolvable,
        }
    };
    let loops_to = node
        .case_common_id
        .and_then(|id| path.iter().find(|(p, _)| *p == id))
        .map(|(_, n)| n.clone());
    let me = nodes.len();
    nodes.push(ChartNode {
        name: name.clone(),
        is_company: node.is_company(),
        role: node.role.clone(),
        group,
        is_joint,
        shares: node.shares,
        api_effective: node.effective_percentage,
        effective,
        entity: own.index_of(node).filter(|_| !is_joint),
        case_id: node.case_common_id,
        step_id: node.case_step_id,
        unresolved_aml: node.is_unresolved_aml,
        updated_aml: node.is_updated_aml,
        general_partner: node.is_general_partner,
        depth,
        parent,
        children: Vec::new(),
        also_under: Vec::new(),
        other_roles: Vec::new(),
        loops_to: loops_to.clone(),
    });
    let named = node.case_common_id.is_some() || !name.trim().is_empty();
    keys.push((named && !is_joint && group != Group::Root).then(|| EntityKey::of(node)));
    if loops_to.is_some() {
        return;
    }
    if let Some(id) = node.case_common_id {
        path.push((id, name));
    }
    let groups = [
        (Group::Officer, &node.officers),
        (Group::Shareholder, &node.shareholders),
        (Group::Other, &node.others),
        (Group::JointMember, &node.joint_shareholder_members),
    ];
    for (g, list) in groups {
        for child in list {
            let at = nodes.len();
            nodes[me].children.push(at);
            add(own, child, g, Some(me), depth + 1, path, nodes, keys);
        }
    }
    if node.case_common_id.is_some() {
        path.pop();
    }
}

/// One visible row: the node and, for each level below the root, whether the node on the path
/// at that level is its parent's last child (which decides `├─` or `└─` and the `│` guides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub node: usize,
    pub lasts: Vec<bool>,
}

/// The ownership views of one case.
#[derive(Debug, Clone)]
pub struct OrgView {
    pub case_id: Id,
    pub title: String,
    pub tab: OrgTab,
    pub chart: Remote<Box<Chart>>,
    pub members: Remote<Box<Members>>,
    pub collapsed: HashSet<usize>,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub hscroll: u16,
    /// The find line being typed (`/`), and the last one searched (`n` repeats it).
    pub find: Option<String>,
    pub last_find: String,
    /// The node selected when `/` was pressed: the search starts after it, and Esc returns to it.
    pub find_origin: usize,
    pub owners_scroll: u16,
    pub member_selected: usize,
    /// The case view under the chart while a case opened from here is showing (Esc restores).
    /// The case opened from here (its id) and the case view underneath, which Esc restores.
    pub stash: Option<(Id, Box<CaseView>)>,
}

impl OrgView {
    pub fn new(case_id: Id, title: String) -> OrgView {
        OrgView {
            case_id,
            title,
            tab: OrgTab::Chart,
            chart: Remote::default(),
            members: Remote::default(),
            collapsed: HashSet::new(),
            rows: Vec::new(),
            selected: 0,
            hscroll: 0,
            find: None,
            last_find: String::new(),
            find_origin: 0,
            owners_scroll: 0,
            member_selected: 0,
            stash: None,
        }
    }

    /// Rebuild the visible rows from the arena and the collapsed set, keeping the selected node.
    pub fn rebuild_rows(&mut self) {
        let keep = self.rows.get(self.selected).map(|r| r.node);
        self.rows.clear();
        let Some(chart) = self.chart.data.as_ref() else {
            return;
        };
        if chart.nodes.is_empty() {
            return;
        }
        let mut stack = vec![Row {
            node: 0,
            lasts: Vec::new(),
        }];
        while let Some(row) = stack.pop() {
            let n = &chart.nodes[row.node];
            if !self.collapsed.contains(&row.node) {
                let count = n.children.len();
                for (k, &c) in n.children.iter().enumerate().rev() {
                    let mut lasts = row.lasts.clone();
                    lasts.push(k + 1 == count);
                    stack.push(Row { node: c, lasts });
                }
            }
            self.rows.push(row);
        }
        if let Some(node) = keep {
            self.select_node(node);
        }
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    fn select_node(&mut self, node: usize) {
        if let Some(pos) = self.rows.iter().position(|r| r.node == node) {
            self.selected = pos;
        }
    }

    pub fn selected_node(&self) -> Option<&ChartNode> {
        let row = self.rows.get(self.selected)?;
        self.chart.data.as_ref()?.nodes.get(row.node)
    }

    /// The members as rows: (group, entry) pairs in the API's order.
    pub fn member_rows(&self) -> Vec<(usize, usize)> {
        let Some(m) = self.members.data.as_ref() else {
            return Vec::new();
        };
        m.groups()
            .iter()
            .enumerate()
            .flat_map(|(g, (_, list))| (0..list.len()).map(move |e| (g, e)))
            .collect()
    }

    /// Find the next node (after the selection, wrapping) whose name contains `text`; expand its
    /// ancestors so it shows.
    fn find_next(&mut self, text: &str) -> bool {
        let from = self.rows.get(self.selected).map_or(0, |r| r.node);
        self.find_after(from, text)
    }

    /// Find the first node after node `from` (wrapping) whose name contains `text`.
    fn find_after(&mut self, from: usize, text: &str) -> bool {
        let needle = text.to_lowercase();
        let Some(chart) = self.chart.data.as_ref() else {
            return false;
        };
        let n = chart.nodes.len();
        let Some(hit) = (1..=n)
            .map(|k| (from + k) % n)
            .find(|&i| chart.nodes[i].name.to_lowercase().contains(&needle))
        else {
            return false;
        };
        let mut up = chart.nodes[hit].parent;
        while let Some(p) = up {
            self.collapsed.remove(&p);
            up = chart.nodes[p].parent;
        }
        self.rebuild_rows();
        self.select_node(hit);
        true
    }
}

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
    state.view = View::Org;
    let Some(v) = state.org.view.as_mut() else {
        return;
    };
    v.tab = tab;
    let need_chart = tab != OrgTab::Members && v.chart.data.is_none() && !v.chart.loading;
    let need_members = tab == OrgTab::Members && v.members.data.is_none() && !v.members.loading;
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
    mutate(
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

/// Keys typed into the find line (`/`): handled here before the keymap sees them. The selection
/// follows the first match as the text is typed; Enter keeps it (and `n` repeats), Esc returns.
pub fn intercept(state: &mut State, key: Key) -> bool {
    let Some(v) = state.org.view.as_mut().filter(|_| state.view == View::Org) else {
        return false;
    };
    let Some(mut line) = v.find.take() else {
        return false;
    };
    match key.code {
        KeyCode::Esc => {
            let origin = v.find_origin;
            v.select_node(origin);
            return true;
        }
        KeyCode::Enter => {
            if !line.is_empty() {
                v.last_find = line;
            }
            return true;
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
    v.find = Some(line.clone());
    if !found {
        error(state, format!("no node matches {line:?}"));
    } else if state
        .status
        .as_ref()
        .is_some_and(|s| s.text.starts_with("no node matches"))
    {
        state.status = None;
    }
    true
}

/// A normal-mode action in the ownership views; `false` leaves it to the shared handling.
pub fn on_action(state: &mut State, action: Action, page: usize, fx: &mut Vec<Effect>) -> bool {
    let Some(v) = state.org.view.as_mut().filter(|_| state.view == View::Org) else {
        return false;
    };
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
            v.selected = super::update::move_in(v.rows.len(), v.selected, action, page);
        }
        (OrgTab::Members, Action::Up | Action::Down | Action::Top | Action::Bottom)
        | (OrgTab::Members, Action::PageUp | Action::PageDown) => {
            let n = v.member_rows().len();
            v.member_selected = super::update::move_in(n, v.member_selected, action, page);
        }
        (OrgTab::Owners, Action::Up | Action::Down | Action::Top | Action::Bottom)
        | (OrgTab::Owners, Action::PageUp | Action::PageDown) => {
            v.owners_scroll = super::update::scroll(v.owners_scroll, action, page);
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
            v.find = Some(String::new());
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
                    mutate(
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
pub fn back(state: &mut State) -> bool {
    match state.view {
        View::Org => {
            if let Some(v) = state.org.view.as_mut()
                && v.find.take().is_some()
            {
                return true;
            }
            state.view = if state.case.is_some() {
                View::Case
            } else {
                View::Cases
            };
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
            state.case = Some(*under);
            state.view = View::Org;
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
    state
        .org
        .view
        .as_ref()
        .is_some_and(|v| v.chart.loading || v.members.loading)
}

/// Answers for the ownership views.
pub fn on_done(state: &mut State, answer: Answer) {
    match answer {
        Answer::OrgChart(op::OrgChart { id }, result) => {
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
        Answer::Members(op::Members { id }, result) => {
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
        Answer::Link(op::Link { id, request, .. }, result) => match result {
            Ok(_) => success(state, format!("case {id} linked as {}", request.relation)),
            Err(f) => error(state, format!("could not link case {id}: {}", f.one_line())),
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_is_read_as_c_does_from_what_the_caller_passes() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(utf8_locale(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(!utf8_locale(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_GB.UTF-8")
        ])));
        assert!(utf8_locale(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "de_DE.utf8")
        ])));
        assert!(!utf8_locale(env(&[])));
    }

    fn n(name: &str, id: Option<Id>, shares: f64, holders: Vec<OrgNode>) -> OrgNode {
        OrgNode {
            name: Some(name.into()),
            entity_type: Some(if holders.is_empty() && id.is_none() {
                "Individual".into()
            } else {
                "Company".into()
            }),
            case_common_id: id,
            shares: Some(shares),
            shareholders: holders,
            ..OrgNode::default()
        }
    }

    /// Root ← A ← Root (a loop back), and Pat under both A and B.
    fn sample() -> OrgNode {
        let a = n(
            "A",
            Some(2),
            50.0,
            vec![
                n("Root", Some(1), 10.0, vec![]),
                n("Pat", None, 40.0, vec![]),
            ],
        );
        let b = n("B", Some(3), 50.0, vec![n("Pat", None, 30.0, vec![])]);
        n("Root", Some(1), 100.0, vec![a, b])
    }

    fn view() -> OrgView {
        let mut v = OrgView::new(1, "Root".into());
        v.chart.set(Box::new(Chart::build(&sample())));
        v.rebuild_rows();
        v
    }

    fn names(v: &OrgView) -> Vec<String> {
        let chart = v.chart.data.as_ref().expect("chart");
        v.rows
            .iter()
            .map(|r| chart.nodes[r.node].name.clone())
            .collect()
    }

    #[test]
    fn a_loop_back_is_a_leaf_that_names_its_ancestor() {
        let v = view();
        let chart = v.chart.data.as_ref().expect("chart");
        let leaf = chart
            .nodes
            .iter()
            .find(|x| x.loops_to.is_some())
            .expect("a loop");
        assert_eq!(leaf.loops_to.as_deref(), Some("Root"));
        assert!(leaf.children.is_empty());
        assert_eq!(leaf.effective, Figure::None);
    }

    #[test]
    fn the_same_person_under_two_parents_says_where_else() {
        let v = view();
        let chart = v.chart.data.as_ref().expect("chart");
        let pats: Vec<_> = chart.nodes.iter().filter(|x| x.name == "Pat").collect();
        assert_eq!(pats.len(), 2);
        assert_eq!(pats[0].also_under, vec!["B".to_owned()]);
        assert_eq!(pats[1].also_under, vec!["A".to_owned()]);
        // x_R = 1 + 0.1·x_A, x_A = 0.5·x_R ⇒ x_R = 1/0.95; Pat = (0.4·0.5 + 0.3·0.5)·x_R.
        let want = 35.0 / 0.95;
        assert!(matches!(pats[0].effective, Figure::Percent(p) if (p - want).abs() < 1e-9));
    }

    #[test]
    fn rows_follow_folding_and_guides_mark_last_children() {
        let mut v = view();
        assert_eq!(names(&v), ["Root", "A", "Root", "Pat", "B", "Pat"]);
        assert_eq!(v.rows[1].lasts, [false]);
        assert_eq!(v.rows[3].lasts, [false, true]);
        assert_eq!(v.rows[4].lasts, [true]);
        v.selected = 1;
        v.collapsed.insert(v.rows[1].node);
        v.rebuild_rows();
        assert_eq!(names(&v), ["Root", "A", "B", "Pat"]);
        assert_eq!(v.selected, 1, "the selected node stays selected");
    }

    #[test]
    fn find_expands_a_folded_ancestor_and_wraps() {
        let mut v = view();
        let a = v.rows[1].node;
        v.collapsed.insert(a);
        v.rebuild_rows();
        assert!(v.find_next("pat"));
        // The first Pat after the root is under A, which opened.
        assert!(!v.collapsed.contains(&a));
        assert_eq!(v.selected, 3);
        assert!(v.find_next("pat"));
        assert_eq!(v.selected, 5);
        assert!(v.find_next("pat"));
        assert_eq!(v.selected, 3, "wraps around");
        assert!(!v.find_next("nobody"));
    }
}
