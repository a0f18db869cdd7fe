//! Effective (integrated) ownership of a company, computed from its org chart. Pure maths, no UI.
//!
//! The API's `effectivePercentage` multiplies shares along one path of the tree, so it misses an
//! owner reached through two routes (a diamond) and cannot account for cross-holdings. Reviewers
//! need the integrated figure, so the console computes it by the standard method:
//!
//! * entities are identified by `caseCommonId` when present, else by name (case-insensitive), so
//!   the same company drawn under several parents is one entity, and a case the API drew as a leaf
//!   because it was already on the path closes the loop it belongs to;
//! * `C[i][j]` is the fraction of company `j` held directly by company `i`;
//! * the integrated holdings are `M = (I − C)⁻¹`; only the root's column is needed, so the console
//!   solves `(I − C) x = e_root` instead of inverting, one strongly connected component at a time
//!   (acyclic parts cost nothing; each cross-holding loop is a small dense Gaussian elimination);
//! * a person's effective share of the root is `Σ direct[p][c] × M[c][root]` over the companies
//!   `c` they hold directly.
//!
//! Joint holders: each member of a joint holding is treated as holding the whole joint block (the
//! usual beneficial-ownership rule for joint interests, e.g. the UK PSC regime), so their figures
//! may add up to more than 100 %.
//!
//! A loop that nobody outside holds (`I − C` singular on that loop) has no solution: the companies
//! in it, and everyone who owns the root only through them, are reported as unsolvable instead of
//! getting a number.

use crate::api::OrgNode;
use std::collections::HashMap;

/// How an entity is identified across the tree: by case id, else by its name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKey {
    Case(crate::api::Id),
    Name(String),
}

impl EntityKey {
    /// The key of a node (a nameless node without a case id gets an empty name).
    pub fn of(node: &OrgNode) -> EntityKey {
        match node.case_common_id {
            Some(id) => EntityKey::Case(id),
            None => EntityKey::Name(node.name.as_deref().unwrap_or("").trim().to_lowercase()),
        }
    }
}

/// One entity of the ownership graph.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub key: EntityKey,
    pub name: String,
    pub is_company: bool,
    /// Where the entity holds directly: (held entity index, fraction 0–1).
    pub holds: Vec<(usize, f64)>,
}

/// One route from a person to the root: the entity indices from the person to the root, and the
/// product of the fractions along it.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnershipPath {
    pub via: Vec<usize>,
    pub fraction: f64,
}

/// The result for the whole chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Ownership {
    pub entities: Vec<Entity>,
    /// Index of the root company (always 0).
    pub root: usize,
    /// `M[i][root]` for every entity: for a company its integrated holding of the root, for a
    /// person their effective share; `None` where a loop without an outside holder makes it
    /// unsolvable. Fractions (0–1), not percent.
    pub effective: Vec<Option<f64>>,
    index: HashMap<EntityKey, usize>,
}

impl Ownership {
    /// Build the graph from the chart and solve it.
    pub fn compute(root: &OrgNode) -> Ownership {
        let mut b = Builder::default();
        let r = b.entity(root);
        // The chart is a company's: its root is a company even when its node says nothing.
        b.entities[r].is_company = true;
        b.walk(root, r);
        let mut entities = b.entities;
        for ((holder, held), frac) in b.edges {
            entities[holder].holds.push((held, frac));
        }
        for e in &mut entities {
            e.holds.sort_by_key(|(h, _)| *h);
        }
        let effective = solve(&entities, r);
        Ownership {
            entities,
            root: r,
            effective,
            index: b.index,
        }
    }

    /// The entity index of a node of the chart.
    pub fn index_of(&self, node: &OrgNode) -> Option<usize> {
        self.index.get(&EntityKey::of(node)).copied()
    }

    /// The effective figure of a node, in percent (`Err` = unsolvable; `Ok(None)` = not part of
    /// the ownership graph).
    pub fn percent_of(&self, node: &OrgNode) -> Result<Option<f64>, Unsolvable> {
        match self.index_of(node) {
            None => Ok(None),
            Some(i) => match self.effective[i] {
                Some(f) => Ok(Some(f * 100.0)),
                None => Err(Unsolvable),
            },
        }
    }

