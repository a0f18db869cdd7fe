//! The journal: every change the console sent, with its outcome, one JSON object per line in
//! `<state dir>/journal.jsonl` (mode 0600). A reviewer can tell afterwards what went through,
//! what failed and what was confirmed only by reading back (`:journal` shows it).
//!
//! An entry holds the time, the environment, the operation's name, the case, step and alert ids,
//! what was decided (short key/value pairs each operation chooses: `from`/`to` of a step status,
//! an alert's `action`, a close `decision`, …), the id of a case it created, and the outcome:
//! never note text, request bodies, tokens or the client secret, so the file can be handed to
//! support as it is. Fields added later are optional, so lines written by an older console
//! still read.

use crate::api::Id;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many entries `:journal` shows (the newest).
pub const SHOWN: usize = 500;

/// How a change ended, as far as the console knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The server answered that it was done.
    Done,
    /// The answer was lost; reading back showed the change was made.
    Confirmed,
    /// The answer was lost; reading back showed the change was not made.
    NotDone,
    /// The server refused it, or it never arrived.
    Failed,
    /// The answer was lost and reading back could not tell.
    Unknown,
    /// Never sent: read-only mode.
    Refused,
}

impl Outcome {
    /// The word in the journal pane.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Confirmed => "done (read back)",
            Outcome::NotDone => "not done (read back)",
            Outcome::Failed => "failed",
            Outcome::Unknown => "unknown",
            Outcome::Refused => "refused",
        }
    }

    /// Whether the change is in effect on the server.
    pub fn went_through(self) -> bool {
        matches!(self, Outcome::Done | Outcome::Confirmed)
    }
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub time: String,
    pub environment: String,
    /// The request's name, e.g. `set step status`.
    pub operation: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<Id>,
    /// What was decided, as the operation words it (`["to", "passed"]`): the value sent, never
    /// typed text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decided: Vec<(String, String)>,
    /// The id of the case this change created (the server's answer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<Id>,
    pub outcome: Outcome,
    /// What happened, in one line (the error summary when it failed; never a request body).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
}

impl Entry {
    /// An entry for `operation` with `outcome`, to be filled in; [`Journal::record`] stamps the
    /// time and the environment.
    pub fn new(operation: &str, outcome: Outcome) -> Entry {
        Entry {
            time: String::new(),
            environment: String::new(),
            operation: operation.to_owned(),
            case: None,
            step: None,
            alert: None,
            decided: Vec::new(),
            created: None,
            outcome,
            detail: String::new(),
        }
    }
}

/// Where the journal of this console lives.
#[derive(Debug, Clone)]
pub struct Journal {
    path: PathBuf,
    environment: String,
}

impl Journal {
    /// The journal in `state_dir`; entries are labelled with `environment`.
    pub fn new(state_dir: &Path, environment: &str) -> Journal {
        Journal {
            path: state_dir.join("journal.jsonl"),
            environment: environment.to_owned(),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Append one entry, stamped now and with this journal's environment (whatever `entry`
    /// held there).
    pub fn record(&self, mut entry: Entry) -> std::io::Result<()> {
        entry.time = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        entry.environment = self.environment.clone();
        let mut line = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut opts = std::fs::OpenOptions::new();
        opts.append(true).create(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        // One write of a whole line: concurrent appends do not interleave.
        opts.open(&self.path)?.write_all(&line)
    }

    /// The newest [`SHOWN`] entries, newest first. Lines that do not parse are skipped; no
    /// journal yet is an empty list.
    pub fn read(&self) -> std::io::Result<Vec<Entry>> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        Ok(text
            .lines()
            .rev()
            .filter_map(|l| serde_json::from_str(l).ok())
            .take(SHOWN)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_come_back_newest_first_and_the_file_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::new(dir.path(), "DEMO");
        j.record(Entry {
            case: Some(10),
            step: Some(20),
            ..Entry::new("set step status", Outcome::Done)
        })
        .unwrap();
        j.record(Entry {
            case: Some(10),
            step: Some(21),
            detail: "500".into(),
            ..Entry::new("add note", Outcome::Failed)
        })
        .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(j.path())
            .unwrap()
            .write_all(b"not json\n")
            .unwrap();
        let all = j.read().unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].operation, "add note");
        assert_eq!(all[0].outcome, Outcome::Failed);
        assert_eq!(all[1].case, Some(10));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(j.path()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(
            Journal::new(dir.path().join("none").as_path(), "x")
                .read()
                .unwrap()
                .is_empty()
        );
    }

    /// Lines written before entries said what was decided still read.
    #[test]
    fn old_lines_still_read_and_new_fields_round_trip() {
        let old = r#"{"time":"2026-11-30T23:55:00Z","environment":"DEMO","operation":"set step status","case":1,"step":2,"outcome":"done"}"#;
        let e: Entry = serde_json::from_str(old).unwrap();
        assert_eq!((e.case, e.step, e.alert), (Some(1), Some(2), None));
        assert!(e.decided.is_empty() && e.created.is_none());
        let new = Entry {
            alert: Some(3),
            decided: vec![("action".into(), "dismiss".into())],
            created: Some(4),
            ..Entry::new("alert action", Outcome::Done)
        };
        let line = serde_json::to_string(&new).unwrap();
        assert!(
            line.contains(r#""decided":[["action","dismiss"]]"#),
            "{line}"
        );
        assert_eq!(serde_json::from_str::<Entry>(&line).unwrap(), new);
    }
}
