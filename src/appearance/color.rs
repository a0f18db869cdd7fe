//! How many colours the terminal shows, from `NO_COLOR`, `COLORTERM` and `TERM`, or `--color`.
//!
//! The palette uses only the 16 basic colours, which every colour terminal renders the same; the
//! mode that changes drawing is monochrome, where colours are dropped and what they marked is
//! carried by reverse video, bold and glyphs instead.

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorMode {
    /// Decide from NO_COLOR, COLORTERM and TERM.
    #[default]
    Auto,
    #[value(name = "truecolor")]
    TrueColor,
    #[value(name = "256")]
    Ansi256,
    #[value(name = "16")]
    Ansi16,
    #[value(name = "mono", alias = "never", alias = "none")]
    Mono,
}

impl ColorMode {
    /// Resolve `Auto` from the environment (passed in, so tests need not touch the process's).
    pub fn resolve(self, get: impl Fn(&str) -> Option<String>) -> ColorMode {
        if self != ColorMode::Auto {
            return self;
        }
        // https://no-color.org: present and not empty.
        if get("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorMode::Mono;
        }
        let colorterm = get("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" {
            return ColorMode::TrueColor;
        }
        let term = get("TERM").unwrap_or_default().to_ascii_lowercase();
        if term.is_empty()
            || term == "dumb"
            || term.starts_with("vt100")
            || term.starts_with("vt220")
        {
            ColorMode::Mono
        } else if term.contains("256color") {
            ColorMode::Ansi256
        } else {
            ColorMode::Ansi16
        }
    }

    pub fn is_mono(self) -> bool {
        self == ColorMode::Mono
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let v: Vec<(String, String)> = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        move |k| v.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone())
    }

    #[test]
    fn detection() {
        let auto = ColorMode::Auto;
        assert_eq!(
            auto.resolve(env(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")])),
            ColorMode::Mono
        );
        assert_eq!(
            auto.resolve(env(&[("TERM", "xterm-256color"), ("NO_COLOR", "")])),
            ColorMode::Ansi256
        );
        assert_eq!(
            auto.resolve(env(&[("TERM", "screen"), ("COLORTERM", "truecolor")])),
            ColorMode::TrueColor
        );
        assert_eq!(auto.resolve(env(&[("TERM", "screen")])), ColorMode::Ansi16);
        assert_eq!(auto.resolve(env(&[("TERM", "vt100")])), ColorMode::Mono);
        assert_eq!(
            ColorMode::Ansi16.resolve(env(&[("NO_COLOR", "1")])),
            ColorMode::Ansi16
        );
    }
}
