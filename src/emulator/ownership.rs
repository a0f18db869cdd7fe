//! The org chart and members, derived on request from the ownership graph (`CaseRecord::holders`)
//! so a link made through the API shows up at once. Real ownership data has cycles: a case met
//! again on the current path is drawn as a leaf, and depth is capped.

use super::db::{Db, kind_of};
use super::store::{CaseRecord, Holding, HoldingGroup, Party, PartyInfo};
use crate::api::{
    AlertType, CaseKind, Extra, Id, MemberEntry, MemberInfo, Members, OrgNode, StepStatus,
};

/// Deeper than this, holders are not expanded (a guard besides the cycle check).
const MAX_DEPTH: usize = 32;

/// The chart rooted at a case.
pub fn org_chart(db: &Db, root: Id) -> OrgNode {
    let mut path = vec![root];
    let mut node = case_node(db, root);
    if let Some(rec) = db.store.cases.get(&root) {
        add_children(db, &mut node, rec, Some(100.0), &mut path);
    }
    node
}

/// A node for a case, without children.
fn case_node(db: &Db, id: Id) -> OrgNode {
    let Some(rec) = db.store.cases.get(&id) else {
        return OrgNode {
            case_common_id: Some(id),
            ..OrgNode::default()
        };
    };
    let kind = kind_of(rec);
    OrgNode {
        name: Some(rec.name()),
        case_common_id: Some(id),
        // As in the sandbox: a company carries its jurisdiction, a person their nationality,
        // and no node says `entityType`.
        jurisdiction_id: (kind == CaseKind::Company)
            .then(|| rec.detail.company.as_ref()?.country_code.clone())
            .flatten(),
        nationality_id: (kind == CaseKind::Individual)
            .then(|| rec.detail.individual.as_ref()?.nationality.clone())
            .flatten(),
        is_unresolved_aml: rec.detail.is_case_aml_positive == Some(true),
        is_updated_aml: rec.alerts.iter().any(|a| a.kind() == Some(AlertType::Aml)),
        ..OrgNode::default()
    }
}

/// The members' `memberType` word for a kind of case.
fn entity_word(kind: CaseKind) -> &'static str {
    match kind {
        CaseKind::Company => "Company",
        CaseKind::Individual => "Individual",
    }
}

/// An unlinked party: a company carries its jurisdiction, a person their nationality (or, when
/// only a country is known, that country).
fn info_node(info: &PartyInfo, company: bool) -> OrgNode {
    OrgNode {
        name: Some(info.name.clone()),
        jurisdiction_id: info.country_code.clone().filter(|_| company),
        nationality_id: if company {
            None
        } else {
            info.nationality
                .clone()
                .or_else(|| info.country_code.clone())
        },
        is_unresolved_aml: info.is_unresolved_aml,
        is_updated_aml: info.is_updated_aml,
        ..OrgNode::default()
    }
}

/// One party's node, expanded when it is a company case not already on the path.
fn party_node(db: &Db, party: &Party, effective: Option<f64>, path: &mut Vec<Id>) -> OrgNode {
    match party {
        Party::Person(info) => info_node(info, false),
        Party::Company(info) => info_node(info, true),
        // The API cuts an ownership loop by repeating the case bare: a name and an id.
        Party::Case(id) if path.contains(id) => {
            let full = case_node(db, *id);
            OrgNode {
                name: full.name,
                case_common_id: full.case_common_id,
                ..OrgNode::default()
            }
        }
        Party::Case(id) => {
            let mut node = case_node(db, *id);
            let expand = !path.contains(id) && path.len() < MAX_DEPTH;
            if let Some(rec) = db.store.cases.get(id).filter(|_| expand) {
                path.push(*id);
                add_children(db, &mut node, rec, effective, path);
                path.pop();
            }
            node
        }
    }
}

