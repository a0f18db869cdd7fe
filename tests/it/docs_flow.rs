//! Flow tests of the documents pane: the real app and the emulator in one process. The listing
//! with the missing mandatory documents, downloads and the report (409 while the case builds),
//! uploads (and a missing file), pre-validation, requests (invalid contacts never sent), and
//! read-only mode.

use crate::common;

use common::Harness;
use crossterm::event::KeyCode;
use kyc_console::api::{CaseKind, CreateCompanyRequest, Download};
use kyc_console::app::docs::Row;
use kyc_console::app::{self, Effect, Mode, Msg, View};
use std::time::Duration;

/// One message through `update`, keeping the effects the harness does not carry out.
fn step(h: &mut Harness, msg: Msg) -> Vec<Effect> {
    if let Msg::Done { id, slot, .. } = &msg {
        h.fetcher.finished(*slot, *id);
    }
    let fx = app::update(&mut h.state, msg);
    let kept = fx
        .iter()
        .filter(|e| !matches!(e, Effect::Fetch { .. } | Effect::Cancel(_)))
        .cloned()
        .collect();
    h.apply(fx);
    kept
}

/// Like `Harness::settle`, returning the runtime's effects (saves, listings) it produced.
async fn settle_effects(h: &mut Harness) -> Vec<Effect> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let mut out = Vec::new();
    loop {
        while let Ok(msg) = h.rx.try_recv() {
            out.extend(step(h, msg));
        }
        if h.fetcher.in_flight() == 0 {
            break;
        }
        match tokio::time::timeout_at(deadline, h.rx.recv()).await {
            Ok(Some(msg)) => out.extend(step(h, msg)),
            Ok(None) => break,
            Err(_) => panic!("requests did not settle in 10 s"),
        }
    }
    out
}

fn downloads(fx: &[Effect]) -> Vec<(Download, String)> {
    fx.iter()
        .filter_map(|e| match e {
            Effect::SaveDownload {
                download, fallback, ..
            } => Some(((**download).clone(), fallback.clone())),
            _ => None,
        })
        .collect()
}

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

/// Open the first case the filter finds, then its documents.
async fn open_docs(h: &mut Harness, filter: &str) -> i64 {
    command(h, &format!("filter {filter}")).await;
    assert!(!h.state.cases.view().is_empty(), "the demo has {filter}");
    h.keys(&[KeyCode::Enter]).await;
    command(h, "docs").await;
    assert_eq!(h.state.view, View::Docs);
    h.state.docs.as_ref().expect("pane").case
}

/// Ctrl-S sends a form from any field.
async fn submit(h: &mut Harness) {
    h.ctrl('s');
    h.settle().await;
}

fn rows(h: &Harness) -> Vec<Row> {
    app::docs::rows(h.state.docs.as_ref().expect("pane"))
}

#[tokio::test]
async fn the_listing_is_grouped_and_the_missing_mandatory_document_is_marked() {
    let mut h = Harness::demo().await;
    open_docs(&mut h, "type:individual Иванова").await;
    let rows = rows(&h);
    assert!(
        matches!(&rows[0], Row::Group(g) if g == "Proof of Identity"),
        "{rows:?}"
    );
    let passport = rows
        .iter()
        .find_map(|r| match r {
            Row::Doc(d) if d.name.starts_with("Passport") => Some(d.clone()),
            _ => None,
        })
        .expect("the passport is listed");
    assert!(passport.available && passport.document.is_some());
    assert!(
        passport.verification.is_some(),
        "status from the document step"
    );
    let selfie = rows
        .iter()
        .find_map(|r| match r {
            Row::Mandatory(m) if m.name == "selfie" => Some(m.clone()),
            _ => None,
        })
        .expect("selfie is mandatory");
    assert!(!selfie.present, "the demo case lacks its selfie");
    let screen = h.screen(120, 40);
    assert!(screen.contains("✘ MISSING Selfie (selfie)"), "{screen}");
    assert!(screen.contains("✘ missing"), "{screen}");
    // Esc goes back to the case; D comes back.
    h.keys(&[KeyCode::Esc]).await;
    assert_eq!(h.state.view, View::Case);
    h.keys(&[KeyCode::Char('D')]).await;
    assert_eq!(h.state.view, View::Docs);
}

