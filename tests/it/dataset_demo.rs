//! The demo dataset meets every requirement the console's panes and the emulator's tests rely on.

use crate::support::dataset_checks as checks;

use chrono::NaiveDate;
use kyc_console::api::{CaseKind, StepStatus, document_id_from_link};
use kyc_console::emulator::dataset::demo;
use kyc_console::emulator::store::{CaseRecord, HoldingGroup, Party, Store};
use std::collections::{BTreeSet, HashMap, HashSet};

fn companies(s: &Store) -> impl Iterator<Item = (&i64, &CaseRecord)> {
    s.cases
        .iter()
        .filter(|(_, r)| r.kind == Some(CaseKind::Company))
}

fn corporate_holders(s: &Store, id: i64) -> Vec<i64> {
    s.cases[&id]
        .holders
        .iter()
        .filter(|h| h.group == HoldingGroup::Shareholders)
        .flat_map(|h| &h.parties)
        .filter_map(|p| match p {
            Party::Case(c) if s.cases[c].kind == Some(CaseKind::Company) => Some(*c),
            _ => None,
        })
        .collect()
}

#[test]
fn integrity() {
    let s = demo();
    checks::check(&s);
    let steps = checks::step_ids(&s).len();
    assert!(steps > 300, "{steps} steps");
}

#[test]
fn deterministic() {
    let (a, b) = (demo(), demo());
    assert_eq!(format!("{:?}", a.cases), format!("{:?}", b.cases));
    assert_eq!(a.next_id, b.next_id);
    let keys = |s: &Store| s.blobs.keys().cloned().collect::<BTreeSet<_>>();
    assert_eq!(keys(&a), keys(&b));
    for (k, v) in &a.blobs {
        assert_eq!(v.bytes, b.blobs[k].bytes);
    }
}

#[test]
fn counts_and_jurisdictions() {
    let s = demo();
    assert!(companies(&s).count() >= 30);
    let people = s
        .cases
        .values()
        .filter(|r| r.kind == Some(CaseKind::Individual))
        .count();
    assert!(people >= 20);
    let jurs: HashSet<_> = companies(&s)
        .filter_map(|(_, r)| r.detail.company.as_ref()?.country_code.clone())
        .collect();
    assert!(jurs.len() >= 8, "{jurs:?}");
    assert!(s.jurisdictions.len() >= 12);
    assert!(s.jurisdictions.iter().any(|j| j.isautomated));
    assert!(s.jurisdictions.iter().any(|j| !j.isautomated));
    for j in &s.jurisdictions {
        assert!(j.area.is_some() && !j.data_sources.is_empty());
        assert!(
            s.company_types
                .iter()
                .any(|t| t.codeiso31662 == j.codeiso31662)
        );
    }
    for id in s.cases.keys() {
        assert!((1_000_003_000..1_000_004_000).contains(id));
    }
}

#[test]
fn registry() {
    let s = demo();
    // Every company but a trust, which is on no registry.
    let registered = companies(&s).filter(|(_, r)| {
        r.detail
            .company
            .as_ref()
            .and_then(|c| c.company_type.as_deref())
            .is_none_or(|t| !t.contains("Trust"))
    });
    for (id, r) in registered {
        let name = r
            .detail
            .company
            .as_ref()
            .and_then(|c| c.entity_name.clone());
        assert!(
            s.registry
                .iter()
                .any(|e| e.result.case_common_id == Some(*id) && e.result.name == name),
            "case {id} not in the registry"
        );
    }
    assert!(s.registry.iter().any(|e| e.result.case_common_id.is_none()));
    let mut holdings: HashMap<String, usize> = HashMap::new();
    for e in &s.registry {
        if e.result
            .name
            .as_deref()
            .unwrap_or_default()
            .to_lowercase()
            .contains("holdings")
        {
            *holdings
                .entry(e.result.country_code.clone().unwrap_or_default())
                .or_default() += 1;
        }
    }
    assert!(holdings.values().any(|n| *n > 200), "{holdings:?}");
}

