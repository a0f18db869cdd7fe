//! The keymap as data: one table drives dispatch, the footer hints and the `?` help.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. `Global` bindings work everywhere in normal mode unless a more
/// specific context binds the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Cases,
    Overview,
    Steps,
    Detail,
    Notes,
    Org,
    Aml,
    /// The alert inbox's case list.
    Inbox,
    /// The alerts of the inbox's selected case.
    Alerts,
    /// The journal of changes sent.
    Journal,
    /// The registry search results.
    Search,
    /// The open case's properties.
    Properties,
    /// The open case's audit trail.
    Audit,
    /// The open case's documents.
    Docs,
    /// The API version (`:version`).
    Version,
    /// The message log (`:messages`).
    Messages,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Cases => "Case list",
            Context::Overview => "Case overview",
            Context::Steps => "Step tree",
            Context::Detail => "Step details",
            Context::Notes => "Step notes",
            Context::Org => "Org chart, owners, members",
            Context::Aml => "AML matches",
            Context::Inbox => "Alert inbox",
            Context::Alerts => "Case alerts",
            Context::Journal => "Journal",
            Context::Search => "Registry search",
            Context::Properties => "Case properties",
            Context::Audit => "Audit trail",
            Context::Docs => "Documents",
            Context::Version => "API version",
            Context::Messages => "Message log",
        }
    }
}

/// Everything a key can do in normal mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    NextPane,
    PrevPane,
    Refresh,
    Filter,
    Command,
    Help,
    SortNext,
    SortReverse,
    MarkPassed,
    MarkFailed,
    MarkNotReviewed,
    Activate,
    ToggleGroup,
    NewNote,
    DeleteNote,
    /// The open case's org chart (`:org`).
    GoOrg,
    /// The open case's AML matches (`:aml`).
    GoAml,
    CopyId,
    CopyName,
    ExpandAll,
    CollapseAll,
    ScrollLeft,
    ScrollRight,
    FindNext,
    ExcludeMatch,
    OpenSource,
    NextSource,
    Alerts,
    AlertApply,
    AlertExclude,
    AlertDismiss,
    MarkAlert,
    MarkAllAlerts,
    ClearMarks,
    AlertTypeTab,
    ReviewDate,
    AssignUser,
    ScrollChangesDown,
    ScrollChangesUp,
    NewSearch,
    CancelSearch,
    NewCompany,
    /// The open case's properties (`:props`).
    GoProperties,
    /// The open case's audit trail (`:audit`).
    GoAudit,
    AddProperty,
    EditProperty,
    RemoveProperty,
    /// The open case's identity form (`:identity`).
    EditIdentity,
    /// The open case's documents (`:docs`).
    GoDocs,
    Download,
    Report,
    Upload,
    Prevalidate,
    RequestDocs,
    /// The next case of the list the open case came from (`:next`).
    NextCase,
    /// The previous case of that list (`:prev`).
    PrevCase,
    /// Open the inbox's selected case; `]` and `[` then follow the inbox.
    OpenCase,
}

impl Action {
    /// Whether the action changes something on the server, or opens the form, editor or
    /// question that would: the door read-only mode refuses at once (`door`), and what the
    /// footer and help show as off. No wildcard: a new action does not compile until it is
    /// placed on one side. An action that changes only in some places (Enter on a registry
    /// hit with no case creates one; on a missing document it uploads) reads here; the form
    /// it would open is refused at the same door (`door::opens_a_change`).
    pub fn changes(self) -> bool {
        match self {
            Action::MarkPassed
            | Action::MarkFailed
            | Action::MarkNotReviewed
            | Action::Activate
            | Action::NewNote
            | Action::DeleteNote
            | Action::ExcludeMatch
            | Action::AlertApply
            | Action::AlertExclude
            | Action::AlertDismiss
            | Action::ReviewDate
            | Action::AssignUser
            | Action::NewCompany
            | Action::AddProperty
            | Action::EditProperty
            | Action::RemoveProperty
            | Action::EditIdentity
            | Action::Upload
            | Action::RequestDocs => true,
            Action::Quit
            | Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::Open
            | Action::Back
            | Action::NextPane
            | Action::PrevPane
            | Action::Refresh
            | Action::Filter
            | Action::Command
            | Action::Help
            | Action::SortNext
            | Action::SortReverse
            | Action::ToggleGroup
            | Action::GoOrg
            | Action::GoAml
            | Action::CopyId
            | Action::CopyName
            | Action::ExpandAll
            | Action::CollapseAll
            | Action::ScrollLeft
            | Action::ScrollRight
            | Action::FindNext
            | Action::OpenSource
            | Action::NextSource
            | Action::Alerts
            | Action::MarkAlert
            | Action::MarkAllAlerts
            | Action::ClearMarks
            | Action::AlertTypeTab
            | Action::ScrollChangesDown
            | Action::ScrollChangesUp
            | Action::NewSearch
            | Action::CancelSearch
            | Action::GoProperties
            | Action::GoAudit
            | Action::GoDocs
            | Action::Download
            | Action::Report
            | Action::Prevalidate
            | Action::NextCase
            | Action::PrevCase
            | Action::OpenCase => false,
        }
    }

