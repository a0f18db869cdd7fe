//! Carrying out one operation: a read is called; a change is journalled with its outcome, and a
//! change whose answer was lost, or too short to show ([`Change::complete`]), is read back
//! before the reviewer is told anything. One whose
//! outcome stayed unknown is read back again before it is sent a second time. A journal line
//! that cannot be written is said back to the app after the answer (`Msg::JournalNotWritten`).

use crate::journal::{Entry, Journal, Outcome};
use crate::op::{
    Backend, Change, Decided, Failure, OUTCOME_UNKNOWN, Operation, ReadBack, Request, Runner,
};
use std::sync::{Arc, Mutex};

/// How many times a failing read-back is tried: a read is safe to repeat, and a verdict spares
/// the reviewer a manual check.
const ATTEMPTS: u32 = 3;

/// What carries out each operation of one request.
pub struct Carrier {
    pub backend: Backend,
    /// Changes whose outcome is still unknown (shared by every request of the fetcher).
    pub unsure: Arc<Mutex<Vec<Request>>>,
    /// Why the journal line of this request could not be written, if it could not: the fetcher
    /// tells the app after the answer, so the reviewer sees it on the status line.
    pub journal_failed: Mutex<Option<String>>,
}

impl Carrier {
    pub fn new(backend: Backend, unsure: Arc<Mutex<Vec<Request>>>) -> Carrier {
        Carrier {
            backend,
            unsure,
            journal_failed: Mutex::new(None),
        }
    }

    /// Why the journal could not be written (taken: asked once, after the request).
    pub fn journal_failed(&self) -> Option<String> {
        lock(&self.journal_failed).take()
    }
}

/// A change's result, its outcome for the journal, the journal's detail, and whether a lost
/// answer was read back as done.
struct Settled<A> {
    result: Result<A, Failure>,
    outcome: Outcome,
    detail: String,
    read_back: bool,
}

impl Runner for Carrier {
    async fn read<O: Operation>(&self, op: &O) -> Result<O::Answer, Failure> {
        op.call(&self.backend).await.map_err(|e| op.failure(&e))
    }

    async fn change<O: Change>(&self, op: &O) -> (Result<O::Answer, Failure>, bool) {
        let request: Request = op.clone().into();
        let settled = if take_unsure(&self.unsure, &request) {
            self.resend(op, &request).await
        } else {
            self.send(op, &request).await
        };
        let decided = op.decided(settled.result.as_ref().ok());
        let written = record(
            self.backend.journal.clone(),
            &request,
            decided,
            settled.outcome,
            &settled.detail,
        )
        .await;
        if let Err(why) = written {
            *lock(&self.journal_failed) = Some(why);
        }
        (settled.result, settled.read_back)
    }
}

impl Carrier {
    /// Send a change; a lost answer, or one too short to show, is read back.
    async fn send<O: Change>(&self, op: &O, request: &Request) -> Settled<O::Answer> {
        let e = match op.call(&self.backend).await {
            Ok(a) if op.complete(&a) => return settled(Ok(a), Outcome::Done, String::new(), false),
            Ok(_) => return self.short(op, request).await,
            Err(e) if e.is_outcome_unknown() => e,
            Err(e) => {
                return settled(Err(op.failure(&e)), Outcome::Failed, e.to_string(), false);
            }
        };
        let lost = e.to_string();
        let said = |summary: String| {
            Err(Failure {
                summary,
                details: e.details(),
            })
        };
        match read_back(op, &self.backend).await {
            ReadBack::Done(a) => settled(Ok(a), Outcome::Confirmed, lost, true),
            ReadBack::NotDone => settled(
                said(format!(
                    "it did not go through (read back after the answer was lost), so it is safe \
                     to send again — {lost}"
                )),
                Outcome::NotDone,
                lost,
                false,
            ),
            ReadBack::Failed(why) => {
                lock(&self.unsure).push(request.clone());
                settled(
                    said(format!(
                        "{OUTCOME_UNKNOWN}: the answer was lost and reading back failed too; check \
                         before sending it again — {lost}; reading back: {why}"
                    )),
                    Outcome::Unknown,
                    format!("{lost}; reading back: {why}"),
                    false,
                )
            }
            ReadBack::Cannot(why) => settled(
                said(format!(
                    "{OUTCOME_UNKNOWN}: the answer was lost; {why} — {lost}"
                )),
                Outcome::Unknown,
                format!("{lost}; {why}"),
                false,
            ),
        }
    }

