//! The forms of the documents pane, on the shared form kit (`app::form`): upload a file,
//! pre-validate an individual's document, ask the end user for documents. The kit validates
//! every field before anything is sent and keeps what is typed until the server has accepted it;
//! this module adds the path field's Tab completion (the runtime lists the folder) and the
//! rule across fields (an e-mail address or a phone number). Uploads and requests change the
//! case: refused up front in read-only mode (the fetch layer's gate refuses them too).

use super::answers::OnAnswer;
use super::case::NO_OPEN_CASE;
use super::docs::{self, DocsPane};
use super::docs_paths::{self, Entry};
use super::form::{Field, Form, Opt, Outcome};
use super::request::fetch;
use super::status::{error, info, success};
use super::*;
use crate::api::{CaseKind, DocumentRequest};
use crate::op;
use crate::op::Operation;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
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

/// An open form of the pane, and the case it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct DocForm {
    pub purpose: Purpose,
    pub kind: CaseKind,
    pub case: Id,
    pub form: Form,
    /// The paths the last Tab found when several matched: further Tabs step through them.
    pub choices: Vec<String>,
    /// The next of `choices` Tab takes.
    pub next_choice: usize,
}

impl DocForm {
    /// The answer of a field ("" when empty).
    pub fn text(&self, key: &str) -> String {
        self.form.value(key).to_owned()
    }

    /// Pasted text goes into the focused field.
    pub fn paste(&mut self, text: &str) {
        self.form.on_paste(text);
    }

    /// Whether the path field has the focus (Tab completes there).
    pub fn on_path(&self) -> bool {
        self.form
            .fields
            .get(self.form.focus)
            .is_some_and(|f| f.key == FILE)
            && self.form.open_choice().is_none()
            && !self.form.sending
            && !self.form.asking_discard
    }
}

pub const FILE: &str = "file";
const NAME: &str = "name";
const CATEGORY: &str = "fileCat";
const NEW_STEP: &str = "createNewStep";
const DOCUMENTS: &str = "documents";
const EMAIL: &str = "email";
const PHONE: &str = "phone";
const ALLOW_EDIT: &str = "allowEdit";

/// The path field's help, put back once a completion's candidates are no longer current.
const FILE_HINT: &str = "the file's path · Tab completes · ~ is your home folder";

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

fn yes_no(key: &'static str, label: &str, no: &str, yes: &str) -> Field {
    Field::choice(
        key,
        label,
        vec![
            Opt::new("false", "No").note(no),
            Opt::new("true", "Yes").note(yes),
        ],
    )
    .value("false")
}

/// The category choice: the pane's categories (missing ones first), `want` chosen (added when
/// the pane does not list it).
fn category_field(p: Option<&DocsPane>, want: Option<String>) -> Field {
    let mut options: Vec<String> = p
        .map(docs::categories)
        .unwrap_or_else(|| vec!["Other".to_owned()]);
    if let Some(w) = &want
        && !options.iter().any(|o| o.eq_ignore_ascii_case(w))
    {
        options.insert(0, w.clone());
    }
    let chosen = want
        .and_then(|w| options.iter().find(|o| o.eq_ignore_ascii_case(&w)).cloned())
        .or_else(|| options.first().cloned())
        .unwrap_or_default();
    Field::choice(
        CATEGORY,
        "Category",
        options
            .into_iter()
            .map(|o| {
                let label = docs::category_label(&o);
                Opt::new(o, label)
            })
            .collect(),
    )
    .required()
    .value(chosen)
}

fn file_fields(p: Option<&DocsPane>, category: Option<String>, path: String) -> Vec<Field> {
    vec![
        Field::text(FILE, "File")
            .required()
            .hint(FILE_HINT)
            .value(path),
        Field::text(NAME, "Name").hint("the document's name on the case (empty: the file name)"),
        category_field(p, category),
    ]
}

fn show(state: &mut State, purpose: Purpose, kind: CaseKind, case: Id, fields: Vec<Field>) {
    let label = match purpose {
        Purpose::Upload => "Upload",
        Purpose::Prevalidate => "Check",
        Purpose::Request => "Send",
    };
    state.mode = Mode::Docs(Box::new(DocForm {
        purpose,
        kind,
        case,
        form: Form::new(purpose.title(), fields).submit_label(label),
        choices: Vec::new(),
        next_choice: 0,
    }));
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
        error(state, NO_OPEN_CASE);
        return;
    };
    let mut fields = file_fields(state.docs.as_ref(), category, path);
    fields.push(yes_no(
        NEW_STEP,
        "New step",
        "added to the matching document step",
        "a step of its own",
    ));
    show(state, Purpose::Upload, kind, case, fields);
}

