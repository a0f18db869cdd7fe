//! The audit trail of a built case.

use super::Ctx;
use crate::api::{AmlChecks, AuditEntry, Id, StepGroup, StepNote, StepStatus};
use crate::emulator::dataset::dates;

/// What the audit trail of a case is written from.
pub(super) struct AuditFacts<'a> {
    pub day: u32,
    pub name: &'a str,
    pub aml_only: bool,
    pub status_id: i64,
    pub status_name: &'a str,
    pub assignee: Option<&'a str>,
    pub decision: Option<&'a str>,
    /// The scheduled review date (`dd/mm/yyyy`), set by the reviewer once the case is reviewed.
    pub review_date: Option<&'a str>,
    /// Step reviews and notes too (not in scale mode).
    pub detailed: bool,
}

/// The audit trail, newest first: creation, build, assignment, reviewed steps, excluded AML
/// matches (each just before its step passed), notes (at their own times), the review date and
/// the decision last, in the words the emulator's routes write when a reviewer does the same.
/// Ids ascend with time.
pub(super) fn audit_trail(
    ctx: &mut Ctx<'_>,
    f: &AuditFacts<'_>,
    groups: &[StepGroup],
    notes: &std::collections::BTreeMap<Id, Vec<StepNote>>,
    aml: &AmlChecks,
) -> Vec<AuditEntry> {
    type Line = (String, String, &'static str, Option<String>, String);
    let at = |minute: u32| dates::iso(f.day, minute);
    let mut lines: Vec<Line> = Vec::new();
    let kind = if f.aml_only { "AML-only" } else { "Full KYC" };
    lines.push((
        at(9 * 60),
        "api-client".to_owned(),
        "Case created",
        None,
        format!("{kind} case created for {}", f.name),
    ));
    let build_action = match f.status_id {
        3 => "Case built",
        8 => "Case build failed",
        _ => "Case build in progress",
    };
    let status = format!("Status {} ({})", f.status_id, f.status_name);
    lines.push((
        at(9 * 60 + 12),
        "system".to_owned(),
        build_action,
        None,
        status,
    ));
    if let Some(u) = f.assignee {
        lines.push((
            at(10 * 60),
            "Compliance Admin".to_owned(),
            "Case assigned",
            None,
            format!("Assigned to {u}"),
        ));
    }
    let reviewer = f.assignee.unwrap_or("Compliance Admin").to_owned();
    let mut minute = 24 * 60 + 9 * 60;
    for s in groups.iter().flat_map(|g| &g.steps) {
        let excluded = aml
            .all()
            .find(|(_, m)| m.case_step_id == s.case_step_id && m.is_excluded);
        if let Some((_, m)) = excluded {
            minute += 5;
            lines.push((
                at(minute),
                reviewer.clone(),
                "AML match excluded",
                s.name.clone(),
                m.excluded_reason
                    .clone()
                    .unwrap_or_else(|| "Excluded by reviewer".to_owned()),
            ));
        }
    }
    if f.detailed {
        for s in groups.iter().flat_map(|g| &g.steps) {
            if matches!(s.status, StepStatus::Passed | StepStatus::Failed) {
                minute += 7;
                let change = format!("NotReviewed → {}", s.status);
                lines.push((
                    at(minute),
                    reviewer.clone(),
                    "Step status changed",
                    s.name.clone(),
                    change,
                ));
            }
        }
        for (step_id, ns) in notes {
            let step_name = groups
                .iter()
                .flat_map(|g| &g.steps)
                .find(|s| s.case_step_id == *step_id)
                .and_then(|s| s.name.clone());
            for n in ns {
                lines.push((
                    n.created_on.clone().unwrap_or_default(),
                    n.created_by.clone().unwrap_or_default(),
                    "Note added",
                    step_name.clone(),
                    n.note.clone().unwrap_or_default(),
                ));
            }
        }
    }
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    // At the end of a working day, after the last recorded activity.
    let end_of_day = |lines: &[Line], minute: u32| {
        let last = lines.last().map(|l| l.0.clone()).unwrap_or_default();
        (0..400)
            .map(|d| dates::iso(f.day + d, minute))
            .find(|t| *t > last)
            .unwrap_or(last)
    };
    if let Some(date) = f.review_date {
        lines.push((
            end_of_day(&lines, 16 * 60 + 45),
            reviewer.clone(),
            "Review date set",
            None,
            date.to_owned(),
        ));
    }
    if let Some(dec) = f.decision {
        lines.push((
            end_of_day(&lines, 17 * 60),
            reviewer,
            "Case status changed",
            None,
            format!("Closed, decision {dec}"),
        ));
    }
    let mut audit: Vec<AuditEntry> = lines
        .into_iter()
        .map(|(time, user, action, step, details)| AuditEntry {
            audit_id: ctx.id(),
            time_stamp: Some(time),
            user_name: Some(user),
            action: Some(action.to_owned()),
            step_name: step,
            details: Some(details),
            extra: Default::default(),
        })
        .collect();
    audit.reverse();
    audit
}
