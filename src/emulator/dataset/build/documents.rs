//! The "Documents" group and the case's document listing, with a small PDF per document.

use super::steps::details_of;
use super::{CaseBuilder, DOCUMENT_BASE};
use crate::api::{CaseDocuments, DocumentRef, StepDocument};
use crate::emulator::pdf;
use crate::emulator::store::Blob;

/// (listing group, document, category) a case is expected to hold.
type Wanted = (&'static str, String, String);

/// (document, category) a trust holds instead of a registry's documents; the first two are
/// mandatory. The deed dates from the settlement, the trustee's certificate is current.
pub(super) const TRUST_DOCUMENTS: [(&str, &str); 3] = [
    ("Trust Deed", "Articles"),
    ("Trustee's Certificate", "Incumbency"),
    ("Schedule of Beneficiaries", "Register"),
];

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
        if self.seed.is_trust() {
            return TRUST_DOCUMENTS
                .iter()
                .map(|(doc, category)| own("Trust Documents", doc, category))
                .collect();
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

    /// Stores a PDF for a document and returns its id; in scale mode, the specimen of its kind.
    fn document_blob(&mut self, doc: &str, category: &str, issued: &str) -> String {
        if self.lean {
            return self.specimen_blob(doc, category);
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
            format!("Issued on: {issued}"),
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

    /// The one blob of a kind of document that every case of a scale dataset links to, made the
    /// first time the kind is met.
    fn specimen_blob(&mut self, doc: &str, category: &str) -> String {
        if let Some(id) = self.ctx.specimens.get(doc) {
            return id.clone();
        }
        let id = self.ctx.id().to_string();
        let lines = vec![
            format!("Document: {doc}"),
            format!("Category: {category}"),
            "A specimen, generated for scale testing: every case's document of this kind links here."
                .to_owned(),
        ];
        self.ctx.blobs.insert(
            id.clone(),
            Blob {
                content_type: "application/pdf".to_owned(),
                file_name: format!("{}.pdf", doc.replace(' ', "_")),
                bytes: pdf::text_pdf(&format!("{doc} (specimen)"), &lines),
            },
        );
        self.ctx.specimens.insert(doc.to_owned(), id.clone());
        id
    }

    /// One document step per listing group; AML-only cases have none. Missing documents show in
    /// the step as unavailable and are not listed. Scale mode lists one document per case, which
    /// one varying from case to case.
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
        let wanted = self.wanted_documents();
        let listed_in_scale_mode = self.seed.id.unsigned_abs() as usize % wanted.len().max(1);
        for (i, (group, doc, category)) in wanted.into_iter().enumerate() {
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
            if !missing && (!self.lean || i == listed_in_scale_mode) {
                let (issued_on, expires_on) = self.validity(&doc, &category, i as u64);
                let issued = issued_on.format("%Y-%m-%d").to_string();
                let expires = expires_on.map(|d| d.format("%Y-%m-%d").to_string());
                sd.issue_date = Some(issued.clone());
                sd.expiry_date = expires.clone();
                let doc_id = self.document_blob(&doc, &category, &issued);
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
                        name: Some(format!("{doc} <{}>", issued_on.format("%d/%m/%Y"))),
                        data_source: Some(source),
                        issue_date: Some(issued),
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