#[test]
fn ownership_shapes() {
    let s = demo();
    // Depth: the longest simple chain of corporate shareholders.
    fn depth(s: &Store, id: i64, path: &mut Vec<i64>) -> usize {
        path.push(id);
        let mut d = 0;
        for h in corporate_holders(s, id) {
            if !path.contains(&h) {
                d = d.max(depth(s, h, path));
            }
        }
        path.pop();
        d + 1
    }
    let max = companies(&s)
        .map(|(id, _)| depth(&s, *id, &mut Vec::new()))
        .max();
    assert!(max >= Some(4), "depth {max:?}");

    // A cycle: some company reaches itself through corporate shareholders.
    let cycle = companies(&s).any(|(id, _)| {
        let mut stack = corporate_holders(&s, *id);
        let mut seen = HashSet::new();
        while let Some(h) = stack.pop() {
            if h == *id {
                return true;
            }
            if seen.insert(h) {
                stack.extend(corporate_holders(&s, h));
            }
        }
        false
    });
    assert!(cycle);

    // A diamond: one person holds two companies that both hold a third.
    let diamond = companies(&s).any(|(id, _)| {
        let parents = corporate_holders(&s, *id);
        let mut owners: HashMap<i64, usize> = HashMap::new();
        for p in parents {
            for h in &s.cases[&p].holders {
                for party in &h.parties {
                    if let Party::Case(c) = party {
                        if s.cases[c].kind == Some(CaseKind::Individual) {
                            *owners.entry(*c).or_default() += 1;
                        }
                    }
                }
            }
        }
        owners.values().any(|n| *n >= 2)
    });
    assert!(diamond);

    let holdings: Vec<_> = s.cases.values().flat_map(|r| &r.holders).collect();
    assert!(
        holdings.iter().any(|h| h.parties.len() > 1),
        "no joint holding"
    );
    for role in [
        "Director",
        "Secretary",
        "PersonWithSignificantControl",
        "UltimateBeneficialOwner",
    ] {
        assert!(holdings.iter().any(|h| h.role == role), "no {role}");
    }
    assert!(holdings.iter().any(|h| h.is_general_partner));
    let mut minority = 0;
    for r in s.cases.values() {
        for h in &r.holders {
            if h.group == HoldingGroup::Shareholders && h.shares.is_some_and(|p| p < 25.0) {
                minority += 1;
                let step = r
                    .steps
                    .iter()
                    .flat_map(|g| &g.steps)
                    .find(|st| Some(st.case_step_id) == h.case_step_id);
                assert!(step.is_some_and(|st| st.is_deactivated));
            }
        }
    }
    assert!(minority >= 2);
    // Officer/shareholder steps of parties with a case point at it.
    assert!(
        s.cases
            .values()
            .flat_map(|r| r.steps.iter().flat_map(|g| &g.steps))
            .any(|st| {
                st.step_type.as_deref() == Some("Officer") && st.linked_case_common_id.is_some()
            })
    );
}

