//! Dates of birth as precise as they were written (a year, a month, a day), read from the
//! usual numeric and worded forms, and compared within a tolerance: lists often know only the
//! year, swap day and month, or are a year off.

use super::Verdict;

/// A date as precise as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// Read `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `DD/MM/YYYY`, `DD.MM.YYYY` (a time part is ignored).
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.chars().any(char::is_alphabetic) && !s.contains('T') {
        return parse_worded_date(s);
    }
    let s = s.split(['T', ' ']).next().unwrap_or(s);
    let nums: Vec<&str> = s.split(['-', '/', '.']).collect();
    let n = |x: &str| x.parse::<u32>().ok();
    let valid = |d: Date| {
        let month_ok = d.month.is_none_or(|m| (1..=12).contains(&m));
        let day_ok = d.day.is_none_or(|x| (1..=31).contains(&x));
        ((1000..=2999).contains(&d.year) && month_ok && day_ok).then_some(d)
    };
    let year = |x: &str| x.parse::<i32>().ok().filter(|_| x.len() == 4);
    match nums.as_slice() {
        [y] => valid(Date {
            year: year(y)?,
            month: None,
            day: None,
        }),
        [y, m] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: n(m),
            day: None,
        }),
        [y, m, d] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: Some(n(m)?),
            day: Some(n(d)?),
        }),
        [d, m, y] if y.len() == 4 => valid(Date {
            year: year(y)?,
            month: Some(n(m)?),
            day: Some(n(d)?),
        }),
        _ => None,
    }
}

/// `23 Sep 1971`, `September 23, 1971`, `Sep 1971`.
fn parse_worded_date(s: &str) -> Option<Date> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let (mut year, mut month, mut day) = (None, None, None);
    for part in s.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '.') {
        let lower = part.to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
            month = u32::try_from(m + 1).ok();
        } else if let Ok(n) = part.parse::<u32>() {
            if part.len() == 4 {
                year = i32::try_from(n).ok();
            } else if (1..=31).contains(&n) {
                day = Some(n);
            }
        }
    }
    let day = day.filter(|_| month.is_some());
    Some(Date {
        year: year?,
        month,
        day,
    })
}

/// How far apart two dates of birth may be and still partly agree, in years: a year off by one
/// is a common data-entry or calendar-conversion error.
pub const DOB_TOLERANCE_YEARS: i32 = 1;

/// Compare dates of birth: the same date agrees; the same year where one side knows only the
/// year, a day and month swapped, or a year within the tolerance partly agrees.
pub fn compare_dates(a: Option<&str>, b: Option<&str>) -> (Verdict, Option<String>) {
    let (Some(ra), Some(rb)) = (
        a.filter(|s| !s.trim().is_empty()),
        b.filter(|s| !s.trim().is_empty()),
    ) else {
        return (Verdict::Unknown, Some("not known on both sides".to_owned()));
    };
    let (Some(da), Some(db)) = (parse_date(ra), parse_date(rb)) else {
        return (Verdict::Unknown, Some("date not readable".to_owned()));
    };
    let full = |d: &Date| d.month.is_some() && d.day.is_some();
    if da == db {
        return if full(&da) {
            (Verdict::Agrees, None)
        } else {
            (
                Verdict::Partly,
                Some("same, but only partly known".to_owned()),
            )
        };
    }
    let years = (da.year - db.year).abs();
    if da.year == db.year && (!full(&da) || !full(&db)) {
        let months_differ = matches!((da.month, db.month), (Some(x), Some(y)) if x != y);
        if !months_differ {
            return (
                Verdict::Partly,
                Some("same year; only the year is known".to_owned()),
            );
        }
    }
    if da.year == db.year && da.month == db.day && da.day == db.month {
        return (Verdict::Partly, Some("day and month swapped".to_owned()));
    }
    if years <= DOB_TOLERANCE_YEARS {
        let why = if years == 0 {
            "same year, other day".to_owned()
        } else {
            format!("{years} year apart")
        };
        return (Verdict::Partly, Some(why));
    }
    (Verdict::Conflicts, Some(format!("{years} years apart")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_agree_within_a_tolerance() {
        let d = |a, b| compare_dates(Some(a), Some(b)).0;
        assert_eq!(d("1971-09-23", "1971-09-23"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "23/09/1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "1972-09-23"), Verdict::Partly);
        assert_eq!(d("1977-05-04", "1977"), Verdict::Partly);
        assert_eq!(d("1971-09-03", "1971-03-09"), Verdict::Partly);
        assert_eq!(d("1971-09-23", "1949-02-14"), Verdict::Conflicts);
        assert_eq!(d("1971-09-23", "1973-09-23"), Verdict::Conflicts);
        assert_eq!(compare_dates(None, Some("1971")).0, Verdict::Unknown);
        assert_eq!(d("unknown", "1971"), Verdict::Unknown);
        assert_eq!(d("1971-09-23", "23 Sep 1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "September 23, 1971"), Verdict::Agrees);
        assert_eq!(d("1971-09-23", "Sep 1971"), Verdict::Partly);
    }
}
