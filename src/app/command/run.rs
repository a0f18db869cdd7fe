//! Running a parsed `:` command: each goes to the pane it opens or acts on.

use super::Command;
use crate::api::CaseKind;
use crate::app::case::open_case;
use crate::app::panes::show;
use crate::app::status::error;
use crate::app::update::quit;
use crate::app::*;

pub(crate) fn run_command(state: &mut State, line: &str, fx: &mut Vec<Effect>) {
    let cmd = match command::parse(line) {
        Ok(c) => c,
        Err(msg) => {
            if !msg.is_empty() {
                error(state, msg);
            }
            return;
        }
    };
    if crate::app::door::refuses_command(state, &cmd) {
        return;
    }
    match cmd {
        Command::Quit => quit(state, fx),
        Command::Alerts(None) => alerts::open(state, fx),
        Command::Alerts(Some(text)) => alerts::open_filtered(state, &text, fx),
        Command::Help => state.mode = Mode::Help(Default::default()),
        Command::Refresh => crate::app::update::refresh(state, fx),
        Command::Cases => show(state, View::Cases, fx),
        Command::Filter(text) => {
            show(state, View::Cases, fx);
            state.cases.set_filter(text);
            match state.cases.filter_problem() {
                Some(problem) => error(state, problem),
                None => {
                    let n = state.cases.view().len();
                    let said = if n == 1 {
                        "1 case matches".to_owned()
                    } else {
                        format!("{n} cases match")
                    };
                    crate::app::status::info(state, said);
                }
            }
        }
        Command::Aml => aml::open(state, fx),
        Command::Journal => journal::open(state, fx),
        Command::Version => version::open(state, fx),
        Command::Messages => messages::open(state, fx),
        Command::Docs => docs::open(state, fx),
        Command::Report => docs::report(state, fx),
        Command::Export(format) => crate::app::export::command(state, format, fx),
        Command::Upload(_) | Command::Prevalidate(_) | Command::Request(_) => {
            docs_form::command(state, cmd, fx)
        }
        Command::Case(id) => {
            let found = state.cases.find(id).map(|r| (r.kind, r.name.clone()));
            match found {
                Some((kind, name)) => open_case(state, kind, id, name, fx),
                // Not loaded (yet): companies are the likelier kind; a 404 says otherwise.
                None => open_case(state, CaseKind::Company, id, format!("case {id}"), fx),
            }
        }
        Command::CaseNumber(number) => {
            // The case list, else the alert inbox (which has the numbers of its cases).
            let found = state
                .cases
                .rows()
                .iter()
                .find(|r| r.number.eq_ignore_ascii_case(&number))
                .map(|r| (r.kind, r.id, r.name.clone()))
                .or_else(|| {
                    state
                        .alerts
                        .rows
                        .iter()
                        .find(|r| {
                            r.case
                                .case_number
                                .as_deref()
                                .is_some_and(|n| n.eq_ignore_ascii_case(&number))
                        })
                        .map(|r| (r.kind, r.id(), r.name()))
                });
            match found {
                Some((kind, id, name)) => open_case(state, kind, id, name, fx),
                None => error(
                    state,
                    format!(
                        "no loaded case has the number {number}: / finds it once the list has it"
                    ),
                ),
            }
        }
        Command::Next => crate::app::queue::step(state, true, fx),
        Command::Prev => crate::app::queue::step(state, false, fx),
        Command::Overview | Command::Steps | Command::Detail | Command::Notes => {
            let pane = match cmd {
                Command::Overview => CasePane::Overview,
                Command::Steps => CasePane::Steps,
                Command::Detail => CasePane::Detail,
                _ => CasePane::Notes,
            };
            match state.case.as_mut() {
                Some(cv) => {
                    cv.focus = pane;
                    show(state, View::Case, fx);
                }
                None => error(state, "no case is open: :case ID or Enter on the list"),
            }
        }
        Command::Org | Command::Ubo(_) | Command::Members | Command::Link { .. } => {
            org::command(state, cmd, fx)
        }
        Command::Search(args) => search::command(state, &args, fx),
        Command::New(what) => create::command(state, false, &what, fx),
        Command::Import(what) => create::command(state, true, &what, fx),
        Command::Props
        | Command::Close(_)
        | Command::Reopen
        | Command::Delete
        | Command::Identity
        | Command::Audit(_) => casework::command(state, cmd, fx),
    }
}
