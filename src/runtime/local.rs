//! Carrying out the effects that stay on this machine: drafts and forms kept on disk, the
//! clipboard, the browser, downloads, folder listings.
//!
//! Nothing here blocks the UI loop: file work runs on tokio's blocking pool, and every outcome
//! comes back to the app as a `Msg::Local` over the channel the fetch answers use, so the app
//! decides what the reviewer sees. Drafts are asked for on every keystroke: they are coalesced
//! ([`Debounce`]) and written once typing pauses. What still waits is written synchronously by
//! [`LocalEffects::flush`] (quit, signal, terminal lost, and when this is dropped) and by
//! [`LocalEffects::panic_flush`] from the panic hook, so a note survives a crash.

use super::debounce::Debounce;
use super::store::{Op, Store};
use crate::app::local::{Kept, Local};
use crate::app::{Effect, Msg};
use crate::drafts::Drafts;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// Where downloads go and whether they are opened once saved (decided once, at start, from the
/// session: not with `--save-downloads`, not over SSH).
#[derive(Debug, Clone)]
pub struct Downloads {
    pub dir: PathBuf,
    pub open: bool,
}

/// Drafts waiting for a pause in typing, by what they keep.
type Waiting = Mutex<Debounce<Kept, String>>;

/// The runtime's hands for local effects.
pub struct LocalEffects {
    tx: mpsc::UnboundedSender<Msg>,
    /// `None` without a state directory: nothing can be kept (said once, at start).
    store: Option<Arc<Store>>,
    /// Shared with the panic hook, which writes what still waits.
    waiting: Arc<Waiting>,
    downloads: Downloads,
    /// Where OSC 52 goes: the terminal the reviewer sits at.
    clipboard: Box<dyn std::io::Write + Send>,
    /// Jobs started whose `Msg::Local` has not been received yet.
    running: usize,
}

impl LocalEffects {
    pub fn new(
        tx: mpsc::UnboundedSender<Msg>,
        drafts: Option<Drafts>,
        downloads: Downloads,
        clipboard: Box<dyn std::io::Write + Send>,
    ) -> LocalEffects {
        LocalEffects {
            tx,
            store: drafts.map(|d| Arc::new(Store::new(d))),
            waiting: Arc::default(),
            downloads,
            clipboard,
            running: 0,
        }
    }

    /// Carry out an effect at `now` (requests belong to the fetch layer and are ignored here).
    pub fn apply(&mut self, effect: Effect, now: Instant) {
        match effect {
            Effect::SaveDraft { case, step, text } => {
                self.keep(Kept::Draft { case, step }, text, now);
            }
            Effect::DeleteDraft { case, step } => self.remove(Kept::Draft { case, step }),
            Effect::SaveForm { name, text } => self.keep(Kept::Form(name), text, now),
            Effect::DeleteForm { name } => self.remove(Kept::Form(name)),
            Effect::Copy(text) => self.copy(&text),
            Effect::OpenUrl(url) => self.job(move || {
                let result = open::that_detached(&url).map_err(|e| e.to_string());
                Local::Opened { url, result }
            }),
            Effect::SaveDownload {
                download,
                fallback,
                open: wanted,
            } => {
                let Downloads { dir, open } = self.downloads.clone();
                self.job(move || {
                    Local::Download(crate::downloads::deliver(
                        &dir,
                        &download,
                        &fallback,
                        open && wanted,
                    ))
                });
            }
            Effect::ListDir { typed } => self.job(move || {
                let listing = crate::folders::list_dir(&typed);
                Local::Listed { typed, listing }
            }),
            Effect::Fetch { .. } | Effect::Cancel(_) | Effect::Quit => {}
        }
    }

    /// Note that a message arrived (a `Msg::Local` ends one job).
    pub fn received(&mut self, msg: &Msg) {
        if matches!(msg, Msg::Local(_)) {
            self.running = self.running.saturating_sub(1);
        }
    }

    /// Jobs whose answer has not arrived yet (drafts waiting for a pause are not counted).
    pub fn in_flight(&self) -> usize {
        self.running
    }

    /// When the next waiting draft falls due.
    pub fn next_due(&self) -> Option<Instant> {
        lock(&self.waiting).next_due()
    }

    /// Start writing the drafts due at `now`.
    pub fn write_due(&mut self, now: Instant) {
        let due = lock(&self.waiting).take_due(now);
        for (what, text) in due {
            self.write(what, Op::Save(text));
        }
    }

