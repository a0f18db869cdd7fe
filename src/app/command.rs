//! The `:` command line: every pane has a command, so everything is reachable by name.

mod line;
pub mod run;

pub use line::CommandLine;

use crate::api::Id;

/// The commands, with what they take and do (shown in help and used for completion).
pub const COMMANDS: &[(&str, &str, &str)] = &[
    ("cases", "", "the case list"),
    (
        "case",
        "ID|NUMBER",
        "open a case by its id or case number (KYC-2026-003001)",
    ),
    (
        "next",
        "",
        "the next case of the list the case came from (also ])",
    ),
    ("prev", "", "the previous case of that list (also [)"),
    ("overview", "", "the open case's overview"),
    ("steps", "", "the open case's step tree"),
    ("detail", "", "the selected step's details"),
    ("notes", "", "the selected step's notes"),
    ("filter", "TEXT", "filter the case list"),
    ("refresh", "", "reload what is on screen"),
    ("help", "", "keys and commands"),
    ("quit", "", "quit (also :q)"),
    ("org", "", "the open company case's org chart"),
    (
        "ubo",
        "[PCT]",
        "beneficial owners (PCT sets the threshold, default 25)",
    ),
    ("members", "", "the open company case's members"),
    (
        "link",
        "ID RELATION [PCT] [DETAILS]",
        "link case ID to the open case (Shareholder 30, Director, …)",
    ),
    ("aml", "", "review the open case's AML matches"),
    (
        "alerts",
        "[FILTERS]",
        "the alert inbox, e.g. :alerts type:aml status:open",
    ),
    ("journal", "", "the changes this console sent, newest first"),
    (
        "search",
        "[NAME CC]",
        "search a company registry (:search insight GI; :search cancel)",
    ),
    (
        "new",
        "KIND",
        "create a case: company or individual (a form)",
    ),
    (
        "import",
        "KIND",
        "import a prepared case: company or individual (a form)",
    ),
    ("props", "", "the open case's properties"),
    ("identity", "", "change the open case's identity (a form)"),
    (
        "close",
        "[accepted|denied]",
        "close the open case with a decision",
    ),
    ("reopen", "", "reopen the open (closed) case"),
    ("delete", "", "delete the open case (type its id back)"),
    (
        "audit",
        "[FILTER]",
        "the open case's audit trail, e.g. :audit user:ana action:status",
    ),
    ("docs", "", "the open case's documents and what is missing"),
    ("report", "", "download the open case's report"),
    (
        "export",
        "[md|json]",
        "save the open case's review record (evidence pack) to downloads",
    ),
    ("upload", "[PATH]", "upload a file to the open case"),
    (
        "prevalidate",
        "[PATH]",
        "pre-validate an individual's document before uploading it",
    ),
    (
        "request",
        "[EMAIL|PHONE]",
        "ask the customer for documents by e-mail or text message",
    ),
    (
        "version",
        "",
        "the server's API version and the environment",
    ),
    (
        "messages",
        "",
        "every message of this session, whole, with its time and case",
    ),
];

/// A parsed command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Cases,
    Case(Id),
    /// A case by its case number (`KYC-2026-003001`), found among the loaded cases.
    CaseNumber(String),
    Next,
    Prev,
    Overview,
    Steps,
    Detail,
    Notes,
    Filter(String),
    Refresh,
    Help,
    Quit,
    Org,
    /// The threshold in hundredths of a percent (so the command stays `Eq`).
    Ubo(Option<u32>),
    Members,
    Link {
        id: Id,
        relation: String,
        /// Hundredths of a percent.
        percentage: Option<u32>,
        /// Free text about the relation (empty: none).
        details: String,
    },
    Aml,
    /// The alert inbox; `None` keeps its filters, `Some` replaces them.
    Alerts(Option<String>),
    /// The journal of changes sent.
    Journal,
    /// A registry search: words and a jurisdiction code, `cancel`, or nothing (the form).
    Search(String),
    /// `:new company|individual`.
    New(String),
    /// `:import company|individual`.
    Import(String),
    Props,
    Identity,
    /// Close the open case; `None` asks for the decision.
    Close(Option<super::casework::lifecycle::Decision>),
    Reopen,
    Delete,
    /// The audit trail; `Some` sets its filter.
    Audit(Option<String>),
    Docs,
    Report,
    /// The open case's evidence pack, as Markdown or JSON.
    /// `None`: both formats, Markdown for people and JSON for machines.
    Export(Option<crate::export::Format>),
    /// The upload form, with the path filled in when given.
    Upload(Option<String>),
    Prevalidate(Option<String>),
    /// The request form, with the e-mail address or phone number filled in when given.
    Request(Option<String>),
    Version,
    /// The message log.
    Messages,
}

