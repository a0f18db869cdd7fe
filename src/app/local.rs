//! The answers of local effects: what the runtime reports after writing a draft, saving a
//! download, listing a folder or opening a browser.
//!
//! The runtime only carries effects out; what the reviewer sees about their outcome is decided
//! here, in `update()`, like the answer of any request. That keeps one path for every result
//! and lets the flow tests see them.

use super::docs::{self, Saved};
use super::docs_paths::Entry;
use super::status::error;
use super::{State, aml, docs_form};
use crate::api::Id;

/// What is kept on disk until the server has it: a note being written or a form being filled in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kept {
    Draft { case: Id, step: Id },
    Form(String),
}

impl Kept {
    fn noun(&self) -> &'static str {
        match self {
            Kept::Draft { .. } => "draft",
            Kept::Form(_) => "form",
        }
    }
}

/// A local effect finished.
#[derive(Debug, Clone, PartialEq)]
pub enum Local {
    /// A draft or form was written to disk (`removed`: taken off it), or could not be.
    Kept {
        what: Kept,
        removed: bool,
        result: Result<(), String>,
    },
    /// A download was saved (and perhaps opened), or not.
    Download(Saved),
    /// The folder of a path being typed was listed, for Tab completion.
    Listed {
        typed: String,
        listing: Result<Vec<Entry>, String>,
    },
    /// The browser was asked to open a URL.
    Opened {
        url: String,
        result: Result<(), String>,
    },
}

/// Show the outcome of a local effect.
pub fn on_local(state: &mut State, done: Local) {
    match done {
        // Success is silent: the reviewer is typing, and the draft is what they see.
        Local::Kept { result: Ok(()), .. } | Local::Opened { result: Ok(()), .. } => {}
        Local::Kept {
            what,
            removed: false,
            result: Err(err),
        } => error(
            state,
            format!("could not keep the {} on disk: {err}", what.noun()),
        ),
        Local::Kept {
            what,
            removed: true,
            result: Err(err),
        } => error(
            state,
            format!(
                "could not remove the kept {} from disk (it comes back at the next start): {err}",
                what.noun()
            ),
        ),
        Local::Download(saved) => docs::on_saved(state, saved),
        Local::Listed { typed, listing } => docs_form::completed(state, &typed, listing),
        Local::Opened {
            url,
            result: Err(err),
        } => {
            aml::show_url(state, url, "No browser could be opened: copy this address");
            error(state, format!("could not open the URL: {err}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Mode, Msg, Session, Tone, update};

    #[test]
    fn a_draft_that_could_not_be_kept_says_so() {
        let mut s = State::new(Session::default());
        update(
            &mut s,
            Msg::Local(Local::Kept {
                what: Kept::Draft { case: 1, step: 2 },
                removed: false,
                result: Err("disk full".into()),
            }),
        );
        let line = s.status.expect("a status line");
        assert_eq!(line.tone, Tone::Error);
        assert_eq!(line.text, "could not keep the draft on disk: disk full");
    }

    #[test]
    fn a_kept_draft_changes_nothing_on_screen() {
        let mut s = State::new(Session::default());
        let fx = update(
            &mut s,
            Msg::Local(Local::Kept {
                what: Kept::Form("new-individual".into()),
                removed: true,
                result: Ok(()),
            }),
        );
        assert!(fx.is_empty() && s.status.is_none());
    }

    #[test]
    fn a_url_no_browser_opened_is_shown_to_copy() {
        let mut s = State::new(Session::default());
        update(
            &mut s,
            Msg::Local(Local::Opened {
                url: "https://example.org".into(),
                result: Err("no opener".into()),
            }),
        );
        assert!(matches!(s.mode, Mode::Aml(_)));
        assert!(s.status.is_some_and(|l| l.text.contains("no opener")));
    }
}
