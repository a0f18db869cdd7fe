//! Header, status line and footer: what frames every view.

use super::theme;
use crate::api::CaseKind;
use crate::app::keymap::{Action, Hint};
use crate::app::{Context, Mode, State, Tone};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: {}×{}. kyc-console needs at least {}×{}.",
        area.width,
        area.height,
        super::MIN_SIZE.0,
        super::MIN_SIZE.1
    );
    // Wrapped at the terminal's width and about centred in its height, so all of it shows
    // (a line more than the characters need, for the words carried over).
    let width = usize::from(area.width.max(1));
    let lines = u16::try_from(msg.width().div_ceil(width) + 1).unwrap_or(u16::MAX);
    let y = area.height.saturating_sub(lines) / 2;
    frame.render_widget(
        Paragraph::new(msg)
            .alignment(Alignment::Center)
            .style(theme::error())
            .wrap(ratatui::widgets::Wrap { trim: true }),
        Rect::new(area.x, area.y + y, area.width, area.height - y),
    );
}

pub fn header(state: &State, frame: &mut Frame, area: Rect) {
    let s = &state.session;
    let mut spans = vec![Span::styled(" kyc-console ", theme::header())];
    if s.production {
        // Whatever the theme, production says so in words, not only in red.
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" PRODUCTION ", theme::prod_badge()));
    }
    let env_style = if s.production {
        theme::header()
    } else if s.environment == "DEMO" {
        theme::demo_badge()
    } else {
        theme::header()
    };
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        format!(" {} ", clean(&s.environment)),
        env_style,
    ));
    if s.read_only {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(" READ-ONLY ", theme::read_only_badge()));
    }
    if let Some(badge) = super::casework::closed_badge(state) {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(badge, theme::warn()));
    }
    spans.push(Span::raw(" "));
    spans.push(Span::styled(
        clean(&s.user).into_owned(),
        theme::header_text(),
    ));
    spans.push(Span::raw("  "));
    let l = &state.cases;
    // On an open case, where it stands in the list `]` and `[` go through; else the counts.
    let queue = state
        .view
        .shows_open_case()
        .then(|| crate::app::queue::place(state))
        .flatten();
    let counts = match &queue {
        Some(place) => format!("{} ", clean(&truncate(&place.describe(), 30))),
        None => format!(
            "{} co · {} ind ",
            l.count(CaseKind::Company),
            l.count(CaseKind::Individual)
        ),
    };
    // The breadcrumbs get what the badges and counts leave. When that is short, what gives way
    // is the least useful first: the crumbs after the case's name (the pane's own title says
    // where you are), those before it, the queue's list name, the list's counts, the case's
    // id, and only then the case's name, which is what tells the reviewer which case they act on (its place in
    // the queue, "3/17", stays).
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let mut crumbs: Vec<String> = state
        .breadcrumbs()
        .iter()
        .map(|c| clean(c).into_owned())
        .collect();
    // The queue names the list the case came from: "Cases ›" would say it again, in the
    // room the case's name needs.
    let mut name_at = 1;
    if queue.is_some() && crumbs.len() > 2 && crumbs[0] == "Cases" {
        crumbs.remove(0);
        name_at = 0;
    }
    let total = |cs: &[String]| {
        cs.iter().map(|c| c.width()).sum::<usize>() + 3 * cs.len().saturating_sub(1)
    };
    let room = |counts: &str| usize::from(area.width).saturating_sub(used + counts.width() + 1);
    let mut counts = counts;
    if total(&crumbs) > room(&counts) && crumbs.len() > name_at + 1 {
        crumbs.truncate(name_at + 1);
    }
    if total(&crumbs) > room(&counts) && name_at > 0 && crumbs.len() > name_at {
        crumbs.drain(..name_at);
        name_at = 0;
    }
    if total(&crumbs) > room(&counts)
        && let Some(place) = &queue
    {
        counts = format!("{}/{} ", place.at, place.len);
    }
    // The case's place in its queue stays: `]` and `[` go by it.
    if total(&crumbs) > room(&counts) && !crumbs.is_empty() && queue.is_none() {
        counts.clear();
    }
    let room = room(&counts);
    // Then the case's id after its name ("… (1000003001)"): a cut id reads as another case.
    if total(&crumbs) > room
        && let Some(name) = crumbs.get_mut(name_at)
        && let Some(bare) = without_id(name)
    {
        *name = bare;
    }
    if total(&crumbs) > room && crumbs.len() > name_at {
        let others = total(&crumbs) - crumbs[name_at].width();
        crumbs[name_at] = truncate(&crumbs[name_at], room.saturating_sub(others));
    }
    for (i, c) in crumbs.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::header_text()));
        }
        let style = if i + 1 == crumbs.len() {
            theme::title()
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(c.clone(), style));
    }
    let left = Line::from(spans);
    let cw = u16::try_from(counts.width()).unwrap_or(0);
    let lw = u16::try_from(left.width()).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(left).style(theme::header_band()), area);
    if lw + cw < area.width {
        let r = Rect::new(area.x + area.width - cw, area.y, cw, 1);
        frame.render_widget(
            Paragraph::new(Span::styled(counts, theme::header_text())),
            r,
        );
    }
}

