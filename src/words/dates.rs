//! One date format throughout (issue 16 item 7): `YYYY-MM-DD` by default, `DD/MM/YYYY` by
//! configuration (`date_format`). Dates from the API, whatever form they come in (ISO dates,
//! `DD/MM/YYYY`, timestamps), are shown in it, and dates are typed in it; the API's own format on
//! the wire does not change (the forms convert on send).

use chrono::NaiveDate;

/// How dates are shown and typed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateFormat {
    /// `2026-09-15`.
    #[default]
    Iso,
    /// `15/09/2026`.
    DayMonthYear,
}

impl DateFormat {
    /// The setting as written in the config file or `KYC_CONSOLE_DATE_FORMAT`.
    pub fn parse(setting: &str) -> Option<DateFormat> {
        match setting.trim().to_ascii_uppercase().as_str() {
            "YYYY-MM-DD" | "ISO" => Some(DateFormat::Iso),
            "DD/MM/YYYY" | "DMY" => Some(DateFormat::DayMonthYear),
            _ => None,
        }
    }

    /// The format as a person reads it, for hints and errors.
    pub fn hint(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::DayMonthYear => "DD/MM/YYYY",
        }
    }

    fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "%Y-%m-%d",
            DateFormat::DayMonthYear => "%d/%m/%Y",
        }
    }

    /// A day as shown.
    pub fn show(self, day: NaiveDate) -> String {
        day.format(self.pattern()).to_string()
    }

    /// A day as typed in this format.
    pub fn parse_typed(self, text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text.trim(), self.pattern()).ok()
    }

    /// A date or timestamp from the API as shown: the day in this format, a timestamp's time
    /// kept to the minute (`2026-12-01 18:04`); what is not a date is shown as sent.
    pub fn show_api(self, value: &str) -> String {
        let v = value.trim();
        match api_date(v) {
            Some(day) => match time_of(v) {
                Some(hm) => format!("{} {hm}", self.show(day)),
                None => self.show(day),
            },
            None => v.to_owned(),
        }
    }
}

/// The day of a date or timestamp as the API writes them: `2026-09-15`, `15/09/2026`,
/// `2026-09-15T10:00:00Z`, `2026-09-15 10:00:00`.
pub fn api_date(value: &str) -> Option<NaiveDate> {
    let v = value.trim();
    let day = v.get(..10).unwrap_or(v);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(day, "%d/%m/%Y"))
        .ok()
        .filter(|_| {
            v.get(10..)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['T', ' ']))
        })
}

/// `HH:MM` of a timestamp, when it has a time.
fn time_of(value: &str) -> Option<&str> {
    let rest = value.get(11..)?;
    let hm = rest.get(..5)?;
    (hm.as_bytes().get(2) == Some(&b':') && hm.chars().filter(char::is_ascii_digit).count() == 4)
        .then_some(hm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_dates_of_every_form_show_in_the_chosen_format() {
        for (api, iso, dmy) in [
            ("2026-09-15", "2026-09-15", "15/09/2026"),
            ("15/09/2026", "2026-09-15", "15/09/2026"),
            (
                "2026-12-01T18:04:23Z",
                "2026-12-01 18:04",
                "01/12/2026 18:04",
            ),
            ("Do not review", "Do not review", "Do not review"),
            ("", "", ""),
        ] {
            assert_eq!(DateFormat::Iso.show_api(api), iso);
            assert_eq!(DateFormat::DayMonthYear.show_api(api), dmy);
        }
    }

    #[test]
    fn dates_are_typed_in_the_format_they_are_shown_in() {
        let day = NaiveDate::from_ymd_opt(2026, 9, 15);
        assert_eq!(DateFormat::Iso.parse_typed("2026-09-15"), day);
        assert_eq!(DateFormat::Iso.parse_typed("15/09/2026"), None);
        assert_eq!(DateFormat::DayMonthYear.parse_typed("15/09/2026"), day);
        assert_eq!(
            DateFormat::parse("dd/mm/yyyy"),
            Some(DateFormat::DayMonthYear)
        );
        assert_eq!(DateFormat::parse("YYYY-MM-DD"), Some(DateFormat::Iso));
        assert_eq!(DateFormat::parse("MM/DD/YYYY"), None);
    }
}
