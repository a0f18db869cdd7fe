//! The documents of the open case: the listing grouped as the API groups it, each document's
//! availability and verification status (from the document steps), the mandatory documents with
//! the missing ones marked; downloads, the case report, uploads, pre-validation and requests to
//! the end user.
//!
//! Saving a download and reading a file to upload are I/O: `update()` only asks for them
//! (`Effect::SaveDownload`, `Request::Upload`), the runtime and the fetch layer carry them out.

use super::case::the_open_case;
use super::moves::page_rows;
use super::panes::Pane;
use super::request::fetch;
use super::status::{error, info, success};
use super::*;
use crate::api::{
    CaseDocuments, CaseKind, Download, MandatoryDocument, PrevalidateResult, StepDetails,
    document_id_from_link,
};
use crate::app::answers::OnAnswer;
use crate::app::panes::show;
use crate::app::request::cancel;
use crate::app::request::{any_in_flight, in_flight, transferring};
use crate::op;
use crate::op::Operation;
use crate::words::dates::api_date;
use chrono::NaiveDate;
use indexmap::IndexMap;
use std::path::PathBuf;

/// How close to its expiry a document is flagged (`expiry_warning_days`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExpiryWarning {
    pub days: u32,
}

impl Default for ExpiryWarning {
    /// A month: long enough to ask the customer for a new document before it lapses.
    fn default() -> ExpiryWarning {
        ExpiryWarning { days: 30 }
    }
}

/// The documents pane of one case.
#[derive(Debug, Clone)]
pub struct DocsPane {
    pub kind: CaseKind,
    pub case: Id,
    pub title: String,
    pub listing: Remote<Box<CaseDocuments>>,
    pub mandatory: Remote<Vec<MandatoryDocument>>,
    /// The details of the case's document steps: where availability and verification live.
    pub steps: Remote<Vec<StepDetails>>,
    /// Index into [`rows`]; always on a selectable row when there is one.
    pub selected: usize,
    /// The last pre-validation: the file checked and what the API said of it.
    pub check: Option<(String, PrevalidateResult)>,
}

/// A document as the pane lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    pub name: String,
    pub category: Option<String>,
    pub source: Option<String>,
    /// The id to download it by; `None` for a document that is not there.
    pub document: Option<String>,
    pub available: bool,
    pub verification: Option<String>,
    /// When it was issued and when it stops being valid, where the data says.
    pub issued: Option<NaiveDate>,
    pub expires: Option<NaiveDate>,
}

/// Where a document stands against its expiry date, today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expiry {
    Expired,
    /// Expires within the warning window (`expiry_warning_days`): this many days left.
    Soon(i64),
    Valid,
}

impl DocRow {
    /// Its standing against its expiry date; `None` when it has no expiry date or today is not
    /// known yet.
    pub fn expiry(&self, today: Option<NaiveDate>, warn: ExpiryWarning) -> Option<Expiry> {
        let (expires, today) = (self.expires?, today?);
        let left = (expires - today).num_days();
        Some(if left < 0 {
            Expiry::Expired
        } else if left <= i64::from(warn.days) {
            Expiry::Soon(left)
        } else {
            Expiry::Valid
        })
    }

    /// Whether it is shown as verified.
    pub fn verified(&self) -> bool {
        self.verification.as_deref().is_some_and(|v| {
            matches!(
                v.to_ascii_lowercase().replace([' ', '_'], "").as_str(),
                "verified" | "passed"
            )
        })
    }
}

/// A document shown as verified that its expiry date, or an expiry alert of the case, says has
/// expired: the day it expired, and whether an alert says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    pub expired_on: Option<NaiveDate>,
    pub by_alert: bool,
}

