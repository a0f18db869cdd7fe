//! The case details (`common`, `company`/`individual`, address, AML summary, data sources), the
//! case properties, and the audit trail written from them.

use super::CaseBuilder;
use super::audit::{self, AuditFacts};
use crate::api::{
    AmlChecks, AmlMatch, AmlSummary, AuditEntry, CaseAddress, CaseCommon, CaseDetails, CompanyInfo,
    DataSource, Id, IndividualInfo, Property, StepDataSource, StepNote,
};
use crate::emulator::dataset::seed::Lifecycle;
use std::collections::BTreeMap;

/// `status`, `statusId`, `statusName`, `caseDecision` of a lifecycle.
fn status_of(life: &Lifecycle) -> (&'static str, i64, &'static str, Option<&'static str>) {
    match life {
        Lifecycle::Building(s) => ("Open", *s, building_name(*s), None),
        Lifecycle::Ready => ("Open", 3, "Ready", None),
        Lifecycle::Closed { accepted } => (
            "Closed",
            3,
            "Ready",
            Some(if *accepted { "Accepted" } else { "Denied" }),
        ),
        Lifecycle::Failed => ("Open", 8, "Failed", None),
    }
}

fn summary(matches: &[AmlMatch]) -> Option<String> {
    Some(
        if matches.is_empty() {
            "NoMatches"
        } else {
            "HasMatches"
        }
        .to_owned(),
    )
}

impl CaseBuilder<'_, '_> {
    fn assignee_name(&self) -> Option<String> {
        self.seed
            .assignee
            .and_then(|u| self.ctx.users.get(&u).cloned())
    }

    /// Properties: registry facts for companies, then whatever the seed adds.
    fn properties(&self) -> Vec<Property> {
        let s = &self.seed;
        let mut properties = Vec::new();
        if self.is_company {
            if let Some(r) = &s.registration_number {
                properties.push(Property::new("Registration Number", r.clone()));
            }
            if let Some(i) = &s.incorporated {
                properties.push(Property::new(incorporation_label(s), i.clone()));
            }
            if !s.is_trust() {
                properties.push(Property::new("Company Status", "Active"));
            }
        }
        for (k, v) in &s.extra_properties {
            properties.push(Property::new(k.clone(), v.clone()));
        }
        properties
    }

    fn identity_source(&self) -> StepDataSource {
        let (title, source, domain) = if self.is_company {
            (
                format!("{} extract", self.registry),
                self.registry.clone(),
                self.jur.map_or_else(String::new, |j| j.domain.clone()),
            )
        } else {
            (
                "Electronic identity verification".to_owned(),
                "GBG ID3global".to_owned(),
                "gbgplc.com".to_owned(),
            )
        };
        StepDataSource {
            step_name: Some("Identity".to_owned()),
            data_sources: vec![DataSource {
                title: Some(title),
                source: Some(source),
                source_domain: Some(domain),
                collection_date_timestamp: Some(self.created.clone()),
                extra: Default::default(),
            }],
            extra: Default::default(),
        }
    }

