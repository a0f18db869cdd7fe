//! The application core: `State`, the messages that change it, and the effects it asks for.
//!
//! Nothing here is async or touches the terminal: `update(&mut State, Msg) -> Vec<Effect>` is a
//! pure state transition, unit-tested directly, and the runtime carries the effects out.

pub mod alerts;
mod alt_esc;
pub mod aml;
pub mod aml_compare;
pub mod answers;
pub mod case;
pub mod case_filter;
pub mod case_view;
pub mod cases;
pub mod casework;
pub mod command;
pub mod create;
pub mod docs;
pub mod docs_form;
pub mod door;
pub mod export;
pub use crate::paths as docs_paths;
pub mod form;
pub mod form_drafts;
pub mod gate;
pub mod journal;
pub mod keymap;
pub mod local;
pub mod messages;
mod modes;
pub mod moves;
pub mod org;
pub mod panes;
pub mod queue;
pub mod reason;
pub mod request;
pub mod search;
mod status;
mod update;
pub mod version;

pub use case_view::{CasePane, CaseView, TreeRow};
pub use cases::{CaseList, CaseRow, Column};
pub use keymap::{Action, Context, Keymap};
pub use request::{Answer, Failure, Remote, ReqId, Request, Slot};
pub use update::{start, update};

use crate::api::Id;
use crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;
use std::collections::HashMap;

/// How many cases one list request asks for.
pub const PAGE_SIZE: u32 = 500;

/// The size of the pages after the first: the first is small so the list is usable at once,
/// the rest are large so 100,000 cases do not take 200 round trips.
pub const BULK_PAGE_SIZE: u32 = 5_000;

/// Everything that can happen to the app.
// A message is built once and moved once per event; boxing the answer would cost an allocation
// per request to save a copy of a few hundred bytes.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    /// Pasted text (bracketed paste), for the editors.
    Paste(String),
    Resize(u16, u16),
    /// The spinner's tick, stamped with when it fired; only sent while something is loading.
    /// The runtime reads the clock, so `update()` stays a function of state and message.
    Tick(std::time::Instant),
    /// The local date: sent at start and whenever it changes (the forms' date checks).
    Today(chrono::NaiveDate),
    /// A local effect (a file on disk, a download, a folder listing, the browser) finished.
    Local(local::Local),
    /// A change's journal line could not be written (why, in words). Sent after the change's
    /// answer, so it is not hidden by the answer's own message: a record that silently stops is
    /// worse than none.
    JournalNotWritten(String),
    /// A request finished: the operation with its result, typed by the operation.
    Done {
        id: ReqId,
        slot: Slot,
        answer: Answer,
        /// The answer was lost and reading back found the change done.
        read_back: bool,
    },
}

/// What the app asks the runtime to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Run a request; a newer request for the same slot replaces it.
    Fetch {
        id: ReqId,
        slot: Slot,
        request: Request,
    },
    /// Stop whatever runs in a slot (the user left the pane).
    Cancel(Slot),
    /// Keep a note being written on disk until the server has it. Sent on every keystroke: the
    /// runtime coalesces them and writes the latest text once typing pauses.
    SaveDraft {
        case: Id,
        step: Id,
        text: String,
    },
    DeleteDraft {
        case: Id,
        step: Id,
    },
    /// Keep a form being filled in on disk, by the form's name, until the server has it.
    SaveForm {
        name: String,
        text: String,
    },
    DeleteForm {
        name: String,
    },
    /// Put text on the clipboard of the terminal the user sits at (OSC 52, works over SSH).
    Copy(String),
    Quit,
    /// Open a URL in the local browser (over SSH `update()` shows it to copy instead); the
    /// runtime answers with `Msg::Local(Local::Opened)`.
    OpenUrl(String),
    /// Save a download in the downloads folder (never over a file), then open it on a desktop
    /// or show where it is over SSH; `fallback` names it when the server does not. The runtime
    /// answers with `Msg::Local(Local::Download)`.
    SaveDownload {
        download: Box<crate::api::Download>,
        fallback: String,
        /// Whether to open it once saved (on a desktop; never over SSH). An evidence pack's
        /// JSON is for machines: saved beside its Markdown, not opened.
        open: bool,
    },
    /// List the folder of a path being typed, for Tab completion (the runtime answers with
    /// `Msg::Local(Local::Listed)`).
    ListDir {
        typed: String,
    },
}

