//! Colours and glyphs. Only the 16 basic colours are used, and nothing is told by colour alone:
//! every status also has a glyph and a word.
//!
//! The palette is per thread and set by `ui::draw` from the session before anything is drawn,
//! so the style functions keep taking no arguments and tests on other threads can draw other
//! themes at the same time.

use crate::api::StepStatus;
pub use crate::appearance::theme::Theme;
use ratatui::style::{Color, Modifier, Style};
use std::cell::Cell;

thread_local! {
    static CURRENT: Cell<Theme> = const { Cell::new(Theme::Dark) };
}

/// Use `theme` for what this thread draws from now on.
pub fn set(theme: Theme) {
    CURRENT.with(|c| c.set(theme));
}

/// The theme this thread draws with.
pub fn current() -> Theme {
    CURRENT.with(Cell::get)
}

/// Every style a theme decides, so the themes can be read side by side.
struct Palette {
    header: Style,
    header_band: Style,
    /// Secondary text in the header (user, counts), readable on the band.
    header_text: Style,
    demo_badge: Style,
    prod_badge: Style,
    read_only_badge: Style,
    selected: Style,
    focused_border: Style,
    border: Style,
    dim: Style,
    label: Style,
    title: Style,
    error: Style,
    success: Style,
    warn: Style,
    key: Style,
    passed: Style,
    failed: Style,
    system_updated: Style,
}

const BOLD: Modifier = Modifier::BOLD;
const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}
const fn on(f: Color, b: Color) -> Style {
    Style::new().fg(f).bg(b)
}

const DARK: Palette = Palette {
    header: on(Color::Black, Color::Cyan),
    header_band: Style::new(),
    header_text: fg(Color::DarkGray),
    demo_badge: on(Color::Black, Color::Green).add_modifier(BOLD),
    prod_badge: on(Color::White, Color::Red).add_modifier(BOLD),
    read_only_badge: on(Color::Black, Color::Yellow).add_modifier(BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    focused_border: fg(Color::Cyan).add_modifier(BOLD),
    border: fg(Color::DarkGray),
    dim: fg(Color::DarkGray),
    label: Style::new().add_modifier(BOLD),
    title: Style::new().add_modifier(BOLD),
    error: fg(Color::Red).add_modifier(BOLD),
    success: fg(Color::Green),
    warn: fg(Color::Yellow),
    key: fg(Color::Cyan).add_modifier(BOLD),
    passed: fg(Color::Green),
    failed: fg(Color::Red),
    system_updated: fg(Color::Yellow),
};

/// Dark's palette with blue where dark has cyan and magenta where it has yellow: the colours
/// that vanish on a light background.
const LIGHT: Palette = Palette {
    header: on(Color::White, Color::Blue),
    focused_border: fg(Color::Blue).add_modifier(BOLD),
    warn: fg(Color::Magenta),
    key: fg(Color::Blue).add_modifier(BOLD),
    system_updated: fg(Color::Magenta),
    ..DARK
};

const HIGH_CONTRAST: Palette = Palette {
    header: on(Color::Black, Color::White).add_modifier(BOLD),
    header_band: Style::new(),
    header_text: fg(Color::White),
    demo_badge: on(Color::Black, Color::LightGreen).add_modifier(BOLD),
    prod_badge: on(Color::White, Color::Red).add_modifier(BOLD),
    read_only_badge: on(Color::Black, Color::LightYellow).add_modifier(BOLD),
    selected: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(BOLD),
    focused_border: fg(Color::LightYellow).add_modifier(BOLD),
    border: fg(Color::White),
    dim: fg(Color::White),
    label: fg(Color::White).add_modifier(BOLD),
    title: fg(Color::White)
        .add_modifier(BOLD)
        .add_modifier(Modifier::UNDERLINED),
    error: fg(Color::LightRed).add_modifier(BOLD),
    success: fg(Color::LightGreen).add_modifier(BOLD),
    warn: fg(Color::LightYellow).add_modifier(BOLD),
    key: fg(Color::LightCyan).add_modifier(BOLD),
    passed: fg(Color::LightGreen).add_modifier(BOLD),
    failed: fg(Color::LightRed).add_modifier(BOLD),
    system_updated: fg(Color::LightYellow).add_modifier(BOLD),
};

/// No colours: `ui::draw` also strips any colour a pane sets itself, and what had a background
/// (badges, the selection) becomes reverse video.
const MONOCHROME: Palette = Palette {
    header: Style::new().add_modifier(Modifier::REVERSED),
    header_band: Style::new(),
    header_text: Style::new().add_modifier(Modifier::DIM),
    demo_badge: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(BOLD),
    prod_badge: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(BOLD),
    read_only_badge: Style::new()
        .add_modifier(Modifier::REVERSED)
        .add_modifier(BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    focused_border: Style::new().add_modifier(BOLD),
    border: Style::new(),
    dim: Style::new().add_modifier(Modifier::DIM),
    label: Style::new().add_modifier(BOLD),
    title: Style::new().add_modifier(BOLD),
    error: Style::new().add_modifier(BOLD),
    success: Style::new(),
    warn: Style::new().add_modifier(BOLD),
    key: Style::new().add_modifier(BOLD),
    passed: Style::new(),
    failed: Style::new().add_modifier(BOLD),
    system_updated: Style::new(),
};

/// Dark, with the whole header row red and a red focus frame: production is never mistaken
/// for a test environment.
const PRODUCTION: Palette = Palette {
    header: on(Color::White, Color::Red).add_modifier(BOLD),
    header_band: on(Color::White, Color::Red),
    header_text: fg(Color::White),
    prod_badge: on(Color::Red, Color::White).add_modifier(BOLD),
    focused_border: fg(Color::LightRed).add_modifier(BOLD),
    ..DARK
};

fn palette() -> &'static Palette {
    match current() {
        Theme::Dark => &DARK,
        Theme::Light => &LIGHT,
        Theme::HighContrast => &HIGH_CONTRAST,
        Theme::Monochrome => &MONOCHROME,
        Theme::Production => &PRODUCTION,
    }
}

pub fn header() -> Style {
    palette().header
}

/// The whole header row under the badges and breadcrumbs (red in production).
pub fn header_band() -> Style {
    palette().header_band
}

/// The user, counts and separators in the header.
pub fn header_text() -> Style {
    palette().header_text
}

pub fn demo_badge() -> Style {
    palette().demo_badge
}

pub fn prod_badge() -> Style {
    palette().prod_badge
}

pub fn read_only_badge() -> Style {
    palette().read_only_badge
}

/// The selected row: reverse video, which survives monochrome terminals.
pub fn selected() -> Style {
    palette().selected
}

pub fn focused_border() -> Style {
    palette().focused_border
}

pub fn border() -> Style {
    palette().border
}

pub fn dim() -> Style {
    palette().dim
}

pub fn label() -> Style {
    palette().label
}

pub fn title() -> Style {
    palette().title
}

pub fn error() -> Style {
    palette().error
}

pub fn success() -> Style {
    palette().success
}

pub fn warn() -> Style {
    palette().warn
}

pub fn key() -> Style {
    palette().key
}

/// Glyph, word and colour of a step status.
pub fn step_status(s: &StepStatus) -> (&'static str, Style) {
    let p = palette();
    match s {
        StepStatus::Passed => ("✔", p.passed),
        StepStatus::Failed => ("✘", p.failed),
        StepStatus::NotReviewed => ("○", Style::new()),
        StepStatus::SystemUpdated => ("◐", p.system_updated),
        StepStatus::Other(_) | StepStatus::Unknown => ("?", Style::new()),
    }
}

pub const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
