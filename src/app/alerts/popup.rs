//! The inbox's popups: the filter line, the review-date chooser, the assignment picker.

use super::{AlertsState, load_inbox, parse_filters, say};
use crate::api::{CaseKind, Id, REVIEW_CHOICES, User};
use crate::app::keymap::Key;
use crate::app::{Effect, Mode, Request, State, Tone};
use crate::op;
use crossterm::event::{KeyCode, KeyModifiers};

/// A popup of the inbox; while one is open it takes every key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    /// The filter line being edited.
    Filter(String),
    /// `selected` indexes [`REVIEW_CHOICES`], then one more row: a typed DD/MM/YYYY date.
    ReviewDate {
        kind: CaseKind,
        case: Id,
        selected: usize,
        date: String,
        error: Option<String>,
    },
    /// Users filtered as you type.
    Assign {
        case: Id,
        filter: String,
        selected: usize,
    },
}

/// The row of the review-date chooser that takes a typed date.
pub const DATE_ROW: usize = REVIEW_CHOICES.len();

/// Keys while a popup is open (the [`Mode::Inbox`] layer): it takes every key; Esc and
/// Ctrl-C close it.
pub fn on_popup_key(state: &mut State, key: Key, popup: Popup, fx: &mut Vec<Effect>) {
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    if key.code == KeyCode::Esc || (ctrl && key.code == KeyCode::Char('c')) {
        return;
    }
    let keep = match popup {
        Popup::Filter(mut text) => match key.code {
            KeyCode::Enter => match parse_filters(&state.alerts, &text) {
                Ok(f) => {
                    state.alerts.filters = f;
                    load_inbox(state, fx);
                    None
                }
                Err(e) => {
                    say(state, Tone::Error, e);
                    Some(Popup::Filter(text))
                }
            },
            KeyCode::Backspace => {
                text.pop();
                Some(Popup::Filter(text))
            }
            KeyCode::Char('u') if ctrl => Some(Popup::Filter(String::new())),
            KeyCode::Char(c) if !ctrl => {
                text.push(c);
                Some(Popup::Filter(text))
            }
            _ => Some(Popup::Filter(text)),
        },
        Popup::ReviewDate {
            kind,
            case,
            mut selected,
            mut date,
            mut error,
        } => {
            match key.code {
                KeyCode::Up => selected = selected.saturating_sub(1),
                KeyCode::Down => selected = (selected + 1).min(DATE_ROW),
                KeyCode::Char('k') if selected != DATE_ROW => selected = selected.saturating_sub(1),
                KeyCode::Char('j') if selected != DATE_ROW => {
                    selected = (selected + 1).min(DATE_ROW)
                }
                KeyCode::Char(c) if c.is_ascii_digit() || c == '/' => {
                    selected = DATE_ROW;
                    if date.len() < 10 {
                        date.push(c);
                    }
                    error = None;
                }
                KeyCode::Backspace => {
                    date.pop();
                    error = None;
                }
                KeyCode::Enter => {
                    let value = if selected == DATE_ROW {
                        match check_date(&date) {
                            Ok(()) => Some(date.clone()),
                            Err(e) => {
                                error = Some(e);
                                None
                            }
                        }
                    } else {
                        REVIEW_CHOICES.get(selected).map(|s| (*s).to_owned())
                    };
                    if let Some(value) = value {
                        set_review_date(state, kind, case, value, fx);
                        return;
                    }
                }
                _ => {}
            }
            Some(Popup::ReviewDate {
                kind,
                case,
                selected,
                date,
                error,
            })
        }
        Popup::Assign {
            case,
            mut filter,
            mut selected,
        } => {
            let n = user_matches(&state.alerts, &filter).len();
            match key.code {
                KeyCode::Up => selected = selected.saturating_sub(1),
                KeyCode::Down => selected = (selected + 1).min(n.saturating_sub(1)),
                KeyCode::Backspace => {
                    filter.pop();
                    selected = 0;
                }
                KeyCode::Char('u') if ctrl => filter.clear(),
                KeyCode::Char(c) if !ctrl => {
                    filter.push(c);
                    selected = 0;
                }
                KeyCode::Enter => {
                    let user = user_matches(&state.alerts, &filter).get(selected).map(|u| {
                        (
                            u.user_id,
                            u.user_name.clone().unwrap_or_default(),
                            u.is_active,
                        )
                    });
                    match user {
                        Some((_, name, false)) => {
                            say(
                                state,
                                Tone::Error,
                                format!("{name} is inactive: choose another user"),
                            );
                        }
                        Some((user, name, true)) => {
                            assign(state, case, user, name, fx);
                            return;
                        }
                        None => say(state, Tone::Info, "no user matches"),
                    }
                }
                _ => {}
            }
            Some(Popup::Assign {
                case,
                filter,
                selected,
            })
        }
    };
    if let Some(popup) = keep {
        state.mode = Mode::Inbox(Box::new(popup));
    }
}

/// The users whose name or email contains the filter (case-insensitive), active ones first.
pub fn user_matches<'a>(a: &'a AlertsState, filter: &str) -> Vec<&'a User> {
    let f = filter.to_lowercase();
    let mut out: Vec<&User> = a
        .users
        .data
        .iter()
        .flatten()
        .filter(|u| {
            f.is_empty()
                || u.user_name
                    .as_deref()
                    .unwrap_or("")
                    .to_lowercase()
                    .contains(&f)
                || u.email.as_deref().unwrap_or("").to_lowercase().contains(&f)
                || u.user_id.to_string() == f
        })
        .collect();
    out.sort_by_key(|u| !u.is_active);
    out
}

/// A typed review date: DD/MM/YYYY, a real day, checked before it is sent.
pub fn check_date(s: &str) -> Result<(), String> {
    let shape = s.len() == 10
        && s.char_indices().all(|(i, c)| {
            if i == 2 || i == 5 {
                c == '/'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return Err(format!("{s:?} is not DD/MM/YYYY"));
    }
    chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .map(|_| ())
        .map_err(|_| format!("{s} is not a day of the calendar"))
}

fn set_review_date(
    state: &mut State,
    kind: CaseKind,
    case: Id,
    value: String,
    fx: &mut Vec<Effect>,
) {
    if state.session.read_only {
        say(
            state,
            Tone::Error,
            "read-only session: the review date is not changed",
        );
        return;
    }
    say(
        state,
        Tone::Info,
        format!("setting the review date: {value}…"),
    );
    crate::app::gate::send(
        state,
        Request::SetReviewDate(op::SetReviewDate {
            kind,
            id: case,
            date: value,
        }),
        fx,
    );
}

fn assign(state: &mut State, case: Id, user: Id, name: String, fx: &mut Vec<Effect>) {
    if state.session.read_only {
        say(
            state,
            Tone::Error,
            "read-only session: the case is not reassigned",
        );
        return;
    }
    say(state, Tone::Info, format!("assigning to {name}…"));
    crate::app::gate::send(
        state,
        Request::AssignUser(op::AssignUser {
            id: case,
            user,
            name,
        }),
        fx,
    );
}