/// Which top-level view is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Cases,
    Case,
    /// The ownership views of the open case: org chart, beneficial owners, members.
    Org,
    Aml,
    /// The live-monitoring alert inbox.
    Alerts,
    /// The journal of changes sent (`:journal`).
    Journal,
    /// The registry search and its results.
    Search,
    /// The open case's properties and audit trail.
    CaseWork,
    /// The open case's documents.
    Docs,
    /// The server's API version and the environment (`:version`).
    Version,
    /// Every message of the session, whole (`:messages`).
    Messages,
}

/// Who and where: shown in the header.
#[derive(Debug, Clone, Default)]
pub struct Session {
    /// "DEMO", "uat-eu", a base URL, …
    pub environment: String,
    pub user: String,
    pub read_only: bool,
    pub production: bool,
    /// Resolved colour mode (never `Auto` once the console runs).
    pub color: crate::appearance::color::ColorMode,
    /// The look (production environments default to the production theme).
    pub theme: crate::appearance::theme::Theme,
    /// Save downloads only, never open them (`--save-downloads`).
    pub save_downloads: bool,
    /// The console runs over SSH (`SSH_CONNECTION`, read once at start): a URL is shown to copy
    /// rather than opened on the remote host, and downloads are saved, not opened.
    pub over_ssh: bool,
    /// How dates are shown and typed (`date_format`).
    pub date_format: crate::words::DateFormat,
    /// How close to its expiry a document is flagged (`expiry_warning_days`).
    pub expiry_warning: docs::ExpiryWarning,
}

/// A note being written.
#[derive(Debug, Clone)]
pub struct Editor {
    pub case: Id,
    pub step: Id,
    pub step_name: String,
    pub area: TextArea<'static>,
    /// A save is in flight.
    pub saving: bool,
}

impl Editor {
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// What a confirmation, once given, does.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    DeleteNote {
        case: Id,
        step: Id,
        note: Id,
    },
    DiscardNote,
    /// Send a change the gate held back for a question (production; `gate::send`).
    Send(Box<Request>),
    CloseCase {
        kind: crate::api::CaseKind,
        id: Id,
        decision: casework::lifecycle::Decision,
    },
    ReopenCase {
        kind: crate::api::CaseKind,
        id: Id,
    },
    RemoveProperty {
        kind: crate::api::CaseKind,
        id: Id,
        data_type: String,
    },
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub message: String,
    pub ok_label: String,
    pub action: Confirmed,
    /// Cancel has the focus until the user moves it: Enter alone never destroys anything.
    pub ok_focused: bool,
}

/// The input mode: the one layer over the view (`modes`). Only `Normal` dispatches through the
/// keymap; any other mode takes every key first.
#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    Filter,
    Command(command::CommandLine),
    /// The org chart's find line (`/`): the selection follows the first match as it is typed.
    Find(String),
    /// A popup of the alert inbox (filter line, review date, assignment, an action's decision).
    Inbox(Box<alerts::Popup>),
    Edit(Box<Editor>),
    /// A confirmation over an editor keeps the editor underneath.
    Confirm(Box<Confirm>, Option<Box<Editor>>),
    /// The `?` help, scrolled.
    Help(moves::Scroll),
    /// A popup of the AML pane (exclusion reason, URL to copy).
    Aml(Box<aml::Popup>),
    /// A form that searches a registry or creates a case.
    Create(Box<create::Popup>),
    /// Case work: a property, a close decision, a delete id, the audit filter being typed.
    Work(Box<casework::Input>),
    /// A form of the documents pane (upload, pre-validation, request to the end user).
    Docs(Box<docs_form::DocForm>),
}

