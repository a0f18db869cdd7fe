//! The time the emulator's own timers read and wait on: how long a new case builds, how long a
//! token lives, the added latency and the faults' delays. It is a value in
//! [`Config`](super::Config) so that a test can move it instead of sleeping through a build, a
//! token's life or a slow answer; the command line and the demo use the real one.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// A monotonic clock that can be moved forward. Clones share one time, so the copy a test keeps
/// (or reaches through [`Running::clock`](super::Running::clock)) moves the server's.
#[derive(Debug, Clone)]
pub struct Clock {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// `Some(start)`: stands still at `start` until moved; `None`: follows real time.
    frozen_at: Option<Instant>,
    /// How far [`Clock::advance`] has moved it, in nanoseconds (an atomic, so reading the time
    /// never takes a lock a panicking handler could poison).
    advanced_ns: AtomicU64,
    /// Wakes the [`Clock::sleep`]s when the clock is moved.
    moved: Notify,
    /// How many [`Clock::sleep`]s are waiting now.
    sleepers: AtomicUsize,
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl Clock {
    /// Real time: builds finish and tokens expire on their own. [`advance`](Self::advance)
    /// still moves it ahead of real time.
    pub fn system() -> Self {
        Clock::with(None)
    }

    /// Stands still until [`advance`](Self::advance)d, so a test decides exactly when a case
    /// finishes building or a token expires, however slow the machine is.
    pub fn frozen() -> Self {
        Clock::with(Some(Instant::now()))
    }

    fn with(frozen_at: Option<Instant>) -> Self {
        Clock {
            inner: Arc::new(Inner {
                frozen_at,
                advanced_ns: AtomicU64::new(0),
                moved: Notify::new(),
                sleepers: AtomicUsize::new(0),
            }),
        }
    }

    /// The current time on this clock.
    pub fn now(&self) -> Instant {
        let base = self.inner.frozen_at.unwrap_or_else(Instant::now);
        // An advance too large to represent leaves the clock where it was rather than panic.
        base.checked_add(self.advanced()).unwrap_or(base)
    }

    /// Moves the clock forward by `by`, for every clone.
    pub fn advance(&self, by: Duration) {
        let ns = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // `fetch_update` with a closure that always answers `Some` cannot fail.
        let _ = self
            .inner
            .advanced_ns
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |old| {
                Some(old.saturating_add(ns))
            });
        self.inner.moved.notify_waiters();
    }

    /// Waits until this clock has moved on by `by`: in real time, or sooner when advanced; on a
    /// frozen clock only when advanced.
    pub async fn sleep(&self, by: Duration) {
        let start = self.now();
        let Some(deadline) = start.checked_add(by) else {
            // Longer than the clock can represent: never, as a real sleep that long would be.
            return std::future::pending().await;
        };
        let _waiting = Waiting::enter(&self.inner.sleepers);
        loop {
            // Registered before the time is read, so an advance in between still wakes it.
            let moved = self.inner.moved.notified();
            let left = deadline.saturating_duration_since(self.now());
            if left.is_zero() {
                return;
            }
            if self.inner.frozen_at.is_some() {
                moved.await;
            } else {
                tokio::select! {
                    () = moved => {}
                    () = tokio::time::sleep(left) => {}
                }
            }
        }
    }

    /// How many [`sleep`](Self::sleep)s are waiting on this clock: a test waits for the server
    /// to be waiting (a slow answer begun) before it moves the clock or checks what has not come.
    pub fn sleepers(&self) -> usize {
        self.inner.sleepers.load(Ordering::SeqCst)
    }

    /// How far the clock has been moved in all.
    pub fn advanced(&self) -> Duration {
        Duration::from_nanos(self.inner.advanced_ns.load(Ordering::SeqCst))
    }
}

/// Counts one sleeper for as long as it lives, however its sleep ends (done or dropped).
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn enter(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Waiting(count)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frozen_clock_moves_only_when_advanced() {
        let clock = Clock::frozen();
        let t0 = clock.now();
        assert_eq!(clock.now(), t0);
        let shared = clock.clone();
        shared.advance(Duration::from_secs(3));
        assert_eq!(clock.now(), t0 + Duration::from_secs(3));
        assert_eq!(clock.advanced(), Duration::from_secs(3));
    }

    #[test]
    fn the_system_clock_runs_ahead_by_what_was_advanced() {
        let clock = Clock::system();
        let before = Instant::now();
        clock.advance(Duration::from_secs(60));
        assert!(clock.now() >= before + Duration::from_secs(60));
    }

    #[tokio::test]
    async fn a_sleep_on_a_frozen_clock_ends_when_the_clock_is_moved_far_enough() {
        let clock = Clock::frozen();
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep(Duration::from_secs(10)).await }
        });
        while clock.sleepers() == 0 {
            tokio::task::yield_now().await;
        }
        clock.advance(Duration::from_secs(4));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished());
        assert_eq!(clock.sleepers(), 1);
        clock.advance(Duration::from_secs(6));
        sleeper.await.unwrap();
        assert_eq!(clock.sleepers(), 0);
    }

    #[tokio::test]
    async fn a_sleep_on_the_system_clock_is_cut_short_by_an_advance() {
        let clock = Clock::system();
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep(Duration::from_secs(3600)).await }
        });
        while clock.sleepers() == 0 {
            tokio::task::yield_now().await;
        }
        clock.advance(Duration::from_secs(3600));
        sleeper.await.unwrap();
    }

    #[test]
    fn an_absurd_advance_saturates_instead_of_panicking() {
        let clock = Clock::frozen();
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        let _ = clock.now();
    }
}
