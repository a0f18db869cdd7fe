//! The pane interface and its registry: the one place that says which pane shows for a
//! [`View`], so "who handles key x in pane y" has one answer: the top [`Mode`] layer if any
//! (`modes`), else `pane(state.view).on_action`, else the global actions (`update`).
//!
//! A pane is `app/<pane>` (its state, keys and answers) plus `ui/<pane>` (its drawing). What a
//! pane does for the rest of the console is [`Pane`]; its answers are `OnAnswer` impls for its
//! operations (`app::answers`), reached through one exhaustive table with no wildcard.
//!
//! # Adding a pane
//! (`:version` and `:messages` were added this way: `app/version.rs`, `ui/version.rs`,
//! `app/messages.rs`, `ui/messages.rs`.)
//! 1. The operation, if it is new: its struct and `Operation` impl in `crate::op`, and its name
//!    in the `reads` or `changes` list there.
//! 2. `src/app/<pane>.rs` (or a folder): its state, a unit struct implementing [`Pane`], and an
//!    `OnAnswer` impl for each operation it sends. Start requests with `request::fetch`,
//!    changes with `gate::send`; speak with `status`.
//! 3. `src/app/answers.rs`: the operation's name in the `route!` table (the match it builds is
//!    exhaustive, so the compiler asks for it).
//! 4. `src/app/request.rs`: a `Slot` for its requests (latest wins per slot).
//! 5. `src/app/mod.rs`: the `mod` line, a [`View`] variant, its state field in [`State`] and
//!    in `State::new`.
//! 6. Here: its arm in [`pane`] (exhaustive) and its view in [`View::ALL`]. Views change only
//!    through [`show`], which asks the pane being left what to stop (`Pane::leave`).
//! 7. `src/app/keymap.rs`: a [`Context`] and its title (and bindings of its own, if any: footer
//!    and `?` help follow from them; the global ones, Esc and `r`, reach `on_action`).
//! 8. `src/app/command.rs`: its `:command` in `COMMANDS`, `Command` and `parse`; and in
//!    `command/run.rs` the line that opens it.
//! 9. `src/ui/<pane>.rs`, its `mod` line and its arm in `ui::draw` (exhaustive).

use super::{Action, Context, Effect, Mode, State, View};

/// What every pane does for the console. Methods take the whole state because panes read what
/// they share (the open case, the session); each touches only its own part.
pub trait Pane: Sync {
    /// The keymap context while it shows: picks its bindings, and so its footer and `?` help.
    fn context(&self, state: &State) -> Context;

    /// Where the user is, for the header.
    fn crumbs(&self, state: &State) -> Vec<String>;

    /// Whether it waits for something it asked for (the spinner ticks only then): derived from
    /// its slots with a request in flight (`request::in_flight`), the one record of loading.
    fn is_loading(&self, state: &State) -> bool;

    /// Whether an action bound in its context does anything in the view on screen. A pane
    /// whose views share one context (the org chart, owners and members) says which keys the
    /// view takes; the footer shows only those, so it never offers a key that does nothing.
    fn takes(&self, _state: &State, _action: Action) -> bool {
        true
    }

    /// A normal-mode action while it shows; `false` leaves the action to the global ones.
    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool;

    /// It is left for view `to`: stop what it still loads that is of no use elsewhere (and
    /// clear the loading flags of what it stopped). Called by [`show`] only.
    fn leave(&self, state: &mut State, to: View, fx: &mut Vec<Effect>);
}

/// Show view `to`; the pane on screen is left first (its loads stop where it says so).
pub fn show(state: &mut State, to: View, fx: &mut Vec<Effect>) {
    if state.view != to {
        pane(state.view).leave(state, to, fx);
        state.view = to;
    }
}

/// The registry: the pane of each view.
pub fn pane(view: View) -> &'static dyn Pane {
    match view {
        View::Cases => &super::cases::pane::CasesScreen,
        View::Case => &super::case::CaseScreen,
        View::Org => &super::org::OrgScreen,
        View::Aml => &super::aml::AmlScreen,
        View::Alerts => &super::alerts::AlertsScreen,
        View::Journal => &super::journal::JournalScreen,
        View::Search => &super::search::SearchScreen,
        View::CaseWork => &super::casework::WorkScreen,
        View::Docs => &super::docs::DocsScreen,
        View::Version => &super::version::VersionScreen,
        View::Messages => &super::messages::MessagesScreen,
    }
}

impl View {
    /// Whether the view shows the open case (its badges belong there and nowhere else).
    pub fn shows_open_case(self) -> bool {
        match self {
            View::Case | View::Org | View::Aml | View::CaseWork | View::Docs => true,
            View::Cases
            | View::Alerts
            | View::Journal
            | View::Search
            | View::Version
            | View::Messages => false,
        }
    }

    /// Every view, for what asks all panes (is anything loading?).
    pub const ALL: [View; 11] = [
        View::Cases,
        View::Case,
        View::Org,
        View::Aml,
        View::Alerts,
        View::Journal,
        View::Search,
        View::CaseWork,
        View::Docs,
        View::Version,
        View::Messages,
    ];
}

/// Whether anything is loading: any pane, or a popup waiting for its answer.
pub fn is_loading(state: &State) -> bool {
    View::ALL.iter().any(|v| pane(*v).is_loading(state))
        || matches!(&state.mode, Mode::Edit(e) if e.saving)
        || matches!(&state.mode, Mode::Create(p) if p.form.sending)
}
