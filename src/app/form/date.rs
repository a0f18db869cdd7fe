//! Dates as a form takes them: typed in the configured format (`crate::words::DateFormat`, the
//! one dates are shown in), checked to be a real day, and optionally held to lie before or after
//! today, which the form is given rather than reads.

use chrono::NaiveDate;

/// Where a date field's day must lie relative to today. Kept as data rather than a
/// [`Validator`](super::Validator) because it needs today's date, which the form is given
/// ([`Form::today`](super::Form::today)): the kit never reads a clock, so `update()` stays a
/// function of state and message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// Not after today (birth dates, document issue dates).
    NotFuture,
    /// After today (review dates, expiry of a request).
    Future,
}

impl DateRule {
    /// Check `day` against `today`; `Err` names the problem.
    pub fn check(self, day: NaiveDate, today: NaiveDate) -> Result<(), String> {
        match self {
            DateRule::NotFuture if day > today => Err("lies in the future".to_owned()),
            DateRule::Future if day <= today => Err("must be after today".to_owned()),
            _ => Ok(()),
        }
    }
}
