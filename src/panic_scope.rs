//! Panics that are somebody else's to contain. The console's panic hook ends the process on any
//! panic, so that a broken background task cannot leave a half-dead console behind; but a panic
//! in the embedded demo emulator's request handling is caught by its catch-panic layer and
//! answered with the guide's 500, and the console should go on and show that answer. The
//! emulator runs its request handling inside [`Contained`]; the hook asks [`is_contained`] and
//! leaves such a panic to unwind to the layer that catches it.
//!
//! The marker is per thread and set only while a contained future is being polled, so a panic
//! anywhere else (the console's own tasks, even on the same worker thread a moment later) still
//! ends the process.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

thread_local! {
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Whether the current thread is running contained code right now.
pub fn is_contained() -> bool {
    DEPTH.with(Cell::get) > 0
}

/// Marks the thread while alive; dropped on return and on unwinding alike.
struct Mark;

impl Mark {
    fn enter() -> Mark {
        DEPTH.with(|d| d.set(d.get() + 1));
        Mark
    }
}

impl Drop for Mark {
    fn drop(&mut self) {
        DEPTH.with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Runs `f` as contained code.
pub fn run<R>(f: impl FnOnce() -> R) -> R {
    let _mark = Mark::enter();
    f()
}

/// A future whose every poll is contained code. Whoever awaits it must catch its panics (the
/// emulator's catch-panic layer does).
pub struct Contained<F> {
    inner: Pin<Box<F>>,
}

impl<F: Future> Contained<F> {
    pub fn new(inner: F) -> Self {
        Contained {
            inner: Box::pin(inner),
        }
    }
}

impl<F: Future> Future for Contained<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let _mark = Mark::enter();
        self.inner.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_only_inside() {
        assert!(!is_contained());
        assert!(run(is_contained));
        assert!(!is_contained(), "the mark ends with the call");
        let caught = std::panic::catch_unwind(|| run(|| panic!("contained")));
        assert!(caught.is_err());
        assert!(!is_contained(), "the mark ends on unwinding too");
    }

    #[tokio::test]
    async fn a_contained_future_is_marked_while_polled_only() {
        let inside = Contained::new(async {
            let before = is_contained();
            tokio::task::yield_now().await;
            before && is_contained()
        })
        .await;
        assert!(inside);
        assert!(!is_contained());
    }
}
