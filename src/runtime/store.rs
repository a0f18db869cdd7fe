//! Drafts and forms written off the UI thread, in the order they were asked for.
//!
//! Writes run on tokio's blocking pool, and at a flush (quit, signal, terminal lost, panic) on
//! the thread that flushes. Those may finish out of order, so every write carries a generation
//! number, taken when the runtime hands it out: a write older than the last one done for the
//! same draft is skipped, and an old text never overwrites a newer one (nor brings back a draft
//! already removed).

use crate::app::local::Kept;
use crate::drafts::Drafts;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};

/// What to do with a kept draft or form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    Save(String),
    Remove,
}

/// The drafts folder, with the generation of the last write done per draft.
#[derive(Debug)]
pub struct Store {
    drafts: Drafts,
    next: AtomicU64,
    /// Held while a write runs, so two writes of one draft never interleave.
    done: Mutex<HashMap<Kept, u64>>,
}

impl Store {
    pub fn new(drafts: Drafts) -> Store {
        Store {
            drafts,
            next: AtomicU64::new(1),
            done: Mutex::new(HashMap::new()),
        }
    }

    /// The generation of a write being handed out now: higher than every earlier one.
    pub fn generation(&self) -> u64 {
        self.next.fetch_add(1, Ordering::Relaxed)
    }

    /// Carry out a write unless a newer one of the same draft was done already.
    pub fn write(&self, what: &Kept, generation: u64, write: &Op) -> Result<(), String> {
        let mut done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        self.write_locked(&mut done, what, generation, write)
    }

    /// Like [`Store::write`] for the panic path: gives up after `patience` rather than wait for
    /// a lock the panicking thread may hold.
    pub fn write_within(
        &self,
        what: &Kept,
        generation: u64,
        write: &Op,
        patience: Duration,
    ) -> Result<(), String> {
        let until = Instant::now() + patience;
        loop {
            match self.done.try_lock() {
                Ok(mut done) => return self.write_locked(&mut done, what, generation, write),
                Err(TryLockError::Poisoned(p)) => {
                    return self.write_locked(&mut p.into_inner(), what, generation, write);
                }
                Err(TryLockError::WouldBlock) if Instant::now() < until => {
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err("the drafts folder stayed busy".to_owned());
                }
            }
        }
    }

    fn write_locked(
        &self,
        done: &mut MutexGuard<'_, HashMap<Kept, u64>>,
        what: &Kept,
        generation: u64,
        write: &Op,
    ) -> Result<(), String> {
        if done.get(what).is_some_and(|&g| g >= generation) {
            return Ok(());
        }
        let result = match (what, write) {
            (Kept::Draft { case, step }, Op::Save(text)) => self.drafts.save(*case, *step, text),
            (Kept::Draft { case, step }, Op::Remove) => self.drafts.delete(*case, *step),
            (Kept::Form(name), Op::Save(text)) => self.drafts.save_form(name, text),
            (Kept::Form(name), Op::Remove) => self.drafts.delete_form(name),
        };
        done.insert(what.clone(), generation);
        result.map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_write_never_overwrites_a_newer_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::new(Drafts::new(dir.path(), "DEMO"));
        let note = Kept::Draft { case: 1, step: 2 };
        let (old, new) = (store.generation(), store.generation());
        store
            .write(&note, new, &Op::Save("newer".into()))
            .expect("written");
        store
            .write(&note, old, &Op::Save("older".into()))
            .expect("skipped");
        let kept = Drafts::new(dir.path(), "DEMO").load();
        assert_eq!(kept.get(&(1, 2)).map(String::as_str), Some("newer"));
        // A removal handed out later wins over a save still on its way.
        let (save, remove) = (store.generation(), store.generation());
        store
            .write_within(&note, remove, &Op::Remove, Duration::ZERO)
            .expect("removed");
        store
            .write(&note, save, &Op::Save("late".into()))
            .expect("skipped");
        assert!(Drafts::new(dir.path(), "DEMO").load().is_empty());
    }
}
