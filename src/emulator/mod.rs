//! The KYC API v2 served locally by axum from an in-memory store: the built-in demo, the training
//! ground, and the ground every test stands on. Strict about what it sends (the contract's shapes).

mod answers;
mod auth;
mod cli;
mod clock;
mod closed;
mod countries;
pub mod dataset;
mod db;
mod error;
mod extract;
mod faults;
mod input;
mod kind;
mod layers;
mod ownership;
pub mod pdf;
mod routes;
mod state;
pub mod store;
mod views;

pub use answers::Answers;
pub use auth::TokenResponse;
pub use cli::{EmulatorArgs, run};
pub use clock::Clock;
pub use db::BUILD_TIME;
pub use faults::{FaultKind, FaultSpec, Faults};
pub use routes::{OPENAPI, changes, operations};

use db::Db;
use state::AppState;
use std::net::SocketAddr;
use std::time::Duration;
use store::Store;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Which dataset to serve.
#[derive(Debug, Clone, PartialEq)]
pub enum DatasetSpec {
    Demo,
    /// The demo with hostile text in every field (see `dataset::hostile`).
    Hostile,
    Synthetic {
        n: usize,
        seed: u64,
    },
}

impl DatasetSpec {
    pub fn build(&self) -> Store {
        match self {
            DatasetSpec::Demo => dataset::demo(),
            DatasetSpec::Hostile => dataset::hostile(),
            DatasetSpec::Synthetic { n, seed } => dataset::synthetic(*n, *seed),
        }
    }
}

/// How AML matches sit on steps.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AmlShape {
    /// One step per match (the demo as authored).
    #[default]
    Single,
    /// All of a case's matches on one step, each with its own `matchId`, as World-Check steps
    /// hold them (see `dataset::group_aml_steps`).
    Grouped,
}

/// How the emulator runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub dataset: DatasetSpec,
    /// Lifetime of an issued token (the real API: 10 minutes).
    pub token_ttl: Duration,
    /// Added to every answer.
    pub latency: Duration,
    pub client_id: String,
    pub client_secret: String,
    /// Multiplies the simulated registry time of a search (5–150 s per jurisdiction).
    pub search_time_scale: f64,
    /// Faults to inject into `/v2` answers (`None`: a well-behaved server).
    pub faults: Option<FaultSpec>,
    /// What the emulator's timers run on (the build delay of new cases, the token lifetime,
    /// the latency, the faults' delays): real time, or one a test moves ([`Clock::frozen`]).
    pub clock: Clock,
    /// How successful changes are answered: the contract's shapes, or minimal bodies that a
    /// real server may send instead.
    pub answers: Answers,
    /// How AML matches sit on steps.
    pub aml_shape: AmlShape,
    /// Tests only: a request to exactly this path panics inside the request handling (a bug's
    /// stand-in); it must answer the guide's 500 and leave an embedding console running.
    pub panic_on: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            dataset: DatasetSpec::Demo,
            token_ttl: Duration::from_secs(600),
            latency: Duration::ZERO,
            client_id: "demo".into(),
            client_secret: "demo".into(),
            search_time_scale: 0.01,
            faults: None,
            clock: Clock::system(),
            answers: Answers::Full,
            aml_shape: AmlShape::Single,
            panic_on: None,
        }
    }
}

/// A serving emulator; dropping it stops the server.
pub struct Running {
    pub addr: SocketAddr,
    faults: Option<Faults>,
    clock: Clock,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Running {
    /// `http://addr`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The fault injector, when faults are configured: counts, pause.
    pub fn faults(&self) -> Option<&Faults> {
        self.faults.as_ref()
    }

    /// The clock the server's timers read; a test moves it to finish a build or expire a token.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Stops accepting, lets requests in flight finish, and waits for the server task.
    pub async fn shutdown(mut self) -> anyhow::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await??;
        }
        Ok(())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Serves the configured dataset.
pub async fn spawn(config: Config) -> anyhow::Result<Running> {
    let store = config.dataset.build();
    spawn_with_store(config, store).await
}

/// Serves a given store (tests build their own).
pub async fn spawn_with_store(config: Config, mut store: Store) -> anyhow::Result<Running> {
    if config.aml_shape == AmlShape::Grouped {
        dataset::group_aml_steps(&mut store);
    }
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let clock = config.clock.clone();
    let faults = config
        .faults
        .clone()
        .map(|spec| Faults::new(spec, clock.clone()));
    let layer_cfg = layers::LayerConfig {
        latency: config.latency,
        faults: faults.clone(),
        clock: clock.clone(),
        panic_on: config.panic_on.clone(),
    };
    let state = AppState::new(
        Db::new(store, clock.clone()),
        config,
        format!("http://{addr}"),
    );
    let app = layers::apply(routes::router(state), layer_cfg);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .await
    });
    Ok(Running {
        addr,
        faults,
        clock,
        stop: Some(stop),
        task: Some(task),
    })
}
