//! What is still open on a case, from what the console has loaded: one computation
//! ([`Remaining`]) that drives the overview's summary, the close confirmation (so closing is a
//! decision taken with the open work in view, issue 15 item 7) and the case list's "to do"
//! column (issue 16 item 2). The alerts, AML matches and documents are asked for as the case
//! opens ([`crate::app::case::summary`]); until they come a figure is loading, and what could not
//! be loaded is named as not known with the reason, never counted as nothing: the screen shows
//! the server's truth, never a guessed zero.

use crate::api::{Id, StepStatus};
use crate::app::request::{Remote, Slot, any_in_flight};
use crate::app::{Failure, State};

/// The active steps of a case by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Steps {
    /// Not reviewed, or updated by the system since (both wait for a reviewer).
    pub not_reviewed: usize,
    pub failed: usize,
    pub passed: usize,
    /// The server gave these no status: they may be open, so they are named, never counted
    /// as passed or not reviewed.
    pub unstated: usize,
}

/// A figure the console asks for in the background: the four states a reviewer must tell
/// apart, so that neither a load under way nor a failure can read as zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure<T> {
    Known(T),
    /// Asked for; no answer yet.
    Loading,
    /// The last request failed: why, in a few words.
    Failed(String),
    /// Not asked for (a case other than the open one, or a load stopped).
    NotLoaded,
}

impl<T> Figure<T> {
    pub fn known(&self) -> Option<&T> {
        match self {
            Figure::Known(v) => Some(v),
            _ => None,
        }
    }

    /// The figure of a load: loading while its slots have a request in flight, else its
    /// failure, else its data.
    fn of<D>(
        state: &State,
        slots: &[Slot],
        remote: &Remote<D>,
        value: impl FnOnce(&D) -> T,
    ) -> Self {
        if any_in_flight(state, slots) {
            Figure::Loading
        } else if let Some(f) = &remote.error {
            Figure::Failed(why(f))
        } else {
            remote
                .data
                .as_ref()
                .map_or(Figure::NotLoaded, |d| Figure::Known(value(d)))
        }
    }
}

/// A failure in the few words a summary line has room for: an API error's status without the
/// request it came from ("500 Internal Server Error"); the whole of it is in the messages.
fn why(f: &Failure) -> String {
    match f.summary.split_once(" from ") {
        Some((status, _)) if !status.trim().is_empty() => status.trim().to_owned(),
        _ => f.summary.clone(),
    }
}

/// The AML matches a reviewer has not excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aml {
    /// The matches are loaded: this many are not excluded.
    Open(usize),
    /// The matches are asked for; no answer yet.
    Loading,
    /// Loading the matches failed: why.
    Failed(String),
    /// Only the case's flag is known: it is AML-positive, how many matches is not known.
    Positive,
    /// The case says it has no open match.
    Clear,
    NotKnown,
}

/// The case's open live-monitoring alerts, by kind (the inbox's four counts).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Alerts {
    pub review: usize,
    pub expired_documents: usize,
    pub manual_review: usize,
    pub aml: usize,
    /// Alerts of a type the console does not know: counted, never dropped.
    pub other: usize,
}

impl Alerts {
    /// The open alerts of one case's alert list, by kind.
    pub fn count(alerts: &[crate::api::Alert]) -> Alerts {
        use crate::api::AlertType;
        let mut n = Alerts::default();
        for a in alerts {
            match a.kind() {
                Some(AlertType::CaseDetailsReview) => n.review += 1,
                Some(AlertType::ExpiredDocuments) => n.expired_documents += 1,
                Some(AlertType::ManualReview) => n.manual_review += 1,
                Some(AlertType::Aml) => n.aml += 1,
                None => n.other += 1,
            }
        }
        n
    }

    pub fn total(&self) -> usize {
        self.review + self.expired_documents + self.manual_review + self.aml + self.other
    }

    /// The kinds with alerts, as "2 AML, 1 expired documents".
    pub fn by_kind(&self) -> Vec<String> {
        [
            (self.aml, "AML"),
            (self.expired_documents, "expired documents"),
            (self.manual_review, "manual review"),
            (self.review, "case details review"),
            (self.other, "of another type"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, kind)| format!("{n} {kind}"))
        .collect()
    }
}

/// The mandatory documents the case lacks, and the documents on file that have expired or
/// expire soon.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Documents {
    pub missing: usize,
    pub expired: usize,
    pub expiring: usize,
}