#[test]
fn aml_matches() {
    let s = demo();
    let matches: Vec<_> = s
        .cases
        .values()
        .flat_map(|r| r.aml.all().map(|(_, m)| m.clone()))
        .collect();
    let cats: HashSet<_> = matches.iter().filter_map(|m| m.category.clone()).collect();
    for c in ["PEP", "Sanctions", "AdverseMedia", "Enforcement", "SOE"] {
        assert!(cats.contains(c), "no {c}");
    }
    let strengths: HashSet<_> = matches
        .iter()
        .filter_map(|m| m.match_strength.clone())
        .collect();
    for c in ["Exact", "Strong", "Medium", "Weak"] {
        assert!(strengths.contains(c), "no {c}");
    }
    let lists: HashSet<_> = matches
        .iter()
        .flat_map(|m| m.sanction_lists.clone())
        .collect();
    for l in ["OFAC SDN", "EU Consolidated", "UK HMT/OFSI"] {
        assert!(lists.contains(l), "no {l}");
    }
    assert!(lists.iter().any(|l| l.starts_with("UN ")));
    for m in &matches {
        assert!(m.biography.as_deref().is_some_and(|b| b.len() > 30));
        assert!(!m.sources.is_empty());
        for src in &m.sources {
            assert!(src.url.as_deref().is_some_and(|u| u.starts_with("http")));
        }
        assert!(m.match_score.is_some_and(|x| (0.0..=100.0).contains(&x)));
        if m.is_excluded {
            assert!(m.excluded_reason.is_some());
        }
    }
    assert!(matches.iter().any(|m| m.is_excluded));
    assert!(matches.iter().any(|m| m.pep_tier.is_some()
        && !m.aliases.is_empty()
        && m.date_of_birth.is_some()
        && m.gender.is_some()
        && m.nationality.is_some()));
    assert!(
        matches
            .iter()
            .any(|m| m.name.as_deref().is_some_and(|n| n.contains('\u{200b}')))
    );
    // Both providers, and details carry the match.
    assert!(s.cases.values().any(|r| !r.aml.world_checks.is_empty()));
    assert!(
        s.cases
            .values()
            .any(|r| !r.aml.lexis_nexis_checks.is_empty())
    );
    for r in s.cases.values() {
        for (_, m) in r.aml.all() {
            let d = &r.step_details[&m.case_step_id];
            assert_eq!(d.aml_match.as_ref(), Some(m));
        }
    }
}

#[test]
fn case_states() {
    let s = demo();
    let commons: Vec<_> = s.cases.values().map(|r| &r.detail.common).collect();
    assert!(
        commons
            .iter()
            .filter(|c| matches!(c.status_id, Some(50..=57)))
            .count()
            >= 4
    );
    assert!(
        commons
            .iter()
            .any(|c| c.status_id == Some(3) && !c.is_closed())
    );
    assert!(commons.iter().any(|c| c.status_id == Some(8)));
    assert!(
        commons
            .iter()
            .any(|c| c.is_closed() && c.case_decision.as_deref() == Some("Accepted"))
    );
    assert!(
        commons
            .iter()
            .any(|c| c.is_closed() && c.case_decision.as_deref() == Some("Denied"))
    );
    assert!(
        commons
            .iter()
            .any(|c| c.case_processing_type.as_deref() == Some("AmlOnly"))
    );
    for risk in ["Low", "Medium", "High"] {
        assert!(
            commons
                .iter()
                .any(|c| c.risk_rating.as_deref() == Some(risk))
        );
    }
    assert!(commons.iter().any(|c| c.assigned_user_name.is_some()));
    assert!(
        s.cases
            .values()
            .any(|r| r.detail.case_review_date.is_some())
    );
    for r in s.cases.values() {
        let c = &r.detail.common;
        let d = &r.detail;
        assert!(
            c.case_customer_id
                .as_deref()
                .is_some_and(|x| x.starts_with("KYC-2026-"))
        );
        assert!(c.type_string.is_some() && c.country_name.is_some() && c.status_name.is_some());
        // `allUbosIdentified` is not stored: it is derived from the ownership graph on read.
        assert!(d.case_address.is_some() && d.case_aml_summary.is_some());
        assert!(!d.step_data_source.is_empty());
        assert_eq!(c.is_closed(), c.case_decision.is_some());
        match r.kind {
            Some(CaseKind::Company) => assert!(d.company.is_some() && d.individual.is_none()),
            _ => assert!(d.individual.is_some() && d.company.is_none()),
        }
    }
}