    /// The natural persons with their effective percent (`None` = unsolvable), largest first,
    /// unsolvable last, ties by name.
    pub fn people(&self) -> Vec<(usize, Option<f64>)> {
        let mut out: Vec<(usize, Option<f64>)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.is_company && !e.holds.is_empty())
            .map(|(i, _)| (i, self.effective[i].map(|f| f * 100.0)))
            .collect();
        out.sort_by(|a, b| {
            let (x, y) = (a.1.unwrap_or(-1.0), b.1.unwrap_or(-1.0));
            y.total_cmp(&x)
                .then_with(|| self.entities[a.0].name.cmp(&self.entities[b.0].name))
        });
        out
    }

    /// The simple paths from an entity to the root (at most `limit`), largest first. Around a
    /// cross-holding the simple paths add up to less than the integrated figure; the difference
    /// is what circulates through the loop.
    pub fn paths(&self, from: usize, limit: usize) -> Vec<OwnershipPath> {
        let mut out = Vec::new();
        let mut stack = vec![from];
        self.dfs(from, 1.0, &mut stack, &mut out, limit);
        out.sort_by(|a, b| b.fraction.total_cmp(&a.fraction));
        out
    }

    fn dfs(
        &self,
        at: usize,
        frac: f64,
        stack: &mut Vec<usize>,
        out: &mut Vec<OwnershipPath>,
        limit: usize,
    ) {
        if out.len() >= limit {
            return;
        }
        if at == self.root && stack.len() > 1 {
            out.push(OwnershipPath {
                via: stack.clone(),
                fraction: frac,
            });
            return;
        }
        for &(next, f) in &self.entities[at].holds {
            if stack.contains(&next) {
                continue;
            }
            stack.push(next);
            self.dfs(next, frac * f, stack, out, limit);
            stack.pop();
        }
    }
}

/// A loop with no outside holder: no number can be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsolvable;

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    index: HashMap<EntityKey, usize>,
    /// (holder, held) → fraction; the same holding drawn in several places counts once.
    edges: std::collections::BTreeMap<(usize, usize), f64>,
}

impl Builder {
    fn entity(&mut self, node: &OrgNode) -> usize {
        let key = EntityKey::of(node);
        if let Some(&i) = self.index.get(&key) {
            if node.is_company() {
                self.entities[i].is_company = true;
            }
            return i;
        }
        let i = self.entities.len();
        self.entities.push(Entity {
            key: key.clone(),
            name: node.name.clone().unwrap_or_default(),
            is_company: node.is_company(),
            holds: Vec::new(),
        });
        self.index.insert(key, i);
        i
    }

    /// Record the holdings in `node` (entity `at`) and recurse into corporate holders. Whoever
    /// has shareholders is a company, whatever its node says (a repeat of it elsewhere may say
    /// nothing at all).
    fn walk(&mut self, node: &OrgNode, at: usize) {
        if !node.shareholders.is_empty() {
            self.entities[at].is_company = true;
        }
        for holder in &node.shareholders {
            let frac = holder.shares.unwrap_or(0.0).max(0.0) / 100.0;
            let members: Vec<&OrgNode> = if holder.joint_shareholder_members.is_empty() {
                vec![holder]
            } else {
                holder.joint_shareholder_members.iter().collect()
            };
            for m in members {
                let h = self.entity(m);
                if frac > 0.0 && h != at {
                    self.edges.insert((h, at), frac);
                }
                self.walk(m, h);
            }
        }
    }
}

/// Solve `(I − C) x = e_root` by strongly connected components (Tarjan emits a component only
/// after every component it holds into, so the values it needs are already known).
fn solve(entities: &[Entity], root: usize) -> Vec<Option<f64>> {
    let n = entities.len();
    let mut x: Vec<Option<f64>> = vec![Some(0.0); n];
    for comp in components(entities) {
        let local: HashMap<usize, usize> = comp.iter().enumerate().map(|(k, &i)| (i, k)).collect();
        let m = comp.len();
        let mut a = vec![vec![0.0; m + 1]; m];
        let mut known = true;
        for (k, &i) in comp.iter().enumerate() {
            a[k][k] = 1.0;
            a[k][m] = if i == root { 1.0 } else { 0.0 };
            for &(j, f) in &entities[i].holds {
                match local.get(&j) {
                    Some(&l) => a[k][l] -= f,
                    None => match x[j] {
                        Some(v) => a[k][m] += f * v,
                        None => known = false,
                    },
                }
            }
        }
        let sol = if known { gauss(a) } else { None };
        for (k, &i) in comp.iter().enumerate() {
            x[i] = sol.as_ref().map(|s| s[k]);
        }
    }
    x
}

