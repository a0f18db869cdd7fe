//! The AML match review pane: the case's matches by score, the selected one side by side with
//! the subject (a verdict per field, by glyph and word), then what the list says about it.

use super::theme;
use crate::api::AmlMatch;
use crate::app::State;
use crate::app::aml::{AmlPane, Entry, MatchKey, Popup};
use crate::app::aml_compare::{FieldRow, Subject, Verdict, compare};
use crate::sanitize::{clean, clean_multiline, has_hidden};
use crate::ui::popups::centered;
use crate::words::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// From this width on, list and comparison sit side by side; below, one above the other.
const SIDE_BY_SIDE: u16 = 110;

/// The visible flag of a name carrying hidden characters.
pub const HIDDEN_FLAG: &str = "⚠ hidden characters";

fn verdict_style(v: Verdict) -> Style {
    match v {
        Verdict::Agrees => theme::label(),
        Verdict::Partly => Style::new().fg(Color::Yellow),
        Verdict::Conflicts => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        Verdict::Unknown => theme::dim(),
    }
}

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let Some(p) = state.aml.as_ref() else {
        return;
    };
    let (list_area, detail_area) = if area.width >= SIDE_BY_SIDE {
        let [l, r] = Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)])
            .areas(area);
        (l, r)
    } else {
        let n = p.matches.data.as_ref().map_or(1, Vec::len).max(1);
        let h = u16::try_from(n + 2)
            .unwrap_or(u16::MAX)
            .min(area.height / 3)
            .max(3);
        let [l, r] = Layout::vertical([Constraint::Length(h), Constraint::Min(1)]).areas(area);
        (l, r)
    };
    list(state, p, area.width >= SIDE_BY_SIDE, frame, list_area);
    detail(state, p, frame, detail_area);
}

/// `column`: the list sits beside the comparison, so each match takes several lines.
fn list(state: &State, p: &AmlPane, column: bool, frame: &mut Frame, area: Rect) {
    let n = p.matches.data.as_ref().map_or(0, Vec::len);
    let excluded = p
        .matches
        .data
        .iter()
        .flatten()
        .filter(|e| e.m.is_excluded)
        .count();
    let block = Block::bordered()
        .title(format!(" AML matches {n} · {excluded} excluded "))
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(entries) = &p.matches.data else {
        let text = match &p.matches.error {
            Some(f) => Line::styled(clean(&f.one_line()).into_owned(), theme::error()),
            None => Line::styled("loading AML checks…", theme::dim()),
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
        return;
    };
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("no AML matches for this case", theme::dim())),
            inner,
        );
        return;
    }
    let items: Vec<ListItem> = entries
        .iter()
        .map(|e| list_row(state, p, e, column))
        .collect();
    let mut ls = ListState::default().with_selected(Some(p.selected));
    frame.render_stateful_widget(
        List::new(items)
            .highlight_symbol("▶")
            .highlight_style(theme::selected()),
        inner,
        &mut ls,
    );
}

