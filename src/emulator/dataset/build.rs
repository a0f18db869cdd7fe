//! Expands a [`CaseSeed`] into a full [`CaseRecord`]: step groups, step details, documents and
//! their PDFs, AML checks, notes, alerts, audit trail and the case details, the way a built KYC
//! case looks through the API.

use super::dates;
use super::reference::{self, JurInfo};
use super::seed::{CaseSeed, HoldingSeed, Lifecycle, Provider};
use crate::api::{
    AmlChecks, AmlSummary, AuditEntry, CaseAddress, CaseCommon, CaseDetails, CaseDocuments,
    CaseKind, CompanyInfo, DataSource, DocumentRef, Id, IndividualInfo, LinkedCase, Property, Step,
    StepDataSource, StepDetails, StepDocument, StepField, StepGroup, StepNote, StepStatus,
};
use crate::emulator::pdf;
use crate::emulator::store::{Blob, CaseRecord, Holding, HoldingGroup, Party};
use std::collections::HashMap;

/// Where document links point (the last segment is the document id).
pub const DOCUMENT_BASE: &str = "https://api-uat.knowyourcustomer.com/v2/document/";

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
    /// Scale mode: documents link to this one shared blob, reports share `shared_report`, and
    /// only identity, AML and linked-case steps get details.
    pub shared_document: Option<String>,
    pub shared_report: Option<String>,
}

impl Ctx<'_> {
    fn id(&mut self) -> Id {
        self.last_id += 1;
        self.last_id
    }

    fn lean(&self) -> bool {
        self.shared_document.is_some()
    }
}

