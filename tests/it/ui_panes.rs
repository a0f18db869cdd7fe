//! Every pane drawn on a `TestBackend` at 80×24 and 120×40, checked with insta snapshots.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::*;
use kyc_console::app::{self, CasePane, Msg, Session, Slot, State};
use kyc_console::op::{self, Answers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn item(
    kind: CaseKind,
    id: Id,
    name: &str,
    cc: &str,
    status: &str,
    decision: Option<&str>,
    aml: bool,
) -> CaseListItem {
    let common = CaseCommon {
        case_common_id: id,
        status: Some(status.into()),
        status_id: Some(if id % 7 == 0 { 52 } else { 3 }),
        case_decision: decision.map(Into::into),
        risk_rating: Some(["Low", "Medium", "High"][(id % 3) as usize].into()),
        assigned_user_name: (id % 2 == 0).then(|| "Priya Raman".to_owned()),
        scheduled_review_date: Some("15/03/2027".into()),
        ..Default::default()
    };
    let mut it = CaseListItem {
        common,
        is_case_aml_positive: Some(aml),
        ..Default::default()
    };
    match kind {
        CaseKind::Company => {
            it.company = Some(CompanyInfo {
                entity_name: Some(name.into()),
                country_code: Some(cc.into()),
                ..Default::default()
            })
        }
        CaseKind::Individual => {
            let (f, l) = name.split_once(' ').unwrap_or((name, ""));
            it.individual = Some(IndividualInfo {
                first_name: Some(f.into()),
                last_name: Some(l.into()),
                country_code: Some(cc.into()),
                ..Default::default()
            })
        }
    }
    it
}

fn items() -> Vec<CaseListItem> {
    vec![
        item(
            CaseKind::Company,
            1000003001,
            "Northwind Maritime Holdings Ltd",
            "GB",
            "Open",
            None,
            true,
        ),
        item(
            CaseKind::Company,
            1000003002,
            "Müller & Söhne GmbH",
            "DE",
            "Closed",
            Some("Accepted"),
            false,
        ),
        item(
            CaseKind::Company,
            1000003003,
            "香港星辉贸易有限公司",
            "HK",
            "Open",
            None,
            false,
        ),
        item(
            CaseKind::Company,
            1000003004,
            "Ardent Capital Partners LP",
            "LU",
            "Closed",
            Some("Denied"),
            true,
        ),
        item(
            CaseKind::Company,
            1000003005,
            "Levant Trading FZE",
            "AE",
            "Open",
            None,
            false,
        ),
        item(
            CaseKind::Individual,
            1000004001,
            "Ольга Петрова",
            "CY",
            "Open",
            None,
            true,
        ),
        item(
            CaseKind::Individual,
            1000004002,
            "Jean-Luc Dubois",
            "FR",
            "Open",
            None,
            false,
        ),
    ]
}

fn done<O: Answers>(state: &mut State, slot: Slot, op: O, answer: O::Answer) {
    // Mark the request as the latest for its slot, as the app would have.
    state.next_req += 1;
    let id = state.next_req;
    state.latest.insert(slot, id);
    app::update(
        state,
        Msg::Done {
            id,
            slot,
            answer: op.answer(Ok(answer)),
            read_back: false,
        },
    );
}

fn list_state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let all = items();
    let (co, ind): (Vec<_>, Vec<_>) = all.into_iter().partition(|i| i.company.is_some());
    done(
        &mut s,
        Slot::CasePage(CaseKind::Company),
        op::ListCases {
            kind: CaseKind::Company,
            page: 1,
            page_size: 500,
        },
        Page {
            total: Some(co.len() as u64),
            items: co,
        },
    );
    done(
        &mut s,
        Slot::CasePage(CaseKind::Individual),
        op::ListCases {
            kind: CaseKind::Individual,
            page: 1,
            page_size: 500,
        },
        Page {
            total: Some(ind.len() as u64),
            items: ind,
        },
    );
    s
}

