//! The look of the console, chosen per environment (`theme = "light"`) or with `--theme`.
//!
//! Production environments default to [`Theme::Production`], whose red header band says where
//! the reviewer is before anything else on the screen does.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Theme {
    /// Light text on a dark terminal (the default outside production).
    #[default]
    Dark,
    /// Dark text on a light terminal: no yellow or cyan text, which fade on white.
    Light,
    /// Bright colours and bold everywhere; no grey text.
    #[value(name = "high-contrast")]
    HighContrast,
    /// No colour at all: emphasis by bold and reverse video only.
    Monochrome,
    /// Dark with a red header band and a PRODUCTION badge.
    Production,
}

impl Theme {
    /// The names accepted by `--theme` and `theme =`, for error messages.
    pub const NAMES: &'static str = "dark, light, high-contrast, monochrome, production";

    /// Parse a name as the command line does (case-insensitive).
    pub fn parse(name: &str) -> Option<Theme> {
        <Theme as ValueEnum>::from_str(name, true).ok()
    }
}
