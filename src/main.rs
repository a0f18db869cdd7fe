//! `kyc-console`: the console (default), `emulator`, `config`, `completions`, `man`, `export`.

use clap::{CommandFactory, Parser};
use kyc_console::api::{Client, ClientConfig, Secret};
use kyc_console::app::{Keymap, Session, State, StatusLine, Tone};
use kyc_console::cli::{Cli, Cmd, ConfigAction, ExportArgs};
use kyc_console::config::file::{self, FileConfig};
use kyc_console::config::settings::{self, Server, Settings};
use kyc_console::config::{keyring, keys};
use kyc_console::drafts::{self, Drafts};
use kyc_console::emulator;
use kyc_console::logging;
use kyc_console::runtime::{self, Exit};
use kyc_console::term::TerminalGuard;
use std::process::ExitCode;

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

fn load_config() -> anyhow::Result<FileConfig> {
    match file::default_path() {
        Some(p) => file::load(&p),
        None => Ok(FileConfig::default()),
    }
}

/// Where to connect and as whom; keeps the in-process emulator of the demo alive.
struct Target {
    base_url: String,
    token_url: Option<String>,
    client_id: String,
    secret: Secret,
    session: Session,
    _demo: Option<emulator::Running>,
}

impl Target {
    /// The API client for this target (the console and `kyc-console export` alike).
    fn client(&self) -> anyhow::Result<Client> {
        let mut config = ClientConfig::new(
            self.base_url.clone(),
            self.client_id.clone(),
            self.secret.clone(),
        );
        config.token_url = self.token_url.clone();
        Ok(Client::new(config)?)
    }
}

async fn target(settings: Settings) -> anyhow::Result<Target> {
    let session = Session {
        read_only: settings.read_only,
        save_downloads: settings.save_downloads,
        color: settings.color,
        theme: settings.theme,
        date_format: settings.date_format,
        expiry_warning: kyc_console::app::docs::ExpiryWarning {
            days: settings.expiry_warning_days,
        },
        ..Session::default()
    };
    Ok(match settings.server {
        Server::Demo => {
            // Registry searches take a few seconds in the demo (5–150 s scaled by 0.05), enough
            // to see the elapsed time and to cancel one, without making the demo slow.
            let running = emulator::spawn(emulator::Config {
                search_time_scale: 0.05,
                ..emulator::Config::default()
            })
            .await?;
            Target {
                base_url: format!("http://{}", running.addr),
                token_url: None,
                client_id: "demo".into(),
                secret: Secret::new("demo".to_owned()),
                session: Session {
                    environment: "DEMO".into(),
                    user: "demo".into(),
                    ..session
                },
                _demo: Some(running),
            }
        }
        Server::Remote(r) => Target {
            base_url: r.base_url,
            token_url: r.token_url,
            client_id: r.client_id.clone(),
            secret: r.secret,
            session: Session {
                environment: r.label,
                user: r.client_id,
                production: r.production,
                ..session
            },
            _demo: None,
        },
    })
}

async fn console(cli: Cli) -> anyhow::Result<Exit> {
    let cfg = load_config()?;
    let settings = settings::resolve(&cli, &env_var, &cfg)?;
    let log_path = settings.log_file.clone().or_else(logging::default_path);
    let log_path = match log_path {
        Some(p) => Some(logging::init(&p, &settings.log_level)?),
        None => None,
    };
    if let Server::Remote(r) = &settings.server {
        // Where the secret came from (never the secret): the first thing to check on a 401.
        tracing::info!(client_id = %r.client_id, secret_from = %r.secret_from, "credentials");
    }
    let filter = settings.filter.clone();
    let ascii = settings.ascii;
    let reviewer = settings.reviewer.clone();
    let target = target(settings).await?;
    tracing::info!(environment = %target.session.environment, "kyc-console starting");
    let client = target.client()?;
    let drafts = drafts::state_dir().map(|d| Drafts::new(&d, &target.session.environment));
    let mut session = target.session.clone();
    // The environment is read here, once: `update()` only sees it as session data.
    session.over_ssh =
        kyc_console::app::aml::over_ssh(std::env::var_os("SSH_CONNECTION").as_deref());
    let mut state = State::new(session);
    state.log_path = log_path;
    state.org.ascii = ascii || !kyc_console::app::org::utf8_locale(|v| std::env::var(v).ok());
    state.keymap = Keymap::with_overrides(&cfg.key_overrides);
    state.cases.set_me(reviewer);
    state.cases.set_filter(filter);
    if !state.keymap.conflicts.is_empty() {
        // Printed before the screen switches (it is there again after quitting), logged, and
        // kept on the status line until the first message replaces it; `?` lists them.
        for c in &state.keymap.conflicts {
            eprintln!("kyc-console: key conflict: {}", c.describe());
            tracing::warn!(conflict = %c.describe(), "key conflict in the config file");
        }
        state.status = Some(StatusLine {
            text: format!(
                "{} key conflict(s) in the config file: {} (? lists them)",
                state.keymap.conflicts.len(),
                state.keymap.conflicts[0].describe()
            ),
            tone: Tone::Error,
            place: None,
        });
    }
    let mut guard = TerminalGuard::enter(state.session.color)?;
    let exit = runtime::run(&mut guard, state, client, drafts).await;
    drop(guard);
    exit
}

