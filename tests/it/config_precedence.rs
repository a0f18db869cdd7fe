//! Every setting that exists in more than one layer: the command line beats environment
//! variables, which beat the config file, which beats the defaults.

use clap::Parser;
use kyc_console::appearance::color::ColorMode;
use kyc_console::appearance::theme::Theme;
use kyc_console::cli::Cli;
use kyc_console::config::file::parse;
use kyc_console::config::settings::{Remote, Server, Settings, resolve};
use std::path::{Path, PathBuf};

/// Settings from command-line words, environment variables and a config file's text.
fn settings(args: &[&str], env: &[(&str, &str)], file: &str) -> anyhow::Result<Settings> {
    let cli = Cli::try_parse_from(std::iter::once("kyc-console").chain(args.iter().copied()))?;
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let get = move |k: &str| env.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let cfg = parse(file, Path::new("c.toml"))?;
    resolve(&cli, &get, &cfg)
}

fn ok(args: &[&str], env: &[(&str, &str)], file: &str) -> Settings {
    settings(args, env, file).unwrap()
}

fn remote(s: &Settings) -> &Remote {
    match &s.server {
        Server::Remote(r) => r,
        Server::Demo => panic!("expected a remote server, got the demo"),
    }
}

const CREDS: &[(&str, &str)] = &[("KYC_CLIENT_ID", "id"), ("KYC_CLIENT_SECRET", "s")];

fn with<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    CREDS.iter().copied().chain(extra.iter().copied()).collect()
}

#[test]
fn environment() {
    let file = "environment = \"uat-asia\"\n";
    assert!(
        matches!(ok(&[], &[], "").server, Server::Demo),
        "default: the demo"
    );
    assert_eq!(remote(&ok(&[], CREDS, file)).label, "uat-asia");
    let env = with(&[("KYC_CONSOLE_ENV", "uat-eu")]);
    assert_eq!(remote(&ok(&[], &env, file)).label, "uat-eu");
    assert_eq!(
        remote(&ok(&["--env", "prod-eu"], &env, file)).label,
        "prod-eu"
    );
    // --demo on the command line beats every layer's environment.
    assert!(matches!(ok(&["--demo"], &env, file).server, Server::Demo));
}

#[test]
fn base_url() {
    let file = "environment = \"local\"\n[environments.local]\nbase_url = \"http://file\"\n";
    assert_eq!(
        remote(&ok(&["--env", "uat-eu"], CREDS, "")).base_url,
        "https://api-uat.knowyourcustomer.com",
        "default: the built-in environment's"
    );
    assert_eq!(remote(&ok(&[], CREDS, file)).base_url, "http://file");
    let env = with(&[("KYC_CONSOLE_BASE_URL", "http://env/")]);
    // The file names a server; the environment variable names another and wins.
    let file_url_only = "[environments.local]\nbase_url = \"http://file\"\n";
    assert_eq!(remote(&ok(&[], &env, file_url_only)).base_url, "http://env");
    assert_eq!(remote(&ok(&[], &env, file)).base_url, "http://env");
    assert_eq!(
        remote(&ok(&["--base-url", "http://cli"], &env, file)).base_url,
        "http://cli"
    );
    // The file's base URL of a built-in environment replaces the built-in one.
    let file = "[environments.uat-eu]\nbase_url = \"http://proxy\"\n";
    assert_eq!(
        remote(&ok(&["--env", "uat-eu"], CREDS, file)).base_url,
        "http://proxy"
    );
    // Token URL: command line over file.
    let file = "[environments.uat-eu]\ntoken_url = \"http://file/token\"\n";
    let r = ok(&["--env", "uat-eu"], CREDS, file);
    assert_eq!(remote(&r).token_url.as_deref(), Some("http://file/token"));
    let r = ok(
        &["--env", "uat-eu", "--token-url", "http://cli/token"],
        CREDS,
        file,
    );
    assert_eq!(remote(&r).token_url.as_deref(), Some("http://cli/token"));
}

