//! The layers of `../shared/DESIGN.md`, checked on the source: a file that imports what its
//! layer must not fails this test with the file, the line and the rule, so the shape holds by
//! construction rather than by review.
//!
//! Every path a file names counts (`use` trees expanded, `super::` escapes resolved, paths in
//! code too); comments and strings do not. See `support::rust_paths`.

use crate::support::rust_paths::{self, Named};
use std::path::{Path, PathBuf};

/// What one layer must not name. A path is refused when it starts with a `forbid` entry and no
/// longer-or-equal `allow` entry (segment-wise prefixes: `crate::ui` covers `crate::ui::text`,
/// not `crate::uix`).
struct Rule {
    /// The top-level module the rule covers (`app` is `src/app/` or `src/app.rs`).
    layer: &'static str,
    forbid: &'static [&'static str],
    allow: &'static [&'static str],
    /// Whether `#[cfg(test)]` modules are held to it too.
    in_tests: bool,
    why: &'static str,
}

/// The terminal: crossterm beyond its key events, and ratatui's terminal and backends.
const TERMINAL: &[&str] = &[
    "crossterm",
    "ratatui::Terminal",
    "ratatui::DefaultTerminal",
    "ratatui::TerminalOptions",
    "ratatui::Viewport",
    "ratatui::backend",
    "ratatui::init",
    "ratatui::try_init",
    "ratatui::init_with_options",
    "ratatui::restore",
    "ratatui::try_restore",
    "ratatui::crossterm",
    "ratatui::termion",
    "ratatui::termwiz",
];
const KEY_EVENTS: &[&str] = &["crossterm::event", "ratatui::crossterm::event"];

const RULES: &[Rule] = &[
    Rule {
        layer: "app",
        forbid: &["crate::ui", "crate::fetch", "crate::runtime", "crate::term"],
        allow: &[],
        in_tests: true,
        why: "app is state and update: no drawing, no async, no terminal",
    },
    Rule {
        layer: "app",
        forbid: &["crate::config"],
        allow: &[],
        in_tests: true,
        why: "config depends on app (it parses keys into app's keymap), never the reverse",
    },
    Rule {
        layer: "app",
        forbid: TERMINAL,
        allow: KEY_EVENTS,
        in_tests: true,
        why: "app takes key events as data and never touches the terminal",
    },
    Rule {
        layer: "ui",
        forbid: &[
            "crate::fetch",
            "crate::runtime",
            "crate::term",
            "crate::api::Client",
            "crate::api::ClientConfig",
            "crate::api::Secret",
            "crate::api::client",
            "crate::api::transport",
            "crate::api::auth",
            "crate::api::secret",
        ],
        allow: &[],
        in_tests: true,
        why: "ui draws the state: it reads API models, never the client, fetching or credentials",
    },
    Rule {
        layer: "ui",
        forbid: TERMINAL,
        allow: KEY_EVENTS,
        // Drawing tests render on ratatui's TestBackend.
        in_tests: false,
        why: "ui draws on the frame it is given; the terminal belongs to term and runtime",
    },
    Rule {
        layer: "api",
        forbid: &["crate", "ratatui", "crossterm"],
        allow: &["crate::api"],
        in_tests: true,
        why: "api is the bottom layer: HTTP and models only",
    },
    Rule {
        layer: "emulator",
        forbid: &[
            "crate::app",
            "crate::ui",
            "crate::fetch",
            "crate::runtime",
            "crate::term",
            "crate::config",
            "ratatui",
            "crossterm",
        ],
        allow: &[],
        in_tests: true,
        why: "the emulator serves the API contract; it shares api models, never the console",
    },
    Rule {
        layer: "config",
        forbid: &["crate::ui", "crate::fetch", "crate::runtime", "crate::term"],
        allow: &[],
        in_tests: true,
        why: "config reads files and the environment; it neither draws nor fetches",
    },
    Rule {
        layer: "op",
        forbid: &[
            "crate::app",
            "crate::ui",
            "crate::fetch",
            "crate::runtime",
            "crate::term",
            "crate::config",
        ],
        allow: &[],
        in_tests: true,
        why: "operations are defined on the API and the journal alone; app and fetch both use them",
    },
    Rule {
        layer: "op",
        forbid: TERMINAL,
        allow: &[],
        in_tests: true,
        why: "an operation is carried out over HTTP or on disk, never on the terminal",
    },
    Rule {
        layer: "fetch",
        forbid: &[
            "crate::ui",
            "crate::runtime",
            "crate::term",
            "crate::config",
        ],
        allow: &[],
        in_tests: true,
        why: "the fetch layer runs operations and sends messages; it neither draws nor reads config",
    },
    Rule {
        layer: "sanitize",
        forbid: &["crate"],
        allow: &["crate::sanitize"],
        in_tests: true,
        why: "the sanitiser is a leaf every layer may use, so it uses none",
    },
    Rule {
        layer: "appearance",
        forbid: &["crate"],
        allow: &["crate::appearance"],
        in_tests: true,
        why: "colour mode and theme names are a leaf shared by config, app, ui and term",
    },
];

