//! Reading back a change whose answer was lost (a timeout or a dropped connection after sending,
//! a 504, a cut-off or unreadable body): did it go through?
//!
//! Repeating such a change blindly can do it twice (two notes, an alert action on an alert that
//! is gone), and giving up on it can leave the reviewer believing it failed. So before the
//! console offers to send it again, it reads the thing the change was about and looks:
//! the step's status, the note's text among the step's notes, the alert among the case's
//! alerts, the AML match's exclusion, the case's review date or assignee.

use crate::api::{AlertActionResult, ApiError, CaseDetails, CaseKind, Client, Id, ReviewDate};
use crate::app::{Payload, Request};

/// What reading back found.
#[derive(Debug)]
pub enum Verdict {
    /// The change is in effect; the payload stands for the lost answer.
    Done(Payload),
    /// The change is not in effect: sending it again is safe.
    NotDone,
    /// Reading back failed (why): the outcome is still unknown (checked again before any
    /// resend).
    Unknown(String),
    /// This change cannot be read back; the reviewer has to look.
    Unverifiable(String),
}

/// How many times a failing read-back is tried: a read is safe to repeat, and a verdict spares
/// the reviewer a manual check.
const ATTEMPTS: u32 = 3;

/// Read back what `request` was meant to change.
pub async fn check(client: &Client, request: &Request) -> Verdict {
    let mut attempt = 1;
    loop {
        match read(client, request).await {
            Ok(Some(payload)) => return Verdict::Done(payload),
            Ok(None) => return Verdict::NotDone,
            Err(NoVerdict::Cannot(why)) => return Verdict::Unverifiable(why),
            Err(NoVerdict::Failed(e)) if attempt >= ATTEMPTS => {
                return Verdict::Unknown(e.to_string());
            }
            Err(NoVerdict::Failed(_)) => {
                tokio::time::sleep(std::time::Duration::from_millis(100 * u64::from(attempt)))
                    .await;
                attempt += 1;
            }
        }
    }
}

/// Why reading back gave no verdict.
enum NoVerdict {
    /// The read failed (worth another try).
    Failed(ApiError),
    /// This change cannot be read back.
    Cannot(String),
}

impl From<ApiError> for NoVerdict {
    fn from(e: ApiError) -> Self {
        NoVerdict::Failed(e)
    }
}

/// `Ok(Some)`: done; `Ok(None)`: not done.
async fn read(client: &Client, request: &Request) -> Result<Option<Payload>, NoVerdict> {
    match request {
        Request::SetStepStatus { id, step, status } => {
            let d = client.step_details(*id, *step).await?;
            Ok((d.status == *status).then(|| Payload::StepUpdated(Box::new(d))))
        }
        Request::ExcludeAml { id, step, .. } => {
            let d = client.step_details(*id, *step).await?;
            let excluded = d.aml_match.as_ref().is_some_and(|m| m.is_excluded);
            Ok(excluded.then(|| Payload::StepUpdated(Box::new(d))))
        }
        Request::Activate { id, step } => {
            let groups = client.case_steps(*id).await?;
            let found = groups
                .into_iter()
                .flat_map(|g| g.steps)
                .find(|s| s.case_step_id == *step);
            match found {
                Some(s) => Ok((!s.is_deactivated).then(|| Payload::Activated(Box::new(s)))),
                None => Err(NoVerdict::Cannot(format!(
                    "step {step} is no longer in case {id}"
                ))),
            }
        }
        // The same text twice on one step would be taken for this one: a reviewer does not
        // write the same note twice, and the price is only a note not sent twice.
        Request::AddNote { id, step, text } | Request::ExclusionNote { id, step, text } => {
            let notes = client.step_notes(*id, *step).await?;
            let found = notes
                .into_iter()
                .find(|n| n.note.as_deref().map(str::trim) == Some(text.trim()));
            Ok(found.map(|n| Payload::NoteAdded(Box::new(n))))
        }
        Request::DeleteNote { id, step, note } => {
            let notes = client.step_notes(*id, *step).await?;
            let gone = !notes.iter().any(|n| n.step_note_id == *note);
            Ok(gone.then_some(Payload::NoteDeleted))
        }
        // Every action takes the alert off the case: gone means done.
        Request::AlertAction { kind, id, request } => {
            let alerts = client.lm_alerts(*kind, *id).await?;
            let gone = !alerts.alerts.iter().any(|a| a.alert_id == request.alert_id);
            Ok(gone.then(|| {
                Payload::AlertActioned(AlertActionResult {
                    alert_id: request.alert_id,
                    action: Some(request.action.as_str().to_owned()),
                    result: Some("the alert is gone from the case (read back)".to_owned()),
                    ..AlertActionResult::default()
                })
            }))
        }
        Request::SetReviewDate { kind, id, date } => {
            // "3 months" and the like become a date on the server: only a date can be compared.
            if chrono::NaiveDate::parse_from_str(date, "%d/%m/%Y").is_err() {
                return Err(NoVerdict::Cannot(
                    "a review date given as a period cannot be read back; setting it again is \
                     safe (it replaces the date)"
                        .to_owned(),
                ));
            }
            let d = client.case_detail(*kind, *id).await?;
            let set = d.common.scheduled_review_date.as_deref() == Some(date.as_str());
            Ok(set.then(|| {
                Payload::ReviewDateSet(ReviewDate {
                    review_date: Some(date.clone()),
                    ..ReviewDate::default()
                })
            }))
        }
        Request::AssignUser { id, user } => {
            let d = detail_of_either_kind(client, *id).await?;
            let assigned = d.common.assigned_user_id == Some(*user);
            Ok(assigned.then(|| Payload::Assigned(Box::new(d.common))))
        }
        other => Err(NoVerdict::Cannot(format!(
            "{} cannot be read back automatically; check before sending it again",
            other.name()
        ))),
    }
}

/// The request names no kind: a company, else an individual.
async fn detail_of_either_kind(client: &Client, id: Id) -> Result<CaseDetails, ApiError> {
    match client.case_detail(CaseKind::Company, id).await {
        Err(e) if e.status == Some(404) => client.case_detail(CaseKind::Individual, id).await,
        r => r,
    }
}
