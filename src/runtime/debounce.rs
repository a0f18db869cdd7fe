//! Coalescing writes that are asked for on every keystroke.
//!
//! A note being typed asks for its draft to be kept after each key. Writing (and syncing) each
//! one would put a disk write per key on the way of the reviewer; keeping none until the end
//! would lose the note to a crash. So each key keeps only the latest value, written once typing
//! pauses for [`QUIET`], and at the latest [`MAX_WAIT`] after the first unwritten change, so
//! that steady typing is never more than that away from the disk.
//!
//! The clock is a parameter (`now`): the runtime passes the time it reads, tests pass the time
//! they choose.

use std::collections::HashMap;
use std::hash::Hash;
use std::time::{Duration, Instant};

/// How long typing must pause before the latest text is written.
pub const QUIET: Duration = Duration::from_millis(300);

/// The longest a change waits while typing goes on.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug)]
struct Pending<V> {
    value: V,
    /// The first change not yet written.
    first: Instant,
    /// The latest change.
    last: Instant,
}

/// The latest value per key, each due once its key has been quiet long enough.
#[derive(Debug)]
pub struct Debounce<K, V> {
    quiet: Duration,
    max_wait: Duration,
    pending: HashMap<K, Pending<V>>,
}

impl<K: Eq + Hash, V> Default for Debounce<K, V> {
    fn default() -> Self {
        Debounce::new(QUIET, MAX_WAIT)
    }
}

impl<K: Eq + Hash, V> Debounce<K, V> {
    pub fn new(quiet: Duration, max_wait: Duration) -> Self {
        Debounce {
            quiet,
            max_wait,
            pending: HashMap::new(),
        }
    }

    /// A new value for `key` at `now`: it replaces any value still waiting.
    pub fn push(&mut self, key: K, value: V, now: Instant) {
        match self.pending.get_mut(&key) {
            Some(p) => {
                p.value = value;
                p.last = now;
            }
            None => {
                self.pending.insert(
                    key,
                    Pending {
                        value,
                        first: now,
                        last: now,
                    },
                );
            }
        }
    }

    /// Forget what waits for `key` (a newer operation supersedes it).
    pub fn cancel(&mut self, key: &K) -> Option<V> {
        self.pending.remove(key).map(|p| p.value)
    }

    fn due_at(&self, p: &Pending<V>) -> Instant {
        (p.last + self.quiet).min(p.first + self.max_wait)
    }

    /// When the next value falls due, if any waits.
    pub fn next_due(&self) -> Option<Instant> {
        self.pending.values().map(|p| self.due_at(p)).min()
    }

    /// Take the values due at `now`.
    pub fn take_due(&mut self, now: Instant) -> Vec<(K, V)> {
        let (quiet, max_wait) = (self.quiet, self.max_wait);
        let mut out = Vec::new();
        let pending = std::mem::take(&mut self.pending);
        for (k, p) in pending {
            if (p.last + quiet).min(p.first + max_wait) <= now {
                out.push((k, p.value));
            } else {
                self.pending.insert(k, p);
            }
        }
        out
    }

    /// Take every value, due or not (quitting, a signal, a panic).
    pub fn take_all(&mut self) -> Vec<(K, V)> {
        self.pending.drain().map(|(k, p)| (k, p.value)).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn keystrokes_are_written_once_typing_pauses_with_the_latest_text() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        for (i, text) in ["h", "he", "hel", "hell", "hello"].iter().enumerate() {
            d.push("note", *text, t0 + 100 * MS * i as u32);
        }
        let last = t0 + 400 * MS;
        assert_eq!(d.next_due(), Some(last + QUIET));
        assert!(d.take_due(last + QUIET - MS).is_empty(), "still typing");
        assert_eq!(d.take_due(last + QUIET), [("note", "hello")]);
        assert!(d.is_empty() && d.next_due().is_none());
    }

    #[test]
    fn steady_typing_is_written_after_the_longest_wait() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        // A key every 100 ms never leaves a pause of QUIET.
        let mut t = t0;
        while t < t0 + MAX_WAIT {
            d.push("note", t, t);
            assert!(d.take_due(t).is_empty());
            t += 100 * MS;
        }
        assert_eq!(d.next_due(), Some(t0 + MAX_WAIT));
        let written = d.take_due(t0 + MAX_WAIT);
        assert_eq!(written.len(), 1);
        // The next change starts a new wait.
        d.push("note", t, t);
        assert_eq!(d.next_due(), Some(t + QUIET));
    }

    #[test]
    fn keys_fall_due_separately_and_a_cancel_drops_the_wait() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        d.push("a", 1, t0);
        d.push("b", 2, t0 + 200 * MS);
        d.push("c", 3, t0 + 200 * MS);
        assert_eq!(d.take_due(t0 + QUIET), [("a", 1)]);
        assert_eq!(d.cancel(&"c"), Some(3));
        assert_eq!(d.take_due(t0 + 200 * MS + QUIET), [("b", 2)]);
        assert!(d.is_empty());
    }

    #[test]
    fn everything_waiting_can_be_taken_at_once() {
        let t0 = Instant::now();
        let mut d = Debounce::default();
        d.push("a", 1, t0);
        d.push("b", 2, t0);
        let mut all = d.take_all();
        all.sort();
        assert_eq!(all, [("a", 1), ("b", 2)]);
        assert!(d.next_due().is_none());
    }
}
