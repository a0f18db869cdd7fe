//! The real app, fetch layer, client and emulator in one process, without a terminal: keys in,
//! wait for the answers, read the state (and draw it on a `TestBackend` when a test wants to see).
//!
//! Local effects (drafts, downloads, folder listings, the browser) are carried out by the
//! runtime's own [`LocalEffects`], in a temporary folder, and their answers come back as
//! messages like the fetch answers: a flow test sees a download saved or a folder listed.
//! Drafts wait for a pause in typing on a clock the test moves ([`Harness::write_drafts_at`]).

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::{Client, ClientConfig, Id, Secret};
use kyc_console::app::{self, Effect, Msg, Session, State};
use kyc_console::drafts::Drafts;
use kyc_console::emulator::{self, Running};
use kyc_console::fetch::Fetcher;
use kyc_console::runtime::{self, Downloads, LocalEffects};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use tokio::sync::mpsc;

/// The demo dataset's present (its latest cases were opened at the start of December 2026).
pub const DEMO_TODAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 12, 1) {
    Some(d) => d,
    None => panic!("a date"),
};

pub struct Harness {
    pub state: State,
    pub fetcher: Fetcher,
    pub rx: mpsc::UnboundedReceiver<Msg>,
    pub client: Client,
    pub emulator: Running,
    /// The runtime's hands for local effects; drafts go under `dir`, downloads to
    /// `dir/downloads`, never opened.
    pub local: LocalEffects,
    /// Where `local` answers. Its own channel, so a test that swaps `fetcher` and `rx` (another
    /// client, read-only) keeps the local answers.
    pub local_rx: mpsc::UnboundedReceiver<Msg>,
    pub dir: tempfile::TempDir,
}

pub async fn emulator_with(cfg: emulator::Config) -> Running {
    emulator::spawn(cfg).await.expect("emulator starts")
}

pub fn demo_config() -> emulator::Config {
    emulator::Config {
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        search_time_scale: 0.0,
        ..emulator::Config::default()
    }
}

/// Waits until `cond` holds, checking every few milliseconds. The deadline only fails a test
/// that hangs; it says nothing about how fast anything should be.
pub async fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !cond() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{what}: still not so after 30 s"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Moves the emulator's `clock` on whenever something waits on it (a 504's delay, the pieces of
/// a slow answer, latency), so that a long session meets every simulated delay, in order,
/// without waiting it out in real time. Stops when the guard is dropped.
pub fn hurry(clock: &emulator::Clock) -> Hurry {
    let clock = clock.clone();
    Hurry(tokio::spawn(async move {
        loop {
            if clock.sleepers() > 0 {
                clock.advance(Duration::from_millis(10));
            }
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }))
}

/// Stops [`hurry`]ing the clock when dropped.
pub struct Hurry(tokio::task::JoinHandle<()>);

impl Drop for Hurry {
    fn drop(&mut self) {
        self.0.abort();
    }
}

pub fn client_for(running: &Running) -> Client {
    Client::new(ClientConfig::new(
        format!("http://{}", running.addr),
        "demo".to_owned(),
        Secret::new("demo".to_owned()),
    ))
    .expect("client builds")
}

impl Harness {
    /// The app on the demo dataset, with the case list loaded.
    pub async fn demo() -> Harness {
        let emulator = emulator_with(demo_config()).await;
        Harness::on(emulator).await
    }

    pub async fn on(emulator: Running) -> Harness {
        let client = client_for(&emulator);
        let (tx, rx) = mpsc::unbounded_channel();
        let fetcher = Fetcher::new(client.clone(), tx);
        let state = State::new(Session {
            environment: "DEMO".into(),
            user: "demo".into(),
            ..Default::default()
        });
        let mut h = Harness::assemble(state, fetcher, rx, client, emulator);
        let fx = app::start(&mut h.state);
        h.apply(fx);
        h.settle().await;
        h
    }

    /// A harness around a fetcher the test built (a journal, read-only, another client), with
    /// the local effects of [`Harness::demo`] and today's date sent as the runtime sends it.
    /// Nothing is loaded yet: call `app::start` for that.
    pub fn assemble(
        state: State,
        fetcher: Fetcher,
        rx: mpsc::UnboundedReceiver<Msg>,
        client: Client,
        emulator: Running,
    ) -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        let (local_tx, local_rx) = mpsc::unbounded_channel();
        let downloads = Downloads {
            dir: dir.path().join("downloads"),
            open: false,
        };
        let drafts = Drafts::new(dir.path(), &state.session.environment);
        let local = LocalEffects::new(local_tx, Some(drafts), downloads, Box::new(std::io::sink()));
        let mut h = Harness {
            state,
            fetcher,
            rx,
            client,
            emulator,
            local,
            local_rx,
            dir,
        };
        // The demo's present, not the machine's: what has expired, what is overdue and what
        // is due soon are then the same on every day the tests run.
        h.send(Msg::Today(DEMO_TODAY));
        h
    }

    /// Carry effects out as the runtime does.
    pub fn apply(&mut self, fx: Vec<Effect>) {
        runtime::apply(fx, &mut self.fetcher, &mut self.local);
    }

    pub fn send(&mut self, msg: Msg) {
        runtime::handle(&mut self.state, msg, &mut self.fetcher, &mut self.local);
    }

    /// The drafts kept on disk, as the next start would find them.
    pub fn drafts_on_disk(&self) -> std::collections::HashMap<(Id, Id), String> {
        Drafts::new(self.dir.path(), &self.state.session.environment).load()
    }

    /// Write the drafts due at `now` (as the run loop does when their timer fires), then wait
    /// for the answers.
    pub async fn write_drafts_at(&mut self, now: std::time::Instant) {
        self.local.write_due(now);
        self.settle().await;
    }

    /// Whether anything started has not answered yet.
    fn busy(&self) -> bool {
        self.fetcher.in_flight() > 0 || self.local.in_flight() > 0
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub fn ctrl(&mut self, c: char) {
        self.send(Msg::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }

    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Process answers until nothing is in flight and nothing waits in the channel (or 10 s
    /// pass, which fails the test).
    pub async fn settle(&mut self) {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            while let Ok(msg) = self.rx.try_recv().or_else(|_| self.local_rx.try_recv()) {
                self.send(msg);
            }
            if !self.busy() {
                break;
            }
            let next = tokio::time::timeout_at(deadline, async {
                tokio::select! {
                    Some(msg) = self.rx.recv() => Some(msg),
                    Some(msg) = self.local_rx.recv() => Some(msg),
                    else => None,
                }
            });
            match next.await {
                Ok(Some(msg)) => self.send(msg),
                Ok(None) => break,
                Err(_) => panic!("requests did not settle in 10 s"),
            }
        }
    }

    /// Keys, then wait for what they started.
    pub async fn keys(&mut self, codes: &[KeyCode]) {
        for c in codes {
            self.key(*c);
        }
        self.settle().await;
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        t.draw(|f| kyc_console::ui::draw(&self.state, f))
            .expect("draw");
        format!("{}", t.backend())
    }

    pub fn status_text(&self) -> String {
        self.state
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
}
