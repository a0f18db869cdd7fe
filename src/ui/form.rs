//! Draws a [`Form`] as a centred popup: one row per field, its error named under it in words
//! (a glyph and text, never colour alone), and the open choice list over the fields below.

use super::chrome::truncate;
use super::theme;
use crate::app::form::{Choice, Field, Form, Input, LIST_ROWS};
use crate::sanitize::clean;
use crate::ui::popups::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The widest a form gets: room for a label and a long name, inside 80 columns.
const MAX_WIDTH: u16 = 76;

/// The widest label column.
const MAX_LABEL: usize = 22;

/// Footer hints while a form shows.
pub fn hints(form: &Form) -> Vec<(String, &'static str)> {
    if form.sending {
        return vec![("".into(), "sending… keys wait for the answer")];
    }
    if form.asking_discard {
        return vec![("y".into(), "discard"), ("any key".into(), "keep editing")];
    }
    if form.open_choice().is_some() {
        return vec![
            ("type".into(), "narrow"),
            ("↑↓".into(), "move"),
            ("Enter".into(), "pick"),
            ("Esc".into(), "close list"),
        ];
    }
    vec![
        ("Tab/↓".into(), "next"),
        ("S-Tab/↑".into(), "previous"),
        ("Ctrl-S".into(), "submit"),
        ("Esc".into(), "cancel"),
    ]
}

/// The lines of the fields, and the line each field starts on.
fn field_lines(form: &Form, label_w: usize, value_w: usize) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        starts.push(lines.len());
        let focused = i == form.focus && !form.sending;
        let mark = if f.required { "*" } else { " " };
        let label = truncate(&clean(&f.label), label_w.saturating_sub(2));
        let label_style = if focused {
            theme::key()
        } else {
            theme::label()
        };
        let pointer = if focused { "▸" } else { " " };
        let mut spans = vec![
            Span::styled(pointer.to_owned(), theme::key()),
            Span::styled(format!("{label:<w$}{mark} ", w = label_w - 2), label_style),
        ];
        spans.extend(value_spans(f, focused, value_w));
        lines.push(Line::from(spans));
        let pad = " ".repeat(label_w + 1);
        if let Some(err) = &f.error {
            lines.push(Line::from(vec![
                Span::raw(pad),
                Span::styled(
                    truncate(&format!("✘ {}", clean(err)), value_w),
                    theme::error(),
                ),
            ]));
        } else if focused && let Some(hint) = field_hint(f) {
            lines.push(Line::from(vec![
                Span::raw(pad),
                Span::styled(truncate(&hint, value_w), theme::dim()),
            ]));
        }
    }
    (lines, starts)
}

/// The help under the focused field.
fn field_hint(f: &Field) -> Option<String> {
    match &f.input {
        Input::Choice(c) if c.open => None,
        Input::Choice(c) if c.loading => Some("loading the choices…".to_owned()),
        Input::Choice(_) if !f.hint.is_empty() => Some(clean(&f.hint).into_owned()),
        Input::Choice(_) => Some("type to search · Space list · ←→ step".to_owned()),
        _ => (!f.hint.is_empty()).then(|| clean(&f.hint).into_owned()),
    }
}

/// The value part of a field's row.
fn value_spans(f: &Field, focused: bool, width: usize) -> Vec<Span<'static>> {
    match &f.input {
        Input::Choice(c) => choice_spans(f, c, focused, width),
        Input::Fixed => vec![Span::styled(
            truncate(&clean(&f.value), width),
            if focused {
                theme::selected()
            } else {
                Style::new()
            },
        )],
        _ if focused => {
            // Show the end of a long value around the cursor, with the cursor as a reversed cell.
            let chars: Vec<char> = clean(&f.value).chars().collect();
            let cursor = f.cursor.min(chars.len());
            let start = cursor.saturating_sub(width.saturating_sub(2));
            let before: String = chars[start..cursor].iter().collect();
            let at: String = chars.get(cursor).map_or(" ".to_owned(), char::to_string);
            let after: String = chars.iter().skip(cursor + 1).collect();
            let room = width.saturating_sub(before.width() + 1);
            vec![
                Span::styled(before, theme::label()),
                Span::styled(at, theme::selected()),
                Span::styled(truncate(&after, room), theme::label()),
            ]
        }
        _ if f.value.is_empty() => vec![Span::styled("—", theme::dim())],
        _ => vec![Span::raw(truncate(&clean(&f.value), width))],
    }
}