impl Command {
    /// Whether the command changes something on the server, or opens the form that would:
    /// read-only mode refuses it before anything opens (`door`). No wildcard: a new command
    /// does not compile until it is placed on one side.
    pub fn changes(&self) -> bool {
        match self {
            Command::Link { .. }
            | Command::New(_)
            | Command::Import(_)
            | Command::Identity
            | Command::Close(_)
            | Command::Reopen
            | Command::Delete
            | Command::Upload(_)
            | Command::Request(_) => true,
            Command::Cases
            | Command::Case(_)
            | Command::CaseNumber(_)
            | Command::Next
            | Command::Prev
            | Command::Overview
            | Command::Steps
            | Command::Detail
            | Command::Notes
            | Command::Filter(_)
            | Command::Refresh
            | Command::Help
            | Command::Quit
            | Command::Org
            | Command::Ubo(_)
            | Command::Members
            | Command::Aml
            | Command::Alerts(_)
            | Command::Journal
            | Command::Search(_)
            | Command::Props
            | Command::Audit(_)
            | Command::Docs
            | Command::Report
            | Command::Export(_)
            | Command::Prevalidate(_)
            | Command::Version
            | Command::Messages => false,
        }
    }
}

/// Parse a command line (without the `:`). The error is a message for the status line.
pub fn parse(line: &str) -> Result<Command, String> {
    let line = line.trim();
    let (word, rest) = line
        .split_once(char::is_whitespace)
        .map(|(w, r)| (w, r.trim()))
        .unwrap_or((line, ""));
    let cmd = match word {
        "q" | "q!" | "quit" | "exit" => Command::Quit,
        "cases" | "list" => Command::Cases,
        "case" | "open" => match rest.parse::<Id>() {
            Ok(id) => Command::Case(id),
            Err(_) if rest.contains('-') && !rest.contains(char::is_whitespace) => {
                Command::CaseNumber(rest.to_owned())
            }
            Err(_) => {
                return Err(format!(
                    ":case needs a case id or number (KYC-2026-003001), not {rest:?}"
                ));
            }
        },
        "next" => Command::Next,
        "prev" | "previous" => Command::Prev,
        "overview" => Command::Overview,
        "steps" => Command::Steps,
        "detail" | "details" => Command::Detail,
        "notes" => Command::Notes,
        "filter" => Command::Filter(rest.to_owned()),
        "refresh" | "r" => Command::Refresh,
        "help" | "h" => Command::Help,
        "org" | "chart" => Command::Org,
        "ubo" | "owners" => Command::Ubo(match rest {
            "" => None,
            r => Some(hundredths(r).ok_or(format!(":ubo takes a threshold 0–100, not {r:?}"))?),
        }),
        "members" => Command::Members,
        "link" => {
            let mut words = rest.split_whitespace();
            let usage = ":link ID RELATION [PCT] [DETAILS], e.g. :link 1000001002 Shareholder 30";
            let id = words
                .next()
                .and_then(|w| w.parse::<Id>().ok())
                .ok_or(usage)?;
            let typed = words.next().ok_or(usage)?;
            // The guide's relations, in its spelling whatever the case typed.
            let relation = crate::api::LINK_RELATIONS
                .iter()
                .find(|r| r.eq_ignore_ascii_case(typed))
                .ok_or(format!(
                    ":link: {typed:?} is not a relation; one of {}",
                    crate::api::LINK_RELATIONS.join(", ")
                ))?
                .to_string();
            let mut rest: Vec<&str> = words.collect();
            // A number after the relation is the percentage, and must be one: 150 is refused,
            // never passed on as details.
            let percentage = match rest.first() {
                Some(w) if w.trim_end_matches('%').parse::<f64>().is_ok() => {
                    let p = hundredths(w).ok_or(format!(
                        ":link: the percentage must be from 0 to 100, not {w}"
                    ))?;
                    rest.remove(0);
                    Some(p)
                }
                _ => None,
            };
            Command::Link {
                id,
                relation,
                percentage,
                details: rest.join(" "),
            }
        }
        "aml" => Command::Aml,
        "alerts" | "alert" | "inbox" => {
            Command::Alerts((!rest.is_empty()).then(|| rest.to_owned()))
        }
        "journal" | "log" => Command::Journal,
        "search" => Command::Search(rest.to_owned()),
        "new" | "create" => Command::New(rest.to_owned()),
        "import" => Command::Import(rest.to_owned()),
        "props" | "properties" => Command::Props,
        "close" => Command::Close(match rest {
            "" => None,
            r => Some(
                super::casework::lifecycle::Decision::parse(r)
                    .ok_or(format!(":close takes accepted or denied, not {r:?}"))?,
            ),
        }),
        "reopen" => Command::Reopen,
        "identity" | "ident" => Command::Identity,
        "delete" => Command::Delete,
        "audit" | "audittrail" => Command::Audit((!rest.is_empty()).then(|| rest.to_owned())),
        "docs" | "documents" => Command::Docs,
        "report" => Command::Report,
        "upload" => Command::Upload((!rest.is_empty()).then(|| rest.to_owned())),
        "prevalidate" | "check" => {
            Command::Prevalidate((!rest.is_empty()).then(|| rest.to_owned()))
        }
        "request" => Command::Request((!rest.is_empty()).then(|| rest.to_owned())),
        "version" => Command::Version,
        "export" => Command::Export(match rest {
            "" => None,
            r => Some(
                crate::export::Format::parse(r)
                    .ok_or(format!(":export takes md or json, not {r:?}"))?,
            ),
        }),
        "messages" | "msgs" => Command::Messages,
        "" => return Err(String::new()),
        other => {
            return Err(format!(
                "unknown command :{other} — Tab completes, :help lists them"
            ));
        }
    };
    Ok(cmd)
}

