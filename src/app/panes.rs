//! The pane interface and its registry: the one place that says which pane shows for a
//! [`View`], so "who handles key x in pane y" has one answer: the top [`Mode`] layer if any
//! (`modes`), else `pane(state.view).on_action`, else the global actions (`update`).
//!
//! A pane is `app/<pane>` (its state, keys and answers) plus `ui/<pane>` (its drawing). What a
//! pane does for the rest of the console is [`Pane`]; its answers are `OnAnswer` impls for its
//! operations (`app::answers`), reached through one exhaustive table with no wildcard.
//!
//! # Adding a pane
//! 1. `src/app/<pane>.rs` (or a folder): its state, one unit struct implementing [`Pane`], and
//!    `impl OnAnswer` for each operation it sends (`crate::op`; add the operation there first
//!    if it is new, and its name to the table in `app::answers`: the compiler asks for both).
//!    Start requests with `request::fetch` and changes with `gate::send`; speak with `status`.
//! 2. `src/app/mod.rs`: the `mod` line, a [`View`] variant, and its state field in [`State`]
//!    (plus `State::new`).
//! 3. Here: its arm in [`pane`] and its view in [`View::ALL`].
//! 4. `src/app/keymap.rs`: a [`Context`] (with its title) and its bindings; footer and `?` help
//!    follow from them.
//! 5. `src/app/command.rs`: its `:command` in `COMMANDS` and `parse`, and in `command/run.rs`
//!    the line that opens it.
//! 6. `src/ui/<pane>.rs` and its arm in `ui::draw` (the match is exhaustive).

use super::{Action, Context, Effect, Mode, State, View};

/// What every pane does for the console. Methods take the whole state because panes read what
/// they share (the open case, the session); each touches only its own part.
pub trait Pane: Sync {
    /// The keymap context while it shows: picks its bindings, and so its footer and `?` help.
    fn context(&self, state: &State) -> Context;

    /// Where the user is, for the header.
    fn crumbs(&self, state: &State) -> Vec<String>;

    /// Whether it waits for something it asked for (the spinner ticks only then). Derived from
    /// its slots in flight (`request::in_flight`) where the pane keeps no partial data.
    fn is_loading(&self, state: &State) -> bool;

    /// A normal-mode action while it shows; `false` leaves the action to the global ones.
    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool;
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
    }
}

impl View {
    /// Every view, for what asks all panes (is anything loading?).
    pub const ALL: [View; 9] = [
        View::Cases,
        View::Case,
        View::Org,
        View::Aml,
        View::Alerts,
        View::Journal,
        View::Search,
        View::CaseWork,
        View::Docs,
    ];
}

/// Whether anything is loading: any pane, or a popup waiting for its answer.
pub fn is_loading(state: &State) -> bool {
    View::ALL.iter().any(|v| pane(*v).is_loading(state))
        || matches!(&state.mode, Mode::Edit(e) if e.saving)
        || matches!(&state.mode, Mode::Create(p) if p.form.sending)
}
