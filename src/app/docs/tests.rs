use super::*;
use crate::api::{DocumentRef, StepDocument};
use crate::app::answers::on_done;

fn pane() -> DocsPane {
    let mut listing = CaseDocuments::default();
    listing.documents.insert(
        "Company Identity Documents".into(),
        vec![DocumentRef {
            link: Some("https://x/v2/document/77".into()),
            category: Some("Certificate".into()),
            name: Some("Certificate of Incorporation <01/02/2020>".into()),
            ..DocumentRef::default()
        }],
    );
    let steps = vec![StepDetails {
        name: Some("Company Identity Documents".into()),
        documents: vec![
            StepDocument {
                category: Some("Certificate".into()),
                document_available: true,
                verification_status: Some("Verified".into()),
                case_document_id: Some(77),
                ..StepDocument::default()
            },
            StepDocument {
                category: Some("Articles".into()),
                name: Some("Articles of Association".into()),
                document_available: false,
                verification_status: Some("Pending".into()),
                ..StepDocument::default()
            },
        ],
        ..StepDetails::default()
    }];
    let rule = |n: &str| MandatoryDocument {
        mandatory_document: Some(n.into()),
        ..MandatoryDocument::default()
    };
    let mut p = DocsPane {
        kind: CaseKind::Company,
        case: 1,
        title: "T".into(),
        listing: Remote::default(),
        mandatory: Remote::default(),
        steps: Remote::default(),
        selected: 0,
        check: None,
    };
    p.listing.set(Box::new(listing));
    p.steps.set(steps);
    p.mandatory.set(vec![
        rule("Certificate of Incorporation"),
        rule("Articles of Association"),
    ]);
    p
}

#[test]
fn listing_is_grouped_with_status_and_missing_documents() {
    let rows = rows(&pane());
    assert_eq!(rows[0], Row::Group("Company Identity Documents".into()));
    let Row::Doc(d) = &rows[1] else {
        panic!("a document row, not {:?}", rows[1]);
    };
    assert_eq!(d.document.as_deref(), Some("77"));
    assert_eq!(d.verification.as_deref(), Some("Verified"));
    let Row::Doc(missing) = &rows[2] else {
        panic!("the missing step document");
    };
    assert!(!missing.available && missing.document.is_none());
    assert_eq!(rows[3], Row::MandatoryHeader);
    assert!(matches!(&rows[4], Row::Mandatory(m) if m.present));
    assert!(matches!(&rows[5], Row::Mandatory(m) if !m.present
        && m.category.as_deref() == Some("Articles")));
}

#[test]
fn missing_categories_come_first_and_requests_name_them() {
    let p = pane();
    assert_eq!(categories(&p), vec!["Articles", "Certificate", "Other"]);
    assert_eq!(missing(&p), vec!["Articles of Association"]);
}

#[test]
fn downloads_are_named_and_reported() {
    let d = |t: &str| Download {
        content_type: Some(t.into()),
        file_name: None,
        bytes: Vec::new(),
    };
    assert_eq!(
        fallback_name("case-7-report", &d("application/pdf")),
        "case-7-report.pdf"
    );
    assert_eq!(
        fallback_name("document-9", &d("application/zip")),
        "document-9"
    );
    let mut s = State::new(Session::default());
    on_saved(&mut s, Saved::Saved(PathBuf::from("/dl/r.pdf")));
    assert_eq!(
        s.status.as_ref().map(|l| l.text.as_str()),
        Some("saved to /dl/r.pdf")
    );
    on_saved(&mut s, Saved::Failed("disk full".into()));
    assert!(s.status.as_ref().is_some_and(|l| l.tone == Tone::Error));
}

#[test]
fn a_report_answer_becomes_a_save() {
    let mut s = State::new(Session::default());
    let mut fx = Vec::new();
    on_done(
        &mut s,
        Answer::Report(
            op::Report {
                kind: CaseKind::Company,
                id: 7,
            },
            Ok(Box::new(Download {
                content_type: Some("application/pdf".into()),
                file_name: Some("r.pdf".into()),
                bytes: b"%PDF".to_vec(),
            })),
        ),
        &mut fx,
    );
    assert!(matches!(&fx[..], [Effect::SaveDownload { fallback, .. }]
        if fallback == "case-7-report.pdf"));
}

#[test]
fn selection_skips_headers() {
    let mut s = State::new(Session::default());
    let mut p = pane();
    settle_selection(&mut p);
    assert_eq!(p.selected, 1);
    s.docs = Some(p);
    s.view = View::Docs;
    move_selection(&mut s, Action::Down, 5);
    move_selection(&mut s, Action::Down, 5);
    assert_eq!(s.docs.as_ref().map(|p| p.selected), Some(4));
    move_selection(&mut s, Action::Bottom, 5);
    assert_eq!(s.docs.as_ref().map(|p| p.selected), Some(5));
}
