//! Generated cases for scale work: `n` cases (about 70 % companies) in every jurisdiction, with
//! ownership chains 2–5 deep among the generated companies (now and then closed into a cycle),
//! AML matches, alerts and notes. Names come from a large seeded pool ([`pool`]). Deterministic
//! for a seed. Lean on memory: a case lists one of its documents, linked to the one specimen of
//! its kind; reports share one blob; only AML steps carry details (about 11 KB per case in all).

use super::build::{self, CaseName, Ctx};
use super::dates;
use super::names;
use super::pool;
use super::reference::{self, JurInfo};
use super::seed::{AddressSeed, AlertSeed, CaseSeed, HoldingSeed, Lifecycle, NoteSeed, Provider};
use crate::api::{AmlAlert, AmlMatch, AmlSource, CaseKind, Change, Id, PropertyChange, User};
use crate::emulator::store::{HoldingGroup, Party, PartyInfo, Store};
use std::collections::HashMap;

use super::demo::FIRST_COMPANY;

const CATEGORIES: [&str; 5] = ["PEP", "Sanctions", "AdverseMedia", "Enforcement", "SOE"];
const STRENGTHS: [(&str, f64); 4] = [
    ("Exact", 100.0),
    ("Strong", 92.0),
    ("Medium", 78.0),
    ("Weak", 61.0),
];
const RISKS: [&str; 3] = ["Low", "Medium", "High"];

/// Who a generated case is, decided before any case is built so holders can name each other.
struct Sketch {
    kind: CaseKind,
    country: String,
    first: String,
    last: String,
    entity: String,
}

