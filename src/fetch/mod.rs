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

mod execute;
pub mod readback;

use crate::api::Client;
use crate::app::{Failure, Msg, Payload, ReqId, Request, Slot};
use crate::journal::{Journal, Outcome};
use readback::Verdict;
use std::collections::HashMap;
use std::sync::Arc;
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
        let client = self.client.clone();
        let tx = self.tx.clone();
        let permits = Arc::clone(&self.permits);
        let task = tokio::spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await;
            let started = std::time::Instant::now();
            let result = carry_out(&client, journal.as_ref(), &request).await;
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
async fn carry_out(
    client: &Client,
    journal: Option<&Journal>,
    request: &Request,
) -> Result<Payload, Failure> {
    let result = execute::call(client, request).await;
    if !request.is_mutation() {
        return result.map_err(|e| execute::failure(&e));
    }
    let (result, outcome, detail) = match result {
        Ok(p) => (Ok(p), Outcome::Done, String::new()),
        Err(e) if e.is_outcome_unknown() => {
            let lost = e.to_string();
            match readback::check(client, request).await {
                Verdict::Done(p) => (
                    Ok(Payload::Confirmed(Box::new(p))),
                    Outcome::Confirmed,
                    lost,
                ),
                Verdict::NotDone => (
                    Err(Failure {
                        summary: format!(
                            "the answer was lost ({lost}); reading back showed it was not done, \
                             so it is safe to send again"
                        ),
                        details: e.details(),
                    }),
                    Outcome::NotDone,
                    lost,
                ),
                Verdict::Unknown(why) => (
                    Err(Failure {
                        summary: format!("the answer was lost ({lost}); {why}"),
                        details: e.details(),
                    }),
                    Outcome::Unknown,
                    format!("{lost}; {why}"),
                ),
            }
        }
        Err(e) => (Err(execute::failure(&e)), Outcome::Failed, e.to_string()),
    };
    record(journal, request, outcome, &detail);
    result
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