#[tokio::test]
async fn a_document_downloads_as_a_pdf_and_is_saved_without_overwriting() {
    let mut h = Harness::demo().await;
    open_docs(&mut h, "type:entity Northbridge").await;
    h.key(KeyCode::Enter);
    let fx = settle_effects(&mut h).await;
    let got = downloads(&fx);
    assert_eq!(got.len(), 1, "{fx:?}");
    let (d, fallback) = &got[0];
    assert!(d.bytes.starts_with(b"%PDF"));
    assert_eq!(d.content_type.as_deref(), Some("application/pdf"));
    assert!(fallback.starts_with("document-") && fallback.ends_with(".pdf"));
    let dir = tempfile::tempdir().expect("temp dir");
    let a = kyc_console::downloads::save(dir.path(), d, fallback).expect("saved");
    let b = kyc_console::downloads::save(dir.path(), d, fallback).expect("saved again");
    assert_ne!(a, b);
    assert!(b.to_string_lossy().contains(" (1)"), "{b:?}");
    assert_eq!(std::fs::read(&a).expect("read"), d.bytes);
    // The harness saved it too, off the UI thread, and the answer came back as a message.
    h.settle().await;
    let saved = h.dir.path().join("downloads");
    let status = h.status_text();
    assert!(
        status.starts_with(&format!("saved to {}", saved.display())),
        "{status}"
    );
    let files: Vec<_> = std::fs::read_dir(&saved)
        .expect("listed")
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(std::fs::read(files[0].path()).expect("read"), d.bytes);
}

#[tokio::test]
async fn the_report_of_a_case_still_building_says_so_then_downloads() {
    // New cases stay building until the test moves the emulator's clock.
    let mut h = Harness::on(
        common::emulator_with(kyc_console::emulator::Config {
            clock: kyc_console::emulator::Clock::frozen(),
            ..common::demo_config()
        })
        .await,
    )
    .await;
    let created = h
        .client
        .create_company(&CreateCompanyRequest {
            rawname: "Thames Valley Bakeries Limited".into(),
            codeiso31662: "GB".into(),
            ..Default::default()
        })
        .await
        .expect("created");
    let id = created.details.common.case_common_id;
    command(&mut h, &format!("case {id}")).await;
    h.key(KeyCode::Char(':'));
    h.type_text("report");
    h.key(KeyCode::Enter);
    let fx = settle_effects(&mut h).await;
    assert!(downloads(&fx).is_empty());
    let status = h.status_text();
    assert!(status.contains("still being built"), "{status}");
    h.emulator
        .clock()
        .advance(kyc_console::emulator::BUILD_TIME);
    h.key(KeyCode::Char(':'));
    h.type_text("report");
    h.key(KeyCode::Enter);
    let fx = settle_effects(&mut h).await;
    let got = downloads(&fx);
    assert_eq!(got.len(), 1, "{fx:?} {}", h.status_text());
    assert!(got[0].0.bytes.starts_with(b"%PDF"));
    assert_eq!(got[0].1, format!("case-{id}-report.pdf"));
}

#[tokio::test]
async fn uploading_a_missing_file_says_so_and_keeps_the_form() {
    let mut h = Harness::demo().await;
    let case = open_docs(&mut h, "type:entity Northbridge").await;
    command(&mut h, "upload /no/such/dir/passport.pdf").await;
    assert!(matches!(h.state.mode, Mode::Docs(_)));
    submit(&mut h).await;
    let status = h.status_text();
    assert!(
        status.contains("cannot read /no/such/dir/passport.pdf"),
        "{status}"
    );
    let Mode::Docs(f) = &h.state.mode else {
        panic!("the form stays open");
    };
    assert!(!f.form.sending);
    assert!(
        f.form
            .message
            .as_deref()
            .unwrap_or("")
            .contains("cannot read")
    );
    assert_eq!(f.text("file"), "/no/such/dir/passport.pdf");
    let listing = h
        .client
        .documents(CaseKind::Company, case)
        .await
        .expect("listing");
    assert!(!listing.documents.contains_key("Uploaded Documents"));
}

