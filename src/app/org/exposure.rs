//! Sanctions exposure of the open company case: loaded when a company case opens (its org chart
//! and the AML checks of every case in it, one operation), computed by [`crate::exposure`], and
//! shown on the overview, in `:ubo` and on the chart's nodes.

use super::super::answers::OnAnswer;
use super::super::request::{Remote, fetch};
use super::super::status::error;
use super::super::{Effect, Failure, Request, Slot, State};
use crate::api::{AmlChecks, CaseKind, Id, OrgNode};
use crate::exposure::{self, Basis, Exposure, Screen, Verdict};
use crate::op::{self, Operation};
use crate::ownership::{EntityKey, Ownership};
use std::collections::HashMap;

/// The exposure of one company case, as loaded.
#[derive(Debug, Clone, Default)]
pub struct ExposureView {
    pub case_id: Id,
    pub data: Remote<Box<Screened>>,
}

/// The screened ownership of a company and what the rules found.
#[derive(Debug, Clone, PartialEq)]
pub struct Screened {
    pub ownership: Ownership,
    /// Names of every party: the ownership graph's entities, then the parties that only
    /// control (general partners, officers), in index order.
    pub names: Vec<String>,
    /// Keys of every party, in the same order (the chart matches its nodes by them).
    pub keys: Vec<EntityKey>,
    pub screens: HashMap<usize, Screen>,
    pub control: Vec<(usize, usize)>,
    /// Cases whose AML checks could not be read, with why.
    pub unread: Vec<(Id, String)>,
    /// Cases of the chart not screened at all (beyond the operation's cap).
    pub not_read: usize,
    pub exposure: Exposure,
}

/// What the chart marks on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Its own screening lists it.
    Listed,
    /// Owned 50 % or more by blocked parties (OFAC), or owned or controlled (EU).
    Blocked,
}

impl Screened {
    /// Build from the operation's answer, with the beneficial-owner threshold in percent.
    pub fn build(answer: &op::ScreenedChart, threshold: f64) -> Screened {
        let ownership = Ownership::compute(&answer.chart);
        let mut names: Vec<String> = ownership.entities.iter().map(|e| e.name.clone()).collect();
        let mut keys: Vec<EntityKey> = ownership.entities.iter().map(|e| e.key.clone()).collect();
        let mut control = Vec::new();
        walk_control(
            &answer.chart,
            &ownership,
            &mut names,
            &mut keys,
            &mut control,
        );
        let by_case: HashMap<Id, &AmlChecks> = answer
            .checks
            .iter()
            .filter_map(|(id, r)| Some((*id, r.as_ref().ok()?)))
            .collect();
        let screens: HashMap<usize, Screen> = keys
            .iter()
            .enumerate()
            .filter_map(|(i, k)| match k {
                EntityKey::Case(id) => Some((i, screen(by_case.get(id)?))),
                EntityKey::Name(_) => None,
            })
            .filter(|(_, s)| s.sanctioned || s.pep)
            .collect();
        let unread = answer
            .checks
            .iter()
            .filter_map(|(id, r)| Some((*id, r.as_ref().err()?.clone())))
            .collect();
        let exposure = exposure::assess(&ownership, names.len(), &screens, &control, threshold);
        Screened {
            ownership,
            names,
            keys,
            screens,
            control,
            unread,
            not_read: answer.not_read,
            exposure,
        }
    }

    /// Compute again for another threshold (`:ubo PCT`).
    pub fn rethreshold(&mut self, threshold: f64) {
        self.exposure = exposure::assess(
            &self.ownership,
            self.names.len(),
            &self.screens,
            &self.control,
            threshold,
        );
    }

    /// The mark of a party, by its key.
    pub fn mark(&self, key: &EntityKey) -> Option<Mark> {
        let i = self.keys.iter().position(|k| k == key)?;
        if self.screens.get(&i).is_some_and(|s| s.sanctioned) {
            Some(Mark::Listed)
        } else if self.exposure.ofac_blocked.contains(&i) || self.exposure.eu_blocked.contains(&i) {
            Some(Mark::Blocked)
        } else {
            None
        }
    }