fn key(s: &mut State, code: KeyCode) {
    app::update(s, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn steps() -> Vec<StepGroup> {
    let step =
        |id: Id, name: &str, ty: &str, status: StepStatus, deact: bool, linked: Option<Id>| Step {
            name: Some(name.into()),
            step_type: Some(ty.into()),
            status,
            case_step_id: id,
            is_deactivated: deact,
            linked_case_common_id: linked,
            ..Default::default()
        };
    vec![
        StepGroup {
            group: Some("Identity".into()),
            total: Some(2),
            steps: vec![
                step(
                    501,
                    "Company identity",
                    "Identity",
                    StepStatus::Passed,
                    false,
                    None,
                ),
                step(
                    502,
                    "Registered address",
                    "Address",
                    StepStatus::SystemUpdated,
                    false,
                    None,
                ),
            ],
            ..Default::default()
        },
        StepGroup {
            group: Some("AML screening".into()),
            total: Some(1),
            steps: vec![step(
                503,
                "Sanctions: Northwind Maritime",
                "Aml",
                StepStatus::NotReviewed,
                false,
                None,
            )],
            ..Default::default()
        },
        StepGroup {
            group: Some("Shareholders".into()),
            total: Some(2),
            steps: vec![
                step(
                    504,
                    "Baltic Ventures OÜ (62%)",
                    "Shareholder",
                    StepStatus::Failed,
                    false,
                    Some(1000003010),
                ),
                step(
                    505,
                    "Minority holder J. Smith (4%)",
                    "Shareholder",
                    StepStatus::NotReviewed,
                    true,
                    None,
                ),
            ],
            ..Default::default()
        },
    ]
}

fn case_state() -> State {
    let mut s = list_state();
    key(&mut s, KeyCode::Enter);
    let detail = CaseDetails {
        common: CaseCommon {
            case_common_id: 1000003001,
            case_customer_id: Some("KYC-2026-000301".into()),
            type_string: Some("Company".into()),
            status: Some("Open".into()),
            status_id: Some(3),
            risk_rating: Some("High".into()),
            case_processing_type: Some("Full".into()),
            country_name: Some("United Kingdom".into()),
            assigned_user_name: Some("Priya Raman".into()),
            ..Default::default()
        },
        company: Some(CompanyInfo {
            entity_name: Some("Northwind Maritime Holdings Ltd".into()),
            country_code: Some("GB".into()),
            company_type: Some("Private Limited Company".into()),
            properties: serde_json::from_str(
                r#"{"Registration Number":"08123456","Incorporated":"12/04/2011"}"#,
            )
            .unwrap(),
            ..Default::default()
        }),
        case_address: Some(CaseAddress {
            address: Some("1 Canada Square, London E14 5AB, United Kingdom".into()),
            ..Default::default()
        }),
        case_aml_summary: Some(AmlSummary {
            world_check_summary: Some("HasMatches".into()),
            lexis_nexis_check_summary: Some("NA".into()),
            ..Default::default()
        }),
        is_case_aml_positive: Some(true),
        all_ubos_identified: Some("No".into()),
        ..Default::default()
    };
    done(
        &mut s,
        Slot::CaseDetail,
        op::CaseDetail {
            kind: CaseKind::Company,
            id: 1000003001,
        },
        Box::new(detail),
    );
    done(&mut s, Slot::Steps, op::Steps { id: 1000003001 }, steps());
    let d = StepDetails {
        case_step_id: 501,
        name: Some("Company identity".into()),
        step_type: Some("Identity".into()),
        status: StepStatus::Passed,
        fields: vec![
            StepField::new("Registered name", "Northwind Maritime Holdings Ltd"),
            StepField::new("Registration number", "08123456"),
        ],
        ..Default::default()
    };
    done(
        &mut s,
        Slot::StepDetails,
        op::StepDetails {
            id: 1000003001,
            step: 501,
        },
        Box::new(d),
    );
    let notes = vec![StepNote {
        step_note_id: 9001,
        note: Some("Certificate of incorporation matches Companies House.\nChecked the filing history too.".into()),
        created_by: Some("priya.raman".into()),
        created_on: Some("2026-11-02T09:14:00Z".into()),
        ..Default::default()
    }];
    done(
        &mut s,
        Slot::Notes,
        op::Notes {
            id: 1000003001,
            step: 501,
        },
        notes,
    );
    s
}

fn render(state: &State, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    format!("{}", t.backend())
}

#[test]
fn case_list() {
    let s = list_state();
    insta::assert_snapshot!("case_list_80x24", render(&s, 80, 24));
    insta::assert_snapshot!("case_list_120x40", render(&s, 120, 40));
}

#[test]
fn case_list_filtered_and_sorted() {
    let mut s = list_state();
    key(&mut s, KeyCode::Char('/'));
    for c in "aml:yes".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    insta::assert_snapshot!("case_list_filter_80x24", render(&s, 80, 24));
}

#[test]
fn case_view_tiles_and_tabs() {
    let mut s = case_state();
    insta::assert_snapshot!("case_view_120x40", render(&s, 120, 40));
    for pane in CasePane::ALL {
        if let Some(cv) = s.case.as_mut() {
            cv.focus = pane;
        }
        insta::assert_snapshot!(
            format!("case_{}_80x24", pane.title().to_lowercase()),
            render(&s, 80, 24)
        );
    }
}

#[test]
fn help_and_confirm_popups() {
    let mut s = case_state();
    key(&mut s, KeyCode::Char('?'));
    insta::assert_snapshot!("help_80x24", render(&s, 80, 24));
    key(&mut s, KeyCode::Esc);
    if let Some(cv) = s.case.as_mut() {
        cv.focus = CasePane::Notes;
    }
    key(&mut s, KeyCode::Char('d'));
    insta::assert_snapshot!("confirm_delete_80x24", render(&s, 80, 24));
}

#[test]
fn note_editor() {
    let mut s = case_state();
    key(&mut s, KeyCode::Char('n'));
    for c in "Director verified against passport.".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    insta::assert_snapshot!("note_editor_80x24", render(&s, 80, 24));
}

#[test]
fn too_small() {
    let s = list_state();
    insta::assert_snapshot!("too_small_50x15", render(&s, 50, 15));
}

#[test]
fn monochrome_drops_colour_and_keeps_the_selection_visible() {
    use ratatui::style::{Color, Modifier};
    let mut s = list_state();
    s.session.color = kyc_console::appearance::color::ColorMode::Mono;
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| kyc_console::ui::draw(&s, f)).unwrap();
    let buf = t.backend().buffer();
    assert!(
        buf.content
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The first case row (y = 3) is selected: reverse video and the ▶ marker.
    let row: String = (0..80).map(|x| buf[(x, 3)].symbol().to_owned()).collect();
    assert!(row.contains('▶'), "{row}");
    assert!(buf[(10, 3)].modifier.contains(Modifier::REVERSED));
    // The DEMO badge keeps standing out.
    assert!(buf[(16, 0)].modifier.contains(Modifier::REVERSED));
    insta::assert_snapshot!("case_list_mono_80x24", render(&s, 80, 24));
}

#[test]
fn sixteen_colours_only() {
    use ratatui::style::Color;
    let s = case_state();
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| kyc_console::ui::draw(&s, f)).unwrap();
    for c in &t.backend().buffer().content {
        for color in [c.fg, c.bg] {
            assert!(
                !matches!(color, Color::Rgb(..) | Color::Indexed(_)),
                "{color:?} is outside the 16 basic colours"
            );
        }
    }
}

/// The case list with Chinese names only, starting on even and odd columns (`A` before every
/// other name), so that some wide character straddles any popup's left edge.
fn cjk_list_state() -> State {
    let mut s = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        ..Default::default()
    });
    let items: Vec<_> = (0..40)
        .map(|i| {
            let name = if i % 2 == 0 {
                "株式会社東京商事貿易有限公司"
            } else {
                "A株式会社東京商事貿易有限公司"
            };
            item(
                CaseKind::Company,
                1000003001 + i,
                name,
                "JP",
                "Open",
                None,
                false,
            )
        })
        .collect();
    done(
        &mut s,
        Slot::CasePage(CaseKind::Company),
        op::ListCases {
            kind: CaseKind::Company,
            page: 1,
            page_size: 500,
        },
        Page {
            total: Some(items.len() as u64),
            items,
        },
    );
    s
}

