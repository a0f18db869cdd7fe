//! The AML match review pane: every match of the open case, sorted by score, the selected one
//! side by side with the subject, exclusion as a false positive with a recorded reason, step
//! status, and the match's sources.
//!
//! An exclusion is two mutations: the exclusion, then a note on the step that carries the reason
//! into the audit trail. If the note fails after the exclusion succeeded, its text is kept and
//! `x` on the same match sends it again.

use super::panes::Pane;
use super::request::fetch;
use super::status::say;
use super::*;
use crate::api::{AmlChecks, AmlMatch, CaseKind, StepField, StepStatus};
use crate::app::answers::OnAnswer;
use crate::app::panes::show;
use crate::app::reason::{self, Asking, Reply};
use crate::app::request::cancel;
use crate::app::request::in_flight;
use crate::op;
use crate::op::Operation;
use crossterm::event::KeyEvent;
use keymap::Key;

/// The reasons offered when a match is excluded; "Other…" (free text) follows them
/// (`app::reason`). The first two are the comparison's: the popup marks them when it
/// finds the field in conflict.
pub const REASONS: &[&str] = &[
    "Different date of birth",
    "Different nationality",
    "Different person (name only)",
    "Deceased / record out of date",
];

/// The note recorded on the step when a match is excluded.
pub fn exclusion_note(reason: &str) -> String {
    format!("Excluded as false positive: {reason}")
}

/// One match with the provider that returned it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub provider: &'static str,
    pub m: AmlMatch,
}

/// The pane's state.
#[derive(Debug, Clone)]
pub struct AmlPane {
    pub kind: CaseKind,
    pub case: Id,
    /// All matches of every provider, highest score first.
    pub matches: Remote<Vec<Entry>>,
    pub selected: usize,
    /// The source `o` opens, in the selected match's list.
    pub source: usize,
    pub scroll: u16,
    /// Exclusions sent and not yet answered: step → reason.
    pub excluding: HashMap<Id, String>,
    /// Notes that failed after their exclusion succeeded: step → note text, sent again by `x`.
    pub unsaved_notes: HashMap<Id, String>,
    /// The identity step's fields: what the case details lack of the subject (gender).
    pub identity: Vec<StepField>,
}

impl AmlPane {
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.matches.data.as_ref()?.get(self.selected)
    }

    /// The listed match that is `key`.
    pub fn entry(&self, key: &MatchKey) -> Option<&Entry> {
        self.matches.data.as_ref()?.iter().find(|e| e.key() == *key)
    }

    fn entry_mut(&mut self, key: &MatchKey) -> Option<&mut Entry> {
        self.matches
            .data
            .as_mut()?
            .iter_mut()
            .find(|e| e.key() == *key)
    }

    /// How many listed matches `step` holds: an exclusion covers them all.
    pub fn matches_of_step(&self, step: Id) -> usize {
        self.matches
            .data
            .iter()
            .flatten()
            .filter(|e| e.m.case_step_id == step)
            .count()
    }
}

/// How a match is told apart from the others: by its `matchId`, never by its step (a
/// World-Check step holds several matches). A match that came without a `matchId` is known by
/// its step and name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MatchKey {
    Id(String),
    Step(Id, Option<String>),
}

impl MatchKey {
    pub fn of(m: &AmlMatch) -> MatchKey {
        match m.match_id.as_deref().map(str::trim) {
            Some(id) if !id.is_empty() => MatchKey::Id(id.to_owned()),
            _ => MatchKey::Step(m.case_step_id, m.name.clone()),
        }
    }
}

impl Entry {
    pub fn key(&self) -> MatchKey {
        MatchKey::of(&self.m)
    }
}

/// The matches of every provider in one list, highest score first (then by name and matchId,
/// so the order is stable).
pub fn sorted_entries(checks: &AmlChecks) -> Vec<Entry> {
    let mut out: Vec<Entry> = checks
        .all()
        .map(|(provider, m)| Entry {
            provider,
            m: m.clone(),
        })
        .collect();
    out.sort_by(|a, b| {
        let score = |e: &Entry| e.m.match_score.unwrap_or(-1.0);
        score(b)
            .total_cmp(&score(a))
            .then_with(|| a.m.name.cmp(&b.m.name))
            .then_with(|| a.m.case_step_id.cmp(&b.m.case_step_id))
            .then_with(|| a.m.match_id.cmp(&b.m.match_id))
    });
    out
}