/// One match in the list: one line on a narrow terminal; on a wide one, where the list is a
/// column, the facts, the name and the review state each get a line so nothing is cut.
fn list_row<'a>(state: &State, p: &AmlPane, e: &'a Entry, wide: bool) -> ListItem<'a> {
    let m = &e.m;
    let step = m.case_step_id;
    // The excluded mark comes first so that a narrow list still shows it.
    let mark = if p.excluding.contains_key(&step) {
        Span::styled("…", theme::warn())
    } else if m.is_excluded {
        Span::styled("⊘", theme::dim())
    } else {
        Span::raw(" ")
    };
    let score = m
        .match_score
        .map_or("  ?".to_owned(), |s| format!("{s:>3.0}"));
    let head = vec![
        mark,
        Span::styled(score, theme::label()),
        Span::raw(format!(
            " {:<6} {:<13} ",
            clean(
                &m.match_strength
                    .as_deref()
                    .map_or_else(|| "?".to_owned(), words)
            ),
            clean(&m.category.as_deref().map_or_else(|| "?".to_owned(), words))
        )),
    ];
    let mut name = vec![Span::raw(
        clean(m.name.as_deref().unwrap_or("(no name)")).into_owned(),
    )];
    if has_hidden(m.name.as_deref().unwrap_or("")) {
        name.push(Span::styled(" ⚠", theme::warn()));
    }
    let mut review = Vec::new();
    if let Some(status) = crate::app::aml::step_status(state, step) {
        let (glyph, style) = theme::step_status(&status);
        review.push(Span::styled(format!("{glyph} {} ", status.label()), style));
    }
    if p.excluding.contains_key(&step) {
        review.push(Span::styled("… excluding ", theme::warn()));
    } else if m.is_excluded {
        let why = m.excluded_reason.as_deref().unwrap_or("no reason given");
        review.push(Span::styled(
            format!("⊘ excluded: {} ", clean(why)),
            theme::dim(),
        ));
    }
    if p.unsaved_notes.contains_key(&step) {
        review.push(Span::styled("⚠ note unsaved ", theme::error()));
    }
    let lists = if m.sanction_lists.is_empty() {
        e.provider.to_owned()
    } else {
        format!("{} · {}", e.provider, m.sanction_lists.join(", "))
    };
    let lists = Span::styled(clean(&lists).into_owned(), theme::dim());
    if wide {
        let indent = || Span::raw("    ");
        let mut head = head;
        head.push(lists);
        let name = std::iter::once(indent()).chain(name).collect::<Vec<_>>();
        let review = std::iter::once(indent()).chain(review).collect::<Vec<_>>();
        let mut lines = vec![Line::from(head), Line::from(name), Line::from(review)];
        if let Some(subject) = subject(state, p) {
            lines.push(Line::from(
                std::iter::once(indent())
                    .chain(verdict_summary(&compare(&subject, m)))
                    .collect::<Vec<_>>(),
            ));
        }
        ListItem::new(lines)
    } else {
        let mut line = head;
        line.extend(name);
        line.push(Span::raw(" "));
        line.extend(review);
        line.push(Span::raw(" "));
        line.push(lists);
        ListItem::new(Line::from(line))
    }
}

/// The verdicts in one line, each a glyph and a short word: where a match stands at a glance.
fn verdict_summary(rows: &[FieldRow]) -> Vec<Span<'static>> {
    rows.iter()
        .map(|r| {
            let word = match r.field {
                "Date of birth" => "dob",
                "Nationality" => "nat",
                other => other,
            };
            Span::styled(
                format!("{}{} ", r.verdict.glyph(), word.to_lowercase()),
                verdict_style(r.verdict),
            )
        })
        .collect()
}

/// The case subject, once the case's details are loaded.
fn subject(state: &State, p: &AmlPane) -> Option<Subject> {
    state
        .case
        .as_ref()
        .filter(|c| c.id == p.case)
        .and_then(|c| c.detail.data.as_ref())
        .map(|d| Subject::from_case(d).with_identity(&p.identity))
}

fn fit(s: &str, w: usize) -> String {
    if s.width() <= w {
        return format!("{s}{}", " ".repeat(w - s.width()));
    }
    let mut out = String::new();
    for c in s.chars() {
        if out.width() + 2 > w {
            break;
        }
        out.push(c);
    }
    out.push('…');
    format!("{out}{}", " ".repeat(w.saturating_sub(out.width())))
}