/// A fact of the case's detail: not loaded, loaded and empty, or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    NotKnown,
    NoneSet,
    Set(String),
}

/// What remains to do on one case, figure by figure; `None` is "not loaded, so not known".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remaining {
    pub steps: Option<Steps>,
    pub aml: Aml,
    pub alerts: Figure<Alerts>,
    pub documents: Figure<Documents>,
    pub review_date: Fact,
    pub assignee: Fact,
}

impl Remaining {
    /// The figures of case `id` from what the console holds now.
    pub fn of(state: &State, id: Id) -> Remaining {
        let listed = state.cases.find(id).and_then(|r| r.aml_positive);
        Remaining::with_listed_aml(state, id, listed)
    }

    /// The figures of a row of the case list (which already holds the row's AML flag).
    pub fn of_row(state: &State, row: &crate::app::CaseRow) -> Remaining {
        Remaining::with_listed_aml(state, row.id, row.aml_positive)
    }

    /// `listed`: the AML flag the case list shows, used when the case's detail is not loaded.
    fn with_listed_aml(state: &State, id: Id, listed: Option<bool>) -> Remaining {
        let cv = state.case.as_ref().filter(|c| c.id == id);
        let detail = cv.and_then(|c| c.detail.data.as_ref());
        let steps = cv.and_then(|c| c.steps.data.as_ref()).map(|groups| {
            let mut n = Steps::default();
            for s in groups
                .iter()
                .flat_map(|g| g.steps.iter())
                .filter(|s| !s.is_deactivated)
            {
                match s.status {
                    StepStatus::NotReviewed | StepStatus::SystemUpdated => n.not_reviewed += 1,
                    StepStatus::Failed => n.failed += 1,
                    StepStatus::Passed => n.passed += 1,
                    StepStatus::Unknown => n.unstated += 1,
                    StepStatus::Other(_) => {}
                }
            }
            n
        });

        let pane = state.aml.as_ref().filter(|p| p.case == id);
        let positive = detail.and_then(|d| d.is_case_aml_positive).or(listed);
        let aml = match pane.map(|p| &p.matches) {
            _ if cv.is_some() && any_in_flight(state, &[Slot::SummaryAml]) => Aml::Loading,
            Some(Remote { error: Some(f), .. }) => Aml::Failed(why(f)),
            Some(Remote {
                data: Some(entries),
                ..
            }) => Aml::Open(entries.iter().filter(|e| !e.m.is_excluded).count()),
            _ => match positive {
                Some(true) => Aml::Positive,
                Some(false) => Aml::Clear,
                None => Aml::NotKnown,
            },
        };

        // The case's own alert list, asked for as it opened; else the inbox's counts.
        let count = |n: i64| usize::try_from(n).unwrap_or(0);
        let alerts = match cv.map(|c| {
            Figure::of(state, &[Slot::SummaryAlerts], &c.alerts, |a| {
                Alerts::count(a)
            })
        }) {
            Some(Figure::NotLoaded) | None => {
                match state.alerts.rows.iter().find(|r| r.id() == id) {
                    Some(row) => Figure::Known(Alerts {
                        review: count(row.case.review_alert_count),
                        expired_documents: count(row.case.expired_documents_alert_count),
                        manual_review: count(row.case.manual_review_alert_count),
                        aml: count(row.case.aml_alert_count),
                        other: 0,
                    }),
                    // The inbox lists every case with an open alert: a loaded inbox without
                    // the case says it has none.
                    None if !state.alerts.rows.is_empty() => Figure::Known(Alerts::default()),
                    None => Figure::NotLoaded,
                }
            }
            Some(f) => f,
        };

        let documents = match state.docs.as_ref().filter(|p| p.case == id) {
            _ if cv.is_some()
                && any_in_flight(state, &[Slot::SummaryDocuments, Slot::SummaryMandatory]) =>
            {
                Figure::Loading
            }
            None => Figure::NotLoaded,
            Some(p) => match (&p.listing, &p.mandatory) {
                (Remote { error: Some(f), .. }, _) | (_, Remote { error: Some(f), .. }) => {
                    Figure::Failed(why(f))
                }
                (Remote { data: Some(_), .. }, Remote { data: Some(_), .. }) => {
                    let (expired, expiring) = crate::app::docs::expiry_counts(
                        p,
                        state.today,
                        state.session.expiry_warning,
                    );
                    Figure::Known(Documents {
                        missing: crate::app::docs::missing(p).len(),
                        expired,
                        expiring,
                    })
                }
                _ => Figure::NotLoaded,
            },
        };

        let fact = |v: Option<&str>| match detail {
            None => Fact::NotKnown,
            Some(_) => match v.map(str::trim).filter(|v| !v.is_empty()) {
                Some(v) => Fact::Set(v.to_owned()),
                None => Fact::NoneSet,
            },
        };
        Remaining {
            steps,
            aml,
            alerts,
            documents,
            review_date: fact(detail.and_then(|d| {
                d.case_review_date
                    .as_deref()
                    .or(d.common.scheduled_review_date.as_deref())
            })),
            assignee: fact(detail.and_then(|d| d.common.assigned_user_name.as_deref())),
        }
    }

