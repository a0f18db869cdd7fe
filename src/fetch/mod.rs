//! The fetch layer: runs the app's requests on tokio and sends the answers back as messages.
//!
//! - one running request per slot: a newer one aborts the older (latest wins), and leaving a
//!   pane cancels its slot;
//! - at most [`MAX_IN_FLIGHT`] requests at once, so a burst of key presses cannot flood the API;
//! - mutations each get their own slot and are never aborted: once sent, their answer matters;
//! - read-only mode is refused by the app's gate (`app::gate`) before a change becomes an
//!   effect; this layer refuses it once more, so a change that bypassed the gate still never
//!   leaves the process;
//! - a change whose answer was lost is read back before it is reported ([`crate::op::Change`]),
//!   and every change is written to the journal with its outcome ([`crate::journal`]).
//!
//! Each operation is carried out with its own types ([`crate::op::Runner`]): this layer holds
//! only what is common to all of them.

mod settle;

use crate::api::Client;
use crate::app::{Msg, ReqId, Slot};
use crate::journal::{Journal, Outcome};
use crate::op::{Backend, Failure, Request};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::AbortHandle;

/// Concurrent requests allowed.
pub const MAX_IN_FLIGHT: usize = 6;

pub struct Fetcher {
    backend: Backend,
    tx: mpsc::UnboundedSender<Msg>,
    running: HashMap<Slot, (ReqId, AbortHandle)>,
    permits: Arc<Semaphore>,
    read_only: bool,
    /// Changes whose outcome is still unknown: read back before they are sent again.
    unsure: Arc<Mutex<Vec<Request>>>,
}

impl Fetcher {
    pub fn new(client: Client, tx: mpsc::UnboundedSender<Msg>) -> Fetcher {
        Fetcher {
            backend: Backend {
                client,
                journal: None,
            },
            tx,
            running: HashMap::new(),
            permits: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            read_only: false,
            unsure: Arc::default(),
        }
    }

    /// Write every change and its outcome to `journal` (and answer `op::ReadJournal`).
    pub fn journal(mut self, journal: Option<Journal>) -> Fetcher {
        self.backend.journal = journal;
        self
    }

    /// Refuse every change (`--read-only`).
    pub fn read_only(mut self, on: bool) -> Fetcher {
        self.read_only = on;
        self
    }

    /// Start a request, aborting whatever still runs in its slot.
    pub fn start(&mut self, id: ReqId, slot: Slot, request: Request) {
        self.cancel(slot);
        let facts = request.facts();
        if self.read_only && facts.is_change() {
            let journal = self.backend.journal.clone();
            let tx = self.tx.clone();
            // Refused before sending; the journal line is written off the UI thread, then the
            // refusal is answered like any failure.
            let task = tokio::spawn(async move {
                let why = crate::app::gate::READ_ONLY;
                let decided = request.decided();
                let written =
                    settle::record(journal, &request, decided, Outcome::Refused, why).await;
                // The receiver is gone only when the app is quitting.
                let _ = tx.send(Msg::Done {
                    id,
                    slot,
                    answer: request.fail(Failure::new(why)),
                    read_back: false,
                });
                if let Err(why) = written {
                    let _ = tx.send(Msg::JournalNotWritten(why));
                }
            });
            self.running.insert(slot, (id, task.abort_handle()));
            return;
        }
        let runner = settle::Carrier::new(self.backend.clone(), Arc::clone(&self.unsure));
        let tx = self.tx.clone();
        let permits = Arc::clone(&self.permits);
        let task = tokio::spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await;
            let started = std::time::Instant::now();
            let (answer, read_back) = request.carry_out(&runner).await;
            let ms = started.elapsed().as_millis();
            match answer.failure() {
                None => tracing::info!(request = facts.name, id, ms, "done"),
                Some(f) => {
                    tracing::warn!(request = facts.name, id, ms, error = %f.summary, "failed")
                }
            }
            // The receiver is gone only when the app is quitting.
            let _ = tx.send(Msg::Done {
                id,
                slot,
                answer,
                read_back,
            });
            if let Some(why) = runner.journal_failed() {
                let _ = tx.send(Msg::JournalNotWritten(why));
            }
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
