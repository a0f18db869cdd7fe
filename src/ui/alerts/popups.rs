//! The inbox's popups: the filter line, the review-date chooser, the assignment picker, and the
//! decision popup of an alert action.

use crate::api::REVIEW_CHOICES;
use crate::app::Slot;
use crate::app::State;
use crate::app::alerts::decide::Decision;
use crate::app::alerts::{DATE_ROW, FILTER_HELP, Popup, user_matches};
use crate::app::request::in_flight;
use crate::sanitize::clean;
use crate::ui::popups::centered;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn boxed(frame: &mut Frame, r: Rect, title: &str, lines: Vec<Line<'static>>) {
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(theme::focused_border()),
        ),
        r,
    );
}

fn choice(selected: bool, text: String) -> Line<'static> {
    if selected {
        Line::styled(format!("▶ {text}"), theme::selected())
    } else {
        Line::from(format!("  {text}"))
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let crate::app::Mode::Inbox(p) = &state.mode else {
        return;
    };
    match p.as_ref() {
        Popup::Decide(d) => decision(d, frame, area),
        Popup::Filter(text) => {
            // What the line does not understand, as it is typed.
            let problem = crate::app::alerts::filter_problem(text);
            let lines = vec![
                Line::from(vec![
                    Span::styled("/", theme::key()),
                    Span::raw(clean(text).into_owned()),
                    Span::styled("▏", theme::key()),
                ]),
                match problem {
                    Some(p) => Line::styled(format!("✘ {}", clean(&p)), theme::error()),
                    None => Line::from(""),
                },
                Line::styled(FILTER_HELP, theme::dim()),
                Line::styled(
                    "a bare number is a case id · all clears a filter",
                    theme::dim(),
                ),
                Line::styled("Enter apply · Ctrl-U clear · Esc cancel", theme::dim()),
            ];
            boxed(frame, centered(area, 72, 9), "Filter the inbox", lines);
        }
        Popup::ReviewDate {
            case,
            selected,
            date,
            error,
            current,
            ..
        } => {
            // What the choice replaces; nothing is marked until the reviewer chooses.
            let mut lines = vec![Line::from(vec![
                Span::styled("Current review date: ", theme::label()),
                Span::raw(match current {
                    Some(d) => clean(&state.session.date_format.show_api(d)).into_owned(),
                    None => "not known (none set or not loaded)".to_owned(),
                }),
            ])];
            lines.extend(
                REVIEW_CHOICES
                    .iter()
                    .enumerate()
                    .map(|(i, c)| choice(*selected == Some(i), (*c).to_owned())),
            );
            let shown = if date.is_empty() {
                state.session.date_format.hint().to_owned()
            } else {
                date.clone()
            };
            lines.push(choice(
                *selected == Some(DATE_ROW),
                format!("Date: {shown}"),
            ));
            lines.push(Line::from(""));
            match error {
                Some(e) => lines.push(Line::styled(format!("✘ {e}"), theme::error())),
                None => lines.push(Line::styled(
                    "↑↓ choose · digits type a date · Enter set · Esc cancel",
                    theme::dim(),
                )),
            }
            boxed(
                frame,
                centered(area, 60, 16),
                &format!("Review date of case {case}"),
                lines,
            );
        }
        Popup::Assign {
            case,
            filter,
            selected,
        } => {
            let a = &state.alerts;
            let mut lines = vec![Line::from(vec![
                Span::styled("user: ", theme::label()),
                Span::raw(clean(filter).into_owned()),
                Span::styled("▏", theme::key()),
            ])];
            let users = user_matches(a, filter);
            let room = usize::from(area.height.saturating_sub(10)).clamp(3, 12);
            let start = selected.saturating_sub(room.saturating_sub(1));
            if in_flight(state, Slot::Users) {
                lines.push(Line::styled("loading users…", theme::dim()));
            } else if let Some(f) = &a.users.error {
                lines.push(Line::styled(
                    clean(&f.one_line()).into_owned(),
                    theme::error(),
                ));
            } else if users.is_empty() {
                lines.push(Line::styled("no user matches", theme::dim()));
            }
            for (i, u) in users.iter().enumerate().skip(start).take(room) {
                let name = clean(u.user_name.as_deref().unwrap_or("-")).into_owned();
                let email = clean(u.email.as_deref().unwrap_or("")).into_owned();
                let inactive = if u.is_active { "" } else { " (inactive)" };
                lines.push(choice(
                    i == *selected,
                    format!("{name} · {email}{inactive}"),
                ));
            }
            lines.push(Line::styled(
                "type to filter · ↑↓ choose · Enter assign · Esc cancel",
                theme::dim(),
            ));
            let shown = users.len().saturating_sub(start).clamp(1, room);
            let h = u16::try_from(shown + 4).unwrap_or(16);
            boxed(
                frame,
                centered(area, 68, h),
                &format!("Assign case {case}"),
                lines,
            );
        }
    }
}

/// The footer under an inbox popup: the decision popup's own keys (the pane's `a`/`x`/`d` do
/// nothing there); the other popups keep the pane's hints under them.
pub fn hints(state: &State, p: &Popup) -> Vec<(String, &'static str)> {
    match p {
        Popup::Decide(d) => crate::ui::reason::hints(&d.ask),
        _ => state.keymap.hints(state.context()).into_iter().collect(),
    }
}

/// The decision popup: what was chosen and what will happen, the reason, the buttons
/// (`ui::reason`).
fn decision(d: &Decision, frame: &mut Frame, area: Rect) {
    let message = d
        .message
        .lines()
        .map(|l| Line::from(clean(l).into_owned()))
        .collect();
    crate::ui::reason::popup(
        frame,
        area,
        crate::ui::reason::Framing {
            title: d.title(),
            border: theme::error(),
            message,
            ok_label: d.action.as_str(),
            notes: &[],
        },
        &d.ask,
    );
}
