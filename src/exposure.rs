//! Sanctions exposure through ownership: pure rules over the ownership graph and the screening
//! results of its entities. No UI, no network.
//!
//! A company can be clean on its own screening and still be owned by a sanctioned party, and
//! the screening of its own case never says so. Two readings are computed, because institutions
//! apply one or the other (or both) and the console cannot know which:
//!
//! * **OFAC 50 % rule**: an entity owned 50 % or more, directly or indirectly, in the aggregate,
//!   by one or more blocked persons is itself blocked. "Indirectly" means through entities that
//!   are themselves blocked: a blocked company's holding counts in full, a clean company's
//!   does not. The direct holdings of every blocked holder of a company are added up.
//! * **EU ownership or control**: an entity is owned or controlled by a listed party when that
//!   party holds more than 50 % of it, or controls it (the general partner of a partnership, a
//!   person with significant control by the right to appoint directors). Holdings of different
//!   listed parties are not added up.
//!
//! Both are fixpoints reached in rounds: a company becomes blocked in the round after the
//! holders that block it, so loops end (a loop nobody listed holds is never blocked), and the
//! route that explains a verdict always leads from the root to a listed party.
//!
//! Any sanctions list counts as listed for both readings: the route names the lists, and the
//! reviewer judges which regime applies. Joint holders each hold the whole joint block (as
//! [`crate::ownership`] counts them).

use crate::ownership::Ownership;
use serde::Serialize;
use std::collections::HashMap;

/// What screening found on one entity (its own case's AML checks, excluded matches left out).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Screen {
    /// The sanctions lists of its matches (empty: not listed).
    pub sanctions: Vec<String>,
    /// Whether a sanctions match was found at all (a match may name no list).
    pub sanctioned: bool,
    /// Whether a PEP match was found.
    pub pep: bool,
}

/// Why a holder counts against a company.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Basis {
    /// A direct holding, in percent.
    Shares(f64),
    /// Control without (enough) shares: general partner, right to appoint directors.
    Control,
}

/// One company on a route and the blocked holders that make it blocked, largest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub company: usize,
    pub by: Vec<(usize, Basis)>,
}

/// Why the root is blocked under one reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Verdict {
    /// No listed party owns or controls it under this reading.
    Clear,
    /// The root's own screening lists it.
    Listed,
    /// Owned or controlled through `route`: from the root up, each link followed through its
    /// largest blocked holder, ending at `listed`.
    Blocked { route: Vec<Link>, listed: usize },
}

impl Verdict {
    pub fn is_blocked(&self) -> bool {
        !matches!(self, Verdict::Clear)
    }
}

/// A screened holder of the chart: listed or politically exposed, with its effective share.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Flagged {
    pub entity: usize,
    pub sanctioned: bool,
    pub pep: bool,
    /// Effective share of the root in percent (`None`: not computable).
    pub effective: Option<f64>,
    /// Below the beneficial-owner threshold: no beneficial-owner review would look at it.
    pub below_threshold: bool,
}

/// The exposure of the root company of an ownership graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Exposure {
    pub ofac: Verdict,
    pub eu: Verdict,
    /// Every entity blocked under the OFAC rule (listed or owned), for the chart's nodes.
    pub ofac_blocked: Vec<usize>,
    /// Every entity owned or controlled under the EU reading.
    pub eu_blocked: Vec<usize>,
    /// Sanctioned and PEP holders other than the root, largest share first.
    pub flagged: Vec<Flagged>,
}

impl Exposure {
    pub fn any(&self) -> bool {
        self.ofac.is_blocked() || self.eu.is_blocked() || !self.flagged.is_empty()
    }
}

