//! The documents pane and its forms drawn on a `TestBackend` at 80×24 and 120×40, checked with
//! insta snapshots.

use kyc_console::api::*;
use kyc_console::app::docs::DocsPane;
use kyc_console::app::{CaseView, Mode, Remote, Session, State, View, docs_form};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn doc(group_link: u32, name: &str, category: &str, source: &str) -> DocumentRef {
    DocumentRef {
        link: Some(format!(
            "https://api-uat.knowyourcustomer.com/v2/document/{group_link}"
        )),
        category: Some(category.into()),
        name: Some(name.into()),
        data_source: Some(source.into()),
        ..Default::default()
    }
}

fn step_doc(id: Option<i64>, name: &str, category: &str, status: &str) -> StepDocument {
    StepDocument {
        category: Some(category.into()),
        document_available: id.is_some(),
        verification_status: Some(status.into()),
        case_document_id: id,
        name: Some(name.into()),
        ..Default::default()
    }
}

fn pane() -> DocsPane {
    let mut listing = CaseDocuments::default();
    listing.documents.insert(
        "Company Identity Documents".into(),
        vec![
            doc(
                3368,
                "Certificate of Incorporation <26/01/2007>",
                "Certificate",
                "Companies House",
            ),
            doc(
                3369,
                "Confirmation Statement <02/02/2026>",
                "AnnualReturn",
                "Companies House",
            ),
        ],
    );
    listing.documents.insert(
        "Uploaded Documents".into(),
        vec![doc(
            4001,
            "Board minutes\u{202e}fdp.exe",
            "Other",
            "Uploaded",
        )],
    );
    let steps = vec![StepDetails {
        name: Some("Company Identity Documents".into()),
        documents: vec![
            step_doc(
                Some(3368),
                "Certificate of Incorporation",
                "Certificate",
                "Verified",
            ),
            step_doc(None, "Articles of Association", "Articles", "Pending"),
            step_doc(
                Some(3369),
                "Confirmation Statement",
                "AnnualReturn",
                "NotVerified",
            ),
        ],
        ..Default::default()
    }];
    let rule = |n: &str, other: &[&str]| MandatoryDocument {
        data_source: Some("Companies House".into()),
        mandatory_document: Some(n.into()),
        other_names: other.iter().map(|s| (*s).to_owned()).collect(),
        ..Default::default()
    };
    let mut p = DocsPane {
        kind: CaseKind::Company,
        case: 1000003001,
        title: "Northbridge Capital Holdings Limited".into(),
        listing: Remote::default(),
        mandatory: Remote::default(),
        steps: Remote::default(),
        selected: 1,
        check: None,
    };
    p.listing.set(Box::new(listing));
    p.steps.set(steps);
    p.mandatory.set(vec![
        rule(
            "Certificate of Incorporation",
            &["Incorporation Certificate"],
        ),
        rule("Articles of Association", &["Memorandum and Articles"]),
        rule("Confirmation Statement", &["Annual Return", "CS01"]),
    ]);
    p
}

fn state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let p = pane();
    s.case = Some(CaseView::new(p.kind, p.case, p.title.clone()));
    s.docs = Some(p);
    s.view = View::Docs;
    s
}

fn draw(s: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    t.draw(|f| kyc_console::ui::draw(s, f)).expect("draw");
    format!("{}", t.backend())
}

fn both(name: &str, s: &State) {
    insta::assert_snapshot!(format!("{name}_80x24"), draw(s, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), draw(s, 120, 40));
}

#[test]
fn documents_with_the_missing_marked() {
    both("docs_listing", &state());
}

#[test]
fn documents_loading_and_failed() {
    let mut s = state();
    if let Some(p) = s.docs.as_mut() {
        p.listing = Remote::default();
        p.steps = Remote::default();
        p.mandatory = Remote::default();
        p.mandatory.fail(kyc_console::app::Failure {
            summary: "HTTP 500 from GET /v2/Companies/{id}/documents/rules/mandatory".into(),
            details: vec!["Registry unavailable".into()],
        });
    }
    // The listing is on its way: its slot has a request in flight.
    s.next_req += 1;
    s.latest
        .insert(kyc_console::app::Slot::Documents, s.next_req);
    both("docs_loading", &s);
}

/// An individual's pane: categories by code, the selfie missing.
fn individual() -> DocsPane {
    let mut listing = CaseDocuments::default();
    listing.documents.insert(
        "Proof of Identity".into(),
        vec![doc(5001, "Passport <17/06/2026>", "photoid", "Uploaded")],
    );
    listing.documents.insert(
        "Proof of Address".into(),
        vec![doc(5002, "Utility Bill <15/06/2026>", "poa", "Uploaded")],
    );
    let mut p = pane();
    p.kind = CaseKind::Individual;
    p.case = 1000003224;
    p.title = "Наталья Иванова".into();
    p.listing.set(Box::new(listing));
    p.steps.set(vec![StepDetails {
        name: Some("Proof of Identity".into()),
        documents: vec![
            step_doc(Some(5001), "Passport", "photoid", "Verified"),
            step_doc(None, "Selfie", "selfie", "Pending"),
        ],
        ..Default::default()
    }]);
    let rule = |n: &str| MandatoryDocument {
        mandatory_document: Some(n.into()),
        ..Default::default()
    };
    p.mandatory
        .set(vec![rule("photoid"), rule("selfie"), rule("poa")]);
    p
}

#[test]
fn prevalidation_result_below_the_list() {
    let mut s = state();
    let p = individual();
    s.case = Some(CaseView::new(p.kind, p.case, p.title.clone()));
    s.docs = Some(p);
    if let Some(p) = s.docs.as_mut() {
        p.check = Some((
            "~/scans/notes.txt".into(),
            PrevalidateResult {
                is_valid: false,
                prevalidation_messages: vec![KeyValue {
                    key: Some("file".into()),
                    value: Some("notes.txt: text/plain is not a PDF or an image".into()),
                }],
                ..Default::default()
            },
        ));
    }
    both("docs_prevalidation", &s);
}

#[test]
fn the_upload_form() {
    let mut s = state();
    let mut fx = Vec::new();
    docs_form::open_upload(&mut s, Some("Articles".into()), &mut fx);
    if let Mode::Docs(f) = &mut s.mode {
        f.paste("~/scans/art");
    }
    let entries = ["articles-2007.pdf", "articles-2019.pdf", "passport.pdf"]
        .map(|n| kyc_console::app::docs_paths::Entry {
            name: n.into(),
            is_dir: false,
        })
        .to_vec();
    docs_form::completed(&mut s, "~/scans/art", Ok(entries));
    both("docs_upload_form", &s);
}

#[test]
fn the_request_form_with_a_problem() {
    let mut s = state();
    let mut fx = Vec::new();
    docs_form::open_request(&mut s, Some("cfo@northbridge".into()), &mut fx);
    if let Mode::Docs(f) = &mut s.mode {
        f.form.validate();
    }
    both("docs_request_form", &s);
}
