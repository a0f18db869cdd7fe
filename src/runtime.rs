//! The run loop: events, answers and signals in; `update()`; effects out; draw when changed.
//!
//! The loop never waits on the network: requests run in the fetch layer and come back as
//! messages. It reads the clock and hands it over as data (the spinner's tick carries the time
//! it fired; the local date is sent at start and when it changes), so `update()` is a function
//! of state and message. It sleeps until something happens: no tick runs while idle (the spinner's timer
//! only runs while something is loading).

use crate::app::{self, Effect, Msg, State};
use crate::drafts::Drafts;
use crate::fetch::Fetcher;
use crate::term::TerminalGuard;
use crate::ui;
use crossterm::event::{Event, EventStream};
use futures::StreamExt;
use std::io::Write;
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

/// The time to stamp into messages: tokio's clock, which tests can pause and move.
pub fn now() -> std::time::Instant {
    tokio::time::Instant::now().into_std()
}

/// The local date.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Carry out the app's effects.
fn apply(effects: Vec<Effect>, fetcher: &mut Fetcher, drafts: Option<&Drafts>, state: &mut State) {
    for e in effects {
        match e {
            Effect::Fetch { id, slot, request } => fetcher.start(id, slot, request),
            Effect::Cancel(slot) => fetcher.cancel(slot),
            Effect::SaveDraft { case, step, text } => {
                if let Some(d) = drafts
                    && let Err(err) = d.save(case, step, &text)
                {
                    state.status = Some(app::StatusLine {
                        text: format!("could not keep the draft on disk: {err}"),
                        tone: app::Tone::Error,
                    });
                }
            }
            Effect::DeleteDraft { case, step } => {
                if let Some(d) = drafts {
                    let _ = d.delete(case, step);
                }
            }
            Effect::SaveForm { name, text } => {
                if let Some(d) = drafts
                    && let Err(err) = d.save_form(&name, &text)
                {
                    state.status = Some(app::StatusLine {
                        text: format!("could not keep the form on disk: {err}"),
                        tone: app::Tone::Error,
                    });
                }
            }
            Effect::DeleteForm { name } => {
                if let Some(d) = drafts {
                    let _ = d.delete_form(&name);
                }
            }
            Effect::Copy(text) => {
                use base64::Engine;
                let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let mut out = std::io::stdout();
                // OSC 52 sets the clipboard of the terminal the user sits at, over SSH too.
                let _ = write!(out, "\x1b]52;c;{b64}\x07");
                let _ = out.flush();
            }
            Effect::OpenUrl(url) => {
                if let Err(err) = open::that_detached(&url) {
                    app::aml::show_url(state, url, "No browser could be opened: copy this address");
                    state.status = Some(app::StatusLine {
                        text: format!("could not open the URL: {err}"),
                        tone: app::Tone::Error,
                    });
                }
            }
            Effect::SaveDownload { download, fallback } => {
                let open = !state.session.save_downloads && !state.session.over_ssh;
                let saved = crate::downloads::deliver(&download, &fallback, open);
                app::docs::on_saved(state, saved);
            }
            Effect::ListDir { typed } => {
                let listing = crate::folders::list_dir(&typed);
                app::docs_form::completed(state, &typed, listing);
            }
            Effect::Quit => {}
        }
    }
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
    let mut fetcher = Fetcher::new(client, tx)
        .read_only(state.session.read_only)
        .journal(journal);
    if let Some(d) = &drafts {
        state.drafts = d.load();
        state.form_drafts = d.load_forms();
    }
    let size = guard.terminal.size()?;
    state.size = (size.width, size.height);
    let mut date = today();
    let fx = app::update(&mut state, Msg::Today(date));
    apply(fx, &mut fetcher, drafts.as_ref(), &mut state);
    let fx = app::start(&mut state);
    apply(fx, &mut fetcher, drafts.as_ref(), &mut state);

    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigint = signal(SignalKind::interrupt())?;
    let mut spinner = tokio::time::interval(Duration::from_millis(120));
    spinner.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut dirty = true;

    loop {
        if dirty {
            guard.draw(|f| ui::draw(&state, f))?;
            dirty = false;
        }
        let loading = state.is_loading();
        let msg = tokio::select! {
            ev = events.next() => match ev {
                Some(Ok(Event::Key(k))) => Msg::Key(k),
                Some(Ok(Event::Paste(p))) => Msg::Paste(p),
                Some(Ok(Event::Resize(w, h))) => Msg::Resize(w, h),
                Some(Ok(_)) => continue,
                // The terminal went away (an SSH drop): leave instead of polling a dead tty.
                Some(Err(_)) | None => return Ok(Exit::TerminalGone),
            },
            Some(msg) = rx.recv() => msg,
            _ = spinner.tick(), if loading => Msg::Tick(now()),
            _ = sigterm.recv() => return Ok(Exit::Signal),
            _ = sighup.recv() => return Ok(Exit::TerminalGone),
            _ = sigint.recv() => return Ok(Exit::Signal),
        };
        let day = today();
        if day != date {
            date = day;
            let fx = app::update(&mut state, Msg::Today(date));
            apply(fx, &mut fetcher, drafts.as_ref(), &mut state);
        }
        if let Msg::Done { id, slot, .. } = &msg {
            fetcher.finished(*slot, *id);
        }
        let fx = app::update(&mut state, msg);
        apply(fx, &mut fetcher, drafts.as_ref(), &mut state);
        dirty = true;
        if state.quit {
            return Ok(Exit::Quit);
        }
    }
}
