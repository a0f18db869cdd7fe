//! When a seeded document was issued and until when it is valid, from what the document is: a
//! certificate of incorporation or the articles date from the incorporation, an annual return
//! or a trade licence from the last anniversary of it, an extract of a register from when the
//! case retrieved it, a passport from some years back (valid ten years). So a 2012 company's
//! certificate reads 2012, and the demo holds documents that have expired and ones about to.

use super::CaseBuilder;
use crate::emulator::dataset::dates;
use chrono::{Datelike, Days, Months, NaiveDate};

/// How long a document of a category stays valid, in days from its issue: an extract of a
/// register, a certificate of good standing or incumbency, or a proof of address is taken as
/// current for three months; the constitution, a register kept by the company, a selfie do not
/// expire. Annual documents and passports are dated in [`CaseBuilder::validity`].
fn valid_days(category: &str) -> Option<u64> {
    match category {
        "RegisterExtract" | "BusinessProfile" | "GoodStanding" | "Incumbency" | "poa" => Some(90),
        _ => None,
    }
}

/// The last anniversary of `since` on or before `on`.
fn last_anniversary(since: NaiveDate, on: NaiveDate) -> NaiveDate {
    let years = on.year() - since.year();
    let at = |y: i32| {
        since
            .checked_add_months(Months::new(12 * y.max(0) as u32))
            .unwrap_or(since)
    };
    if at(years) <= on {
        at(years)
    } else {
        at(years - 1)
    }
}

/// A date `years` years (and `days` days) earlier, clamped at the calendar's start.
fn before(d: NaiveDate, years: u32, days: u64) -> NaiveDate {
    d.checked_sub_months(Months::new(12 * years))
        .and_then(|d| d.checked_sub_days(Days::new(days)))
        .unwrap_or(d)
}

impl CaseBuilder<'_, '_> {
    /// The expiry date an expiry alert of the case gives the document, if one names it.
    fn alerted_expiry(&self, doc: &str) -> Option<NaiveDate> {
        self.seed
            .alerts
            .iter()
            .flat_map(|a| a.changes.iter())
            .filter_map(|c| c.expiration_alert.as_ref())
            .find(|e| e.name.as_deref() == Some(doc))
            .and_then(|e| e.expiration_date.as_deref())
            .and_then(|d| NaiveDate::parse_from_str(d, "%d/%m/%Y").ok())
    }

    /// (issued, expires) of the `nth` wanted document `doc` of `category`. When an expiry alert
    /// of the case names the document, its validity ends on the alert's date (so the listing
    /// and the alert agree) and starts as long before as the kind of document runs.
    pub(super) fn validity(
        &self,
        doc: &str,
        category: &str,
        nth: u64,
    ) -> (NaiveDate, Option<NaiveDate>) {
        let (issued, runs) = self.issue(doc, category, nth);
        match (self.alerted_expiry(doc), runs) {
            (Some(alerted), Some(runs)) => (runs.issued_for(alerted), Some(alerted)),
            (Some(alerted), None) => (issued, Some(alerted)),
            (None, runs) => (issued, runs.map(|r| r.expiry_of(issued))),
        }
    }

    /// When the document was issued, as its kind has it, and how long it runs. Everything is
    /// issued before the case was opened; what is retrieved for the case, a few days before.
    fn issue(&self, doc: &str, category: &str, nth: u64) -> (NaiveDate, Option<Runs>) {
        let opened = dates::date(self.seed.created_day);
        let retrieved = opened - Days::new(1 + nth % 3);
        let incorporated = self
            .seed
            .incorporated
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .filter(|d| *d <= retrieved);
        // Varies per case, deterministically.
        let spread = self.seed.id.unsigned_abs() % 1000;
        match category {
            "Articles" => (incorporated.unwrap_or(retrieved), None),
            "Certificate" if doc.contains("Incorporation") => {
                (incorporated.unwrap_or(retrieved), None)
            }
            "AnnualReturn" | "Licence" => (
                incorporated.map_or(retrieved, |i| last_anniversary(i, retrieved)),
                Some(Runs::Months(12)),
            ),
            // Ten years' validity, issued one to ten years before the case: some expire within
            // months of it, one in ten had already expired.
            "photoid" => (
                before(opened, 1 + (spread % 10) as u32, 20 + spread * 7 % 300),
                Some(Runs::Months(120)),
            ),
            "selfie" => (opened - Days::new(1), None),
            "poa" => (opened - Days::new(12 + spread % 40), Some(Runs::Days(90))),
            c => (retrieved, valid_days(c).map(Runs::Days)),
        }
    }
}

/// How long a document runs from its issue.
#[derive(Debug, Clone, Copy)]
enum Runs {
    /// Valid on the day this many days after its issue, not after.
    Days(u64),
    /// Valid to the day before the same date this many months later.
    Months(u32),
}

impl Runs {
    fn expiry_of(self, issued: NaiveDate) -> NaiveDate {
        match self {
            Runs::Days(n) => issued + Days::new(n),
            Runs::Months(n) => issued
                .checked_add_months(Months::new(n))
                .map_or(issued, |d| d - Days::new(1)),
        }
    }

    /// The issue date of a document of this run that expires on `expires`.
    fn issued_for(self, expires: NaiveDate) -> NaiveDate {
        match self {
            Runs::Days(n) => expires - Days::new(n),
            Runs::Months(n) => (expires + Days::new(1))
                .checked_sub_months(Months::new(n))
                .unwrap_or(expires),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn anniversaries() {
        assert_eq!(
            last_anniversary(day(2012, 6, 14), day(2026, 3, 1)),
            day(2025, 6, 14)
        );
        assert_eq!(
            last_anniversary(day(2012, 6, 14), day(2026, 6, 14)),
            day(2026, 6, 14)
        );
        assert_eq!(
            last_anniversary(day(2026, 2, 1), day(2026, 3, 1)),
            day(2026, 2, 1)
        );
        assert_eq!(before(day(2026, 3, 1), 10, 1), day(2016, 2, 29));
    }

    #[test]
    fn runs_back_and_forth() {
        let passport = Runs::Months(120);
        assert_eq!(passport.expiry_of(day(2016, 3, 15)), day(2026, 3, 14));
        assert_eq!(passport.issued_for(day(2026, 3, 14)), day(2016, 3, 15));
        assert_eq!(
            Runs::Days(90).issued_for(day(2026, 4, 10)),
            day(2026, 1, 10)
        );
    }
}
