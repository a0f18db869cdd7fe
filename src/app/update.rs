//! `update()`: one message in, the state changed, the effects out.

use super::command::{self, Command};
use super::*;
use crate::api::{CaseKind, StepStatus};
use crate::op;
use crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
use keymap::Key;

/// Apply one message.
pub fn update(state: &mut State, msg: Msg) -> Vec<Effect> {
    let mut fx = Vec::new();
    match msg {
        Msg::Key(ev) => {
            if ev.kind != KeyEventKind::Release {
                on_key(state, ev, &mut fx);
            }
        }
        Msg::Paste(text) => on_paste(state, &text, &mut fx),
        Msg::Resize(w, h) => state.size = (w, h),
        Msg::Tick(now) => {
            state.spinner = state.spinner.wrapping_add(1);
            search::on_tick(state, now);
        }
        Msg::Today(date) => state.today = Some(date),
        Msg::Local(done) => local::on_local(state, done),
        Msg::Done {
            id,
            slot,
            answer,
            read_back,
        } => {
            if state.latest.get(&slot) == Some(&id) {
                state.latest.remove(&slot);
                on_done(state, answer, &mut fx);
                // A change found done by reading back was handled as if its answer had come.
                if read_back && let Some(line) = state.status.as_mut() {
                    line.text
                        .push_str(" — the answer was lost; reading back showed it went through");
                }
            }
        }
    }
    fx
}

/// Start the first load: both kinds of case list.
pub fn start(state: &mut State) -> Vec<Effect> {
    let mut fx = Vec::new();
    load_cases(state, &mut fx);
    fx
}

pub(super) fn fetch(
    state: &mut State,
    slot: Slot,
    request: Request,
    fx: &mut Vec<Effect>,
) -> ReqId {
    state.next_req += 1;
    let id = state.next_req;
    let slot = match slot {
        Slot::Mutation(_) => Slot::Mutation(id),
        s => s,
    };
    state.latest.insert(slot, id);
    fx.push(Effect::Fetch { id, slot, request });
    id
}

/// Every change of this module goes through the gate (read-only, production, journal).
pub(super) fn mutate(state: &mut State, request: Request, fx: &mut Vec<Effect>) {
    super::gate::send(state, request, fx);
}

/// What a command that needs an open case says when none is.
pub(super) const NO_OPEN_CASE: &str = "no case is open: :case ID or Enter on the list";

/// The open case as (kind, id, title), or a message saying how to open one.
pub(super) fn the_open_case(state: &mut State) -> Option<(CaseKind, Id, String)> {
    match state.case.as_ref() {
        Some(cv) => Some((cv.kind, cv.id, cv.title.clone())),
        None => {
            error(state, NO_OPEN_CASE);
            None
        }
    }
}

pub(super) fn info(state: &mut State, text: impl Into<String>) {
    state.status = Some(StatusLine {
        text: text.into(),
        tone: Tone::Info,
    });
}

pub(super) fn success(state: &mut State, text: impl Into<String>) {
    state.status = Some(StatusLine {
        text: text.into(),
        tone: Tone::Success,
    });
}

pub(super) fn error(state: &mut State, text: impl Into<String>) {
    state.status = Some(StatusLine {
        text: text.into(),
        tone: Tone::Error,
    });
}

fn load_cases(state: &mut State, fx: &mut Vec<Effect>) {
    for kind in [CaseKind::Company, CaseKind::Individual] {
        state.cases.clear_kind(kind);
        load_page(state, kind, 1, fx);
    }
    state.cases.error = None;
}

fn load_page(state: &mut State, kind: CaseKind, page: u32, fx: &mut Vec<Effect>) {
    load(state, kind, page, PAGE_SIZE, fx);
}

fn load(state: &mut State, kind: CaseKind, page: u32, page_size: u32, fx: &mut Vec<Effect>) {
    state.cases.loading[cases::kind_index(kind)] = true;
    fetch(
        state,
        Slot::CasePage(kind),
        Request::ListCases(op::ListCases {
            kind,
            page,
            page_size,
        }),
        fx,
    );
}

/// Ask for the cases after those loaded, in bulk pages. The bulk page that holds the next case
/// may start before it (the first bulk page repeats the small first page): the answer skips
/// what is already in.
fn load_rest(state: &mut State, kind: CaseKind, fx: &mut Vec<Effect>) {
    let loaded = u32::try_from(state.cases.count(kind)).unwrap_or(u32::MAX);
    load(state, kind, loaded / BULK_PAGE_SIZE + 1, BULK_PAGE_SIZE, fx);
}

// ───────────────────────────── keys ─────────────────────────────

