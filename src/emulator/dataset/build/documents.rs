//! The "Documents" group and the case's document listing, with a small PDF per document.

use super::steps::details_of;
use super::{CaseBuilder, DOCUMENT_BASE};
use crate::api::{CaseDocuments, DocumentRef, StepDocument};
use crate::emulator::dataset::dates;
use crate::emulator::pdf;
use crate::emulator::store::Blob;

/// (listing group, document, category) a case is expected to hold.
type Wanted = (&'static str, String, String);

/// How long a document of a category stays valid, in days from its issue: an extract of a
/// register or a proof of address is taken as current for three months, an annual return for
/// a year, an identity document for ten; the rest do not expire.
fn valid_days(category: &str) -> Option<u32> {
    match category {
        "RegisterExtract" | "BusinessProfile" | "poa" => Some(90),
        "AnnualReturn" => Some(365),
        "photoid" => Some(3650),
        _ => None,
    }
}

impl CaseBuilder<'_, '_> {
    /// What the case should hold: the jurisdiction's mandatory documents and, with owners,
    /// the ownership evidence (companies); identity, selfie and address proof (individuals).
    fn wanted_documents(&self) -> Vec<Wanted> {
        let own = |a: &'static str, b: &str, c: &str| (a, b.to_owned(), c.to_owned());
        if !self.is_company {
            return vec![
                own("Proof of Identity", "Passport", "photoid"),
                own("Proof of Identity", "Selfie", "selfie"),
                own("Proof of Address", "Utility Bill", "poa"),
            ];
        }
        let mut v: Vec<Wanted> = self
            .jur
            .map(|j| {
                j.mandatory
                    .iter()
                    .map(|m| own("Company Identity Documents", &m.doc, &m.category))
                    .collect()
            })
            .unwrap_or_default();
        if !self.seed.holders.is_empty() {
            v.push(own(
                "Ownership Documents",
                "Register of Members",
                "Register",
            ));
            v.push(own(
                "Ownership Documents",
                "Group Structure Chart",
                "StructureChart",
            ));
        }
        v
    }

    /// Stores a PDF for a document and returns its id.
    fn document_blob(&mut self, doc: &str, category: &str, issued_day: u32) -> String {
        if let Some(shared) = &self.ctx.shared_document {
            return shared.clone();
        }
        let id = self.ctx.id().to_string();
        let issuer = if self.is_company {
            self.registry.as_str()
        } else {
            "Issuing authority"
        };
        let reg = self.seed.registration_number.as_deref().unwrap_or("-");
        let lines = vec![
            format!("Subject: {}", self.name),
            format!("Case: {}", self.seed.id),
            format!("Document: {doc}"),
            format!("Category: {category}"),
            format!("Issued by: {issuer}"),
            format!("Issued on: {}", dates::ymd_string(issued_day)),
            format!("Registration number: {reg}"),
            format!("Address: {}", self.full_address),
        ];
        self.ctx.blobs.insert(
            id.clone(),
            Blob {
                content_type: "application/pdf".to_owned(),
                file_name: format!("{}.pdf", doc.replace(' ', "_")),
                bytes: pdf::text_pdf(doc, &lines),
            },
        );
        id
    }

    /// The expiry date an expiry alert of the case gives the document, if one names it (so the
    /// listing and the alert agree).
    fn alerted_expiry(&self, doc: &str) -> Option<String> {
        self.seed
            .alerts
            .iter()
            .flat_map(|a| a.changes.iter())
            .filter_map(|c| c.expiration_alert.as_ref())
            .find(|e| e.name.as_deref() == Some(doc))
            .and_then(|e| e.expiration_date.as_deref())
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%d/%m/%Y").ok())
            .map(|d| d.format("%Y-%m-%d").to_string())
    }

    /// One document step per listing group; AML-only cases have none. Missing documents show in
    /// the step as unavailable and are not listed. Scale mode lists one document per case.
    pub(super) fn documents(&mut self) -> CaseDocuments {
        let mut listing = CaseDocuments {
            case_common_id: self.seed.id,
            name: Some(self.name.clone()),
            ..Default::default()
        };
        if self.seed.aml_only {
            return listing;
        }
        let mut per_group: Vec<(&'static str, Vec<StepDocument>)> = Vec::new();
        for (i, (group, doc, category)) in self.wanted_documents().into_iter().enumerate() {
            let missing = self.seed.missing_documents.contains(&doc);
            let verification = match (missing, i % 3) {
                (true, _) => "Pending",
                (false, 2) => "NotVerified",
                _ => "Verified",
            };
            let mut sd = StepDocument {
                category: Some(category.clone()),
                document_available: !missing,
                verification_status: Some(verification.to_owned()),
                name: Some(doc.clone()),
                ..Default::default()
            };
            if !missing && (!self.lean || i == 0) {
                let issued = self.seed.created_day.saturating_sub(3 + i as u32);
                let expires = self
                    .alerted_expiry(&doc)
                    .or_else(|| valid_days(&category).map(|n| dates::ymd_string(issued + n)));
                sd.issue_date = Some(dates::ymd_string(issued));
                sd.expiry_date = expires.clone();
                let doc_id = self.document_blob(&doc, &category, issued);
                let link = format!("{DOCUMENT_BASE}{doc_id}");
                sd.case_document_id = doc_id.parse().ok();
                sd.link = Some(link.clone());
                let source = if self.is_company {
                    self.registry.clone()
                } else {
                    "Uploaded".to_owned()
                };
                listing
                    .documents
                    .entry(group.to_owned())
                    .or_default()
                    .push(DocumentRef {
                        link: Some(link),
                        category: Some(category),
                        name: Some(format!("{doc} <{}>", dates::dmy(issued))),
                        data_source: Some(source),
                        issue_date: Some(dates::ymd_string(issued)),
                        expiry_date: expires,
                        extra: Default::default(),
                    });
            }
            match per_group.iter_mut().find(|(g, _)| *g == group) {
                Some((_, v)) => v.push(sd),
                None => per_group.push((group, vec![sd])),
            }
        }
        for (group, docs) in per_group {
            let status = self.next_status(false);
            let step = self.step(group, "Document", status);
            let details = (!self.lean).then(|| {
                let mut d = details_of(&step);
                d.documents = docs;
                d
            });
            self.steps.add("Documents", step, details, "Document");
        }
        for v in listing.documents.values_mut() {
            v.shrink_to_fit();
        }
        listing
    }
}
