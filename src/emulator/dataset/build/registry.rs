//! A company case created through the API from a registry hit, as the registry and the
//! screening fill it in while it builds: the same [`CaseSeed`] the demo describes its cases
//! with, expanded by the same builder, so a created case looks like the demo's once ready
//! (officers, an individual and a corporate shareholder, a beneficial owner, screening of every
//! name, the jurisdiction's documents). What the registry "says" is drawn from a generator
//! seeded by the registration number, so the same entity always builds the same way.

use super::super::reference;
use super::super::seed::{AddressSeed, CaseSeed, HoldingSeed, Lifecycle, Provider};
use super::super::{names, pool};
use super::{CaseName, Ctx, build_case};
use crate::api::{AmlMatch, AmlSource, CaseKind, Id, SearchResult};
use crate::emulator::store::{CaseRecord, HoldingGroup, Party, PartyInfo, Store};
use std::collections::HashMap;

/// A profile the emulator's screening service holds; a party whose name is the profile's is a
/// match.
struct Profile {
    name: &'static str,
    category: &'static str,
    nationality: &'static str,
    pep_tier: Option<&'static str>,
    sanction_lists: &'static [&'static str],
    biography: &'static str,
}

const WATCHLIST: &[Profile] = &[
    Profile {
        name: "Viktor Sorokin",
        category: "Sanctions",
        nationality: "RU",
        pep_tier: None,
        sanction_lists: &[
            "UK HMT Consolidated List",
            "EU Consolidated Financial Sanctions",
        ],
        biography: "Businessman designated for financing activities that undermine the \
                    territorial integrity of Ukraine.",
    },
    Profile {
        name: "Helena Marsh",
        category: "PEP",
        nationality: "GB",
        pep_tier: Some("Tier 2"),
        sanction_lists: &[],
        biography: "Member of a regional assembly since 2019; chairs its finance committee.",
    },
    Profile {
        name: "Lin Haoran",
        category: "AdverseMedia",
        nationality: "CN",
        pep_tier: None,
        sanction_lists: &[],
        biography: "Named in press reports of 2024 on invoice fraud in a supplier network.",
    },
];

/// Words in a company's name that make the registry list a watch-listed officer, so that a
/// created case with screening matches is reachable by name (e.g. a finance company).
const SCREENED_WORDS: [&str; 3] = ["finance", "capital", "trading"];

/// One officer in four is watch-listed besides the named cases.
const WATCHLISTED_ONE_IN: u64 = 4;