fn on_key(state: &mut State, ev: crossterm::event::KeyEvent, fx: &mut Vec<Effect>) {
    if let Some(next) = super::alt_esc::split(state, &ev) {
        on_key(state, super::alt_esc::esc(), fx);
        if !state.quit {
            on_key(state, next, fx);
        }
        return;
    }
    // Ctrl-C always quits, whatever the mode, except inside the editor (where it would lose
    // text): there it asks first like Esc does.
    let key = Key::from_event(&ev);
    match std::mem::replace(&mut state.mode, Mode::Normal) {
        Mode::Normal => on_normal_key(state, key, fx),
        Mode::Help(scroll) => {
            state.mode = match key.code {
                KeyCode::Down | KeyCode::Char('j') => Mode::Help(scroll.saturating_add(1)),
                KeyCode::Up | KeyCode::Char('k') => Mode::Help(scroll.saturating_sub(1)),
                KeyCode::PageDown => Mode::Help(scroll.saturating_add(10)),
                KeyCode::PageUp => Mode::Help(scroll.saturating_sub(10)),
                KeyCode::Char('c') if key.mods.contains(KeyModifiers::CONTROL) => {
                    quit(state, fx);
                    Mode::Normal
                }
                _ => Mode::Normal,
            };
        }
        Mode::Filter => on_filter_key(state, key),
        Mode::Command(line) => on_command_key(state, key, line, fx),
        Mode::Edit(editor) => on_editor_key(state, ev, editor, fx),
        Mode::Confirm(confirm, under) => on_confirm_key(state, key, confirm, under, fx),
        Mode::Aml(popup) => super::aml::on_popup_key(state, ev, *popup, fx),
        Mode::Create(popup) => super::create::on_key(state, ev, popup, fx),
        Mode::Work(input) => super::casework::on_input_key(state, ev, *input, fx),
        Mode::Docs(form) => super::docs_form::on_key(state, ev, *form, fx),
    }
}

fn on_paste(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    match &mut state.mode {
        Mode::Edit(editor) => {
            editor.area.insert_str(text);
            let (case, step, text) = (editor.case, editor.step, editor.text());
            save_draft(state, case, step, text, fx);
        }
        Mode::Filter => {
            let pasted = text.replace(['\n', '\r'], " ");
            let filter = format!("{}{pasted}", state.cases.filter_text());
            state.cases.set_filter(filter);
        }
        Mode::Command(line) => line.push_str(&text.replace(['\n', '\r'], " ")),
        Mode::Aml(popup) => super::aml::on_paste(popup, text),
        Mode::Create(_) => super::create::on_paste(state, text, fx),
        Mode::Work(_) => super::casework::on_paste(state, text),
        Mode::Docs(form) => form.paste(text),
        _ => {}
    }
}

fn quit(state: &mut State, fx: &mut Vec<Effect>) {
    state.quit = true;
    fx.push(Effect::Quit);
}

fn page_rows(state: &State) -> usize {
    usize::from(state.size.1.saturating_sub(8)).max(1)
}

