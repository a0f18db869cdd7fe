//! The `?` help: the keys of the pane and everywhere, the commands, the filter tokens. It
//! comes from the keymap and the command table, so it cannot disagree with them; in read-only
//! mode what would change something is shown off, as in the footer.

use super::chrome::{off_mark, off_style};
use super::popups::centered;
use super::theme;
use crate::app::keymap::Hint;
use crate::app::{Context, State, command};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(state: &State, scroll: u16, frame: &mut Frame, area: Rect) {
    let ctx = state.context();
    let mut lines = Vec::new();
    if !state.keymap.conflicts.is_empty() {
        lines.push(Line::styled(
            "Key conflicts (config file [keys])",
            theme::error(),
        ));
        for c in &state.keymap.conflicts {
            lines.push(Line::from(format!("  {}", c.describe())));
        }
        lines.push(Line::from(""));
    }
    let read_only = state.session.read_only;
    let mark = off_mark(state.org.ascii);
    if read_only {
        lines.push(Line::styled(
            format!("Read-only mode: keys and commands marked {mark} are off"),
            theme::warn(),
        ));
        lines.push(Line::from(""));
    }
    for c in [ctx, Context::Global] {
        lines.push(Line::styled(c.title().to_owned(), theme::title()));
        for Hint { key, word, changes } in state.keymap.help_rows(c) {
            lines.push(row(&format!("{key:<16}"), word, read_only && changes, mark));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled("Commands (:)", theme::title()));
    for (name, arg, what) in command::COMMANDS {
        let off = read_only && command::name_changes(name);
        lines.push(row(&format!(":{name} {arg:<10}"), what, off, mark));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Filter tokens (/)", theme::title()));
    lines.push(Line::from(
        "  words match name, id, case number, jurisdiction; status:open|closed|building",
    ));
    lines.push(Line::from(
        "  aml:yes|no type:entity|individual j:GB risk:high decision:accepted",
    ));
    lines.push(Line::from(
        "  assignee:NAME assignee:me (reviewer = \"NAME\" in the config)",
    ));
    lines.push(Line::from(""));
    let log = state
        .log_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "off".to_owned());
    lines.push(Line::from(vec![
        Span::styled("API version: ", theme::title()),
        Span::raw(clean(&crate::app::version::summary(state)).into_owned()),
        Span::styled(
            format!(" · {} (:version)", clean(&state.session.environment)),
            theme::dim(),
        ),
    ]));
    lines.push(Line::from(vec![
        Span::styled("Log: ", theme::title()),
        Span::raw(clean(&log).into_owned()),
    ]));
    let r = centered(area, 76, area.height.saturating_sub(4));
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .title(" Help — any key closes ")
                    .border_style(theme::focused_border()),
            )
            .scroll((scroll, 0)),
        r,
    );
}

/// One row: keys (or a command) and what they do, dimmed, struck and marked when off.
fn row(keys: &str, what: &'static str, off: bool, mark: &'static str) -> Line<'static> {
    if off {
        Line::from(vec![
            Span::styled(format!("{mark} {keys}"), off_style()),
            Span::styled(what, off_style()),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("  {keys}"), theme::key()),
            Span::raw(what),
        ])
    }
}