/// `prefix` covers `path` segment-wise.
fn covers(prefix: &str, path: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with("::"))
}

/// Whether `named` breaks `rule`: the longest forbidden prefix it falls under is not outweighed
/// by an allowed one at least as specific (`crossterm::event` inside `crossterm`).
fn breaks(rule: &Rule, named: &Named) -> bool {
    if named.in_test && !rule.in_tests {
        return false;
    }
    let Some(forbid) = rule
        .forbid
        .iter()
        .filter(|f| covers(f, &named.path))
        .max_by_key(|f| f.len())
    else {
        return false;
    };
    !rule
        .allow
        .iter()
        .any(|a| covers(a, &named.path) && a.len() >= forbid.len())
}

/// Every `.rs` file under `dir`, as paths relative to `root`, sorted.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(root, &p, out);
        } else if p.extension().is_some_and(|x| x == "rs")
            && let Ok(rel) = p.strip_prefix(root)
        {
            out.push(rel.to_path_buf());
        }
    }
}

/// The violations in one file's source (`relative` to `src/`, with `/`).
fn violations(relative: &str, src: &str) -> Vec<String> {
    let module = rust_paths::module_of(relative);
    let Some(layer) = module.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for named in rust_paths::paths(src, &module) {
        for rule in RULES.iter().filter(|r| r.layer == layer) {
            if breaks(rule, &named) {
                out.push(format!(
                    "src/{relative}:{}: {} ({})",
                    named.line, named.path, rule.why
                ));
            }
        }
    }
    out
}

#[test]
fn every_layer_imports_only_what_it_may() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &root, &mut files);
    files.sort();
    let mut found = Vec::new();
    let mut checked = std::collections::BTreeMap::<String, usize>::new();
    for rel in &files {
        let relative = rel.to_string_lossy().replace('\\', "/");
        let src =
            std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{relative}: {e}"));
        if let Some(layer) = rust_paths::module_of(&relative).first()
            && RULES.iter().any(|r| r.layer == layer)
        {
            *checked.entry(layer.clone()).or_default() += 1;
        }
        found.extend(violations(&relative, &src));
    }
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
    // A renamed folder must not make the test pass by checking nothing.
    for rule in RULES {
        assert!(
            checked.get(rule.layer).is_some_and(|n| *n > 0),
            "no source file found for layer {}",
            rule.layer
        );
    }
}

#[test]
fn planted_violations_are_caught() {
    let caught = |relative: &str, src: &str| !violations(relative, src).is_empty();
    // app
    assert!(caught(
        "app/aml.rs",
        "fn f() { crate::ui::text::clean(x); }"
    ));
    assert!(caught(
        "app/aml.rs",
        "use crate::{api::Id, fetch::Fetcher};"
    ));
    assert!(caught("app/casework/mod.rs", "use super::super::runtime;"));
    assert!(caught("app/mod.rs", "use crate::config::theme::Theme;"));
    assert!(caught(
        "app/mod.rs",
        "use crossterm::{event::KeyCode, terminal};"
    ));
    assert!(caught("app/mod.rs", "use ratatui::Terminal;"));
    assert!(caught(
        "app/x.rs",
        "fn f() { crossterm::execute!(out, x); }"
    ));
    assert!(!caught(
        "app/x.rs",
        "use crossterm::event::{KeyCode, KeyEvent};"
    ));
    assert!(!caught(
        "app/x.rs",
        "use super::keymap::Key; use crate::sanitize;"
    ));
    // ui
    assert!(caught("ui/cases.rs", "use crate::api::{CaseKind, Client};"));
    assert!(caught("ui/cases.rs", "use crate::fetch::Fetcher;"));
    assert!(caught("ui/x/y.rs", "use super::super::super::term;"));
    assert!(caught("ui/x.rs", "use crossterm::terminal::size;"));
    assert!(!caught(
        "ui/x.rs",
        "use crate::api::{CaseKind, AuditEntry};"
    ));
    assert!(!caught(
        "ui/x.rs",
        "#[cfg(test)]\nmod tests {\n    use ratatui::backend::TestBackend;\n}"
    ));
    // api
    assert!(caught("api/client.rs", "use crate::app::State;"));
    assert!(caught(
        "api/models/case.rs",
        "use super::super::super::config;"
    ));
    assert!(!caught("api/models/case.rs", "use super::super::flex::Id;"));
    // emulator
    assert!(caught("emulator/routes/x.rs", "use crate::app::Msg;"));
    assert!(caught(
        "emulator/x.rs",
        "fn f() { crate::config::file::load(); }"
    ));
    assert!(!caught("emulator/x.rs", "use crate::api::CaseDetails;"));
    // A comment or a string is not an import.
    assert!(!caught(
        "app/x.rs",
        "//! see crate::ui::draw\nfn f() { let s = \"crate::fetch\"; }"
    ));
}