#[test]
fn alerts_cover_every_kind() {
    let s = demo();
    let mut kinds = HashSet::new();
    let mut changes = HashSet::new();
    let (mut open, mut closed, mut root, mut sub, mut company, mut person) =
        (false, false, false, false, false, false);
    for r in s.cases.values() {
        if r.alerts.is_empty() {
            continue;
        }
        if r.detail.common.is_closed() {
            closed = true
        } else {
            open = true
        }
        if r.parent_case.is_some() {
            sub = true
        } else {
            root = true
        }
        if r.kind == Some(CaseKind::Company) {
            company = true
        } else {
            person = true
        }
        for a in &r.alerts {
            kinds.insert(a.alert_type.clone().unwrap_or_default());
            for c in &a.changes {
                let k = if c.property.is_some() {
                    "property"
                } else if c.officer.is_some() {
                    "officer"
                } else if c.shareholder.is_some() {
                    "shareholder"
                } else if c.person_with_significant_control.is_some() {
                    "psc"
                } else if c.new_document.is_some() {
                    "new"
                } else if c.updated_document.is_some() {
                    "updated"
                } else if c.removed_document.is_some() {
                    "removed"
                } else if let Some(a) = &c.aml_alert {
                    if a.is_new { "aml-new" } else { "aml-updated" }
                } else if let Some(e) = &c.expiration_alert {
                    if e.explanation
                        .as_deref()
                        .is_some_and(|x| x.contains("Expired"))
                    {
                        "expired"
                    } else {
                        "expiring"
                    }
                } else {
                    "none"
                };
                changes.insert(k);
                if let Some(p) = &c.property {
                    assert!(p.old_value.is_some() && p.new_value.is_some());
                }
            }
        }
    }
    for k in [
        "CaseDetailsReview",
        "ExpiredDocuments",
        "ManualReview",
        "Aml",
    ] {
        assert!(kinds.contains(k), "no {k} alert");
    }
    for k in [
        "property",
        "officer",
        "shareholder",
        "psc",
        "new",
        "updated",
        "removed",
        "aml-new",
        "aml-updated",
        "expired",
        "expiring",
    ] {
        assert!(changes.contains(k), "no {k} change");
    }
    assert!(open && closed && root && sub && company && person);
}

