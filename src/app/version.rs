//! The `:version` pane: the server's API version (`GET /v2/Version`) and the environment the
//! console talks to, for a reviewer reporting a problem. Esc goes back where it came from.
//!
//! The version is also asked once at start ([`load_at_start`]), behind the first screen, so
//! `?` help can show it and the log records it (the runtime logs the answer): a problem report
//! then says which API the console talked to without anyone opening this pane.

use super::answers::OnAnswer;
use super::panes::Pane;
use super::request::{fetch, in_flight};
use super::status::error;
use super::{Action, Context, Effect, Failure, Remote, Request, Slot, State, View};
use crate::api::VersionInfo;
use crate::app::panes::show;
use crate::op::{self, Operation};

#[derive(Debug, Clone)]
pub struct VersionPane {
    pub info: Remote<VersionInfo>,
    /// Where Esc goes back to.
    pub came_from: View,
}

impl Default for VersionPane {
    fn default() -> Self {
        VersionPane {
            info: Remote::default(),
            came_from: View::Cases,
        }
    }
}

/// Show the pane, asking the server afresh (a deployment may have changed it).
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view != View::Version {
        state.version.came_from = state.view;
    }
    show(state, View::Version, fx);
    load(state, fx);
}

/// Ask once at start. A read like the case list's: the first screen does not wait for it, and
/// a failure is said only where the version is shown (`?` help, this pane), not over the list.
pub fn load_at_start(state: &mut State, fx: &mut Vec<Effect>) {
    load(state, fx);
}

/// The version in one line, for `?` help: the server's words, or why there are none.
pub fn summary(state: &State) -> String {
    let info = &state.version.info;
    match (&info.data, &info.error) {
        (_, Some(err)) => format!("not known ({})", err.summary),
        (Some(v), None) => v
            .version
            .clone()
            .unwrap_or_else(|| "the server did not say".to_owned()),
        (None, None) => "asking the server…".to_owned(),
    }
}

fn load(state: &mut State, fx: &mut Vec<Effect>) {
    state.version.info.start();
    fetch(state, Slot::Version, Request::Version(op::Version), fx);
}

/// The version pane.
pub struct VersionScreen;

impl Pane for VersionScreen {
    fn context(&self, _: &State) -> Context {
        Context::Version
    }

    fn crumbs(&self, _: &State) -> Vec<String> {
        vec!["API version".to_owned()]
    }

    fn is_loading(&self, state: &State) -> bool {
        state.view == View::Version && in_flight(state, Slot::Version)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        match action {
            Action::Refresh => load(state, fx),
            Action::Back => {
                let to = state.version.came_from;
                show(state, to, fx);
            }
            _ => return false,
        }
        true
    }

    /// One small read: nothing to stop.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

impl OnAnswer for op::Version {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _: &mut Vec<Effect>,
    ) {
        match result {
            Ok(v) => state.version.info.set(v),
            Err(f) => {
                // Asked at start, it speaks only where it is shown; `?` help says it too.
                if state.view == View::Version {
                    error(state, format!("API version: {}", f.one_line()));
                }
                state.version.info.fail(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Msg, Session, update};
    use crate::op::Answers;

    #[test]
    fn opens_loads_shows_and_goes_back() {
        let mut s = State::new(Session::default());
        let mut fx = Vec::new();
        open(&mut s, &mut fx);
        assert_eq!(s.view, View::Version);
        let Some(Effect::Fetch { id, slot, .. }) = fx.first().cloned() else {
            panic!("no request: {fx:?}");
        };
        assert!(s.is_loading());
        let info = VersionInfo {
            version: Some("2.4.1".into()),
            ..VersionInfo::default()
        };
        update(
            &mut s,
            Msg::Done {
                id,
                slot,
                answer: op::Version.answer(Ok(info)),
                read_back: false,
            },
        );
        assert!(!s.is_loading());
        assert_eq!(
            s.version.info.data.as_ref().and_then(|v| v.version.clone()),
            Some("2.4.1".to_owned())
        );
        VersionScreen.on_action(&mut s, Action::Back, &mut fx);
        assert_eq!(s.view, View::Cases);
    }
}
