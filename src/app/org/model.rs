//! The ownership views' model: the tabs, the chart flattened into an arena of nodes, and the
//! rows and selection of one case's views.

use super::*;

/// Which of the three views shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgTab {
    Chart,
    Owners,
    Members,
}

impl OrgTab {
    /// Whether an action of the ownership views does anything on this tab: `on_action` takes
    /// only these and the footer shows only these, so the two cannot disagree. The owners are
    /// text that scrolls; the members a list whose rows open their case.
    pub fn takes(self, action: Action) -> bool {
        let chart_only = matches!(
            action,
            Action::ToggleGroup
                | Action::ExpandAll
                | Action::CollapseAll
                | Action::ScrollLeft
                | Action::ScrollRight
                | Action::Filter
                | Action::FindNext
                | Action::Activate
        );
        match self {
            OrgTab::Chart => true,
            OrgTab::Owners => !chart_only && action != Action::Open,
            OrgTab::Members => !chart_only,
        }
    }

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
    /// The direct shares of the node's shareholders added up (`None`: it shows none).
    pub held_total: Option<f64>,
    /// A person with significant control's natures of control (empty for anyone else).
    pub natures: Vec<super::control::Nature>,
}

impl ChartNode {
    /// Whether the figures of console and API differ by more than the tolerance.
    pub fn differs(&self) -> bool {
        match (self.effective, self.api_effective) {
            (Figure::Percent(c), Some(a)) => (c - a).abs() > TOLERANCE,
            _ => false,
        }
    }

    /// The direct shares in this node when they add up to more than 100 %: no company can be
    /// held more than whole, so the data is wrong somewhere and the figures with it.
    pub fn overfull(&self) -> Option<f64> {
        self.held_total.filter(|t| *t > 100.0 + 1e-6)
    }

    /// The direct shares in this node when they add up to less than 100 %: some holders are
    /// missing from the chart, and with them owners who may reach the threshold.
    pub fn underfull(&self) -> Option<f64> {
        self.held_total.filter(|t| *t < 100.0 - 1e-6)
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

impl Chart {
    /// The API's own figure for a person, whichever node carries it: its figure on the person's
    /// ultimate-beneficial-owner ("others") node, which is already the person's total; else its
    /// figures on the person's holdings summed (a joint member's figure is on its joint block).
    pub fn api_figure(&self, person: usize) -> Option<f64> {
        let chart = self;
        let places = || chart.nodes.iter().filter(move |n| n.entity == Some(person));
        places()
            .filter(|n| n.group == Group::Other)
            .find_map(|n| n.api_effective)
            .or_else(|| {
                places()
                    .filter_map(|n| match n.group {
                        Group::Shareholder => n.api_effective,
                        Group::JointMember => n.parent.and_then(|p| chart.nodes[p].api_effective),
                        _ => None,
                    })
                    .reduce(|a, b| a + b)
            })
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn add(
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
    // A repeat that closes a loop is the company above; a node that says nothing is what the
    // ownership graph learnt of the same entity elsewhere (held by someone: a company).
    let is_company = loops_to.is_some()
        || match node.kind() {
            NodeKind::Company => true,
            NodeKind::Person => false,
            NodeKind::Unknown => own
                .index_of(node)
                .is_some_and(|i| own.entities[i].is_company),
        };
    let me = nodes.len();
    nodes.push(ChartNode {
        name: name.clone(),
        is_company,
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
        // Only where some holder gives a figure: a chart without shares says nothing of totals.
        held_total: node
            .shareholders
            .iter()
            .any(|h| h.shares.is_some())
            .then(|| node.shareholders.iter().filter_map(|h| h.shares).sum()),
        natures: super::control::natures(node),
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
    /// The last text searched (`n` repeats it); the line being typed is [`Mode::Find`].
    pub last_find: String,
    /// The node selected when `/` was pressed: the search starts after it, and Esc returns to it.
    pub find_origin: usize,
    pub owners_scroll: crate::app::moves::Scroll,
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
            last_find: String::new(),
            find_origin: 0,
            owners_scroll: Default::default(),
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

    pub(super) fn select_node(&mut self, node: usize) {
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
    pub(super) fn find_next(&mut self, text: &str) -> bool {
        let from = self.rows.get(self.selected).map_or(0, |r| r.node);
        self.find_after(from, text)
    }

    /// Find the first node after node `from` (wrapping) whose name contains `text`.
    pub(super) fn find_after(&mut self, from: usize, text: &str) -> bool {
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