pub fn status(state: &State, frame: &mut Frame, area: Rect) {
    let line = match &state.mode {
        Mode::Filter => Line::from(vec![
            Span::styled("/", theme::key()),
            Span::raw(clean(state.cases.filter_text()).into_owned()),
            Span::styled("▏", theme::key()),
            // What it does not understand first: a typo is not silently a wider list.
            match state.cases.filter_problem() {
                Some(problem) => Span::styled(format!("  ✘ {}", clean(&problem)), theme::error()),
                None => Span::styled(
                    format!(
                        "  {} match · Enter keep · Esc clear",
                        state.cases.view().len()
                    ),
                    theme::dim(),
                ),
            },
        ]),
        Mode::Command(line) => {
            let cands = line.candidates();
            let hint = if cands.is_empty() || line.contains(' ') {
                String::new()
            } else {
                format!("   {}", cands.join(" "))
            };
            Line::from(vec![
                Span::styled(":", theme::key()),
                Span::raw(clean(line).into_owned()),
                Span::styled("▏", theme::key()),
                Span::styled(hint, theme::dim()),
            ])
        }
        _ => normal_status(state, area),
    };
    let used = line.width();
    frame.render_widget(Paragraph::new(line), area);
    let unseen = state.messages.unseen;
    if unseen > 0 && !matches!(state.mode, Mode::Filter | Mode::Command(_)) {
        // Messages about a place the reviewer left went only to the log: counted, quietly.
        let count = format!(" {unseen} new in :messages ");
        let cw = u16::try_from(count.width()).unwrap_or(u16::MAX);
        let used = u16::try_from(used).unwrap_or(u16::MAX);
        if used.saturating_add(cw) < area.width {
            let r = Rect::new(area.x + area.width - cw, area.y, cw, 1);
            frame.render_widget(Paragraph::new(Span::styled(count, theme::dim())), r);
        }
    }
}

/// What the status line says outside the filter and command lines: the spinner while loading,
/// then the message of this place. A message wider than the line is cut with `…` and a
/// pointer to `:messages`, which has it whole.
fn normal_status(state: &State, area: Rect) -> Line<'static> {
    let mut spans = Vec::new();
    let mut room = usize::from(area.width);
    if state.is_loading() {
        let frame_glyph = theme::SPINNER[state.spinner % theme::SPINNER.len()];
        spans.push(Span::styled(format!("{frame_glyph} "), theme::key()));
        room = room.saturating_sub(2);
    }
    if let Some(st) = &state.status {
        let (prefix, style) = match st.tone {
            Tone::Info => ("", ratatui::style::Style::new()),
            Tone::Success => ("✔ ", theme::success()),
            Tone::Error => ("✘ ", theme::error()),
        };
        let text = format!("{prefix}{}", clean(&st.text));
        if text.width() <= room {
            spans.push(Span::styled(text, style));
        } else {
            spans.push(Span::styled(
                truncate(&text, room.saturating_sub(CUT_HINT.width())),
                style,
            ));
            spans.push(Span::styled(CUT_HINT, theme::dim()));
        }
    } else if state.is_loading() {
        spans.push(Span::styled("loading…", theme::dim()));
    }
    Line::from(spans)
}

/// After a status message cut at the screen edge.
const CUT_HINT: &str = " whole in :messages";

