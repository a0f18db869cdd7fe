//! Beneficial owners by their role behind a holder, whatever the shares say: the parties of a
//! trust and the nominator behind a nominee.
//!
//! AML rules (FATF R.25, EU AMLD art. 3(6)(b)) make the settlor, the trustees, the protector and
//! the beneficiaries of a trust its beneficial owners: a trust has no shareholders, so the share
//! arithmetic finds nobody behind it. A nominee holds shares for someone else, its nominator, who
//! is the owner the reviewer must verify. The org chart carries these parties as the trust's
//! officers (trustees) and others (settlor, protector, beneficiaries), and the nominator as an
//! "other" of the company whose shares the nominee holds.

use super::{Chart, ChartNode, Figure, Group};
use std::collections::HashSet;

/// A party's role in a trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TrustRole {
    Settlor,
    Trustee,
    Protector,
    Beneficiary,
}

impl TrustRole {
    /// The role as the API spells it (any case).
    pub fn parse(role: &str) -> Option<TrustRole> {
        match role.trim().to_ascii_lowercase().as_str() {
            "settlor" => Some(TrustRole::Settlor),
            "trustee" => Some(TrustRole::Trustee),
            "protector" => Some(TrustRole::Protector),
            "beneficiary" => Some(TrustRole::Beneficiary),
            _ => None,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            TrustRole::Settlor => "settlor",
            TrustRole::Trustee => "trustee",
            TrustRole::Protector => "protector",
            TrustRole::Beneficiary => "beneficiary",
        }
    }
}

/// What a vehicle (a trust, a nominee) holds of the case's company.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stake {
    /// The vehicle is the case itself (a trust's own chart).
    Itself,
    /// Its effective share of the company, in percent.
    Percent(f64),
    /// Behind a loop with no outside holder.
    Unsolvable,
}

/// Why someone stands behind a holder.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// Their roles in a trust (a trustee may also be a beneficiary).
    Trust(Vec<TrustRole>),
    /// The nominee holds shares for them.
    Nominator,
}

/// Someone who is a beneficial owner by their role behind a holder.
#[derive(Debug, Clone, PartialEq)]
pub struct ByRole {
    pub name: String,
    pub role: Role,
    /// The trust or the nominee and what it holds (`None`: a nominator whose nominee the chart
    /// does not show).
    pub via: Option<(String, Stake)>,
    /// A company: a party to trace further (its owners and controllers), not a natural person.
    pub corporate: bool,
    /// What the chart says of the role (`natureOfControl`: "Discretionary beneficiary", …).
    pub notes: Vec<String>,
}

impl ByRole {
    /// The role in words: "settlor and beneficiary of X (100.00%)".
    pub fn describe(&self) -> String {
        let role = match &self.role {
            Role::Trust(roles) => roles
                .iter()
                .map(|r| r.word())
                .collect::<Vec<_>>()
                .join(" and "),
            Role::Nominator => "nominator".to_owned(),
        };
        let role = if self.corporate {
            format!("corporate {role}")
        } else {
            role
        };
        let via = match &self.via {
            Some((name, Stake::Itself)) => format!("{name} itself"),
            Some((name, Stake::Percent(p))) => format!("{name} ({p:.2}%)"),
            Some((name, Stake::Unsolvable)) => format!("{name} (share cannot be computed)"),
            None => "a nominee the chart does not show".to_owned(),
        };
        let mut text = format!("{role} of {via}");
        if !self.notes.is_empty() {
            text.push_str(&format!(": {}", self.notes.join("; ")));
        }
        text
    }
}

/// What a node holds of the company, if it is in the ownership chain.
fn stake(node: &ChartNode) -> Option<Stake> {
    if node.group == Group::Root {
        return Some(Stake::Itself);
    }
    match node.effective {
        Figure::Percent(p) if p > 0.0 => Some(Stake::Percent(p)),
        Figure::Unsolvable => Some(Stake::Unsolvable),
        Figure::Percent(_) | Figure::None => None,
    }
}

/// The node's role in a trust, if it has one.
fn trust_role(node: &ChartNode) -> Option<TrustRole> {
    node.role.as_deref().and_then(TrustRole::parse)
}

fn role_is(node: &ChartNode, word: &str) -> bool {
    node.role
        .as_deref()
        .is_some_and(|r| r.to_ascii_lowercase().contains(word))
}

/// Whether a node is a nominator (the owner behind a nominee).
pub fn is_nominator(node: &ChartNode) -> bool {
    role_is(node, "nominator")
}

/// Whether a node holds shares as a nominee.
pub fn is_nominee(node: &ChartNode) -> bool {
    node.group == Group::Shareholder && role_is(node, "nominee")
}

/// The trusts of the chart in the ownership chain (or the case itself): the nodes with parties
/// in trust roles under them.
fn trusts(chart: &Chart) -> impl Iterator<Item = (usize, Stake)> + '_ {
    chart.nodes.iter().enumerate().filter_map(|(i, n)| {
        let parties = n
            .children
            .iter()
            .any(|&c| trust_role(&chart.nodes[c]).is_some());
        (parties && n.loops_to.is_none())
            .then(|| stake(n))
            .flatten()
            .map(|s| (i, s))
    })
}