/// A popup of the pane.
#[derive(Debug, Clone)]
pub enum Popup {
    /// Choosing why a match is excluded.
    Reason(Box<Exclusion>),
    /// A URL to copy (over SSH, or when it could not be opened), shown in full.
    Url { url: String, why: String },
}

/// An exclusion waiting for its reason and confirmation, captured when `x` was pressed.
#[derive(Debug, Clone)]
pub struct Exclusion {
    pub case: Id,
    pub step: Id,
    /// The match `x` was pressed on (the comparison's hints are about it).
    pub key: MatchKey,
    /// How many matches the step holds: the API excludes them all, and the popup says so
    /// before anything is sent.
    pub step_matches: usize,
    pub name: String,
    /// The reason (required; nothing chosen at first) and the buttons, Cancel focused: a
    /// reason is picked, then Tab and Enter exclude, as every decision with a reason asks.
    pub ask: Asking,
}

/// Whether a URL should be shown to copy rather than opened: over SSH, `open` would start a
/// browser on the remote host, not in front of the reviewer.
pub fn over_ssh(ssh_connection: Option<&std::ffi::OsStr>) -> bool {
    ssh_connection.is_some_and(|v| !v.is_empty())
}

/// Whether a source URL from the API may be handed to the system opener: only plain http(s)
/// addresses. Anything else (`file:`, custom schemes, hidden characters) could start a program
/// or point somewhere other than it reads.
pub fn openable(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(char::is_whitespace)
        && !crate::sanitize::has_hidden(url)
}

/// Show a URL to copy (over SSH, or when no browser could be opened).
pub fn show_url(state: &mut State, url: String, why: impl Into<String>) {
    state.mode = Mode::Aml(Box::new(Popup::Url {
        url,
        why: why.into(),
    }));
}

// ───────────────────────────── helpers ─────────────────────────────

fn name_of(m: &AmlMatch) -> String {
    m.name.clone().unwrap_or_else(|| "match".to_owned())
}

// ───────────────────────────── actions ─────────────────────────────

/// Open the pane for the open case (`:aml`). When the case view has an AML step selected, that
/// match is selected once the matches arrive.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        say(
            state,
            Tone::Error,
            "no case is open: :case ID or Enter on the list",
        );
        return;
    };
    let (kind, id) = (cv.kind, cv.id);
    pane_for(state, kind, id);
    show(state, View::Aml, fx);
    // The overview's summary may be loading the same matches into this pane: not asked twice.
    if !in_flight(state, Slot::SummaryAml) {
        load(state, fx);
    }
    load_identity(state, fx);
}

/// The pane's state for case `id`: kept when it is that case's, else started afresh. The
/// overview's summary loads the matches into it too, so both read one copy.
pub(crate) fn pane_for(state: &mut State, kind: CaseKind, id: Id) -> &mut AmlPane {
    if state.aml.as_ref().is_some_and(|p| p.case != id) {
        state.aml = None;
    }
    state.aml.get_or_insert_with(|| AmlPane {
        kind,
        case: id,
        matches: Remote::default(),
        selected: 0,
        source: 0,
        scroll: 0,
        excluding: HashMap::new(),
        unsaved_notes: HashMap::new(),
        identity: Vec::new(),
    })
}

/// Ask for the identity step's fields once, when the case's steps name one.
fn load_identity(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(p) = state.aml.as_ref().filter(|p| p.identity.is_empty()) else {
        return;
    };
    let step = state.case.as_ref().and_then(|c| {
        c.steps
            .data
            .as_ref()?
            .iter()
            .flat_map(|g| g.steps.iter())
            .find(|s| s.step_type.as_deref() == Some("Identity"))
            .map(|s| s.case_step_id)
    });
    if let Some(step) = step {
        let id = p.case;
        fetch(
            state,
            Slot::AmlIdentity,
            Request::IdentityFields(op::IdentityFields { id, step }),
            fx,
        );
    }
}

fn load(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(p) = state.aml.as_mut() else {
        return;
    };
    p.matches.start();
    let (kind, id) = (p.kind, p.case);
    fetch(
        state,
        Slot::AmlChecks,
        Request::AmlChecks(op::AmlChecks { kind, id }),
        fx,
    );
}

/// A normal-mode action. Returns whether the pane handled it (the rest fall through to the
/// global handling: quit, help, command line).
/// The AML match review of the open case.
pub struct AmlScreen;

impl Pane for AmlScreen {
    fn context(&self, _: &State) -> Context {
        Context::Aml
    }

