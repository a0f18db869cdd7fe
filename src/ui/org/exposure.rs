//! Sanctions exposure through ownership, as the overview's banner and the section that opens
//! `:ubo`. What is computed lives in `app::org::exposure`; this only words it.

use crate::app::State;
use crate::app::org::exposure::{self, Screened, basis};
use crate::exposure::{Flagged, Verdict};
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// At most this many rows of the overview go to the banner.
const MAX_ROWS: u16 = 3;

/// The overview's exposure line for case `id`, drawn at the top of `area` when there is
/// something to say; returns what is left of the area for the rest of the overview.
pub fn banner(state: &State, id: crate::api::Id, frame: &mut Frame, area: Rect) -> Rect {
    let Some(s) = exposure::of(state, id) else {
        return area;
    };
    let Some(line) = banner_line(s, state.org.ascii, state.org.threshold) else {
        return area;
    };
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let rows = u16::try_from(wrapped_rows(&text, usize::from(area.width)))
        .unwrap_or(MAX_ROWS)
        .clamp(1, MAX_ROWS);
    if area.height <= rows {
        return area;
    }
    let top = Rect {
        height: rows,
        ..area
    };
    frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), top);
    Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    }
}

/// How many rows word wrapping takes for `text` at `width` (as the paragraph wraps: at
/// spaces, a word longer than the row broken).
fn wrapped_rows(text: &str, width: usize) -> usize {
    let width = width.max(1);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ') {
        let w = word.width();
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows += 1;
            used = w;
            while used > width {
                rows += 1;
                used -= width;
            }
        }
    }
    rows
}

/// One line: blocked through ownership first; else holders flagged by screening; else nothing.
pub fn banner_line(s: &Screened, ascii: bool, threshold: f64) -> Option<Line<'static>> {
    if let Some(h) = s.headline() {
        return Some(Line::from(vec![
            Span::styled(
                format!("{} Sanctions exposure: ", if ascii { "X" } else { "⛔" }),
                theme::error(),
            ),
            Span::styled(clean(&h).into_owned(), theme::error()),
            Span::styled(" · :ubo", theme::dim()),
        ]));
    }
    if s.exposure.flagged.is_empty() {
        return None;
    }
    let who: Vec<String> = s
        .exposure
        .flagged
        .iter()
        .map(|f| flagged_text(s, f, threshold))
        .collect();
    Some(Line::from(vec![
        Span::styled(
            format!("{} Screened holders: ", if ascii { "!" } else { "⚠" }),
            theme::warn(),
        ),
        Span::styled(who.join("; "), theme::warn()),
        Span::styled(" · :ubo", theme::dim()),
    ]))
}

/// "Name (sanctioned, 21% below the 25% threshold)".
fn flagged_text(s: &Screened, f: &Flagged, threshold: f64) -> String {
    let what = match (f.sanctioned, f.pep) {
        (true, true) => "sanctioned, PEP",
        (true, false) => "sanctioned",
        _ => "PEP",
    };
    let share = match f.effective {
        Some(p) if f.below_threshold => format!(", {p:.2}% below the {threshold:.2}% threshold"),
        Some(p) => format!(", {p:.2}%"),
        None => ", an officer or controller, no shares".to_owned(),
    };
    format!("{} ({what}{share})", clean(&s.names[f.entity]))
}

/// The section that opens `:ubo`: each reading with its route (co-holders that add up to a
/// block after `+`), the listed parties, then the flagged holders.
pub fn section(s: &Screened, ascii: bool, threshold: f64) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled("Sanctions exposure", theme::title())];
    let mark = if ascii { "X" } else { "⛔" };
    let arrow = if ascii { " <- " } else { " ← " };
    let mut listed_parties = Vec::new();
    let mut last_route = None;
    for (label, v) in [
        ("OFAC 50% rule", &s.exposure.ofac),
        ("EU ownership or control", &s.exposure.eu),
    ] {
        match v {
            Verdict::Clear => out.push(Line::from(vec![
                Span::styled(format!("  {label}: "), theme::label()),
                Span::styled("clear", theme::dim()),
            ])),
            Verdict::Listed => out.push(Line::styled(
                format!("  {mark} {label}: the company itself is listed"),
                theme::error(),
            )),
            Verdict::Blocked { route, listed } => {
                let text = route
                    .iter()
                    .map(|link| {
                        link.by
                            .iter()
                            .map(|(h, b)| format!("{} {}", basis(*b), clean(&s.names[*h])))
                            .collect::<Vec<_>>()
                            .join(" + ")
                    })
                    .collect::<Vec<_>>()
                    .join(arrow);
                let shown = if last_route.as_ref() == Some(&text) {
                    "the same route".to_owned()
                } else {
                    text.clone()
                };
                out.push(Line::styled(
                    format!("  {mark} {label}: blocked through {shown}"),
                    theme::error(),
                ));
                last_route = Some(text);
                if !listed_parties.contains(listed) {
                    listed_parties.push(*listed);
                }
            }
        }
    }
    for l in listed_parties {
        out.push(Line::styled(
            format!("  Listed: {} [{}]", clean(&s.names[l]), clean(&s.lists(l))),
            theme::error(),
        ));
    }
    for f in &s.exposure.flagged {
        out.push(Line::styled(
            format!(
                "  {} {}",
                if ascii { "!" } else { "⚠" },
                flagged_text(s, f, threshold)
            ),
            theme::warn(),
        ));
    }
    if !s.unread.is_empty() || s.not_read > 0 {
        let n = s.unread.len() + s.not_read;
        out.push(Line::styled(
            format!(
                "  ? the screening of {n} {} could not be read: exposure may be incomplete",
                if n == 1 { "case" } else { "cases" }
            ),
            theme::error(),
        ));
    }
    out
}
