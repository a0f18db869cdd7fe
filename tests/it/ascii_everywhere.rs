//! ASCII mode draws nothing outside ASCII: every view, popup and form of the demo, at 80×24,
//! holds no character the console drew that an ASCII terminal cannot show. Data keeps its own
//! letters (a Cyrillic alias, a Chinese company name), so the check allows letters of any
//! script and nothing else.

use crate::common::Harness;
use crossterm::event::KeyCode;
use kyc_console::app::{Mode, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// A company with an org chart, owners, sanctions exposure and alerts.
const COMPANY: i64 = 1000003001;

async fn command(h: &mut Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

fn frame(h: &Harness, w: u16, hgt: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, hgt)).expect("test terminal");
    t.draw(|f| kyc_console::ui::draw(&h.state, f))
        .expect("draw");
    t.backend().buffer().clone()
}

/// The characters of `buf` the console drew outside ASCII: anything but a letter (data).
fn drawn_outside_ascii(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            if s.chars()
                .any(|c| !c.is_ascii() && !c.is_alphabetic() && !is_mark(c))
            {
                out.push((x, y, s.to_owned()));
            }
        }
    }
    out
}

/// Combining marks belong to the letter before them (data).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}')
}

/// Check the screen as it is now, at 80×24 and at the smallest size.
fn check(h: &Harness, what: &str, seen: &mut Vec<String>) {
    for (w, hgt) in [(80, 24), (60, 20), (50, 15)] {
        let buf = frame(h, w, hgt);
        let bad = drawn_outside_ascii(&buf);
        assert!(
            bad.is_empty(),
            "{what} at {w}x{hgt} draws outside ASCII: {bad:?}\n{}",
            screen_text(&buf)
        );
    }
    seen.push(what.to_owned());
}

fn screen_text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

async fn ascii_demo(read_only: bool) -> Harness {
    let mut h = Harness::demo().await;
    h.state.org.ascii = true;
    h.state.session.read_only = read_only;
    h
}

/// Check a popup, form or question that must be open now.
fn check_popup(h: &Harness, what: &str, seen: &mut Vec<String>) {
    assert!(
        !matches!(h.state.mode, Mode::Normal),
        "{what} opens something:\n{}",
        h.screen(80, 24)
    );
    check(h, what, seen);
}

/// Escape until back in normal mode.
async fn close(h: &mut Harness) {
    for _ in 0..4 {
        if matches!(h.state.mode, Mode::Normal) {
            return;
        }
        h.keys(&[KeyCode::Esc]).await;
    }
}

#[tokio::test]
async fn every_view_and_popup_of_the_demo_is_ascii() {
    let mut h = ascii_demo(false).await;
    let seen = &mut Vec::new();
    check(&h, "case list", seen);
    h.key(KeyCode::Char('/'));
    check(&h, "filter line", seen);
    close(&mut h).await;
    h.key(KeyCode::Char(':'));
    h.type_text("al");
    h.key(KeyCode::Tab);
    check(&h, "command line", seen);
    close(&mut h).await;
    h.keys(&[KeyCode::Char('?')]).await;
    check_popup(&h, "help", seen);
    close(&mut h).await;

    command(&mut h, &format!("case {COMPANY}")).await;
    assert_eq!(h.state.view, View::Case);
    check(&h, "overview", seen);
    for pane in ["steps", "detail", "notes"] {
        command(&mut h, pane).await;
        check(&h, pane, seen);
    }
    command(&mut h, "steps").await;
    h.keys(&[KeyCode::Char('?')]).await;
    check_popup(&h, "help on the steps", seen);
    close(&mut h).await;
    h.keys(&[KeyCode::Char('n')]).await;
    check_popup(&h, "note editor", seen);
    close(&mut h).await;
    close(&mut h).await;
    for view in ["org", "ubo", "members", "props", "audit", "docs", "aml"] {
        command(&mut h, view).await;
        check(&h, view, seen);
    }
    command(&mut h, "docs").await;
    h.keys(&[KeyCode::Char('u')]).await;
    check_popup(&h, "upload form", seen);
    close(&mut h).await;
    for form in ["identity", "close accepted", "delete", "request"] {
        command(&mut h, form).await;
        check_popup(&h, form, seen);
        close(&mut h).await;
    }
    command(&mut h, "alerts").await;
    assert_eq!(h.state.view, View::Alerts);
    check(&h, "alert inbox", seen);
    for popup in ['R', 'A', '/'] {
        h.keys(&[KeyCode::Char(popup)]).await;
        check_popup(&h, &format!("inbox {popup}"), seen);
        close(&mut h).await;
    }
    h.keys(&[KeyCode::Enter]).await;
    check(&h, "case alerts", seen);
    close(&mut h).await;
    for form in ["new company", "import individual"] {
        command(&mut h, form).await;
        check_popup(&h, form, seen);
        close(&mut h).await;
    }
    command(&mut h, "search kestrel GB").await;
    check(&h, "search", seen);
    for view in ["journal", "version", "messages"] {
        command(&mut h, view).await;
        check(&h, view, seen);
    }

    // An individual with AML matches whose aliases are in Cyrillic.
    command(&mut h, "cases").await;
    h.key(KeyCode::Char('/'));
    h.type_text("type:individual Petrenko");
    h.keys(&[KeyCode::Enter, KeyCode::Enter]).await;
    command(&mut h, "aml").await;
    assert_eq!(h.state.view, View::Aml);
    check(&h, "aml matches", seen);
    h.keys(&[KeyCode::Char('x')]).await;
    check_popup(&h, "exclude popup", seen);
    close(&mut h).await;
    assert!(seen.len() > 30, "{seen:?}");
}