    fn crumbs(&self, state: &State) -> Vec<String> {
        let mut out = vec!["Cases".to_owned()];
        if let Some(cv) = &state.case {
            out.push(format!("{} ({})", cv.title, cv.id));
            out.push("AML matches".to_owned());
        }
        out
    }

    /// Counts whatever shows: the matches load on in the background.
    fn is_loading(&self, state: &State) -> bool {
        state.aml.is_some() && in_flight(state, Slot::AmlChecks)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        on_action(state, action, fx)
    }

    /// The matches are of no use elsewhere: their load stops (an exclusion, once sent, does
    /// not).
    fn leave(&self, state: &mut State, _: View, fx: &mut Vec<Effect>) {
        cancel(state, &[Slot::AmlChecks], fx);
    }
}

fn on_action(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
    match action {
        Action::Up | Action::Down | Action::Top | Action::Bottom => move_match(state, action),
        Action::PageDown | Action::PageUp => {
            if let Some(p) = state.aml.as_mut() {
                let page = state.size.1.saturating_sub(10).max(1);
                p.scroll = if action == Action::PageDown {
                    p.scroll.saturating_add(page)
                } else {
                    p.scroll.saturating_sub(page)
                };
            }
        }
        Action::Back => {
            show(state, View::Case, fx);
            land_on_step(state, fx);
        }
        Action::Refresh => {
            load(state, fx);
            say(state, Tone::Info, "refreshing…");
        }
        Action::MarkPassed => set_status(state, StepStatus::Passed, fx),
        Action::MarkFailed => set_status(state, StepStatus::Failed, fx),
        Action::ExcludeMatch => exclude(state, fx),
        Action::NextSource => next_source(state),
        Action::OpenSource => open_source(state, fx),
        _ => return false,
    }
    true
}

/// Back in the case view, select the step of the match that was selected, with its details and
/// notes loading, so the exclusion note is right there.
fn land_on_step(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((id, step, _)) = selected_step(state) else {
        return;
    };
    let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
        return;
    };
    let groups = cv.steps.data.as_deref().unwrap_or_default();
    let Some(pos) = cv.rows.iter().position(|r| match *r {
        TreeRow::Step(g, s) => groups
            .get(g)
            .and_then(|g| g.steps.get(s))
            .is_some_and(|s| s.case_step_id == step),
        TreeRow::Group(_) => false,
    }) else {
        return;
    };
    cv.selected = pos;
    cv.focus = CasePane::Steps;
    if cv.for_step == Some(step) {
        return;
    }
    super::case::request_step(state, id, step, fx);
}

fn move_match(state: &mut State, action: Action) {
    let Some(p) = state.aml.as_mut() else {
        return;
    };
    let len = p.matches.data.as_ref().map_or(0, Vec::len);
    let last = len.saturating_sub(1);
    let next = match action {
        Action::Up => p.selected.saturating_sub(1),
        Action::Down => (p.selected + 1).min(last),
        Action::Top => 0,
        _ => last,
    };
    if next != p.selected {
        p.selected = next;
        p.source = 0;
        p.scroll = 0;
    }
}

fn next_source(state: &mut State) {
    let Some(p) = state.aml.as_mut() else {
        return;
    };
    let n = p.selected_entry().map_or(0, |e| e.m.sources.len());
    if n == 0 {
        say(state, Tone::Info, "this match lists no sources");
        return;
    }
    p.source = (p.source + 1) % n;
    let shown = p.source + 1;
    say(
        state,
        Tone::Info,
        format!("source {shown} of {n}: o opens it"),
    );
}

fn open_source(state: &mut State, fx: &mut Vec<Effect>) {
    let url = state.aml.as_ref().and_then(|p| {
        let e = p.selected_entry()?;
        e.m.sources.get(p.source)?.url.clone()
    });
    match url.filter(|u| !u.trim().is_empty()) {
        Some(url) if !openable(&url) => show_url(
            state,
            url,
            "Not a plain http(s) address, so not opened: check it before copying",
        ),
        Some(url) => {
            say(
                state,
                Tone::Info,
                format!("opening {}", crate::sanitize::clean(&url)),
            );
            if state.session.over_ssh {
                show_url(state, url, "Over SSH: copy this address");
            } else {
                fx.push(Effect::OpenUrl(url));
            }
        }
        None => say(state, Tone::Info, "this match lists no source URL"),
    }
}

/// The selected match's step, with its status in the case's step list when loaded.
fn selected_step(state: &State) -> Option<(Id, Id, String)> {
    let p = state.aml.as_ref()?;
    let e = p.selected_entry()?;
    Some((p.case, e.m.case_step_id, name_of(&e.m)))
}