#[tokio::test]
async fn an_upload_is_listed_and_downloads_again() {
    let mut h = Harness::demo().await;
    let case = open_docs(&mut h, "type:individual Иванова").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("selfie.png");
    std::fs::write(&path, b"\x89PNG fake selfie").expect("written");
    // Enter on the missing mandatory selfie offers the upload form with its category.
    let at = rows(&h)
        .iter()
        .position(|r| matches!(r, Row::Mandatory(m) if !m.present))
        .expect("a missing row");
    if let Some(p) = h.state.docs.as_mut() {
        p.selected = at;
    }
    h.keys(&[KeyCode::Enter]).await;
    let Mode::Docs(f) = &h.state.mode else {
        panic!("the upload form");
    };
    assert_eq!(f.text("fileCat"), "selfie");
    h.type_text(&path.display().to_string());
    h.key(KeyCode::Down);
    h.type_text("Selfie of the customer");
    submit(&mut h).await;
    assert!(matches!(h.state.mode, Mode::Normal), "{}", h.status_text());
    assert!(h.status_text().contains("uploaded Selfie of the customer"));
    let uploaded = rows(&h)
        .into_iter()
        .find_map(|r| match r {
            Row::Doc(d) if d.name == "Selfie of the customer" => Some(d),
            _ => None,
        })
        .expect("the upload is listed after the reload");
    let selfie_present = rows(&h)
        .iter()
        .any(|r| matches!(r, Row::Mandatory(m) if m.name == "selfie" && m.present));
    assert!(selfie_present, "the selfie is no longer missing");
    let document = uploaded.document.expect("an id");
    let back = h
        .client
        .download_document(&document)
        .await
        .expect("download");
    assert_eq!(back.bytes, b"\x89PNG fake selfie");
    let trail = h
        .client
        .audit_trail(CaseKind::Individual, case)
        .await
        .expect("audit");
    assert!(
        trail
            .iter()
            .any(|a| a.action.as_deref() == Some("Document uploaded"))
    );
}

/// A file the sandbox's pre-validation rejects (its name says `-forged`) is answered with
/// messages [C]: the console reports a rejection, never "uploaded", and the slot stays missing.
#[tokio::test]
async fn an_upload_rejected_by_pre_validation_reads_as_a_rejection() {
    let mut h = Harness::demo().await;
    open_docs(&mut h, "type:individual Иванова").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("selfie-forged.png");
    std::fs::write(&path, b"\x89PNG fake selfie").expect("written");
    let at = rows(&h)
        .iter()
        .position(|r| matches!(r, Row::Mandatory(m) if !m.present))
        .expect("a missing row");
    if let Some(p) = h.state.docs.as_mut() {
        p.selected = at;
    }
    h.keys(&[KeyCode::Enter]).await;
    h.type_text(&path.display().to_string());
    h.key(KeyCode::Down);
    h.type_text("Selfie of the customer");
    submit(&mut h).await;
    let status = h.status_text();
    assert!(
        status.contains("Selfie of the customer was rejected by pre-validation"),
        "{status}"
    );
    assert!(!status.contains("uploaded"), "{status}");
    let selfie_present = rows(&h)
        .iter()
        .any(|r| matches!(r, Row::Mandatory(m) if m.name == "selfie" && m.present));
    assert!(!selfie_present, "a rejected file fills no slot");
}

#[tokio::test]
async fn path_completion_fills_the_file_field() {
    let mut h = Harness::demo().await;
    open_docs(&mut h, "type:entity Northbridge").await;
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["articles-2007.pdf", "articles-2019.pdf", "minutes.pdf"] {
        std::fs::write(dir.path().join(name), b"%PDF").expect("written");
    }
    let base = dir.path().display().to_string();
    let file = |h: &Harness| match &h.state.mode {
        Mode::Docs(f) => f.text("file"),
        _ => panic!("the form"),
    };
    // Tab asks the runtime to list the folder; the listing comes back as a message.
    let tab = [KeyCode::Tab];
    command(&mut h, &format!("upload {base}/m")).await;
    h.keys(&tab).await;
    assert_eq!(file(&h), format!("{base}/minutes.pdf"));
    h.ctrl('u');
    h.type_text(&format!("{base}/art"));
    h.keys(&tab).await;
    assert_eq!(file(&h), format!("{base}/articles-20"), "the common start");
    h.keys(&tab).await;
    assert_eq!(
        file(&h),
        format!("{base}/articles-2007.pdf"),
        "then each in turn"
    );
    h.keys(&tab).await;
    assert_eq!(file(&h), format!("{base}/articles-2019.pdf"));
    h.ctrl('u');
    h.type_text("/no/such/folder/x");
    h.keys(&tab).await;
    let Mode::Docs(f) = &h.state.mode else {
        panic!("the form");
    };
    let err = f.form.field("file").and_then(|x| x.error.clone());
    assert!(err.unwrap_or_default().contains("cannot list"));
}

