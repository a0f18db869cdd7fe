//! `:export [md|json]`: the open case's evidence pack, saved in the downloads folder like a
//! document: Markdown for people (opened on a desktop, only saved over SSH) and JSON for
//! machines (saved beside it), or the one format asked for. Gathering and rendering are
//! [`crate::export`]'s; this only asks and hands the file to the runtime.

use super::answers::OnAnswer;
use super::request::fetch;
use super::status::{error, info};
use super::{Effect, Failure, Request, Slot, State};
use crate::export::Format;
use crate::op::{self, Operation};

/// Ask for the open case's pack.
pub fn command(state: &mut State, format: Option<Format>, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        error(
            state,
            "no case is open to export: :case ID or Enter on the list",
        );
        return;
    };
    let (kind, id) = (cv.kind, cv.id);
    info(state, format!("gathering the review record of case {id}…"));
    let environment = state.session.environment.clone();
    let threshold = state.org.threshold;
    fetch(
        state,
        Slot::Export,
        Request::Export(op::Export {
            kind,
            id,
            formats: format.map_or(vec![Format::Markdown, Format::Json], |f| vec![f]),
            environment,
            threshold,
            dates: state.session.date_format,
        }),
        fx,
    );
}

impl OnAnswer for op::Export {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        match result {
            Ok(files) => {
                info(state, "saving…");
                for (format, download) in files {
                    fx.push(Effect::SaveDownload {
                        download: Box::new(download),
                        fallback: format!("case-{}-review.{}", self.id, format.extension()),
                        // Only the Markdown is for reading now; the JSON is saved beside it.
                        open: format == Format::Markdown,
                    });
                }
            }
            Err(f) => error(
                state,
                format!("export of case {}: {}", self.id, f.one_line()),
            ),
        }
    }
}