    /// The lists a party is on, joined (or "sanctions" when its match names none).
    pub fn lists(&self, i: usize) -> String {
        match self.screens.get(&i) {
            Some(s) if !s.sanctions.is_empty() => s.sanctions.join(", "),
            _ => "sanctions".to_owned(),
        }
    }

    /// The listed party that blocks the root under either reading (the root's own name when
    /// it is listed itself).
    pub fn listed_party(&self) -> Option<String> {
        [&self.exposure.ofac, &self.exposure.eu]
            .into_iter()
            .find_map(|v| match v {
                Verdict::Listed => Some(self.names[self.ownership.root].clone()),
                Verdict::Blocked { listed, .. } => Some(self.names[*listed].clone()),
                Verdict::Clear => None,
            })
    }

    /// A verdict in words, for one line: the readings that block, the chain of largest holders
    /// from the root up to the listed party, and its lists (`None` when clear).
    pub fn headline(&self) -> Option<String> {
        let (ofac, eu) = (&self.exposure.ofac, &self.exposure.eu);
        let readings = match (ofac.is_blocked(), eu.is_blocked()) {
            (true, true) => "OFAC 50% and EU",
            (true, false) => "OFAC 50%",
            (false, true) => "EU control",
            (false, false) => return None,
        };
        let v = if ofac.is_blocked() { ofac } else { eu };
        Some(match v {
            Verdict::Listed => format!("blocked ({readings}): the company itself is listed"),
            Verdict::Blocked { route, listed } => format!(
                "blocked ({readings}): {} [listed: {}]",
                route
                    .iter()
                    .filter_map(|l| l.by.first())
                    .map(|(h, b)| format!("{} {}", basis(*b), self.names[*h]))
                    .collect::<Vec<_>>()
                    .join(" ← "),
                self.lists(*listed)
            ),
            Verdict::Clear => return None,
        })
    }
}

/// A basis in words.
pub fn basis(b: Basis) -> String {
    match b {
        Basis::Shares(p) => format!("{}%", trim(p)),
        Basis::Control => "control by".to_owned(),
    }
}