fn comparison(
    rows: &[FieldRow],
    width: usize,
    dates: crate::words::DateFormat,
    lines: &mut Vec<Line<'static>>,
) {
    // field | subject | match | verdict
    let field_w = 14;
    let verdict_w = 16;
    let side = width.saturating_sub(field_w + verdict_w + 3) / 2;
    let side = side.max(8);
    lines.push(Line::from(vec![
        Span::styled(fit("", field_w), theme::label()),
        Span::styled(fit("Subject", side + 1), theme::label()),
        Span::styled(fit("Match", side + 1), theme::label()),
        Span::styled("Verdict", theme::label()),
    ]));
    for r in rows {
        // A full date shows in the console's format; a year or a month alone as sent.
        let show = |v: &Option<String>| {
            v.as_deref().map_or("—".to_owned(), |s| {
                if r.field == "Date of birth" {
                    clean(&dates.show_api(s)).into_owned()
                } else {
                    clean(s).into_owned()
                }
            })
        };
        lines.push(Line::from(vec![
            Span::styled(fit(r.field, field_w), theme::label()),
            Span::raw(fit(&show(&r.subject), side)),
            Span::raw(" "),
            Span::raw(fit(&show(&r.candidate), side)),
            Span::raw(" "),
            Span::styled(
                format!("{} {}", r.verdict.glyph(), r.verdict.word()),
                verdict_style(r.verdict),
            ),
        ]));
        if let Some(why) = &r.why {
            lines.push(Line::styled(
                format!("{}↳ {}", " ".repeat(field_w), clean(why)),
                theme::dim(),
            ));
        }
    }
}

fn hidden_flags(subject: &Subject, m: &AmlMatch, lines: &mut Vec<Line<'static>>) {
    let mut flag = |whose: &str, name: &str| {
        if has_hidden(name) {
            lines.push(Line::from(vec![
                Span::styled(format!("{HIDDEN_FLAG} "), theme::error()),
                Span::raw(format!("in {whose}: “{}”", clean(name))),
            ]));
        }
    };
    flag("the subject's name", &subject.name);
    if let Some(n) = &m.name {
        flag("the match's name", n);
    }
    for a in &m.aliases {
        flag("an alias", a);
    }
}

fn field(label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label:<14}"), theme::label()),
        Span::raw(value),
    ])
}

