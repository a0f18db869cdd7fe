//! Integrity checks every dataset must pass: ids unique, references resolvable, AML flags
//! consistent. Shared by the demo and synthetic dataset tests.

use kyc_console::api::{CaseKind, Id, document_id_from_link};
use kyc_console::emulator::store::{HoldingGroup, Party, Store};
use std::collections::HashSet;

/// Every step id of the store, with its case.
pub fn step_ids(store: &Store) -> Vec<(Id, Id)> {
    store
        .cases
        .iter()
        .flat_map(|(cid, r)| {
            r.steps
                .iter()
                .flat_map(|g| &g.steps)
                .map(move |s| (*cid, s.case_step_id))
        })
        .collect()
}

/// Panics with a description of the first broken invariant.
pub fn check(store: &Store) {
    // Ids unique across the store.
    let mut seen: HashSet<Id> = HashSet::new();
    let mut add = |id: Id, what: &str| {
        assert!(seen.insert(id), "{what} id {id} used twice");
        assert!(
            id <= store.next_id,
            "{what} id {id} above next_id {}",
            store.next_id
        );
    };
    for (id, r) in &store.cases {
        add(*id, "case");
        assert_eq!(r.detail.common.case_common_id, *id);
        for s in r.steps.iter().flat_map(|g| &g.steps) {
            add(s.case_step_id, "step");
        }
        for n in r.notes.values().flatten() {
            add(n.step_note_id, "note");
        }
        for a in &r.alerts {
            add(a.alert_id, "alert");
            for c in &a.changes {
                add(c.change_id, "change");
            }
        }
        for a in &r.audit {
            add(a.audit_id, "audit");
        }
    }
    for t in &store.company_types {
        add(t.company_type_id, "company type");
    }

    for (id, r) in &store.cases {
        let kind = r.kind.unwrap_or_else(|| panic!("case {id} has no kind"));
        assert_eq!(
            kind,
            r.detail.kind(),
            "case {id}: kind and details disagree"
        );
        let steps: Vec<_> = r.steps.iter().flat_map(|g| &g.steps).collect();
        let step_set: HashSet<Id> = steps.iter().map(|s| s.case_step_id).collect();
        for g in &r.steps {
            assert_eq!(
                g.total,
                Some(g.steps.len() as i64),
                "case {id}: group total"
            );
        }
        for d in r.step_details.keys() {
            assert!(
                step_set.contains(d),
                "case {id}: details for unknown step {d}"
            );
        }
        for s in &steps {
            if let Some(l) = s.linked_case_common_id {
                assert!(
                    store.cases.contains_key(&l),
                    "case {id}: step links missing case {l}"
                );
            }
        }
        for k in r.notes.keys() {
            assert!(step_set.contains(k), "case {id}: notes on unknown step {k}");
        }
        for a in &r.alerts {
            if let Some(s) = a.case_step_id {
                assert!(
                    step_set.contains(&s),
                    "case {id}: alert on unknown step {s}"
                );
            }
            for c in &a.changes {
                let parts = [
                    c.property.is_some(),
                    c.officer.is_some(),
                    c.shareholder.is_some(),
                    c.person_with_significant_control.is_some(),
                    c.new_document.is_some(),
                    c.updated_document.is_some(),
                    c.removed_document.is_some(),
                    c.aml_alert.is_some(),
                    c.expiration_alert.is_some(),
                ];
                assert_eq!(
                    parts.iter().filter(|p| **p).count(),
                    1,
                    "case {id}: change with not exactly one part"
                );
            }
        }
        for (_, m) in r.aml.all() {
            let step = steps
                .iter()
                .find(|s| s.case_step_id == m.case_step_id)
                .unwrap_or_else(|| {
                    panic!("case {id}: AML match on missing step {}", m.case_step_id)
                });
            assert_eq!(step.step_type.as_deref(), Some("Aml"));
        }
        let positive = r.aml.all().any(|(_, m)| !m.is_excluded);
        assert_eq!(
            r.detail.is_case_aml_positive,
            Some(positive),
            "case {id}: isCaseAMLPositive"
        );
        for h in &r.holders {
            assert_eq!(
                kind,
                CaseKind::Company,
                "case {id}: an individual with holders"
            );
            let sid = h
                .case_step_id
                .unwrap_or_else(|| panic!("case {id}: holding without step"));
            let step = steps
                .iter()
                .find(|s| s.case_step_id == sid)
                .unwrap_or_else(|| panic!("case {id}: holding on missing step {sid}"));
            let want = match h.group {
                HoldingGroup::Officers => "Officer",
                HoldingGroup::Shareholders => "Shareholder",
                HoldingGroup::Others => "Ubo",
            };
            assert_eq!(
                step.step_type.as_deref(),
                Some(want),
                "case {id}: holding step type"
            );
            for p in &h.parties {
                if let Party::Case(c) = p {
                    assert!(
                        store.cases.contains_key(c),
                        "case {id}: holder case {c} missing"
                    );
                    assert!(
                        steps
                            .iter()
                            .any(|s| s.step_type.as_deref() == Some("LinkedCase")
                                && s.linked_case_common_id == Some(*c)),
                        "case {id}: no linked-case step for {c}"
                    );
                }
            }
        }
        if let Some(p) = r.parent_case {
            assert!(
                store.cases.contains_key(&p),
                "case {id}: parent {p} missing"
            );
        }
        for d in r.documents.documents.values().flatten() {
            let link = d.link.as_deref().unwrap_or_default();
            let doc = document_id_from_link(link).unwrap_or_default();
            let blob = store
                .blobs
                .get(&doc)
                .unwrap_or_else(|| panic!("case {id}: no blob for {link}"));
            assert!(blob.bytes.starts_with(b"%PDF-"));
        }
    }
}