fn on_normal_key(state: &mut State, key: Key, fx: &mut Vec<Effect>) {
    if org::intercept(state, key) {
        return;
    }
    let ctx = state.context();
    if alerts::on_popup_key(state, key, fx) {
        return;
    }
    let Some(action) = state.keymap.action(ctx, key) else {
        return;
    };
    if org::on_action(state, action, page_rows(state), fx) {
        return;
    }
    if super::aml::on_action(state, action, fx) {
        return;
    }
    if super::journal::on_action(state, action, page_rows(state), fx) {
        return;
    }
    if super::docs::on_action(state, action, page_rows(state), fx) {
        return;
    }
    if state.view == View::Alerts && alerts::on_action(state, action, fx) {
        return;
    }
    if search::on_action(state, action, fx) || super::casework::on_action(state, action, fx) {
        return;
    }
    match action {
        Action::Alerts => alerts::open(state, fx),
        Action::Quit => quit(state, fx),
        Action::Help => state.mode = Mode::Help(0),
        Action::Command => state.mode = Mode::Command(String::new()),
        Action::Filter => {
            if state.view == View::Cases {
                state.mode = Mode::Filter;
            }
        }
        Action::Refresh => refresh(state, fx),
        Action::Back => back(state, fx),
        Action::NextPane | Action::PrevPane => {
            if let Some(cv) = state.case.as_mut().filter(|_| state.view == View::Case) {
                cv.focus = if action == Action::NextPane {
                    cv.focus.next()
                } else {
                    cv.focus.prev()
                };
            }
        }
        Action::Up
        | Action::Down
        | Action::Top
        | Action::Bottom
        | Action::PageUp
        | Action::PageDown => move_selection(state, action, fx),
        Action::Open => open(state, fx),
        Action::SortNext | Action::SortReverse => {
            let l = &mut state.cases;
            l.set_sort(Some(match (action, l.sort()) {
                (Action::SortNext, None) => (Column::Type, false),
                (Action::SortNext, Some((c, _))) => (c.next(), false),
                (_, Some((c, d))) => (c, !d),
                (_, None) => (Column::Id, true),
            }));
            if let Some((c, d)) = l.sort() {
                let dir = if d { "descending" } else { "ascending" };
                info(state, format!("sorted by {} ({dir})", c.title()));
            }
        }
        Action::MarkPassed => set_status(state, StepStatus::Passed, fx),
        Action::MarkFailed => set_status(state, StepStatus::Failed, fx),
        Action::MarkNotReviewed => set_status(state, StepStatus::NotReviewed, fx),
        Action::Activate => activate(state, fx),
        Action::ToggleGroup => toggle_group(state),
        Action::CopyId | Action::CopyName => copy(state, action == Action::CopyId, fx),
        Action::GoOrg => run_command(state, "org", fx),
        Action::GoAml => run_command(state, "aml", fx),
        Action::GoDocs => run_command(state, "docs", fx),
        // The documents pane's own actions (`docs::on_action` took them there).
        Action::Download
        | Action::Report
        | Action::Upload
        | Action::Prevalidate
        | Action::RequestDocs => {}
        Action::NewNote => new_note(state),
        Action::DeleteNote => delete_note(state),
        // The ownership views' own actions (handled by `org::on_action` above).
        Action::ExpandAll
        | Action::CollapseAll
        | Action::ScrollLeft
        | Action::ScrollRight
        | Action::FindNext => {}
        // The AML pane's own actions; `aml::on_action` took them above where they apply.
        Action::ExcludeMatch | Action::OpenSource | Action::NextSource => {}
        // The inbox's own actions: `alerts::on_action` took them when the inbox shows.
        Action::AlertApply
        | Action::AlertExclude
        | Action::AlertDismiss
        | Action::MarkAlert
        | Action::MarkAllAlerts
        | Action::ClearMarks
        | Action::AlertTypeTab
        | Action::ReviewDate
        | Action::AssignUser
        | Action::ScrollChangesDown
        | Action::ScrollChangesUp => {}
        // The search pane's own actions: `search::on_action` took them where they apply.
        Action::NewSearch | Action::CancelSearch | Action::NewCompany => {}
        Action::GoProperties => run_command(state, "props", fx),
        Action::GoAudit => run_command(state, "audit", fx),
        Action::EditIdentity => run_command(state, "identity", fx),
        // The case-work view's own actions: `casework::on_action` took them where they apply.
        Action::AddProperty | Action::EditProperty | Action::RemoveProperty => {}
    }
}

/// Copy the id or name of the case under the cursor (the open case in the case view).
fn copy(state: &mut State, id: bool, fx: &mut Vec<Effect>) {
    let target = match (state.view, &state.case) {
        (View::Case | View::CaseWork, Some(cv)) => Some((cv.id, cv.title.clone())),
        _ => state.cases.selected_row().map(|r| (r.id, r.name.clone())),
    };
    let Some((case_id, name)) = target else {
        return;
    };
    let text = if id { case_id.to_string() } else { name };
    info(state, format!("copied {text}"));
    fx.push(Effect::Copy(text));
}

pub(super) fn move_in(len: usize, cur: usize, action: Action, page: usize) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => (cur + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => (cur + page).min(last),
        _ => cur,
    }
}

fn move_selection(state: &mut State, action: Action, fx: &mut Vec<Effect>) {
    let page = page_rows(state);
    match state.view {
        View::Org => {}
        // The AML pane moves its own selection (aml::on_action).
        View::Aml => {}
        View::Cases => {
            let l = &mut state.cases;
            l.selected = move_in(l.view().len(), l.selected, action, page);
        }
        View::Alerts | View::Journal | View::Search | View::CaseWork | View::Docs => {}
        View::Case => {
            let Some(cv) = state.case.as_mut() else {
                return;
            };
            match cv.focus {
                CasePane::Steps => {
                    cv.selected = move_in(cv.rows.len(), cv.selected, action, page);
                    load_step(state, fx);
                }
                CasePane::Notes => {
                    let n = cv.notes.data.as_ref().map_or(0, Vec::len);
                    cv.note_selected = move_in(n, cv.note_selected, action, page);
                }
                CasePane::Overview => {
                    cv.overview_scroll = scroll(cv.overview_scroll, action, page);
                }
                CasePane::Detail => cv.detail_scroll = scroll(cv.detail_scroll, action, page),
            }
        }
    }
}

pub(super) fn scroll(cur: u16, action: Action, page: usize) -> u16 {
    let page = u16::try_from(page).unwrap_or(u16::MAX);
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => cur.saturating_add(1),
        Action::Top => 0,
        Action::Bottom => cur.saturating_add(page),
        Action::PageUp => cur.saturating_sub(page),
        Action::PageDown => cur.saturating_add(page),
        _ => cur,
    }
}