/// Whether a command of [`COMMANDS`] changes something, whatever it is given (for help). A
/// command that needs its arguments to parse is tried with samples (`:case 1`, `:link 1
/// Director`).
pub fn name_changes(name: &str) -> bool {
    parse_sample(name).is_ok_and(|c| c.changes())
}

fn parse_sample(name: &str) -> Result<Command, String> {
    parse(name)
        .or_else(|_| parse(&format!("{name} 1")))
        .or_else(|_| parse(&format!("{name} 1 Director")))
}

/// A percentage 0–100 (a trailing `%` allowed) in hundredths.
fn hundredths(text: &str) -> Option<u32> {
    let v: f64 = text.trim_end_matches('%').parse().ok()?;
    (0.0..=100.0)
        .contains(&v)
        .then(|| (v * 100.0).round() as u32)
}

/// Commands that start with what is typed, for the hint under the command line.
pub fn candidates(line: &str) -> Vec<&'static str> {
    let word = line.split_whitespace().next().unwrap_or("");
    COMMANDS
        .iter()
        .map(|(c, _, _)| *c)
        .filter(|c| c.starts_with(word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_commands() {
        assert_eq!(parse("q"), Ok(Command::Quit));
        assert_eq!(parse("case 1000003001"), Ok(Command::Case(1000003001)));
        assert!(parse("case abc").is_err());
        assert!(parse("frobnicate").unwrap_err().contains("unknown command"));
    }

    #[test]
    fn every_command_of_the_table_is_known_to_change_or_not() {
        for (name, _, _) in COMMANDS {
            assert!(
                parse_sample(name).is_ok(),
                ":{name} parses bare or with a sample"
            );
        }
        assert!(name_changes("link"));
        assert!(name_changes("close"));
        assert!(!name_changes("case"));
        assert!(!name_changes("messages"));
    }
}