#[test]
fn people_notes_users_audit() {
    let s = demo();
    assert!(s.users.len() >= 8);
    assert!(s.users.iter().any(|u| !u.is_active));
    let notes: Vec<_> = s
        .cases
        .values()
        .flat_map(|r| r.notes.values().flatten())
        .collect();
    assert!(notes.len() >= 10);
    assert!(notes.iter().all(|n| {
        n.created_by.is_some()
            && n.created_on
                .as_deref()
                .is_some_and(|t| t.starts_with("2026-"))
    }));
    for (id, r) in &s.cases {
        assert!(!r.audit.is_empty(), "case {id} has no audit");
        let times: Vec<_> = r
            .audit
            .iter()
            .filter_map(|a| a.time_stamp.clone())
            .collect();
        let mut sorted = times.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(times, sorted, "case {id}: audit not newest first");
    }
    let names: Vec<String> = s.cases.values().map(|r| r.detail.name()).collect();
    let has = |f: fn(char) -> bool| names.iter().any(|n| n.chars().any(f));
    assert!(
        has(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "no Chinese"
    );
    assert!(has(|c| ('\u{0600}'..='\u{06ff}').contains(&c)), "no Arabic");
    assert!(
        has(|c| ('\u{0400}'..='\u{04ff}').contains(&c)),
        "no Cyrillic"
    );
    assert!(
        has(|c| ('\u{00c0}'..='\u{017f}').contains(&c)),
        "no accented Latin"
    );
    assert!(names.iter().any(|n| n == "Müller & Söhne GmbH"));
}

#[test]
fn steps_and_documents() {
    let s = demo();
    let mut statuses = HashSet::new();
    let mut groups = HashSet::new();
    for (id, r) in &s.cases {
        for g in &r.steps {
            groups.insert(g.group.clone().unwrap_or_default());
            for st in &g.steps {
                statuses.insert(st.status.clone());
                let d = r
                    .step_details
                    .get(&st.case_step_id)
                    .unwrap_or_else(|| panic!("case {id}: no details for {}", st.case_step_id));
                assert_eq!(d.step_type, st.step_type);
                match st.step_type.as_deref() {
                    Some("Identity" | "Address" | "Officer" | "Shareholder" | "Ubo") => {
                        assert!(!d.fields.is_empty())
                    }
                    Some("Document") => {
                        assert!(!d.documents.is_empty());
                        for doc in d.documents.iter().filter(|x| x.document_available) {
                            let link = doc.link.as_deref().unwrap_or_default();
                            assert!(
                                s.blobs
                                    .contains_key(&document_id_from_link(link).unwrap_or_default())
                            );
                            assert_eq!(
                                doc.case_document_id.map(|x| x.to_string()),
                                document_id_from_link(link)
                            );
                        }
                    }
                    Some("Aml") => assert!(d.aml_match.is_some()),
                    Some("LinkedCase") => assert!(d.linked_case.is_some()),
                    other => panic!("unexpected step type {other:?}"),
                }
            }
        }
        if r.kind == Some(CaseKind::Company) {
            assert!(!r.mandatory_company.is_empty());
        } else {
            assert_eq!(r.mandatory_individual, ["photoid", "selfie", "poa"]);
        }
    }
    for g in [
        "Identity",
        "Documents",
        "AML screening",
        "Officers",
        "Shareholders",
        "Beneficial owners",
        "Linked cases",
    ] {
        assert!(groups.contains(g), "no group {g}");
    }
    for st in [
        StepStatus::NotReviewed,
        StepStatus::SystemUpdated,
        StepStatus::Passed,
        StepStatus::Failed,
    ] {
        assert!(statuses.contains(&st), "no {st} step");
    }
    let doc_groups: HashSet<_> = s
        .cases
        .values()
        .flat_map(|r| r.documents.documents.keys().cloned())
        .collect();
    for g in [
        "Company Identity Documents",
        "Ownership Documents",
        "Proof of Identity",
        "Proof of Address",
    ] {
        assert!(doc_groups.contains(g), "no document group {g}");
    }
    assert!(s.cases.values().any(|r| {
        r.steps
            .iter()
            .flat_map(|g| &g.steps)
            .any(|st| st.step_type.as_deref() == Some("Document"))
            && r.step_details
                .values()
                .any(|d| d.documents.iter().any(|x| !x.document_available))
    }));
    for r in s.cases.values() {
        for d in r.documents.documents.values().flatten() {
            assert!(
                d.link
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/v2/Documents/")),
                "{:?}",
                d.link
            );
        }
    }
}

// Issue 17, item 6: a demo as rich as production.

/// The demo's present: its latest cases were opened at the start of December 2026.
fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date")
}

fn by_name<'s>(s: &'s Store, name: &str) -> (i64, &'s CaseRecord) {
    s.cases
        .iter()
        .find(|(_, r)| r.detail.name() == name)
        .map(|(id, r)| (*id, r))
        .unwrap_or_else(|| panic!("no case {name:?}"))
}

fn roles<'s>(r: &'s CaseRecord, role: &str) -> Vec<&'s kyc_console::emulator::store::Holding> {
    r.holders.iter().filter(|h| h.role == role).collect()
}

