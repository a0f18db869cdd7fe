//! Fixed calendar arithmetic for datasets: days counted from 1 January 2026, never the clock, so
//! every build of a dataset is identical.

const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// (year, month, day) of the `day`-th day (0-based) after 1 January 2026.
pub fn ymd(day: u32) -> (u32, u32, u32) {
    let mut year = 2026;
    let mut rest = day;
    loop {
        let len = if is_leap(year) { 366 } else { 365 };
        if rest < len {
            break;
        }
        rest -= len;
        year += 1;
    }
    for (i, &base) in MONTH_DAYS.iter().enumerate() {
        let days = if i == 1 && is_leap(year) { 29 } else { base };
        if rest < days {
            return (year, i as u32 + 1, rest + 1);
        }
        rest -= days;
    }
    (year, 12, 31)
}

fn is_leap(y: u32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// `2026-03-14T09:30:00Z`: `minute` minutes into the day.
pub fn iso(day: u32, minute: u32) -> String {
    let (y, m, d) = ymd(day + minute / 1440);
    let minute = minute % 1440;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z",
        minute / 60,
        minute % 60
    )
}

/// `14/03/2026`, the review-date format.
pub fn dmy(day: u32) -> String {
    let (y, m, d) = ymd(day);
    format!("{d:02}/{m:02}/{y:04}")
}

/// The `day`-th day after 1 January 2026 as a date, for arithmetic reaching before 2026.
pub fn date(day: u32) -> chrono::NaiveDate {
    let (y, m, d) = ymd(day);
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(ymd(0), (2026, 1, 1));
        assert_eq!(ymd(59), (2026, 3, 1));
        assert_eq!(ymd(364), (2026, 12, 31));
        assert_eq!(ymd(365), (2027, 1, 1));
        assert_eq!(ymd(365 * 2 + 59), (2028, 2, 29));
        assert_eq!(iso(0, 90), "2026-01-01T01:30:00Z");
        assert_eq!(iso(0, 1440 + 60), "2026-01-02T01:00:00Z");
        assert_eq!(dmy(31), "01/02/2026");
        assert_eq!(date(365).to_string(), "2027-01-01");
    }
}
