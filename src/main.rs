//! `kyc-console`: the console (default) and `kyc-console emulator`.

use clap::{Parser, Subcommand};
use kyc_console::api::{Client, ClientConfig, Secret};
use kyc_console::app::{Session, State};
use kyc_console::config::environments::Environment;
use kyc_console::drafts::{self, Drafts};
use kyc_console::emulator;
use kyc_console::runtime::{self, Exit};
use kyc_console::term::TerminalGuard;
use std::process::ExitCode;

/// A terminal console for KYC/KYB case review over the Know Your Customer Public API v2.
///
/// With no credentials in the environment it opens the built-in demo (an emulator of the API
/// started in-process).
#[derive(Debug, Parser)]
#[command(name = "kyc-console", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    /// Use the built-in demo even when credentials are set.
    #[arg(long, conflicts_with_all = ["env", "base_url"])]
    demo: bool,
    /// One of the vendor's environments (credentials from KYC_CLIENT_ID / KYC_CLIENT_SECRET).
    #[arg(long, value_enum, conflicts_with = "base_url")]
    env: Option<Environment>,
    /// Any server that speaks the API, e.g. a standalone `kyc-console emulator`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// The token endpoint (default: {base}/connect/token).
    #[arg(long, value_name = "URL")]
    token_url: Option<String>,
    /// Send no change to the server.
    #[arg(long)]
    read_only: bool,
    /// Draw the org chart in pure ASCII (automatic when the locale is not UTF-8).
    #[arg(long)]
    ascii: bool,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Serve the KYC API v2 locally from the demo or a synthetic dataset.
    Emulator(emulator::EmulatorArgs),
}

/// Where to connect, resolved from the command line and the environment.
struct Target {
    base_url: String,
    token_url: Option<String>,
    client_id: String,
    secret: Secret,
    session: Session,
    /// Keeps the in-process emulator alive for the demo.
    _demo: Option<emulator::Running>,
}

fn credentials() -> Option<(String, String)> {
    let id = std::env::var("KYC_CLIENT_ID")
        .ok()
        .filter(|s| !s.is_empty())?;
    let secret = std::env::var("KYC_CLIENT_SECRET")
        .ok()
        .filter(|s| !s.is_empty())?;
    Some((id, secret))
}

async fn resolve(cli: &Cli) -> anyhow::Result<Target> {
    let remote = cli
        .env
        .map(|e| {
            (
                e.base_url().to_owned(),
                e.name().to_owned(),
                e.is_production(),
            )
        })
        .or_else(|| {
            cli.base_url
                .as_ref()
                .map(|u| (u.trim_end_matches('/').to_owned(), u.clone(), false))
        });
    let creds = credentials();
    match (cli.demo, remote, creds) {
        (false, Some((base_url, label, production)), Some((id, secret))) => Ok(Target {
            base_url,
            token_url: cli.token_url.clone(),
            client_id: id.clone(),
            secret: Secret::new(secret),
            session: Session {
                environment: label,
                user: id,
                read_only: cli.read_only,
                production,
            },
            _demo: None,
        }),
        (false, Some((_, label, _)), None) => anyhow::bail!(
            "no credentials for {label}: set KYC_CLIENT_ID and KYC_CLIENT_SECRET \
             (an API client id and secret from the platform's Administration › API Credentials)"
        ),
        (false, None, Some(_)) => anyhow::bail!(
            "KYC_CLIENT_ID is set but no server is chosen: add --env uat-eu|uat-asia|prod-eu|prod-asia \
             or --base-url URL (or --demo for the built-in demo)"
        ),
        _ => {
            let cfg = emulator::Config {
                listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
                ..emulator::Config::default()
            };
            let running = emulator::spawn(cfg).await?;
            let base_url = format!("http://{}", running.addr);
            Ok(Target {
                base_url,
                token_url: None,
                client_id: "demo".into(),
                secret: Secret::new("demo".to_owned()),
                session: Session {
                    environment: "DEMO".into(),
                    user: "demo".into(),
                    read_only: cli.read_only,
                    production: false,
                },
                _demo: Some(running),
            })
        }
    }
}

async fn console(cli: Cli) -> anyhow::Result<Exit> {
    let target = resolve(&cli).await?;
    let mut cfg = ClientConfig::new(
        target.base_url.clone(),
        target.client_id.clone(),
        target.secret.clone(),
    );
    cfg.token_url = target.token_url.clone();
    let client = Client::new(cfg)?;
    let drafts = drafts::state_dir().map(|d| Drafts::new(&d, &target.session.environment));
    let mut state = State::new(target.session.clone());
    state.org.ascii = cli.ascii || !kyc_console::app::org::utf8_locale();
    let mut guard = TerminalGuard::enter()?;
    let exit = runtime::run(&mut guard, state, client, drafts).await;
    drop(guard);
    exit
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kyc-console: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async {
        match cli.command {
            Some(Cmd::Emulator(args)) => emulator::run(args).await.map(|()| Exit::Quit),
            None => console(cli).await,
        }
    });
    // Background tasks (the demo emulator, requests in flight) must not hold the exit up.
    rt.shutdown_timeout(std::time::Duration::from_millis(200));
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kyc-console: {e:#}");
            ExitCode::FAILURE
        }
    }
}