/// `kyc-console export …`: the same pack as `:export`, from the configured environment.
async fn export(cli: &Cli, args: &ExportArgs) -> anyhow::Result<()> {
    use kyc_console::export::{self, Format};
    let cfg = load_config()?;
    let settings = settings::resolve(cli, &env_var, &cfg)?;
    let target = target(settings).await?;
    let client = target.client()?;
    let environment = target.session.environment.clone();
    let format = args.format.as_deref().map(str::to_ascii_lowercase);
    let (name, bytes) = if args.alerts {
        if format.as_deref().is_some_and(|f| f != "csv") {
            anyhow::bail!("the alerts are written as csv only");
        }
        let csv = export::csv::alerts(&client).await?;
        ("alerts.csv".to_owned(), csv.into_bytes())
    } else {
        let Some(id) = args.case else {
            anyhow::bail!("give a case id, or --alerts");
        };
        let format = match format.as_deref() {
            None => Format::Markdown,
            Some(f) => Format::parse(f).ok_or_else(|| {
                anyhow::anyhow!("--format takes md or json for a case, not {f:?}")
            })?,
        };
        let backend = kyc_console::op::Backend {
            client,
            journal: drafts::state_dir()
                .map(|d| kyc_console::journal::Journal::new(&d, &environment)),
        };
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        // The id alone does not say which half of the API holds the case: companies first.
        let pack = match export::gather(
            &backend,
            &environment,
            kyc_console::api::CaseKind::Company,
            id,
            kyc_console::app::org::DEFAULT_THRESHOLD,
            now.clone(),
        )
        .await
        {
            Err(e) if e.status == Some(404) => {
                export::gather(
                    &backend,
                    &environment,
                    kyc_console::api::CaseKind::Individual,
                    id,
                    kyc_console::app::org::DEFAULT_THRESHOLD,
                    now,
                )
                .await?
            }
            other => other?,
        };
        (
            export::file_name(&pack, format),
            export::render(&pack, format, target.session.date_format),
        )
    };
    match args.out.as_deref() {
        Some(p) if p.as_os_str() == "-" => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
        Some(p) => {
            std::fs::write(p, &bytes)?;
            eprintln!("kyc-console: wrote {}", p.display());
        }
        None => {
            let dir = kyc_console::downloads::default_dir();
            let path = kyc_console::downloads::save_unique(&dir, &name, &bytes)?;
            eprintln!("kyc-console: wrote {}", path.display());
        }
    }
    Ok(())
}

/// `kyc-console config …`.
fn config_command(action: &ConfigAction) -> anyhow::Result<()> {
    let path = || {
        file::default_path().ok_or_else(|| {
            anyhow::anyhow!("no configuration directory could be found (is HOME set?)")
        })
    };
    match action {
        ConfigAction::Path => println!("{}", path()?.display()),
        ConfigAction::Init => {
            let path = path()?;
            file::init(&path)?;
            println!("wrote {}", path.display());
        }
        ConfigAction::Keys => print!("{}", keys::defaults_as_toml()),
        ConfigAction::SetSecret { environment } => {
            let cfg = load_config()?;
            let entry = cfg
                .environments
                .get(environment)
                .and_then(|e| e.keyring.as_ref())
                .and_then(|k| k.entry(environment))
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "[environments.{environment}] has no keyring = true (or \"service/user\") \
                         in the config file"
                    )
                })?;
            let mut secret = String::new();
            std::io::stdin().read_line(&mut secret)?;
            let secret = zeroize::Zeroizing::new(secret.trim().to_owned());
            if secret.is_empty() {
                anyhow::bail!("no secret on stdin");
            }
            keyring::write(&entry.0, &entry.1, &secret)?;
            println!(
                "stored the secret of {environment} as {}/{}",
                entry.0, entry.1
            );
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Cmd::Completions { shell }) => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "kyc-console",
                &mut std::io::stdout(),
            );
            return ExitCode::SUCCESS;
        }
        Some(Cmd::Man) => {
            return match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("kyc-console: {e}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Cmd::Config { action }) => {
            return match config_command(action) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("kyc-console: {e:#}");
                    ExitCode::FAILURE
                }
            };
        }
        _ => {}
    }
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
            Some(Cmd::Export(ref args)) => export(&cli, args).await.map(|()| Exit::Quit),
            _ => console(cli).await,
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