/// The pre-validation form (individual cases only: the API checks identity documents).
pub fn open_prevalidate(state: &mut State, path: Option<String>, fx: &mut Vec<Effect>) {
    let Some((kind, case)) = pane(state, fx) else {
        error(state, NO_OPEN_CASE);
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
    show(state, Purpose::Prevalidate, kind, case, fields);
}

/// The request form; `contact` fills the e-mail address or the phone number.
pub fn open_request(state: &mut State, contact: Option<String>, fx: &mut Vec<Effect>) {
    if refuse_read_only(state, "requests to the customer are") {
        return;
    }
    let Some((kind, case)) = pane(state, fx) else {
        error(state, NO_OPEN_CASE);
        return;
    };
    let wanted = state.docs.as_ref().map(docs::missing).unwrap_or_default();
    let (email, phone) = match contact {
        Some(c) if c.contains('@') => (c, String::new()),
        Some(c) => (String::new(), c),
        None => (String::new(), String::new()),
    };
    let fields = vec![
        Field::text(DOCUMENTS, "Documents")
            .required()
            .hint("what to ask for, separated by commas (the missing ones to start)")
            .value(wanted.join(", ")),
        Field::text(EMAIL, "E-mail")
            .check(email_check)
            .hint("the customer's e-mail address (this, a phone number, or both)")
            .value(email),
        Field::text(PHONE, "Phone")
            .check(phone_check)
            .hint("the customer's mobile number, e.g. +44 7700 900123")
            .value(phone),
        yes_no(
            ALLOW_EDIT,
            "Allow edit",
            "what they sent stays as sent",
            "they may change what they sent",
        ),
    ];
    show(state, Purpose::Request, kind, case, fields);
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

/// The kit's check of the e-mail field (run only when something is typed).
fn email_check(v: &str) -> Result<(), String> {
    if valid_email(v) {
        Ok(())
    } else {
        Err(format!("{v:?} is not an e-mail address"))
    }
}

fn phone_check(v: &str) -> Result<(), String> {
    if valid_phone(v) {
        Ok(())
    } else {
        Err(format!(
            "{v:?} is not a phone number (7–15 digits, + for the country code)"
        ))
    }
}

/// The request a form the kit found valid makes, or the rule across fields it breaks (marked on
/// the field). Nothing invalid is sent.
pub fn build(f: &mut DocForm) -> Result<Request, String> {
    match f.purpose {
        Purpose::Upload | Purpose::Prevalidate => {
            let path = PathBuf::from(f.text(FILE));
            let (name, file_cat) = (f.text(NAME), f.text(CATEGORY));
            Ok(if f.purpose == Purpose::Upload {
                Request::Upload(op::Upload {
                    kind: f.kind,
                    id: f.case,
                    path,
                    name,
                    file_cat,
                    create_new_step: f.text(NEW_STEP) == "true",
                })
            } else {
                Request::Prevalidate(op::Prevalidate {
                    path,
                    name,
                    file_cat,
                })
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
                let why = "name at least one document to ask for";
                f.form.set_error(DOCUMENTS, why);
                f.form.focus_on(DOCUMENTS);
                return Err(why.to_owned());
            }
            let (email, phone) = (f.form.opt(EMAIL), f.form.opt(PHONE));
            if email.is_none() && phone.is_none() {
                let why = "give an e-mail address or a phone number";
                f.form.set_error(EMAIL, why);
                f.form.focus_on(EMAIL);
                return Err(why.to_owned());
            }
            Ok(Request::RequestDocuments(op::RequestDocuments {
                kind: f.kind,
                id: f.case,
                request: DocumentRequest {
                    case_common_id: f.case,
                    documents,
                    email,
                    phone,
                    allow_edit: f.text(ALLOW_EDIT) == "true",
                },
            }))
        }
    }
}

// ───────────────────────────── keys ─────────────────────────────

pub fn on_key(state: &mut State, ev: KeyEvent, mut f: DocForm, fx: &mut Vec<Effect>) {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    if ev.code == KeyCode::Tab && f.on_path() {
        if f.choices.is_empty() {
            fx.push(Effect::ListDir {
                typed: f.text(FILE),
            });
        } else {
            // Several matched: Tab again takes each in turn.
            let pick = f.choices[f.next_choice % f.choices.len()].clone();
            f.next_choice += 1;
            f.form.set_value(FILE, &pick);
        }
        state.mode = Mode::Docs(Box::new(f));
        return;
    }
    if f.on_path() {
        f.choices.clear();
        if let Some(field) = f.form.field_mut(FILE) {
            field.hint = FILE_HINT.to_owned();
        }
    }
    // Ctrl-C leaves the form as Esc does (asking first when something was typed).
    let ev = if ctrl && ev.code == KeyCode::Char('c') {
        KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)
    } else {
        ev
    };
    let submitting = (ctrl && ev.code == KeyCode::Char('s'))
        || (ev.code == KeyCode::Enter && f.form.focus + 1 >= f.form.fields.len());
    match f.form.on_key(ev) {
        Outcome::Cancel => {
            info(
                state,
                format!("{} cancelled", f.purpose.title().to_lowercase()),
            );
            return;
        }
        Outcome::Submit => match build(&mut f) {
            Ok(request) => {
                f.form.sending = true;
                info(state, format!("{}…", sending_word(f.purpose)));
                if request.facts().is_change() {
                    crate::app::gate::send(state, request, fx);
                } else {
                    fetch(state, Slot::Transfer(0), request, fx);
                }
            }
            Err(why) => error(state, format!("not sent: {why}")),
        },
        Outcome::Stay if submitting && f.form.has_errors() => {
            let first = f
                .form
                .fields
                .iter()
                .find_map(|x| x.error.as_ref().map(|e| format!("{}: {e}", x.label)))
                .unwrap_or_default();
            error(state, format!("not sent: {first}"));
        }
        Outcome::Stay => {}
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

/// The runtime listed the folder of `typed`: complete the path field if it still reads so.
/// Several matches are listed under the field; none, or an unreadable folder, is said there.
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
            f.form.set_value(FILE, &c.text);
            f.choices = c.choices;
            f.next_choice = 0;
            if let Some(field) = f.form.field_mut(FILE) {
                field.hint = if c.candidates.is_empty() {
                    FILE_HINT.to_owned()
                } else {
                    c.candidates.join("  ")
                };
                field.error = none.then(|| "no file or folder matches".to_owned());
            }
        }
        Err(why) => f.form.set_error(FILE, why),
    }
}

// ───────────────────────────── answers ─────────────────────────────

/// The form that sent a request of this purpose, if it still shows.
fn sending_form(state: &mut State, purpose: Purpose) -> Option<&mut DocForm> {
    match &mut state.mode {
        Mode::Docs(f) if f.purpose == purpose && f.form.sending => Some(f),
        _ => None,
    }
}

/// A failure keeps the form and what is typed in it.
fn failed(state: &mut State, purpose: Purpose, f: Failure) {
    let line = f.one_line();
    if let Some(f) = sending_form(state, purpose) {
        f.form.sending = false;
        f.form.message = Some(line.clone());
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

impl OnAnswer for op::Upload {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::Upload { id, .. } = self;
        let u = match result {
            Ok(u) => u,
            Err(f) => return failed(state, Purpose::Upload, f),
        };
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
        // Pre-validation messages mean the server rejected the file [C]: never a success.
        if notes.is_empty() {
            success(state, line);
        } else {
            error(
                state,
                format!(
                    "{name} was rejected by pre-validation: {}",
                    notes.join("; ")
                ),
            );
        }
        if state.docs.as_ref().is_some_and(|p| p.case == id) {
            docs::load(state, fx);
        }
        // The case's step tree gains the document (or a new step): reload it.
        if let Some(cv) = state.case.as_mut().filter(|c| c.id == id) {
            cv.steps.start();
            fetch(state, Slot::Steps, Request::Steps(op::Steps { id }), fx);
        }
    }
}

impl OnAnswer for op::Prevalidate {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _: &mut Vec<Effect>,
    ) {
        let op::Prevalidate { path, .. } = self;
        let r = match result {
            Ok(r) => r,
            Err(f) => return failed(state, Purpose::Prevalidate, f),
        };
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
}

impl OnAnswer for op::RequestDocuments {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _: &mut Vec<Effect>,
    ) {
        let op::RequestDocuments { request, .. } = self;
        let r = match result {
            Ok(r) => r,
            Err(f) => return failed(state, Purpose::Request, f),
        };
        close(state, Purpose::Request);
        let to = request.email.or(request.phone).unwrap_or_default();
        let code = r
            .access_code
            .map(|c| format!(" — access code {c}"))
            .unwrap_or_default();
        success(state, format!("request sent to {to}{code}"));
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
        let text = |key, t: &str| Field::text(key, key).value(t);
        DocForm {
            purpose: Purpose::Request,
            kind: CaseKind::Individual,
            case: 7,
            form: Form::new(
                "t",
                vec![
                    text(DOCUMENTS, docs),
                    text(EMAIL, email),
                    text(PHONE, phone),
                ],
            ),
            choices: Vec::new(),
            next_choice: 0,
        }
    }

    #[test]
    fn a_request_needs_documents_and_a_contact() {
        let mut f = request_form("", "a@b.co", "");
        assert!(build(&mut f).is_err());
        assert!(
            f.form
                .field(DOCUMENTS)
                .and_then(|x| x.error.clone())
                .is_some()
        );
        let mut f = request_form("poa", "", "");
        assert!(build(&mut f).is_err());
        assert_eq!(f.form.fields[f.form.focus].key, EMAIL);
        let Ok(Request::RequestDocuments(op::RequestDocuments { request, .. })) =
            build(&mut request_form("poa, selfie", "", "+44 7700 900123"))
        else {
            panic!("a valid request");
        };
        assert_eq!(request.documents, vec!["poa", "selfie"]);
        assert_eq!(request.email, None);
        assert_eq!(request.case_common_id, 7);
    }
}
