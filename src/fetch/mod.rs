//! The fetch layer: runs the app's requests on tokio and sends the answers back as messages.
//!
//! - one running request per slot: a newer one aborts the older (latest wins), and leaving a
//!   pane cancels its slot;
//! - at most [`MAX_IN_FLIGHT`] requests at once, so a burst of key presses cannot flood the API;
//! - mutations each get their own slot and are never aborted: once sent, their answer matters;
//! - read-only mode is enforced here, the one gate every request passes: a mutation is answered
//!   with a failure at once and never leaves the process.

mod documents;
mod execute;

use crate::api::Client;
use crate::app::{Failure, Msg, ReqId, Request, Slot};
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
}

impl Fetcher {
    pub fn new(client: Client, tx: mpsc::UnboundedSender<Msg>) -> Fetcher {
        Fetcher {
            client,
            tx,
            running: HashMap::new(),
            permits: Arc::new(Semaphore::new(MAX_IN_FLIGHT)),
            read_only: false,
        }
    }

    /// Refuse every mutation (`--read-only`).
    pub fn read_only(mut self, on: bool) -> Fetcher {
        self.read_only = on;
        self
    }

    /// Start a request, aborting whatever still runs in its slot.
    pub fn start(&mut self, id: ReqId, slot: Slot, request: Request) {
        self.cancel(slot);
        if self.read_only && request.is_mutation() {
            // The receiver is gone only when the app is quitting.
            let _ = self.tx.send(Msg::Done {
                id,
                slot,
                request,
                result: Err(Failure::new(
                    "read-only mode: nothing was sent (start without --read-only to make changes)",
                )),
            });
            return;
        }
        let client = self.client.clone();
        let tx = self.tx.clone();
        let permits = Arc::clone(&self.permits);
        let task = tokio::spawn(async move {
            // The semaphore is never closed, so acquiring only waits.
            let _permit = permits.acquire_owned().await;
            let started = std::time::Instant::now();
            let result = execute::run(&client, &request).await;
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