#[tokio::test]
async fn prevalidation_shows_the_messages() {
    let mut h = Harness::demo().await;
    open_docs(&mut h, "type:individual Иванова").await;
    let dir = tempfile::tempdir().expect("temp dir");
    // A document the check rejects (the sandbox's rule for a name that says `-expired`).
    let path = dir.path().join("passport-expired.pdf");
    std::fs::write(&path, b"%PDF-1.4\n%%EOF\n").expect("written");
    command(&mut h, &format!("prevalidate {}", path.display())).await;
    submit(&mut h).await;
    let (_, r) = h
        .state
        .docs
        .as_ref()
        .and_then(|p| p.check.clone())
        .expect("a result");
    assert!(!r.is_valid);
    assert!(!r.prevalidation_messages.is_empty());
    let screen = h.screen(120, 40);
    assert!(screen.contains("✘ does not pass"), "{screen}");
    assert!(screen.contains("the document has expired"), "{screen}");
    // Companies have no pre-validation.
    open_docs(&mut h, "type:entity Northbridge").await;
    command(&mut h, "prevalidate").await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert!(h.status_text().contains("individual"));
}

#[tokio::test]
async fn invalid_contacts_are_never_sent_and_a_valid_request_is() {
    let mut h = Harness::demo().await;
    let case = open_docs(&mut h, "type:individual Иванова").await;
    let requested = |trail: &[kyc_console::api::AuditEntry]| {
        trail
            .iter()
            .filter(|a| a.action.as_deref() == Some("Documents requested"))
            .count()
    };
    let before = requested(
        &h.client
            .audit_trail(CaseKind::Individual, case)
            .await
            .expect("audit"),
    );
    command(&mut h, "request natalia@").await;
    let Mode::Docs(f) = &h.state.mode else {
        panic!("the request form");
    };
    assert_eq!(f.text("documents"), "selfie", "the missing one to start");
    submit(&mut h).await;
    assert!(h.status_text().contains("not an e-mail address"));
    // The focus is on the address (the first field to fix): finish it. A bad phone next to a
    // good address is refused too: both are checked.
    h.type_text("example.com");
    h.key(KeyCode::Down);
    h.type_text("12ab");
    submit(&mut h).await;
    assert!(
        h.status_text().contains("not a phone number"),
        "{}",
        h.status_text()
    );
    let after = requested(
        &h.client
            .audit_trail(CaseKind::Individual, case)
            .await
            .expect("audit"),
    );
    assert_eq!(after, before, "nothing invalid reached the server");
    h.ctrl('u');
    h.type_text("+44 7700 900123");
    submit(&mut h).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    let status = h.status_text();
    assert!(
        status.contains("request sent to natalia@example.com — access code"),
        "{status}"
    );
    let after = requested(
        &h.client
            .audit_trail(CaseKind::Individual, case)
            .await
            .expect("audit"),
    );
    assert_eq!(after, before + 1);
}

#[tokio::test]
async fn read_only_refuses_uploads_and_requests_and_says_why() {
    let mut h = Harness::demo().await;
    h.state.session.read_only = true;
    h.fetcher = kyc_console::fetch::Fetcher::new(h.client.clone(), {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        h.rx = rx;
        tx
    })
    .read_only(true);
    open_docs(&mut h, "type:entity Northbridge").await;
    h.keys(&[KeyCode::Char('u')]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert!(h.status_text().contains("read-only"), "{}", h.status_text());
    h.keys(&[KeyCode::Char('e')]).await;
    assert!(matches!(h.state.mode, Mode::Normal));
    assert!(h.status_text().contains("read-only"), "{}", h.status_text());
    // Downloads still work: they change nothing.
    h.key(KeyCode::Enter);
    let fx = settle_effects(&mut h).await;
    assert_eq!(downloads(&fx).len(), 1);
}