/// A percentage without trailing zeros (60, 12.5, 33.33).
fn trim(p: f64) -> String {
    let s = format!("{p:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// What a case's AML checks say, excluded matches left out.
fn screen(checks: &AmlChecks) -> Screen {
    let mut s = Screen::default();
    for (_, m) in checks.all().filter(|(_, m)| !m.is_excluded) {
        match m
            .category
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("sanctions") => {
                s.sanctioned = true;
                for l in &m.sanction_lists {
                    if !s.sanctions.contains(l) {
                        s.sanctions.push(l.clone());
                    }
                }
            }
            Some("pep") => s.pep = true,
            _ => {}
        }
    }
    s
}

/// Add the parties that control without shares (officers, others, general partners) and the
/// control edges: a general partner controls its partnership; a person with significant control
/// whose nature of control is not only shares controls the company.
fn walk_control(
    node: &OrgNode,
    own: &Ownership,
    names: &mut Vec<String>,
    keys: &mut Vec<EntityKey>,
    control: &mut Vec<(usize, usize)>,
) {
    let Some(at) = own.index_of(node) else {
        return;
    };
    let party = |n: &OrgNode, names: &mut Vec<String>, keys: &mut Vec<EntityKey>| {
        let key = EntityKey::of(n);
        if let Some(i) = own.index_of(n) {
            return i;
        }
        if let Some(i) = keys.iter().position(|k| *k == key) {
            return i;
        }
        keys.push(key);
        names.push(n.name.clone().unwrap_or_default());
        keys.len() - 1
    };
    for o in node.officers.iter().chain(&node.others) {
        let named = o.case_common_id.is_some() || o.name.as_deref().is_some_and(|s| !s.is_empty());
        if !named {
            continue;
        }
        let i = party(o, names, keys);
        if (o.is_general_partner || super::control::controls(o)) && i != at {
            control.push((i, at));
        }
    }
    for h in &node.shareholders {
        if h.is_general_partner
            && let Some(i) = own.index_of(h)
            && i != at
        {
            control.push((i, at));
        }
        walk_control(h, own, names, keys, control);
    }
}

/// Start loading the exposure of a company case that opens (nothing for an individual).
pub fn load(state: &mut State, kind: CaseKind, id: Id, fx: &mut Vec<Effect>) {
    if kind != CaseKind::Company {
        state.org.exposure = None;
        return;
    }
    if state.org.exposure.as_ref().is_some_and(|e| e.case_id == id) {
        return;
    }
    state.org.exposure = Some(Box::new(ExposureView {
        case_id: id,
        data: Remote::default(),
    }));
    fetch(
        state,
        Slot::OwnershipScreening,
        Request::OwnershipScreening(op::OwnershipScreening { id }),
        fx,
    );
}

/// Load it again (`r` on the case).
pub fn reload(state: &mut State, kind: CaseKind, id: Id, fx: &mut Vec<Effect>) {
    state.org.exposure = None;
    load(state, kind, id, fx);
}

/// The loaded exposure of a case, if it is the one asked for.
pub fn of(state: &State, id: Id) -> Option<&Screened> {
    state
        .org
        .exposure
        .as_ref()
        .filter(|e| e.case_id == id)?
        .data
        .data
        .as_deref()
}

impl OnAnswer for op::OwnershipScreening {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let threshold = state.org.threshold;
        let Some(e) = state.org.exposure.as_mut().filter(|e| e.case_id == self.id) else {
            return;
        };
        match result {
            Ok(answer) => {
                let screened = Screened::build(&answer, threshold);
                let listed = screened.listed_party();
                e.data.set(Box::new(screened));
                // Said at once, whatever pane shows: the reviewer must not act without it.
                if let Some(who) = listed {
                    error(
                        state,
                        format!("sanctions exposure: owned by listed {who} (overview, :ubo)"),
                    );
                }
            }
            Err(f) => {
                let line = format!("ownership screening of {}: {}", self.id, f.one_line());
                e.data.fail(f);
                error(state, line);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::AmlMatch;

    fn listed() -> AmlChecks {
        AmlChecks {
            world_checks: vec![AmlMatch {
                category: Some("Sanctions".into()),
                sanction_lists: vec!["EU Consolidated".into()],
                ..AmlMatch::default()
            }],
            ..AmlChecks::default()
        }
    }

    /// Root LP ← 100% Lena (clean); its general partner GP Co (case 2, listed) holds nothing.
    fn partnership() -> OrgNode {
        OrgNode {
            name: Some("Root LP".into()),
            jurisdiction_id: Some("LU".into()),
            case_common_id: Some(1),
            officers: vec![OrgNode {
                name: Some("GP Co".into()),
                jurisdiction_id: Some("LU".into()),
                case_common_id: Some(2),
                is_general_partner: true,
                ..OrgNode::default()
            }],
            shareholders: vec![OrgNode {
                name: Some("Lena".into()),
                nationality_id: Some("LU".into()),
                shares: Some(100.0),
                ..OrgNode::default()
            }],
            ..OrgNode::default()
        }
    }

    #[test]
    fn a_listed_general_partner_controls_under_eu_only() {
        let answer = op::ScreenedChart {
            chart: partnership(),
            checks: vec![(1, Ok(AmlChecks::default())), (2, Ok(listed()))],
            not_read: 0,
        };
        let s = Screened::build(&answer, 25.0);
        assert_eq!(s.exposure.ofac, Verdict::Clear);
        assert!(s.exposure.eu.is_blocked());
        assert_eq!(s.listed_party().as_deref(), Some("GP Co"));
        assert_eq!(
            s.headline().as_deref(),
            Some("blocked (EU control): control by GP Co [listed: EU Consolidated]")
        );
        assert_eq!(s.mark(&EntityKey::Case(2)), Some(Mark::Listed));
        assert_eq!(s.mark(&EntityKey::Case(1)), Some(Mark::Blocked));
    }

    #[test]
    fn an_unreadable_screening_is_counted_not_taken_for_clear() {
        let answer = op::ScreenedChart {
            chart: partnership(),
            checks: vec![(1, Ok(AmlChecks::default())), (2, Err("403".into()))],
            not_read: 0,
        };
        let s = Screened::build(&answer, 25.0);
        assert_eq!(s.headline(), None);
        assert_eq!(s.unread, vec![(2, "403".to_owned())]);
    }
}