/// Compute both readings. `parties` counts the ownership graph's entities and, after them, the
/// parties that hold nothing but may be listed or control (officers, general partners);
/// `screens` maps party index → screening (parties not in it were not screened, or had
/// nothing); `control` lists (controller, controlled) pairs; `threshold` is the beneficial-owner
/// threshold in percent.
pub fn assess(
    own: &Ownership,
    parties: usize,
    screens: &HashMap<usize, Screen>,
    control: &[(usize, usize)],
    threshold: f64,
) -> Exposure {
    let n = own.entities.len().max(parties);
    let listed: Vec<bool> = (0..n)
        .map(|i| screens.get(&i).is_some_and(|s| s.sanctioned))
        .collect();
    // holders[c] = direct holders of c with their fraction.
    let mut holders: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (h, e) in own.entities.iter().enumerate() {
        for &(c, f) in &e.holds {
            holders[c].push((h, f));
        }
    }
    let mut controllers: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(who, of) in control {
        if who < n && of < n && who != of {
            controllers[of].push(who);
        }
    }
    let ofac = fixpoint(&listed, |c, blocked| {
        let by: Vec<(usize, Basis)> = holders[c]
            .iter()
            .filter(|(h, _)| blocked[*h])
            .map(|&(h, f)| (h, Basis::Shares(f * 100.0)))
            .collect();
        let sum: f64 = by.iter().map(|(_, b)| share(*b)).sum();
        (sum + 1e-9 >= 50.0).then_some(by)
    });
    let eu = fixpoint(&listed, |c, blocked| {
        let mut by: Vec<(usize, Basis)> = holders[c]
            .iter()
            .filter(|&&(h, f)| blocked[h] && f * 100.0 > 50.0 + 1e-9)
            .map(|&(h, f)| (h, Basis::Shares(f * 100.0)))
            .collect();
        by.extend(
            controllers[c]
                .iter()
                .filter(|&&h| blocked[h])
                .map(|&h| (h, Basis::Control)),
        );
        (!by.is_empty()).then_some(by)
    });
    let mut flagged: Vec<Flagged> = (0..n)
        .filter(|&i| i != own.root)
        .filter_map(|i| {
            let s = screens.get(&i)?;
            if !(s.sanctioned || s.pep) {
                return None;
            }
            let effective = own.effective.get(i).copied().flatten().map(|f| f * 100.0);
            Some(Flagged {
                entity: i,
                sanctioned: s.sanctioned,
                pep: s.pep,
                effective,
                below_threshold: effective.is_some_and(|p| p + 1e-9 < threshold),
            })
        })
        .filter(|f| f.effective.is_none_or(|p| p > 0.0))
        .collect();
    flagged.sort_by(|a, b| {
        b.effective
            .unwrap_or(-1.0)
            .total_cmp(&a.effective.unwrap_or(-1.0))
            .then_with(|| {
                let name = |i: usize| own.entities.get(i).map(|e| e.name.as_str());
                name(a.entity).cmp(&name(b.entity))
            })
            .then_with(|| a.entity.cmp(&b.entity))
    });
    Exposure {
        ofac: verdict(own.root, &listed, &ofac),
        eu: verdict(own.root, &listed, &eu),
        ofac_blocked: ofac.blocked(),
        eu_blocked: eu.blocked(),
        flagged,
    }
}

fn share(b: Basis) -> f64 {
    match b {
        Basis::Shares(p) => p,
        Basis::Control => 0.0,
    }
}

/// The blocked entities of one reading: for each, the holders that block it (empty for a
/// listed one), or `None`.
struct Blocked(Vec<Option<Vec<(usize, Basis)>>>);

impl Blocked {
    fn blocked(&self) -> Vec<usize> {
        (0..self.0.len()).filter(|&i| self.0[i].is_some()).collect()
    }
}

/// Rounds until nothing changes: each round decides every entity not yet blocked from the
/// entities blocked in the rounds before, so a route only ever leads to earlier rounds.
fn fixpoint(
    listed: &[bool],
    rule: impl Fn(usize, &[bool]) -> Option<Vec<(usize, Basis)>>,
) -> Blocked {
    let n = listed.len();
    let mut why: Vec<Option<Vec<(usize, Basis)>>> =
        listed.iter().map(|&l| l.then(Vec::new)).collect();
    loop {
        let blocked: Vec<bool> = why.iter().map(Option::is_some).collect();
        let mut changed = false;
        for c in 0..n {
            if blocked[c] {
                continue;
            }
            if let Some(mut by) = rule(c, &blocked) {
                by.sort_by(|a, b| share(b.1).total_cmp(&share(a.1)));
                why[c] = Some(by);
                changed = true;
            }
        }
        if !changed {
            return Blocked(why);
        }
    }
}

