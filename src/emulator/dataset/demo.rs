//! The hand-authored demo: compact JSON in `assets/demo/` (cases refer to each other by key),
//! turned into seeds and expanded by [`super::build`]. Case ids follow file order, so the demo is
//! the same on every run.

use super::build::{self, CaseName, Ctx};
use super::names;
use super::reference::{self, JurInfo, RegistryFacts};
use super::seed::{AddressSeed, AlertSeed, CaseSeed, HoldingSeed, Lifecycle, NoteSeed, Provider};
use crate::api::{AmlMatch, CaseKind, Change, Id, User};
use crate::emulator::store::{HoldingGroup, Party, PartyInfo, Store};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

const COMPANIES: &str = include_str!("../../../assets/demo/companies.json");
const PEOPLE: &str = include_str!("../../../assets/demo/people.json");
const MATCHES: &str = include_str!("../../../assets/demo/aml_matches.json");
const USERS: &str = include_str!("../../../assets/demo/users.json");
/// Trusts, nominees and high-risk jurisdictions: built after the cases above so that adding
/// them left every earlier id as it was.
const STRUCTURES: &str = include_str!("../../../assets/demo/structures.json");

/// The cases of [`STRUCTURES`], companies and individuals.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Structures {
    companies: Vec<CaseSpec>,
    people: Vec<CaseSpec>,
}

/// The first company case id; individuals start at [`FIRST_INDIVIDUAL`].
pub const FIRST_COMPANY: Id = 1_000_003_001;
pub const FIRST_INDIVIDUAL: Id = 1_000_003_201;
/// Ids of everything else (steps, documents, notes, alerts, audit, company types) start here.
const FIRST_OTHER: Id = 1_000_004_000;

/// One case as authored (company or individual).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSpec {
    key: String,
    // Companies.
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "type")]
    company_type: Option<String>,
    #[serde(default)]
    reg: Option<String>,
    #[serde(default)]
    inc: Option<String>,
    // Individuals.
    #[serde(default)]
    first: Option<String>,
    #[serde(default)]
    last: Option<String>,
    #[serde(default)]
    dob: Option<String>,
    #[serde(default)]
    nat: Option<String>,
    #[serde(default)]
    gender: Option<String>,
    // Both.
    country: String,
    addr: AddrSpec,
    /// "ready", "closed:accepted", "closed:denied", "failed", "building:<50–57>".
    state: String,
    risk: String,
    /// Day of 2026 the case was opened.
    day: u32,
    #[serde(default)]
    assignee: Option<Id>,
    #[serde(default)]
    aml_only: bool,
    #[serde(default)]
    review: Option<String>,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    desc: Option<String>,
    #[serde(default)]
    parties: Vec<PartySpec>,
    #[serde(default)]
    matches: Vec<String>,
    #[serde(default)]
    notes: Vec<NoteSpec>,
    #[serde(default)]
    alerts: Vec<AlertSpec>,
    #[serde(default)]
    missing: Vec<String>,
    #[serde(default)]
    props: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddrSpec {
    l1: String,
    #[serde(default)]
    l2: Option<String>,
    city: String,
    #[serde(default)]
    prov: Option<String>,
    #[serde(default)]
    pc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PartySpec {
    role: String,
    who: Who,
    #[serde(default)]
    shares: Option<f64>,
    #[serde(default)]
    gp: bool,
    #[serde(default)]
    control: Option<String>,
}

/// One holder, or several (a joint holding).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Who {
    Many(Vec<Ref>),
    One(Ref),
}

