//! The compact description of one case that both datasets produce and [`super::build`] expands
//! into a full [`crate::emulator::store::CaseRecord`]. Keeping one expansion for the demo and the
//! synthetic generator keeps their cases shaped alike.

use crate::api::{AmlMatch, CaseKind, Change, Id};
use crate::emulator::store::{HoldingGroup, Party};

/// Where a case is in its life.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lifecycle {
    /// Still being built: a status id in 50–57.
    Building(i64),
    Ready,
    Closed {
        accepted: bool,
    },
    Failed,
}

/// Which screening provider reported a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    WorldCheck,
    LexisNexis,
}

#[derive(Debug, Clone, Default)]
pub struct AddressSeed {
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub province: Option<String>,
    pub postcode: Option<String>,
}

#[derive(Debug, Clone)]
pub struct HoldingSeed {
    pub role: String,
    pub parties: Vec<Party>,
    pub shares: Option<f64>,
    pub group: HoldingGroup,
    pub is_general_partner: bool,
    /// For PSCs: the nature of control, shown in the step details.
    pub control: Option<String>,
}

/// A note on a step chosen by selector `"<StepType>:<n>"` (n-th step of that type, from 0).
#[derive(Debug, Clone)]
pub struct NoteSeed {
    pub step: String,
    pub by: String,
    pub on: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct AlertSeed {
    pub alert_type: String,
    /// Step selector, as for notes.
    pub step: Option<String>,
    pub on: String,
    pub changes: Vec<Change>,
}

/// Everything needed to expand one case.
#[derive(Debug, Clone)]
pub struct CaseSeed {
    pub id: Id,
    pub kind: CaseKind,
    /// Entity name, for companies.
    pub entity_name: String,
    pub first_name: String,
    pub last_name: String,
    pub birth_date: Option<String>,
    /// ISO 3166 code of the nationality (individuals).
    pub nationality: Option<String>,
    pub gender: Option<String>,
    /// Jurisdiction (company) or country of residence (individual), an ISO 3166-2 style code.
    pub country: String,
    pub company_type: Option<String>,
    pub registration_number: Option<String>,
    pub incorporated: Option<String>,
    pub address: AddressSeed,
    pub lifecycle: Lifecycle,
    pub risk: String,
    pub aml_only: bool,
    pub assignee: Option<Id>,
    pub review_date: Option<String>,
    /// Day of 2026 (0-based) the case was created on; every other timestamp follows from it.
    pub created_day: u32,
    pub description: Option<String>,
    pub holders: Vec<HoldingSeed>,
    pub matches: Vec<(Provider, AmlMatch)>,
    pub notes: Vec<NoteSeed>,
    pub alerts: Vec<AlertSeed>,
    pub parent: Option<Id>,
    /// Mandatory documents the case does not (yet) have.
    pub missing_documents: Vec<String>,
    pub extra_properties: Vec<(String, String)>,
}

impl CaseSeed {
    /// A trust: an entity case settled by deed rather than incorporated, on no company registry.
    /// Its `incorporated` is the date of settlement.
    pub fn is_trust(&self) -> bool {
        self.kind == CaseKind::Company
            && self
                .company_type
                .as_deref()
                .is_some_and(|t| t.contains("Trust"))
    }

    /// The subject's display name.
    pub fn name(&self) -> String {
        match self.kind {
            CaseKind::Company => self.entity_name.clone(),
            CaseKind::Individual => format!("{} {}", self.first_name, self.last_name)
                .trim()
                .to_owned(),
        }
    }
}
