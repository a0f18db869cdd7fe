//! What a reader sees of a case, derived from the store when it is read.
//!
//! The store holds each fact once: a property in `CaseRecord::properties`, a name in the case's
//! own details, a step's status in its list entry, a deletion in the deleted case. Every answer
//! that repeats a fact elsewhere (the detail's `company.properties`, a step's details, an
//! identity step's fields, a linked case's name, the document listing's subject, the report) is
//! built here from that one place, so a write cannot forget a copy and no answer points at a
//! deleted case.

use super::db::{Db, kind_of};
use super::ownership;
use super::pdf;
use super::store::CaseRecord;
use crate::api::{
    AmlMatch, CaseDetails, CaseDocuments, CaseKind, Id, Step, StepDetails, StepField, StepGroup,
};

impl Db {
    /// Whether a case exists and was not deleted.
    pub fn is_live(&self, id: Id) -> bool {
        self.store.cases.get(&id).is_some_and(|r| !r.deleted)
    }

    /// The case detail: `common` as it stands now, the company's properties from the property
    /// list, and whether the ownership is traced to named persons, from the ownership graph.
    pub fn details_view(&self, rec: &CaseRecord) -> CaseDetails {
        let mut details = rec.detail.clone();
        details.common = self.common_view(rec);
        details.company = rec.company();
        details.all_ubos_identified = Some(
            if ownership::all_ubos_identified(self, rec) {
                "Yes"
            } else {
                "No"
            }
            .to_owned(),
        );
        details
    }

    /// A step as a reader sees it: absent when it points at a deleted case; named after the
    /// case it points at as that case is named now.
    fn step_view(&self, step: &Step) -> Option<Step> {
        let mut step = step.clone();
        if let Some(linked) = step.linked_case_common_id {
            let target = self.store.cases.get(&linked);
            if target.is_some_and(|t| t.deleted) {
                return None;
            }
            if let Some(t) = target {
                step.name = Some(t.name());
            }
        }
        Some(step)
    }

    /// `GET /v2/CaseSteps/{id}`: groups in order, steps pointing at deleted cases left out (and
    /// a group left empty by that with them), totals counted from what is shown.
    pub fn steps_view(&self, rec: &CaseRecord) -> Vec<StepGroup> {
        rec.steps
            .iter()
            .filter_map(|g| {
                let steps: Vec<Step> = g.steps.iter().filter_map(|s| self.step_view(s)).collect();
                if steps.is_empty() && !g.steps.is_empty() {
                    return None;
                }
                Some(StepGroup {
                    total: Some(steps.len() as i64),
                    steps,
                    ..g.clone()
                })
            })
            .collect()
    }

    /// A step's details: what is particular to its type as stored, the step's own fields from
    /// its list entry, identity and address fields from the case's details, a linked case as
    /// it is now. `None` for an unknown step or one that points at a deleted case.
    pub fn step_details_view(&self, rec: &CaseRecord, step_id: Id) -> Option<StepDetails> {
        let step = self.step_view(rec.step(step_id)?)?;
        let mut d = rec.step_details.get(&step_id).cloned().unwrap_or_default();
        d.case_step_id = step.case_step_id;
        d.name = step.name.clone();
        d.step_type = step.step_type.clone();
        d.status = step.status.clone();
        d.is_deactivated = step.is_deactivated;
        match step.step_type.as_deref() {
            Some("Identity") => refresh_fields(&mut d.fields, &identity_facts(rec)),
            Some("Address") => refresh_fields(&mut d.fields, &address_facts(rec)),
            _ => {}
        }
        // A match is held once, in the case's AML checks; the step shows it from there.
        let held = |m: &AmlMatch| {
            rec.aml
                .all()
                .map(|(_, x)| x)
                .find(|x| {
                    x.case_step_id == step_id && (m.match_id.is_none() || x.match_id == m.match_id)
                })
                .cloned()
        };
        for m in d.aml_match.iter_mut().chain(d.aml_matches.iter_mut()) {
            if let Some(now) = held(m) {
                *m = now;
            }
        }
        if let Some(target) = step
            .linked_case_common_id
            .and_then(|id| self.store.cases.get(&id))
        {
            refresh_fields(&mut d.fields, &[("Name", Some(target.name()))]);
            if let Some(lc) = d.linked_case.as_mut() {
                lc.name = Some(target.name());
                lc.case_type = Some(
                    match kind_of(target) {
                        CaseKind::Company => "Company",
                        CaseKind::Individual => "Individual",
                    }
                    .to_owned(),
                );
                if let Some(country) = country_of(target) {
                    lc.properties.insert("Country".to_owned(), country.into());
                }
            }
        }
        Some(d)
    }

    /// `GET …/documents`: the listing under the subject's name as it is now.
    pub fn documents_view(&self, rec: &CaseRecord) -> CaseDocuments {
        CaseDocuments {
            case_common_id: rec.detail.common.case_common_id,
            name: Some(rec.name()),
            ..rec.documents.clone()
        }
    }

    /// `GET …/report`: the case as it is now (status, decision, steps, matches).
    pub fn report(&self, rec: &CaseRecord) -> Vec<u8> {
        pdf::case_report(&self.details_view(rec), &self.steps_view(rec), &rec.aml)
    }
}

/// The company's or the person's country code.
fn country_of(rec: &CaseRecord) -> Option<String> {
    rec.detail
        .company
        .as_ref()
        .and_then(|c| c.country_code.clone())
        .or_else(|| rec.detail.individual.as_ref()?.country_code.clone())
}

/// The identity step's labelled facts, by the labels the datasets use.
fn identity_facts(rec: &CaseRecord) -> Vec<(&'static str, Option<String>)> {
    let mut facts = vec![("Name", Some(rec.name()))];
    if let Some(c) = &rec.detail.company {
        facts.push(("Entity name", c.entity_name.clone()));
    }
    if let Some(i) = &rec.detail.individual {
        facts.extend([
            ("First name", i.first_name.clone()),
            ("Last name", i.last_name.clone()),
            ("Date of birth", i.birth_date.clone()),
            ("Nationality", i.nationality.clone()),
        ]);
    }
    facts
}

/// The address step's labelled facts.
fn address_facts(rec: &CaseRecord) -> Vec<(&'static str, Option<String>)> {
    let Some(a) = &rec.detail.case_address else {
        return Vec::new();
    };
    vec![
        ("Address", a.address.clone()),
        ("Address line 1", a.address_line1.clone()),
        ("Address line 2", a.address_line2.clone()),
        ("City", a.city.clone()),
        ("Postcode", a.postcode.clone()),
        ("Country", a.country.clone()),
    ]
}

/// Gives each field one of `facts` names the value the fact has now; other fields stay.
fn refresh_fields(fields: &mut [StepField], facts: &[(&str, Option<String>)]) {
    for f in fields.iter_mut() {
        if let Some((_, v)) = facts
            .iter()
            .find(|(label, _)| f.label.as_deref() == Some(label))
        {
            f.value = Some(v.clone().unwrap_or_default());
        }
    }
}
