//! Validators for common shapes; each names what is wrong.

/// An ISO 3166 alpha-2 code (two letters), e.g. GB.
pub fn iso_country(v: &str) -> Result<(), String> {
    if v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(())
    } else {
        Err(format!(
            "{v:?} is not an ISO country code (two letters, e.g. GB)"
        ))
    }
}

/// An e-mail address, loosely: something@something.something.
pub fn email(v: &str) -> Result<(), String> {
    let ok = v.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !v.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err("not an e-mail address (name@example.com)".to_owned())
    }
}

/// A telephone number: digits, spaces and + ( ) -, at least 6 digits.
pub fn phone(v: &str) -> Result<(), String> {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    if digits >= 6 && v.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c)) {
        Ok(())
    } else {
        Err("not a telephone number (digits, + ( ) -)".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::super::checks;

    #[test]
    fn checks_name_the_problem() {
        assert!(checks::iso_country("GB").is_ok());
        assert!(checks::iso_country("GBR").is_err());
        assert!(checks::email("a@b.co").is_ok());
        assert!(checks::email("a@b").is_err());
        assert!(checks::phone("+44 20 7946 0000").is_ok());
        assert!(checks::phone("call me").is_err());
    }
}
