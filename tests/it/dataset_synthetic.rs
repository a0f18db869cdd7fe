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

/// A page of companies at scale: the page holds exactly the cases at its place in id order,
/// and the total counts every company, on the first, a middle and the last page and past it.
#[tokio::test]
async fn pages_at_scale_hold_their_cases_and_the_total() {
    let store = synthetic(20_000, 11);
    let companies: Vec<i64> = store
        .cases
        .iter()
        .filter(|(_, r)| r.kind == Some(CaseKind::Company))
        .map(|(id, _)| *id)
        .collect();
    let _ = rustls::crypto::ring::default_provider().install_default();
    let running = kyc_console::emulator::spawn_with_store(crate::common::demo_config(), store)
        .await
        .expect("emulator starts");
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
    let last = companies.len().div_ceil(50);
    for page in [1, 2, last / 2, last, last + 1] {
        let answer = http
            .get(format!("{base}/v2/Companies?pageNumber={page}&pageSize=50"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("an answer");
        assert_eq!(answer.status(), reqwest::StatusCode::OK);
        let total = answer
            .headers()
            .get("X-Total-Count")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        assert_eq!(total, Some(companies.len()), "page {page}");
        let items: Vec<serde_json::Value> = answer.json().await.expect("a list");
        let ids: Vec<i64> = items
            .iter()
            .filter_map(|i| i["common"]["caseCommonId"].as_i64())
            .collect();
        let from = ((page - 1) * 50).min(companies.len());
        let to = (page * 50).min(companies.len());
        assert_eq!(ids, companies[from..to], "page {page}");
    }
}
