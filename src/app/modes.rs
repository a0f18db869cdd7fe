//! The mode layer: one mechanism for every popup and input mode. While `state.mode` is not
//! [`Mode::Normal`] it is the top layer and takes every key (and paste) first; its handler puts
//! the mode back to stay open. With no layer open the key goes to the pane of the view
//! (`update::on_normal_key`). A layer is state plus a pure handler, like everything in `app`:
//! the command line, the case filter, help, a confirmation (over the note editor), the note
//! editor, the org chart's find line, the inbox's popups and the panes' forms.
//!
//! In read-only mode a layer that exists to make a change never stays open (`door`).

use super::case::{on_editor_key, save_draft};
use super::command::{self, run::run_command};
use super::moves::move_in;
use super::status::info;
use super::update::{on_normal_key, quit};
use super::*;
use crate::op;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use keymap::{Action, Key};

/// A key: to the top layer, or to the view when none is open.
pub(super) fn on_key(state: &mut State, ev: KeyEvent, fx: &mut Vec<Effect>) {
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
    let was_open = super::door::opens_a_change(&state.mode);
    match std::mem::replace(&mut state.mode, Mode::Normal) {
        Mode::Normal => on_normal_key(state, key, fx),
        Mode::Help(scroll) => on_help_key(state, key, scroll, fx),
        Mode::Filter => on_filter_key(state, key),
        Mode::Command(line) => on_command_key(state, key, line, fx),
        Mode::Edit(editor) => on_editor_key(state, ev, editor, fx),
        Mode::Confirm(confirm, under) => on_confirm_key(state, key, confirm, under, fx),
        Mode::Find(line) => org::on_find_key(state, key, line),
        Mode::Inbox(popup) => alerts::on_popup_key(state, key, *popup, fx),
        Mode::Aml(popup) => aml::on_popup_key(state, ev, *popup, fx),
        Mode::Create(popup) => create::on_key(state, ev, popup, fx),
        Mode::Work(input) => casework::on_input_key(state, ev, *input, fx),
        Mode::Docs(form) => docs_form::on_key(state, ev, *form, fx),
    }
    // An action that only sometimes changes (Enter on a registry hit, on a missing document)
    // may have opened a form: in read-only mode it closes before it is ever drawn.
    super::door::close_if_refused(state, was_open);
}

/// Pasted text: to the layer that takes text; the view and the other layers ignore it.
pub(super) fn on_paste(state: &mut State, text: &str, fx: &mut Vec<Effect>) {
    match &mut state.mode {
        Mode::Edit(editor) => {
            // What reaches the draft and the server is the note as it reads.
            editor.area.insert_str(crate::sanitize::note_text(text));
            let (case, step, text) = (editor.case, editor.step, editor.text());
            save_draft(state, case, step, text, fx);
        }
        Mode::Filter => {
            let pasted = text.replace(['\n', '\r'], " ");
            let filter = format!("{}{pasted}", state.cases.filter_text());
            state.cases.set_filter(filter);
        }
        Mode::Command(line) => line.edit().push_str(&text.replace(['\n', '\r'], " ")),
        Mode::Aml(popup) => aml::on_paste(popup, text),
        Mode::Create(_) => create::on_paste(state, text, fx),
        Mode::Work(_) => casework::on_paste(state, text),
        Mode::Docs(form) => form.paste(text),
        Mode::Inbox(popup) => alerts::on_paste(popup, text),
        Mode::Normal | Mode::Help(_) | Mode::Confirm(..) | Mode::Find(_) => {}
    }
}

fn on_help_key(state: &mut State, key: Key, scroll: moves::Scroll, fx: &mut Vec<Effect>) {
    let action = match key.code {
        KeyCode::Down | KeyCode::Char('j') => Action::Down,
        KeyCode::Up | KeyCode::Char('k') => Action::Up,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::Home => Action::Top,
        KeyCode::End => Action::Bottom,
        KeyCode::Char('c') if key.mods.contains(KeyModifiers::CONTROL) => {
            quit(state, fx);
            return;
        }
        _ => return,
    };
    scroll.go(action, moves::page_rows(state));
    state.mode = Mode::Help(scroll);
}

fn on_filter_key(state: &mut State, key: Key) {
    let mut text = state.cases.filter_text().to_owned();
    match key.code {
        KeyCode::Esc => {
            state.cases.set_filter("");
            return;
        }
        KeyCode::Enter => {
            // Kept with what it does not understand: the status line says it once more.
            if let Some(problem) = state.cases.filter_problem() {
                super::status::error(state, problem);
            }
            return;
        }
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

fn on_command_key(
    state: &mut State,
    key: Key,
    mut line: command::CommandLine,
    fx: &mut Vec<Effect>,
) {
    match key.code {
        KeyCode::Esc => return,
        KeyCode::Enter => {
            run_command(state, &line, fx);
            return;
        }
        KeyCode::Tab => line.tab(true),
        KeyCode::BackTab => line.tab(false),
        // Backspace on an empty line leaves the command line, as in vim.
        KeyCode::Backspace if line.edit().pop().is_none() => return,
        KeyCode::Backspace => {}
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => line.edit().clear(),
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => line.edit().push(c),
        _ => {}
    }
    state.mode = Mode::Command(line);
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
            Confirmed::Send(request) => {
                // A note asked about goes back to its editor, which closes when saved.
                if let Some(editor) = under {
                    state.mode = Mode::Edit(editor);
                }
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
