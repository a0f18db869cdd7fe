//! The evidence pack of a case (`:export`): gathered from the server and the journal, rendered,
//! and answered as a download, so that it is saved (and opened on a desktop) as documents are.

use super::{About, Backend, Operation};
use crate::api::{ApiError, CaseKind, Download, Id};
use crate::export::{self, Format};

/// A case's review record as a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub kind: CaseKind,
    pub id: Id,
    /// The files to write, from one gathering.
    pub formats: Vec<Format>,
    /// The environment's name, written into the pack.
    pub environment: String,
    /// The beneficial-owner threshold in percent.
    pub threshold: f64,
    /// How the Markdown shows dates: as the screen does.
    pub dates: crate::words::dates::DateFormat,
}

impl Operation for Export {
    type Answer = Vec<(Format, Download)>;
    const NAME: &'static str = "export review record";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let pack = export::gather(
            b,
            &self.environment,
            self.kind,
            self.id,
            self.threshold,
            now,
        )
        .await?;
        Ok(self
            .formats
            .iter()
            .map(|&format| {
                let file = Download {
                    content_type: Some(format.content_type().to_owned()),
                    file_name: Some(export::file_name(&pack, format)),
                    bytes: export::render(&pack, format, self.dates),
                };
                (format, file)
            })
            .collect())
    }
}