#[test]
fn read_only() {
    let file = "environment = \"uat-eu\"\n[environments.uat-eu]\nread_only = true\n";
    assert!(
        !ok(&[], CREDS, "environment = \"uat-eu\"").read_only,
        "default: writable"
    );
    assert!(ok(&[], CREDS, file).read_only);
    assert!(!ok(&[], &with(&[("KYC_CONSOLE_READ_ONLY", "0")]), file).read_only);
    let env = with(&[("KYC_CONSOLE_READ_ONLY", "0")]);
    assert!(ok(&["--read-only"], &env, file).read_only);
    assert!(ok(&["--demo"], &[("KYC_CONSOLE_READ_ONLY", "yes")], "").read_only);
    let e = settings(&[], &[("KYC_CONSOLE_READ_ONLY", "maybe")], "").unwrap_err();
    assert!(e.to_string().contains("KYC_CONSOLE_READ_ONLY"), "{e}");
}

/// Issue 15 item 16: every yes/no variable takes the same spellings, in any case;
/// `KYC_CONSOLE_SAVE_DOWNLOADS=1` used to stop the console at start.
#[test]
fn every_yes_no_variable_takes_every_spelling() {
    fn read_only(s: &Settings) -> bool {
        s.read_only
    }
    fn save_downloads(s: &Settings) -> bool {
        s.save_downloads
    }
    type Get = fn(&Settings) -> bool;
    let vars: [(&str, Get); 2] = [
        ("KYC_CONSOLE_READ_ONLY", read_only),
        ("KYC_CONSOLE_SAVE_DOWNLOADS", save_downloads),
    ];
    for (var, get) in vars {
        assert!(!get(&ok(&["--demo"], &[], "")), "{var} default: off");
        for (v, want) in [
            ("1", true),
            ("true", true),
            ("TRUE", true),
            ("yes", true),
            ("Yes", true),
            ("0", false),
            ("false", false),
            ("False", false),
            ("no", false),
            ("NO", false),
        ] {
            let s = settings(&["--demo"], &[(var, v)], "")
                .unwrap_or_else(|e| panic!("{var}={v} refused: {e}"));
            assert_eq!(get(&s), want, "{var}={v}");
        }
        let e = settings(&["--demo"], &[(var, "maybe")], "").unwrap_err();
        assert!(e.to_string().contains(var), "{e}");
    }
}

#[test]
fn save_downloads_flag_beats_the_variable() {
    let off = [("KYC_CONSOLE_SAVE_DOWNLOADS", "no")];
    assert!(ok(&["--demo", "--save-downloads"], &off, "").save_downloads);
    assert!(!ok(&["--demo"], &off, "").save_downloads);
}

#[test]
fn colour() {
    let term = [("TERM", "xterm-256color")];
    assert_eq!(
        ok(&[], &term, "").color,
        ColorMode::Ansi256,
        "default: detected"
    );
    assert_eq!(ok(&[], &[("NO_COLOR", "1")], "").color, ColorMode::Mono);
    let file = "color = \"16\"\n";
    assert_eq!(ok(&[], &term, file).color, ColorMode::Ansi16);
    let env = [("TERM", "xterm-256color"), ("KYC_CONSOLE_COLOR", "mono")];
    assert_eq!(ok(&[], &env, file).color, ColorMode::Mono);
    assert_eq!(
        ok(&["--color", "truecolor"], &env, file).color,
        ColorMode::TrueColor
    );
    // `auto` at a higher layer goes back to detection.
    assert_eq!(
        ok(&["--color", "auto"], &env, file).color,
        ColorMode::Ansi256
    );
}

#[test]
fn theme() {
    assert_eq!(ok(&[], &[], "").theme, Theme::Dark, "default");
    assert_eq!(
        ok(&["--env", "prod-eu"], CREDS, "").theme,
        Theme::Production,
        "default in production"
    );
    let file = "theme = \"light\"\n[environments.uat-eu]\ntheme = \"high-contrast\"\n";
    assert_eq!(
        ok(&[], &[], file).theme,
        Theme::Light,
        "the file's general theme"
    );
    assert_eq!(
        ok(&["--env", "uat-eu"], CREDS, file).theme,
        Theme::HighContrast
    );
    assert_eq!(
        ok(&["--env", "prod-eu"], CREDS, file).theme,
        Theme::Production,
        "the general theme leaves production alone"
    );
    let prod = "[environments.prod-eu]\ntheme = \"light\"\n";
    assert_eq!(ok(&["--env", "prod-eu"], CREDS, prod).theme, Theme::Light);
    let env = with(&[("KYC_CONSOLE_THEME", "monochrome")]);
    assert_eq!(
        ok(&["--env", "uat-eu"], &env, file).theme,
        Theme::Monochrome
    );
    let r = ok(&["--env", "uat-eu", "--theme", "dark"], &env, file);
    assert_eq!(r.theme, Theme::Dark);
    let e = settings(&[], &[], "theme = \"pink\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not one of dark, light"), "{e}");
}