/// The status of a match's step, from the case's step list.
pub fn step_status(state: &State, step: Id) -> Option<StepStatus> {
    state
        .case
        .as_ref()?
        .steps
        .data
        .as_ref()?
        .iter()
        .flat_map(|g| g.steps.iter())
        .find(|s| s.case_step_id == step)
        .map(|s| s.status.clone())
}

fn set_status(state: &mut State, status: StepStatus, fx: &mut Vec<Effect>) {
    let Some((id, step, name)) = selected_step(state) else {
        say(state, Tone::Info, "no match selected");
        return;
    };
    if state.session.read_only {
        say(
            state,
            Tone::Error,
            "read-only session: step status not changed",
        );
        return;
    }
    let old = step_status(state, step);
    if old.as_ref() == Some(&status) {
        say(
            state,
            Tone::Info,
            format!("{name} is already {}", status.label()),
        );
        return;
    }
    // Optimistic: the step list shows the new status now; the shared answer handling confirms
    // it or rolls it back from `pending`.
    let from = old.clone();
    if let (Some(cv), Some(old)) = (state.case.as_mut().filter(|c| c.id == id), old) {
        cv.pending.entry(step).or_insert(old);
        if let Some(s) = cv.step_mut(step) {
            s.status = status.clone();
        }
    }
    say(
        state,
        Tone::Info,
        format!("marking {name} {}…", status.label()),
    );
    crate::app::gate::send(
        state,
        Request::SetStepStatus(op::SetStepStatus {
            id,
            step,
            status,
            from,
        }),
        fx,
    );
}

fn exclude(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(p) = state.aml.as_ref() else {
        return;
    };
    let Some(e) = p.selected_entry() else {
        say(state, Tone::Info, "no match selected");
        return;
    };
    let (case, step, name, key) = (p.case, e.m.case_step_id, name_of(&e.m), e.key());
    let step_matches = p.matches_of_step(step);
    if state.session.read_only {
        say(state, Tone::Error, "read-only session: exclusion refused");
        return;
    }
    if let Some(text) = p.unsaved_notes.get(&step).cloned() {
        say(state, Tone::Info, "sending the exclusion note again…");
        crate::app::gate::send(
            state,
            Request::ExclusionNote(op::ExclusionNote {
                id: case,
                step,
                text,
            }),
            fx,
        );
        return;
    }
    if p.excluding.contains_key(&step) {
        say(state, Tone::Info, "the exclusion is on its way");
        return;
    }
    if e.m.is_excluded {
        let why = e.m.excluded_reason.clone().unwrap_or_default();
        say(state, Tone::Info, format!("already excluded: {why}"));
        return;
    }
    state.mode = Mode::Aml(Box::new(Popup::Reason(Box::new(Exclusion {
        case,
        step,
        key,
        step_matches,
        name,
        ask: Asking::new(reason::ReasonPicker::new(REASONS, true)),
    }))));
}

fn send_exclusion(state: &mut State, case: Id, step: Id, reason: String, fx: &mut Vec<Effect>) {
    if let Some(p) = state.aml.as_mut() {
        p.excluding.insert(step, reason.clone());
    }
    say(state, Tone::Info, "excluding…");
    crate::app::gate::send(
        state,
        Request::ExcludeAml(op::ExcludeAml {
            id: case,
            step,
            reason,
        }),
        fx,
    );
}

// ───────────────────────────── popup keys ─────────────────────────────

pub fn on_popup_key(state: &mut State, ev: KeyEvent, popup: Popup, fx: &mut Vec<Effect>) {
    match popup {
        // Any key closes the URL popup.
        Popup::Url { .. } => {}
        Popup::Reason(mut e) => match e.ask.on_key(&Key::from_event(&ev)) {
            Reply::Cancel => say(state, Tone::Info, "exclusion cancelled: nothing was sent"),
            Reply::Confirm(Some(reason)) => send_exclusion(state, e.case, e.step, reason, fx),
            // The reason is required, so the picker never confirms without one.
            Reply::Confirm(None) | Reply::Stay => {
                state.mode = Mode::Aml(Box::new(Popup::Reason(e)))
            }
        },
    }
}

/// Pasted text goes into the free-text reason.
pub fn on_paste(popup: &mut Popup, text: &str) {
    if let Popup::Reason(e) = popup {
        e.ask.reason.paste(text);
    }
}

mod answers;

#[cfg(test)]
mod tests;