#[tokio::test]
async fn read_only_marks_stay_in_ascii() {
    let mut h = ascii_demo(true).await;
    let seen = &mut Vec::new();
    command(&mut h, &format!("case {COMPANY}")).await;
    command(&mut h, "steps").await;
    check(&h, "read-only steps", seen);
    let footer = screen_text(&frame(&h, 80, 24));
    assert!(footer.contains('~'), "the off mark shows:\n{footer}");
    h.keys(&[KeyCode::Char('?')]).await;
    check(&h, "read-only help", seen);
}

#[tokio::test]
async fn ascii_snapshots() {
    let mut h = ascii_demo(false).await;
    insta::assert_snapshot!("ascii_case_list_80x24", h.screen(80, 24));
    command(&mut h, &format!("case {COMPANY}")).await;
    command(&mut h, "steps").await;
    insta::assert_snapshot!("ascii_steps_80x24", h.screen(80, 24));
    h.keys(&[KeyCode::Char('?')]).await;
    insta::assert_snapshot!("ascii_help_80x24", h.screen(80, 24));
    close(&mut h).await;
    command(&mut h, "alerts").await;
    insta::assert_snapshot!("ascii_inbox_80x24", h.screen(80, 24));
    command(&mut h, "new company").await;
    insta::assert_snapshot!("ascii_new_company_80x24", h.screen(80, 24));
}

/// `--ascii`, `KYC_CONSOLE_ASCII` and `ascii = true` in the config each turn it on; the flag
/// beats the variable, the variable the file.
#[test]
fn ascii_is_chosen_by_flag_variable_or_config() {
    use clap::Parser;
    use kyc_console::cli::Cli;
    use kyc_console::config::file::parse;
    use kyc_console::config::settings::resolve;
    use std::path::Path;
    let ascii = |args: &[&str], var: Option<&str>, file: &str| {
        let cli = Cli::try_parse_from(std::iter::once("kyc-console").chain(args.iter().copied()))
            .expect("arguments");
        let var = var.map(str::to_owned);
        let get = move |k: &str| (k == "KYC_CONSOLE_ASCII").then(|| var.clone()).flatten();
        let cfg = parse(file, Path::new("c.toml")).expect("config");
        resolve(&cli, &get, &cfg).expect("settings").ascii
    };
    assert!(!ascii(&["--demo"], None, ""));
    assert!(ascii(&["--demo", "--ascii"], None, ""));
    assert!(ascii(&["--demo"], Some("yes"), ""));
    assert!(ascii(&["--demo"], None, "ascii = true\n"));
    assert!(!ascii(&["--demo"], Some("0"), "ascii = true\n"));
    assert!(ascii(&["--demo", "--ascii"], Some("0"), ""));
}
