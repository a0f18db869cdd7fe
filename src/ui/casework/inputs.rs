//! The inputs of case work drawn over the view: a property being written, the decision a case
//! is closed with, the case id typed back before a delete. And their footer hints.

use crate::app::State;
use crate::app::casework::Input;
use crate::app::casework::lifecycle::{Decision, DecisionPicker, DeleteInput};
use crate::app::casework::props::{Field, PropertyInput};
use crate::sanitize::clean;
use crate::ui::popups::centered;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// How many data-type suggestions show at once.
const SUGGESTIONS: usize = 6;

fn boxed(frame: &mut Frame, area: Rect, title: &str, border: Style, lines: Vec<Line<'static>>) {
    let h = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let r = centered(area, 64, h);
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .border_style(border),
        ),
        r,
    );
}

pub fn popup(_state: &State, input: &Input, frame: &mut Frame, area: Rect) {
    match input {
        Input::AuditFilter => {}
        Input::Property(p) => property(p, frame, area),
        Input::Decision(d) => decision(d, frame, area),
        Input::DeleteCase(d) => delete(d, frame, area),
        Input::Identity(f) => crate::ui::form::draw(&f.form, frame, area),
    }
}

/// A text field: label, value, and the cursor when it has the focus.
fn field(label: &str, value: &str, focused: bool) -> Line<'static> {
    let mut spans = vec![
        Span::styled(format!("{label:<10} "), theme::label()),
        Span::raw(clean(value).into_owned()),
    ];
    if focused {
        spans.push(Span::styled("▏", theme::key()));
    }
    let line = Line::from(spans);
    if focused {
        line
    } else {
        line.style(theme::dim())
    }
}

fn property(p: &PropertyInput, frame: &mut Frame, area: Rect) {
    let on_type = p.field == Field::DataType;
    let mut lines = vec![field("Data type", &p.data_type, on_type && !p.editing)];
    if p.editing {
        lines.push(Line::styled(
            "           (the data type stays)",
            theme::dim(),
        ));
    } else if on_type {
        let all = p.suggestions();
        let first = p
            .suggestion
            .map_or(0, |i| i.saturating_sub(SUGGESTIONS - 1));
        for (i, t) in all.iter().enumerate().skip(first).take(SUGGESTIONS) {
            let on = p.suggestion == Some(i);
            let text = format!("         {} {}", if on { "▸" } else { " " }, clean(t));
            lines.push(if on {
                Line::styled(text, theme::selected())
            } else {
                Line::styled(text, theme::dim())
            });
        }
        if all.is_empty() && p.data_type.trim().is_empty() {
            lines.push(Line::styled(
                "           (no data types known yet: type one)",
                theme::dim(),
            ));
        }
        if p.is_new_type() {
            lines.push(Line::styled("           + a new data type", theme::key()));
        }
    }
    lines.push(field("Value", &p.value, !on_type || p.editing));
    lines.push(Line::from(""));
    lines.push(Line::styled(
        if p.editing {
            "Enter / Ctrl-S save · Esc cancel"
        } else if on_type {
            "↑↓ pick · Enter/Tab to the value · Esc cancel"
        } else {
            "Enter / Ctrl-S save · Tab data type · Esc cancel"
        },
        theme::dim(),
    ));
    let title = if p.editing {
        format!("Change property of case {}", p.case)
    } else {
        format!("Add a property to case {}", p.case)
    };
    boxed(frame, area, &title, theme::focused_border(), lines);
}

fn decision(d: &DecisionPicker, frame: &mut Frame, area: Rect) {
    let mut lines = vec![
        Line::from(format!("Close case {} ({})", d.case, clean(&d.name))),
        Line::from(""),
        Line::styled("Decision:", theme::label()),
    ];
    for (dec, key) in Decision::ALL.into_iter().zip(["a", "d"]) {
        let chosen = d.chosen == Some(dec);
        let text = format!(
            "  {} {:<10} {key}",
            if chosen { "(•)" } else { "( )" },
            dec.as_str()
        );
        lines.push(if chosen {
            Line::styled(text, theme::selected())
        } else {
            Line::from(text)
        });
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        if d.chosen.is_some() {
            "Enter continue (asks once more) · Esc cancel"
        } else {
            "choose a decision: a Accepted · d Denied · Esc cancel"
        },
        theme::dim(),
    ));
    boxed(frame, area, "Close case", theme::error(), lines);
}

fn delete(d: &DeleteInput, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::from(format!(
            "Delete case {} ({})? It leaves the case list and cannot be undone here.",
            d.case,
            clean(&d.name)
        )),
        Line::from(""),
        Line::from("Type the case id to confirm:"),
        Line::from(vec![
            Span::styled("> ", theme::key()),
            Span::raw(clean(&d.typed).into_owned()),
            Span::styled("▏", theme::key()),
        ]),
        if d.typed.trim() == d.case.to_string() {
            Line::styled("✔ the id matches: Enter deletes", theme::error())
        } else if d.typed.is_empty() {
            Line::from("")
        } else {
            Line::styled("✘ not the case id yet", theme::dim())
        },
        Line::styled(
            "Enter delete (only with the exact id) · Esc cancel",
            theme::dim(),
        ),
    ];
    boxed(frame, area, "Delete case", theme::error(), lines);
}

/// Footer hints while an input is open.
pub fn hints(input: &Input) -> Vec<(String, &'static str)> {
    match input {
        Input::AuditFilter => vec![
            ("user:NAME".into(), ""),
            ("action:TEXT".into(), ""),
            ("Enter".into(), "keep"),
            ("Esc".into(), "clear"),
        ],
        Input::Property(_) => vec![
            ("Enter".into(), "next/save"),
            ("Tab".into(), "field"),
            ("↑↓".into(), "pick type"),
            ("Esc".into(), "cancel"),
        ],
        Input::Decision(_) => vec![
            ("a".into(), "Accepted"),
            ("d".into(), "Denied"),
            ("Enter".into(), "continue"),
            ("Esc".into(), "cancel"),
        ],
        Input::DeleteCase(_) => vec![
            ("Enter".into(), "delete if the id matches"),
            ("Esc".into(), "cancel"),
        ],
        Input::Identity(f) => crate::ui::form::hints(&f.form),
    }
}