#[test]
fn a_trust_with_settlor_trustees_protector_and_beneficiaries() {
    let s = demo();
    let (trust_id, trust) = by_name(&s, "The Harrowgate Family Trust");
    let company = trust.detail.company.as_ref().expect("an entity case");
    assert_eq!(company.company_type.as_deref(), Some("Discretionary Trust"));
    let trustees = roles(trust, "Trustee");
    assert_eq!(trustees.len(), 2);
    assert!(trustees.iter().all(|h| h.group == HoldingGroup::Officers));
    assert!(
        trustees
            .iter()
            .any(|h| matches!(h.parties[..], [Party::Company(_)])),
        "a professional trustee company"
    );
    let settlor = roles(trust, "Settlor");
    assert!(matches!(settlor[..], [h] if matches!(h.parties[..], [Party::Case(_)])));
    assert_eq!(roles(trust, "Protector").len(), 1);
    assert_eq!(roles(trust, "Beneficiary").len(), 2);
    for role in ["Settlor", "Protector", "Beneficiary"] {
        assert!(
            roles(trust, role)
                .iter()
                .all(|h| h.group == HoldingGroup::Others)
        );
    }
    // Settled by deed, not incorporated; on no company registry; its own documents.
    assert!(
        trust
            .properties
            .iter()
            .any(|p| p.data_type.as_deref() == Some("Date of settlement"))
    );
    assert!(
        !s.registry
            .iter()
            .any(|e| e.result.case_common_id == Some(trust_id))
    );
    let mandatory: Vec<_> = trust
        .mandatory_company
        .iter()
        .filter_map(|m| m.mandatory_document.as_deref())
        .collect();
    assert_eq!(mandatory, ["Trust Deed", "Trustee's Certificate"]);
    let deed = trust.documents.documents["Trust Documents"]
        .iter()
        .find(|d| d.category.as_deref() == Some("Articles"))
        .expect("the trust deed");
    assert_eq!(deed.issue_date.as_deref(), Some("2012-03-19"));
    // The trust owns a company, which the org chart draws above it.
    let (_, holdings) = by_name(&s, "Harrowgate Holdings Limited");
    assert!(
        holdings
            .holders
            .iter()
            .any(|h| h.group == HoldingGroup::Shareholders
                && h.shares == Some(100.0)
                && h.parties == [Party::Case(trust_id)])
    );
}

#[test]
fn a_nominee_shareholder_and_its_nominator() {
    let s = demo();
    let (_, seaward) = by_name(&s, "Seaward Maritime Holdings Ltd");
    let nominee = roles(seaward, "NomineeShareholder");
    let [nominee] = nominee[..] else {
        panic!("one nominee shareholder");
    };
    assert_eq!(nominee.group, HoldingGroup::Shareholders);
    assert_eq!(nominee.shares, Some(100.0));
    assert!(
        matches!(&nominee.parties[..], [Party::Company(i)] if i.name == "Road Town Nominees Limited")
    );
    let nominator = roles(seaward, "Nominator");
    let [nominator] = nominator[..] else {
        panic!("one nominator");
    };
    let [Party::Case(person)] = nominator.parties[..] else {
        panic!("the nominator has a case");
    };
    assert_eq!(s.cases[&person].detail.name(), "Elena Marković");
    // The nominee's step says for whom it holds.
    let step = nominee.case_step_id.expect("a step");
    let says = seaward.step_details[&step]
        .fields
        .iter()
        .filter_map(|f| f.value.as_deref())
        .any(|v| v.contains("nominee for Elena Marković"));
    assert!(says);
}

#[test]
fn two_high_risk_jurisdictions_with_matching_screening() {
    let s = demo();
    // Iran: a national with a sanctions match naming the country.
    let (_, tehrani) = by_name(&s, "Reza Tehrani");
    let person = tehrani.detail.individual.as_ref().expect("a person");
    assert_eq!(person.nationality.as_deref(), Some("IR"));
    assert_eq!(tehrani.detail.common.risk_rating.as_deref(), Some("High"));
    assert!(tehrani.aml.all().any(|(_, m)| {
        m.category.as_deref() == Some("Sanctions") && m.country.as_deref() == Some("IR")
    }));
    // Myanmar: a corporate shareholder, screened, on a company the Iranian national also holds.
    let (_, gulf) = by_name(&s, "Gulf Star General Trading LLC");
    assert!(gulf.holders.iter().any(|h| h.parties.iter().any(
        |p| matches!(p, Party::Company(i) if i.country_code.as_deref() == Some("MM") && i.is_unresolved_aml)
    )));
    assert!(
        gulf.aml
            .all()
            .any(|(_, m)| m.country.as_deref() == Some("MM"))
    );
    assert!(gulf.detail.is_case_aml_positive == Some(true));
    assert!(gulf.properties.iter().any(|p| {
        p.data_type
            .as_deref()
            .is_some_and(|t| t.contains("High-risk"))
    }));
}