fn open(state: &mut State, fx: &mut Vec<Effect>) {
    match state.view {
        View::Org => {}
        View::Aml => {}
        View::Cases => {
            if let Some(row) = state.cases.selected_row() {
                let (kind, id, name) = (row.kind, row.id, row.name.clone());
                open_case(state, kind, id, name, fx);
            }
        }
        View::Alerts | View::Journal | View::Search | View::CaseWork | View::Docs => {}
        View::Case => {
            let Some(cv) = state.case.as_mut() else {
                return;
            };
            match (cv.focus, cv.selected_row()) {
                (CasePane::Steps, Some(TreeRow::Group(_))) => toggle_group(state),
                (CasePane::Steps, Some(TreeRow::Step(..))) => cv.focus = CasePane::Detail,
                (CasePane::Overview, _) => cv.focus = CasePane::Steps,
                _ => {}
            }
        }
    }
}

/// Open a case: its detail and steps load together; the first step's details follow the steps.
pub fn open_case(
    state: &mut State,
    kind: CaseKind,
    id: crate::api::Id,
    name: String,
    fx: &mut Vec<Effect>,
) {
    let mut cv = CaseView::new(kind, id, name);
    cv.detail.start();
    cv.steps.start();
    state.case = Some(cv);
    state.view = View::Case;
    fx.push(Effect::Cancel(Slot::StepDetails));
    fx.push(Effect::Cancel(Slot::Notes));
    state.latest.remove(&Slot::StepDetails);
    state.latest.remove(&Slot::Notes);
    fetch(
        state,
        Slot::CaseDetail,
        Request::CaseDetail(op::CaseDetail { kind, id }),
        fx,
    );
    fetch(state, Slot::Steps, Request::Steps(op::Steps { id }), fx);
}

fn back(state: &mut State, fx: &mut Vec<Effect>) {
    if org::back(state) {
        return;
    }
    if state.view == View::Case {
        if let Some(cv) = state.case.as_mut()
            && cv.focus != CasePane::Steps
        {
            cv.focus = CasePane::Steps;
            return;
        }
        state.view = View::Cases;
        // The user left the case: stop its loads.
        for slot in [
            Slot::CaseDetail,
            Slot::Steps,
            Slot::StepDetails,
            Slot::Notes,
        ] {
            if state.latest.remove(&slot).is_some() {
                fx.push(Effect::Cancel(slot));
            }
        }
        if let Some(cv) = state.case.as_mut() {
            cv.detail.loading = false;
            cv.steps.loading = false;
            cv.step_detail.loading = false;
            cv.notes.loading = false;
        }
    } else if !state.cases.filter_text().is_empty() {
        state.cases.set_filter("");
        info(state, "filter cleared");
    }
}

fn refresh(state: &mut State, fx: &mut Vec<Effect>) {
    if state.view == View::Org {
        org::refresh(state, fx);
        return;
    }
    match (state.view, state.case.as_ref()) {
        (View::Case, Some(cv)) => {
            let (kind, id, step) = (cv.kind, cv.id, cv.for_step);
            if let Some(cv) = state.case.as_mut() {
                cv.detail.start();
                cv.steps.start();
            }
            fetch(
                state,
                Slot::CaseDetail,
                Request::CaseDetail(op::CaseDetail { kind, id }),
                fx,
            );
            fetch(state, Slot::Steps, Request::Steps(op::Steps { id }), fx);
            if let Some(step) = step {
                request_step(state, id, step, fx);
            }
        }
        _ => load_cases(state, fx),
    }
    info(state, "refreshing…");
}

/// After the selection moved in the step tree: load the newly selected step's details and notes.
fn load_step(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        return;
    };
    let (id, step) = (cv.id, cv.selected_step().map(|s| s.case_step_id));
    if step == cv.for_step {
        return;
    }
    match step {
        Some(step) => {
            if state.drafts.contains_key(&(id, step)) {
                info(
                    state,
                    "a draft note for this step is waiting: n continues it",
                );
            }
            request_step(state, id, step, fx);
        }
        None => {
            if let Some(cv) = state.case.as_mut() {
                cv.for_step = None;
                cv.step_detail = Remote::default();
                cv.notes = Remote::default();
            }
        }
    }
}

pub(super) fn request_step(
    state: &mut State,
    id: crate::api::Id,
    step: crate::api::Id,
    fx: &mut Vec<Effect>,
) {
    if let Some(cv) = state.case.as_mut() {
        if cv.for_step != Some(step) {
            cv.step_detail = Remote::default();
            cv.notes = Remote::default();
            cv.note_selected = 0;
            cv.detail_scroll = 0;
        }
        cv.for_step = Some(step);
        cv.step_detail.start();
        cv.notes.start();
    }
    fetch(
        state,
        Slot::StepDetails,
        Request::StepDetails(op::StepDetails { id, step }),
        fx,
    );
    fetch(
        state,
        Slot::Notes,
        Request::Notes(op::Notes { id, step }),
        fx,
    );
}

