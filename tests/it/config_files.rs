//! The binary writes no file unless asked: with a fresh HOME, nothing appears in the config
//! directory, and a console session leaves only the log in the state directory (drafts appear
//! only for unsent notes).
//! Also the real binary in a pseudo-terminal with a config file: the default filter, the
//! overridden keys and a key conflict on the status line.

use crate::support::pty;

use portable_pty::CommandBuilder;
use pty::Console;
use std::path::{Path, PathBuf};
use std::process::Command;

const LAYOUT_VARS: [&str; 8] = [
    "XDG_CONFIG_HOME",
    "XDG_STATE_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "KYC_CONSOLE_CONFIG",
    "KYC_CONSOLE_STATE_DIR",
    "KYC_CLIENT_ID",
    "KYC_CLIENT_SECRET",
];

fn bin(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kyc-console"));
    for v in LAYOUT_VARS {
        c.env_remove(v);
    }
    c.env("HOME", home).stdin(std::process::Stdio::null());
    c
}

/// Every file under `dir`, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn nothing_is_written_unless_asked() {
    let home = tempfile::tempdir().unwrap();
    let runs: &[&[&str]] = &[
        &["--version"],
        &["--help"],
        &["config", "path"],
        &["config", "keys"],
        &["completions", "bash"],
        &["man"],
        &["--env", "uat-eu"],
        &["--env", "nowhere"],
        &["--theme", "pink"],
        &["config", "set-secret", "uat-eu"],
    ];
    for args in runs {
        bin(home.path()).args(*args).output().unwrap();
    }
    assert_eq!(
        files(home.path()),
        Vec::<PathBuf>::new(),
        "nothing at all yet"
    );
    // Asked: `config init` writes the config file and nothing else.
    let out = bin(home.path()).args(["config", "init"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        files(home.path()),
        vec![PathBuf::from(".config/kyc-console/config.toml")]
    );
}

#[test]
fn xdg_directories_are_read_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let conf = home.path().join("xdg-conf");
    let state = home.path().join("xdg-state");
    let out = bin(home.path())
        .env("XDG_CONFIG_HOME", &conf)
        .env("XDG_STATE_HOME", &state)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        conf.join("kyc-console/config.toml").display().to_string()
    );
    let out = bin(home.path())
        .env("XDG_CONFIG_HOME", &conf)
        .env("XDG_STATE_HOME", &state)
        .args(["--env", "uat-eu", "--theme", "light"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("no credentials"));
    assert_eq!(files(home.path()), Vec::<PathBuf>::new());
}

#[test]
fn config_keys_prints_a_table_the_file_accepts() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path()).args(["config", "keys"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("[keys.cases]") && text.contains("# sort_next = \"s\""),
        "{text}"
    );
    // Uncommented, every line is a valid override (the defaults again).
    let uncommented: String = text
        .lines()
        .filter_map(|l| {
            let l = l.split("    #").next().unwrap_or(l);
            if l.starts_with("[keys.") {
                return Some(format!("{l}\n"));
            }
            let rest = l.strip_prefix("# ")?;
            let (name, _) = rest.split_once(" = ")?;
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
                .then(|| format!("{rest}\n"))
        })
        .collect();
    let cfg = kyc_console::config::file::parse(&uncommented, Path::new("keys.toml"))
        .unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
    let km = kyc_console::app::Keymap::with_overrides(&cfg.key_overrides);
    assert!(km.conflicts.is_empty());
    let defaults = kyc_console::app::Keymap::default();
    for ctx in kyc_console::config::keys::contexts() {
        let mut a = km.help(ctx);
        let mut b = defaults.help(ctx);
        a.sort();
        b.sort();
        assert_eq!(a, b, "{ctx:?}");
    }
}

#[test]
fn the_console_follows_the_config_file() {
    let home = tempfile::tempdir().unwrap();
    let conf = home.path().join(".config/kyc-console");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("config.toml"),
        "default_filter = \"status:open\"\n\n[keys.global]\nquit = \"Q\"\n\n[keys.cases]\nfilter = \"s\"\n",
    )
    .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kyc-console"));
    for v in LAYOUT_VARS {
        cmd.env_remove(v);
    }
    cmd.env("HOME", home.path());
    cmd.env("TERM", "xterm-256color");
    let mut console = Console::spawn(cmd, 80, 24);
    // A frame can reach the pseudo-terminal in several reads: wait for the whole of it.
    let s = console.wait_for(
        |s| s.contains("/status:open") && s.contains("key conflict"),
        "the default filter, and the conflict on the status line",
    );
    assert!(s.contains("Q quit"), "the footer shows the new key:\n{s}");
    // Keys are taken in order: once the help that `?` opens is drawn, `q` has been taken too.
    console.send(b"q?");
    console.wait_for(|s| s.contains("Help — any key closes"), "the help");
    assert!(
        console.child.try_wait().unwrap().is_none(),
        "q no longer quits"
    );
    console.send(b"x");
    console.wait_for(|s| !s.contains("Help — any key closes"), "the help closed");
    console.send(b"Q");
    console.wait_exit();
    assert_eq!(
        files(home.path()),
        vec![
            PathBuf::from(".config/kyc-console/config.toml"),
            PathBuf::from(".local/state/kyc-console/kyc-console.log"),
        ]
    );
}
