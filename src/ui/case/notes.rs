//! The selected step's notes, newest last, with author and time; a waiting draft is shown too.

use super::{failure, placeholder};
use crate::app::{CaseView, State};
use crate::sanitize::{clean, clean_multiline};
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

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
    let mut items: Vec<ListItem> = notes
        .iter()
        .map(|n| {
            let mut lines = vec![Line::from(vec![
                Span::styled(
                    clean(n.created_by.as_deref().unwrap_or("unknown")).into_owned(),
                    theme::label(),
                ),
                Span::styled(
                    format!("  {}", clean(n.created_on.as_deref().unwrap_or(""))),
                    theme::dim(),
                ),
            ])];
            lines.extend(
                clean_multiline(n.note.as_deref().unwrap_or(""))
                    .lines()
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
