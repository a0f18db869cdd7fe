//! The fetch layer: runs the app's requests on tokio and sends the answers back as messages.
//!
//! - one running request per slot: a newer one aborts the older (latest wins), and leaving a
//!   pane cancels its slot;
//! - at most [`MAX_IN_FLIGHT`] requests at once, so a burst of key presses cannot flood the API;
//! - mutations each get their own slot and are never aborted: once sent, their answer matters;
//! - read-only mode is refused by the app's gate (`app::gate`) before a mutation becomes an
//!   effect; this layer refuses it once more, so a mutation that bypassed the gate still never
//!   leaves the process;
//! - a mutation whose answer was lost is read back before it is reported ([`readback`]), and
//!   every mutation is written to the journal with its outcome ([`crate::journal`]).

mod documents;
mod execute;
pub mod readback;

use crate::api::Client;
use crate::app::{Failure, Msg, Payload, ReqId, Request, Slot};
use crate::journal::{Journal, Outcome};
use readback::Verdict;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::AbortHandle;

/// Concurrent requests allowed.
pub const MAX_IN_FLIGHT: usize = 6;

pub struct Fetcher {
    client: Client,
    tx: mpsc::UnboundedSender<Msg>,
    running: HashMap<Slot, (ReqId, AbortHandle)>,
    permits: Arc<Semaphore>,
    read_only: bool,
    journal: Option<Journal>,
    /// Changes whose outcome is still unknown: read back before they are sent again.
    unsure: Arc<Mutex<Vec<Request>>>,
}

impl Fetcher {
    pub fn new(client: Client, tx: mpsc::UnboundedSender<Msg>) -> Fetcher {
        Fetcher {
            client,
            tx,
            running: HashMap::new(),
            permits: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            read_only: false,
            journal: None,
            unsure: Arc::default(),
        }
    }

    /// Write every mutation and its outcome to `journal` (and answer `Request::Journal`).
    pub fn journal(mut self, journal: Option<Journal>) -> Fetcher {
        self.journal = journal;
        self
    }

    /// Refuse every mutation (`--read-only`).
    pub fn read_only(mut self, on: bool) -> Fetcher {
        self.read_only = on;
        self
    }

    /// Start a request, aborting whatever still runs in its slot.
    pub fn start(&mut self, id: ReqId, slot: Slot, request: Request) {
        self.cancel(slot);
        let local = match &request {
            Request::Journal => Some(read_journal(self.journal.as_ref())),
            r if self.read_only && r.is_mutation() => {
                let why =
                    "read-only mode: nothing was sent (start without --read-only to make changes)";
                record(self.journal.as_ref(), r, Outcome::Refused, why);
                Some(Err(Failure::new(why)))
            }
            _ => None,
        };
        if let Some(result) = local {
            // The receiver is gone only when the app is quitting.
            let _ = self.tx.send(Msg::Done {
                id,
                slot,
                request,
                result,
            });
            return;
        }
        let journal = self.journal.clone();
        let unsure = Arc::clone(&self.unsure);
        let client = self.client.clone();
        let tx = self.tx.clone();
        let permits = Arc::clone(&self.permits);
        let task = tokio::spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await;
            let started = std::time::Instant::now();
            let result = carry_out(&client, journal.as_ref(), &unsure, &request).await;
            let ms = started.elapsed().as_millis();
            match &result {
                Ok(_) => tracing::info!(request = request.name(), id, ms, "done"),
                Err(f) => {
                    tracing::warn!(request = request.name(), id, ms, error = %f.summary, "failed")
                }
            }
            // The receiver is gone only when the app is quitting.
            let _ = tx.send(Msg::Done {
                id,
                slot,
                request,
                result,
            });
        });
        self.running.insert(slot, (id, task.abort_handle()));
    }

    /// Abort what runs in a slot (never a mutation: those slots are unique and not cancelled).
    pub fn cancel(&mut self, slot: Slot) {
        if let Some((_, handle)) = self.running.remove(&slot) {
            handle.abort();
        }
    }

    /// Forget a finished request.
    pub fn finished(&mut self, slot: Slot, id: ReqId) {
        if self.running.get(&slot).is_some_and(|(r, _)| *r == id) {
            self.running.remove(&slot);
        }
    }

    /// How many requests are running or waiting.
    pub fn in_flight(&self) -> usize {
        self.running.len()
    }
}