/// The rows and left column of the popup on screen: the rows whose `┌`…`└` column is `x`.
fn popup_left(buf: &ratatui::buffer::Buffer) -> (u16, u16, u16) {
    for y in 0..buf.area.height {
        for x in 1..buf.area.width {
            if buf[(x, y)].symbol() == "┌" && buf[(x + 1, y)].symbol() == " " {
                let bottom = (y + 1..buf.area.height)
                    .find(|&b| buf[(x, b)].symbol() == "└")
                    .expect("the popup's bottom");
                return (x, y, bottom);
            }
        }
    }
    panic!("no popup on screen");
}

#[test]
fn a_popup_over_wide_characters_keeps_its_left_border_on_every_row() {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{TerminalOptions, Viewport};
    let (w, h) = (120u16, 40u16);
    let mut s = cjk_list_state();
    // Through a real terminal's bytes: the list first, then the popup drawn over it.
    let mut out = Vec::new();
    let mut t = Terminal::with_options(
        CrosstermBackend::new(&mut out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    let before = t
        .draw(|f| kyc_console::ui::draw(&s, f))
        .unwrap()
        .buffer
        .clone();
    for c in ":new company".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Enter);
    let frame = t.draw(|f| kyc_console::ui::draw(&s, f)).unwrap();
    let buf = frame.buffer.clone();
    drop(t);
    let (x, top, bottom) = popup_left(&buf);
    let under = (top + 1..bottom)
        .filter(|&y| unicode_width::UnicodeWidthStr::width(before[(x - 1, y)].symbol()) > 1)
        .count();
    assert!(under > 0, "some wide character met the popup's edge");
    let mut screen = vt100::Parser::new(h, w, 0);
    screen.process(&out);
    for y in top + 1..bottom {
        assert_eq!(buf[(x, y)].symbol(), "│", "row {y} in the buffer");
        let cell = screen.screen().cell(y, x).map(|c| c.contents());
        assert_eq!(
            cell,
            Some("│"),
            "row {y} on the terminal:\n{}",
            screen.screen().contents()
        );
    }
}

/// The help's rows between its borders, drawn at `w`×`h`.
fn help_rows(state: &State, w: u16, h: u16) -> Vec<String> {
    render(state, w, h)
        .lines()
        .map(|l| l.trim_matches('"').to_owned())
        .filter(|l| l.starts_with('│'))
        .map(|l| l.trim_start_matches('│').trim_end_matches('│').to_owned())
        .collect()
}

#[test]
fn help_uses_the_width_wraps_and_keeps_a_gap_after_every_command() {
    let mut s = case_state();
    key(&mut s, KeyCode::Char('?'));
    for w in [60u16, 80, 120] {
        // Tall enough to hold all of it.
        let rows = help_rows(&s, w, 200);
        let screen = render(&s, w, 200);
        let top = screen.lines().nth(1).unwrap_or_default();
        assert!(
            top.contains("┌ Help") && top.trim_matches('"').ends_with('┐'),
            "as wide as the terminal at {w}: {top}"
        );
        let text = rows
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for (name, arg, what) in app::command::COMMANDS {
            let what: String = what.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&what),
                "{name}'s description whole at {w}: {what}"
            );
            let command = format!(":{name} {arg}");
            let command = command.trim_end();
            let row = rows
                .iter()
                .find(|r| r.trim_start().starts_with(&format!("{command} ")) || r.trim() == command)
                .unwrap_or_else(|| panic!("{command} listed at {w}"));
            let after = &row[row.find(command).unwrap_or(0) + command.len()..];
            assert!(
                after.is_empty() || after.trim().is_empty() || after.starts_with("  "),
                "a gap after {command} at {w}: {row}"
            );
        }
    }
}