fn choice_spans(f: &Field, c: &Choice, focused: bool, width: usize) -> Vec<Span<'static>> {
    if c.open {
        return vec![
            Span::styled("search: ", theme::dim()),
            Span::styled(
                truncate(&clean(&c.query), width.saturating_sub(9)),
                theme::label(),
            ),
            Span::styled(" ", theme::selected()),
        ];
    }
    let shown = f.shown();
    let text = if shown.is_empty() {
        if c.loading {
            "loading…".to_owned()
        } else {
            "(none chosen)".to_owned()
        }
    } else {
        let note = c
            .selected
            .and_then(|i| c.options.get(i))
            .map(|o| o.note.as_str())
            .filter(|n| !n.is_empty())
            .map(|n| format!(" · {}", clean(n)))
            .unwrap_or_default();
        format!("{}{note}", clean(shown))
    };
    let style = if focused {
        theme::selected()
    } else if shown.is_empty() {
        theme::dim()
    } else {
        Style::new()
    };
    vec![Span::styled(
        format!("‹ {} ›", truncate(&text, width.saturating_sub(4))),
        style,
    )]
}

/// The bottom lines: the form's message, then the way out.
fn footer_lines(form: &Form, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if let Some(m) = &form.message {
        out.push(Line::styled(
            truncate(&format!("✘ {}", clean(m)), width),
            theme::error(),
        ));
    }
    let line = if form.sending {
        Line::styled("sending… keys wait for the answer", theme::dim())
    } else if form.asking_discard {
        Line::from(vec![
            Span::styled("Discard what you typed? ", theme::error()),
            Span::styled("y", theme::key()),
            Span::raw(" discards · any other key keeps editing"),
        ])
    } else {
        let errors = form.fields.iter().filter(|f| f.error.is_some()).count();
        let mut spans = vec![
            Span::styled(format!("[ {} ]", clean(&form.submit_label)), theme::key()),
            Span::raw(" Ctrl-S   "),
            Span::styled("Esc", theme::key()),
            Span::raw(" cancel   "),
            Span::styled("* required", theme::dim()),
        ];
        if errors > 0 {
            let s = if errors == 1 { "" } else { "s" };
            spans.push(Span::styled(
                format!("   {errors} field{s} to fix"),
                theme::error(),
            ));
        }
        Line::from(spans)
    };
    out.push(line);
    out
}

/// Draw the form centred in `area`.
pub fn draw(form: &Form, frame: &mut Frame, area: Rect) {
    let width = MAX_WIDTH.min(area.width.saturating_sub(2)).max(20);
    let inner_w = usize::from(width.saturating_sub(2));
    let label_w = form
        .fields
        .iter()
        .map(|f| f.label.width() + 3)
        .max()
        .unwrap_or(8)
        .clamp(8, MAX_LABEL);
    let value_w = inner_w.saturating_sub(label_w + 1).max(4);
    let (lines, starts) = field_lines(form, label_w, value_w);
    let foot = footer_lines(form, inner_w);
    // Fields, a blank line, the footer, the borders.
    let want = lines.len() + 1 + foot.len() + 2;
    let height = u16::try_from(want)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(5);
    let r = centered(area, width, height);
    frame.render_widget(Clear, r);
    let block = Block::bordered()
        .title(format!(" {} ", clean(&form.title)))
        .border_style(theme::focused_border());
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let foot_h = u16::try_from(foot.len()).unwrap_or(1);
    let [body, _, bottom] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(u16::from(inner.height > foot_h + 1)),
        Constraint::Length(foot_h),
    ])
    .areas(inner);
    // Scroll so the focused field and the line under it are in sight.
    let rows = usize::from(body.height);
    let first = starts.get(form.focus).copied().unwrap_or(0);
    let end = starts.get(form.focus + 1).copied().unwrap_or(lines.len());
    let scroll = end.saturating_sub(rows).min(first);
    let more_below = lines.len() > scroll + rows;
    frame.render_widget(
        Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        body,
    );
    if scroll > 0 {
        let r = Rect::new(body.right().saturating_sub(3), body.y, 3, 1);
        frame.render_widget(Paragraph::new(Span::styled(" ▲ ", theme::dim())), r);
    }
    if more_below {
        let r = Rect::new(
            body.right().saturating_sub(3),
            body.bottom().saturating_sub(1),
            3,
            1,
        );
        frame.render_widget(Paragraph::new(Span::styled(" ▼ ", theme::dim())), r);
    }
    frame.render_widget(Paragraph::new(foot), bottom);
    if let Some(c) = form.open_choice() {
        let row = body.y + u16::try_from(first.saturating_sub(scroll)).unwrap_or(0);
        let x = body.x + u16::try_from(label_w + 1).unwrap_or(0);
        let w = inner.right().saturating_sub(x);
        list(c, frame, area, Rect::new(x, row + 1, w, 0));
    }
}