    /// What the action does, for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Quit => "quit",
            Action::Up => "move up",
            Action::Down => "move down",
            Action::Top => "go to the first row",
            Action::Bottom => "go to the last row",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::Open => "open",
            Action::Back => "back",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Refresh => "refresh / retry",
            Action::Filter => "filter as you type",
            Action::Command => "command line",
            Action::Help => "help",
            Action::SortNext => "sort by the next column",
            Action::SortReverse => "reverse the sort",
            Action::MarkPassed => "mark step Passed",
            Action::MarkFailed => "mark step Failed",
            Action::MarkNotReviewed => "mark step Not reviewed",
            Action::Activate => "activate a deactivated step",
            Action::ToggleGroup => "collapse / expand group",
            Action::NewNote => "write a note",
            Action::DeleteNote => "delete the note",
            Action::GoOrg => "the case's org chart (:org)",
            Action::GoAml => "the case's AML matches (:aml)",
            Action::CopyId => "copy the case id (OSC 52)",
            Action::CopyName => "copy the case name (OSC 52)",
            Action::ExpandAll => "expand every node",
            Action::CollapseAll => "collapse every node",
            Action::ScrollLeft => "scroll left",
            Action::ScrollRight => "scroll right",
            Action::FindNext => "find the next match",
            Action::ExcludeMatch => "exclude the match as a false positive (asks why)",
            Action::OpenSource => "open the selected source URL (shown to copy over SSH)",
            Action::NextSource => "select the next source",
            Action::Alerts => "the live-monitoring alert inbox",
            Action::AlertApply => "apply the alert (or the marked ones)",
            Action::AlertExclude => "exclude the alert (or the marked ones)",
            Action::AlertDismiss => "dismiss the alert (or the marked ones)",
            Action::MarkAlert => "mark / unmark the alert",
            Action::MarkAllAlerts => "mark / unmark all alerts of the case",
            Action::ClearMarks => "clear every mark",
            Action::AlertTypeTab => "next alert-type tab",
            Action::ReviewDate => "set the case's review date",
            Action::AssignUser => "assign the case to a user",
            Action::ScrollChangesDown => "scroll the alert's changes down",
            Action::ScrollChangesUp => "scroll the alert's changes up",
            Action::NewSearch => "search a company registry, then create a case (:search)",
            Action::CancelSearch => "cancel the running search",
            Action::NewCompany => "create the company case by hand (:new company)",
            Action::GoProperties => "the case's properties (:props)",
            Action::GoAudit => "the case's audit trail (:audit)",
            Action::AddProperty => "add a property (existing or new data type)",
            Action::EditProperty => "change the selected property's value",
            Action::RemoveProperty => "remove the selected property (asks first)",
            Action::EditIdentity => "change the case's identity (:identity)",
            Action::GoDocs => "the case's documents (:docs)",
            Action::Download => "download the document (a missing one: upload it)",
            Action::Report => "download the case report (:report)",
            Action::Upload => "upload a file to the case (:upload)",
            Action::Prevalidate => "pre-validate an individual's document (:prevalidate)",
            Action::RequestDocs => "request documents by e-mail or phone (:request)",
            Action::NextCase => "the next case of the list, same pane (:next)",
            Action::PrevCase => "the previous case of the list, same pane (:prev)",
            Action::OpenCase => "open the case (] and [ then follow the inbox)",
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The key of an event, with Shift folded into the character (`G`, not `Shift-G`).
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods = ev.modifiers;
        // Shift is part of the character (`G`) or of the key itself (BackTab), never a modifier
        // a binding has to name.
        if matches!(ev.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key {
            code: ev.code,
            mods,
        }
    }

