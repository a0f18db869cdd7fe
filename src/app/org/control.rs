//! Control without shares: a person with significant control's nature of control, read as the
//! UK PSC register words it ("ownership of shares 25 to 50 percent", "right to appoint and
//! remove directors", …), and the general partner of a partnership.
//!
//! The org chart carries the nature of control as `natureOfControl` on a PSC node (a string, or
//! a list of them), in the shape the monitoring changes use for a PSC; the client is tolerant,
//! so it is read from the node's extra fields.

use super::trust::{held_as_trustee, is_nominator, is_nominee};
use super::{Chart, Figure, Group};
use crate::api::OrgNode;

/// One nature of control.
#[derive(Debug, Clone, PartialEq)]
pub enum Nature {
    /// A band of shares held, in percent (`indirect`: through other companies).
    Shares { lo: f64, hi: f64, indirect: bool },
    /// A band of voting rights, in percent.
    Votes { lo: f64, hi: f64 },
    /// The right to appoint and remove a majority of the board.
    AppointDirectors,
    /// Significant influence or control (and anything else the register words).
    Influence(String),
}

impl Nature {
    /// Read one register phrase.
    pub fn parse(text: &str) -> Nature {
        let t = text.to_ascii_lowercase();
        let nums: Vec<f64> = t
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .filter_map(|w| w.parse().ok())
            .collect();
        // Only a figure in percent is a band: a date or an agreement's number is not.
        let in_percent = t.contains("percent") || t.contains('%');
        let band = match nums.as_slice() {
            _ if !in_percent => None,
            [lo, hi, ..] => Some((*lo, *hi)),
            [lo] if t.contains("more than") => Some((*lo, 100.0)),
            _ => None,
        };
        match band {
            Some((lo, hi)) if t.contains("shares") => Nature::Shares {
                lo,
                hi,
                indirect: t.contains("indirect"),
            },
            Some((lo, hi)) if t.contains("voting") => Nature::Votes { lo, hi },
            _ if t.contains("appoint") && t.contains("director") => Nature::AppointDirectors,
            _ => Nature::Influence(text.trim().to_owned()),
        }
    }

    /// Whether it is control beyond a holding of shares (which the ownership graph counts).
    pub fn is_control(&self) -> bool {
        match self {
            Nature::Shares { .. } => false,
            Nature::Votes { hi, .. } => *hi > 50.0,
            Nature::AppointDirectors | Nature::Influence(_) => true,
        }
    }

    /// The rule that makes its holder a beneficial owner, in words.
    pub fn rule(&self) -> String {
        match self {
            Nature::Shares { lo, hi, indirect } => format!(
                "PSC: shares {lo}–{hi}%{}",
                if *indirect { " (indirect)" } else { "" }
            ),
            Nature::Votes { lo, hi } => format!("PSC: voting rights {lo}–{hi}%"),
            Nature::AppointDirectors => "PSC: right to appoint and remove directors".to_owned(),
            Nature::Influence(t) => format!("PSC: {t}"),
        }
    }

    /// Whether a share band disagrees with an effective share computed by the console
    /// (`None` for what is no share band). The register's bands are "more than lo, up to hi".
    pub fn disagrees(&self, effective: f64) -> Option<bool> {
        match self {
            Nature::Shares { lo, hi, .. } => Some(effective + 1e-6 < *lo || effective > *hi + 1e-6),
            _ => None,
        }
    }
}

/// The natures of control a node carries (`natureOfControl`: a string or a list).
pub fn natures(node: &OrgNode) -> Vec<Nature> {
    let Some(v) = node.extra.get("natureOfControl") else {
        return Vec::new();
    };
    let texts: Vec<&str> = match v {
        serde_json::Value::String(s) => vec![s.as_str()],
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => Vec::new(),
    };
    texts
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .map(Nature::parse)
        .collect()
}

/// Whether a node controls the company it hangs under without (only) shares.
pub fn controls(node: &OrgNode) -> bool {
    node.is_general_partner || natures(node).iter().any(Nature::is_control)
}

