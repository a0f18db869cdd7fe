//! Operations answered on this machine, without the API.

use super::{About, Backend, Operation};
use crate::api::{ApiError, ErrorKind};
use crate::journal::Entry;

/// The local journal of changes sent, newest first (`:journal`).
#[derive(Debug, Clone, PartialEq)]
pub struct ReadJournal;

impl Operation for ReadJournal {
    type Answer = Vec<Entry>;
    const NAME: &'static str = "journal";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let problem = |problem: String| ApiError::new(Self::NAME, ErrorKind::Config { problem });
        let Some(journal) = b.journal.clone() else {
            return Err(problem(
                "no journal: the console has no state directory (set KYC_CONSOLE_STATE_DIR)"
                    .to_owned(),
            ));
        };
        // A file read: off the async workers, so a slow disk stalls no request.
        let read = tokio::task::spawn_blocking(move || {
            journal.read().map_err(|e| {
                format!(
                    "the journal {} cannot be read: {e}",
                    journal.path().display()
                )
            })
        })
        .await;
        match read {
            Ok(Ok(entries)) => Ok(entries),
            Ok(Err(why)) => Err(problem(why)),
            Err(e) => Err(problem(format!("the journal could not be read: {e}"))),
        }
    }
    /// The journal's own words, not an API error's.
    fn failure(&self, e: &ApiError) -> super::Failure {
        match &e.kind {
            ErrorKind::Config { problem } => super::Failure::new(problem.clone()),
            _ => super::Failure::from_api(e),
        }
    }
}
