//! The real app, fetch layer, client and emulator in one process, without a terminal: keys in,
//! wait for the answers, read the state (and draw it on a `TestBackend` when a test wants to see).

#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kyc_console::api::{Client, ClientConfig, Secret};
use kyc_console::app::{self, Effect, Msg, Session, State};
use kyc_console::emulator::{self, Running};
use kyc_console::fetch::Fetcher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use tokio::sync::mpsc;

pub struct Harness {
    pub state: State,
    pub fetcher: Fetcher,
    pub rx: mpsc::UnboundedReceiver<Msg>,
    pub client: Client,
    pub emulator: Running,
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
        let mut h = Harness {
            state,
            fetcher,
            rx,
            client,
            emulator,
        };
        // As the runtime does: the date reaches update() as a message.
        h.send(Msg::Today(kyc_console::runtime::today()));
        let fx = app::start(&mut h.state);
        h.apply(fx);
        h.settle().await;
        h
    }

    pub fn apply(&mut self, fx: Vec<Effect>) {
        for e in fx {
            match e {
                Effect::Fetch { id, slot, request } => self.fetcher.start(id, slot, request),
                Effect::Cancel(slot) => self.fetcher.cancel(slot),
                _ => {}
            }
        }
    }

    pub fn send(&mut self, msg: Msg) {
        if let Msg::Done { id, slot, .. } = &msg {
            self.fetcher.finished(*slot, *id);
        }
        let fx = app::update(&mut self.state, msg);
        self.apply(fx);
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
            while let Ok(msg) = self.rx.try_recv() {
                self.send(msg);
            }
            if self.fetcher.in_flight() == 0 {
                break;
            }
            match tokio::time::timeout_at(deadline, self.rx.recv()).await {
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