fn toggle_group(state: &mut State) {
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    let group = match cv.selected_row() {
        Some(TreeRow::Group(g) | TreeRow::Step(g, _)) => g,
        None => return,
    };
    if !cv.collapsed.remove(&group) {
        cv.collapsed.insert(group);
    }
    cv.rebuild_rows();
    if let Some(pos) = cv.rows.iter().position(|r| *r == TreeRow::Group(group))
        && cv.collapsed.contains(&group)
    {
        cv.selected = pos;
    }
}

/// The step a step action applies to: the selected one in the tree.
fn target_step(state: &State) -> Option<(crate::api::Id, crate::api::Step)> {
    let cv = state.case.as_ref().filter(|_| state.view == View::Case)?;
    Some((cv.id, cv.selected_step()?.clone()))
}

fn set_status(state: &mut State, status: StepStatus, fx: &mut Vec<Effect>) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    if step.status == status {
        info(state, format!("already {}", status.label()));
        return;
    }
    let step_id = step.case_step_id;
    if let Some(cv) = state.case.as_mut() {
        cv.pending.entry(step_id).or_insert(step.status.clone());
        if let Some(s) = cv.step_mut(step_id) {
            s.status = status.clone();
        }
        if let Some(d) = cv
            .step_detail
            .data
            .as_mut()
            .filter(|d| d.case_step_id == step_id)
        {
            d.status = status.clone();
        }
    }
    info(
        state,
        format!(
            "marking {} {}…",
            step.name.as_deref().unwrap_or("step"),
            status.label()
        ),
    );
    mutate(
        state,
        Request::SetStepStatus(op::SetStepStatus {
            id,
            step: step_id,
            status,
        }),
        fx,
    );
}

fn activate(state: &mut State, fx: &mut Vec<Effect>) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    if !step.is_deactivated {
        info(state, "this step is already active");
        return;
    }
    info(state, "activating…");
    mutate(
        state,
        Request::Activate(op::Activate {
            id,
            step: step.case_step_id,
        }),
        fx,
    );
}

fn new_note(state: &mut State) {
    let Some((id, step)) = target_step(state) else {
        info(state, "select a step first");
        return;
    };
    let draft = state.drafts.get(&(id, step.case_step_id)).cloned();
    let mut area = match &draft {
        Some(text) => TextArea::from(text.lines().map(str::to_owned).collect::<Vec<_>>()),
        None => TextArea::default(),
    };
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    if draft.is_some() {
        info(state, "your unsent draft is back");
    }
    state.mode = Mode::Edit(Box::new(Editor {
        case: id,
        step: step.case_step_id,
        step_name: step.name.clone().unwrap_or_default(),
        area,
        saving: false,
    }));
}

fn delete_note(state: &mut State) {
    let Some(cv) = state.case.as_ref() else {
        return;
    };
    let (Some(step), Some(note)) = (
        cv.for_step,
        cv.notes.data.as_ref().and_then(|n| n.get(cv.note_selected)),
    ) else {
        info(state, "no note selected");
        return;
    };
    let preview: String = note
        .note
        .as_deref()
        .unwrap_or("")
        .chars()
        .take(60)
        .collect();
    let message = super::gate::confirm_message(
        state,
        format!(
            "Delete the note by {}?\n\n{preview}",
            note.created_by.as_deref().unwrap_or("unknown")
        ),
    );
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: "Delete note".into(),
            message,
            ok_label: "Delete".into(),
            action: Confirmed::DeleteNote {
                case: cv.id,
                step,
                note: note.step_note_id,
            },
            ok_focused: false,
        }),
        None,
    );
}

fn on_filter_key(state: &mut State, key: Key) {
    let mut text = state.cases.filter_text().to_owned();
    match key.code {
        KeyCode::Esc => {
            state.cases.set_filter("");
            return;
        }
        KeyCode::Enter => return,
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => {
            text.clear();
        }
        KeyCode::Up | KeyCode::Down => {
            let a = if key.code == KeyCode::Up {
                Action::Up
            } else {
                Action::Down
            };
            let l = &mut state.cases;
            l.selected = move_in(l.view().len(), l.selected, a, 1);
            state.mode = Mode::Filter;
            return;
        }
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => {
            text.push(c);
        }
        _ => {}
    }
    state.cases.set_filter(text);
    state.mode = Mode::Filter;
}