/// The documents an expiry alert of case `case` names, with the date it gives: from the open
/// case's alerts (loaded with it for the overview), else as the inbox loaded them (`!`);
/// nothing when neither has them.
pub fn expiry_alerts(state: &State, case: Id) -> Vec<(String, Option<NaiveDate>)> {
    let open = state
        .case
        .as_ref()
        .filter(|c| c.id == case)
        .and_then(|c| c.alerts.data.as_deref());
    let inbox = || {
        state
            .alerts
            .detail
            .data
            .as_ref()
            .filter(|d| d.case_id == case)
            .map(|d| d.alerts.as_slice())
    };
    open.or_else(inbox)
        .into_iter()
        .flatten()
        .flat_map(|a| a.changes.iter())
        .filter_map(|c| c.expiration_alert.as_ref())
        .filter_map(|e| {
            let name = e.name.clone()?;
            let day = e
                .expiration_date
                .as_deref()
                .and_then(crate::words::dates::api_date);
            Some((name, day))
        })
        .collect()
}

/// Whether a verified document is contradicted by its own expiry date or by an expiry alert
/// (`alerts`, from [`expiry_alerts`]) that names it. An alert warns ahead of the date, so it
/// contradicts "verified" only once its date has passed (or when it gives none).
pub fn contradiction(
    d: &DocRow,
    alerts: &[(String, Option<NaiveDate>)],
    today: Option<NaiveDate>,
) -> Option<Contradiction> {
    if !d.verified() {
        return None;
    }
    let passed = |day: &Option<NaiveDate>| day.is_none_or(|d| today.is_none_or(|t| d < t));
    let alerted = alerts.iter().find(|(name, day)| {
        base_name(name).eq_ignore_ascii_case(base_name(&d.name)) && passed(day)
    });
    let own = d.expires.filter(|e| today.is_some_and(|t| *e < t));
    match (alerted, own) {
        (Some((_, day)), own) => Some(Contradiction {
            expired_on: day.or(own),
            by_alert: true,
        }),
        (None, Some(day)) => Some(Contradiction {
            expired_on: Some(day),
            by_alert: false,
        }),
        (None, None) => None,
    }
}

/// How many documents on file have expired, and how many expire within the warning window.
pub fn expiry_counts(
    p: &DocsPane,
    today: Option<NaiveDate>,
    warn: ExpiryWarning,
) -> (usize, usize) {
    let mut out = (0, 0);
    for r in rows(p) {
        if let Row::Doc(d) = r
            && d.available
        {
            match d.expiry(today, warn) {
                Some(Expiry::Expired) => out.0 += 1,
                Some(Expiry::Soon(_)) => out.1 += 1,
                Some(Expiry::Valid) | None => {}
            }
        }
    }
    out
}

/// A mandatory document and whether the case holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MandatoryRow {
    pub name: String,
    /// The category to upload it under, when a document step names one.
    pub category: Option<String>,
    pub source: Option<String>,
    pub present: bool,
}

/// One line of the pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Group(String),
    Doc(DocRow),
    MandatoryHeader,
    Mandatory(MandatoryRow),
}

impl Row {
    fn selectable(&self) -> bool {
        matches!(self, Row::Doc(_) | Row::Mandatory(_))
    }
}

/// What became of a download once the runtime handled it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Saved and handed to the desktop's opener.
    Opened(PathBuf),
    /// Saved only (over SSH, or saving was asked for).
    Saved(PathBuf),
    /// Saved, but the opener failed (and why, briefly).
    NotOpened(PathBuf, String),
    Failed(String),
}

/// The words for an individual's document category (the API names them by code).
pub fn category_words(code: &str) -> Option<&'static str> {
    match code.to_ascii_lowercase().as_str() {
        "photoid" => Some("Photo ID"),
        "selfie" => Some("Selfie"),
        "poa" => Some("Proof of address"),
        "poi" => Some("Proof of identity"),
        _ => None,
    }
}

/// A category as shown: `Photo ID (photoid)` for a known code, else as sent.
pub fn category_label(code: &str) -> String {
    match category_words(code) {
        Some(words) => format!("{words} ({code})"),
        None => code.to_owned(),
    }
}