    /// Write every waiting draft now, on this thread (the console is going away). Failures are
    /// logged: there is no screen left to show them on.
    pub fn flush(&mut self) {
        let all = lock(&self.waiting).take_all();
        let Some(store) = &self.store else {
            return;
        };
        for (what, text) in all {
            if let Err(err) = store.write(&what, store.generation(), &Op::Save(text)) {
                tracing::error!(?what, error = %err, "draft not kept on disk at exit");
            }
        }
    }

    /// What the panic hook calls: write every waiting draft, without waiting long on a lock a
    /// panicking thread may hold.
    pub fn panic_flush(&self) -> impl Fn() + Send + Sync + 'static {
        let waiting: Weak<Waiting> = Arc::downgrade(&self.waiting);
        let store: Option<Weak<Store>> = self.store.as_ref().map(Arc::downgrade);
        move || {
            let (Some(waiting), Some(store)) =
                (waiting.upgrade(), store.as_ref().and_then(Weak::upgrade))
            else {
                return;
            };
            let all = match waiting.try_lock() {
                Ok(mut w) => w.take_all(),
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().take_all(),
                Err(std::sync::TryLockError::WouldBlock) => return,
            };
            for (what, text) in all {
                let generation = store.generation();
                let patience = Duration::from_secs(1);
                let _ = store.write_within(&what, generation, &Op::Save(text), patience);
            }
        }
    }

    fn keep(&mut self, what: Kept, text: String, now: Instant) {
        if self.store.is_some() {
            lock(&self.waiting).push(what, text, now);
        }
    }

    /// A removal is not delayed: it supersedes whatever text still waits for that draft.
    fn remove(&mut self, what: Kept) {
        lock(&self.waiting).cancel(&what);
        self.write(what, Op::Remove);
    }

    fn write(&mut self, what: Kept, write: Op) {
        let Some(store) = self.store.clone() else {
            return;
        };
        // Handed out now, in the order the app asked: an older write finishing late is skipped.
        let generation = store.generation();
        self.job(move || Local::Kept {
            removed: write == Op::Remove,
            result: store.write(&what, generation, &write),
            what,
        });
    }

    /// OSC 52 sets the clipboard of the terminal the user sits at, over SSH too.
    fn copy(&mut self, text: &str) {
        use base64::Engine;
        use std::io::Write;
        let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
        let _ = write!(self.clipboard, "\x1b]52;c;{b64}\x07");
        let _ = self.clipboard.flush();
    }

    /// Run blocking work on tokio's blocking pool; its outcome comes back as a message.
    fn job(&mut self, work: impl FnOnce() -> Local + Send + 'static) {
        self.running += 1;
        let tx = self.tx.clone();
        tokio::task::spawn_blocking(move || {
            // The receiver is gone only when the console is quitting.
            let _ = tx.send(Msg::Local(work()));
        });
    }
}

impl Drop for LocalEffects {
    /// Every way out of the run loop (quit, signal, an error) keeps what was typed.
    fn drop(&mut self) {
        self.flush();
    }
}