    pub(super) fn details(&self, aml: &AmlChecks) -> (CaseDetails, Vec<Property>) {
        let s = &self.seed;
        let (status, status_id, status_name, decision) = status_of(&s.lifecycle);
        let built = matches!(status_id, 3 | 8);
        let assignee = self.assignee_name();
        let properties = self.properties();
        let (mut company, mut individual) = (None, None);
        // Internal ids of the company/individual part, derived from the case id.
        let local: Id = s.id - 1_000_000_000;
        if self.is_company {
            company = Some(CompanyInfo {
                case_company_id: Some(local + 500_000),
                entity_name: Some(self.name.clone()),
                country_code: Some(s.country.clone()),
                company_type: s.company_type.clone(),
                // Held once, in the property list; the detail's map is made from it on read.
                properties: Default::default(),
                extra: Default::default(),
            });
        } else {
            individual = Some(IndividualInfo {
                case_individual_id: Some(local + 700_000),
                first_name: Some(s.first_name.clone()),
                last_name: Some(s.last_name.clone()),
                birth_date: s.birth_date.clone(),
                country_code: Some(s.country.clone()),
                country: Some(self.jur_name.clone()),
                nationality: s.nationality.clone(),
                extra: Default::default(),
            });
        }
        let mut step_data_source = vec![self.identity_source()];
        if !self.lean {
            step_data_source.push(aml_sources(&self.ready_at));
        }
        let a = &s.address;
        let detail = CaseDetails {
            common: CaseCommon {
                case_common_id: s.id,
                case_customer_id: Some(format!("KYC-2026-{:06}", s.id % 1_000_000)),
                case_type: Some(if self.is_company { 1 } else { 2 }),
                type_string: Some(
                    if self.is_company {
                        "Company"
                    } else {
                        "Individual"
                    }
                    .to_owned(),
                ),
                complete: Some(crate::emulator::db::percent_built(Some(status_id))),
                status: Some(status.to_owned()),
                status_id: Some(status_id),
                status_name: Some(status_name.to_owned()),
                case_decision: decision.map(str::to_owned),
                case_description: s.description.clone(),
                country_name: Some(self.jur_name.clone()),
                risk_rating: Some(s.risk.clone()),
                case_ready_datetime: built.then(|| self.ready_at.clone()),
                is_aml_case: Some(s.aml_only),
                case_processing_type: Some(if s.aml_only { "AmlOnly" } else { "Full" }.to_owned()),
                scheduled_review_date: s.review_date.clone(),
                assigned_user_id: assignee.as_ref().and(s.assignee),
                assigned_user_name: assignee,
                extra: Default::default(),
            },
            company,
            individual,
            case_address: Some(CaseAddress {
                address: Some(self.full_address.clone()),
                raw_address: Some(self.full_address.to_uppercase()),
                address_line1: Some(a.line1.clone()),
                address_line2: a.line2.clone(),
                city: Some(a.city.clone()),
                state_province: a.province.clone(),
                postcode: a.postcode.clone(),
                country: Some(self.jur_name.clone()),
                country_code: Some(s.country.clone()),
                extra: Default::default(),
            }),
            case_aml_summary: Some(AmlSummary {
                world_check_summary: summary(&aml.world_checks),
                lexis_nexis_check_summary: summary(&aml.lexis_nexis_checks),
                extra: Default::default(),
            }),
            is_case_aml_positive: Some(aml.all().any(|(_, m)| !m.is_excluded)),
            // Derived from the ownership graph on read.
            all_ubos_identified: None,
            case_review_date: s.review_date.clone(),
            step_data_source,
            extra: Default::default(),
        };
        (detail, properties)
    }

    pub(super) fn audit(
        &mut self,
        detail: &CaseDetails,
        notes: &BTreeMap<Id, Vec<StepNote>>,
        aml: &AmlChecks,
    ) -> Vec<AuditEntry> {
        let c = &detail.common;
        let facts = AuditFacts {
            day: self.seed.created_day,
            name: &self.name,
            aml_only: self.seed.aml_only,
            status_id: c.status_id.unwrap_or_default(),
            status_name: c.status_name.as_deref().unwrap_or_default(),
            assignee: c.assigned_user_name.as_deref(),
            decision: c.case_decision.as_deref(),
            review_date: c.scheduled_review_date.as_deref(),
            detailed: !self.lean,
        };
        audit::audit_trail(self.ctx, &facts, &self.steps.groups, notes, aml)
    }
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

/// What the date a company came into being is called: a trust is settled, not incorporated.
pub(super) fn incorporation_label(s: &crate::emulator::dataset::seed::CaseSeed) -> &'static str {
    if s.is_trust() {
        "Date of settlement"
    } else {
        "Incorporation Date"
    }
}

/// The status name of a building status id.
fn building_name(status_id: i64) -> &'static str {
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