    /// The server took the change (a success) but its answer lacks what the console shows
    /// (`{}`, `{"ok": true}`): the defaults the models filled in are never shown as the new
    /// state. What the server holds is read back and stands for the answer; if reading back
    /// cannot tell, the outcome is unknown and the reviewer is told so.
    async fn short<O: Change>(&self, op: &O, request: &Request) -> Settled<O::Answer> {
        const SHORT: &str = "the server accepted it, but its answer did not say what it now holds";
        let unknown = |why: String, outcome_detail: String| {
            settled(
                Err(Failure::unknown(format!("{SHORT}; {why}"))),
                Outcome::Unknown,
                outcome_detail,
                false,
            )
        };
        match read_back(op, &self.backend).await {
            // Journalled as done (read back): what shows is what reading back found.
            ReadBack::Done(a) => settled(Ok(a), Outcome::Confirmed, SHORT.to_owned(), false),
            ReadBack::NotDone => unknown(
                "reading back does not show the change in effect; look before sending it again"
                    .to_owned(),
                format!("{SHORT}; reading back does not show it"),
            ),
            ReadBack::Failed(why) => {
                lock(&self.unsure).push(request.clone());
                unknown(
                    format!("reading back failed too: {why}"),
                    format!("{SHORT}; reading back: {why}"),
                )
            }
            ReadBack::Cannot(why) => unknown(why.clone(), format!("{SHORT}; {why}")),
        }
    }

    /// Send again a change whose earlier outcome is unknown: only once reading back shows it
    /// was not done.
    async fn resend<O: Change>(&self, op: &O, request: &Request) -> Settled<O::Answer> {
        let why = match read_back(op, &self.backend).await {
            ReadBack::Done(a) => {
                return settled(
                    Ok(a),
                    Outcome::Confirmed,
                    "not sent again: the earlier attempt went through".to_owned(),
                    true,
                );
            }
            ReadBack::NotDone => return self.send(op, request).await,
            ReadBack::Failed(e) => e.to_string(),
            ReadBack::Cannot(why) => why,
        };
        lock(&self.unsure).push(request.clone());
        let why = format!(
            "not sent again: the earlier attempt may have gone through and reading back still \
             fails — {why}"
        );
        settled(Err(Failure::new(why.clone())), Outcome::Unknown, why, false)
    }
}

fn settled<A>(
    result: Result<A, Failure>,
    outcome: Outcome,
    detail: String,
    read_back: bool,
) -> Settled<A> {
    Settled {
        result,
        outcome,
        detail,
        read_back,
    }
}

/// Read back, trying a failed read again a few times.
async fn read_back<O: Change>(op: &O, backend: &Backend) -> ReadBack<O::Answer> {
    let mut attempt = 1;
    loop {
        match op.read_back(backend).await {
            ReadBack::Failed(_) if attempt < ATTEMPTS => {
                tokio::time::sleep(std::time::Duration::from_millis(100 * u64::from(attempt)))
                    .await;
                attempt += 1;
            }
            verdict => return verdict,
        }
    }
}

/// Whether `request` was left unsure (and forget it: the caller settles it now).
fn take_unsure(unsure: &Mutex<Vec<Request>>, request: &Request) -> bool {
    let mut list = lock(unsure);
    match list.iter().position(|r| r == request) {
        Some(i) => {
            list.swap_remove(i);
            true
        }
        None => false,
    }
}

/// A poisoned lock only means a task panicked holding it; the list is still sound.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Append to the journal on the blocking pool (a file append: never on an async worker or the
/// UI thread). A journal that cannot be written is logged and said back to the caller (`Err`:
/// what to show the reviewer), never fatal: the change itself is already settled.
pub async fn record(
    journal: Option<Journal>,
    request: &Request,
    decided: Decided,
    outcome: Outcome,
    detail: &str,
) -> Result<(), String> {
    let Some(j) = journal else {
        return Ok(());
    };
    let facts = request.facts();
    let mut entry = Entry::new(facts.name, outcome);
    entry.case = facts.about.case;
    entry.step = facts.about.step;
    entry.alert = facts.about.alert;
    for (key, value) in decided {
        // `created` is the one fact the journal keeps in a field of its own.
        match (key, value.parse()) {
            ("created", Ok(id)) => entry.created = Some(id),
            _ => entry.decided.push((key.to_owned(), value)),
        }
    }
    entry.detail = detail.to_owned();
    let written = tokio::task::spawn_blocking(move || {
        j.record(entry)
            .map_err(|err| (j.path().display().to_string(), err.to_string()))
    })
    .await;
    let (path, error) = match written {
        Ok(Ok(())) => return Ok(()),
        Ok(Err((path, error))) => (path, error),
        Err(e) => (String::new(), e.to_string()),
    };
    tracing::warn!(path, error, "journal not written");
    Err(format!(
        "the journal line for \"{}\" could not be written to {path}: {error}",
        facts.name
    ))
}
