//! Expands a [`CaseSeed`] into a full [`CaseRecord`]: step groups, step details, documents and
//! their PDFs, AML checks, notes, alerts, audit trail and the case details, the way a built KYC
//! case looks through the API. One file per part of the case; [`CaseBuilder`] carries what the
//! parts share.

mod activity;
mod audit;
mod details;
mod documents;
mod identity;
mod parties;
pub mod registry;
mod screening;
mod steps;
mod validity;

use super::dates;
use super::reference::{self, JurInfo};
use super::seed::CaseSeed;
use crate::api::{CaseKind, Id, MandatoryDocument, Step, StepStatus};
use crate::emulator::store::{Blob, CaseRecord};
use std::collections::HashMap;
use steps::Steps;

/// Where document links point: the emulator's own download route in the sandbox's form
/// (`GET /v2/Documents/{id}`, the form uploads answer too), relative to the emulator's base URL,
/// which a dataset does not know. The last segment is the document id, as the contract says.
pub const DOCUMENT_BASE: &str = "/v2/Documents/";

/// Where a trust's identity and documents come from: it is on no registry.
const TRUST_SOURCE: &str = "Trustee";

/// The individual mandatory documents.
pub const INDIVIDUAL_MANDATORY: [&str; 3] = ["photoid", "selfie", "poa"];

/// What the builder knows of a case that a holder refers to.
#[derive(Debug, Clone)]
pub struct CaseName {
    pub name: String,
    pub kind: CaseKind,
    pub country: String,
}

/// Shared state while building a store: the id counter and lookups.
pub struct Ctx<'a> {
    /// The last id handed out.
    pub last_id: Id,
    pub jurs: &'a HashMap<String, JurInfo>,
    pub users: &'a HashMap<Id, String>,
    pub names: &'a HashMap<Id, CaseName>,
    pub blobs: &'a mut HashMap<String, Blob>,
    /// Scale mode: a case lists one of its documents, which links to the one specimen blob of
    /// that kind of document (`specimens`); only AML steps get details.
    pub lean: bool,
    /// Scale mode: the specimen blob id of each kind of document, by document name.
    pub specimens: HashMap<String, String>,
}

impl Ctx<'_> {
    fn id(&mut self) -> Id {
        self.last_id += 1;
        self.last_id
    }
}

/// One case being built: the seed, facts derived from it once, and the steps so far.
struct CaseBuilder<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    seed: CaseSeed,
    jur: Option<&'a JurInfo>,
    jur_name: String,
    /// The registry (companies) the identity comes from.
    registry: String,
    name: String,
    full_address: String,
    created: String,
    ready_at: String,
    is_company: bool,
    /// Scale mode (see [`Ctx::lean`]).
    lean: bool,
    steps: Steps,
    /// Steps given a status so far, to vary statuses deterministically.
    reviewed: usize,
}

impl CaseBuilder<'_, '_> {
    /// The next reviewable step's status.
    fn next_status(&mut self, aml_open: bool) -> StepStatus {
        self.reviewed += 1;
        steps::status_for(&self.seed.lifecycle, self.reviewed, aml_open)
    }

    /// A new step with a fresh id.
    fn step(&mut self, name: impl Into<String>, ty: &str, status: StepStatus) -> Step {
        Step {
            name: Some(name.into()),
            step_type: Some(ty.to_owned()),
            status,
            case_step_id: self.ctx.id(),
            ..Default::default()
        }
    }
}

/// Expands one seed. Ids come from `ctx`; document PDFs go into `ctx.blobs` (the report is made
/// when asked for, from the case as it is then).
pub fn build_case(ctx: &mut Ctx<'_>, seed: CaseSeed) -> CaseRecord {
    let jur = ctx.jurs.get(&seed.country);
    let jur_name = jur.map_or_else(|| seed.country.clone(), |j| j.name.clone());
    let a = &seed.address;
    let full_address = [
        Some(&a.line1),
        a.line2.as_ref(),
        Some(&a.city),
        a.province.as_ref(),
        a.postcode.as_ref(),
        Some(&jur_name),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(", ");
    let minute = 9 * 60 + (seed.id % 50) as u32;
    let mut b = CaseBuilder {
        jur,
        registry: if seed.is_trust() {
            TRUST_SOURCE.to_owned()
        } else {
            jur.map_or_else(|| "Registry".to_owned(), |j| j.registry.clone())
        },
        name: seed.name(),
        full_address,
        created: dates::iso(seed.created_day, minute),
        ready_at: dates::iso(seed.created_day, minute + 47),
        is_company: seed.kind == CaseKind::Company,
        lean: ctx.lean,
        jur_name,
        ctx,
        seed,
        steps: Steps::default(),
        reviewed: 0,
    };

    b.identity_steps();
    let documents = b.documents();
    let aml = b.screening();
    let holders = b.parties();
    b.steps.trim();
    let notes = b.notes();
    let alerts = b.alerts(&aml);
    let (detail, properties) = b.details(&aml);
    let audit = b.audit(&detail, &notes, &aml);

    let CaseBuilder {
        seed,
        steps,
        jur,
        is_company,
        ..
    } = b;
    CaseRecord {
        kind: Some(seed.kind),
        detail,
        properties,
        steps: steps.groups,
        step_details: steps
            .details
            .into_iter()
            .map(|d| (d.case_step_id, d))
            .collect(),
        notes,
        aml,
        documents,
        mandatory_company: if seed.is_trust() {
            documents::TRUST_DOCUMENTS[..2]
                .iter()
                .map(|(doc, _)| MandatoryDocument {
                    data_source: Some(TRUST_SOURCE.to_owned()),
                    mandatory_document: Some((*doc).to_owned()),
                    other_names: Vec::new(),
                    extra: Default::default(),
                })
                .collect()
        } else if is_company {
            jur.map(reference::mandatory).unwrap_or_default()
        } else {
            Vec::new()
        },
        mandatory_individual: if is_company {
            Vec::new()
        } else {
            INDIVIDUAL_MANDATORY
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        },
        alerts,
        audit,
        holders,
        parent_case: seed.parent,
        deleted: false,
    }
}
