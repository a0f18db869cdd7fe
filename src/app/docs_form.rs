//! The forms of the documents pane: upload a file, pre-validate an individual's document, ask
//! the end user for documents. Each is a short list of fields (text, a path with Tab
//! completion, a choice, a yes/no); what is typed stays in the form until the server has
//! accepted it. Uploads and requests change the case: refused up front in read-only mode (the
//! fetch layer's gate refuses them too).
//!
//! The form-kit branch other panes share did not exist when this was written, so this is the
//! minimum the three forms need.

use super::docs::{self, DocsPane};
use super::docs_paths::{self, Entry};
use super::update::{error, info, success};
use super::*;
use crate::api::{CaseKind, DocumentRequest};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keymap::Key;
use std::path::PathBuf;

/// What the form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Upload,
    Prevalidate,
    Request,
}

impl Purpose {
    pub fn title(self) -> &'static str {
        match self {
            Purpose::Upload => "Upload a document",
            Purpose::Prevalidate => "Pre-validate a document",
            Purpose::Request => "Request documents from the customer",
        }
    }
}

/// The value of one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    /// A path on this machine: Tab completes it.
    Path(String),
    Choice {
        options: Vec<String>,
        index: usize,
    },
    Toggle(bool),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: Value,
    /// One line under the form while the field has the focus.
    pub help: &'static str,
}

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocForm {
    pub purpose: Purpose,
    pub kind: CaseKind,
    pub case: Id,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Names Tab found for a path with several matches.
    pub candidates: Vec<String>,
    /// Why the form was not sent, or what the server said.
    pub problem: Option<String>,
    /// Sent; waiting for the answer.
    pub sending: bool,
}

const FILE: &str = "File";
const NAME: &str = "Name";
const CATEGORY: &str = "Category";
const NEW_STEP: &str = "New step";
const DOCUMENTS: &str = "Documents";
const EMAIL: &str = "E-mail";
const PHONE: &str = "Phone";
const ALLOW_EDIT: &str = "Allow edit";

impl DocForm {
    fn value(&self, label: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| &f.value)
    }

    /// The text of a text, path or choice field (trimmed).
    pub fn text(&self, label: &str) -> String {
        match self.value(label) {
            Some(Value::Text(t) | Value::Path(t)) => t.trim().to_owned(),
            Some(Value::Choice { options, index }) => {
                options.get(*index).cloned().unwrap_or_default()
            }
            _ => String::new(),
        }
    }

    pub fn flag(&self, label: &str) -> bool {
        matches!(self.value(label), Some(Value::Toggle(true)))
    }

    fn set_text(&mut self, label: &str, text: String) {
        if let Some(Value::Text(t) | Value::Path(t)) = self
            .fields
            .iter_mut()
            .find(|f| f.label == label)
            .map(|f| &mut f.value)
        {
            *t = text;
        }
    }

    /// Pasted text goes into the focused text field, on one line.
    pub fn paste(&mut self, text: &str) {
        if let Some(Value::Text(t) | Value::Path(t)) =
            self.fields.get_mut(self.focus).map(|f| &mut f.value)
        {
            t.push_str(&text.replace(['\n', '\r'], " "));
        }
    }
}

// ───────────────────────────── opening ─────────────────────────────

/// The pane the form belongs to, opened for the open case when it is not showing.
fn pane(state: &mut State, fx: &mut Vec<Effect>) -> Option<(CaseKind, Id)> {
    let case = state.case.as_ref().map(|c| c.id)?;
    if state.docs.as_ref().is_none_or(|p| p.case != case) || state.view != View::Docs {
        docs::open(state, fx);
    }
    state.docs.as_ref().map(|p| (p.kind, p.case))
}

fn refuse_read_only(state: &mut State, what: &str) -> bool {
    if state.session.read_only {
        error(
            state,
            format!("read-only session: {what} disabled (start without --read-only)"),
        );
    }
    state.session.read_only
}

