//! Case work beyond the review, on the open case: its properties, its identity, closing,
//! reopening and deleting it, and its audit trail.
//!
//! The properties and the audit trail are two tabs of one view (`View::CaseWork`); the inputs
//! (a property being written, the decision to close with, the id typed back to delete, the
//! audit filter being typed) are one input mode (`Mode::Work`). Every change goes through the
//! fetch layer's mutation gate like the rest of the console; the keys refuse at once, with the
//! reason, in a read-only session.

pub mod audit;
pub mod identity;
pub mod lifecycle;
pub mod props;
pub mod still_open;

use super::case::the_open_case;
use super::command::Command;
use super::panes::Pane;
use super::request::fetch;
use super::status::{error, info};
use super::*;
use crate::api::{CaseKind, Property};
use crate::app::answers::OnAnswer;
use crate::app::panes::show;
use crate::app::request::any_in_flight;
use crate::app::request::cancel;
use crate::op;
use crate::op::Operation;

use crossterm::event::KeyEvent;
use keymap::Key;

/// The tabs of the case-work view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Properties,
    Audit,
}

impl Tab {
    pub fn title(self) -> &'static str {
        match self {
            Tab::Properties => "Properties",
            Tab::Audit => "Audit trail",
        }
    }
}

/// The case-work state: for one case at a time (`case`), kept while the user goes back to the
/// case view and comes again.
#[derive(Debug, Clone, Default)]
pub struct WorkState {
    /// The case the tabs show: kind, id and name.
    pub case: Option<(CaseKind, Id, String)>,
    pub tab: Tab,
    pub props: props::PropsTab,
    pub audit: audit::AuditTab,
}

/// What is being typed or chosen in `Mode::Work`.
#[derive(Debug, Clone)]
pub enum Input {
    /// The audit filter, narrowing the trail as it is typed.
    AuditFilter,
    /// A property being added or changed.
    Property(props::PropertyInput),
    /// The decision a case is closed with.
    Decision(lifecycle::DecisionPicker),
    /// The case id typed back before a delete.
    DeleteCase(lifecycle::DeleteInput),
    /// The identity form.
    Identity(Box<identity::IdentityForm>),
}

/// The keymap context of the view.
pub fn context(state: &State) -> Context {
    match state.work.tab {
        Tab::Properties => Context::Properties,
        Tab::Audit => Context::Audit,
    }
}

/// Breadcrumbs while the view shows.
pub fn crumbs(state: &State) -> Option<Vec<String>> {
    if state.view != View::CaseWork {
        return None;
    }
    let (_, id, name) = state.work.case.as_ref()?;
    Some(vec![
        "Cases".to_owned(),
        format!("{name} ({id})"),
        state.work.tab.title().to_owned(),
    ])
}

pub fn is_loading(state: &State) -> bool {
    state.view == View::CaseWork && any_in_flight(state, &[Slot::Properties, Slot::AuditTrail])
}

/// Refuse a change in a read-only session, saying so. `true`: refused.
fn refuse_read_only(state: &mut State, what: &str) -> bool {
    if state.session.read_only {
        error(state, format!("read-only session: {what}"));
    }
    state.session.read_only
}

/// Show a tab of the view for the open case, loading what it shows.
pub fn open(state: &mut State, tab: Tab, fx: &mut Vec<Effect>) {
    let Some((kind, id, name)) = the_open_case(state) else {
        return;
    };
    if state.work.case.as_ref().map(|(_, i, _)| *i) != Some(id) {
        // Another case: its tabs start afresh; the data types learnt stay for the session.
        let known = std::mem::take(&mut state.work.props.known_types);
        state.work = WorkState::default();
        state.work.props.known_types = known;
    }
    // The company's registry properties name data types too.
    let labels: Vec<String> = state
        .case
        .as_ref()
        .and_then(|c| c.detail.data.as_ref())
        .and_then(|d| d.company.as_ref())
        .map(|co| co.properties.keys().cloned().collect())
        .unwrap_or_default();
    state.work.props.known_types.extend(labels);
    state.work.case = Some((kind, id, name));
    state.work.tab = tab;
    show(state, View::CaseWork, fx);
    load(state, tab, fx);
}

fn load(state: &mut State, tab: Tab, fx: &mut Vec<Effect>) {
    let Some((kind, id, _)) = state.work.case.clone() else {
        return;
    };
    match tab {
        Tab::Properties => {
            state.work.props.list.start();
            fetch(
                state,
                Slot::Properties,
                Request::Properties(op::Properties { kind, id }),
                fx,
            );
        }
        Tab::Audit => {
            state.work.audit.list.start();
            fetch(
                state,
                Slot::AuditTrail,
                Request::AuditTrail(op::AuditTrail { kind, id }),
                fx,
            );
        }
    }
}

/// A `:` command of this feature.
pub fn command(state: &mut State, cmd: Command, fx: &mut Vec<Effect>) {
    match cmd {
        Command::Props => open(state, Tab::Properties, fx),
        Command::Audit(filter) => {
            open(state, Tab::Audit, fx);
            if let Some(text) = filter {
                state.work.audit.set_filter(text);
            }
        }
        Command::Close(decision) => lifecycle::close(state, decision),
        Command::Reopen => lifecycle::reopen(state),
        Command::Delete => lifecycle::delete(state),
        Command::Identity => identity::open(state),
        _ => {}
    }
}