/// `Certificate of Incorporation <26/01/2007>` → `Certificate of Incorporation`.
pub fn base_name(name: &str) -> &str {
    match name.rfind(" <") {
        Some(i) if name.ends_with('>') => name[..i].trim_end(),
        _ => name.trim(),
    }
}

/// The rows of the pane: the listing's groups in the server's order, each document with the
/// status its document step gives it, the step documents that are missing (or not listed)
/// under their step's name, then the mandatory documents.
pub fn rows(p: &DocsPane) -> Vec<Row> {
    let step_docs: Vec<(&str, &crate::api::StepDocument)> = p
        .steps
        .data
        .iter()
        .flatten()
        .flat_map(|s| {
            let group = s.name.as_deref().unwrap_or("Documents");
            s.documents.iter().map(move |d| (group, d))
        })
        .collect();
    let mut used = vec![false; step_docs.len()];
    let mut groups: IndexMap<String, Vec<DocRow>> = IndexMap::new();
    if let Some(listing) = &p.listing.data {
        for (group, docs) in &listing.documents {
            let rows = groups.entry(group.clone()).or_default();
            for d in docs {
                let id = d.document_id();
                let found = step_docs.iter().position(|(_, sd)| {
                    (id.is_some() && sd.case_document_id.map(|i| i.to_string()) == id)
                        || (d.link.is_some() && sd.link == d.link)
                });
                if let Some(i) = found {
                    used[i] = true;
                }
                let step_doc = found.map(|i| step_docs[i].1);
                let date = |own: &Option<String>, step: Option<&Option<String>>| {
                    own.as_deref()
                        .or(step.and_then(|s| s.as_deref()))
                        .and_then(api_date)
                };
                rows.push(DocRow {
                    name: d.name.clone().unwrap_or_else(|| "document".to_owned()),
                    category: d.category.clone(),
                    source: d.data_source.clone(),
                    document: id,
                    available: true,
                    verification: step_doc.and_then(|s| s.verification_status.clone()),
                    issued: date(&d.issue_date, step_doc.map(|s| &s.issue_date)),
                    expires: date(&d.expiry_date, step_doc.map(|s| &s.expiry_date)),
                });
            }
        }
    }
    for (i, (group, sd)) in step_docs.iter().enumerate() {
        if used[i] {
            continue;
        }
        let document = sd
            .case_document_id
            .map(|i| i.to_string())
            .or_else(|| sd.link.as_deref().and_then(document_id_from_link))
            .filter(|_| sd.document_available);
        groups.entry((*group).to_owned()).or_default().push(DocRow {
            name: sd
                .name
                .clone()
                .or_else(|| sd.category.clone())
                .unwrap_or_else(|| "document".to_owned()),
            category: sd.category.clone(),
            source: None,
            document,
            available: sd.document_available,
            verification: sd.verification_status.clone(),
            issued: sd.issue_date.as_deref().and_then(api_date),
            expires: sd.expiry_date.as_deref().and_then(api_date),
        });
    }
    let mut out = Vec::new();
    for (group, docs) in &groups {
        out.push(Row::Group(group.clone()));
        out.extend(docs.iter().cloned().map(Row::Doc));
    }
    if let Some(mandatory) = &p.mandatory.data {
        out.push(Row::MandatoryHeader);
        let all: Vec<&DocRow> = groups.values().flatten().collect();
        for m in mandatory {
            out.push(Row::Mandatory(mandatory_row(m, &all)));
        }
    }
    out
}