fn category_choice(p: Option<&DocsPane>, want: Option<String>) -> Value {
    let mut options = p
        .map(docs::categories)
        .unwrap_or_else(|| vec!["Other".to_owned()]);
    let index = match want {
        Some(w) => match options.iter().position(|o| o.eq_ignore_ascii_case(&w)) {
            Some(i) => i,
            None => {
                options.insert(0, w);
                0
            }
        },
        None => 0,
    };
    Value::Choice { options, index }
}

fn form(purpose: Purpose, kind: CaseKind, case: Id, fields: Vec<Field>) -> Box<DocForm> {
    Box::new(DocForm {
        purpose,
        kind,
        case,
        fields,
        focus: 0,
        candidates: Vec::new(),
        problem: None,
        sending: false,
    })
}

fn file_fields(p: Option<&DocsPane>, category: Option<String>, path: String) -> Vec<Field> {
    vec![
        Field {
            label: FILE,
            value: Value::Path(path),
            help: "the file's path; Tab completes, ~ is your home folder",
        },
        Field {
            label: NAME,
            value: Value::Text(String::new()),
            help: "the document's name on the case (empty: the file name)",
        },
        Field {
            label: CATEGORY,
            value: category_choice(p, category),
            help: "←/→ choose the category (fileCat); missing ones come first",
        },
    ]
}

/// The upload form; `category` preselects one (a missing document's).
pub fn open_upload(state: &mut State, category: Option<String>, fx: &mut Vec<Effect>) {
    open_upload_at(state, category, String::new(), fx);
}

fn open_upload_at(state: &mut State, category: Option<String>, path: String, fx: &mut Vec<Effect>) {
    if refuse_read_only(state, "uploads are") {
        return;
    }
    let Some((kind, case)) = pane(state, fx) else {
        error(state, "no case is open: :case ID or Enter on the list");
        return;
    };
    let mut fields = file_fields(state.docs.as_ref(), category, path);
    fields.push(Field {
        label: NEW_STEP,
        value: Value::Toggle(false),
        help: "Space: yes makes a step of its own; no adds it to the matching document step",
    });
    state.mode = Mode::Docs(form(Purpose::Upload, kind, case, fields));
}

/// The pre-validation form (individual cases only: the API checks identity documents).
pub fn open_prevalidate(state: &mut State, path: Option<String>, fx: &mut Vec<Effect>) {
    let Some((kind, case)) = pane(state, fx) else {
        error(state, "no case is open: :case ID or Enter on the list");
        return;
    };
    if kind != CaseKind::Individual {
        error(
            state,
            "pre-validation is for an individual's documents: this is a company case",
        );
        return;
    }
    let fields = file_fields(state.docs.as_ref(), None, path.unwrap_or_default());
    state.mode = Mode::Docs(form(Purpose::Prevalidate, kind, case, fields));
}

/// The request form; `contact` fills the e-mail address or the phone number.
pub fn open_request(state: &mut State, contact: Option<String>, fx: &mut Vec<Effect>) {
    if refuse_read_only(state, "requests to the customer are") {
        return;
    }
    let Some((kind, case)) = pane(state, fx) else {
        error(state, "no case is open: :case ID or Enter on the list");
        return;
    };
    let wanted = state.docs.as_ref().map(docs::missing).unwrap_or_default();
    let (email, phone) = match contact {
        Some(c) if c.contains('@') => (c, String::new()),
        Some(c) => (String::new(), c),
        None => (String::new(), String::new()),
    };
    let fields = vec![
        Field {
            label: DOCUMENTS,
            value: Value::Text(wanted.join(", ")),
            help: "what to ask for, separated by commas (the missing mandatory ones to start)",
        },
        Field {
            label: EMAIL,
            value: Value::Text(email),
            help: "the customer's e-mail address (this or a phone number)",
        },
        Field {
            label: PHONE,
            value: Value::Text(phone),
            help: "the customer's mobile number, e.g. +44 7700 900123",
        },
        Field {
            label: ALLOW_EDIT,
            value: Value::Toggle(false),
            help: "Space: whether the customer may change what they already sent",
        },
    ];
    state.mode = Mode::Docs(form(Purpose::Request, kind, case, fields));
}