/// Someone who is a beneficial owner by a rule other than an effective share (or besides one).
#[derive(Debug, Clone, PartialEq)]
pub struct ByControl {
    pub name: String,
    /// The rule, in words.
    pub rule: String,
    /// For a PSC share band that disagrees with the console's integrated share: that share in
    /// percent (0 when the chart shows no holding of theirs).
    pub disagrees: Option<f64>,
    /// A company: it controls, but the beneficial owners are the people behind it.
    pub corporate: bool,
}

/// The root's persons with significant control (each nature a rule), and the general partners
/// of partnerships that are the company or hold a block of it, with the owners of a corporate
/// general partner.
pub fn by_control(chart: &Chart) -> Vec<ByControl> {
    let own = &chart.ownership;
    let mut out = Vec::new();
    // A nominee's note says for whom it holds and a nominator is an owner by role
    // (`trust::by_role`): neither is control.
    let by_control = |n: &&super::ChartNode| !is_nominee(n) && !is_nominator(n);
    for n in chart
        .nodes
        .iter()
        .filter(|n| n.parent == Some(0))
        .filter(by_control)
    {
        // A PSC who holds as trustee holds the trust's share.
        let effective = n
            .entity
            .and_then(|e| own.effective[e])
            .map_or(0.0, |f| f * 100.0)
            + held_as_trustee(chart, &n.name);
        for nature in &n.natures {
            out.push(ByControl {
                name: n.name.clone(),
                rule: nature.rule(),
                disagrees: nature
                    .disagrees(effective)
                    .filter(|d| *d)
                    .map(|_| effective),
                corporate: n.is_company,
            });
        }
    }
    for (i, n) in chart.nodes.iter().enumerate() {
        if !n.general_partner {
            continue;
        }
        let Some(p) = n.parent else { continue };
        let partnership = &chart.nodes[p];
        let block = if p == 0 {
            "the company itself".to_owned()
        } else {
            match partnership.effective {
                Figure::Percent(x) if x > 0.0 => {
                    format!("{}, which holds {x:.2}%", partnership.name)
                }
                _ => continue,
            }
        };
        out.push(ByControl {
            name: n.name.clone(),
            rule: format!("general partner of {block}"),
            disagrees: None,
            corporate: n.is_company,
        });
        // A corporate general partner is controlled by its own owners.
        for &c in &n.children {
            let owner = &chart.nodes[c];
            if owner.group == Group::Shareholder
                && owner.shares.is_some_and(|s| s > 50.0)
                && !owner.is_joint
            {
                out.push(ByControl {
                    name: owner.name.clone(),
                    rule: format!(
                        "owns {:.2}% of {}, general partner of {block}",
                        owner.shares.unwrap_or(0.0),
                        chart.nodes[i].name
                    ),
                    disagrees: None,
                    corporate: owner.is_company,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn register_phrases_are_read() {
        assert_eq!(
            Nature::parse("Ownership of shares 50 to 75 percent (indirect)"),
            Nature::Shares {
                lo: 50.0,
                hi: 75.0,
                indirect: true
            }
        );
        assert_eq!(
            Nature::parse("Right to appoint and remove directors"),
            Nature::AppointDirectors
        );
        assert_eq!(
            Nature::parse("Ownership of voting rights 75 to 100 percent"),
            Nature::Votes {
                lo: 75.0,
                hi: 100.0
            }
        );
        assert!(Nature::parse("Significant influence or control").is_control());
        assert!(!Nature::parse("ownership of shares 25 to 50 percent").is_control());
    }

    #[test]
    fn numbers_that_are_not_percent_are_no_band() {
        let text = "Holds the shares as nominee for Elena (nominee agreement of 22/08/2016)";
        assert_eq!(Nature::parse(text), Nature::Influence(text.to_owned()));
        assert_eq!(
            Nature::parse("Ownership of shares 75 to 100 % as trustee of a trust"),
            Nature::Shares {
                lo: 75.0,
                hi: 100.0,
                indirect: false
            }
        );
    }

    #[test]
    fn a_band_disagrees_with_a_share_outside_it() {
        let band = Nature::parse("Ownership of shares 50 to 75 percent");
        assert_eq!(band.disagrees(42.0), Some(true));
        assert_eq!(band.disagrees(60.0), Some(false));
        assert_eq!(Nature::AppointDirectors.disagrees(10.0), None);
    }
}
