//! The evidence pack: `:export` saves the open case's review record in the downloads folder, and
//! `kyc-console export` writes the same without the screen. The files are read back and
//! checked against the case as the emulator holds it.

use crate::casework_flow::{command, open_case};
use crate::common::{Harness, eventually};
use kyc_console::api::CaseKind;
use kyc_console::journal::{Entry, Journal, Outcome};
use std::path::PathBuf;
use std::process::Command;

const NORTHBRIDGE: i64 = 1_000_003_001;

/// The file the status line says was saved.
fn saved(h: &Harness) -> PathBuf {
    let status = h.status_text();
    let path = status
        .strip_prefix("saved to ")
        .unwrap_or_else(|| panic!("not saved: {status}"));
    PathBuf::from(path.trim())
}

#[tokio::test]
async fn export_saves_markdown_that_matches_the_case() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Northbridge").await;
    command(&mut h, "export").await;
    // Both files: Markdown for people, JSON for machines, from one gathering.
    let folder = h.dir.path().join("downloads");
    let json = folder.join("KYC-2026-003001-review.json");
    let path = folder.join("KYC-2026-003001-review.md");
    eventually("both files saved", || path.exists() && json.exists()).await;
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("read back")).expect("JSON");
    assert_eq!(pack["case"]["id"], id);
    let md = std::fs::read_to_string(&path).expect("read back");
    let detail = h
        .client
        .case_detail(CaseKind::Company, id)
        .await
        .expect("detail");
    assert!(md.starts_with("# Review record: Northbridge Capital Holdings Limited"));
    assert!(md.contains(&format!("| Case id | {id} |")));
    assert!(md.contains("| Case number | KYC-2026-003001 |"));
    // Words and dates as the screen shows them (the default YYYY-MM-DD), not the API's forms.
    assert!(md.contains("| Status | open |"), "{md}");
    assert!(md.contains("| Risk | high |"), "{md}");
    assert!(md.contains("| Review date | 2026-09-15 |"), "{md}");
    assert!(md.contains(&format!(
        "| Assignee | {} |",
        detail.common.assigned_user_name.as_deref().unwrap_or("—")
    )));
    for g in h.client.case_steps(id).await.expect("steps") {
        for s in g.steps {
            let row = format!(
                "| {} | {} | {}",
                g.group.as_deref().unwrap_or(""),
                s.name.as_deref().unwrap_or(""),
                s.status.label()
            );
            assert!(md.contains(&row), "{row:?} not in the pack");
        }
    }
    assert!(md.contains("**OFAC 50% rule**: BLOCKED through 60% Aldermoor"));
    assert!(md.contains("listed party Al Noor Trading FZE [UN Security Council"));
    assert!(md.contains("PSC: shares 50–75% (indirect) — disagrees with the console's 42.00%"));
    assert!(
        md.contains("### Northbridge Capital — adverse media"),
        "{md}"
    );
    assert!(md.contains("| Name | Northbridge Capital Holdings Limited | Northbridge Capital |"));
    assert!(md.contains("Article concerns Northbridge Capital Partners LLP"));
}

#[tokio::test]
async fn export_json_holds_every_step_note_and_match_of_the_case() {
    let mut h = Harness::demo().await;
    let id = open_case(&mut h, "Kyrenia").await;
    command(&mut h, "export json").await;
    let path = saved(&h);
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("read back")).expect("JSON");
    assert_eq!(pack["case"]["id"], id);
    assert_eq!(pack["case"]["kind"], "company");
    let steps: Vec<_> = h
        .client
        .case_steps(id)
        .await
        .expect("steps")
        .into_iter()
        .flat_map(|g| g.steps)
        .collect();
    assert_eq!(pack["steps"].as_array().map(Vec::len), Some(steps.len()));
    let mut notes = 0;
    for s in &steps {
        notes += h
            .client
            .step_notes(id, s.case_step_id)
            .await
            .expect("notes")
            .len();
    }
    assert_eq!(pack["notes"].as_array().map(Vec::len), Some(notes));
    let checks = h
        .client
        .aml_checks(CaseKind::Company, id)
        .await
        .expect("AML");
    let aml = pack["aml"].as_array().expect("aml");
    assert_eq!(aml.len(), checks.all().count());
    for (m, (_, want)) in aml.iter().zip(checks.all()) {
        assert_eq!(m["excluded"], want.is_excluded);
        assert_eq!(
            m["excludedReason"].as_str(),
            want.excluded_reason.as_deref()
        );
        assert!(
            m["fields"].as_array().is_some_and(|f| !f.is_empty()),
            "per-field verdicts: {m}"
        );
    }
    // Kyrenia is itself 70 % owned by the listed Al Noor Trading FZE.
    let ofac = &pack["ownership"]["exposure"]["ofac"];
    assert_eq!(ofac["blocked"], true);
    assert_eq!(ofac["listedParty"], "Al Noor Trading FZE");
    let alerts = pack["alerts"].as_array().expect("alerts");
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0]["kind"], "Aml");
}

#[tokio::test]
async fn export_without_a_case_says_so() {
    let mut h = Harness::demo().await;
    command(&mut h, "export").await;
    assert!(
        h.status_text().contains("no case is open"),
        "{}",
        h.status_text()
    );
    command(&mut h, "export pdf").await;
    assert!(
        h.status_text().contains("md or json"),
        "{}",
        h.status_text()
    );
}