/// A normal-mode action while the view shows. Returns whether it was taken.
fn on_action(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
    match action {
        Action::Back => {
            let to = if state.case.is_some() {
                View::Case
            } else {
                View::Cases
            };
            show(state, to, fx);
        }
        Action::NextPane | Action::PrevPane => {
            let tab = match state.work.tab {
                Tab::Properties => Tab::Audit,
                Tab::Audit => Tab::Properties,
            };
            state.work.tab = tab;
            // Reloaded on every switch: a change made on one tab shows in the other (the
            // trail gains a line); what was loaded stays on screen meanwhile.
            load(state, tab, fx);
        }
        Action::Refresh => {
            let tab = state.work.tab;
            load(state, tab, fx);
            info(state, "refreshing…");
        }
        a if a.is_move() => {
            let page = usize::from(state.size.1.saturating_sub(10)).max(1);
            match state.work.tab {
                Tab::Properties => state.work.props.move_selection(action, page),
                Tab::Audit => state.work.audit.move_selection(action, page),
            }
        }
        Action::Filter if state.work.tab == Tab::Audit => {
            state.mode = Mode::Work(Box::new(Input::AuditFilter));
        }
        Action::AddProperty => props::start_add(state),
        Action::EditProperty | Action::Open if state.work.tab == Tab::Properties => {
            props::start_edit(state);
        }
        Action::RemoveProperty => props::ask_remove(state),
        _ => return false,
    }
    true
}

/// A key while something is typed or chosen.
pub fn on_input_key(state: &mut State, ev: KeyEvent, input: Input, fx: &mut Vec<Effect>) {
    let key = Key::from_event(&ev);
    match input {
        Input::AuditFilter => audit::on_filter_key(state, key),
        Input::Property(p) => props::on_input_key(state, key, p, fx),
        Input::Decision(d) => lifecycle::on_decision_key(state, key, d),
        Input::DeleteCase(d) => lifecycle::on_delete_key(state, key, d, fx),
        Input::Identity(f) => identity::on_key(state, ev, f, fx),
    }
}

/// Pasted text goes into what is being typed, on one line.
pub fn on_paste(state: &mut State, text: &str) {
    let Mode::Work(input) = &mut state.mode else {
        return;
    };
    if let Input::Identity(f) = input.as_mut() {
        f.form.on_paste(text);
        return;
    }
    let text = text.replace(['\n', '\r'], " ");
    match input.as_mut() {
        Input::AuditFilter => {
            let mut filter = state.work.audit.filter.clone();
            filter.push_str(&text);
            state.work.audit.set_filter(filter);
        }
        Input::Property(p) => p.field_mut().push_str(&text),
        Input::DeleteCase(d) => d.typed.push_str(&text),
        Input::Decision(_) | Input::Identity(_) => {}
    }
}

/// A confirmation of this feature was given.
pub fn on_confirmed(state: &mut State, action: Confirmed, fx: &mut Vec<Effect>) {
    match action {
        Confirmed::CloseCase { kind, id, decision } => {
            lifecycle::send_close(state, kind, id, decision, fx)
        }
        Confirmed::ReopenCase { kind, id } => lifecycle::send_reopen(state, kind, id, fx),
        Confirmed::RemoveProperty {
            kind,
            id,
            data_type,
        } => props::send_remove(state, kind, id, data_type, fx),
        _ => {}
    }
}

impl OnAnswer for op::Properties {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Properties { id, .. } = self;

        props::on_loaded(state, id, result)
    }
}

impl OnAnswer for op::SetProperty {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::SetProperty { id, property, .. } = self;

        props::on_set(state, id, property, result)
    }
}

impl OnAnswer for op::RemoveProperty {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::RemoveProperty { id, data_type, .. } = self;

        props::on_removed(state, id, data_type, result)
    }
}

impl OnAnswer for op::AuditTrail {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::AuditTrail { id, .. } = self;

        audit::on_loaded(state, id, result)
    }
}

impl OnAnswer for op::SetCaseStatus {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::SetCaseStatus { id, request, .. } = self;

        lifecycle::on_status(state, id, request, result, fx)
    }
}

impl OnAnswer for op::DeleteCase {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::DeleteCase { id, .. } = self;

        lifecycle::on_deleted(state, id, result, fx)
    }
}

impl OnAnswer for op::UpdateIdentity {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::UpdateIdentity { id, .. } = self;

        identity::on_done(state, id, result, fx)
    }
}
/// The open case's properties and audit trail.
pub struct WorkScreen;

impl Pane for WorkScreen {
    fn context(&self, state: &State) -> Context {
        context(state)
    }

    fn crumbs(&self, state: &State) -> Vec<String> {
        crumbs(state).unwrap_or_else(|| vec!["Cases".to_owned()])
    }

    fn is_loading(&self, state: &State) -> bool {
        is_loading(state)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        on_action(state, action, fx)
    }

    /// The properties and audit trail are of no use elsewhere: their loads stop.
    fn leave(&self, state: &mut State, _: View, fx: &mut Vec<Effect>) {
        cancel(state, &[Slot::Properties, Slot::AuditTrail], fx);
    }
}