pub fn store(n: usize, seed: u64) -> Store {
    let mut rng = fastrand::Rng::with_seed(seed);
    let jur_list = reference::jurisdictions();
    let jurs: HashMap<String, JurInfo> = jur_list
        .iter()
        .map(|j| (j.code.clone(), j.clone()))
        .collect();
    let users: Vec<User> = super::demo::users();
    let user_ids: Vec<Id> = users
        .iter()
        .filter(|u| u.is_active)
        .map(|u| u.user_id)
        .collect();
    let user_names: HashMap<Id, String> = users
        .iter()
        .filter_map(|u| Some((u.user_id, u.user_name.clone()?)))
        .collect();

    // Sketches and names.
    let mut sketches = Vec::with_capacity(n);
    let mut case_names = HashMap::with_capacity(n);
    for i in 0..n {
        let kind = if rng.u8(0..10) < 7 {
            CaseKind::Company
        } else {
            CaseKind::Individual
        };
        let j = &jur_list[rng.usize(0..jur_list.len())];
        let (first, last) = pool::person(&mut rng, &j.code);
        let sketch = Sketch {
            kind,
            country: j.code.clone(),
            first,
            last,
            entity: pool::company(&mut rng, &j.code),
        };
        let name = match kind {
            CaseKind::Company => sketch.entity.clone(),
            CaseKind::Individual => format!("{} {}", sketch.first, sketch.last),
        };
        case_names.insert(
            FIRST_COMPANY + i as Id,
            CaseName {
                name,
                kind,
                country: sketch.country.clone(),
            },
        );
        sketches.push(sketch);
    }
    let companies: Vec<usize> = (0..n)
        .filter(|&i| sketches[i].kind == CaseKind::Company)
        .collect();
    let people: Vec<usize> = (0..n)
        .filter(|&i| sketches[i].kind == CaseKind::Individual)
        .collect();

    // Ownership chains: consecutive companies form chains of 2–5, each held by the next; one
    // chain in twenty closes into a cycle.
    let mut corporate_holder: HashMap<usize, usize> = HashMap::new();
    let mut k = 0;
    while k + 1 < companies.len() {
        let len = rng.usize(2..=5).min(companies.len() - k);
        for w in 0..len.saturating_sub(1) {
            corporate_holder.insert(companies[k + w], companies[k + w + 1]);
        }
        if len >= 3 && rng.u8(0..20) == 0 {
            corporate_holder.insert(companies[k + len - 1], companies[k]);
        }
        k += len + rng.usize(0..3);
    }

    // Other ids start above the case ids.
    let mut last_id = FIRST_COMPANY + n as Id + 1_000;
    let mut blobs = HashMap::new();
    let mut store = Store {
        users,
        jurisdictions: reference::jurisdiction_list(&jur_list),
        ..Default::default()
    };
    store.company_types = reference::company_types(&jur_list, &mut last_id);

    let mut ctx = Ctx {
        last_id,
        jurs: &jurs,
        users: &user_names,
        names: &case_names,
        blobs: &mut blobs,
        lean: true,
        specimens: HashMap::new(),
    };
    let mut registry = Vec::with_capacity(companies.len());
    let mut built = Vec::with_capacity(n);
    for (i, s) in sketches.iter().enumerate() {
        let id = FIRST_COMPANY + i as Id;
        let is_company = s.kind == CaseKind::Company;
        let day = rng.u32(0..300);
        let lifecycle = match rng.u8(0..20) {
            0..=1 => Lifecycle::Building(rng.i64(50..=57)),
            2 => Lifecycle::Failed,
            3..=6 => Lifecycle::Closed {
                accepted: rng.u8(0..4) != 0,
            },
            _ => Lifecycle::Ready,
        };
        let holders = if is_company {
            company_holders(
                &mut rng,
                &s.country,
                corporate_holder.get(&i).copied(),
                &people,
            )
        } else {
            Vec::new()
        };
        let name = match s.kind {
            CaseKind::Company => s.entity.clone(),
            CaseKind::Individual => format!("{} {}", s.first, s.last),
        };
        let mut matches = Vec::new();
        if rng.u8(0..5) == 0 {
            for _ in 0..rng.usize(1..=2) {
                matches.push(generated_match(&mut rng, &name, &s.country, day));
            }
        }
        let mut alerts = Vec::new();
        if rng.u8(0..10) == 0 {
            alerts.push(generated_alert(
                &mut rng,
                &name,
                &s.country,
                day,
                !matches.is_empty(),
            ));
        }
        let mut notes = Vec::new();
        if rng.u8(0..10) == 0 {
            notes.push(NoteSeed {
                step: "Identity:0".to_owned(),
                by: user_names
                    .get(&user_ids[rng.usize(0..user_ids.len())])
                    .cloned()
                    .unwrap_or_default(),
                on: dates::iso(day + 1, 10 * 60 + rng.u32(0..400)),
                text: "Identity confirmed against the registry extract.".to_owned(),
            });
        }
        let reg = format!("{:08}", rng.u32(1_000_000..99_999_999));
        let street = format!("{} {}", rng.u32(1..200), names::street(rng.u64(0..8)));
        let city = names::city(&s.country, rng.u64(0..5));
        let company_type = jurs.get(&s.country).and_then(|j| j.types.first().cloned());
        if is_company {
            if let Some(j) = jurs.get(&s.country) {
                registry.push(reference::registry_entry(
                    j,
                    reference::RegistryFacts {
                        name: &s.entity,
                        reg: &reg,
                        company_type: company_type.as_deref().unwrap_or_default(),
                        status: "Active",
                        street: &street,
                        city,
                        zip: None,
                        case: Some(id),
                    },
                ));
            }
        }
        let seed = CaseSeed {
            id,
            kind: s.kind,
            entity_name: s.entity.clone(),
            first_name: s.first.clone(),
            last_name: s.last.clone(),
            birth_date: (!is_company).then(|| {
                format!(
                    "19{:02}-{:02}-{:02}",
                    rng.u8(40..99),
                    rng.u8(1..=12),
                    rng.u8(1..=28)
                )
            }),
            nationality: (!is_company).then(|| s.country.clone()),
            gender: (!is_company).then(|| if rng.bool() { "Male" } else { "Female" }.to_owned()),
            country: s.country.clone(),
            company_type: if is_company { company_type } else { None },
            registration_number: is_company.then_some(reg),
            incorporated: is_company.then(|| {
                format!(
                    "{}-{:02}-{:02}",
                    rng.u16(1950..2026),
                    rng.u8(1..=12),
                    rng.u8(1..=28)
                )
            }),
            address: AddressSeed {
                line1: street,
                line2: None,
                city: city.to_owned(),
                province: None,
                postcode: Some(format!("{:05}", rng.u32(1000..99999))),
            },
            lifecycle,
            risk: RISKS[rng.usize(0..3)].to_owned(),
            aml_only: rng.u8(0..10) == 0,
            assignee: (rng.u8(0..3) != 0).then(|| user_ids[rng.usize(0..user_ids.len())]),
            review_date: Some(dates::dmy(day + 365)),
            created_day: day,
            description: None,
            holders,
            matches,
            notes,
            alerts,
            parent: None,
            missing_documents: Vec::new(),
            extra_properties: Vec::new(),
        };
        built.push((id, build::build_case(&mut ctx, seed)));
    }
    // Collected from sorted pairs, the map is bulk-built with full nodes: half the memory of
    // inserting one by one.
    store.cases = built.into_iter().collect();
    store.next_id = ctx.last_id;
    store.blobs = blobs;
    store.registry = registry;
    store
}

