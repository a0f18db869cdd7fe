//! What is still open on a case, from what the console has loaded: said before the case is
//! closed, so closing is a decision taken with the open work in view (issue 15, item 7). What
//! the console has not loaded is named as not known, never counted as nothing.

use crate::api::{Id, StepStatus};
use crate::app::State;

/// The open work on case `id`, one phrase a finding ("3 steps not reviewed"), then what is not
/// known because it was not loaded.
pub fn still_open(state: &State, id: Id) -> (Vec<String>, Vec<&'static str>) {
    let mut open = Vec::new();
    let mut unknown = Vec::new();

    match state
        .case
        .as_ref()
        .filter(|c| c.id == id)
        .and_then(|c| c.steps.data.as_ref())
    {
        Some(groups) => {
            let active = groups
                .iter()
                .flat_map(|g| g.steps.iter())
                .filter(|s| !s.is_deactivated);
            let (mut unreviewed, mut failed, mut unstated) = (0, 0, 0);
            for s in active {
                match s.status {
                    StepStatus::NotReviewed | StepStatus::SystemUpdated => unreviewed += 1,
                    StepStatus::Failed => failed += 1,
                    StepStatus::Unknown => unstated += 1,
                    StepStatus::Passed | StepStatus::Other(_) => {}
                }
            }
            push(
                &mut open,
                unreviewed,
                "step not reviewed",
                "steps not reviewed",
            );
            push(&mut open, failed, "step failed", "steps failed");
            // The server gave these no status: they may be open, so they are named.
            push(
                &mut open,
                unstated,
                "step with no status given",
                "steps with no status given",
            );
        }
        None => unknown.push("steps"),
    }

    let matches = state
        .aml
        .as_ref()
        .filter(|p| p.case == id)
        .and_then(|p| p.matches.data.as_ref());
    let positive = state
        .case
        .as_ref()
        .filter(|c| c.id == id)
        .and_then(|c| c.detail.data.as_ref())
        .and_then(|d| d.is_case_aml_positive);
    match (matches, positive) {
        (Some(entries), _) => {
            let n = entries.iter().filter(|e| !e.m.is_excluded).count();
            push(
                &mut open,
                n,
                "AML match not excluded",
                "AML matches not excluded",
            );
        }
        (None, Some(true)) => {
            open.push("AML matches not excluded (the case is AML-positive)".into())
        }
        (None, Some(false)) => {}
        (None, None) => unknown.push("AML matches"),
    }

    let alerts = state.alerts.rows.iter().find(|r| r.id() == id);
    match alerts {
        Some(row) => {
            let n = usize::try_from(row.case.total_alerts()).unwrap_or(0);
            push(&mut open, n, "open alert", "open alerts");
        }
        None if state.alerts.rows.is_empty() => unknown.push("alerts (open the inbox with !)"),
        None => {}
    }

    match state.docs.as_ref().filter(|p| p.case == id) {
        Some(p) if p.mandatory.data.is_some() => {
            let n = crate::app::docs::missing(p).len();
            push(
                &mut open,
                n,
                "mandatory document missing",
                "mandatory documents missing",
            );
        }
        _ => unknown.push("mandatory documents (D shows them)"),
    }
    (open, unknown)
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
    let (open, unknown) = still_open(state, id);
    let mut text = if open.is_empty() {
        "Nothing known is still open.".to_owned()
    } else {
        format!("Still open: {}.", open.join(", "))
    };
    if !unknown.is_empty() {
        text.push_str(&format!(
            "\nNot loaded, so not known: {}.",
            unknown.join(", ")
        ));
    }
    text
}