/// `:upload [PATH]`, `:prevalidate [PATH]`, `:request [EMAIL|PHONE]`.
pub fn command(state: &mut State, cmd: command::Command, fx: &mut Vec<Effect>) {
    use command::Command as C;
    match cmd {
        C::Upload(path) => open_upload_at(state, None, path.unwrap_or_default(), fx),
        C::Prevalidate(path) => open_prevalidate(state, path, fx),
        C::Request(contact) => open_request(state, contact, fx),
        _ => {}
    }
}

// ───────────────────────────── checks ─────────────────────────────

/// A plausible e-mail address: one `@`, something before it, a dotted domain after, no spaces.
pub fn valid_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && s.len() <= 254
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.contains('.')
        && domain
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// A plausible phone number: an optional leading `+`, then 7 to 15 digits, with spaces,
/// dashes, dots and brackets allowed between them.
pub fn valid_phone(s: &str) -> bool {
    let s = s.trim();
    let body = s.strip_prefix('+').unwrap_or(s);
    let digits = body.chars().filter(char::is_ascii_digit).count();
    body.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        && (7..=15).contains(&digits)
}

/// The request a filled-in form makes, or what is wrong with it. Nothing invalid is sent.
pub fn build(f: &DocForm) -> Result<Request, String> {
    match f.purpose {
        Purpose::Upload | Purpose::Prevalidate => {
            let path = f.text(FILE);
            if path.is_empty() {
                return Err("choose a file: type its path (Tab completes)".to_owned());
            }
            let (path, name, file_cat) = (PathBuf::from(path), f.text(NAME), f.text(CATEGORY));
            if file_cat.is_empty() {
                return Err("choose a category".to_owned());
            }
            Ok(if f.purpose == Purpose::Upload {
                Request::Upload {
                    kind: f.kind,
                    id: f.case,
                    path,
                    name,
                    file_cat,
                    create_new_step: f.flag(NEW_STEP),
                }
            } else {
                Request::Prevalidate {
                    path,
                    name,
                    file_cat,
                }
            })
        }
        Purpose::Request => {
            let documents: Vec<String> = f
                .text(DOCUMENTS)
                .split(',')
                .map(|d| d.trim().to_owned())
                .filter(|d| !d.is_empty())
                .collect();
            if documents.is_empty() {
                return Err("name at least one document to ask for".to_owned());
            }
            let (email, phone) = (f.text(EMAIL), f.text(PHONE));
            if email.is_empty() && phone.is_empty() {
                return Err("give an e-mail address or a phone number".to_owned());
            }
            if !email.is_empty() && !valid_email(&email) {
                return Err(format!("{email:?} is not an e-mail address"));
            }
            if !phone.is_empty() && !valid_phone(&phone) {
                return Err(format!(
                    "{phone:?} is not a phone number (7–15 digits, + for the country code)"
                ));
            }
            Ok(Request::RequestDocuments {
                kind: f.kind,
                id: f.case,
                request: DocumentRequest {
                    case_common_id: f.case,
                    documents,
                    email: (!email.is_empty()).then_some(email),
                    phone: (!phone.is_empty()).then_some(phone),
                    allow_edit: f.flag(ALLOW_EDIT),
                },
            })
        }
    }
}

// ───────────────────────────── keys ─────────────────────────────