#[test]
fn help_and_the_overview_stop_scrolling_at_their_end() {
    let mut s = case_state();
    key(&mut s, KeyCode::Char('?'));
    for _ in 0..30 {
        key(&mut s, KeyCode::PageDown);
    }
    let rows = help_rows(&s, 80, 24);
    assert!(
        rows.last().is_some_and(|r| r.starts_with("Log:")),
        "the last row of the help sits at the bottom: {rows:?}"
    );
    // Back up by one row takes one key.
    key(&mut s, KeyCode::Up);
    let up = help_rows(&s, 80, 24);
    assert_eq!(up[1..], rows[..rows.len() - 1], "one row up");

    let mut s = case_state();
    if let Some(cv) = s.case.as_mut() {
        cv.focus = CasePane::Overview;
    }
    let whole = render(&s, 80, 200);
    let last = whole
        .lines()
        .map(|l| l.trim_matches('"').trim_matches('│').trim())
        .filter(|l| !l.is_empty() && !l.starts_with('└'))
        .take_while(|l| !l.starts_with("Enter") && !l.contains("Esc"))
        .last()
        .unwrap_or_default()
        .to_owned();
    for _ in 0..50 {
        key(&mut s, KeyCode::Char('j'));
    }
    let screen = render(&s, 80, 24);
    assert!(
        screen.contains(&last),
        "the overview's last row stays on screen ({last}):\n{screen}"
    );
    let body: Vec<&str> = screen.lines().skip(3).take(18).collect();
    assert!(
        body.iter()
            .filter(|l| l.trim_matches('"').trim_matches('│').trim().is_empty())
            .count()
            < 10,
        "no empty pane:\n{screen}"
    );
}