fn add_children(
    db: &Db,
    node: &mut OrgNode,
    rec: &CaseRecord,
    effective: Option<f64>,
    path: &mut Vec<Id>,
) {
    for h in &rec.holders {
        let parties = live_parties(db, h);
        if parties.is_empty() {
            continue;
        }
        let eff = h
            .effective_percentage
            .or_else(|| Some(effective? * h.shares? / 100.0));
        let mut child = if let [only] = parties.as_slice() {
            party_node(db, only, eff, path)
        } else {
            let members: Vec<OrgNode> = parties
                .iter()
                .map(|p| party_node(db, p, eff, path))
                .collect();
            OrgNode {
                name: Some(
                    members
                        .iter()
                        .filter_map(|m| m.name.clone())
                        .collect::<Vec<_>>()
                        .join(" & "),
                ),
                joint_shareholder_members: members,
                ..OrgNode::default()
            }
        };
        child.role = Some(if parties.len() > 1 {
            "JointShareholder".into()
        } else {
            h.role.clone()
        });
        child.shares = h.shares;
        child.effective_percentage = eff;
        child.case_step_id = h.case_step_id;
        child.is_general_partner = h.is_general_partner;
        if let Some(nature) = nature_of_control(rec, h) {
            child.extra.insert("natureOfControl".into(), nature);
        }
        match h.group {
            HoldingGroup::Officers => node.officers.push(child),
            HoldingGroup::Shareholders => node.shareholders.push(child),
            HoldingGroup::Others => node.others.push(child),
        }
    }
}

/// A person with significant control's nature of control, as the register words it: from the
/// holder's step details, where the dataset keeps it; a string, or a list when several natures
/// are given (separated by `;`), in the shape monitoring changes use for a PSC.
fn nature_of_control(rec: &CaseRecord, h: &Holding) -> Option<serde_json::Value> {
    let details = rec.step_details.get(&h.case_step_id?)?;
    let text = details
        .fields
        .iter()
        .find(|f| f.label.as_deref() == Some("Nature of control"))?
        .value
        .as_deref()?;
    let natures: Vec<&str> = text
        .split(';')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    match natures.as_slice() {
        [] => None,
        [one] => Some(serde_json::Value::String((*one).to_owned())),
        many => Some(serde_json::Value::Array(
            many.iter()
                .map(|t| serde_json::Value::String((*t).to_owned()))
                .collect(),
        )),
    }
}

/// A case counts as KYCed when it was closed as accepted or every step passed.
fn is_kyced(rec: &CaseRecord) -> bool {
    let accepted = rec.detail.common.is_closed()
        && rec.detail.common.case_decision.as_deref() == Some("Accepted");
    let mut steps = rec.steps.iter().flat_map(|g| g.steps.iter()).peekable();
    accepted || (steps.peek().is_some() && steps.all(|s| s.status == StepStatus::Passed))
}

/// One holder's entry. A joint holding is one block of shares held by several parties: each
/// joint holder is given an equal part of it, so the members add up to what was issued.
fn member_entry(db: &Db, h: &Holding, party: &Party, joint: usize) -> MemberEntry {
    let part = |v: Option<f64>| v.map(|v| v / joint.max(1) as f64);
    let (member_type, kyced, aml, member) = match party {
        Party::Case(id) => match db.store.cases.get(id) {
            Some(rec) => {
                let kind = kind_of(rec);
                let addr = rec
                    .detail
                    .case_address
                    .as_ref()
                    .and_then(|a| a.address.clone());
                let member = match (&rec.detail.company, &rec.detail.individual) {
                    (Some(c), _) => MemberInfo {
                        entity_name: c.entity_name.clone(),
                        code_iso31662: c.country_code.clone(),
                        ..MemberInfo::default()
                    },
                    (None, Some(i)) => MemberInfo {
                        first_name: i.first_name.clone(),
                        last_name: i.last_name.clone(),
                        code_iso31662: i.country_code.clone(),
                        nationality: i.nationality.clone(),
                        ..MemberInfo::default()
                    },
                    (None, None) => MemberInfo::default(),
                };
                (
                    entity_word(kind),
                    is_kyced(rec),
                    rec.detail.is_case_aml_positive == Some(true),
                    MemberInfo {
                        case_common_id: Some(*id),
                        address: addr,
                        ..member
                    },
                )
            }
            None => ("Company", false, false, MemberInfo::default()),
        },
        Party::Person(info) => (
            "Individual",
            false,
            info.is_unresolved_aml,
            MemberInfo {
                name: Some(info.name.clone()),
                code_iso31662: info.country_code.clone(),
                nationality: info.nationality.clone(),
                address: info.address.clone(),
                ..MemberInfo::default()
            },
        ),
        Party::Company(info) => (
            "Company",
            false,
            info.is_unresolved_aml,
            MemberInfo {
                entity_name: Some(info.name.clone()),
                code_iso31662: info.country_code.clone(),
                address: info.address.clone(),
                ..MemberInfo::default()
            },
        ),
    };
    MemberEntry {
        role: Some(h.role.clone()),
        member_type: Some(member_type.into()),
        case_step_id: h.case_step_id,
        percentage: part(h.effective_percentage.or(h.shares)),
        shares: part(h.shares),
        is_kyced: kyced,
        is_case_aml_positive: aml,
        member,
        extra: Extra::new(),
    }
}