pub fn footer(state: &State, frame: &mut Frame, area: Rect) {
    let hints: Vec<(String, &str)> = match &state.mode {
        Mode::Edit(_) => vec![("Ctrl-S".into(), "save"), ("Esc".into(), "cancel")],
        Mode::Confirm(..) => vec![
            ("y".into(), "yes"),
            ("n/Esc".into(), "no"),
            ("←→".into(), "choose"),
            ("Enter".into(), "press"),
        ],
        Mode::Help(_) => vec![("↑↓".into(), "scroll"), ("any key".into(), "close")],
        Mode::Command(_) => vec![
            ("Tab".into(), "complete"),
            ("Enter".into(), "run"),
            ("Esc".into(), "cancel"),
        ],
        Mode::Filter => vec![
            ("status:open".into(), ""),
            ("aml:yes".into(), ""),
            ("type:entity".into(), ""),
            ("j:GB".into(), ""),
            ("risk:high".into(), ""),
        ],
        // The find line keeps the pane's hints under it.
        Mode::Normal | Mode::Find(_) => {
            return pane_footer(state, frame, area);
        }
        Mode::Inbox(p) => super::alerts::popup_hints(state, p),
        Mode::Aml(p) => super::aml::popup_hints(p),
        Mode::Create(p) => super::form::hints(&p.form),
        Mode::Work(i) => super::casework::hints(i),
        Mode::Docs(f) => super::docs::popup_hints(f),
    };
    let hints = hints
        .into_iter()
        .map(|(key, word)| Hint {
            key,
            word,
            changes: false,
        })
        .collect();
    draw_hints(state, hints, frame, area);
}

/// The pane's own hints, from the keymap; on an open case the queue's keys follow them, as
/// bound (they are global keys without a hint of their own, so that the case list's footer,
/// where they do nothing, does not show them).
fn pane_footer(state: &State, frame: &mut Frame, area: Rect) {
    let ctx = state.context();
    let mut hints = state.keymap.hint_rows_taken(ctx, |a| state.takes(a));
    if state.view.shows_open_case() {
        let keys: Vec<String> = [Action::NextCase, Action::PrevCase]
            .into_iter()
            .filter_map(|a| state.keymap.key_for(ctx, a))
            .map(|k| k.label())
            .collect();
        if !keys.is_empty() {
            let global = state.keymap.hint_rows(Context::Global);
            let own = hints
                .iter()
                .position(|h| global.contains(h))
                .unwrap_or(hints.len());
            hints.insert(
                own,
                Hint {
                    key: keys.join(""),
                    word: "case",
                    changes: false,
                },
            );
        }
    }
    draw_hints(state, hints, frame, area);
}

/// The mark of a key that read-only mode refuses: it is there, and it is off.
pub fn off_mark(ascii: bool) -> &'static str {
    if ascii { "~" } else { "⊘" }
}

/// How a key that read-only mode refuses looks: dimmed and struck through (the mark says it
/// where neither shows).
pub fn off_style() -> ratatui::style::Style {
    theme::dim().add_modifier(ratatui::style::Modifier::CROSSED_OUT)
}

/// Hints as wide as the line allows; in read-only mode the ones that change something are
/// marked off.
fn draw_hints(state: &State, hints: Vec<Hint>, frame: &mut Frame, area: Rect) {
    let read_only = state.session.read_only;
    let mark = off_mark(state.org.ascii);
    let mut spans = Vec::new();
    let mut width = 0usize;
    for Hint { key, word, changes } in hints {
        let off = read_only && changes;
        let piece = match (word.is_empty(), off) {
            (true, false) => key.clone(),
            (true, true) => format!("{mark}{key}"),
            (false, false) => format!("{key} {word}"),
            (false, true) => format!("{mark}{key} {word}"),
        };
        let w = piece.width() + 2;
        if width + w > usize::from(area.width) {
            break;
        }
        width += w;
        if off {
            spans.push(Span::styled(mark, theme::dim()));
            spans.push(Span::styled(key, off_style()));
            if !word.is_empty() {
                spans.push(Span::raw(" "));
                spans.push(Span::styled(word, off_style()));
            }
        } else {
            spans.push(Span::styled(key, theme::key()));
            if !word.is_empty() {
                spans.push(Span::raw(format!(" {word}")));
            }
        }
        spans.push(Span::raw("  "));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme::dim()), area);
}

/// Cut text to `max` columns, ending with `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// A case crumb "Name (1000003001)" without its id, when it has one.
fn without_id(crumb: &str) -> Option<String> {
    let (name, rest) = crumb.rsplit_once(" (")?;
    let id = rest.strip_suffix(')')?;
    (!id.is_empty() && id.chars().all(|c| c.is_ascii_digit())).then(|| name.to_owned())
}