fn on_command_key(state: &mut State, key: Key, mut line: String, fx: &mut Vec<Effect>) {
    match key.code {
        KeyCode::Esc => return,
        KeyCode::Enter => {
            run_command(state, &line, fx);
            return;
        }
        KeyCode::Tab => line = command::complete(&line),
        // Backspace on an empty line leaves the command line, as in vim.
        KeyCode::Backspace if line.pop().is_none() => return,
        KeyCode::Backspace => {}
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => line.clear(),
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => line.push(c),
        _ => {}
    }
    state.mode = Mode::Command(line);
}

fn run_command(state: &mut State, line: &str, fx: &mut Vec<Effect>) {
    let cmd = match command::parse(line) {
        Ok(c) => c,
        Err(msg) => {
            if !msg.is_empty() {
                error(state, msg);
            }
            return;
        }
    };
    match cmd {
        Command::Quit => quit(state, fx),
        Command::Alerts(None) => alerts::open(state, fx),
        Command::Alerts(Some(text)) => alerts::open_filtered(state, &text, fx),
        Command::Help => state.mode = Mode::Help(0),
        Command::Refresh => refresh(state, fx),
        Command::Cases => state.view = View::Cases,
        Command::Filter(text) => {
            state.view = View::Cases;
            state.cases.set_filter(text);
        }
        Command::Aml => super::aml::open(state, fx),
        Command::Journal => super::journal::open(state, fx),
        Command::Docs => super::docs::open(state, fx),
        Command::Report => super::docs::report(state, fx),
        Command::Upload(_) | Command::Prevalidate(_) | Command::Request(_) => {
            super::docs_form::command(state, cmd, fx)
        }
        Command::Case(id) => {
            let found = state.cases.find(id).map(|r| (r.kind, r.name.clone()));
            match found {
                Some((kind, name)) => open_case(state, kind, id, name, fx),
                // Not loaded (yet): companies are the likelier kind; a 404 says otherwise.
                None => open_case(state, CaseKind::Company, id, format!("case {id}"), fx),
            }
        }
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
                    state.view = View::Case;
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
        | Command::Audit(_) => super::casework::command(state, cmd, fx),
    }
}

fn save_draft(
    state: &mut State,
    case: crate::api::Id,
    step: crate::api::Id,
    text: String,
    fx: &mut Vec<Effect>,
) {
    if text.trim().is_empty() {
        if state.drafts.remove(&(case, step)).is_some() {
            fx.push(Effect::DeleteDraft { case, step });
        }
    } else {
        state.drafts.insert((case, step), text.clone());
        fx.push(Effect::SaveDraft { case, step, text });
    }
}

fn on_editor_key(
    state: &mut State,
    ev: crossterm::event::KeyEvent,
    mut editor: Box<Editor>,
    fx: &mut Vec<Effect>,
) {
    let key = Key::from_event(&ev);
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    if editor.saving {
        // Keep what is being sent exactly as sent; keys wait until the server answers.
        if key.code == KeyCode::Esc {
            info(
                state,
                "still saving: the note stays until the server answers",
            );
        }
        state.mode = Mode::Edit(editor);
        return;
    }
    match key.code {
        KeyCode::Char('s') if ctrl => {
            let text = editor.text();
            if text.trim().is_empty() {
                error(state, "the note is empty");
            } else {
                editor.saving = true;
                info(state, "saving note…");
                let (id, step) = (editor.case, editor.step);
                mutate(state, Request::AddNote(op::AddNote { id, step, text }), fx);
            }
            state.mode = Mode::Edit(editor);
        }
        KeyCode::Esc => {
            if editor.text().trim().is_empty() {
                let (c, s) = (editor.case, editor.step);
                save_draft(state, c, s, String::new(), fx);
            } else {
                state.mode = Mode::Confirm(
                    Box::new(Confirm {
                        title: "Discard note".into(),
                        message: "Discard this note? Its text will be lost.".into(),
                        ok_label: "Discard".into(),
                        action: Confirmed::DiscardNote,
                        ok_focused: false,
                    }),
                    Some(editor),
                );
            }
        }
        _ => {
            if editor.area.input(ev) {
                let (c, s, t) = (editor.case, editor.step, editor.text());
                save_draft(state, c, s, t, fx);
            }
            state.mode = Mode::Edit(editor);
        }
    }
}