pub fn on_key(state: &mut State, ev: KeyEvent, mut f: DocForm, fx: &mut Vec<Effect>) {
    let key = Key::from_event(&ev);
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    let last = f.fields.len().saturating_sub(1);
    match key.code {
        KeyCode::Esc => {
            info(
                state,
                format!("{} cancelled", f.purpose.title().to_lowercase()),
            );
            return;
        }
        KeyCode::Char('c') if ctrl => {
            info(state, "form closed (Ctrl-C again quits)");
            return;
        }
        _ if f.sending => {
            info(
                state,
                "sending… the form closes when the server answers (Esc hides it)",
            );
        }
        KeyCode::Enter => match build(&f) {
            Ok(request) => {
                f.problem = None;
                f.sending = true;
                info(state, format!("{}…", sending_word(f.purpose)));
                let slot = if request.is_mutation() {
                    Slot::Mutation(0)
                } else {
                    Slot::Transfer(0)
                };
                docs::fetch(state, slot, request, fx);
            }
            Err(why) => {
                error(state, format!("not sent: {why}"));
                f.problem = Some(why);
            }
        },
        KeyCode::Tab
            if matches!(
                f.fields.get(f.focus).map(|x| &x.value),
                Some(Value::Path(_))
            ) =>
        {
            let typed = f.text(FILE);
            fx.push(Effect::ListDir { typed });
        }
        KeyCode::Tab | KeyCode::Down => {
            f.focus = (f.focus + 1).min(last);
            f.candidates.clear();
        }
        KeyCode::BackTab | KeyCode::Up => {
            f.focus = f.focus.saturating_sub(1);
            f.candidates.clear();
        }
        code => edit(&mut f, code, ctrl),
    }
    state.mode = Mode::Docs(Box::new(f));
}

fn sending_word(p: Purpose) -> &'static str {
    match p {
        Purpose::Upload => "uploading",
        Purpose::Prevalidate => "pre-validating",
        Purpose::Request => "sending the request",
    }
}

/// A key on the focused field.
fn edit(f: &mut DocForm, code: KeyCode, ctrl: bool) {
    let Some(field) = f.fields.get_mut(f.focus) else {
        return;
    };
    match (&mut field.value, code) {
        (Value::Text(t) | Value::Path(t), KeyCode::Backspace) => {
            t.pop();
        }
        (Value::Text(t) | Value::Path(t), KeyCode::Char('u')) if ctrl => t.clear(),
        (Value::Text(t) | Value::Path(t), KeyCode::Char(c)) if !ctrl => t.push(c),
        (Value::Choice { options, index }, KeyCode::Right | KeyCode::Char(' ' | 'l')) => {
            *index = (*index + 1) % options.len().max(1);
        }
        (Value::Choice { options, index }, KeyCode::Left | KeyCode::Char('h')) => {
            let n = options.len().max(1);
            *index = (*index + n - 1) % n;
        }
        (Value::Toggle(b), KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right) => *b = !*b,
        (Value::Toggle(b), KeyCode::Char('y')) => *b = true,
        (Value::Toggle(b), KeyCode::Char('n')) => *b = false,
        _ => {}
    }
    f.candidates.clear();
}

/// The runtime listed the folder of `typed`: complete the path field if it still reads so.
pub fn completed(state: &mut State, typed: &str, listing: Result<Vec<Entry>, String>) {
    let Mode::Docs(f) = &mut state.mode else {
        return;
    };
    if f.text(FILE) != typed.trim() {
        return;
    }
    match listing {
        Ok(entries) => {
            let c = docs_paths::complete(typed.trim(), &entries);
            let none = c.text == typed.trim() && c.candidates.is_empty();
            f.set_text(FILE, c.text);
            f.candidates = c.candidates;
            f.problem = none.then(|| "no file matches".to_owned());
        }
        Err(why) => f.problem = Some(why),
    }
}

// ───────────────────────────── answers ─────────────────────────────

/// The form that sent a request of this purpose, if it still shows.
fn sending_form(state: &mut State, purpose: Purpose) -> Option<&mut DocForm> {
    match &mut state.mode {
        Mode::Docs(f) if f.purpose == purpose && f.sending => Some(f),
        _ => None,
    }
}

/// A failure keeps the form and what is typed in it.
fn failed(state: &mut State, purpose: Purpose, f: Failure) {
    let line = f.one_line();
    if let Some(form) = sending_form(state, purpose) {
        form.sending = false;
        form.problem = Some(line.clone());
    }
    error(
        state,
        format!("{} failed, the form is kept: {line}", sending_word(purpose)),
    );
}

fn close(state: &mut State, purpose: Purpose) {
    if sending_form(state, purpose).is_some() {
        state.mode = Mode::Normal;
    }
}