/// The stable seed of a registry entity.
fn entity_seed(hit: &SearchResult) -> u64 {
    let key = hit
        .external_code
        .as_deref()
        .or(hit.registration_number.as_deref())
        .or(hit.name.as_deref())
        .unwrap_or_default();
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn person(name: String, nationality: &str) -> Party {
    Party::Person(PartyInfo {
        name,
        nationality: Some(nationality.to_owned()),
        ..PartyInfo::default()
    })
}

fn holding(role: &str, party: Party, shares: Option<f64>, group: HoldingGroup) -> HoldingSeed {
    HoldingSeed {
        role: role.to_owned(),
        parties: vec![party],
        shares,
        group,
        is_general_partner: false,
        control: None,
    }
}

/// Officers, shareholders (an individual majority holder, who is the beneficial owner, and a
/// corporate holder of the rest) and the names among them the screening knows.
fn holders(rng: &mut fastrand::Rng, hit: &SearchResult, code: &str) -> Vec<HoldingSeed> {
    let pick = |rng: &mut fastrand::Rng| {
        let (first, last) = pool::person(rng, code);
        format!("{first} {last}")
    };
    let name = hit.name.as_deref().unwrap_or_default().to_lowercase();
    let listed =
        SCREENED_WORDS.iter().any(|w| name.contains(w)) || rng.u64(0..WATCHLISTED_ONE_IN) == 0;
    let director = if listed {
        let p = &WATCHLIST[rng.usize(0..WATCHLIST.len())];
        person(p.name.to_owned(), p.nationality)
    } else {
        person(pick(rng), code)
    };
    let owner = pick(rng);
    let majority = f64::from(rng.u8(51..=80));
    let suffix = names::legal_suffix(code);
    let parent = format!("{} Holdings {suffix}", names::company_stem(rng.u64(0..256)));
    vec![
        holding("Director", director, None, HoldingGroup::Officers),
        holding(
            "Secretary",
            person(pick(rng), code),
            None,
            HoldingGroup::Officers,
        ),
        holding(
            "Shareholder",
            person(owner.clone(), code),
            Some(majority),
            HoldingGroup::Shareholders,
        ),
        holding(
            "Shareholder",
            Party::Company(PartyInfo {
                name: parent,
                country_code: Some(code.to_owned()),
                ..PartyInfo::default()
            }),
            Some(100.0 - majority),
            HoldingGroup::Shareholders,
        ),
        holding(
            "UltimateBeneficialOwner",
            person(owner, code),
            Some(majority),
            HoldingGroup::Others,
        ),
    ]
}

/// The screening: every name on the case (the company's and its parties') checked against the
/// watchlist.
fn screen(seed: &CaseSeed, day: u32) -> Vec<(Provider, AmlMatch)> {
    let names = seed
        .holders
        .iter()
        .flat_map(|h| &h.parties)
        .filter_map(|p| match p {
            Party::Person(i) | Party::Company(i) => Some(i.name.as_str()),
            Party::Case(_) => None,
        })
        .chain(std::iter::once(seed.entity_name.as_str()));
    let mut seen = Vec::new();
    let mut matches = Vec::new();
    for name in names {
        let Some(p) = WATCHLIST.iter().find(|p| p.name.eq_ignore_ascii_case(name)) else {
            continue;
        };
        if seen.contains(&p.name) {
            continue;
        }
        seen.push(p.name);
        let provider = if p.category == "Sanctions" {
            Provider::WorldCheck
        } else {
            Provider::LexisNexis
        };
        matches.push((
            provider,
            AmlMatch {
                category: Some(p.category.to_owned()),
                name: Some(p.name.to_owned()),
                match_score: Some(100.0),
                match_strength: Some("Exact".to_owned()),
                nationality: Some(p.nationality.to_owned()),
                country: Some(p.nationality.to_owned()),
                pep_tier: p.pep_tier.map(str::to_owned),
                sanction_lists: p.sanction_lists.iter().map(|s| (*s).to_owned()).collect(),
                biography: Some(p.biography.to_owned()),
                sources: vec![AmlSource {
                    title: Some(format!("{} screening record", p.category)),
                    url: Some(format!(
                        "https://screening.example.org/profiles/{}",
                        p.name.to_lowercase().replace(' ', "-")
                    )),
                    extra: Default::default(),
                }],
                updated_on: Some(super::dates::iso(day, 8 * 60)),
                ..AmlMatch::default()
            },
        ));
    }
    matches
}

/// What a created case is built from.
pub struct RegistryCase<'a> {
    pub id: Id,
    pub hit: &'a SearchResult,
    pub code: &'a str,
    /// Day of 2026 (0-based) the case is created on.
    pub day: u32,
    pub aml_only: bool,
    pub description: String,
}

/// The seed the registry and the screening give a created company case.
fn seed(c: &RegistryCase<'_>) -> CaseSeed {
    let mut rng = fastrand::Rng::with_seed(entity_seed(c.hit));
    let hit = c.hit;
    let incorporated = super::dates::ymd(rng.u32(0..300));
    let mut seed = CaseSeed {
        id: c.id,
        kind: CaseKind::Company,
        entity_name: hit.name.clone().unwrap_or_default(),
        first_name: String::new(),
        last_name: String::new(),
        birth_date: None,
        nationality: None,
        gender: None,
        country: c.code.to_owned(),
        company_type: hit.company_type.clone(),
        registration_number: hit.registration_number.clone(),
        incorporated: Some(format!(
            "{:04}-{:02}-{:02}",
            incorporated.0 - 1 - rng.u32(0..30),
            incorporated.1,
            incorporated.2
        )),
        address: AddressSeed {
            line1: hit.street.clone().unwrap_or_default(),
            line2: None,
            city: hit.city.clone().unwrap_or_default(),
            province: None,
            postcode: hit.zip.clone(),
        },
        // Built in its last stage: every step as the build leaves it, none reviewed yet.
        lifecycle: Lifecycle::Building(57),
        risk: "Low".to_owned(),
        aml_only: c.aml_only,
        assignee: None,
        review_date: None,
        created_day: c.day,
        description: Some(c.description.clone()),
        holders: holders(&mut rng, hit, c.code),
        matches: Vec::new(),
        notes: Vec::new(),
        alerts: Vec::new(),
        parent: None,
        missing_documents: Vec::new(),
        extra_properties: Vec::new(),
    };
    seed.matches = screen(&seed, c.day);
    if !seed.matches.is_empty() {
        seed.risk = "High".to_owned();
    }
    seed
}

/// A created company once built, and the cases of its people: each person the registry names
/// gets an individual case of their own (as the demo's people have), linked from the company,
/// with the individual slots open (nobody has sent a document yet).
#[derive(Debug)]
pub struct Built {
    pub company: CaseRecord,
    pub people: Vec<(Id, CaseRecord)>,
}

