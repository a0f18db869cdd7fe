//! The selected step's notes, newest last, with author and time, each wrapped to the pane so
//! nothing is lost off its edge; a waiting draft is shown too. `Enter` reads one whole
//! ([`reader`]).

use super::{failure, placeholder};
use crate::api::StepNote;
use crate::app::{CaseView, State};
use crate::sanitize::{clean, clean_multiline};
use crate::ui::journal::wrap;
use crate::ui::theme;
use crate::words::DateFormat;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

/// The name of the step whose notes show, for the titles.
pub fn step_name(cv: &CaseView) -> Option<String> {
    let id = cv.for_step?;
    cv.steps
        .data
        .iter()
        .flatten()
        .flat_map(|g| g.steps.iter())
        .find(|s| s.case_step_id == id)
        .and_then(|s| s.name.clone())
        .or_else(|| {
            cv.step_detail
                .data
                .as_ref()
                .filter(|d| d.case_step_id == id)
                .and_then(|d| d.name.clone())
        })
        .map(|n| clean(&n).into_owned())
}

/// The note's text as rows of `width` cells: its own lines kept, each wrapped at words.
fn body(n: &StepNote, width: usize) -> Vec<String> {
    clean_multiline(n.note.as_deref().unwrap_or(""))
        .lines()
        .flat_map(|l| wrap(l, width))
        .collect()
}

fn header(n: &StepNote, dates: DateFormat) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            clean(n.created_by.as_deref().unwrap_or("unknown")).into_owned(),
            theme::label(),
        ),
        Span::styled(
            format!(
                "  {}",
                clean(&dates.show_api(n.created_on.as_deref().unwrap_or("")))
            ),
            theme::dim(),
        ),
    ])
}

pub fn draw(state: &State, cv: &CaseView, focused: bool, frame: &mut Frame, area: Rect) {
    let Some(step) = cv.for_step else {
        placeholder("select a step", frame, area);
        return;
    };
    let Some(notes) = &cv.notes.data else {
        match &cv.notes.error {
            Some(f) => failure(f, frame, area),
            None => placeholder("loading notes…", frame, area),
        }
        return;
    };
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let mut items: Vec<ListItem> = notes
        .iter()
        .map(|n| {
            let mut lines = vec![header(n, state.session.date_format)];
            lines.extend(
                body(n, width)
                    .into_iter()
                    .map(|l| Line::from(format!("  {l}"))),
            );
            ListItem::new(lines)
        })
        .collect();
    let draft = state.drafts.get(&(cv.id, step));
    if notes.is_empty() && draft.is_none() {
        placeholder("no notes — n writes one", frame, area);
        return;
    }
    if let Some(d) = draft {
        let first = d.lines().next().unwrap_or("");
        items.push(ListItem::new(Line::from(vec![
            Span::styled("✎ unsent draft: ", theme::warn()),
            Span::raw(clean(first).into_owned()),
            Span::styled("  (n continues)", theme::dim()),
        ])));
    }
    let sel = (!notes.is_empty()).then_some(cv.note_selected);
    let mut ls = ListState::default().with_selected(sel);
    let list = List::new(items).highlight_style(if focused {
        theme::selected()
    } else {
        ratatui::style::Style::new()
    });
    frame.render_stateful_widget(list, area, &mut ls);
}

/// The selected note whole, over the case, scrolled to `at` (clamped to its end, and kept so).
/// Returns `false` when there is no such note to read (it was deleted meanwhile).
pub fn reader(
    state: &State,
    cv: &CaseView,
    at: &std::cell::Cell<u16>,
    frame: &mut Frame,
    area: Rect,
) -> bool {
    let Some(n) = cv.notes.data.as_ref().and_then(|n| n.get(cv.note_selected)) else {
        return false;
    };
    let title = match step_name(cv) {
        Some(step) => format!(" Note on {step} "),
        None => " Note ".to_owned(),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    let mut lines = vec![header(n, state.session.date_format), Line::from("")];
    lines.extend(
        body(n, usize::from(inner.width).max(1))
            .into_iter()
            .map(Line::from),
    );
    let total = lines.len();
    let height = usize::from(inner.height).max(1);
    let top = usize::from(at.get()).min(total.saturating_sub(height));
    at.set(u16::try_from(top).unwrap_or(u16::MAX));
    let shown = (top + height).min(total);
    let more = if total > height {
        format!(
            " lines {}–{shown} of {total} · ↑↓ scroll · Esc back ",
            top + 1
        )
    } else {
        " Esc back ".to_owned()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block.title_bottom(Span::styled(more, theme::dim())))
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0)),
        area,
    );
    true
}
