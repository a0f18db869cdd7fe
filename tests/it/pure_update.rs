//! `update()` is a function of state and message: nothing under `src/app` reads the clock or
//! the environment. The runtime reads them and hands them over as data (`Msg::Tick(Instant)`,
//! `Msg::Today(date)`, facts in `Session`), so a test can replay any moment.

use std::path::Path;

/// What reads the clock or the environment.
const IMPURE: &[&str] = &[
    "Instant::now",
    "SystemTime::now",
    "Local::now",
    "Utc::now",
    "Local::today",
    "env::var",
    "env::vars",
    "env::home_dir",
    "home_dir(",
    "current_dir(",
];

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src/app lists").flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn nothing_under_app_reads_the_clock_or_the_environment() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    sources(&app, &mut files);
    assert!(files.len() > 10, "{files:?}");
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable");
        // Unit tests may pick any instant they like: only the code they test must not.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or("");
            for bad in IMPURE {
                if line.contains(bad) {
                    found.push(format!("{}:{}: {bad}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "update() must not read these:\n{}",
        found.join("\n")
    );
}