/// Gaussian elimination with partial pivoting on an augmented matrix; `None` when singular.
fn gauss(mut a: Vec<Vec<f64>>) -> Option<Vec<f64>> {
    let n = a.len();
    for col in 0..n {
        let piv = (col..n).max_by(|&r, &s| a[r][col].abs().total_cmp(&a[s][col].abs()))?;
        if a[piv][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, piv);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            let k = row[col] / pivot_row[col];
            if r != col && k != 0.0 {
                for (v, p) in row.iter_mut().zip(&pivot_row).skip(col) {
                    *v -= k * p;
                }
            }
        }
    }
    Some((0..n).map(|i| a[i][n] / a[i][i]).collect())
}

/// Tarjan's strongly connected components, iterative (deep charts must not overflow the stack),
/// in reverse topological order of the `holds` edges.
fn components(entities: &[Entity]) -> Vec<Vec<usize>> {
    let n = entities.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut out = Vec::new();
    let mut next = 0;
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(start, 0usize)];
        while let Some(&mut (v, ref mut e)) = work.last_mut() {
            if *e == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&(w, _)) = entities[v].holds.get(*e) {
                *e += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(p, _)) = work.last() {
                low[p] = low[p].min(low[v]);
            }
            if low[v] == index[v] {
                let mut comp = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp.push(w);
                    if w == v {
                        break;
                    }
                }
                out.push(comp);
            }
        }
    }
    out
}

/// Org-chart nodes for unit tests, here and in [`crate::exposure`]: a person (a nationality) and
/// a company (a jurisdiction, a case) holding shares.
#[cfg(test)]
pub(crate) mod test_nodes {
    use crate::api::OrgNode;

    pub fn person(name: &str, shares: f64) -> OrgNode {
        OrgNode {
            name: Some(name.into()),
            nationality_id: Some("GB".into()),
            shares: Some(shares),
            ..OrgNode::default()
        }
    }