/// When the case was opened: its audit trail's first entry.
fn opened(r: &CaseRecord) -> NaiveDate {
    let created = r
        .audit
        .iter()
        .find(|a| a.action.as_deref() == Some("Case created"))
        .and_then(|a| a.time_stamp.as_deref())
        .expect("a creation entry");
    NaiveDate::parse_from_str(&created[..10], "%Y-%m-%d").expect("a date")
}

fn ymd(d: &Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(d.as_deref()?, "%Y-%m-%d").ok()
}

#[test]
fn document_dates_make_sense() {
    let s = demo();
    let (mut expired, mut expiring) = (0, 0);
    for (id, r) in &s.cases {
        let opened = opened(r);
        let incorporated = r
            .properties
            .iter()
            .find(|p| p.data_type.as_deref() == Some("Incorporation Date"))
            .and_then(|p| ymd(&p.data));
        for d in r.documents.documents.values().flatten() {
            let name = d.name.clone().unwrap_or_default();
            let issued = ymd(&d.issue_date).unwrap_or_else(|| panic!("{id} {name}: no issue date"));
            assert!(
                issued <= opened,
                "{id} {name}: issued {issued} after the case opened {opened}"
            );
            if let Some(expires) = ymd(&d.expiry_date) {
                assert!(expires > issued, "{id} {name}");
                if expires < demo_today() {
                    expired += 1;
                } else if expires <= demo_today() + chrono::Days::new(30) {
                    expiring += 1;
                }
            }
            if name.starts_with("Certificate of Incorporation") {
                assert_eq!(Some(issued), incorporated, "{id} {name}");
            }
            if d.category.as_deref() == Some("photoid") {
                let expires = ymd(&d.expiry_date).expect("a passport expires");
                assert_eq!(
                    issued.checked_add_months(chrono::Months::new(120)),
                    Some(expires + chrono::Days::new(1)),
                    "{id}: a passport is valid ten years"
                );
            }
        }
    }
    assert!(
        expired >= 2 && expiring >= 1,
        "{expired} expired, {expiring} expiring"
    );
    // The 2012 company's certificate reads 2012.
    let (_, northbridge) = by_name(&s, "Northbridge Capital Holdings Limited");
    let cert = northbridge
        .documents
        .documents
        .values()
        .flatten()
        .find(|d| d.category.as_deref() == Some("Certificate"))
        .expect("a certificate");
    assert_eq!(cert.issue_date.as_deref(), Some("2012-06-14"));
    assert!(cert.expiry_date.is_none());
}