/// A poisoned lock only means a thread panicked holding it; the waiting drafts are still sound.
fn lock(m: &Waiting) -> std::sync::MutexGuard<'_, Debounce<Kept, String>> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::debounce::QUIET;

    struct Rig {
        local: LocalEffects,
        rx: mpsc::UnboundedReceiver<Msg>,
        dir: tempfile::TempDir,
    }

    fn rig() -> Rig {
        let dir = tempfile::tempdir().expect("temp dir");
        let (tx, rx) = mpsc::unbounded_channel();
        let downloads = Downloads {
            dir: dir.path().join("downloads"),
            open: false,
        };
        let drafts = Drafts::new(dir.path(), "DEMO");
        let local = LocalEffects::new(tx, Some(drafts), downloads, Box::new(std::io::sink()));
        Rig { local, rx, dir }
    }

    impl Rig {
        fn on_disk(&self) -> Option<String> {
            Drafts::new(self.dir.path(), "DEMO").load().remove(&(1, 2))
        }

        /// The next message, counted as received the way the run loop does.
        async fn answer(&mut self) -> Local {
            let msg = self.rx.recv().await.expect("an answer");
            self.local.received(&msg);
            match msg {
                Msg::Local(l) => l,
                other => panic!("not a local answer: {other:?}"),
            }
        }
    }

    fn typed(text: &str) -> Effect {
        Effect::SaveDraft {
            case: 1,
            step: 2,
            text: text.to_owned(),
        }
    }

    const NOTE: Kept = Kept::Draft { case: 1, step: 2 };

    #[tokio::test]
    async fn a_note_typed_key_by_key_is_written_once_with_its_last_text() {
        let mut r = rig();
        let t0 = Instant::now();
        let ms = Duration::from_millis(1);
        for (i, text) in ["S", "Se", "Sen", "Sent"].iter().enumerate() {
            r.local.apply(typed(text), t0 + 50 * ms * i as u32);
        }
        let last = t0 + 150 * ms;
        assert_eq!(r.local.next_due(), Some(last + QUIET));
        r.local.write_due(last + QUIET - ms);
        assert_eq!(
            r.local.in_flight(),
            0,
            "nothing written while typing goes on"
        );
        assert_eq!(r.on_disk(), None);
        r.local.write_due(last + QUIET);
        assert_eq!(r.local.in_flight(), 1);
        assert_eq!(
            r.answer().await,
            Local::Kept {
                what: NOTE,
                removed: false,
                result: Ok(())
            }
        );
        assert_eq!(r.local.in_flight(), 0);
        assert_eq!(r.on_disk().as_deref(), Some("Sent"));
        assert!(r.rx.try_recv().is_err(), "one write for four keys");
    }

    #[tokio::test]
    async fn a_removal_supersedes_the_text_still_waiting() {
        let mut r = rig();
        let t0 = Instant::now();
        r.local.apply(typed("gone soon"), t0);
        r.local.apply(Effect::DeleteDraft { case: 1, step: 2 }, t0);
        assert_eq!(r.local.next_due(), None);
        assert!(matches!(
            r.answer().await,
            Local::Kept {
                removed: true,
                result: Ok(()),
                ..
            }
        ));
        r.local.flush();
        assert_eq!(r.on_disk(), None);
    }

    #[tokio::test]
    async fn quitting_writes_what_waits_at_once() {
        let mut r = rig();
        r.local.apply(typed("half a sentence"), Instant::now());
        r.local.flush();
        assert_eq!(r.on_disk().as_deref(), Some("half a sentence"));
        // Dropping (an error out of the run loop) does the same.
        r.local.apply(typed("the whole sentence"), Instant::now());
        let Rig { local, dir, .. } = r;
        drop(local);
        let kept = Drafts::new(dir.path(), "DEMO").load();
        assert_eq!(
            kept.get(&(1, 2)).map(String::as_str),
            Some("the whole sentence")
        );
    }

    #[tokio::test]
    async fn the_panic_hook_writes_what_waits() {
        let mut r = rig();
        r.local
            .apply(typed("typed before the crash"), Instant::now());
        let last_words = r.local.panic_flush();
        last_words();
        assert_eq!(r.on_disk().as_deref(), Some("typed before the crash"));
        assert_eq!(r.local.next_due(), None);
    }

    #[tokio::test]
    async fn a_folder_listing_comes_back_as_a_message() {
        let mut r = rig();
        std::fs::write(r.dir.path().join("minutes.pdf"), b"%PDF").expect("written");
        let typed = format!("{}/mi", r.dir.path().display());
        r.local.apply(
            Effect::ListDir {
                typed: typed.clone(),
            },
            Instant::now(),
        );
        let Local::Listed {
            typed: back,
            listing,
        } = r.answer().await
        else {
            panic!("a listing");
        };
        assert_eq!(back, typed);
        let names: Vec<String> = listing
            .expect("listed")
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert!(names.contains(&"minutes.pdf".to_owned()), "{names:?}");
    }

    #[tokio::test]
    async fn a_download_is_saved_off_the_ui_thread_and_reported() {
        let mut r = rig();
        let download = crate::api::Download {
            bytes: b"%PDF-1.4".to_vec(),
            content_type: Some("application/pdf".into()),
            file_name: Some("report.pdf".into()),
        };
        r.local.apply(
            Effect::SaveDownload {
                download: Box::new(download),
                fallback: "x.pdf".into(),
                open: true,
            },
            Instant::now(),
        );
        let Local::Download(crate::app::docs::Saved::Saved(path)) = r.answer().await else {
            panic!("saved, not opened");
        };
        assert_eq!(path, r.dir.path().join("downloads").join("report.pdf"));
        assert_eq!(std::fs::read(&path).expect("read"), b"%PDF-1.4");
    }

    #[test]
    fn copy_writes_osc_52_to_the_terminal() {
        #[derive(Clone, Default)]
        struct Shared(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Shared {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().expect("lock").extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let out = Shared::default();
        let (tx, _rx) = mpsc::unbounded_channel();
        let downloads = Downloads {
            dir: PathBuf::from("/nonexistent"),
            open: false,
        };
        let mut local = LocalEffects::new(tx, None, downloads, Box::new(out.clone()));
        local.apply(Effect::Copy("hi".into()), Instant::now());
        let written = out.0.lock().expect("lock").clone();
        assert_eq!(written, b"\x1b]52;c;aGk=\x07");
    }
}