    /// How the key is written in hints and help.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "S-Tab".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Backspace => "Bksp".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Insert => "Ins".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            _ => "?".to_owned(),
        };
        let base = if self.mods.contains(KeyModifiers::ALT) {
            format!("Alt-{base}")
        } else {
            base
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    /// The short word in the footer; `None` keeps the binding out of the footer.
    pub hint: Option<&'static str>,
}

const fn b(context: Context, key: Key, action: Action, hint: Option<&'static str>) -> Binding {
    Binding {
        context,
        key,
        action,
        hint,
    }
}

use Action as A;
use Context as C;

/// The default bindings, in the order help and footer show them.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    b(C::Global, Key::ch('q'), A::Quit, Some("quit")),
    b(C::Global, Key::ctrl('c'), A::Quit, None),
    b(C::Global, Key::ch('?'), A::Help, Some("help")),
    b(C::Global, Key::ch(':'), A::Command, Some("cmd")),
    b(C::Global, Key::ch('k'), A::Up, None),
    b(C::Global, Key::plain(KeyCode::Up), A::Up, None),
    b(C::Global, Key::ch('j'), A::Down, None),
    b(C::Global, Key::plain(KeyCode::Down), A::Down, None),
    b(C::Global, Key::ch('g'), A::Top, None),
    b(C::Global, Key::plain(KeyCode::Home), A::Top, None),
    b(C::Global, Key::ch('G'), A::Bottom, None),
    b(C::Global, Key::plain(KeyCode::End), A::Bottom, None),
    b(C::Global, Key::plain(KeyCode::PageUp), A::PageUp, None),
    b(C::Global, Key::ctrl('b'), A::PageUp, None),
    b(C::Global, Key::plain(KeyCode::PageDown), A::PageDown, None),
    b(C::Global, Key::ctrl('f'), A::PageDown, None),
    b(C::Global, Key::plain(KeyCode::Enter), A::Open, None),
    b(C::Global, Key::ch('l'), A::Open, None),
    b(C::Global, Key::plain(KeyCode::Esc), A::Back, None),
    b(C::Global, Key::ch('h'), A::Back, None),
    b(C::Global, Key::plain(KeyCode::Tab), A::NextPane, None),
    b(C::Global, Key::plain(KeyCode::BackTab), A::PrevPane, None),
    b(C::Global, Key::ch('r'), A::Refresh, Some("refresh")),
    b(C::Global, Key::ch('y'), A::CopyId, None),
    b(C::Global, Key::ch('Y'), A::CopyName, None),
    // The queue: the footer shows them where a case is open (`ui::chrome`).
    b(C::Global, Key::ch(']'), A::NextCase, None),
    b(C::Global, Key::ch('['), A::PrevCase, None),
    b(C::Cases, Key::plain(KeyCode::Enter), A::Open, Some("open")),
    b(C::Cases, Key::ch('/'), A::Filter, Some("filter")),
    b(C::Cases, Key::ch('s'), A::SortNext, Some("sort")),
    b(C::Cases, Key::ch('S'), A::SortReverse, None),
    b(
        C::Overview,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("pane"),
    ),
    b(C::Overview, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Steps, Key::ch('p'), A::MarkPassed, Some("pass")),
    b(C::Steps, Key::ch('f'), A::MarkFailed, Some("fail")),
    b(C::Steps, Key::ch('u'), A::MarkNotReviewed, Some("unreview")),
    b(C::Steps, Key::ch('a'), A::Activate, Some("activate")),
    b(C::Steps, Key::ch('n'), A::NewNote, Some("note")),
    b(C::Steps, Key::ch(' '), A::ToggleGroup, None),
    b(
        C::Steps,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("pane"),
    ),
    b(C::Steps, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Detail, Key::ch('p'), A::MarkPassed, Some("pass")),
    b(C::Detail, Key::ch('f'), A::MarkFailed, Some("fail")),
    b(C::Detail, Key::ch('n'), A::NewNote, Some("note")),
    b(
        C::Detail,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("pane"),
    ),
    b(C::Detail, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Notes, Key::ch('n'), A::NewNote, Some("new")),
    b(C::Notes, Key::plain(KeyCode::Enter), A::Open, Some("read")),
    b(C::Notes, Key::ch('d'), A::DeleteNote, Some("delete")),
    b(
        C::Notes,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("pane"),
    ),
    b(C::Notes, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Overview, Key::ch('o'), A::GoOrg, None),
    b(C::Overview, Key::ch('m'), A::GoAml, None),
    b(C::Steps, Key::ch('o'), A::GoOrg, None),
    b(C::Steps, Key::ch('m'), A::GoAml, None),
    b(C::Detail, Key::ch('o'), A::GoOrg, None),
    b(C::Detail, Key::ch('m'), A::GoAml, None),
    b(C::Notes, Key::ch('o'), A::GoOrg, None),
    b(C::Notes, Key::ch('m'), A::GoAml, None),
    b(
        C::Org,
        Key::plain(KeyCode::Enter),
        A::Open,
        Some("open case"),
    ),
    b(C::Org, Key::ch(' '), A::ToggleGroup, Some("fold")),
    b(C::Org, Key::ch('+'), A::ExpandAll, Some("all")),
    b(C::Org, Key::ch('-'), A::CollapseAll, None),
    b(C::Org, Key::plain(KeyCode::Left), A::ScrollLeft, None),
    b(C::Org, Key::plain(KeyCode::Right), A::ScrollRight, None),
    b(C::Org, Key::ch('/'), A::Filter, Some("find")),
    b(C::Org, Key::ch('n'), A::FindNext, None),
    b(C::Org, Key::ch('a'), A::Activate, None),
    b(C::Org, Key::plain(KeyCode::Tab), A::NextPane, Some("view")),
    b(C::Org, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Aml, Key::ch('j'), A::Down, Some("next")),
    b(C::Aml, Key::plain(KeyCode::Down), A::Down, None),
    b(C::Aml, Key::ch('k'), A::Up, Some("prev")),
    b(C::Aml, Key::plain(KeyCode::Up), A::Up, None),
    b(C::Aml, Key::ch('x'), A::ExcludeMatch, Some("exclude")),
    b(C::Aml, Key::ch('p'), A::MarkPassed, Some("pass")),
    b(C::Aml, Key::ch('f'), A::MarkFailed, Some("fail")),
    b(C::Aml, Key::ch('o'), A::OpenSource, Some("open src")),
    b(C::Aml, Key::ch('s'), A::NextSource, Some("next src")),
    b(C::Aml, Key::plain(KeyCode::PageDown), A::PageDown, None),
    b(C::Aml, Key::plain(KeyCode::PageUp), A::PageUp, None),
    b(C::Aml, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    // The live-monitoring alert inbox.
    b(C::Global, Key::ch('!'), A::Alerts, None),
    b(
        C::Inbox,
        Key::plain(KeyCode::Enter),
        A::Open,
        Some("alerts"),
    ),
    b(C::Inbox, Key::ch('o'), A::OpenCase, Some("case")),
    b(C::Inbox, Key::ch('t'), A::AlertTypeTab, Some("type")),
    b(C::Inbox, Key::ch('/'), A::Filter, Some("filter")),
    b(C::Inbox, Key::ch('s'), A::SortNext, Some("sort")),
    b(C::Inbox, Key::ch('R'), A::ReviewDate, Some("review")),
    b(C::Inbox, Key::ch('A'), A::AssignUser, Some("assign")),
    b(C::Inbox, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    b(C::Alerts, Key::ch('o'), A::OpenCase, None),
    b(C::Alerts, Key::ch('a'), A::AlertApply, Some("apply")),
    b(C::Alerts, Key::ch('x'), A::AlertExclude, Some("exclude")),
    b(C::Alerts, Key::ch('d'), A::AlertDismiss, Some("dismiss")),
    b(C::Alerts, Key::ch(' '), A::MarkAlert, Some("mark")),
    b(C::Alerts, Key::ch('*'), A::MarkAllAlerts, None),
    b(C::Alerts, Key::ch('U'), A::ClearMarks, None),
    b(
        C::Alerts,
        Key::plain(KeyCode::PageDown),
        A::ScrollChangesDown,
        Some("changes"),
    ),
    b(
        C::Alerts,
        Key::plain(KeyCode::PageUp),
        A::ScrollChangesUp,
        None,
    ),
    b(C::Alerts, Key::ch('R'), A::ReviewDate, Some("review")),
    b(C::Alerts, Key::ch('A'), A::AssignUser, Some("assign")),
    b(C::Alerts, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    // The journal of changes sent (`:journal`).
    b(C::Journal, Key::ch('r'), A::Refresh, Some("refresh")),
    b(C::Journal, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    // The registry search and case creation.
    // No footer hint: the case list's footer is full; help and the README list it.
    b(C::Cases, Key::ch('c'), A::NewSearch, None),
    b(
        C::Search,
        Key::plain(KeyCode::Enter),
        A::Open,
        Some("create/open"),
    ),
    b(C::Search, Key::ch('s'), A::NewSearch, Some("new search")),
    b(C::Search, Key::ch('x'), A::CancelSearch, Some("cancel")),
    b(C::Search, Key::ch('n'), A::NewCompany, Some("by hand")),
    b(
        C::Search,
        Key::plain(KeyCode::Esc),
        A::Back,
        Some("cancel/back"),
    ),
    // Case work: properties and audit trail of the open case.
    b(C::Overview, Key::ch('P'), A::GoProperties, None),
    b(C::Overview, Key::ch('T'), A::GoAudit, None),
    b(C::Overview, Key::ch('e'), A::EditIdentity, None),
    b(C::Properties, Key::ch('a'), A::AddProperty, Some("add")),
    b(C::Properties, Key::ch('e'), A::EditProperty, Some("edit")),
    b(
        C::Properties,
        Key::plain(KeyCode::Enter),
        A::EditProperty,
        None,
    ),
    b(
        C::Properties,
        Key::ch('d'),
        A::RemoveProperty,
        Some("remove"),
    ),
    b(
        C::Properties,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("audit"),
    ),
    b(
        C::Properties,
        Key::plain(KeyCode::Esc),
        A::Back,
        Some("back"),
    ),
    b(C::Audit, Key::ch('/'), A::Filter, Some("filter")),
    b(
        C::Audit,
        Key::plain(KeyCode::Tab),
        A::NextPane,
        Some("props"),
    ),
    b(C::Audit, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    // The documents of the open case.
    b(C::Global, Key::ch('D'), A::GoDocs, None),
    b(
        C::Docs,
        Key::plain(KeyCode::Enter),
        A::Download,
        Some("download"),
    ),
    b(C::Docs, Key::ch('d'), A::Download, None),
    b(C::Docs, Key::ch('P'), A::Report, Some("report")),
    b(C::Docs, Key::ch('u'), A::Upload, Some("upload")),
    b(C::Docs, Key::ch('c'), A::Prevalidate, Some("check")),
    b(C::Docs, Key::ch('e'), A::RequestDocs, Some("request")),
    b(C::Docs, Key::plain(KeyCode::Esc), A::Back, Some("back")),
    // The message log (`:messages`).
    b(C::Messages, Key::plain(KeyCode::Esc), A::Back, Some("back")),
];

/// The active keymap.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    /// Keys the config file gave to two actions of one context: shown at start and in help.
    pub conflicts: Vec<Conflict>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: DEFAULT_BINDINGS.to_vec(),
            conflicts: Vec::new(),
        }
    }
}

/// The config file's keys for one action in one context; no keys unbinds it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// One key bound to two actions in one context: `kept` runs, `lost` no longer has that key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    pub context: Context,
    pub key: Key,
    pub kept: Action,
    pub lost: Action,
}