/// The natures of control a node carries, as the chart words them.
fn notes(node: &ChartNode) -> Vec<String> {
    node.natures
        .iter()
        .map(|n| match n {
            super::control::Nature::Influence(t) => t.clone(),
            other => other.rule(),
        })
        .collect()
}

/// The key that makes one party of one vehicle one row (a case id, else the name).
fn party_key(node: &ChartNode) -> String {
    node.case_id
        .map_or_else(|| node.name.trim().to_lowercase(), |id| id.to_string())
}

/// The nominee a nominator stands behind: among the nominees holding the same company, the one
/// either names the other (the nominator's nature of control, the nominee's note), else the only
/// one.
fn nominee_of(chart: &Chart, nominator: usize) -> Option<usize> {
    let me = &chart.nodes[nominator];
    let parent = &chart.nodes[me.parent?];
    let nominees: Vec<usize> = parent
        .children
        .iter()
        .copied()
        .filter(|&c| is_nominee(&chart.nodes[c]))
        .collect();
    let mentions = |texts: &[String], name: &str| {
        let name = name.trim().to_lowercase();
        !name.is_empty() && texts.iter().any(|t| t.to_lowercase().contains(&name))
    };
    nominees
        .iter()
        .copied()
        .find(|&c| {
            let nominee = &chart.nodes[c];
            mentions(&notes(me), &nominee.name) || mentions(&notes(nominee), &me.name)
        })
        .or_else(|| match nominees[..] {
            [only] => Some(only),
            _ => None,
        })
}

/// The beneficial owners by role: each trust's parties (one row per party and trust, its roles
/// together), then each nominator with the nominee it stands behind.
pub fn by_role(chart: &Chart) -> Vec<ByRole> {
    let mut out: Vec<ByRole> = Vec::new();
    for (t, stake) in trusts(chart) {
        let trust = &chart.nodes[t];
        let mut seen: Vec<String> = Vec::new();
        for &c in &trust.children {
            let party = &chart.nodes[c];
            let Some(role) = trust_role(party) else {
                continue;
            };
            let key = party_key(party);
            if let Some(at) = seen.iter().position(|k| *k == key) {
                // The same party in a second role: one row, both roles.
                let first = out.len() - seen.len();
                let row = &mut out[first + at];
                if let Role::Trust(roles) = &mut row.role {
                    if !roles.contains(&role) {
                        roles.push(role);
                        roles.sort();
                    }
                }
                row.notes.extend(notes(party));
                continue;
            }
            seen.push(key);
            out.push(ByRole {
                name: party.name.clone(),
                role: Role::Trust(vec![role]),
                via: Some((trust.name.clone(), stake)),
                corporate: party.is_company,
                notes: notes(party),
            });
        }
    }
    // Natural persons first, by role (settlor, trustees, protector, beneficiaries); the
    // companies to trace further after them.
    out.sort_by_key(|r| {
        (
            r.corporate,
            match &r.role {
                Role::Trust(roles) => roles.first().copied(),
                Role::Nominator => None,
            },
        )
    });
    for (i, n) in chart.nodes.iter().enumerate() {
        if !is_nominator(n) {
            continue;
        }
        let via = nominee_of(chart, i).map(|c| {
            let nominee = &chart.nodes[c];
            (
                nominee.name.clone(),
                stake(nominee).unwrap_or(Stake::Percent(0.0)),
            )
        });
        out.push(ByRole {
            name: n.name.clone(),
            role: Role::Nominator,
            via,
            corporate: n.is_company,
            // The nominator's note says what the row already says.
            notes: Vec::new(),
        });
    }
    out
}

/// The ownership entities whose owners the chart does show by role: the trusts with parties and
/// the nominees with a nominator (no longer holders whose owners are unknown).
pub fn explained(chart: &Chart) -> HashSet<usize> {
    let mut out: HashSet<usize> = trusts(chart)
        .filter_map(|(t, _)| chart.nodes[t].entity)
        .collect();
    out.extend(
        (0..chart.nodes.len())
            .filter(|&i| is_nominator(&chart.nodes[i]))
            .filter_map(|i| nominee_of(chart, i))
            .filter_map(|c| chart.nodes[c].entity),
    );
    out
}