/// Whether the case holds a mandatory document: an available document whose name (without its
/// date) or category is the rule's name or one of its other names.
fn mandatory_row(m: &MandatoryDocument, docs: &[&DocRow]) -> MandatoryRow {
    let name = m.mandatory_document.clone().unwrap_or_default();
    let names: Vec<&str> = std::iter::once(name.as_str())
        .chain(m.other_names.iter().map(String::as_str))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let is_it = |d: &DocRow| {
        names.iter().any(|n| {
            base_name(&d.name).eq_ignore_ascii_case(n.trim())
                || d.category
                    .as_deref()
                    .is_some_and(|c| c.eq_ignore_ascii_case(n.trim()))
        })
    };
    MandatoryRow {
        present: docs.iter().any(|d| d.available && is_it(d)),
        category: docs
            .iter()
            .find(|d| is_it(d))
            .and_then(|d| d.category.clone())
            .or_else(|| Some(name.clone()).filter(|n| !n.contains(' '))),
        source: m.data_source.clone(),
        name,
    }
}

/// The categories an upload can take: those the case's documents and rules name (missing ones
/// first), then `Other`.
pub fn categories(p: &DocsPane) -> Vec<String> {
    let rows = rows(p);
    let mut out: Vec<String> = Vec::new();
    let mut add = |c: &str| {
        if !c.trim().is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(c)) {
            out.push(c.to_owned());
        }
    };
    for r in &rows {
        match r {
            Row::Doc(d) if !d.available => d.category.as_deref().into_iter().for_each(&mut add),
            Row::Mandatory(m) if !m.present => m.category.as_deref().into_iter().for_each(&mut add),
            _ => {}
        }
    }
    for r in &rows {
        match r {
            Row::Doc(d) => d.category.as_deref().into_iter().for_each(&mut add),
            Row::Mandatory(m) => m.category.as_deref().into_iter().for_each(&mut add),
            _ => {}
        }
    }
    add("Other");
    out
}

/// The names of the mandatory documents the case is missing (what a request asks for first;
/// an individual's rules are categories such as `selfie`, which the API takes as names too).
pub fn missing(p: &DocsPane) -> Vec<String> {
    rows(p)
        .into_iter()
        .filter_map(|r| match r {
            Row::Mandatory(m) if !m.present => Some(m.name),
            _ => None,
        })
        .collect()
}

/// The pane's three loads (a download or report has a slot of its own, never stopped).
const SLOTS: [Slot; 3] = [
    Slot::Documents,
    Slot::MandatoryDocuments,
    Slot::DocumentSteps,
];

impl DocsPane {
    pub fn selected_row(&self) -> Option<Row> {
        rows(self).into_iter().nth(self.selected)
    }
}

// ───────────────────────────── helpers ─────────────────────────────

// ───────────────────────────── actions ─────────────────────────────

/// Show the documents of the open case (`:docs`), loading them afresh.
pub fn open(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((kind, case, title)) = the_open_case(state) else {
        return;
    };
    pane_for(state, kind, case, title);
    show(state, View::Docs, fx);
    load(state, fx);
}

/// The pane's state for `case`: kept when it is that case's, else started afresh. The
/// overview's summary loads the listing and the rules into it too, so both read one copy.
pub(crate) fn pane_for(
    state: &mut State,
    kind: CaseKind,
    case: Id,
    title: String,
) -> &mut DocsPane {
    if state.docs.as_ref().is_some_and(|p| p.case != case) {
        state.docs = None;
    }
    state.docs.get_or_insert_with(|| DocsPane {
        kind,
        case,
        title,
        listing: Remote::default(),
        mandatory: Remote::default(),
        steps: Remote::default(),
        selected: 0,
        check: None,
    })
}

/// Reload the listing, the rules and the document steps.
pub fn load(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(p) = state.docs.as_mut() else {
        return;
    };
    p.listing.start();
    p.mandatory.start();
    p.steps.start();
    let (kind, id) = (p.kind, p.case);
    // What the overview's summary is loading into this pane is not asked twice.
    if !in_flight(state, Slot::SummaryDocuments) {
        fetch(
            state,
            Slot::Documents,
            Request::Documents(op::Documents { kind, id }),
            fx,
        );
    }
    if !in_flight(state, Slot::SummaryMandatory) {
        fetch(
            state,
            Slot::MandatoryDocuments,
            Request::MandatoryDocuments(op::MandatoryDocuments { kind, id }),
            fx,
        );
    }
    fetch(
        state,
        Slot::DocumentSteps,
        Request::DocumentSteps(op::DocumentSteps { id }),
        fx,
    );
}

