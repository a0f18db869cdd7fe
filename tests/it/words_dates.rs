//! Issue 16, item 7: API values as words everywhere, and one date format throughout —
//! `YYYY-MM-DD` by default, `DD/MM/YYYY` by configuration (`date_format` in the config file,
//! `KYC_CONSOLE_DATE_FORMAT`) — in which dates are also typed; the API's own format on the wire
//! does not change.

use crate::casework_flow::open_case;
use crate::common::Harness;
use clap::Parser;
use crossterm::event::KeyCode;
use kyc_console::cli::Cli;
use kyc_console::config::file::parse;
use kyc_console::config::settings::{Settings, resolve};
use kyc_console::words::DateFormat;
use std::path::Path;

fn settings(env: &[(&str, &str)], file: &str) -> anyhow::Result<Settings> {
    let cli = Cli::try_parse_from(["kyc-console", "--demo"])?;
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let get = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let cfg = parse(file, Path::new("c.toml"))?;
    resolve(&cli, &get, &cfg)
}

#[test]
fn the_date_format_is_iso_unless_configured_and_the_variable_beats_the_file() {
    let s = settings(&[], "").expect("settings");
    assert_eq!(s.date_format, DateFormat::Iso);
    let s = settings(&[], "date_format = \"DD/MM/YYYY\"\n").expect("settings");
    assert_eq!(s.date_format, DateFormat::DayMonthYear);
    let s = settings(
        &[("KYC_CONSOLE_DATE_FORMAT", "YYYY-MM-DD")],
        "date_format = \"DD/MM/YYYY\"\n",
    )
    .expect("settings");
    assert_eq!(s.date_format, DateFormat::Iso);
    let e = settings(&[], "date_format = \"MM/DD/YYYY\"\n").unwrap_err();
    assert!(e.to_string().contains("DD/MM/YYYY"), "{e}");
}

#[test]
fn the_expiry_warning_is_thirty_days_unless_configured() {
    assert_eq!(settings(&[], "").expect("s").expiry_warning_days, 30);
    let s = settings(&[], "expiry_warning_days = 60\n").expect("s");
    assert_eq!(s.expiry_warning_days, 60);
    let s = settings(
        &[("KYC_CONSOLE_EXPIRY_WARNING_DAYS", "7")],
        "expiry_warning_days = 60\n",
    )
    .expect("s");
    assert_eq!(s.expiry_warning_days, 7);
    assert!(settings(&[("KYC_CONSOLE_EXPIRY_WARNING_DAYS", "soon")], "").is_err());
}

#[tokio::test]
async fn dates_show_in_the_configured_format() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    let screen = h.screen(120, 40);
    assert!(screen.contains("Review    2026-09-15"), "{screen}");

    let mut h = Harness::demo().await;
    h.state.session.date_format = DateFormat::DayMonthYear;
    open_case(&mut h, "Northbridge").await;
    let screen = h.screen(120, 40);
    assert!(screen.contains("Review    15/09/2026"), "{screen}");
}

#[tokio::test]
async fn a_review_date_is_typed_as_shown_and_sent_as_the_api_takes_it() {
    for (format, typed) in [
        (DateFormat::Iso, "2027-03-15"),
        (DateFormat::DayMonthYear, "15/03/2027"),
    ] {
        let mut h = Harness::demo().await;
        h.state.session.date_format = format;
        h.keys(&[KeyCode::Char('!')]).await;
        let row = h.state.alerts.selected_row().expect("a case").clone();
        h.key(KeyCode::Char('R'));
        assert!(
            h.screen(80, 24)
                .contains(&format!("Date: {}", format.hint()))
        );
        h.type_text(typed);
        h.keys(&[KeyCode::Enter]).await;
        let d = h
            .client
            .case_detail(row.kind, row.id())
            .await
            .expect("detail");
        assert_eq!(
            d.common.scheduled_review_date.as_deref(),
            Some("15/03/2027"),
            "{format:?}"
        );
    }
}

#[tokio::test]
async fn api_values_read_as_words_on_screen() {
    let mut h = Harness::demo().await;
    open_case(&mut h, "Northbridge").await;
    h.keys(&[KeyCode::Char('m')]).await;
    let aml = h.screen(120, 40);
    assert!(aml.contains("adverse media"), "{aml}");
    h.keys(&[KeyCode::Esc]).await;
    h.keys(&[KeyCode::Char('o')]).await;
    let chart = h.screen(120, 40);
    for camel in [
        "AdverseMedia",
        "UltimateBeneficialOwner",
        "PersonWithSignificantControl",
        "GeneralPartner",
        "NotReviewed",
    ] {
        assert!(!aml.contains(camel), "{camel}: {aml}");
        assert!(!chart.contains(camel), "{camel}: {chart}");
    }
}