/// A case by key, or a party without a case.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Ref {
    Key(String),
    Inline(InlineParty),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct InlineParty {
    name: String,
    #[serde(default)]
    company: bool,
    #[serde(default)]
    country: Option<String>,
    #[serde(default)]
    nat: Option<String>,
    #[serde(default)]
    addr: Option<String>,
    #[serde(default)]
    unresolved: bool,
    #[serde(default)]
    updated: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteSpec {
    step: String,
    by: String,
    on: String,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlertSpec {
    #[serde(rename = "type")]
    alert_type: String,
    #[serde(default)]
    step: Option<String>,
    on: String,
    changes: Vec<Change>,
}

/// Compiled-in assets: a parse failure is a build defect, reported by every demo test.
fn parse<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> T {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("assets/demo/{what}: {e}"))
}

fn lifecycle(state: &str) -> Lifecycle {
    match state {
        "ready" => Lifecycle::Ready,
        "closed:accepted" => Lifecycle::Closed { accepted: true },
        "closed:denied" => Lifecycle::Closed { accepted: false },
        "failed" => Lifecycle::Failed,
        s => match s.strip_prefix("building:").and_then(|n| n.parse().ok()) {
            Some(n) if (50..=57).contains(&n) => Lifecycle::Building(n),
            _ => panic!("assets/demo: unknown case state {s:?}"),
        },
    }
}

/// Where a role sits in the org chart.
fn group_of(role: &str) -> HoldingGroup {
    match role {
        "Director" | "Secretary" | "GeneralPartner" | "Manager" | "Chairman" | "Trustee" => {
            HoldingGroup::Officers
        }
        "Shareholder" | "LimitedPartner" | "NomineeShareholder" => HoldingGroup::Shareholders,
        // Settlor, Protector, Beneficiary, Nominator, UBO, PSC: owners and controllers.
        _ => HoldingGroup::Others,
    }
}

/// The reviewers of the demo account (also used by the synthetic dataset).
pub fn users() -> Vec<User> {
    parse("users.json", USERS)
}

/// The demo store.
pub fn store() -> Store {
    let companies: Vec<CaseSpec> = parse("companies.json", COMPANIES);
    let people: Vec<CaseSpec> = parse("people.json", PEOPLE);
    let structures: Structures = parse("structures.json", STRUCTURES);
    let users = users();
    let raw_matches: BTreeMap<String, serde_json::Value> = parse("aml_matches.json", MATCHES);
    let mut matches: HashMap<String, (Provider, AmlMatch)> = HashMap::new();
    for (key, mut value) in raw_matches {
        let provider = match value.as_object_mut().and_then(|o| o.remove("provider")) {
            Some(serde_json::Value::String(p)) if p == "LexisNexis" => Provider::LexisNexis,
            _ => Provider::WorldCheck,
        };
        let m: AmlMatch = serde_json::from_value(value)
            .unwrap_or_else(|e| panic!("assets/demo/aml_matches.json {key}: {e}"));
        matches.insert(key, (provider, m));
    }
    let jur_list = reference::jurisdictions();
    let jurs: HashMap<String, JurInfo> = jur_list
        .iter()
        .map(|j| (j.code.clone(), j.clone()))
        .collect();

    // First pass: ids and names, so holders can refer to any case.
    let mut ids: HashMap<String, Id> = HashMap::new();
    let mut case_names: HashMap<Id, CaseName> = HashMap::new();
    let (n_companies, n_people) = (companies.len() as Id, people.len() as Id);
    let numbered = |kind, first: Id, specs: Vec<CaseSpec>| {
        specs
            .into_iter()
            .enumerate()
            .map(move |(i, s)| (kind, first + i as Id, s))
    };
    let all: Vec<(CaseKind, Id, CaseSpec)> = numbered(CaseKind::Company, FIRST_COMPANY, companies)
        .chain(numbered(CaseKind::Individual, FIRST_INDIVIDUAL, people))
        .chain(numbered(
            CaseKind::Company,
            FIRST_COMPANY + n_companies,
            structures.companies,
        ))
        .chain(numbered(
            CaseKind::Individual,
            FIRST_INDIVIDUAL + n_people,
            structures.people,
        ))
        .collect();
    for (kind, id, s) in &all {
        if ids.insert(s.key.clone(), *id).is_some() {
            panic!("assets/demo: duplicate case key {}", s.key);
        }
        let name = match kind {
            CaseKind::Company => s.name.clone().unwrap_or_default(),
            CaseKind::Individual => format!(
                "{} {}",
                s.first.clone().unwrap_or_default(),
                s.last.clone().unwrap_or_default()
            )
            .trim()
            .to_owned(),
        };
        case_names.insert(
            *id,
            CaseName {
                name,
                kind: *kind,
                country: s.country.clone(),
            },
        );
    }
    let lookup = |key: &str| -> Id {
        *ids.get(key)
            .unwrap_or_else(|| panic!("assets/demo: unknown case key {key:?}"))
    };
    let party = |r: &Ref| -> Party {
        match r {
            Ref::Key(k) => Party::Case(lookup(k)),
            Ref::Inline(p) => {
                let info = PartyInfo {
                    name: p.name.clone(),
                    country_code: p.country.clone(),
                    nationality: p.nat.clone(),
                    address: p.addr.clone(),
                    is_unresolved_aml: p.unresolved,
                    is_updated_aml: p.updated,
                };
                if p.company {
                    Party::Company(info)
                } else {
                    Party::Person(info)
                }
            }
        }
    };

    let user_names: HashMap<Id, String> = users
        .iter()
        .filter_map(|u| Some((u.user_id, u.user_name.clone()?)))
        .collect();
    let mut store = Store {
        users,
        jurisdictions: reference::jurisdiction_list(&jur_list),
        ..Default::default()
    };
    let mut last_id = FIRST_OTHER;
    store.company_types = reference::company_types(&jur_list, &mut last_id);

    let mut ctx = Ctx {
        last_id,
        jurs: &jurs,
        users: &user_names,
        names: &case_names,
        blobs: &mut store.blobs,
        lean: false,
        specimens: HashMap::new(),
    };
    let mut registry = Vec::new();
    for (kind, id, s) in all {
        let seed = CaseSeed {
            id,
            kind,
            entity_name: s.name.clone().unwrap_or_default(),
            first_name: s.first.unwrap_or_default(),
            last_name: s.last.unwrap_or_default(),
            birth_date: s.dob,
            nationality: s.nat,
            gender: s.gender,
            country: s.country.clone(),
            company_type: s.company_type.clone(),
            registration_number: s.reg.clone(),
            incorporated: s.inc,
            address: AddressSeed {
                line1: s.addr.l1.clone(),
                line2: s.addr.l2,
                city: s.addr.city.clone(),
                province: s.addr.prov,
                postcode: s.addr.pc.clone(),
            },
            lifecycle: lifecycle(&s.state),
            risk: s.risk,
            aml_only: s.aml_only,
            assignee: s.assignee,
            review_date: s.review,
            created_day: s.day,
            description: s.desc,
            holders: s
                .parties
                .iter()
                .map(|p| HoldingSeed {
                    role: p.role.clone(),
                    parties: match &p.who {
                        Who::One(r) => vec![party(r)],
                        Who::Many(rs) => rs.iter().map(party).collect(),
                    },
                    shares: p.shares,
                    group: group_of(&p.role),
                    is_general_partner: p.gp,
                    control: p.control.clone(),
                })
                .collect(),
            matches: s
                .matches
                .iter()
                .map(|k| {
                    matches
                        .get(k)
                        .cloned()
                        .unwrap_or_else(|| panic!("assets/demo: unknown AML match {k:?}"))
                })
                .collect(),
            notes: s
                .notes
                .into_iter()
                .map(|n| NoteSeed {
                    step: n.step,
                    by: n.by,
                    on: n.on,
                    text: n.text,
                })
                .collect(),
            alerts: s
                .alerts
                .into_iter()
                .map(|a| AlertSeed {
                    alert_type: a.alert_type,
                    step: a.step,
                    on: a.on,
                    changes: a.changes,
                })
                .collect(),
            parent: s.parent.as_deref().map(lookup),
            missing_documents: s.missing,
            extra_properties: s.props.into_iter().collect(),
        };
        // A trust is on no company registry.
        if kind == CaseKind::Company && !seed.is_trust() {
            if let Some(j) = jurs.get(&s.country) {
                registry.push(reference::registry_entry(
                    j,
                    RegistryFacts {
                        name: &seed.entity_name,
                        reg: s.reg.as_deref().unwrap_or_default(),
                        company_type: s.company_type.as_deref().unwrap_or_default(),
                        status: "Active",
                        street: &s.addr.l1,
                        city: &s.addr.city,
                        zip: s.addr.pc.as_deref(),
                        case: Some(id),
                    },
                ));
            }
        }
        let record = build::build_case(&mut ctx, seed);
        store.cases.insert(id, record);
    }
    let last_id = ctx.last_id;

    for j in &jur_list {
        for e in &j.entities {
            registry.push(reference::entity_entry(j, e));
        }
    }
    // A common word in one registry, so a search can be too broad.
    if let Some(gb) = jurs.get("GB") {
        for i in 0..240u64 {
            let stem = names::company_stem(i);
            let reg = format!("{:08}", 10_400_000 + i * 37);
            let street = format!("{} {}", 1 + i % 180, names::street(i));
            registry.push(reference::registry_entry(
                gb,
                RegistryFacts {
                    name: &format!("{stem} Holdings Limited"),
                    reg: &reg,
                    company_type: "Private Limited Company",
                    status: if i % 9 == 0 { "Dissolved" } else { "Active" },
                    street: &street,
                    city: names::city("GB", i),
                    zip: Some(&format!("EC{}A {}BB", 1 + i % 4, i % 10)),
                    case: None,
                },
            ));
        }
    }
    store.registry = registry;
    store.next_id = last_id;
    store
}
