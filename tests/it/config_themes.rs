//! Themes: every one draws with the 16 basic colours only, keeps the selection visible, and
//! production always says so; the palette is per thread.

use kyc_console::api::*;
use kyc_console::app::{Session, State};
use kyc_console::appearance::color::ColorMode;
use kyc_console::appearance::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

const ALL: [Theme; 5] = [
    Theme::Dark,
    Theme::Light,
    Theme::HighContrast,
    Theme::Monochrome,
    Theme::Production,
];

fn company(id: Id, name: &str, status: &str) -> CaseListItem {
    CaseListItem {
        common: CaseCommon {
            case_common_id: id,
            status: Some(status.into()),
            status_id: Some(3),
            risk_rating: Some("High".into()),
            ..Default::default()
        },
        is_case_aml_positive: Some(id % 2 == 0),
        company: Some(CompanyInfo {
            entity_name: Some(name.into()),
            country_code: Some("GB".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

fn state(theme: Theme, production: bool) -> State {
    let mut s = State::new(Session {
        environment: if production { "prod-eu" } else { "uat-eu" }.into(),
        user: "reviewer".into(),
        production,
        theme,
        color: ColorMode::Ansi16,
        ..Session::default()
    });
    let items = [
        company(1001, "Northwind Maritime Holdings Ltd", "Open"),
        company(1002, "Aurora Biotech GmbH", "Closed"),
        company(1003, "Kestrel Logistics SA", "Open"),
    ];
    s.cases.add_page(CaseKind::Company, &items, Some(3));
    s.cases.add_page(CaseKind::Individual, &[], Some(0));
    s
}

fn draw(s: &State, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| kyc_console::ui::draw(s, f)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn row_of(buf: &Buffer, needle: &str) -> u16 {
    let t = text(buf);
    t.lines()
        .position(|l| l.contains(needle))
        .and_then(|y| u16::try_from(y).ok())
        .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{t}"))
}

#[test]
fn sixteen_colours_only_and_the_selection_is_always_visible() {
    for theme in ALL {
        let buf = draw(&state(theme, false), 80, 24);
        for cell in &buf.content {
            for c in [cell.fg, cell.bg] {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{theme:?} uses {c:?}"
                );
            }
        }
        // The first case is selected: reverse video, whatever the theme.
        let y = row_of(&buf, "Northwind");
        let x = text(&buf)
            .lines()
            .nth(usize::from(y))
            .and_then(|l| l.find("Northwind"))
            .map(|b| {
                text(&buf).lines().nth(usize::from(y)).unwrap()[..b]
                    .chars()
                    .count()
            })
            .unwrap();
        let cell = &buf[(u16::try_from(x).unwrap(), y)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "{theme:?}: selection not reversed"
        );
    }
}

#[test]
fn monochrome_draws_no_colour_at_all() {
    let buf = draw(&state(Theme::Monochrome, true), 80, 24);
    for cell in &buf.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    assert!(text(&buf).lines().next().unwrap().contains("PRODUCTION"));
}

#[test]
fn light_has_no_yellow_or_cyan_text() {
    let buf = draw(&state(Theme::Light, false), 80, 24);
    for cell in &buf.content {
        if cell.bg == Color::Reset {
            assert!(
                !matches!(
                    cell.fg,
                    Color::Yellow
                        | Color::Cyan
                        | Color::LightYellow
                        | Color::LightCyan
                        | Color::White
                ),
                "{:?} on a light background at {:?}",
                cell.fg,
                cell.symbol()
            );
        }
    }
}

#[test]
fn production_is_red_and_says_so_in_every_theme() {
    for theme in ALL {
        for (w, h) in [(80, 24), (120, 40), (60, 20)] {
            let buf = draw(&state(theme, true), w, h);
            let header = text(&buf).lines().next().unwrap().to_owned();
            assert!(header.contains("PRODUCTION"), "{theme:?} {w}x{h}: {header}");
        }
    }
    let buf = draw(&state(Theme::Production, true), 80, 24);
    // The whole header row is red but for the badge, which is white on it.
    let header = text(&buf).lines().next().unwrap().to_owned();
    let badge = header.find(" PRODUCTION ").unwrap();
    for x in 0..80u16 {
        let in_badge = (badge..badge + " PRODUCTION ".len()).contains(&usize::from(x));
        let want = if in_badge { Color::White } else { Color::Red };
        assert_eq!(buf[(x, 0)].bg, want, "column {x} of {header}");
    }
    let buf = draw(&state(Theme::Dark, false), 80, 24);
    assert!(!text(&buf).contains("PRODUCTION"));
    assert_ne!(buf[(79, 0)].bg, Color::Red);
}

#[test]
fn production_screens() {
    let s = state(Theme::Production, true);
    insta::assert_snapshot!("production_80x24", text(&draw(&s, 80, 24)));
    insta::assert_snapshot!("production_120x40", text(&draw(&s, 120, 40)));
}

#[test]
fn the_palette_is_per_thread() {
    let handles: Vec<_> = ALL
        .into_iter()
        .map(|theme| {
            std::thread::spawn(move || {
                let mut headers = Vec::new();
                for _ in 0..50 {
                    let buf = draw(&state(theme, false), 80, 24);
                    headers.push((buf[(1, 0)].fg, buf[(1, 0)].bg));
                }
                (theme, headers)
            })
        })
        .collect();
    let mut seen = Vec::new();
    for h in handles {
        let (theme, headers) = h.join().unwrap();
        assert!(
            headers.windows(2).all(|w| w[0] == w[1]),
            "{theme:?} changed mid-run"
        );
        seen.push((theme, headers[0]));
    }
    let dark = seen.iter().find(|(t, _)| *t == Theme::Dark).unwrap().1;
    let light = seen.iter().find(|(t, _)| *t == Theme::Light).unwrap().1;
    assert_ne!(dark, light);
}