async fn command(h: &mut crate::common::Harness, line: &str) {
    h.key(KeyCode::Char(':'));
    h.type_text(line);
    h.keys(&[KeyCode::Enter]).await;
}

/// The footer: the last row of the screen.
fn footer(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn ownership_footers_offer_only_the_keys_of_the_view_on_screen() {
    let mut h = crate::common::Harness::demo().await;
    command(&mut h, "case 1000003001").await;
    command(&mut h, "org").await;
    let chart = footer(&h.screen(120, 40));
    for key in ["Enter open case", "Space fold", "/ find"] {
        assert!(chart.contains(key), "the chart offers {key}: {chart}");
    }
    command(&mut h, "ubo").await;
    let owners = footer(&h.screen(120, 40));
    for key in ["Enter", "fold", "find", "all"] {
        assert!(!owners.contains(key), ":ubo does not offer {key}: {owners}");
    }
    assert!(owners.contains("Tab view"), "{owners}");
    // And those keys do nothing there.
    let before = h.screen(120, 40);
    h.keys(&[KeyCode::Char(' '), KeyCode::Char('+'), KeyCode::Enter])
        .await;
    assert_eq!(h.screen(120, 40), before);

    command(&mut h, "members").await;
    let members = footer(&h.screen(120, 40));
    assert!(members.contains("Enter open case"), "{members}");
    for key in ["fold", "find"] {
        assert!(
            !members.contains(key),
            ":members does not offer {key}: {members}"
        );
    }
}

#[tokio::test]
async fn beneficial_owners_stop_scrolling_at_their_end() {
    let mut h = crate::common::Harness::demo().await;
    command(&mut h, "case 1000003001").await;
    command(&mut h, "ubo").await;
    let pane = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .map(|l| l.trim_matches('"').to_owned())
            .filter(|l| l.starts_with('│'))
            .collect()
    };
    for _ in 0..40 {
        h.key(KeyCode::Char('j'));
    }
    let rows = pane(&h.screen(80, 24));
    let last = rows.last().cloned().unwrap_or_default();
    assert!(
        !last.trim_matches('│').trim().is_empty(),
        "the last row of the owners sits at the bottom: {rows:#?}"
    );
    // One key back up moves one row.
    h.key(KeyCode::Char('k'));
    let up = pane(&h.screen(80, 24));
    assert_eq!(up[1..], rows[..rows.len() - 1]);
}

#[test]
fn a_popup_nearly_as_wide_as_the_screen_takes_all_of_it_and_leaves_no_slivers() {
    let mut s = list_state();
    for c in ":new company".chars() {
        key(&mut s, KeyCode::Char(c));
    }
    key(&mut s, KeyCode::Enter);
    let screen = render(&s, 80, 24);
    let border = screen
        .lines()
        .find(|l| l.contains("New company case"))
        .unwrap_or_default();
    assert!(
        border.starts_with("\"┌ New company case") && border.ends_with("┐\""),
        "the form from edge to edge: {border}"
    );
}
