//! The synthetic dataset: deterministic per seed, the requested size, and internally consistent.

use crate::support::dataset_checks as checks;

use kyc_console::api::CaseKind;
use kyc_console::emulator::dataset::synthetic;
use kyc_console::emulator::store::{HoldingGroup, Party, Store};
use std::collections::HashSet;

fn names(s: &Store) -> Vec<(i64, String)> {
    s.cases
        .iter()
        .map(|(id, r)| (*id, r.detail.name()))
        .collect()
}

#[test]
fn same_seed_same_store() {
    let (a, b) = (synthetic(500, 7), synthetic(500, 7));
    assert_eq!(names(&a), names(&b));
    assert_eq!(checks::step_ids(&a), checks::step_ids(&b));
    assert_eq!(format!("{:?}", a.cases), format!("{:?}", b.cases));
    assert_ne!(names(&a), names(&synthetic(500, 8)));
}

#[test]
fn size_is_respected() {
    for n in [0, 1, 2, 37, 1000] {
        assert_eq!(synthetic(n, 1).cases.len(), n);
    }
}

#[test]
fn consistent() {
    let s = synthetic(2000, 42);
    checks::check(&s);
    let companies = s
        .cases
        .values()
        .filter(|r| r.kind == Some(CaseKind::Company))
        .count();
    assert!(
        (1200..=1600).contains(&companies),
        "{companies} companies of 2000"
    );
    let jurs: HashSet<_> = s
        .cases
        .values()
        .filter_map(|r| r.detail.common.country_name.clone())
        .collect();
    assert_eq!(jurs.len(), s.jurisdictions.len());
    assert!(s.cases.values().any(|r| !r.alerts.is_empty()));
    assert!(s.cases.values().any(|r| !r.notes.is_empty()));
    assert!(s.cases.values().any(|r| r.aml.all().next().is_some()));
}

#[test]
fn ownership_chains_and_cycles() {
    let s = synthetic(3000, 3);
    let holder = |id: i64| -> Option<i64> {
        s.cases[&id]
            .holders
            .iter()
            .filter(|h| h.group == HoldingGroup::Shareholders)
            .flat_map(|h| &h.parties)
            .find_map(|p| match p {
                Party::Case(c) if s.cases[c].kind == Some(CaseKind::Company) => Some(*c),
                _ => None,
            })
    };
    let mut longest = 0;
    let mut cycles = 0;
    for id in s.cases.keys() {
        let mut seen = vec![*id];
        let mut cur = *id;
        while let Some(h) = holder(cur) {
            if seen.contains(&h) {
                cycles += 1;
                break;
            }
            seen.push(h);
            cur = h;
        }
        longest = longest.max(seen.len());
    }
    assert!(longest >= 4, "longest chain {longest}");
    assert!(cycles > 0);
}

// Issue 17, item 8: scale.

#[test]
fn names_come_from_a_large_seeded_pool() {
    let s = synthetic(5000, 9);
    let mut people: Vec<String> = Vec::new();
    for r in s.cases.values() {
        if r.kind == Some(CaseKind::Individual) {
            people.push(r.detail.name());
        }
        for h in r
            .holders
            .iter()
            .filter(|h| h.group == HoldingGroup::Officers)
        {
            for p in &h.parties {
                if let Party::Person(i) = p {
                    people.push(i.name.clone());
                }
            }
        }
    }
    let distinct: HashSet<&String> = people.iter().collect();
    assert!(
        distinct.len() * 10 >= people.len() * 8,
        "{} distinct names of {}",
        distinct.len(),
        people.len()
    );
    let companies: HashSet<String> = s
        .cases
        .values()
        .filter(|r| r.kind == Some(CaseKind::Company))
        .map(|r| r.detail.name())
        .collect();
    assert!(companies.len() > 3000, "{} company names", companies.len());
}

#[test]
fn documents_vary_from_case_to_case() {
    let s = synthetic(2000, 4);
    let listed: Vec<_> = s
        .cases
        .values()
        .flat_map(|r| r.documents.documents.values().flatten())
        .collect();
    let kinds: HashSet<_> = listed.iter().filter_map(|d| d.category.clone()).collect();
    let blobs: HashSet<_> = listed.iter().filter_map(|d| d.document_id()).collect();
    assert!(kinds.len() >= 8, "{kinds:?}");
    assert!(blobs.len() >= 15, "{} distinct document blobs", blobs.len());
    assert!(listed.iter().all(|d| d.issue_date.is_some()));
}
