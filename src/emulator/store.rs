//! The emulator's in-memory state: every case with everything the API can say about it.
//!
//! The store holds API models directly (client and server share `crate::api::models`), plus the
//! ownership graph from which the org chart and members are derived on request, so a link made
//! through the API shows up in the chart at once. Datasets (`dataset::demo`, `dataset::synthetic`)
//! build a [`Store`]; the routes read and mutate it behind one lock.

use crate::api::{
    Alert, AmlChecks, AuditEntry, CaseDetails, CaseDocuments, CaseKind, CompanyType, Id,
    Jurisdiction, MandatoryDocument, Property, SearchResult, StepDetails, StepGroup, StepNote,
    User,
};
use std::collections::{BTreeMap, HashMap};

/// Everything the emulator serves.
#[derive(Debug, Clone, Default)]
pub struct Store {
    /// By `caseCommonId`.
    pub cases: BTreeMap<Id, CaseRecord>,
    pub users: Vec<User>,
    pub jurisdictions: Vec<Jurisdiction>,
    pub company_types: Vec<CompanyType>,
    /// What `POST /v2/Companies/search` finds, per jurisdiction, including entities with no case.
    pub registry: Vec<RegistryEntry>,
    /// Document and report bytes by document id (the last segment of a document `link`).
    pub blobs: HashMap<String, Blob>,
    /// The next id to hand out for anything new (cases, steps, notes, documents, alerts, audit).
    pub next_id: Id,
}

impl Store {
    /// A fresh id, never used before in this store.
    pub fn fresh_id(&mut self) -> Id {
        self.next_id += 1;
        self.next_id
    }
}

/// A registry hit and how long the (simulated) registry takes to answer in its jurisdiction.
#[derive(Debug, Clone, Default)]
pub struct RegistryEntry {
    pub result: SearchResult,
}

/// A stored file.
#[derive(Debug, Clone, Default)]
pub struct Blob {
    pub content_type: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// One case and all its parts.
#[derive(Debug, Clone, Default)]
pub struct CaseRecord {
    pub kind: Option<CaseKind>,
    /// `common`, `company`/`individual`, address, AML summary, data sources, review date. Its
    /// `company.properties` and `allUbosIdentified` are not kept here: a reader gets them
    /// derived (`Db::details_view`) from `properties` and `holders`.
    pub detail: CaseDetails,
    /// The case's properties, the one place they are held.
    pub properties: Vec<Property>,
    /// `GET /v2/CaseSteps/{id}`, in display order.
    pub steps: Vec<StepGroup>,
    /// Type-specific details by `caseStepId` (documents, AML match, linked case, fields).
    pub step_details: BTreeMap<Id, StepDetails>,
    /// Notes by `caseStepId`, oldest first.
    pub notes: BTreeMap<Id, Vec<StepNote>>,
    pub aml: AmlChecks,
    pub documents: CaseDocuments,
    /// Company cases: the jurisdiction's rules; individual cases use `mandatory_individual`.
    pub mandatory_company: Vec<MandatoryDocument>,
    pub mandatory_individual: Vec<String>,
    /// Active live-monitoring alerts.
    pub alerts: Vec<Alert>,
    /// Newest first.
    pub audit: Vec<AuditEntry>,
    /// Who controls or owns this company: the edges of the ownership graph.
    pub holders: Vec<Holding>,
    /// The case this one was created as a sub-case of (for `caseLevel` Root/Sub filtering).
    pub parent_case: Option<Id>,
    /// Whether the case was deleted (kept so ids are never reused; reads answer 404).
    pub deleted: bool,
}

/// One edge of the ownership graph: a party's role in (and holding of) the company that owns
/// this record.
#[derive(Debug, Clone, Default)]
pub struct Holding {
    /// "Director", "Secretary", "Shareholder", "UltimateBeneficialOwner",
    /// "PersonWithSignificantControl", "GeneralPartner", "Other", …
    pub role: String,
    /// The holder. More than one party means a joint holding (`jointShareholderMembers`).
    pub parties: Vec<Party>,
    /// Direct shareholding in percent, for shareholders.
    pub shares: Option<f64>,
    /// The API's own effective percentage in the root, when the dataset states one (otherwise
    /// the emulator computes it along the path it draws).
    pub effective_percentage: Option<f64>,
    pub is_general_partner: bool,
    /// The step in this case that covers the holder (officer/shareholder/UBO step).
    pub case_step_id: Option<Id>,
    /// Where the org chart puts it: officers, shareholders or others.
    pub group: HoldingGroup,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum HoldingGroup {
    Officers,
    #[default]
    Shareholders,
    Others,
}

/// Who holds: a case in the store (company or individual), or a party without a case of its own.
#[derive(Debug, Clone, PartialEq)]
pub enum Party {
    Case(Id),
    Person(PartyInfo),
    Company(PartyInfo),
}

impl Default for Party {
    fn default() -> Self {
        Party::Person(PartyInfo::default())
    }
}

/// A party with no case of its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PartyInfo {
    pub name: String,
    pub country_code: Option<String>,
    pub nationality: Option<String>,
    pub address: Option<String>,
    pub is_unresolved_aml: bool,
    pub is_updated_aml: bool,
}
