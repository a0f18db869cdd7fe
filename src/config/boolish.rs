//! Yes/no settings, read alike wherever they come from. A reviewer who writes
//! `KYC_CONSOLE_SAVE_DOWNLOADS=1` because `KYC_CONSOLE_READ_ONLY=1` works must not find the
//! console refusing to start: every boolean environment variable goes through [`parse`].

/// The spellings accepted, for error messages and the README.
pub const SPELLINGS: &str = "1/0, true/false, yes/no or on/off";

/// `1`, `true`, `yes`, `on` are true; `0`, `false`, `no`, `off` are false (any case, surrounding
/// blanks ignored); anything else is `None`.
pub fn parse(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// [`parse`] for the variable `name`, with an error that names it and what it takes.
pub fn from_env(name: &str, v: &str) -> anyhow::Result<bool> {
    parse(v).ok_or_else(|| anyhow::anyhow!("{name}={v:?} is not a yes/no value: use {SPELLINGS}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_in_any_case() {
        for t in ["1", "true", "TRUE", "True", "yes", "YES", "on", " yes "] {
            assert_eq!(parse(t), Some(true), "{t:?}");
        }
        for f in ["0", "false", "FALSE", "no", "No", "off"] {
            assert_eq!(parse(f), Some(false), "{f:?}");
        }
        for bad in ["", "2", "maybe", "y e s"] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_error_names_the_variable_and_the_spellings() {
        let e = from_env("KYC_CONSOLE_X", "maybe").unwrap_err().to_string();
        assert!(e.contains("KYC_CONSOLE_X") && e.contains("yes/no"), "{e}");
    }
}
