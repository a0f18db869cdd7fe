//! The run loop: events, answers and signals in; `update()`; effects out; draw when changed.
//!
//! The loop never waits on the network nor on the disk: requests run in the fetch layer, file
//! work on tokio's blocking pool ([`local`]), and both come back as messages on one channel.
//! The loop only carries effects out; what a result means is decided by `update()`.
//!
//! It reads the clock and hands it over as data: the spinner's tick carries the time it fired
//! and the local date is sent at start and whenever it changes, so `update()` is a function of
//! state and message. It sleeps until something happens: no tick runs while idle (the
//! spinner's timer only runs while something is loading; the drafts' timer only while a draft
//! waits to be written).
//!
//! One turn handles one event, then every message already queued, then draws once (a burst of
//! answers costs one frame, not one each).

pub mod debounce;
pub mod local;
mod store;

use crate::app::{self, Effect, Msg, State};
use crate::drafts::Drafts;
use crate::fetch::Fetcher;
use crate::term::TerminalGuard;
use crate::ui;
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
pub use local::{Downloads, LocalEffects};
use std::time::Duration;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal,
    TerminalGone,
}

/// The time to stamp into messages and to debounce with: tokio's clock, which tests can pause
/// and move.
pub fn now() -> std::time::Instant {
    tokio::time::Instant::now().into_std()
}

/// The local date.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Hand each effect to the layer that carries it out.
pub fn apply(effects: Vec<Effect>, fetcher: &mut Fetcher, local: &mut LocalEffects) {
    for e in effects {
        match e {
            Effect::Fetch { id, slot, request } => fetcher.start(id, slot, request),
            Effect::Cancel(slot) => fetcher.cancel(slot),
            other => local.apply(other, now()),
        }
    }
}

/// One message through `update()`, with the bookkeeping of what was in flight.
pub fn handle(state: &mut State, msg: Msg, fetcher: &mut Fetcher, local: &mut LocalEffects) {
    if let Msg::Done { id, slot, .. } = &msg {
        fetcher.finished(*slot, *id);
    }
    if let Msg::Done {
        answer: crate::op::Answer::Version(_, Ok(v)),
        ..
    } = &msg
    {
        let version = v.version.as_deref().unwrap_or("(not given)");
        tracing::info!(api_version = %crate::sanitize::clean(version), "server API version");
    }
    local.received(&msg);
    // The time of day the message log stamps what is said, handed over as data.
    state.messages.clock = Some(chrono::Local::now().time());
    let fx = app::update(state, msg);
    apply(fx, fetcher, local);
}

/// Run the console until the user quits, a signal arrives or the terminal goes away.
pub async fn run(
    guard: &mut TerminalGuard,
    mut state: State,
    client: crate::api::Client,
    drafts: Option<Drafts>,
) -> anyhow::Result<Exit> {
    let (tx, mut rx) = mpsc::unbounded_channel::<Msg>();
    // The journal lives beside the drafts, in the state directory.
    let journal = crate::drafts::state_dir()
        .map(|d| crate::journal::Journal::new(&d, &state.session.environment));
    let mut fetcher = Fetcher::new(client, tx.clone())
        .read_only(state.session.read_only)
        .journal(journal);
    match &drafts {
        Some(d) => {
            state.drafts = d.load();
            state.form_drafts = d.load_forms();
        }
        None => tracing::warn!("no state directory: drafts are not kept on disk"),
    }
    let downloads = Downloads {
        dir: crate::downloads::default_dir(),
        open: !state.session.save_downloads && !state.session.over_ssh,
    };
    let mut local = LocalEffects::new(tx, drafts, downloads, Box::new(std::io::stdout()));
    // A panic exits from its hook, past every destructor: the hook writes the waiting drafts.
    crate::term::on_panic(local.panic_flush());
    let size = guard.terminal.size()?;
    state.size = (size.width, size.height);
    let mut date = today();
    handle(&mut state, Msg::Today(date), &mut fetcher, &mut local);
    let fx = app::start(&mut state);
    apply(fx, &mut fetcher, &mut local);

    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut spinner = tokio::time::interval(Duration::from_millis(120));
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut dirty = true;

    let exit = loop {
        if dirty {
            guard.draw(|f| ui::draw(&state, f))?;
            dirty = false;
        }
        let loading = state.is_loading();
        let due = local.next_due();
        // Never reached when nothing waits: the branch is disabled then.
        let wake = due.map_or_else(
            || tokio::time::Instant::now() + Duration::from_secs(3600),
            tokio::time::Instant::from_std,
        );
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) => Msg::Key(k),
                Some(Ok(Event::Paste(p))) => Msg::Paste(p),
                Some(Ok(Event::Resize(w, h))) => Msg::Resize(w, h),
                Some(Ok(_)) => continue,
                // The terminal went away (an SSH drop): leave instead of polling a dead tty.
                Some(Err(_)) | None => break Exit::TerminalGone,
            },
            Some(msg) = rx.recv() => msg,
            _ = spinner.tick(), if loading => Msg::Tick(now()),
            () = tokio::time::sleep_until(wake), if due.is_some() => {
                local.write_due(now());
                continue;
            }
            _ = sigterm.recv() => break Exit::Signal,
            _ = sighup.recv() => break Exit::TerminalGone,
            _ = sigint.recv() => break Exit::Signal,
        };
        let day = today();
        if day != date {
            date = day;
            handle(&mut state, Msg::Today(date), &mut fetcher, &mut local);
        }
        handle(&mut state, msg, &mut fetcher, &mut local);
        // Whatever else is already queued goes through before the frame is drawn.
        while !state.quit
            && let Ok(msg) = rx.try_recv()
        {
            handle(&mut state, msg, &mut fetcher, &mut local);
        }
        dirty = true;
        if state.quit {
            break Exit::Quit;
        }
    };
    // Written here on every way out; an error return gets the same from `LocalEffects::drop`.
    local.flush();
    Ok(exit)
}