/// The case's direct holders in the API's four groups: UBO and PSC roles by role, the rest by
/// where the chart puts them. Deleted cases are not holders any more.
pub fn members(db: &Db, rec: &CaseRecord) -> Members {
    let mut out = Members::default();
    for h in &rec.holders {
        let list = match (h.role.as_str(), h.group) {
            ("UltimateBeneficialOwner", _) => &mut out.ultimate_beneficial_owners,
            ("PersonWithSignificantControl", _) => &mut out.persons_with_significant_control,
            (_, HoldingGroup::Shareholders) => &mut out.shareholders_and_beneficial_owners,
            (_, HoldingGroup::Officers | HoldingGroup::Others) => {
                &mut out.controlling_entities_and_individuals
            }
        };
        let parties = live_parties(db, h);
        list.extend(
            parties
                .iter()
                .map(|p| member_entry(db, h, p, parties.len())),
        );
    }
    out
}

/// A holding's parties that still exist: a deleted case drops out of every chart and list.
fn live_parties<'a>(db: &Db, h: &'a Holding) -> Vec<&'a Party> {
    h.parties
        .iter()
        .filter(|p| match p {
            Party::Case(id) => !db.store.cases.get(id).is_some_and(|r| r.deleted),
            Party::Person(_) | Party::Company(_) => true,
        })
        .collect()
}

/// How much of a company's issued shares (in percent) the ownership graph traces to named
/// natural persons: directly, jointly (every joint holder a person), or through companies whose
/// own shares are traced in turn. A company without a case of its own, or met again on the path,
/// traces nothing.
fn traced_to_persons(db: &Db, rec: &CaseRecord, path: &mut Vec<Id>) -> f64 {
    let mut traced = 0.0;
    for h in rec
        .holders
        .iter()
        .filter(|h| h.group == HoldingGroup::Shareholders)
    {
        let (Some(shares), parties) = (h.shares, live_parties(db, h)) else {
            continue;
        };
        if parties.is_empty() {
            continue;
        }
        let each = shares / parties.len() as f64;
        for p in parties {
            traced += each
                * match p {
                    Party::Person(info) if !info.name.trim().is_empty() => 1.0,
                    Party::Person(_) | Party::Company(_) => 0.0,
                    Party::Case(id) => match db.store.cases.get(id) {
                        Some(sub) if kind_of(sub) == CaseKind::Individual => 1.0,
                        Some(sub) if !path.contains(id) && path.len() < MAX_DEPTH => {
                            path.push(*id);
                            let t = traced_to_persons(db, sub, path);
                            path.pop();
                            t / 100.0
                        }
                        _ => 0.0,
                    },
                };
        }
    }
    traced.min(100.0)
}

/// `allUbosIdentified`: a person is their own owner; a company's ownership is identified when
/// the graph traces all of its shares to named persons.
pub fn all_ubos_identified(db: &Db, rec: &CaseRecord) -> bool {
    match kind_of(rec) {
        CaseKind::Individual => true,
        CaseKind::Company => {
            let mut path = vec![rec.detail.common.case_common_id];
            traced_to_persons(db, rec, &mut path) >= 99.5
        }
    }
}
