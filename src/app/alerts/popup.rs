//! The inbox's popups: the filter line, the review-date chooser, the assignment picker, and the
//! decision popup of an alert action ([`super::decide`]).

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
    /// `selected` indexes [`REVIEW_CHOICES`], then one more row: a typed DD/MM/YYYY date. It
    /// starts at `None`: a date the reviewer did not choose is never one Enter away.
    ReviewDate {
        kind: CaseKind,
        case: Id,
        selected: Option<usize>,
        date: String,
        error: Option<String>,
        /// The case's review date as far as this session knows it (`None`: not known), shown so
        /// the reviewer sees what they replace.
        current: Option<String>,
    },
    /// Users filtered as you type.
    Assign {
        case: Id,
        filter: String,
        selected: usize,
    },
    /// Apply, exclude or dismiss, waiting for its confirmation and reason.
    Decide(Box<super::decide::Decision>),
}

/// The row of the review-date chooser that takes a typed date.
pub const DATE_ROW: usize = REVIEW_CHOICES.len();

/// Keys while a popup is open (the [`Mode::Inbox`] layer): it takes every key; Esc and
/// Ctrl-C close it.
pub fn on_popup_key(state: &mut State, key: Key, popup: Popup, fx: &mut Vec<Effect>) {
    let popup = match popup {
        Popup::Decide(d) => return super::decide::on_key(state, key, d, fx),
        other => other,
    };
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
            current,
        } => {
            let typing = selected == Some(DATE_ROW);
            let down = |s: Option<usize>| Some(s.map_or(0, |i| (i + 1).min(DATE_ROW)));
            let up = |s: Option<usize>| Some(s.map_or(0, |i: usize| i.saturating_sub(1)));
            match key.code {
                KeyCode::Up => selected = up(selected),
                KeyCode::Down => selected = down(selected),
                KeyCode::Char('k') if !typing => selected = up(selected),
                KeyCode::Char('j') if !typing => selected = down(selected),
                KeyCode::Char(c) if c.is_ascii_digit() || c == '/' || c == '-' => {
                    selected = Some(DATE_ROW);
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
                    let value = match selected {
                        None => {
                            error = Some("nothing chosen: ↑↓ choose, or type a date".to_owned());
                            None
                        }
                        Some(DATE_ROW) => {
                            match check_date(&date, state.session.date_format, state.today) {
                                // Typed as shown; sent as the API takes it.
                                Ok(day) => Some(day.format(WIRE_REVIEW_DATE).to_string()),
                                Err(e) => {
                                    error = Some(e);
                                    None
                                }
                            }
                        }
                        Some(i) => REVIEW_CHOICES.get(i).map(|s| (*s).to_owned()),
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
                current,
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
        // Handled above.
        Popup::Decide(d) => Some(Popup::Decide(d)),
    };
    if let Some(popup) = keep {
        state.mode = Mode::Inbox(Box::new(popup));
    }
}

/// Pasted text: into the decision popup's written reason (the other popups take typed keys
/// only).
pub fn on_paste(popup: &mut Popup, text: &str) {
    if let Popup::Decide(d) = popup {
        d.ask.reason.paste(text);
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

/// The review date as the API takes it, whatever format the reviewer types in.
const WIRE_REVIEW_DATE: &str = "%d/%m/%Y";

/// A typed review date: in the format dates are shown in (`dates`), a real day, today or
/// later, checked before it is sent. A review in the past is no review. `today` is the runtime's
/// date (`State::today`); until it is known only the shape and the calendar are checked.
pub fn check_date(
    s: &str,
    dates: crate::words::DateFormat,
    today: Option<chrono::NaiveDate>,
) -> Result<chrono::NaiveDate, String> {
    let hint = dates.hint();
    let shape = s.len() == 10
        && s.chars().zip(hint.chars()).all(|(c, h)| {
            if h.is_ascii_alphabetic() {
                c.is_ascii_digit()
            } else {
                c == h
            }
        });
    if !shape {
        return Err(format!("{s:?} is not {hint}"));
    }
    let day = dates
        .parse_typed(s)
        .ok_or_else(|| format!("{s} is not a day of the calendar"))?;
    match today {
        Some(t) if day < t => Err(format!("{s} is past: a review date is today or later")),
        _ => Ok(day),
    }
}

/// The case's review date as far as this session knows it: set here, else the case list's.
pub fn current_review_date(state: &State, case: Id) -> Option<String> {
    state
        .alerts
        .review_dates
        .get(&case)
        .cloned()
        .or_else(|| Some(state.cases.find(case)?.review_date.clone()))
        .filter(|d| !d.trim().is_empty())
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
    let from = current_review_date(state, case);
    crate::app::gate::send(
        state,
        Request::SetReviewDate(op::SetReviewDate {
            kind,
            id: case,
            date: value,
            from,
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
    let from = current_assignee(state, case);
    crate::app::gate::send(
        state,
        Request::AssignUser(op::AssignUser {
            id: case,
            user,
            name,
            from,
        }),
        fx,
    );
}

/// The case's assignee as far as this session knows it: set here, else the open case's
/// detail, else the case list's; `None` when not known (the journal then records no `from`).
fn current_assignee(state: &State, case: Id) -> Option<String> {
    let open = state
        .case
        .as_ref()
        .filter(|c| c.id == case)
        .and_then(|c| c.detail.data.as_ref())
        .and_then(|d| d.common.assigned_user_name.clone());
    state
        .alerts
        .assignees
        .get(&case)
        .cloned()
        .or(open)
        .or_else(|| Some(state.cases.find(case)?.assignee.clone()))
        .filter(|a| !a.trim().is_empty())
}