/// Officers (people without cases), the next company of its chain as majority holder, and an
/// individual case holding the rest (its UBO when the stake reaches 25 %).
fn company_holders(
    rng: &mut fastrand::Rng,
    country: &str,
    corporate_holder: Option<usize>,
    people: &[usize],
) -> Vec<HoldingSeed> {
    let mut holders = Vec::new();
    for r in 0..rng.usize(1..=2) {
        let (first, last) = pool::person(rng, country);
        holders.push(HoldingSeed {
            role: if r == 0 { "Director" } else { "Secretary" }.to_owned(),
            parties: vec![Party::Person(PartyInfo {
                name: format!("{first} {last}"),
                nationality: Some(country.to_owned()),
                ..Default::default()
            })],
            shares: None,
            group: HoldingGroup::Officers,
            is_general_partner: false,
            control: None,
        });
    }
    let mut left = 100.0;
    if let Some(h) = corporate_holder {
        let pct = f64::from(rng.u8(51..=100));
        left -= pct;
        holders.push(shareholder(Party::Case(FIRST_COMPANY + h as Id), pct));
    }
    if !people.is_empty() && left > 0.0 {
        let p = people[rng.usize(0..people.len())];
        holders.push(shareholder(Party::Case(FIRST_COMPANY + p as Id), left));
        if left >= 25.0 {
            holders.push(HoldingSeed {
                role: "UltimateBeneficialOwner".to_owned(),
                parties: vec![Party::Case(FIRST_COMPANY + p as Id)],
                shares: Some(left),
                group: HoldingGroup::Others,
                is_general_partner: false,
                control: None,
            });
        }
    }
    holders
}

fn shareholder(party: Party, pct: f64) -> HoldingSeed {
    HoldingSeed {
        role: "Shareholder".to_owned(),
        parties: vec![party],
        shares: Some(pct),
        group: HoldingGroup::Shareholders,
        is_general_partner: false,
        control: None,
    }
}

fn generated_match(
    rng: &mut fastrand::Rng,
    name: &str,
    country: &str,
    day: u32,
) -> (Provider, AmlMatch) {
    let category = CATEGORIES[rng.usize(0..CATEGORIES.len())];
    let (strength, score) = STRENGTHS[rng.usize(0..STRENGTHS.len())];
    let excluded = rng.u8(0..4) == 0;
    let provider = if rng.bool() {
        Provider::WorldCheck
    } else {
        Provider::LexisNexis
    };
    (
        provider,
        AmlMatch {
            category: Some(category.to_owned()),
            name: Some(name.to_owned()),
            match_score: Some(score),
            match_strength: Some(strength.to_owned()),
            country: Some(country.to_owned()),
            pep_tier: (category == "PEP").then(|| format!("Tier {}", rng.u8(1..=3))),
            sanction_lists: if category == "Sanctions" {
                vec!["OFAC SDN".to_owned()]
            } else {
                Vec::new()
            },
            biography: Some(format!("Generated {category} profile similar to {name}.")),
            sources: vec![AmlSource {
                title: Some("Screening record".to_owned()),
                url: Some(format!(
                    "https://screening.example.org/records/{}",
                    rng.u32(..)
                )),
                extra: Default::default(),
            }],
            is_excluded: excluded,
            excluded_reason: excluded.then(|| "Different date of birth".to_owned()),
            updated_on: Some(dates::iso(day, 8 * 60)),
            ..Default::default()
        },
    )
}

fn generated_alert(
    rng: &mut fastrand::Rng,
    name: &str,
    country: &str,
    day: u32,
    has_match: bool,
) -> AlertSeed {
    let on = dates::iso(day + 20 + rng.u32(0..40), 6 * 60);
    if has_match && rng.bool() {
        AlertSeed {
            alert_type: "Aml".to_owned(),
            step: Some("Aml:0".to_owned()),
            on,
            changes: vec![Change {
                aml_alert: Some(AmlAlert {
                    name: Some(name.to_owned()),
                    aml_match_type: Some("PEP".to_owned()),
                    country: Some(country.to_owned()),
                    updated_on: Some(dates::iso(day + 19, 0)),
                    biography: None,
                    is_new: false,
                    // Filled from the step's match when the case is built.
                    match_id: None,
                }),
                ..Default::default()
            }],
        }
    } else {
        AlertSeed {
            alert_type: "CaseDetailsReview".to_owned(),
            step: Some("Address:0".to_owned()),
            on,
            changes: vec![Change {
                property: Some(PropertyChange {
                    property_name: Some("Registered address".to_owned()),
                    old_value: Some("previous address".to_owned()),
                    new_value: Some(format!(
                        "{} {}",
                        rng.u32(1..200),
                        names::street(rng.u64(0..8))
                    )),
                }),
                ..Default::default()
            }],
        }
    }
}