fn on_confirm_key(
    state: &mut State,
    key: Key,
    mut confirm: Box<Confirm>,
    under: Option<Box<Editor>>,
    fx: &mut Vec<Effect>,
) {
    let decision = match key.code {
        KeyCode::Char('y') => Some(true),
        KeyCode::Char('n') | KeyCode::Esc => Some(false),
        KeyCode::Enter => Some(confirm.ok_focused),
        KeyCode::Left
        | KeyCode::Right
        | KeyCode::Tab
        | KeyCode::BackTab
        | KeyCode::Char('h')
        | KeyCode::Char('l') => {
            confirm.ok_focused = !confirm.ok_focused;
            None
        }
        _ => None,
    };
    match decision {
        None => state.mode = Mode::Confirm(confirm, under),
        Some(false) => {
            if let Some(editor) = under {
                state.mode = Mode::Edit(editor);
            }
            if let Confirmed::Send(request) = confirm.action {
                super::gate::cancelled(state, *request, fx);
            }
        }
        Some(true) => match confirm.action {
            Confirmed::DiscardNote => {
                if let Some(editor) = under {
                    save_draft(state, editor.case, editor.step, String::new(), fx);
                }
                info(state, "note discarded");
            }
            Confirmed::BulkAlerts(action) => alerts::run_bulk(state, action, fx),
            Confirmed::Send(request) => {
                super::gate::send_confirmed(state, *request, fx);
            }
            a @ (Confirmed::CloseCase { .. }
            | Confirmed::ReopenCase { .. }
            | Confirmed::RemoveProperty { .. }) => super::casework::on_confirmed(state, a, fx),
            Confirmed::DeleteNote { case, step, note } => {
                info(state, "deleting note…");
                super::gate::send_confirmed(
                    state,
                    Request::DeleteNote(op::DeleteNote {
                        id: case,
                        step,
                        note,
                    }),
                    fx,
                );
            }
        },
    }
}

// ───────────────────────────── answers ─────────────────────────────