/// How the status line reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone)]
pub struct StatusLine {
    pub text: String,
    pub tone: Tone,
    /// Where it belongs (`None` until the message that said it is handled): it shows only
    /// there (`messages`).
    pub place: Option<messages::Place>,
}

/// The whole state of the console.
#[derive(Debug, Clone)]
pub struct State {
    pub session: Session,
    pub keymap: Keymap,
    pub view: View,
    pub cases: CaseList,
    pub case: Option<CaseView>,
    /// The AML match review of the open case.
    pub aml: Option<aml::AmlPane>,
    pub alerts: alerts::AlertsState,
    pub mode: Mode,
    pub status: Option<StatusLine>,
    /// Notes written but not yet confirmed by the server, by (case, step).
    pub drafts: HashMap<(Id, Id), String>,
    /// Forms filled in but not yet confirmed by the server, by form name (`form::Form::to_draft`).
    pub form_drafts: HashMap<String, String>,
    pub spinner: usize,
    pub next_req: ReqId,
    /// The latest request per slot; answers of older ones are dropped.
    pub latest: HashMap<Slot, ReqId>,
    /// Terminal size, for paging.
    pub size: (u16, u16),
    pub quit: bool,
    /// Where the log goes, for the help screen.
    pub log_path: Option<std::path::PathBuf>,
    pub org: org::OrgState,
    pub journal: journal::JournalPane,
    /// The registry search, kept while the user looks elsewhere.
    pub search: search::SearchState,
    /// The open case's properties and audit trail.
    pub work: casework::WorkState,
    /// The documents pane of the open case.
    pub docs: Option<docs::DocsPane>,
    /// The local date as the runtime last reported it (`Msg::Today`), for the forms' date
    /// checks; `None` until then, when nothing is checked against today.
    pub today: Option<chrono::NaiveDate>,
    /// The `:version` pane.
    pub version: version::VersionPane,
    /// The message log (`:messages`) and where messages belong.
    pub messages: messages::MessageLog,
    /// The list `]` and `[` go through, and the cases opened from links.
    pub queue: queue::Queue,
}

impl State {
    pub fn new(session: Session) -> State {
        State {
            session,
            keymap: Keymap::default(),
            view: View::Cases,
            cases: CaseList::default(),
            case: None,
            aml: None,
            alerts: alerts::AlertsState::default(),
            mode: Mode::Normal,
            status: None,
            drafts: HashMap::new(),
            form_drafts: HashMap::new(),
            spinner: 0,
            next_req: 0,
            latest: HashMap::new(),
            size: (80, 24),
            quit: false,
            log_path: None,
            org: org::OrgState::default(),
            journal: journal::JournalPane::default(),
            search: search::SearchState::default(),
            work: casework::WorkState::default(),
            docs: None,
            today: None,
            version: version::VersionPane::default(),
            messages: messages::MessageLog::default(),
            queue: queue::Queue::default(),
        }
    }

    /// The keymap context of what has the focus (its pane's, see [`panes`]).
    pub fn context(&self) -> Context {
        panes::pane(self.view).context(self)
    }

    /// Whether an action of the context does anything in the view on screen (the footer).
    pub fn takes(&self, action: Action) -> bool {
        panes::pane(self.view).takes(self, action)
    }

    /// Whether anything is loading (the spinner ticks only then).
    pub fn is_loading(&self) -> bool {
        panes::is_loading(self)
    }

    /// Where the user is, for the breadcrumbs (its pane's).
    pub fn breadcrumbs(&self) -> Vec<String> {
        panes::pane(self.view).crumbs(self)
    }
}
