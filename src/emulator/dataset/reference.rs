//! Reference data shared by both datasets: jurisdictions with their registries, company types and
//! mandatory documents (from `assets/demo/jurisdictions.json`), and the searchable registry.

use crate::api::{CompanyType, Id, Jurisdiction, MandatoryDocument, SearchResult};
use crate::emulator::store::RegistryEntry;
use serde::Deserialize;

const JURISDICTIONS: &str = include_str!("../../../assets/demo/jurisdictions.json");

/// One jurisdiction as authored.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JurInfo {
    pub code: String,
    pub name: String,
    pub area: String,
    pub automated: bool,
    /// The registry the identity step is read from.
    pub registry: String,
    pub domain: String,
    pub types: Vec<String>,
    pub mandatory: Vec<MandatorySpec>,
    /// Registry entities with no case.
    #[serde(default)]
    pub entities: Vec<EntitySpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MandatorySpec {
    pub doc: String,
    pub category: String,
    #[serde(default)]
    pub other: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntitySpec {
    pub name: String,
    pub reg: String,
    #[serde(rename = "type")]
    pub company_type: String,
    pub status: String,
    pub street: String,
    pub city: String,
    #[serde(default)]
    pub zip: Option<String>,
}

/// The authored jurisdictions. The asset is compiled in, so a parse failure is a build defect
/// that every dataset test reports at once.
pub fn jurisdictions() -> Vec<JurInfo> {
    serde_json::from_str(JURISDICTIONS).unwrap_or_else(|e| panic!("jurisdictions.json: {e}"))
}

/// `GET /v2/Jurisdictions` entries.
pub fn jurisdiction_list(jurs: &[JurInfo]) -> Vec<Jurisdiction> {
    jurs.iter()
        .map(|j| Jurisdiction {
            name: Some(j.name.clone()),
            codeiso31662: Some(j.code.clone()),
            area: Some(j.area.clone()),
            isautomated: j.automated,
            data_sources: vec![serde_json::Value::String(j.registry.clone())],
            extra: Default::default(),
        })
        .collect()
}

/// `GET /v2/CompanyTypes`, ids handed out from `next`.
pub fn company_types(jurs: &[JurInfo], next: &mut Id) -> Vec<CompanyType> {
    let mut out = Vec::new();
    for j in jurs {
        for t in &j.types {
            *next += 1;
            out.push(CompanyType {
                company_type_id: *next,
                name: Some(t.clone()),
                codeiso31662: Some(j.code.clone()),
                extra: Default::default(),
            });
        }
    }
    out
}

/// The mandatory-document rules of a jurisdiction.
pub fn mandatory(j: &JurInfo) -> Vec<MandatoryDocument> {
    j.mandatory
        .iter()
        .map(|m| MandatoryDocument {
            data_source: Some(j.registry.clone()),
            mandatory_document: Some(m.doc.clone()),
            other_names: m.other.clone(),
            extra: Default::default(),
        })
        .collect()
}

/// A registry hit for an authored entity.
pub fn entity_entry(j: &JurInfo, e: &EntitySpec) -> RegistryEntry {
    registry_entry(
        j,
        RegistryFacts {
            name: &e.name,
            reg: &e.reg,
            company_type: &e.company_type,
            status: &e.status,
            street: &e.street,
            city: &e.city,
            zip: e.zip.as_deref(),
            case: None,
        },
    )
}

/// What a registry knows of an entity.
pub struct RegistryFacts<'a> {
    pub name: &'a str,
    pub reg: &'a str,
    pub company_type: &'a str,
    pub status: &'a str,
    pub street: &'a str,
    pub city: &'a str,
    pub zip: Option<&'a str>,
    pub case: Option<Id>,
}

pub fn registry_entry(j: &JurInfo, f: RegistryFacts<'_>) -> RegistryEntry {
    let raw_address = match f.zip {
        Some(z) => format!("{}, {} {}, {}", f.street, f.city, z, j.name),
        None => format!("{}, {}, {}", f.street, f.city, j.name),
    };
    RegistryEntry {
        result: SearchResult {
            name: Some(f.name.to_owned()),
            rawname: Some(f.name.to_uppercase()),
            company_type: Some(f.company_type.to_owned()),
            external_code: Some(format!("{}-{}", j.code, f.reg)),
            registration_number: Some(f.reg.to_owned()),
            company_status: Some(f.status.to_owned()),
            case_common_id: f.case,
            data_source: Some(j.registry.clone()),
            country_code: Some(j.code.clone()),
            raw_address: Some(raw_address),
            city: Some(f.city.to_owned()),
            zip: f.zip.map(str::to_owned),
            street: Some(f.street.to_owned()),
            extra: Default::default(),
        },
    }
}