fn bin(state: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kyc-console"));
    c.env_remove("KYC_CLIENT_ID")
        .env_remove("KYC_CLIENT_SECRET")
        .env_remove("KYC_ENV")
        .env("KYC_CONSOLE_CONFIG", state.join("none.toml"))
        .env("KYC_CONSOLE_STATE_DIR", state)
        .env("KYC_CONSOLE_DOWNLOAD_DIR", state.join("downloads"));
    c
}

#[test]
fn the_cli_writes_the_pack_with_the_journal_of_the_case() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A change this console sent earlier, and one about another case.
    let journal = Journal::new(dir.path(), "DEMO");
    let mut mine = Entry::new("set step status", Outcome::Done);
    mine.case = Some(NORTHBRIDGE);
    mine.decided = vec![("to".into(), "passed".into())];
    journal.record(mine).expect("journal");
    let mut other = Entry::new("set step status", Outcome::Done);
    other.case = Some(NORTHBRIDGE + 1);
    journal.record(other).expect("journal");

    let out_file = dir.path().join("pack.json");
    let out = bin(dir.path())
        .args([
            "export",
            &NORTHBRIDGE.to_string(),
            "--format",
            "json",
            "--out",
        ])
        .arg(&out_file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("read back")).expect("JSON");
    assert_eq!(pack["case"]["number"], "KYC-2026-003001");
    assert_eq!(pack["environment"], "DEMO");
    let journal = pack["journal"].as_array().expect("journal");
    assert_eq!(journal.len(), 1, "{journal:?}");
    assert_eq!(journal[0]["case"], NORTHBRIDGE);
    assert_eq!(journal[0]["decided"][0][1], "passed");

    // An action taken on one of the case's alerts shows under that alert, with its reason.
    let alert = pack["alerts"][0]["id"].as_i64().expect("an alert");
    let mut action = Entry::new("alert action", Outcome::Done);
    action.alert = Some(alert);
    action.decided = vec![
        ("action".into(), "Dismiss".into()),
        (
            "reason".into(),
            "address change confirmed by the client".into(),
        ),
    ];
    Journal::new(dir.path(), "DEMO")
        .record(action)
        .expect("journal");
    let out = bin(dir.path())
        .args([
            "export",
            &NORTHBRIDGE.to_string(),
            "--format",
            "json",
            "--out",
        ])
        .arg(&out_file)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).expect("read back")).expect("JSON");
    let actions = &pack["alerts"][0]["actions"];
    assert_eq!(actions[0]["decided"][0][1], "Dismiss", "{pack}");
    assert_eq!(
        actions[0]["decided"][1][1],
        "address change confirmed by the client"
    );
    assert_eq!(pack["journal"].as_array().map(Vec::len), Some(2));

    // Markdown by default, into the downloads folder.
    let out = bin(dir.path())
        .args(["export", &NORTHBRIDGE.to_string()])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.path().join("downloads/KYC-2026-003001-review.md"))
        .expect("saved in downloads");
    assert!(md.contains("## Journal (changes sent from this console)"));
    assert!(md.contains("set step status — done (to: passed)"), "{md}");
}

#[test]
fn the_cli_writes_the_alert_inbox_as_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = bin(dir.path())
        .args(["export", "--alerts", "--format", "csv", "--out", "-"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    let mut lines = csv.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "case_id,case_number,kind,name,jurisdiction,alert_id,alert_type,step_id,raised,changes"
        )
    );
    assert!(csv.contains(
        "1000003001,KYC-2026-003001,company,Northbridge Capital Holdings Limited,United Kingdom,"
    ));
    let bad = bin(dir.path())
        .args(["export", "--alerts", "--format", "json"])
        .output()
        .expect("run");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("csv only"));
}

/// A trust's settlor, trustees, protector and beneficiaries are in the pack as owners by role,
/// as `:ubo` shows them; a corporate trustee is marked as a party to trace.
#[tokio::test]
async fn export_lists_the_owners_by_role_behind_a_trust() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Harrowgate Holdings").await;
    command(&mut h, "export").await;
    let folder = h.dir.path().join("downloads");
    let file = |ext: &str| {
        std::fs::read_dir(&folder)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == ext))
    };
    eventually("both files saved", || {
        file("md").is_some() && file("json").is_some()
    })
    .await;
    let md_path = file("md").expect("the Markdown pack");
    let md = std::fs::read_to_string(&md_path).expect("read back");
    assert!(md.contains("### By role behind a holder"), "{md}");
    assert!(
        md.contains("- Edmund Harrowgate: settlor of The Harrowgate Family Trust (100.00%)"),
        "{md}"
    );
    assert!(
        md.contains("- Bastion Trust Company (Jersey) Limited: corporate trustee of The Harrowgate Family Trust (100.00%)"),
        "{md}"
    );
    let json = file("json").expect("the JSON pack");
    let pack: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("read back")).expect("JSON");
    let by_role = pack["ownership"]["byRole"].as_array().expect("byRole");
    assert!(
        by_role.iter().any(|r| r["name"] == "Martin Osei"
            && r["role"] == "protector of The Harrowgate Family Trust (100.00%)"
            && r["corporate"] == false),
        "{by_role:?}"
    );
}