    /// The open work, one phrase a finding ("3 steps not reviewed").
    pub fn open(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(s) = self.steps {
            push(
                &mut out,
                s.not_reviewed,
                "step not reviewed",
                "steps not reviewed",
            );
            push(&mut out, s.failed, "step failed", "steps failed");
            push(
                &mut out,
                s.unstated,
                "step with no status given",
                "steps with no status given",
            );
        }
        match self.aml {
            Aml::Open(n) => push(
                &mut out,
                n,
                "AML match not excluded",
                "AML matches not excluded",
            ),
            Aml::Positive => out.push("AML matches not excluded (the case is AML-positive)".into()),
            Aml::Clear | Aml::NotKnown | Aml::Loading | Aml::Failed(_) => {}
        }
        if let Figure::Known(a) = &self.alerts {
            push(&mut out, a.total(), "open alert", "open alerts");
        }
        if let Figure::Known(d) = &self.documents {
            push(
                &mut out,
                d.missing,
                "mandatory document missing",
                "mandatory documents missing",
            );
            push(&mut out, d.expired, "document expired", "documents expired");
        }
        out
    }

    /// What is not known, each with why: still loading, the failure, or not loaded.
    pub fn unknown(&self) -> Vec<String> {
        fn named<T>(out: &mut Vec<String>, what: &str, f: &Figure<T>) {
            match f {
                Figure::Known(_) => {}
                Figure::Loading => out.push(format!("{what} (still loading)")),
                Figure::Failed(why) => out.push(format!("{what} ({why})")),
                Figure::NotLoaded => out.push(format!("{what} (r loads them)")),
            }
        }
        let mut out = Vec::new();
        if self.steps.is_none() {
            out.push("steps".to_owned());
        }
        match &self.aml {
            Aml::NotKnown => out.push("AML matches (r loads them)".to_owned()),
            Aml::Loading => out.push("AML matches (still loading)".to_owned()),
            Aml::Failed(why) => out.push(format!("AML matches ({why})")),
            Aml::Open(_) | Aml::Positive | Aml::Clear => {}
        }
        named(&mut out, "alerts", &self.alerts);
        named(&mut out, "mandatory documents", &self.documents);
        out
    }

    /// The few words of the case list's "to do" column: what is known to be open, nothing for
    /// what is not known.
    pub fn brief(&self) -> String {
        let mut out = Vec::new();
        if let Some(s) = self.steps {
            let n = s.not_reviewed + s.failed + s.unstated;
            if n > 0 {
                out.push(format!("{n} step{}", plural(n)));
            }
        }
        match self.aml {
            Aml::Open(0) | Aml::Clear | Aml::NotKnown | Aml::Loading | Aml::Failed(_) => {}
            Aml::Open(_) | Aml::Positive => out.push("AML".to_owned()),
        }
        if let Some(a) = self.alerts.known().filter(|a| a.total() > 0) {
            out.push(format!("{} alert{}", a.total(), plural(a.total())));
        }
        if let Some(d) = self.documents.known() {
            let n = d.missing + d.expired;
            if n > 0 {
                out.push(format!("{n} doc{}", plural(n)));
            }
        }
        out.join("·")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn push(out: &mut Vec<String>, n: usize, one: &str, many: &str) {
    match n {
        0 => {}
        1 => out.push(format!("1 {one}")),
        n => out.push(format!("{n} {many}")),
    }
}

/// The paragraph the close confirmation shows.
pub fn paragraph(state: &State, id: Id) -> String {
    let r = Remaining::of(state, id);
    let (open, unknown) = (r.open(), r.unknown());
    let mut text = if open.is_empty() {
        "Nothing known is still open.".to_owned()
    } else {
        format!("Still open: {}.", open.join(", "))
    };
    if !unknown.is_empty() {
        text.push_str(&format!("\nNot known: {}.", unknown.join(", ")));
    }
    text
}