impl Conflict {
    /// One line for the status line, stderr and help.
    pub fn describe(&self) -> String {
        format!(
            "{} in {}: {} wins over {}",
            self.key.label(),
            self.context.title(),
            self.kept.describe(),
            self.lost.describe()
        )
    }
}

impl Keymap {
    /// The defaults with the config file's overrides: each named action loses its default keys
    /// in that context and gets the ones given, where its first default binding was (so help
    /// keeps its order and the footer its hint). When a key ends up with two actions in one
    /// context, the one the user wrote wins and the clash is recorded in `conflicts`.
    pub fn with_overrides(overrides: &[Override]) -> Keymap {
        let mut rows: Vec<(Binding, bool)> = DEFAULT_BINDINGS.iter().map(|b| (*b, false)).collect();
        for o in overrides {
            let same = |b: &Binding| b.context == o.context && b.action == o.action;
            let at = rows.iter().position(|(b, _)| same(b));
            let hint = rows
                .iter()
                .find_map(|(b, _)| same(b).then_some(b.hint).flatten());
            rows.retain(|(b, _)| !same(b));
            let at = at.unwrap_or(rows.len());
            let new = o.keys.iter().enumerate().map(|(i, key)| {
                let hint = if i == 0 { hint } else { None };
                (b(o.context, *key, o.action, hint), true)
            });
            rows.splice(at..at, new);
        }
        let mut kept: Vec<(Binding, bool)> = Vec::with_capacity(rows.len());
        let mut conflicts = Vec::new();
        for (bind, mine) in rows {
            let clash = kept
                .iter()
                .position(|(k, _)| k.context == bind.context && k.key == bind.key);
            match clash {
                None => kept.push((bind, mine)),
                // The same key listed twice for one action.
                Some(i) if kept[i].0.action == bind.action => {}
                Some(i) => {
                    let (old, old_mine) = kept[i];
                    let (winner, loser) = if mine && !old_mine {
                        kept[i] = (bind, mine);
                        (bind, old)
                    } else {
                        (old, bind)
                    };
                    conflicts.push(Conflict {
                        context: bind.context,
                        key: bind.key,
                        kept: winner.action,
                        lost: loser.action,
                    });
                }
            }
        }
        Keymap {
            bindings: kept.into_iter().map(|(b, _)| b).collect(),
            conflicts,
        }
    }