/// Esc in the pane: back to the case (the pane's loads stop as it is left).
fn back(state: &mut State, fx: &mut Vec<Effect>) {
    let to = if state.case.is_some() {
        View::Case
    } else {
        View::Cases
    };
    show(state, to, fx);
}

/// A normal-mode action in the pane. Returns whether the pane took it.
fn on_action(state: &mut State, action: Action, page: usize, fx: &mut Vec<Effect>) -> bool {
    match action {
        a if a.is_move() => move_selection(state, action, page),
        Action::Back => {
            back(state, fx);
        }
        Action::Open | Action::Download => download_selected(state, fx),
        Action::Report => report(state, fx),
        Action::Upload => super::docs_form::open_upload(state, None, fx),
        Action::Prevalidate => super::docs_form::open_prevalidate(state, None, fx),
        Action::RequestDocs => super::docs_form::open_request(state, None, fx),
        Action::Refresh => {
            load(state, fx);
            info(state, "refreshing documents…");
        }
        _ => return false,
    }
    true
}

fn move_selection(state: &mut State, action: Action, page: usize) {
    let Some(p) = state.docs.as_mut() else {
        return;
    };
    let rows = rows(p);
    let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
    if selectable.is_empty() {
        return;
    }
    let cur = selectable
        .iter()
        .position(|&i| i >= p.selected)
        .unwrap_or(0);
    let next = super::moves::move_in(selectable.len(), cur, action, page);
    p.selected = selectable[next];
}

/// Keep the selection on a selectable row after the rows changed.
fn settle_selection(p: &mut DocsPane) {
    let rows = rows(p);
    if rows.get(p.selected).is_some_and(Row::selectable) {
        return;
    }
    p.selected = (p.selected..rows.len())
        .chain(0..p.selected.min(rows.len()))
        .find(|&i| rows[i].selectable())
        .unwrap_or(0);
}

/// Enter on a document downloads it; on a missing one it offers the upload form for it.
fn download_selected(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(row) = state.docs.as_ref().and_then(DocsPane::selected_row) else {
        info(state, "no document selected");
        return;
    };
    match row {
        Row::Doc(DocRow {
            document: Some(document),
            name,
            ..
        }) => download(state, document, &name, fx),
        Row::Doc(DocRow {
            available: true, ..
        }) => error(
            state,
            "the API gave no link for this document: nothing to download",
        ),
        Row::Doc(DocRow { category, .. }) => {
            info(
                state,
                "this document is missing: upload it, or ask the customer",
            );
            super::docs_form::open_upload(state, category, fx);
        }
        Row::Mandatory(m) if !m.present => {
            super::docs_form::open_upload(state, m.category, fx);
        }
        Row::Mandatory(m) => info(
            state,
            format!("{} is on the case: select it above to download", m.name),
        ),
        Row::Group(_) | Row::MandatoryHeader => {}
    }
}

/// Download a document by id.
pub fn download(state: &mut State, document: String, name: &str, fx: &mut Vec<Effect>) {
    info(
        state,
        format!("downloading {}…", crate::sanitize::clean(name)),
    );
    fetch(
        state,
        Slot::Transfer(0),
        Request::Download(op::Download { document }),
        fx,
    );
}

/// Download the open case's report (`:report`).
pub fn report(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((kind, id, _)) = the_open_case(state) else {
        return;
    };
    info(state, format!("asking for the report of case {id}…"));
    fetch(
        state,
        Slot::Transfer(0),
        Request::Report(op::Report { kind, id }),
        fx,
    );
}