fn detail(state: &State, p: &AmlPane, frame: &mut Frame, area: Rect) {
    let n = p.matches.data.as_ref().map_or(0, Vec::len);
    let block = Block::bordered()
        .title(if n == 0 {
            " Match vs subject ".to_owned()
        } else {
            format!(" Match {} of {n} vs subject ", p.selected + 1)
        })
        .border_style(theme::border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(e) = p.selected_entry() else {
        return;
    };
    let m = &e.m;
    let mut lines: Vec<Line<'static>> = Vec::new();
    match &subject(state, p) {
        Some(subject) => {
            comparison(
                &compare(subject, m),
                usize::from(inner.width),
                state.session.date_format,
                &mut lines,
            );
            hidden_flags(subject, m, &mut lines);
        }
        None => lines.push(Line::styled("the case subject is loading…", theme::dim())),
    }
    if !m.aliases.is_empty() {
        let aliases: Vec<String> = m.aliases.iter().map(|a| clean(a).into_owned()).collect();
        lines.push(field("Aliases", aliases.join(" · ")));
    }
    lines.push(Line::from(""));
    let score = m.match_score.map_or("?".to_owned(), |s| format!("{s:.0}"));
    lines.push(field(
        "Match",
        format!(
            "{} · {} · score {score} · {}",
            clean(&m.category.as_deref().map_or_else(|| "?".to_owned(), words)),
            clean(
                &m.match_strength
                    .as_deref()
                    .map_or_else(|| "?".to_owned(), words)
            ),
            e.provider
        ),
    ));
    if m.is_excluded {
        let why = m.excluded_reason.as_deref().unwrap_or("no reason given");
        lines.push(field("Excluded", format!("⊘ yes — {}", clean(why))));
    }
    if let Some(t) = &m.pep_tier {
        lines.push(field("PEP tier", clean(t).into_owned()));
    }
    if !m.sanction_lists.is_empty() {
        lines.push(field(
            "Sanctions",
            clean(&m.sanction_lists.join(", ")).into_owned(),
        ));
    }
    if let Some(u) = &m.updated_on {
        let u = state.session.date_format.show_api(u);
        lines.push(field("Last update", clean(&u).into_owned()));
    }
    if let Some(b) = &m.biography {
        lines.push(Line::styled("Biography", theme::label()));
        lines.extend(clean_multiline(b).lines().map(|l| Line::from(l.to_owned())));
    }
    if !m.sources.is_empty() {
        lines.push(Line::styled("Sources (s selects, o opens)", theme::label()));
        for (i, s) in m.sources.iter().enumerate() {
            let mark = if i == p.source { "▶" } else { " " };
            let title = clean(s.title.as_deref().unwrap_or("(untitled)")).into_owned();
            lines.push(Line::from(vec![
                Span::styled(format!("{mark}{}. ", i + 1), theme::key()),
                Span::raw(title),
            ]));
            if let Some(u) = &s.url {
                // The URL in full: it wraps rather than being cut.
                lines.push(Line::styled(format!("   {}", clean(u)), theme::dim()));
            }
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((p.scroll, 0)),
        inner,
    );
}

// ───────────────────────────── popups ─────────────────────────────

/// The reasons the comparison supports for the match `key`: a conflicting date of birth or
/// nationality.
fn suggested(state: &State, key: &MatchKey) -> Vec<usize> {
    let Some(p) = state.aml.as_ref() else {
        return Vec::new();
    };
    let (Some(subject), Some(e)) = (subject(state, p), p.entry(key)) else {
        return Vec::new();
    };
    compare(&subject, &e.m)
        .iter()
        .filter(|r| r.verdict == Verdict::Conflicts)
        .filter_map(|r| match r.field {
            "Date of birth" => Some(0),
            "Nationality" => Some(1),
            _ => None,
        })
        .collect()
}

pub fn popup(state: &State, p: &Popup, frame: &mut Frame, area: Rect) {
    match p {
        Popup::Reason(e) => {
            // The API excludes by step: where the step holds several matches, the popup says
            // before sending that all of them go.
            let mut message = Vec::new();
            if e.step_matches > 1 {
                message.push(Line::styled(
                    format!(
                        "Excludes all {} matches of this step, not only this one.",
                        e.step_matches
                    ),
                    theme::warn(),
                ));
            }
            message.push(Line::from("Why is this match not the subject?"));
            message.push(Line::styled(
                "The reason is recorded as a note on the step.",
                theme::dim(),
            ));
            let notes: Vec<(usize, &'static str)> = suggested(state, &e.key)
                .into_iter()
                .map(|i| (i, "✘ conflicts above"))
                .collect();
            crate::ui::reason::popup(
                frame,
                area,
                crate::ui::reason::Framing {
                    title: format!("Exclude {} as a false positive", clean(&e.name)),
                    border: theme::focused_border(),
                    message,
                    ok_label: "Exclude",
                    notes: &notes,
                },
                &e.ask,
            );
        }
        Popup::Url { url, why } => {
            let r = centered(area, area.width, 8);
            frame.render_widget(Clear, r);
            // No side borders: selecting the URL with the mouse copies the URL and nothing else.
            let block = Block::new()
                .borders(Borders::TOP | Borders::BOTTOM)
                .title(format!(" {why} · any key closes "))
                .border_style(theme::focused_border());
            frame.render_widget(
                Paragraph::new(clean(url).into_owned())
                    .wrap(Wrap { trim: false })
                    .block(block),
                r,
            );
        }
    }
}

/// Footer hints while a popup is up.
pub fn popup_hints(p: &Popup) -> Vec<(String, &'static str)> {
    match p {
        Popup::Reason(e) => crate::ui::reason::hints(&e.ask),
        Popup::Url { .. } => vec![("any key".into(), "close")],
    }
}