/// The body of every text operator of a PDF made by the emulator's writer.
fn pdf_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .filter(|l| l.ends_with(") '") || l.ends_with(") Tj ET"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_demo_pdf_prints_question_marks_for_letters() {
    let s = demo();
    let mut transliterated = 0;
    // Documents are stored; reports are made from the case when asked for.
    let report =
        |r: &CaseRecord| kyc_console::emulator::pdf::case_report(&r.detail, &r.steps, &r.aml);
    let reports = s.cases.iter().map(|(id, r)| {
        (
            format!("report of {id}"),
            "report.pdf".to_owned(),
            report(r),
        )
    });
    let blobs = s
        .blobs
        .iter()
        .map(|(id, b)| (id.clone(), b.file_name.clone(), b.bytes.clone()));
    for (id, file_name, bytes) in blobs.chain(reports) {
        let text = pdf_text(&bytes);
        // A `?` only in a URL's query, as the source has it.
        for word in text.split_whitespace().filter(|w| w.contains('?')) {
            assert!(
                word.contains("://") && word.contains('='),
                "{id} ({file_name}): {word:?} in\n{text}"
            );
        }
        if text.contains("[transliterated]") {
            transliterated += 1;
        }
    }
    assert!(transliterated >= 10, "{transliterated} PDFs transliterate");
    // Chinese in pinyin, Arabic in Latin letters, marked as such.
    let (id, _) = by_name(&s, "龍騰貿易有限公司");
    let text = pdf_text(&report(&s.cases[&id]));
    assert!(
        text.contains("Long Teng Mao Yi You Xian Gong Si [transliterated]"),
        "{text}"
    );
}

#[test]
fn every_seeded_decision_has_its_audit_entry() {
    let s = demo();
    let has = |r: &CaseRecord, action: &str, step: Option<&str>, details: &str| {
        r.audit.iter().any(|a| {
            a.action.as_deref() == Some(action)
                && (step.is_none() || a.step_name.as_deref() == step)
                && a.details.as_deref() == Some(details)
        })
    };
    let mut exclusions = 0;
    for (id, r) in &s.cases {
        for (_, m) in r.aml.all().filter(|(_, m)| m.is_excluded) {
            exclusions += 1;
            let step = r.step_details[&m.case_step_id].name.as_deref();
            let reason = m.excluded_reason.as_deref().expect("a reason");
            assert!(
                has(r, "AML match excluded", step, reason),
                "case {id}: {reason}"
            );
        }
        if let Some(date) = r.detail.common.scheduled_review_date.as_deref() {
            assert!(
                has(r, "Review date set", None, date),
                "case {id}: review {date}"
            );
        }
        if let Some(decision) = r.detail.common.case_decision.as_deref() {
            let said = format!("Closed, decision {decision}");
            assert!(has(r, "Case status changed", None, &said), "case {id}");
        }
        for n in r.notes.values().flatten() {
            let text = n.note.as_deref().unwrap_or_default();
            assert!(has(r, "Note added", None, text), "case {id}: note");
        }
    }
    assert!(exclusions >= 3, "{exclusions} exclusions");
}

#[tokio::test]
async fn seeded_document_links_are_served_by_the_emulator() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let running = crate::common::emulator_with(crate::common::demo_config()).await;
    let base = running.base_url();
    let http = reqwest::Client::new();
    let token: serde_json::Value = http
        .post(format!("{base}/connect/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "demo"),
            ("client_secret", "demo"),
        ])
        .send()
        .await
        .expect("token answer")
        .json()
        .await
        .expect("token json");
    let token = token["access_token"].as_str().expect("a token").to_owned();
    let s = demo();
    let (id, r) = by_name(&s, "Northbridge Capital Holdings Limited");
    for d in r.documents.documents.values().flatten() {
        let link = d.link.as_deref().expect("a link");
        let answer = http
            .get(format!("{base}{link}"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), reqwest::StatusCode::OK, "{link}");
        let bytes = answer.bytes().await.expect("bytes");
        let doc = document_id_from_link(link).expect("an id");
        assert_eq!(bytes, s.blobs[&doc].bytes, "{link}");
    }
    // Step details name the document as the contract spells it.
    let step = r
        .steps
        .iter()
        .flat_map(|g| &g.steps)
        .find(|st| st.step_type.as_deref() == Some("Document"))
        .expect("a document step")
        .case_step_id;
    let details: serde_json::Value = http
        .get(format!("{base}/v2/CaseSteps/{id}/details/{step}"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("json");
    let doc = &details["documents"][0];
    assert!(
        doc["caseDocumentId"].is_number() || doc["caseDocumentId"].is_string(),
        "{details}"
    );
    assert!(doc.get("caseDocumentID").is_none(), "{details}");
}
