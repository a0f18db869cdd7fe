//! What the frames look like in 16 colours and in monochrome, down to the bytes written: the
//! 16-colour frame keeps its styles (recorded in a snapshot) and goes out in plain SGR; the
//! monochrome frame carries no colour at all and keeps the selection by reverse video and ▶.

use kyc_console::api::{CaseKind, CaseListItem, Page};
use kyc_console::app::{self, Msg, Session, Slot, State};
use kyc_console::appearance::color::ColorMode;
use kyc_console::op::{self, Answers};
use kyc_console::sgr::{Palette, SgrWriter};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

/// The demo's companies in the case list, drawn for `color`.
fn list_state(color: ColorMode) -> State {
    let mut state = State::new(Session {
        environment: "DEMO".into(),
        user: "demo".into(),
        color,
        ..Session::default()
    });
    let store = kyc_console::emulator::dataset::demo();
    let items: Vec<CaseListItem> = store
        .cases
        .values()
        .filter(|r| r.detail.company.is_some())
        .map(|r| CaseListItem {
            common: r.detail.common.clone(),
            company: r.detail.company.clone(),
            is_case_aml_positive: r.detail.is_case_aml_positive,
            ..Default::default()
        })
        .collect();
    let slot = Slot::CasePage(CaseKind::Company);
    state.latest.insert(slot, 1);
    app::update(
        &mut state,
        Msg::Done {
            id: 1,
            slot,
            answer: op::ListCases {
                kind: CaseKind::Company,
                page: 1,
                page_size: 500,
            }
            .answer(Ok(Page {
                total: Some(items.len() as u64),
                items,
            })),
            read_back: false,
        },
    );
    state
}

/// The bytes one frame of `state` writes through the console's writer.
fn frame_bytes(state: &State) -> String {
    let mut out = Vec::new();
    {
        let writer = SgrWriter::new(&mut out, Palette::for_mode(state.session.color));
        let mut t = Terminal::with_options(
            CrosstermBackend::new(writer),
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 80, 24)),
            },
        )
        .unwrap();
        t.draw(|f| kyc_console::ui::draw(state, f)).unwrap();
    }
    String::from_utf8(out).unwrap()
}

/// Every SGR's parameters in the bytes.
fn sgr_params(text: &str) -> Vec<String> {
    text.split('\u{1b}')
        .filter_map(|s| s.strip_prefix('['))
        .filter_map(|s| {
            let end = s.find(|c: char| ('\u{40}'..='\u{7e}').contains(&c))?;
            (s.as_bytes()[end] == b'm').then(|| s[..end].to_owned())
        })
        .collect()
}

fn is_colour(p: &str) -> bool {
    matches!(
        p.parse::<u16>(),
        Ok(30..=39 | 40..=49 | 58 | 59 | 90..=97 | 100..=107)
    )
}

#[test]
fn sixteen_colour_frame_keeps_its_styles() {
    let s = list_state(ColorMode::Ansi16);
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| kyc_console::ui::draw(&s, f)).unwrap();
    // The buffer's debug form lists the text and every run of style.
    insta::assert_snapshot!(
        "case_list_16_colours_styles_80x24",
        format!("{:?}", t.backend().buffer())
    );
}

#[test]
fn sixteen_colours_go_out_as_plain_sgr() {
    let bytes = frame_bytes(&list_state(ColorMode::Ansi16));
    let params = sgr_params(&bytes);
    assert!(
        params.iter().any(|p| p.split(';').any(|n| n == "46")),
        "the cyan header: {params:?}"
    );
    for p in &params {
        for n in p.split(';') {
            assert!(
                !matches!(n, "38" | "48" | "58" | "59"),
                "extended colour in {p:?}"
            );
        }
    }
}

#[test]
fn monochrome_writes_no_colour() {
    let bytes = frame_bytes(&list_state(ColorMode::Mono));
    let params = sgr_params(&bytes);
    for p in &params {
        assert!(!p.split(';').any(is_colour), "colour SGR {p:?}");
    }
    // The selection: reverse video and the marker.
    assert!(params.iter().any(|p| p.split(';').any(|n| n == "7")));
    let mut screen = vt100::Parser::new(24, 80, 0);
    screen.process(bytes.as_bytes());
    let row = screen.screen().contents_between(3, 0, 3, 80);
    assert!(row.contains('▶'), "{row}");
    assert!(screen.screen().cell(3, 10).is_some_and(|c| c.inverse()));
}