#[test]
fn log_level_and_file() {
    assert_eq!(ok(&[], &[], "").log_level, "info", "default");
    assert_eq!(
        ok(&[], &[], "").log_file,
        None,
        "default: the state directory"
    );
    let file = "log_level = \"debug\"\nlog_file = \"/tmp/file.log\"\n";
    let s = ok(&[], &[], file);
    assert_eq!(
        (s.log_level.as_str(), s.log_file),
        ("debug", Some(PathBuf::from("/tmp/file.log")))
    );
    let env = [
        ("RUST_LOG", "warn"),
        ("KYC_CONSOLE_LOG_FILE", "/tmp/env.log"),
    ];
    let s = ok(&[], &env, file);
    assert_eq!(
        (s.log_level.as_str(), s.log_file),
        ("warn", Some(PathBuf::from("/tmp/env.log")))
    );
    let s = ok(
        &["--log-level", "error", "--log-file", "/tmp/cli.log"],
        &env,
        file,
    );
    assert_eq!(
        (s.log_level.as_str(), s.log_file),
        ("error", Some(PathBuf::from("/tmp/cli.log")))
    );
}

#[test]
fn filter() {
    assert_eq!(ok(&[], &[], "").filter, "", "default: none");
    let file =
        "default_filter = \"status:open\"\n[environments.uat-eu]\ndefault_filter = \"risk:high\"\n";
    assert_eq!(ok(&[], &[], file).filter, "status:open");
    assert_eq!(ok(&["--env", "uat-eu"], CREDS, file).filter, "risk:high");
    let env = with(&[("KYC_CONSOLE_FILTER", "aml:yes")]);
    assert_eq!(ok(&["--env", "uat-eu"], &env, file).filter, "aml:yes");
    let s = ok(&["--env", "uat-eu", "--filter", "j:GB"], &env, file);
    assert_eq!(s.filter, "j:GB");
    // An empty --filter is a choice: no filter at all.
    assert_eq!(
        ok(&["--env", "uat-eu", "--filter", ""], &env, file).filter,
        ""
    );
}

#[test]
fn credentials() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("s");
    std::fs::write(&secret, "from-file\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let file = format!(
        "environment = \"uat-eu\"\n[environments.uat-eu]\nclient_id = \"file-id\"\nsecret_file = {:?}\n",
        secret.display().to_string()
    );
    let e = settings(&[], &[], "environment = \"uat-eu\"")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("no credentials for uat-eu"),
        "default: none, and said so: {e}"
    );
    let s = ok(&[], &[], &file);
    let r = remote(&s);
    assert_eq!(
        (r.client_id.as_str(), r.secret.expose()),
        ("file-id", "from-file")
    );
    assert_eq!(r.secret_from, secret.display().to_string());
    let s = ok(&[], CREDS, &file);
    let r = remote(&s);
    assert_eq!((r.client_id.as_str(), r.secret.expose()), ("id", "s"));
    assert_eq!(r.secret_from, "KYC_CLIENT_SECRET");
    // Layers mix per value: the id from the environment, the secret from the file.
    let s = ok(&[], &[("KYC_CLIENT_ID", "env-id")], &file);
    assert_eq!(
        (remote(&s).client_id.as_str(), remote(&s).secret.expose()),
        ("env-id", "from-file")
    );
    // A secret file and a keyring entry for one environment: keep one.
    let both = format!("{file}keyring = true\n");
    let e = settings(&[], &[], &both).unwrap_err().to_string();
    assert!(e.contains("both secret_file and keyring"), "{e}");
}

#[cfg(not(feature = "keyring"))]
#[test]
fn a_keyring_entry_without_the_feature_says_how_to_get_it() {
    let file = "environment = \"uat-eu\"\n[environments.uat-eu]\nclient_id = \"x\"\nkeyring = \"kyc/uat\"\n";
    let e = settings(&[], &[], file).unwrap_err().to_string();
    assert!(
        e.contains("kyc/uat") && e.contains("--features keyring"),
        "{e}"
    );
    let e = settings(&[], &[], "[environments.uat-eu]\nkeyring = \"nouser\"\n")
        .unwrap_err()
        .to_string();
    assert!(e.contains("service/user"), "{e}");
}