    /// The action of `key` in `context`: the context's own binding first, then the global one.
    pub fn action(&self, context: Context, key: Key) -> Option<Action> {
        let find = |ctx: Context| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.key == key)
                .map(|b| b.action)
        };
        find(context).or_else(|| find(Context::Global))
    }

    /// The first key that runs `action` in `context` (its own binding, else the global one).
    pub fn key_for(&self, context: Context, action: Action) -> Option<Key> {
        [context, Context::Global].into_iter().find_map(|ctx| {
            self.bindings
                .iter()
                .find(|b| b.context == ctx && b.action == action)
                .map(|b| b.key)
                .filter(|k| self.action(context, *k) == Some(action))
        })
    }

    /// Footer hints for a context: its own hinted bindings, then the global ones.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        self.hint_rows(context)
            .into_iter()
            .map(|h| (h.key, h.word))
            .collect()
    }

    /// Footer hints with whether each changes something ([`Action::changes`]), so read-only
    /// mode can show those as off.
    pub fn hint_rows(&self, context: Context) -> Vec<Hint> {
        self.hint_rows_taken(context, |_| true)
    }

    /// Footer hints of the bindings whose action the view on screen `takes` (a context shared
    /// by several views: a key that does nothing in this one is not offered).
    pub fn hint_rows_taken(&self, context: Context, takes: impl Fn(Action) -> bool) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        for ctx in [context, Context::Global] {
            for bind in self
                .bindings
                .iter()
                .filter(|b| b.context == ctx && takes(b.action))
            {
                if let Some(h) = bind.hint
                    && !out.iter().any(|seen| seen.word == h)
                {
                    out.push(Hint {
                        key: bind.key.label(),
                        word: h,
                        changes: bind.action.changes(),
                    });
                }
            }
        }
        out
    }

    /// Help rows for a context: key labels joined per action, in table order.
    pub fn help(&self, context: Context) -> Vec<(String, &'static str)> {
        self.help_rows(context)
            .into_iter()
            .map(|h| (h.key, h.word))
            .collect()
    }

    /// Help rows with whether each action changes something ([`Action::changes`]).
    pub fn help_rows(&self, context: Context) -> Vec<Hint> {
        let mut rows: Vec<(Action, Vec<String>)> = Vec::new();
        for bind in self.bindings.iter().filter(|b| b.context == context) {
            match rows.iter_mut().find(|(a, _)| *a == bind.action) {
                Some((_, keys)) => keys.push(bind.key.label()),
                None => rows.push((bind.action, vec![bind.key.label()])),
            }
        }
        rows.into_iter()
            .map(|(a, keys)| Hint {
                key: keys.join(" "),
                word: a.describe(),
                changes: a.changes(),
            })
            .collect()
    }
}

/// One footer hint or help row: the key(s), what they do, and whether that changes something
/// on the server (shown as off in read-only mode).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub word: &'static str,
    pub changes: bool,
}

/// The key table of the README, generated from the keymap so the two cannot disagree.
pub fn markdown_table(km: &Keymap) -> String {
    let mut out = String::from("| where | keys | action |\n|---|---|---|\n");
    for ctx in [
        Context::Global,
        Context::Cases,
        Context::Overview,
        Context::Steps,
        Context::Detail,
        Context::Notes,
        Context::Org,
        Context::Aml,
        Context::Inbox,
        Context::Alerts,
        Context::Journal,
        Context::Search,
        Context::Properties,
        Context::Audit,
        Context::Docs,
        Context::Messages,
    ] {
        for (keys, what) in km.help(ctx) {
            let keys = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!("| {} | {keys} | {what} |\n", ctx.title()));
        }
    }
    out
}

#[cfg(test)]
mod tests;