/// The runtime saved (and perhaps opened) a download: say where it is.
pub fn on_saved(state: &mut State, saved: Saved) {
    match saved {
        Saved::Opened(path) => success(state, format!("opened {}", path.display())),
        Saved::Saved(path) => success(state, format!("saved to {}", path.display())),
        // The file is saved, which is what was asked: only the opening failed.
        Saved::NotOpened(path, why) => success(
            state,
            format!("saved to {} — not opened: {why}", path.display()),
        ),
        Saved::Failed(why) => error(state, format!("download not saved: {why}")),
    }
}

/// The name to save a download under when the server gives none.
fn fallback_name(stem: &str, d: &Download) -> String {
    let ext = match d.content_type.as_deref().map(str::trim) {
        Some(t) if t.starts_with("application/pdf") => ".pdf",
        Some(t) if t.starts_with("image/png") => ".png",
        Some(t) if t.starts_with("image/jpeg") => ".jpg",
        _ => "",
    };
    format!("{stem}{ext}")
}

// ───────────────────────────── answers ─────────────────────────────

impl OnAnswer for op::Documents {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Documents { id, .. } = self;

        loaded(state, id, "documents", result, |p| &mut p.listing);
    }
}

impl OnAnswer for op::MandatoryDocuments {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::MandatoryDocuments { id, .. } = self;

        loaded(state, id, "mandatory documents", result, |p| {
            &mut p.mandatory
        });
    }
}

impl OnAnswer for op::DocumentSteps {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::DocumentSteps { id } = self;

        loaded(state, id, "document steps", result, |p| &mut p.steps);
    }
}

impl OnAnswer for op::Report {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::Report { id, .. } = self;

        transferred(state, "report", format!("case-{id}-report"), result, fx);
    }
}

impl OnAnswer for op::Download {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::Download { document } = self;

        transferred(
            state,
            "download",
            format!("document-{document}"),
            result,
            fx,
        );
    }
}

/// One of the three loads of the pane, for the case still shown.
fn loaded<T>(
    state: &mut State,
    id: crate::api::Id,
    what: &str,
    result: Result<T, Failure>,
    slot: impl FnOnce(&mut DocsPane) -> &mut Remote<T>,
) {
    let Some(p) = state.docs.as_mut().filter(|p| p.case == id) else {
        return;
    };
    let failed = match result {
        Ok(v) => {
            slot(p).set(v);
            None
        }
        Err(f) => {
            slot(p).fail(f.clone());
            Some(f)
        }
    };
    settle_selection(p);
    if let Some(f) = failed {
        error(state, format!("{what}: {}", f.one_line()));
    }
}

/// A download or report came: save it (the runtime does), or say why not.
fn transferred(
    state: &mut State,
    what: &str,
    stem: String,
    result: Result<Box<crate::api::Download>, Failure>,
    fx: &mut Vec<Effect>,
) {
    match result {
        Ok(d) => {
            let fallback = fallback_name(&stem, &d);
            info(state, "saving…");
            fx.push(Effect::SaveDownload {
                download: d,
                fallback,
                open: true,
            });
        }
        Err(f) => error(state, format!("{what}: {}", f.one_line())),
    }
}

/// The documents of the open case.
pub struct DocsScreen;

impl Pane for DocsScreen {
    fn context(&self, _: &State) -> Context {
        Context::Docs
    }

    fn crumbs(&self, state: &State) -> Vec<String> {
        let mut out = vec!["Cases".to_owned()];
        if let Some(p) = &state.docs {
            out.push(format!("{} ({})", p.title, p.case));
            out.push("Documents".to_owned());
        }
        out
    }

    /// Counts whatever shows: a download goes on while the user looks elsewhere.
    fn is_loading(&self, state: &State) -> bool {
        state.docs.is_some() && (any_in_flight(state, &SLOTS) || transferring(state))
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        on_action(state, action, page_rows(state), fx)
    }

    /// The listing, rules and document steps are of no use elsewhere: they stop (a download
    /// goes on, in a slot of its own).
    fn leave(&self, state: &mut State, _: View, fx: &mut Vec<Effect>) {
        cancel(state, &SLOTS, fx);
    }
}

#[cfg(test)]
mod tests;