/// The open choice list, under its field (or over it when there is no room below).
fn list(c: &Choice, frame: &mut Frame, screen: Rect, at: Rect) {
    let matches = c.matches();
    let shown = matches.len().clamp(1, LIST_ROWS);
    let h = u16::try_from(shown + 2).unwrap_or(8);
    let w = at.width.min(screen.width);
    let y = if at.y + h <= screen.bottom() {
        at.y
    } else {
        at.y.saturating_sub(h + 1).max(screen.y)
    };
    let x = at.x.min(screen.right().saturating_sub(w));
    let r = Rect::new(x, y, w, h).intersection(screen);
    frame.render_widget(Clear, r);
    let start = c.cursor.saturating_sub(LIST_ROWS - 1);
    let text_w = usize::from(w.saturating_sub(4));
    let mut lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(start)
        .take(LIST_ROWS)
        .filter_map(|(row, &i)| {
            let o = c.options.get(i)?;
            let note = if o.note.is_empty() {
                String::new()
            } else {
                format!(" · {}", clean(&o.note))
            };
            let picked = if c.selected == Some(i) { "✔" } else { " " };
            let text = truncate(&format!("{picked}{}{note}", clean(&o.label)), text_w);
            let style = if row == c.cursor {
                theme::selected()
            } else {
                Style::new()
            };
            Some(Line::styled(format!("{text:<text_w$}"), style))
        })
        .collect();
    if lines.is_empty() {
        let why = if c.loading {
            "loading…"
        } else {
            "nothing matches"
        };
        lines.push(Line::styled(why, theme::dim()));
    }
    let title = format!(" {}/{} ", matches.len(), c.options.len());
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(title)
                .border_style(theme::focused_border()),
        ),
        r,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::form::{Field, Opt};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn screen(form: &Form, w: u16, h: u16) -> String {
        let mut t = match Terminal::new(TestBackend::new(w, h)) {
            Ok(t) => t,
            Err(e) => panic!("{e}"),
        };
        if let Err(e) = t.draw(|f| draw(form, f, f.area())) {
            panic!("{e}");
        }
        let buf = t.backend().buffer().clone();
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn form() -> Form {
        let opts = (0..30)
            .map(|i| Opt::new(format!("C{i}"), format!("Country {i}")).note("automated"))
            .collect();
        let mut fields = vec![
            Field::text("name", "Name").required(),
            Field::date("born", "Date of birth"),
            Field::choice("country", "Country", opts).required(),
        ];
        for i in 0..10 {
            fields.push(Field::text("extra", format!("Extra {i}")));
        }
        Form::new("A form", fields).submit_label("Create")
    }

    #[test]
    fn errors_are_named_under_their_fields_in_words() {
        let mut f = form();
        f.validate();
        let s = screen(&f, 80, 24);
        assert!(s.contains("✘ required"), "{s}");
        assert!(
            s.contains("✘ required: pick one") || s.contains("2 fields to fix"),
            "{s}"
        );
        assert!(s.contains("[ Create ]"), "{s}");
    }

    #[test]
    fn the_focused_field_stays_in_sight_on_a_small_screen() {
        let mut f = form();
        f.focus = f.fields.len() - 1;
        let s = screen(&f, 80, 14);
        assert!(s.contains("Extra 9"), "{s}");
        assert!(s.contains('▲'), "{s}");
    }

    #[test]
    fn an_open_list_shows_its_matches() {
        let mut f = form();
        f.focus = 2;
        f.on_key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('2'),
        ));
        let s = screen(&f, 80, 24);
        assert!(s.contains("Country 2 · automated"), "{s}");
        assert!(s.contains("12/30") || s.contains("3/30"), "{s}");
    }
}