    pub fn company(id: i64, name: &str, shares: f64, holders: Vec<OrgNode>) -> OrgNode {
        OrgNode {
            name: Some(name.into()),
            jurisdiction_id: Some("GB".into()),
            case_common_id: Some(id),
            shares: Some(shares),
            shareholders: holders,
            ..OrgNode::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_nodes::{company, person};
    use super::*;

    fn pct(o: &Ownership, name: &str) -> Option<f64> {
        let i = o.entities.iter().position(|e| e.name == name)?;
        o.effective[i].map(|f| f * 100.0)
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn chain_multiplies_down_the_levels() {
        // Root ← 80% A ← 50% B ← 60% Ann: 0.8 × 0.5 × 0.6 = 24 %.
        let b = company(3, "B", 50.0, vec![person("Ann", 60.0)]);
        let a = company(2, "A", 80.0, vec![b]);
        let root = company(1, "Root", 100.0, vec![a, person("Bob", 20.0)]);
        let o = Ownership::compute(&root);
        assert!(close(pct(&o, "Ann"), 24.0));
        assert!(close(pct(&o, "Bob"), 20.0));
        assert!(close(pct(&o, "A"), 80.0));
        assert!(close(pct(&o, "B"), 40.0));
        let paths = o.paths(o.people()[0].0, 10);
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].via.len(), 4);
    }

    #[test]
    fn diamond_adds_both_routes() {
        // Root ← 50% A, 50% B; A ← 40% Carol, B ← 30% Carol (the same person under both):
        // 0.5 × 0.4 + 0.5 × 0.3 = 35 %, which no single path shows.
        let a = company(2, "A", 50.0, vec![person("Carol", 40.0)]);
        let b = company(3, "B", 50.0, vec![person("Carol", 30.0)]);
        let root = company(1, "Root", 100.0, vec![a, b]);
        let o = Ownership::compute(&root);
        assert!(close(pct(&o, "Carol"), 35.0));
        let carol = o.people()[0].0;
        let paths = o.paths(carol, 10);
        assert_eq!(paths.len(), 2);
        let sum: f64 = paths.iter().map(|p| p.fraction).sum();
        assert!((sum - 0.35).abs() < 1e-12);
    }

    #[test]
    fn joint_holders_each_hold_the_whole_block() {
        // Root ← joint block of 30% held by Sokolov & Petrova; Dan 70%.
        let joint = OrgNode {
            name: Some("Sokolov & Petrova".into()),
            shares: Some(30.0),
            joint_shareholder_members: vec![person("Sokolov", 0.0), person("Petrova", 0.0)],
            ..OrgNode::default()
        };
        let root = company(1, "Root", 100.0, vec![joint, person("Dan", 70.0)]);
        let o = Ownership::compute(&root);
        assert!(close(pct(&o, "Sokolov"), 30.0));
        assert!(close(pct(&o, "Petrova"), 30.0));
        assert!(close(pct(&o, "Dan"), 70.0));
        assert_eq!(o.people().len(), 3);
    }

    #[test]
    fn cross_holding_cycle_is_solved() {
        // Root ← 60% A; A ← 50% B, 50% Eve; B ← 40% Root (drawn as a leaf: already on the path),
        // 60% Finn. With x = M[·, root]:
        //   x_R = 1 + 0.4·x_B,  x_A = 0.6·x_R,  x_B = 0.5·x_A = 0.3·x_R
        //   ⇒ x_R = 1 + 0.12·x_R ⇒ x_R = 1/0.88, x_A = 0.6/0.88, x_B = 0.3/0.88.
        //   Eve = 0.5·x_A = 0.3/0.88 = 34.0909…%; Finn = 0.6·x_B = 0.18/0.88 = 20.4545…%.
        let root_leaf = company(1, "Root", 40.0, vec![]);
        let b = company(3, "B", 50.0, vec![root_leaf, person("Finn", 60.0)]);
        let a = company(2, "A", 60.0, vec![b, person("Eve", 50.0)]);
        let root = company(1, "Root", 100.0, vec![a]);
        let o = Ownership::compute(&root);
        assert!(close(pct(&o, "Eve"), 30.0 / 0.88), "{:?}", pct(&o, "Eve"));
        assert!(close(pct(&o, "Finn"), 18.0 / 0.88), "{:?}", pct(&o, "Finn"));
        assert!(close(pct(&o, "A"), 60.0 / 0.88));
    }

    #[test]
    fn loop_without_outside_holder_is_unsolvable() {
        // Root ← 100% A ← 100% B ← 100% A (a leaf: A already on the path). Nobody outside the
        // A–B loop holds anything: I − C is singular there. Gus holds Root directly: solvable.
        let a_leaf = company(2, "A", 100.0, vec![]);
        let b = company(3, "B", 100.0, vec![a_leaf]);
        let a = company(2, "A", 90.0, vec![b]);
        let root = company(1, "Root", 100.0, vec![a, person("Gus", 10.0)]);
        let o = Ownership::compute(&root);
        assert_eq!(pct(&o, "A"), None);
        assert_eq!(pct(&o, "B"), None);
        assert!(close(pct(&o, "Gus"), 10.0));
        assert_eq!(o.percent_of(&company(2, "A", 0.0, vec![])), Err(Unsolvable));
    }

    #[test]
    fn unsolvable_propagates_to_people_behind_the_loop() {
        // Hal holds 50% of C, which holds 10% of the singular loop A–B.
        let c = company(4, "C", 0.0, vec![person("Hal", 50.0)]);
        let a_leaf = company(2, "A", 100.0, vec![]);
        let b = company(3, "B", 100.0, vec![a_leaf]);
        let a = company(
            2,
            "A",
            100.0,
            vec![
                b,
                OrgNode {
                    shares: Some(10.0),
                    ..c
                },
            ],
        );
        let root = company(1, "Root", 100.0, vec![a]);
        let o = Ownership::compute(&root);
        assert_eq!(pct(&o, "Hal"), None);
        assert_eq!(o.people(), vec![(o.people()[0].0, None)]);
    }
}