/// Run one request. A mutation whose answer was lost is read back; its outcome is journalled.
/// One whose outcome stayed unknown is read back again before it is sent a second time.
async fn carry_out(
    client: &Client,
    journal: Option<&Journal>,
    unsure: &Mutex<Vec<Request>>,
    request: &Request,
) -> Result<Payload, Failure> {
    if !request.is_mutation() {
        return execute::call(client, request)
            .await
            .map_err(|e| execute::read_failure(request, &e));
    }
    let (result, outcome, detail) = if take_unsure(unsure, request) {
        resend(client, unsure, request).await
    } else {
        send(client, unsure, request).await
    };
    record(journal, request, outcome, &detail);
    result
}

type Settled = (Result<Payload, Failure>, Outcome, String);

/// Send a mutation; a lost answer is read back.
async fn send(client: &Client, unsure: &Mutex<Vec<Request>>, request: &Request) -> Settled {
    let e = match execute::call(client, request).await {
        Ok(p) => return (Ok(p), Outcome::Done, String::new()),
        Err(e) if e.is_outcome_unknown() => e,
        Err(e) => return (Err(execute::failure(&e)), Outcome::Failed, e.to_string()),
    };
    let lost = e.to_string();
    let said = |summary: String| {
        Err(Failure {
            summary,
            details: e.details(),
        })
    };
    match readback::check(client, request).await {
        Verdict::Done(p) => (
            Ok(Payload::Confirmed(Box::new(p))),
            Outcome::Confirmed,
            lost,
        ),
        Verdict::NotDone => (
            said(format!(
                "it did not go through (read back after the answer was lost), so it is safe to \
                 send again — {lost}"
            )),
            Outcome::NotDone,
            lost,
        ),
        Verdict::Unknown(why) => {
            lock(unsure).push(request.clone());
            (
                said(format!(
                    "outcome unknown: the answer was lost and reading back failed too; check \
                     before sending it again — {lost}; reading back: {why}"
                )),
                Outcome::Unknown,
                format!("{lost}; reading back: {why}"),
            )
        }
        Verdict::Unverifiable(why) => (
            said(format!(
                "outcome unknown: the answer was lost; {why} — {lost}"
            )),
            Outcome::Unknown,
            format!("{lost}; {why}"),
        ),
    }
}

/// Send again a mutation whose earlier outcome is unknown: only once reading back shows it
/// was not done.
async fn resend(client: &Client, unsure: &Mutex<Vec<Request>>, request: &Request) -> Settled {
    match readback::check(client, request).await {
        Verdict::Done(p) => (
            Ok(Payload::Confirmed(Box::new(p))),
            Outcome::Confirmed,
            "not sent again: the earlier attempt went through".to_owned(),
        ),
        Verdict::NotDone => send(client, unsure, request).await,
        Verdict::Unknown(why) | Verdict::Unverifiable(why) => {
            lock(unsure).push(request.clone());
            let why = format!(
                "not sent again: the earlier attempt may have gone through and reading back \
                 still fails — {why}"
            );
            (Err(Failure::new(why.clone())), Outcome::Unknown, why)
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

/// Append to the journal; a journal that cannot be written is logged, never fatal.
fn record(journal: Option<&Journal>, request: &Request, outcome: Outcome, detail: &str) {
    if let Some(j) = journal
        && let Err(err) = j.record(request.name(), request.target(), outcome, detail)
    {
        tracing::warn!(path = %j.path().display(), error = %err, "journal not written");
    }
}

fn read_journal(journal: Option<&Journal>) -> Result<Payload, Failure> {
    let Some(j) = journal else {
        return Err(Failure::new(
            "no journal: the console has no state directory (set KYC_CONSOLE_STATE_DIR)",
        ));
    };
    j.read().map(Payload::Journal).map_err(|e| {
        Failure::new(format!(
            "the journal {} cannot be read: {e}",
            j.path().display()
        ))
    })
}