pub(super) fn on_done(state: &mut State, answer: Answer, fx: &mut Vec<Effect>) {
    match answer {
        Answer::ReadJournal(op::ReadJournal, result) => super::journal::on_done(state, result),
        a @ (Answer::OrgChart(..) | Answer::Members(..) | Answer::Link(..)) => {
            org::on_done(state, a)
        }
        a @ (Answer::LmCases(..)
        | Answer::LmAlerts(..)
        | Answer::AlertAction(..)
        | Answer::SetReviewDate(..)
        | Answer::Users(..)
        | Answer::AssignUser(..)) => alerts::on_done(state, a, fx),
        a @ (Answer::Search(..)
        | Answer::Jurisdictions(..)
        | Answer::CompanyTypes(..)
        | Answer::CreateCompany(..)
        | Answer::ImportCompany(..)
        | Answer::CreateIndividual(..)) => search::on_done(state, a, fx),
        a @ (Answer::Properties(..)
        | Answer::SetProperty(..)
        | Answer::RemoveProperty(..)
        | Answer::SetCaseStatus(..)
        | Answer::DeleteCase(..)
        | Answer::AuditTrail(..)
        | Answer::UpdateIdentity(..)) => super::casework::on_done(state, a, fx),
        Answer::ListCases(
            op::ListCases {
                kind,
                page,
                page_size,
            },
            result,
        ) => {
            state.cases.loading[cases::kind_index(kind)] = false;
            match result {
                Ok(crate::api::Page { items, total }) => {
                    let offset = (page.saturating_sub(1) as usize) * page_size as usize;
                    let skip = state
                        .cases
                        .count(kind)
                        .saturating_sub(offset)
                        .min(items.len());
                    let full = items.len() == page_size as usize;
                    state.cases.add_page(kind, &items[skip..], total);
                    if skip < items.len() && state.cases.has_more(kind, full) {
                        load_rest(state, kind, fx);
                    }
                }
                Err(f) => {
                    error(state, format!("case list: {}", f.one_line()));
                    state.cases.error = Some(f);
                }
            }
        }
        Answer::CaseDetail(op::CaseDetail { id, .. }, result) => {
            let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
                return;
            };
            match result {
                Ok(d) => {
                    let name = d.name();
                    if !name.is_empty() {
                        cv.title = name;
                    }
                    cv.detail.set(d);
                }
                Err(f) => {
                    let line = format!("case {id}: {}", f.one_line());
                    cv.detail.fail(f);
                    error(state, line);
                }
            }
        }
        Answer::Steps(op::Steps { id }, result) => {
            let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
                return;
            };
            match result {
                Ok(groups) => {
                    let first = cv.steps.data.is_none();
                    cv.steps.set(groups);
                    cv.rebuild_rows();
                    if first {
                        cv.select_first_step();
                    }
                    load_step(state, fx);
                }
                Err(f) => {
                    let line = format!("steps of case {id}: {}", f.one_line());
                    cv.steps.fail(f);
                    error(state, line);
                }
            }
        }
        Answer::StepDetails(op::StepDetails { id, step }, result) => {
            let Some(cv) = state
                .case
                .as_mut()
                .filter(|c| c.id == id && c.for_step == Some(step))
            else {
                return;
            };
            match result {
                Ok(d) => cv.step_detail.set(d),
                Err(f) => {
                    let line = format!("step {step}: {}", f.one_line());
                    cv.step_detail.fail(f);
                    error(state, line);
                }
            }
        }
        Answer::Notes(op::Notes { id, step }, result) => {
            let Some(cv) = state
                .case
                .as_mut()
                .filter(|c| c.id == id && c.for_step == Some(step))
            else {
                return;
            };
            match result {
                Ok(n) => {
                    cv.note_selected = cv.note_selected.min(n.len().saturating_sub(1));
                    cv.notes.set(n);
                }
                Err(f) => {
                    let line = format!("notes: {}", f.one_line());
                    cv.notes.fail(f);
                    error(state, line);
                }
            }
        }
        Answer::SetStepStatus(op::SetStepStatus { id, step, status }, result) => {
            let cv = state.case.as_mut().filter(|c| c.id == id);
            match result {
                Ok(d) => {
                    if let Some(cv) = cv {
                        cv.pending.remove(&step);
                        if let Some(s) = cv.step_mut(step) {
                            s.status = d.status.clone();
                        }
                        if cv.for_step == Some(step) {
                            cv.step_detail.set(d.clone());
                        }
                    }
                    success(
                        state,
                        format!(
                            "{} is {}",
                            d.name.as_deref().unwrap_or("step"),
                            d.status.label()
                        ),
                    );
                }
                Err(f) => {
                    if let Some(cv) = cv
                        && let Some(old) = cv.pending.remove(&step)
                    {
                        if let Some(s) = cv.step_mut(step) {
                            s.status = old.clone();
                        }
                        if let Some(d) = cv
                            .step_detail
                            .data
                            .as_mut()
                            .filter(|d| d.case_step_id == step)
                        {
                            d.status = old;
                        }
                    }
                    error(
                        state,
                        format!(
                            "could not mark step {}: {} (rolled back)",
                            status.label(),
                            f.one_line()
                        ),
                    );
                }
            }
        }
        Answer::Activate(op::Activate { id, step }, result) => match result {
            Ok(s) => {
                if let Some(cv) = state.case.as_mut().filter(|c| c.id == id)
                    && let Some(old) = cv.step_mut(step)
                {
                    *old = *s;
                }
                success(state, "step activated for full KYC");
                if state
                    .case
                    .as_ref()
                    .is_some_and(|c| c.for_step == Some(step))
                {
                    request_step(state, id, step, fx);
                }
            }
            Err(f) => error(state, format!("could not activate: {}", f.one_line())),
        },
        Answer::AddNote(op::AddNote { id, step, .. }, result) => {
            let editing = matches!(&state.mode, Mode::Edit(e) if e.case == id && e.step == step);
            match result {
                Ok(_) => {
                    if editing {
                        state.mode = Mode::Normal;
                    }
                    state.drafts.remove(&(id, step));
                    fx.push(Effect::DeleteDraft { case: id, step });
                    success(state, "note saved");
                    if state
                        .case
                        .as_ref()
                        .is_some_and(|c| c.id == id && c.for_step == Some(step))
                    {
                        if let Some(cv) = state.case.as_mut() {
                            cv.notes.start();
                        }
                        fetch(
                            state,
                            Slot::Notes,
                            Request::Notes(op::Notes { id, step }),
                            fx,
                        );
                    }
                }
                Err(f) => {
                    if let Mode::Edit(e) = &mut state.mode {
                        e.saving = false;
                    }
                    error(
                        state,
                        format!(
                            "note not saved, your text is kept: {} — Ctrl-S retries",
                            f.one_line()
                        ),
                    );
                }
            }
        }
        a @ (Answer::Documents(..)
        | Answer::MandatoryDocuments(..)
        | Answer::DocumentSteps(..)
        | Answer::Download(..)
        | Answer::Report(..)
        | Answer::Upload(..)
        | Answer::Prevalidate(..)
        | Answer::RequestDocuments(..)) => super::docs::on_done(state, a, fx),
        a @ (Answer::AmlChecks(..)
        | Answer::IdentityFields(..)
        | Answer::ExcludeAml(..)
        | Answer::ExclusionNote(..)) => super::aml::on_done(state, a, fx),
        Answer::DeleteNote(op::DeleteNote { id, step, note }, result) => match result {
            Ok(_) => {
                if let Some(cv) = state
                    .case
                    .as_mut()
                    .filter(|c| c.id == id && c.for_step == Some(step))
                    && let Some(notes) = cv.notes.data.as_mut()
                {
                    notes.retain(|n| n.step_note_id != note);
                    cv.note_selected = cv.note_selected.min(notes.len().saturating_sub(1));
                }
                success(state, "note deleted");
            }
            Err(f) => error(state, format!("note not deleted: {}", f.one_line())),
        },
    }
}
