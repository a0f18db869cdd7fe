//! `kyc-console emulator …`: the arguments and the foreground server.

use super::{AmlShape, Answers, Config, DatasetSpec, FaultSpec};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

/// Serve the KYC API v2 emulator.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// `demo`; `hostile` (the demo with terminal escapes and invisible characters in every text
    /// field); or `synthetic:N` for N generated cases (optionally `synthetic:N:SEED`).
    #[arg(long, default_value = "demo", value_parser = parse_dataset)]
    pub dataset: DatasetSpec,
    /// Token lifetime in seconds.
    #[arg(long = "token-ttl", default_value_t = 600)]
    pub token_ttl: u64,
    /// Latency added to every answer, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency: u64,
    #[arg(long = "client-id", default_value = "demo")]
    pub client_id: String,
    #[arg(long = "client-secret", default_value = "demo")]
    pub client_secret: String,
    /// Multiplies the simulated registry search time (5–150 s per jurisdiction); 0 = instant.
    #[arg(long = "search-time-scale", default_value_t = 0.01, value_parser = parse_scale)]
    pub search_time_scale: f64,
    /// Inject faults into `/v2` answers at these rates, e.g.
    /// `500=0.05,504=0.02,malformed=0.02,truncate=0.02,reset=0.02,slow=0.05` (add `delay=MS` for
    /// how long a 504 takes and a slow answer trickles).
    #[arg(long, value_parser = FaultSpec::parse)]
    pub faults: Option<FaultSpec>,
    /// Seed of the fault draws: the same seed and the same requests meet the same faults.
    #[arg(long = "fault-seed", default_value_t = 1)]
    pub fault_seed: u64,
    /// How successful changes answer: `full` (the contract's shapes), `empty` (`200 {}`) or
    /// `ok` (`200 {"ok": true}`); the change happens either way.
    #[arg(long, value_enum, default_value_t = Answers::Full)]
    pub answers: Answers,
    /// `single` (one step per AML match) or `grouped` (all of a case's matches on one step,
    /// each with its own matchId).
    #[arg(long = "aml-shape", value_enum, default_value_t = AmlShape::Single)]
    pub aml_shape: AmlShape,
}

/// `demo` | `hostile` | `synthetic:N` | `synthetic:N:SEED`.
pub fn parse_dataset(s: &str) -> Result<DatasetSpec, String> {
    let mut parts = s.trim().split(':');
    match parts.next() {
        Some("demo") if parts.next().is_none() => Ok(DatasetSpec::Demo),
        Some("hostile") if parts.next().is_none() => Ok(DatasetSpec::Hostile),
        Some("synthetic") => {
            let n = parts
                .next()
                .ok_or("synthetic needs a case count, e.g. synthetic:1000")?
                .parse::<usize>()
                .map_err(|_| format!("{s:?}: the case count must be a whole number"))?;
            let seed = match parts.next() {
                Some(seed) => seed
                    .parse::<u64>()
                    .map_err(|_| format!("{s:?}: the seed must be a whole number"))?,
                None => 1,
            };
            if parts.next().is_some() {
                return Err(format!("{s:?}: expected synthetic:N or synthetic:N:SEED"));
            }
            Ok(DatasetSpec::Synthetic { n, seed })
        }
        _ => Err(format!(
            "unknown dataset {s:?}: use demo, hostile or synthetic:N"
        )),
    }
}

fn parse_scale(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("{s:?} is not a non-negative number")),
    }
}

impl From<EmulatorArgs> for Config {
    fn from(a: EmulatorArgs) -> Self {
        Config {
            listen: a.listen,
            dataset: a.dataset,
            token_ttl: Duration::from_secs(a.token_ttl),
            latency: Duration::from_millis(a.latency),
            client_id: a.client_id,
            client_secret: a.client_secret,
            search_time_scale: a.search_time_scale,
            faults: a.faults.map(|f| FaultSpec {
                seed: a.fault_seed,
                ..f
            }),
            clock: super::Clock::system(),
            answers: a.answers,
            aml_shape: a.aml_shape,
            panic_on: None,
        }
    }
}

/// Serves in the foreground until SIGINT or SIGTERM. The first stdout line is
/// `listening on http://ADDR`, so scripts and tests can read the port.
pub async fn run(args: EmulatorArgs) -> anyhow::Result<()> {
    let running = super::spawn(args.into()).await?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{}", running.addr)?;
        out.flush()?;
    }
    wait_for_signal().await?;
    running.shutdown().await
}

#[cfg(unix)]
async fn wait_for_signal() -> anyhow::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r?,
        _ = term.recv() => {}
    }
    Ok(())
}

#[cfg(not(unix))]
async fn wait_for_signal() -> anyhow::Result<()> {
    tokio::signal::ctrl_c().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(clap::Parser)]
    struct Cmd {
        #[command(flatten)]
        args: EmulatorArgs,
    }

    #[test]
    fn faults_and_their_seed_reach_the_config() {
        use clap::Parser;
        let cmd = Cmd::try_parse_from([
            "emulator",
            "--faults",
            "500=0.05,reset=0.02,delay=300",
            "--fault-seed",
            "42",
        ])
        .unwrap();
        let cfg = Config::from(cmd.args);
        let spec = cfg.faults.unwrap();
        assert_eq!(spec.seed, 42);
        assert_eq!(spec.rates.len(), 2);
        assert_eq!(spec.gateway_delay, Duration::from_millis(300));
        assert!(
            Config::from(Cmd::try_parse_from(["emulator"]).unwrap().args)
                .faults
                .is_none()
        );
        assert!(Cmd::try_parse_from(["emulator", "--faults", "teapot=0.1"]).is_err());
    }

    #[test]
    fn answers_and_aml_shape_reach_the_config() {
        use clap::Parser;
        let cfg = Config::from(
            Cmd::try_parse_from(["emulator", "--answers", "ok", "--aml-shape", "grouped"])
                .unwrap()
                .args,
        );
        assert_eq!(cfg.answers, Answers::Ok);
        assert_eq!(cfg.aml_shape, AmlShape::Grouped);
        let cfg = Config::from(Cmd::try_parse_from(["emulator"]).unwrap().args);
        assert_eq!(
            (cfg.answers, cfg.aml_shape),
            (Answers::Full, AmlShape::Single)
        );
        assert!(Cmd::try_parse_from(["emulator", "--answers", "none"]).is_err());
    }

    #[test]
    fn datasets_parse_with_clear_errors() {
        assert_eq!(parse_dataset("demo"), Ok(DatasetSpec::Demo));
        assert_eq!(
            parse_dataset("synthetic:50"),
            Ok(DatasetSpec::Synthetic { n: 50, seed: 1 })
        );
        assert_eq!(
            parse_dataset("synthetic:50:7"),
            Ok(DatasetSpec::Synthetic { n: 50, seed: 7 })
        );
        assert!(
            parse_dataset("synthetic")
                .unwrap_err()
                .contains("case count")
        );
        assert!(
            parse_dataset("synthetic:x")
                .unwrap_err()
                .contains("whole number")
        );
        assert!(
            parse_dataset("big")
                .unwrap_err()
                .contains("unknown dataset")
        );
    }
}