pub fn on_done(
    state: &mut State,
    request: Request,
    result: Result<Payload, Failure>,
    fx: &mut Vec<Effect>,
) {
    match (request, result) {
        (Request::Upload { id, .. }, Ok(Payload::Uploaded(u))) => {
            close(state, Purpose::Upload);
            let name = u.name.clone().unwrap_or_else(|| "document".to_owned());
            let mut line = format!("uploaded {name}");
            if let Some(step) = u.case_step_id {
                line.push_str(&format!(" (step {step})"));
            }
            let notes: Vec<String> = u
                .prevalidation_messages
                .iter()
                .filter_map(|m| m.value.clone())
                .collect();
            if !notes.is_empty() {
                line.push_str(&format!(" — {}", notes.join("; ")));
            }
            success(state, line);
            if state.docs.as_ref().is_some_and(|p| p.case == id) {
                docs::load(state, fx);
            }
            // The case's step tree gains the document (or a new step): reload it.
            if let Some(cv) = state.case.as_mut().filter(|c| c.id == id) {
                cv.steps.start();
                docs::fetch(state, Slot::Steps, Request::Steps { id }, fx);
            }
        }
        (Request::Prevalidate { path, .. }, Ok(Payload::Prevalidated(r))) => {
            close(state, Purpose::Prevalidate);
            let file = path.display().to_string();
            if r.is_valid {
                success(state, format!("{file} passes pre-validation"));
            } else {
                error(
                    state,
                    format!(
                        "{file} does not pass pre-validation: {} message(s), shown below the list",
                        r.prevalidation_messages.len()
                    ),
                );
            }
            if let Some(p) = state.docs.as_mut() {
                p.check = Some((file, *r));
            }
        }
        (Request::RequestDocuments { request, .. }, Ok(Payload::DocumentsRequested(r))) => {
            close(state, Purpose::Request);
            let to = request.email.or(request.phone).unwrap_or_default();
            let code = r
                .access_code
                .map(|c| format!(" — access code {c}"))
                .unwrap_or_default();
            success(state, format!("request sent to {to}{code}"));
        }
        (Request::Upload { .. }, Err(f)) => failed(state, Purpose::Upload, f),
        (Request::Prevalidate { .. }, Err(f)) => failed(state, Purpose::Prevalidate, f),
        (Request::RequestDocuments { .. }, Err(f)) => failed(state, Purpose::Request, f),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_phones_are_checked() {
        assert!(valid_email("a.b@example.co.uk"));
        assert!(!valid_email("a@b"));
        assert!(!valid_email("a b@example.com"));
        assert!(!valid_email("@example.com"));
        assert!(!valid_email("a@@example.com"));
        assert!(!valid_email("a@exa_mple.com"));
        assert!(valid_phone("+44 7700 900123"));
        assert!(valid_phone("(020) 7946-0000"));
        assert!(!valid_phone("12345"));
        assert!(!valid_phone("+44 77OO 900123"));
        assert!(!valid_phone("1234567890123456"));
    }

    fn request_form(docs: &str, email: &str, phone: &str) -> DocForm {
        let text = |label, t: &str| Field {
            label,
            value: Value::Text(t.to_owned()),
            help: "",
        };
        DocForm {
            purpose: Purpose::Request,
            kind: CaseKind::Individual,
            case: 7,
            fields: vec![
                text(DOCUMENTS, docs),
                text(EMAIL, email),
                text(PHONE, phone),
            ],
            focus: 0,
            candidates: Vec::new(),
            problem: None,
            sending: false,
        }
    }

    #[test]
    fn a_request_needs_documents_and_a_valid_contact() {
        assert!(build(&request_form("", "a@b.co", "")).is_err());
        assert!(build(&request_form("poa", "", "")).is_err());
        assert!(build(&request_form("poa", "nope", "")).is_err());
        assert!(build(&request_form("poa", "a@b.co", "12")).is_err());
        let Ok(Request::RequestDocuments { request, .. }) =
            build(&request_form("poa, selfie", "", "+44 7700 900123"))
        else {
            panic!("a valid request");
        };
        assert_eq!(request.documents, vec!["poa", "selfie"]);
        assert_eq!(request.email, None);
        assert_eq!(request.case_common_id, 7);
    }
}