/// The root's verdict: listed itself, or the route through the largest blocked holder of each
/// company, up to a listed party.
fn verdict(root: usize, listed: &[bool], b: &Blocked) -> Verdict {
    if listed.get(root).copied().unwrap_or(false) {
        return Verdict::Listed;
    }
    let mut route = Vec::new();
    let mut at = root;
    // Each step goes to an entity blocked in an earlier round: at most n steps.
    for _ in 0..=b.0.len() {
        match b.0.get(at) {
            Some(Some(by)) if !by.is_empty() => {
                let next = by[0].0;
                route.push(Link {
                    company: at,
                    by: by.clone(),
                });
                at = next;
            }
            Some(Some(_)) if !route.is_empty() => return Verdict::Blocked { route, listed: at },
            _ => return Verdict::Clear,
        }
    }
    Verdict::Clear
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::test_nodes::{company, person};

    fn idx(o: &Ownership, name: &str) -> usize {
        o.entities
            .iter()
            .position(|e| e.name == name)
            .unwrap_or(usize::MAX)
    }

    fn listed(o: &Ownership, names: &[&str]) -> HashMap<usize, Screen> {
        names
            .iter()
            .map(|n| {
                (
                    idx(o, n),
                    Screen {
                        sanctions: vec!["OFAC SDN".into()],
                        sanctioned: true,
                        pep: false,
                    },
                )
            })
            .collect()
    }

    fn route_names(o: &Ownership, v: &Verdict) -> Vec<String> {
        match v {
            Verdict::Blocked { route, listed } => route
                .iter()
                .map(|l| o.entities[l.company].name.clone())
                .chain([o.entities[*listed].name.clone()])
                .collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn direct_majority_blocks_under_both() {
        let root = company(
            1,
            "Root",
            100.0,
            vec![person("Sam", 60.0), person("Ann", 40.0)],
        );
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["Sam"]), &[], 25.0);
        assert_eq!(route_names(&o, &e.ofac), ["Root", "Sam"]);
        assert_eq!(route_names(&o, &e.eu), ["Root", "Sam"]);
    }

    #[test]
    fn exactly_half_blocks_under_ofac_not_eu() {
        let root = company(
            1,
            "Root",
            100.0,
            vec![person("Sam", 50.0), person("Ann", 50.0)],
        );
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["Sam"]), &[], 25.0);
        assert!(e.ofac.is_blocked());
        assert_eq!(e.eu, Verdict::Clear);
    }

    #[test]
    fn indirect_through_blocked_entities() {
        // Root ← 60% A ← 100% B ← 70% Listed Co (30% Ann): B blocked, so A, so Root.
        let b = company(
            3,
            "B",
            100.0,
            vec![company(4, "Listed Co", 70.0, vec![]), person("Ann", 30.0)],
        );
        let a = company(2, "A", 60.0, vec![b]);
        let root = company(1, "Root", 100.0, vec![a, person("Bob", 40.0)]);
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["Listed Co"]), &[], 25.0);
        assert_eq!(route_names(&o, &e.ofac), ["Root", "A", "B", "Listed Co"]);
        assert_eq!(route_names(&o, &e.eu), ["Root", "A", "B", "Listed Co"]);
        // The listed company's effective share (42 %) is above the threshold.
        assert_eq!(e.flagged.len(), 1);
        assert!(!e.flagged[0].below_threshold);
    }

    #[test]
    fn not_through_a_clean_company() {
        // Root ← 60% A ← 40% Sam (listed), 60% Ann: A is not blocked, so Root is not, even
        // though Sam's effective share is 24 %.
        let a = company(2, "A", 60.0, vec![person("Sam", 40.0), person("Ann", 60.0)]);
        let root = company(1, "Root", 100.0, vec![a, person("Bob", 40.0)]);
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["Sam"]), &[], 25.0);
        assert_eq!(e.ofac, Verdict::Clear);
        assert_eq!(e.eu, Verdict::Clear);
        assert!(e.flagged[0].below_threshold);
    }

    #[test]
    fn aggregate_of_two_blocked_holders() {
        // 30 % + 25 % = 55 %: blocked under OFAC (aggregate), not under the EU reading.
        let root = company(
            1,
            "Root",
            100.0,
            vec![person("X", 30.0), person("Y", 25.0), person("Z", 45.0)],
        );
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["X", "Y"]), &[], 25.0);
        match &e.ofac {
            Verdict::Blocked { route, .. } => {
                assert_eq!(route.len(), 1);
                assert_eq!(route[0].by.len(), 2);
                assert_eq!(route[0].by[0], (idx(&o, "X"), Basis::Shares(30.0)));
            }
            v => panic!("not blocked: {v:?}"),
        }
        assert_eq!(e.eu, Verdict::Clear);
    }

    #[test]
    fn below_threshold_is_flagged_not_blocked() {
        let root = company(
            1,
            "Root",
            100.0,
            vec![person("Sam", 10.0), person("Ann", 90.0)],
        );
        let o = Ownership::compute(&root);
        let mut screens = listed(&o, &["Sam"]);
        screens.insert(
            idx(&o, "Ann"),
            Screen {
                pep: true,
                ..Screen::default()
            },
        );
        let e = assess(&o, o.entities.len(), &screens, &[], 25.0);
        assert_eq!(e.ofac, Verdict::Clear);
        assert_eq!(e.flagged.len(), 2);
        assert_eq!(e.flagged[0].entity, idx(&o, "Ann"));
        assert!(e.flagged[0].pep && !e.flagged[0].below_threshold);
        assert!(e.flagged[1].sanctioned && e.flagged[1].below_threshold);
    }

    #[test]
    fn control_blocks_under_eu_only() {
        // The listed party holds 20 % but controls the company: EU blocks, OFAC does not.
        let o = Ownership::compute(&company(1, "Root", 100.0, vec![person("Ann", 20.0)]));
        let ann = idx(&o, "Ann");
        let e = assess(
            &o,
            o.entities.len(),
            &listed(&o, &["Ann"]),
            &[(ann, o.root)],
            25.0,
        );
        assert_eq!(e.ofac, Verdict::Clear);
        match &e.eu {
            Verdict::Blocked { route, .. } => assert_eq!(route[0].by, [(ann, Basis::Control)]),
            v => panic!("not blocked: {v:?}"),
        }
    }

    #[test]
    fn loops_end_and_a_loop_nobody_listed_holds_stays_clear() {
        // Root ← 60% A; A ← 50% B, 50% Eve; B ← 40% Root (a loop), 60% Finn.
        let root_leaf = company(1, "Root", 40.0, vec![]);
        let b = company(3, "B", 50.0, vec![root_leaf, person("Finn", 60.0)]);
        let a = company(2, "A", 60.0, vec![b, person("Eve", 50.0)]);
        let root = company(1, "Root", 100.0, vec![a]);
        let o = Ownership::compute(&root);
        let clear = assess(&o, o.entities.len(), &HashMap::new(), &[], 25.0);
        assert_eq!(clear.ofac, Verdict::Clear);
        assert!(clear.ofac_blocked.is_empty());
        // Finn (listed) holds 60 % of B, so B is blocked; B holds 50 % of A: A blocked (OFAC);
        // A holds 60 % of Root: Root blocked. The loop back from Root to B changes nothing.
        let e = assess(&o, o.entities.len(), &listed(&o, &["Finn"]), &[], 25.0);
        assert_eq!(route_names(&o, &e.ofac), ["Root", "A", "B", "Finn"]);
        assert_eq!(e.eu, Verdict::Clear, "50 % of A is no majority");
    }

    #[test]
    fn listed_root_says_so() {
        let root = company(1, "Root", 100.0, vec![person("Ann", 100.0)]);
        let o = Ownership::compute(&root);
        let e = assess(&o, o.entities.len(), &listed(&o, &["Root"]), &[], 25.0);
        assert_eq!(e.ofac, Verdict::Listed);
        assert!(e.flagged.is_empty());
    }
}