/// What someone holds as trustee: the effective shares of the trusts whose trustee they are, in
/// percent (a PSC "as trustee of a trust" holds the trust's share).
pub fn held_as_trustee(chart: &Chart, name: &str) -> f64 {
    let name = name.trim().to_lowercase();
    trusts(chart)
        .filter(|&(t, _)| {
            chart.nodes[t].children.iter().any(|&c| {
                let p = &chart.nodes[c];
                trust_role(p) == Some(TrustRole::Trustee) && p.name.trim().to_lowercase() == name
            })
        })
        .filter_map(|(_, s)| match s {
            Stake::Percent(p) => Some(p),
            Stake::Itself | Stake::Unsolvable => None,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::OrgNode;

    fn person(name: &str, role: &str) -> OrgNode {
        OrgNode {
            name: Some(name.into()),
            role: Some(role.into()),
            nationality_id: Some("GB".into()),
            ..OrgNode::default()
        }
    }

    fn company(name: &str, id: i64, role: &str, shares: Option<f64>) -> OrgNode {
        OrgNode {
            name: Some(name.into()),
            role: Some(role.into()),
            jurisdiction_id: Some("JE".into()),
            case_common_id: Some(id),
            shares,
            ..OrgNode::default()
        }
    }

    /// Root ← 60 % Mid Ltd ← 50 % Family Trust (trustees Trustco Ltd and Ann, who is also a
    /// beneficiary; settlor Sam; protector Pip, who may remove trustees); Root's secretary is
    /// another trust, which holds nothing.
    fn nested() -> OrgNode {
        let mut ann_beneficiary = person("Ann", "Beneficiary");
        ann_beneficiary
            .extra
            .insert("natureOfControl".into(), "Discretionary beneficiary".into());
        let mut pip = person("Pip", "Protector");
        pip.extra
            .insert("natureOfControl".into(), "May remove trustees".into());
        let mut trust = company("Family Trust", 3, "Shareholder", Some(50.0));
        trust.officers = vec![
            company("Trustco Ltd", 4, "Trustee", None),
            person("Ann", "Trustee"),
        ];
        trust.others = vec![person("Sam", "Settlor"), pip, ann_beneficiary];
        let mut mid = company("Mid Ltd", 2, "Shareholder", Some(60.0));
        mid.shareholders = vec![trust, person("Max", "Shareholder")];
        mid.shareholders[1].shares = Some(50.0);
        let mut aside = company("Aside Trust", 5, "Secretary", None);
        aside.others = vec![person("Ivo", "Beneficiary")];
        let mut root = company("Root", 1, "", None);
        root.role = None;
        root.shareholders = vec![mid];
        root.officers = vec![aside];
        root
    }

    #[test]
    fn a_trust_in_the_chain_gives_its_parties_with_its_share_and_their_roles_together() {
        let chart = Chart::build(&nested());
        let rows = by_role(&chart);
        let said: Vec<(String, String)> = rows
            .iter()
            .map(|r| (r.name.clone(), r.describe()))
            .collect();
        let want = |name: &str, text: &str| (name.to_owned(), text.to_owned());
        assert_eq!(
            said,
            [
                want("Sam", "settlor of Family Trust (30.00%)"),
                want(
                    "Ann",
                    "trustee and beneficiary of Family Trust (30.00%): Discretionary beneficiary"
                ),
                want(
                    "Pip",
                    "protector of Family Trust (30.00%): May remove trustees"
                ),
                want("Trustco Ltd", "corporate trustee of Family Trust (30.00%)"),
            ],
            "the trust that holds nothing (Aside Trust) gives no owners"
        );
        assert!(rows[3].corporate && !rows[0].corporate);
        let trust = chart.nodes.iter().find(|n| n.name == "Family Trust");
        let entity = trust.and_then(|n| n.entity).expect("the trust holds");
        assert!(explained(&chart).contains(&entity));
        assert!((held_as_trustee(&chart, "trustco ltd") - 30.0).abs() < 1e-9);
        assert_eq!(held_as_trustee(&chart, "Sam"), 0.0);
    }

    #[test]
    fn a_trusts_own_chart_gives_its_parties_of_the_trust_itself() {
        let mut trust = company("Family Trust", 3, "", None);
        trust.role = None;
        trust.others = vec![person("Sam", "Settlor")];
        let rows = by_role(&Chart::build(&trust));
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].describe(), "settlor of Family Trust itself");
    }

    #[test]
    fn a_nominator_stands_behind_the_nominee_that_names_it() {
        let mut first = company("North Nominees", 2, "NomineeShareholder", Some(40.0));
        first
            .extra
            .insert("natureOfControl".into(), "Holds as nominee for Bo".into());
        let second = company("South Nominees", 3, "NomineeShareholder", Some(60.0));
        let mut eli = person("Eli", "Nominator");
        eli.extra.insert(
            "natureOfControl".into(),
            "Nominator of South Nominees for 60 % of the shares".into(),
        );
        let mut root = company("Root", 1, "", None);
        root.role = None;
        root.shareholders = vec![first, second];
        root.others = vec![
            person("Bo", "Nominator"),
            eli,
            person("Cy", "UltimateBeneficialOwner"),
        ];
        let chart = Chart::build(&root);
        let said: Vec<String> = by_role(&chart)
            .iter()
            .map(|r| format!("{} · {}", r.name, r.describe()))
            .collect();
        assert_eq!(
            said,
            [
                "Bo · nominator of North Nominees (40.00%)",
                "Eli · nominator of South Nominees (60.00%)",
            ]
        );
        assert_eq!(explained(&chart).len(), 2);
        // With two nominees and no word of which, the nominator's nominee is not guessed.
        root.shareholders[0].extra.clear();
        root.others.truncate(1);
        let rows = by_role(&Chart::build(&root));
        assert_eq!(
            rows[0].describe(),
            "nominator of a nominee the chart does not show"
        );
    }
}
