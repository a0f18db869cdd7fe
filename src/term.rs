//! Terminal set-up and restore, the panic hook, and synchronized frames.
//!
//! The terminal is restored on every way out: normal exit (the guard's drop), a panic on any
//! thread (the hook restores, prints the message, and exits non-zero, so a panicking background
//! task cannot leave a half-dead console behind), and signals (the run loop ends and the guard
//! drops). Before it exits, the hook runs what was registered with [`on_panic`] (the runtime
//! writes the drafts still waiting to be kept), since exiting skips every destructor.
//!
//! One exception: a panic in the embedded demo emulator's request handling
//! ([`crate::panic_scope::is_contained`]) is its catch-panic layer's to answer with a 500; the
//! hook logs it and lets it unwind there, and the console goes on.
//!
//! Frames go out through [`FrameBackend`], which scrolls moved rows with scroll regions where
//! the terminal has them ([`ScrollRegions`], decided from `TERM`).

mod backend;
mod scroll;

pub use backend::{FrameBackend, ScrollRegions};

use crate::appearance::color::ColorMode;
use crate::sgr::{Palette, SgrWriter};
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen};
use ratatui::Terminal;
use std::io::{Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Work the panic hook does before the process exits.
type LastWords = Box<dyn Fn() + Send + Sync>;
static LAST_WORDS: Mutex<Vec<LastWords>> = Mutex::new(Vec::new());

/// Have the panic hook run `f` before the process exits (after the terminal is restored).
pub fn on_panic(f: impl Fn() + Send + Sync + 'static) {
    LAST_WORDS
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(Box::new(f));
}

/// Run what [`on_panic`] registered; skipped if a panic struck while registering.
fn last_words() {
    if let Ok(words) = LAST_WORDS.try_lock() {
        for f in words.iter() {
            f();
        }
    }
}

/// Put the terminal back as it was. Safe to call more than once.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = crossterm::execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
    }
}

/// The terminal the console draws on: colour sequences pass through [`SgrWriter`].
pub type ConsoleTerminal = Terminal<FrameBackend<SgrWriter<Stdout>>>;

/// Owns the terminal in raw mode on the alternate screen; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: ConsoleTerminal,
}

impl TerminalGuard {
    /// `color` is the resolved colour mode: frames are written in the colours it allows.
    pub fn enter(color: ColorMode) -> std::io::Result<TerminalGuard> {
        install_panic_hook();
        crossterm::terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        crossterm::execute!(
            std::io::stdout(),
            EnterAlternateScreen,
            EnableBracketedPaste
        )?;
        let writer = SgrWriter::new(std::io::stdout(), Palette::for_mode(color));
        let regions = ScrollRegions::for_term(std::env::var("TERM").ok().as_deref());
        let terminal = Terminal::new(FrameBackend::new(writer, regions))?;
        Ok(TerminalGuard { terminal })
    }

    /// Draw one frame inside synchronized output, so the terminal shows it at once, never
    /// half-painted (terminals that do not know the sequence ignore it).
    pub fn draw(&mut self, f: impl FnOnce(&mut ratatui::Frame)) -> std::io::Result<()> {
        let mut out = std::io::stdout();
        crossterm::queue!(out, BeginSynchronizedUpdate)?;
        self.terminal.draw(f)?;
        crossterm::queue!(out, EndSynchronizedUpdate)?;
        out.flush()
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Installs the hook described above. [`TerminalGuard::enter`] does; public so that a test can
/// run the real hook in a child process.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::panic_scope::is_contained() {
            // Not printed: the screen belongs to the console. The reviewer sees the 500.
            tracing::error!("panic in the embedded emulator, answered 500: {info}");
            return;
        }
        restore();
        default(info);
        last_words();
        eprintln!("kyc-console stopped on an internal error; the terminal has been restored.");
        if let Some(p) = crate::logging::path() {
            eprintln!("The log is at {}", p.display());
        }
        tracing::error!("panic: {info}");
        std::process::exit(101);
    }));
}