/// A step being assembled, with the details to store for it.
struct Steps {
    groups: Vec<StepGroup>,
    details: Vec<StepDetails>,
    /// (type, n-th of that type, step id), for `"<Type>:<n>"` selectors.
    by_selector: Vec<(&'static str, usize, Id)>,
}

impl Steps {
    fn add(&mut self, group: &str, step: Step, details: Option<StepDetails>, ty: &'static str) {
        let n = self.by_selector.iter().filter(|(t, _, _)| *t == ty).count();
        self.by_selector.push((ty, n, step.case_step_id));
        if let Some(d) = details {
            self.details.push(d);
        }
        match self
            .groups
            .iter_mut()
            .find(|g| g.group.as_deref() == Some(group))
        {
            Some(g) => g.steps.push(step),
            None => self.groups.push(StepGroup {
                group: Some(group.to_owned()),
                total: None,
                steps: vec![step],
                extra: Default::default(),
            }),
        }
    }
}

impl Steps {
    /// The step a `"<Type>:<n>"` selector names.
    fn select(&self, selector: &str) -> Option<Id> {
        let (ty, n) = selector.split_once(':')?;
        let n: usize = n.parse().ok()?;
        self.by_selector
            .iter()
            .find(|(t, i, _)| *t == ty && *i == n)
            .map(|(_, _, id)| *id)
    }
}

/// A status for the `n`-th step of a case, mixed the way reviews leave them.
fn status_for(life: &Lifecycle, n: usize, aml_open: bool) -> StepStatus {
    match life {
        Lifecycle::Building(_) | Lifecycle::Failed => {
            if n % 3 == 0 {
                StepStatus::SystemUpdated
            } else {
                StepStatus::NotReviewed
            }
        }
        Lifecycle::Closed { accepted: true } => StepStatus::Passed,
        Lifecycle::Closed { accepted: false } => {
            if aml_open || n % 4 == 1 {
                StepStatus::Failed
            } else {
                StepStatus::Passed
            }
        }
        Lifecycle::Ready => match n % 6 {
            0 | 3 => StepStatus::Passed,
            1 | 4 => StepStatus::NotReviewed,
            2 => StepStatus::SystemUpdated,
            _ if aml_open => StepStatus::NotReviewed,
            _ => StepStatus::Failed,
        },
    }
}

fn details_of(step: &Step) -> StepDetails {
    StepDetails {
        case_step_id: step.case_step_id,
        name: step.name.clone(),
        step_type: step.step_type.clone(),
        status: step.status.clone(),
        is_deactivated: step.is_deactivated,
        ..Default::default()
    }
}

fn field(label: &str, value: impl Into<String>) -> StepField {
    StepField::new(label, value)
}

/// Name, kind and country of a party.
fn party_facts(ctx: &Ctx<'_>, p: &Party) -> (String, &'static str, Option<String>, Option<Id>) {
    match p {
        Party::Case(id) => match ctx.names.get(id) {
            Some(n) => (
                n.name.clone(),
                match n.kind {
                    CaseKind::Company => "Company",
                    CaseKind::Individual => "Individual",
                },
                Some(n.country.clone()),
                Some(*id),
            ),
            None => (format!("Case {id}"), "Company", None, Some(*id)),
        },
        Party::Person(i) => (
            i.name.clone(),
            "Individual",
            i.nationality.clone().or(i.country_code.clone()),
            None,
        ),
        Party::Company(i) => (i.name.clone(), "Company", i.country_code.clone(), None),
    }
}

/// The step type and group of a holding.
fn holding_step(h: &HoldingSeed) -> (&'static str, &'static str) {
    match h.group {
        HoldingGroup::Officers => ("Officer", "Officers"),
        HoldingGroup::Shareholders => ("Shareholder", "Shareholders"),
        HoldingGroup::Others => ("Ubo", "Beneficial owners"),
    }
}

/// Expands one seed. Ids come from `ctx`; document and report PDFs go into `ctx.blobs`.
pub fn build_case(ctx: &mut Ctx<'_>, seed: CaseSeed) -> CaseRecord {
    let jurs = ctx.jurs;
    let jur = jurs.get(&seed.country);
    let jur_name = jur
        .as_ref()
        .map_or_else(|| seed.country.clone(), |j| j.name.clone());
    let registry = jur
        .as_ref()
        .map_or_else(|| "Registry".to_owned(), |j| j.registry.clone());
    let day = seed.created_day;
    let created = dates::iso(day, 9 * 60 + (seed.id % 50) as u32);
    let ready_at = dates::iso(day, 9 * 60 + 47 + (seed.id % 50) as u32);
    let name = seed.name();
    let is_company = seed.kind == CaseKind::Company;
    let lean = ctx.lean();

    let mut steps = Steps {
        groups: Vec::new(),
        details: Vec::new(),
        by_selector: Vec::new(),
    };
    let mut n = 0usize;
    let life = seed.lifecycle.clone();
    let mut next_status = |aml_open: bool| {
        n += 1;
        status_for(&life, n, aml_open)
    };

    // Identity.
    let step = Step {
        name: Some(
            if is_company {
                "Company identity"
            } else {
                "Personal identity"
            }
            .to_owned(),
        ),
        step_type: Some("Identity".to_owned()),
        status: next_status(false),
        case_step_id: ctx.id(),
        ..Default::default()
    };
    let mut d = details_of(&step);
    if lean {
        // Scale mode keeps details for AML steps only.
    } else if is_company {
        d.fields = vec![
            field("Entity name", name.clone()),
            field(
                "Registration number",
                seed.registration_number.clone().unwrap_or_default(),
            ),
            field(
                "Company type",
                seed.company_type.clone().unwrap_or_default(),
            ),
            field("Jurisdiction", jur_name.clone()),
            field(
                "Incorporation date",
                seed.incorporated.clone().unwrap_or_default(),
            ),
            field("Source", registry.clone()),
        ];
    } else {
        d.fields = vec![
            field("First name", seed.first_name.clone()),
            field("Last name", seed.last_name.clone()),
            field("Date of birth", seed.birth_date.clone().unwrap_or_default()),
            field("Nationality", seed.nationality.clone().unwrap_or_default()),
            field("Gender", seed.gender.clone().unwrap_or_default()),
        ];
    }
    steps.add("Identity", step, (!lean).then_some(d), "Identity");

    let a = &seed.address;
    let full_address = [
        Some(a.line1.clone()),
        a.line2.clone(),
        Some(a.city.clone()),
        a.province.clone(),
        a.postcode.clone(),
        Some(jur_name.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    let step = Step {
        name: Some(
            if is_company {
                "Registered address"
            } else {
                "Residential address"
            }
            .to_owned(),
        ),
        step_type: Some("Address".to_owned()),
        status: next_status(false),
        case_step_id: ctx.id(),
        ..Default::default()
    };
    let details = (!lean).then(|| {
        let mut d = details_of(&step);
        d.fields = vec![
            field("Address line 1", a.line1.clone()),
            field("Address line 2", a.line2.clone().unwrap_or_default()),
            field("City", a.city.clone()),
            field("Postcode", a.postcode.clone().unwrap_or_default()),
            field("Country", jur_name.clone()),
        ];
        d
    });
    steps.add("Identity", step, details, "Address");

    // Documents.
    let mut documents = CaseDocuments {
        case_common_id: seed.id,
        name: Some(name.clone()),
        ..Default::default()
    };
    if !seed.aml_only {
        let wanted: Vec<(&str, String, String)> = if is_company {
            let mut v: Vec<(&str, String, String)> = jur
                .as_ref()
                .map(|j| {
                    j.mandatory
                        .iter()
                        .map(|m| {
                            (
                                "Company Identity Documents",
                                m.doc.clone(),
                                m.category.clone(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if !seed.holders.is_empty() {
                v.push((
                    "Ownership Documents",
                    "Register of Members".to_owned(),
                    "Register".to_owned(),
                ));
                v.push((
                    "Ownership Documents",
                    "Group Structure Chart".to_owned(),
                    "StructureChart".to_owned(),
                ));
            }
            v
        } else {
            vec![
                (
                    "Proof of Identity",
                    "Passport".to_owned(),
                    "photoid".to_owned(),
                ),
                (
                    "Proof of Identity",
                    "Selfie".to_owned(),
                    "selfie".to_owned(),
                ),
                (
                    "Proof of Address",
                    "Utility Bill".to_owned(),
                    "poa".to_owned(),
                ),
            ]
        };
        let mut per_group: Vec<(&str, Vec<StepDocument>)> = Vec::new();
        for (i, (group, doc, category)) in wanted.into_iter().enumerate() {
            let missing = seed.missing_documents.iter().any(|m| m == &doc);
            let mut sd = StepDocument {
                category: Some(category.clone()),
                document_available: !missing,
                verification_status: Some(
                    if missing {
                        "Pending"
                    } else if i % 3 == 2 {
                        "NotVerified"
                    } else {
                        "Verified"
                    }
                    .to_owned(),
                ),
                name: Some(doc.clone()),
                ..Default::default()
            };
            if !missing && (!lean || i == 0) {
                let doc_id = match &ctx.shared_document {
                    Some(shared) => shared.clone(),
                    None => {
                        let id = ctx.id().to_string();
                        let issued = dates::ymd_string(day.saturating_sub(3 + i as u32));
                        let lines = vec![
                            format!("Subject: {name}"),
                            format!("Case: {}", seed.id),
                            format!("Document: {doc}"),
                            format!("Category: {category}"),
                            format!(
                                "Issued by: {}",
                                if is_company {
                                    registry.as_str()
                                } else {
                                    "Issuing authority"
                                }
                            ),
                            format!("Issued on: {issued}"),
                            format!(
                                "Registration number: {}",
                                seed.registration_number
                                    .clone()
                                    .unwrap_or_else(|| "-".to_owned())
                            ),
                            format!("Address: {full_address}"),
                        ];
                        ctx.blobs.insert(
                            id.clone(),
                            Blob {
                                content_type: "application/pdf".to_owned(),
                                file_name: format!("{}.pdf", doc.replace(' ', "_")),
                                bytes: pdf::text_pdf(&doc, &lines),
                            },
                        );
                        id
                    }
                };
                let link = format!("{DOCUMENT_BASE}{doc_id}");
                sd.case_document_id = doc_id.parse().ok();
                sd.link = Some(link.clone());
                documents
                    .documents
                    .entry(group.to_owned())
                    .or_default()
                    .push(DocumentRef {
                        link: Some(link),
                        category: Some(category),
                        name: Some(format!(
                            "{doc} <{}>",
                            dates::dmy(day.saturating_sub(3 + i as u32))
                        )),
                        data_source: Some(if is_company {
                            registry.clone()
                        } else {
                            "Uploaded".to_owned()
                        }),
                        extra: Default::default(),
                    });
            }
            match per_group.iter_mut().find(|(g, _)| *g == group) {
                Some((_, v)) => v.push(sd),
                None => per_group.push((group, vec![sd])),
            }
        }
        for (group, docs) in per_group {
            let step = Step {
                name: Some(group.to_owned()),
                step_type: Some("Document".to_owned()),
                status: next_status(false),
                case_step_id: ctx.id(),
                ..Default::default()
            };
            let details = (!lean).then(|| {
                let mut d = details_of(&step);
                d.documents = docs;
                d
            });
            steps.add("Documents", step, details, "Document");
        }
    }

    // AML screening: one step per match.
    let mut aml = AmlChecks::default();
    for (provider, mut m) in seed.matches {
        let step = Step {
            name: m.name.clone(),
            step_type: Some("Aml".to_owned()),
            status: if m.is_excluded && !matches!(seed.lifecycle, Lifecycle::Building(_)) {
                StepStatus::Passed
            } else {
                next_status(!m.is_excluded)
            },
            case_step_id: ctx.id(),
            ..Default::default()
        };
        m.case_step_id = step.case_step_id;
        if m.match_id.is_none() {
            m.match_id = Some(format!(
                "{}-{}",
                if provider == Provider::WorldCheck {
                    "WC"
                } else {
                    "LN"
                },
                step.case_step_id
            ));
        }
        if m.updated_on.is_none() {
            m.updated_on = Some(created.clone());
        }
        let mut d = details_of(&step);
        d.aml_match = Some(m.clone());
        steps.add("AML screening", step, Some(d), "Aml");
        match provider {
            Provider::WorldCheck => aml.world_checks.push(m),
            Provider::LexisNexis => aml.lexis_nexis_checks.push(m),
        }
    }

    // Officers, shareholders, beneficial owners; then one linked-case step per party with a case.
    let mut holders = Vec::with_capacity(seed.holders.len());
    let mut linked: Vec<(Id, String, Option<f64>)> = Vec::new();
    let mut has_ubo = false;
    for h in &seed.holders {
        let (ty, group) = holding_step(h);
        let facts: Vec<_> = h.parties.iter().map(|p| party_facts(ctx, p)).collect();
        let names: Vec<String> = facts.iter().map(|f| f.0.clone()).collect();
        let linked_id = match facts.as_slice() {
            [(_, _, _, Some(id))] => Some(*id),
            _ => None,
        };
        let deactivated =
            h.group == HoldingGroup::Shareholders && h.shares.is_some_and(|s| s < 25.0);
        has_ubo |= h.group == HoldingGroup::Others;
        let step = Step {
            name: Some(names.join(" & ")),
            step_type: Some(ty.to_owned()),
            status: if deactivated {
                StepStatus::NotReviewed
            } else {
                next_status(false)
            },
            case_step_id: ctx.id(),
            is_deactivated: deactivated,
            linked_case_common_id: linked_id,
            extra: Default::default(),
        };
        let details = (!lean).then(|| {
            let mut d = details_of(&step);
            d.fields.push(field("Name", names.join(" & ")));
            d.fields.push(field("Role", h.role.clone()));
            d.fields.push(field(
                "Holder type",
                facts.first().map_or("Individual", |f| f.1),
            ));
            if let Some(c) = facts.first().and_then(|f| f.2.clone()) {
                d.fields.push(field("Country", c));
            }
            if let Some(s) = h.shares {
                d.fields.push(field("Shares held (%)", format!("{s}")));
            }
            if names.len() > 1 {
                d.fields
                    .push(field("Joint holders", names.len().to_string()));
            }
            if h.is_general_partner {
                d.fields.push(field("General partner", "Yes"));
            }
            if let Some(c) = &h.control {
                d.fields.push(field("Nature of control", c.clone()));
            }
            d
        });
        for f in &facts {
            if let Some(id) = f.3 {
                if !linked.iter().any(|(l, _, _)| *l == id) {
                    linked.push((id, h.role.clone(), h.shares));
                }
            }
        }
        holders.push(Holding {
            role: h.role.clone(),
            parties: h.parties.clone(),
            shares: h.shares,
            effective_percentage: None,
            is_general_partner: h.is_general_partner,
            case_step_id: Some(step.case_step_id),
            group: h.group,
        });
        steps.add(group, step, details, ty);
    }
    for (id, relation, percentage) in linked {
        let target = ctx.names.get(&id).cloned();
        let step = Step {
            name: Some(
                target
                    .as_ref()
                    .map_or_else(|| format!("Case {id}"), |t| t.name.clone()),
            ),
            step_type: Some("LinkedCase".to_owned()),
            status: next_status(false),
            case_step_id: ctx.id(),
            linked_case_common_id: Some(id),
            ..Default::default()
        };
        let mut d = details_of(&step);
        let mut props = serde_json::Map::new();
        if let Some(t) = &target {
            props.insert("Country".to_owned(), t.country.clone().into());
        }
        d.linked_case = Some(LinkedCase {
            case_common_id: Some(id),
            name: step.name.clone(),
            case_type: Some(
                match target.map(|t| t.kind) {
                    Some(CaseKind::Individual) => "Individual",
                    _ => "Company",
                }
                .to_owned(),
            ),
            relation: Some(relation),
            percentage,
            properties: props,
            extra: Default::default(),
        });
        steps.add("Linked cases", step, (!lean).then_some(d), "LinkedCase");
    }
    for v in documents.documents.values_mut() {
        v.shrink_to_fit();
    }
    // Trimmed: a dataset of 100,000 cases keeps these vectors for its whole life.
    steps.groups.shrink_to_fit();
    for g in &mut steps.groups {
        g.total = Some(g.steps.len() as i64);
        g.steps.shrink_to_fit();
    }

    // Notes.
    let mut notes: std::collections::BTreeMap<Id, Vec<StepNote>> = Default::default();
    for note in &seed.notes {
        if let Some(step_id) = steps.select(&note.step) {
            notes.entry(step_id).or_default().push(StepNote {
                step_note_id: ctx.id(),
                note: Some(note.text.clone()),
                created_by: Some(note.by.clone()),
                created_on: Some(note.on.clone()),
                extra: Default::default(),
            });
        }
    }

    // Alerts.
    let alerts = seed
        .alerts
        .iter()
        .map(|a| {
            let alert_id = ctx.id();
            let changes = a
                .changes
                .iter()
                .map(|c| {
                    let mut c = c.clone();
                    c.change_id = ctx.id();
                    c
                })
                .collect();
            crate::api::Alert {
                alert_id,
                alert_type: Some(a.alert_type.clone()),
                case_step_id: a.step.as_ref().and_then(|s| steps.select(s)),
                created_on: Some(a.on.clone()),
                changes,
                extra: Default::default(),
            }
        })
        .collect();

    // Details.
    let aml_positive = aml.all().any(|(_, m)| !m.is_excluded);
    let (status, status_id, status_name, decision) = match seed.lifecycle {
        Lifecycle::Building(s) => ("Open", s, building_name(s), None),
        Lifecycle::Ready => ("Open", 3, "Ready", None),
        Lifecycle::Closed { accepted } => (
            "Closed",
            3,
            "Ready",
            Some(if accepted { "Accepted" } else { "Denied" }),
        ),
        Lifecycle::Failed => ("Open", 8, "Failed", None),
    };
    let built = matches!(status_id, 3 | 8);
    let assignee_name = seed.assignee.and_then(|u| ctx.users.get(&u).cloned());
    let mut properties = Vec::new();
    let mut company = None;
    let mut individual = None;
    if is_company {
        if let Some(r) = &seed.registration_number {
            properties.push(Property::new("Registration Number", r.clone()));
        }
        if let Some(i) = &seed.incorporated {
            properties.push(Property::new("Incorporation Date", i.clone()));
        }
        properties.push(Property::new("Company Status", "Active"));
        for (k, v) in &seed.extra_properties {
            properties.push(Property::new(k.clone(), v.clone()));
        }
        let map = properties
            .iter()
            .filter_map(|p| {
                Some((
                    p.data_type.clone()?,
                    serde_json::Value::String(p.data.clone()?),
                ))
            })
            .collect();
        company = Some(CompanyInfo {
            case_company_id: Some(seed.id - 1_000_000_000 + 500_000),
            entity_name: Some(name.clone()),
            country_code: Some(seed.country.clone()),
            company_type: seed.company_type.clone(),
            properties: map,
            extra: Default::default(),
        });
    } else {
        for (k, v) in &seed.extra_properties {
            properties.push(Property::new(k.clone(), v.clone()));
        }
        individual = Some(IndividualInfo {
            case_individual_id: Some(seed.id - 1_000_000_000 + 700_000),
            first_name: Some(seed.first_name.clone()),
            last_name: Some(seed.last_name.clone()),
            birth_date: seed.birth_date.clone(),
            country_code: Some(seed.country.clone()),
            country: Some(jur_name.clone()),
            nationality: seed.nationality.clone(),
            extra: Default::default(),
        });
    }
    let summary = |v: &Vec<crate::api::AmlMatch>| {
        Some(
            if v.is_empty() {
                "NoMatches"
            } else {
                "HasMatches"
            }
            .to_owned(),
        )
    };
    let mut step_data_source = vec![StepDataSource {
        step_name: Some("Identity".to_owned()),
        data_sources: vec![DataSource {
            title: Some(if is_company {
                format!("{registry} extract")
            } else {
                "Electronic identity verification".to_owned()
            }),
            source: Some(if is_company {
                registry.clone()
            } else {
                "GBG ID3global".to_owned()
            }),
            source_domain: Some(if is_company {
                jur.map_or_else(String::new, |j| j.domain.clone())
            } else {
                "gbgplc.com".to_owned()
            }),
            collection_date_timestamp: Some(created.clone()),
            extra: Default::default(),
        }],
        extra: Default::default(),
    }];
    if !lean {
        step_data_source.push(aml_sources(&ready_at));
    }
    let detail = CaseDetails {
        common: CaseCommon {
            case_common_id: seed.id,
            case_customer_id: Some(format!("KYC-2026-{:06}", seed.id % 1_000_000)),
            case_type: Some(if is_company { 1 } else { 2 }),
            type_string: Some(if is_company { "Company" } else { "Individual" }.to_owned()),
            complete: Some(built && status_id == 3),
            status: Some(status.to_owned()),
            status_id: Some(status_id),
            status_name: Some(status_name.to_owned()),
            case_decision: decision.map(str::to_owned),
            case_description: seed.description.clone(),
            country_name: Some(jur_name.clone()),
            risk_rating: Some(seed.risk.clone()),
            case_ready_datetime: built.then(|| ready_at.clone()),
            is_aml_case: Some(seed.aml_only),
            case_processing_type: Some(if seed.aml_only { "AmlOnly" } else { "Full" }.to_owned()),
            scheduled_review_date: seed.review_date.clone(),
            assigned_user_id: assignee_name.as_ref().and(seed.assignee),
            assigned_user_name: assignee_name.clone(),
            extra: Default::default(),
        },
        company,
        individual,
        case_address: Some(CaseAddress {
            address: Some(full_address.clone()),
            raw_address: Some(full_address.to_uppercase()),
            address_line1: Some(a.line1.clone()),
            address_line2: a.line2.clone(),
            city: Some(a.city.clone()),
            state_province: a.province.clone(),
            postcode: a.postcode.clone(),
            country: Some(jur_name.clone()),
            country_code: Some(seed.country.clone()),
            extra: Default::default(),
        }),
        case_aml_summary: Some(AmlSummary {
            world_check_summary: summary(&aml.world_checks),
            lexis_nexis_check_summary: summary(&aml.lexis_nexis_checks),
            extra: Default::default(),
        }),
        is_case_aml_positive: Some(aml_positive),
        all_ubos_identified: Some(if has_ubo || !is_company { "Yes" } else { "No" }.to_owned()),
        case_review_date: seed.review_date.clone(),
        step_data_source,
        extra: Default::default(),
    };

    let audit = audit_trail(
        ctx,
        &AuditFacts {
            day,
            name: &name,
            aml_only: seed.aml_only,
            status_id,
            status_name,
            assignee: assignee_name.as_deref(),
            decision,
            detailed: !lean,
        },
        &steps.groups,
        &notes,
    );

    let mut step_details = std::collections::BTreeMap::new();
    for d in steps.details {
        step_details.insert(d.case_step_id, d);
    }
    let mut record = CaseRecord {
        kind: Some(seed.kind),
        detail,
        properties,
        steps: steps.groups,
        step_details,
        notes,
        aml,
        documents,
        mandatory_company: if is_company {
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
        report_blob: None,
        deleted: false,
    };
    if built {
        record.report_blob = Some(match &ctx.shared_report {
            Some(shared) => shared.clone(),
            None => {
                let id = ctx.id().to_string();
                ctx.blobs.insert(
                    id.clone(),
                    Blob {
                        content_type: "application/pdf".to_owned(),
                        file_name: format!("report-{}.pdf", seed.id),
                        bytes: pdf::case_report(&record),
                    },
                );
                id
            }
        });
    }
    record
}

/// What the audit trail of a case is written from.
struct AuditFacts<'a> {
    day: u32,
    name: &'a str,
    aml_only: bool,
    status_id: i64,
    status_name: &'a str,
    assignee: Option<&'a str>,
    decision: Option<&'a str>,
    /// Step reviews and notes too (not in scale mode).
    detailed: bool,
}

/// The audit trail, newest first: creation, build, assignment, reviewed steps, notes (at their
/// own times) and the decision last. Ids ascend with time.
fn audit_trail(
    ctx: &mut Ctx<'_>,
    f: &AuditFacts<'_>,
    groups: &[StepGroup],
    notes: &std::collections::BTreeMap<Id, Vec<StepNote>>,
) -> Vec<AuditEntry> {
    type Line = (String, String, &'static str, Option<String>, String);
    let at = |minute: u32| dates::iso(f.day, minute);
    let mut lines: Vec<Line> = Vec::new();
    let kind = if f.aml_only { "AML-only" } else { "Full KYC" };
    lines.push((
        at(9 * 60),
        "api-client".to_owned(),
        "Case created",
        None,
        format!("{kind} case created for {}", f.name),
    ));
    let build_action = match f.status_id {
        3 => "Case built",
        8 => "Case build failed",
        _ => "Case build in progress",
    };
    let status = format!("Status {} ({})", f.status_id, f.status_name);
    lines.push((
        at(9 * 60 + 12),
        "system".to_owned(),
        build_action,
        None,
        status,
    ));
    if let Some(u) = f.assignee {
        lines.push((
            at(10 * 60),
            "Compliance Admin".to_owned(),
            "Case assigned",
            None,
            format!("Assigned to {u}"),
        ));
    }
    let reviewer = f.assignee.unwrap_or("Compliance Admin").to_owned();
    if f.detailed {
        let mut minute = 24 * 60 + 9 * 60;
        for s in groups.iter().flat_map(|g| &g.steps) {
            if matches!(s.status, StepStatus::Passed | StepStatus::Failed) {
                minute += 7;
                let change = format!("NotReviewed → {}", s.status);
                lines.push((
                    at(minute),
                    reviewer.clone(),
                    "Step status changed",
                    s.name.clone(),
                    change,
                ));
            }
        }
        for (step_id, ns) in notes {
            let step_name = groups
                .iter()
                .flat_map(|g| &g.steps)
                .find(|s| s.case_step_id == *step_id)
                .and_then(|s| s.name.clone());
            for n in ns {
                lines.push((
                    n.created_on.clone().unwrap_or_default(),
                    n.created_by.clone().unwrap_or_default(),
                    "Note added",
                    step_name.clone(),
                    n.note.clone().unwrap_or_default(),
                ));
            }
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(dec) = f.decision {
        let last = lines.last().map(|l| l.0.clone()).unwrap_or_default();
        // Closed at the end of a working day, after the last recorded activity.
        let closed = (0..400)
            .map(|d| dates::iso(f.day + d, 17 * 60))
            .find(|t| *t > last)
            .unwrap_or(last);
        lines.push((
            closed,
            reviewer,
            "Case closed",
            None,
            format!("Decision: {dec}"),
        ));
    }
    let mut audit: Vec<AuditEntry> = lines
        .into_iter()
        .map(|(time, user, action, step, details)| AuditEntry {
            audit_id: ctx.id(),
            time_stamp: Some(time),
            user_name: Some(user),
            action: Some(action.to_owned()),
            step_name: step,
            details: Some(details),
            extra: Default::default(),
        })
        .collect();
    audit.reverse();
    audit
}

/// Where AML screening results come from.
fn aml_sources(at: &str) -> StepDataSource {
    let source = |title: &str, source: &str, domain: &str| DataSource {
        title: Some(title.to_owned()),
        source: Some(source.to_owned()),
        source_domain: Some(domain.to_owned()),
        collection_date_timestamp: Some(at.to_owned()),
        extra: Default::default(),
    };
    StepDataSource {
        step_name: Some("AML screening".to_owned()),
        data_sources: vec![
            source("World-Check One", "LSEG World-Check", "lseg.com"),
            source(
                "Bridger Insight XG",
                "LexisNexis Risk Solutions",
                "risk.lexisnexis.com",
            ),
        ],
        extra: Default::default(),
    }
}

/// The status name of a building status id.
pub fn building_name(status_id: i64) -> &'static str {
    match status_id {
        50 => "Queued",
        51 => "Retrieving registry data",
        52 => "Retrieving documents",
        53 => "Screening officers",
        54 => "Screening shareholders",
        55 => "Building ownership structure",
        56 => "AML screening",
        _ => "Finalising",
    }
}