/// The individual case of a person the registry names.
fn person_seed(id: Id, parent: Id, info: &PartyInfo, code: &str, day: u32) -> CaseSeed {
    let (first, last) = match info.name.rsplit_once(' ') {
        Some((f, l)) => (f.to_owned(), l.to_owned()),
        None => (String::new(), info.name.clone()),
    };
    let country = info.nationality.clone().unwrap_or_else(|| code.to_owned());
    CaseSeed {
        id,
        kind: CaseKind::Individual,
        entity_name: String::new(),
        first_name: first,
        last_name: last,
        birth_date: None,
        nationality: Some(country.clone()),
        gender: None,
        country,
        company_type: None,
        registration_number: None,
        incorporated: None,
        address: AddressSeed::default(),
        lifecycle: Lifecycle::Building(57),
        risk: "Low".to_owned(),
        aml_only: false,
        assignee: None,
        review_date: None,
        created_day: day,
        description: Some("Created with its company from the registry".to_owned()),
        holders: Vec::new(),
        matches: Vec::new(),
        notes: Vec::new(),
        alerts: Vec::new(),
        parent: Some(parent),
        missing_documents: ["Passport", "Selfie", "Utility Bill"]
            .map(str::to_owned)
            .to_vec(),
        extra_properties: Vec::new(),
    }
}

/// Builds the case as it will be once ready, with its people's cases, taking ids from `store`
/// and putting their document PDFs in `store.blobs`.
pub fn built_company(store: &mut Store, c: &RegistryCase<'_>) -> Built {
    let jurs: HashMap<String, reference::JurInfo> = reference::jurisdictions()
        .into_iter()
        .map(|j| (j.code.clone(), j))
        .collect();
    let users = HashMap::new();
    let mut seed = seed(c);
    // One case per person, however many roles they hold.
    let mut names: HashMap<Id, CaseName> = HashMap::new();
    let mut by_name: HashMap<String, Id> = HashMap::new();
    let mut people = Vec::new();
    for party in seed.holders.iter_mut().flat_map(|h| h.parties.iter_mut()) {
        let Party::Person(info) = party else {
            continue;
        };
        let id = match by_name.get(&info.name) {
            Some(&id) => id,
            None => {
                let id = store.fresh_id();
                let s = person_seed(id, c.id, info, c.code, c.day);
                names.insert(
                    id,
                    CaseName {
                        name: s.name(),
                        kind: CaseKind::Individual,
                        country: s.country.clone(),
                    },
                );
                by_name.insert(info.name.clone(), id);
                people.push(s);
                id
            }
        };
        *party = Party::Case(id);
    }
    let mut ctx = Ctx {
        last_id: store.next_id,
        jurs: &jurs,
        users: &users,
        names: &names,
        blobs: &mut store.blobs,
        lean: false,
        specimens: std::collections::HashMap::new(),
    };
    let company = build_case(&mut ctx, seed);
    let people = people
        .into_iter()
        .map(|s| (s.id, build_case(&mut ctx, s)))
        .collect();
    store.next_id = ctx.last_id;
    Built { company, people }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(name: &str, reg: &str) -> SearchResult {
        SearchResult {
            name: Some(name.to_owned()),
            registration_number: Some(reg.to_owned()),
            external_code: Some(format!("GB-{reg}")),
            ..SearchResult::default()
        }
    }

    #[test]
    fn the_same_entity_builds_the_same_parties_and_shares_add_up() {
        let h = hit("Cropwell Bishop Creamery Limited", "00364890");
        let c = RegistryCase {
            id: 1,
            hit: &h,
            code: "GB",
            day: 0,
            aml_only: false,
            description: String::new(),
        };
        let (a, b) = (seed(&c), seed(&c));
        let names = |s: &CaseSeed| -> Vec<String> {
            s.holders
                .iter()
                .flat_map(|h| &h.parties)
                .map(|p| format!("{p:?}"))
                .collect()
        };
        assert_eq!(names(&a), names(&b));
        let held: f64 = a
            .holders
            .iter()
            .filter(|h| h.group == HoldingGroup::Shareholders)
            .filter_map(|h| h.shares)
            .sum();
        assert_eq!(held, 100.0);
    }

    #[test]
    fn a_finance_company_lists_a_watchlisted_officer_and_screening_finds_them() {
        let h = hit("Blackfriars Ship Finance PLC", "00984321");
        let c = RegistryCase {
            id: 1,
            hit: &h,
            code: "GB",
            day: 0,
            aml_only: false,
            description: String::new(),
        };
        let s = seed(&c);
        assert_eq!(s.matches.len(), 1, "{:?}", s.matches);
        assert_eq!(s.risk, "High");
    }
}
