//! The command line of the real binary: configuration file, completions, man page, version,
//! and the clear messages for what cannot work.

use std::process::Command;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kyc-console"));
    c.env_remove("KYC_CLIENT_ID")
        .env_remove("KYC_CLIENT_SECRET");
    c
}

#[test]
fn config_path_and_init_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("conf/config.toml");
    let out = bin()
        .args(["config", "path"])
        .env("KYC_CONSOLE_CONFIG", &path)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        path.display().to_string()
    );
    assert!(!path.exists(), "printing the path writes nothing");
    let out = bin()
        .args(["config", "init"])
        .env("KYC_CONSOLE_CONFIG", &path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("[environments.prod-eu]"));
    std::fs::write(&path, "# my own\n").unwrap();
    let out = bin()
        .args(["config", "init"])
        .env("KYC_CONSOLE_CONFIG", &path)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# my own\n");
}

/// Issue 15 item 16: clap read `KYC_CONSOLE_SAVE_DOWNLOADS` itself and refused `1` before any
/// command ran ("invalid value '1'"); the real binary now parses with it set to any spelling.
#[test]
fn save_downloads_1_no_longer_stops_the_binary_at_start() {
    let dir = tempfile::tempdir().unwrap();
    for v in ["1", "0", "true", "FALSE", "yes", "No"] {
        let out = bin()
            .args(["config", "path"])
            .env("KYC_CONSOLE_CONFIG", dir.path().join("config.toml"))
            .env("KYC_CONSOLE_SAVE_DOWNLOADS", v)
            .env("KYC_CONSOLE_READ_ONLY", v)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "KYC_CONSOLE_SAVE_DOWNLOADS={v}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_invalid_config_file_is_a_clear_error_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "environment = \"uat-eu\"\n\n[environments.uat-eu]\nread_only = \"yes\"\n",
    )
    .unwrap();
    let out = bin()
        .env("KYC_CONSOLE_CONFIG", &path)
        .env("KYC_CONSOLE_STATE_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:4:", path.display())), "{err}");
}

#[test]
fn missing_credentials_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["--env", "uat-eu"])
        .env("KYC_CONSOLE_CONFIG", dir.path().join("none.toml"))
        .env("KYC_CONSOLE_STATE_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no credentials for uat-eu") && err.contains("KYC_CLIENT_SECRET"),
        "{err}"
    );
    let out = bin()
        .args(["--env", "nowhere"])
        .env("KYC_CONSOLE_CONFIG", dir.path().join("none.toml"))
        .env("KYC_CONSOLE_STATE_DIR", dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown environment"));
}

#[test]
fn completions_man_and_version() {
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success() && out.stdout.len() > 500, "{shell}");
    }
    let out = bin().arg("man").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH kyc-console"));
    let out = bin().arg("--version").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));
}
