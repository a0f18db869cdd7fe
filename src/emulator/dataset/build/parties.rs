//! The "Officers", "Shareholders", "Beneficial owners" and "Linked cases" groups, and the
//! ownership edges the org chart is drawn from.

use super::CaseBuilder;
use super::steps::{details_of, field};
use crate::api::{CaseKind, Id, LinkedCase, StepStatus};
use crate::emulator::dataset::seed::HoldingSeed;
use crate::emulator::store::{Holding, HoldingGroup, Party};

/// What a step says about a party: name, "Individual"/"Company", country, own case.
struct Facts {
    name: String,
    kind: &'static str,
    country: Option<String>,
    case: Option<Id>,
}

/// Shareholdings below this are screened only (their steps start deactivated).
const KYC_THRESHOLD: f64 = 25.0;

impl CaseBuilder<'_, '_> {
    fn facts(&self, p: &Party) -> Facts {
        match p {
            Party::Case(id) => match self.ctx.names.get(id) {
                Some(n) => Facts {
                    name: n.name.clone(),
                    kind: match n.kind {
                        CaseKind::Company => "Company",
                        CaseKind::Individual => "Individual",
                    },
                    country: Some(n.country.clone()),
                    case: Some(*id),
                },
                None => Facts {
                    name: format!("Case {id}"),
                    kind: "Company",
                    country: None,
                    case: Some(*id),
                },
            },
            Party::Person(i) => Facts {
                name: i.name.clone(),
                kind: "Individual",
                country: i.nationality.clone().or_else(|| i.country_code.clone()),
                case: None,
            },
            Party::Company(i) => Facts {
                name: i.name.clone(),
                kind: "Company",
                country: i.country_code.clone(),
                case: None,
            },
        }
    }

    /// One step per holding, then one linked-case step per party that has a case.
    pub(super) fn parties(&mut self) -> Vec<Holding> {
        let seeds = std::mem::take(&mut self.seed.holders);
        let mut holders = Vec::with_capacity(seeds.len());
        let mut linked: Vec<(Id, String, Option<f64>)> = Vec::new();
        for h in &seeds {
            let (ty, group) = match h.group {
                HoldingGroup::Officers => ("Officer", "Officers"),
                HoldingGroup::Shareholders => ("Shareholder", "Shareholders"),
                HoldingGroup::Others => ("Ubo", "Beneficial owners"),
            };
            let facts: Vec<Facts> = h.parties.iter().map(|p| self.facts(p)).collect();
            let names = facts
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>()
                .join(" & ");
            let deactivated = h.group == HoldingGroup::Shareholders
                && h.shares.is_some_and(|s| s < KYC_THRESHOLD);
            let status = if deactivated {
                StepStatus::NotReviewed
            } else {
                self.next_status(false)
            };
            let mut step = self.step(names.clone(), ty, status);
            step.is_deactivated = deactivated;
            step.linked_case_common_id = match facts.as_slice() {
                [only] => only.case,
                _ => None,
            };
            let details = (!self.lean).then(|| holding_details(&step, h, &facts, names));
            for id in facts.iter().filter_map(|f| f.case) {
                if !linked.iter().any(|(l, _, _)| *l == id) {
                    linked.push((id, h.role.clone(), h.shares));
                }
            }
            holders.push(Holding {
                role: h.role.clone(),
                parties: h.parties.clone(),
                shares: h.shares,
                effective_percentage: None,
                is_general_partner: h.is_general_partner,
                case_step_id: Some(step.case_step_id),
                group: h.group,
            });
            self.steps.add(group, step, details, ty);
        }
        for (id, relation, percentage) in linked {
            self.linked_case_step(id, relation, percentage);
        }
        holders
    }

    fn linked_case_step(&mut self, id: Id, relation: String, percentage: Option<f64>) {
        let target = self.ctx.names.get(&id);
        let name = target.map_or_else(|| format!("Case {id}"), |t| t.name.clone());
        let kind = match target.map(|t| t.kind) {
            Some(CaseKind::Individual) => "Individual",
            _ => "Company",
        };
        let mut properties = serde_json::Map::new();
        if let Some(t) = target {
            properties.insert("Country".to_owned(), t.country.clone().into());
        }
        let status = self.next_status(false);
        let mut step = self.step(name.clone(), "LinkedCase", status);
        step.linked_case_common_id = Some(id);
        let details = (!self.lean).then(|| {
            let mut d = details_of(&step);
            d.linked_case = Some(LinkedCase {
                case_common_id: Some(id),
                name: Some(name),
                case_type: Some(kind.to_owned()),
                relation: Some(relation),
                percentage,
                properties,
                extra: Default::default(),
            });
            d
        });
        self.steps.add("Linked cases", step, details, "LinkedCase");
    }
}

fn holding_details(
    step: &crate::api::Step,
    h: &HoldingSeed,
    facts: &[Facts],
    names: String,
) -> crate::api::StepDetails {
    let mut d = details_of(step);
    d.fields.push(field("Name", names));
    d.fields.push(field("Role", h.role.clone()));
    d.fields.push(field(
        "Holder type",
        facts.first().map_or("Individual", |f| f.kind),
    ));
    if let Some(c) = facts.first().and_then(|f| f.country.clone()) {
        d.fields.push(field("Country", c));
    }
    if let Some(s) = h.shares {
        d.fields.push(field("Shares held (%)", format!("{s}")));
    }
    if facts.len() > 1 {
        d.fields
            .push(field("Joint holders", facts.len().to_string()));
    }
    if h.is_general_partner {
        d.fields.push(field("General partner", "Yes"));
    }
    if let Some(c) = &h.control {
        d.fields.push(field("Nature of control", c.clone()));
    }
    d
}
