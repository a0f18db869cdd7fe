//! The `?` help: the keys of the pane and everywhere, the commands, the filter tokens. It
//! comes from the keymap and the command table, so it cannot disagree with them; in read-only
//! mode what would change something is shown off, as in the footer.

use super::chrome::{off_mark, off_style};
use super::journal::wrap;
use super::popups::centered;
use super::theme;
use crate::app::keymap::Hint;
use crate::app::moves::Scroll;
use crate::app::{Context, State, command};
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// The widest help: beyond it, lines get too long to read.
const MAX_WIDTH: u16 = 120;
/// Columns between a key (or command) and what it does.
const GAP: usize = 2;

pub fn draw(state: &State, scroll: &Scroll, frame: &mut Frame, area: Rect) {
    // The whole width up to a readable line, between the header and the footer.
    let r = centered(
        area,
        area.width.min(MAX_WIDTH),
        area.height.saturating_sub(2),
    );
    let inner_width = usize::from(r.width.saturating_sub(2));
    let ctx = state.context();
    let read_only = state.session.read_only;
    let mark = off_mark(state.org.ascii);
    let mut rows: Vec<Row> = Vec::new();
    for c in [ctx, Context::Global] {
        for Hint { key, word, changes } in state.keymap.help_rows(c) {
            rows.push(Row {
                section: Some(c),
                keys: key,
                what: word,
                off: read_only && changes,
            });
        }
    }
    for (name, arg, what) in command::COMMANDS {
        let keys = if arg.is_empty() {
            format!(":{name}")
        } else {
            format!(":{name} {arg}")
        };
        rows.push(Row {
            section: None,
            keys,
            what,
            off: read_only && command::name_changes(name),
        });
    }
    // Keys line up with keys, commands with commands (theirs are longer).
    let (key_rows, command_rows): (Vec<&Row>, Vec<&Row>) =
        rows.iter().partition(|r| r.section.is_some());
    let keys = Columns::fit(&key_rows, inner_width);
    let commands = Columns::fit(&command_rows, inner_width);

    let mut lines = Vec::new();
    if !state.keymap.conflicts.is_empty() {
        lines.push(Line::styled(
            "Key conflicts (config file [keys])",
            theme::error(),
        ));
        for c in &state.keymap.conflicts {
            lines.extend(plain(&c.describe(), inner_width, 2));
        }
        lines.push(Line::from(""));
    }
    if read_only {
        lines.extend(
            plain(
                &format!("Read-only mode: keys and commands marked {mark} are off"),
                inner_width,
                0,
            )
            .into_iter()
            .map(|l| l.style(theme::warn())),
        );
        lines.push(Line::from(""));
    }
    let mut section = Some(None);
    for row in &rows {
        if section != Some(row.section) {
            if section.is_some_and(|s| s.is_some()) {
                lines.push(Line::from(""));
            }
            let title = row.section.map_or("Commands (:)", Context::title);
            lines.push(Line::styled(title.to_owned(), theme::title()));
            section = Some(row.section);
        }
        let columns = if row.section.is_some() {
            &keys
        } else {
            &commands
        };
        lines.extend(columns.lines(row, mark));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Filter tokens (/)", theme::title()));
    lines.extend(plain(
        "words match name, id, case number, jurisdiction; status:open|closed|building \
         aml:yes|no type:entity|individual j:GB risk:high decision:accepted \
         assignee:NAME assignee:me (reviewer = \"NAME\" in the config)",
        inner_width,
        2,
    ));
    lines.push(Line::from(""));
    let log = state
        .log_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| "off".to_owned());
    lines.extend(plain(
        &format!(
            "API version: {} · {} (:version)",
            clean(&crate::app::version::summary(state)),
            clean(&state.session.environment)
        ),
        inner_width,
        0,
    ));
    lines.extend(plain(&format!("Log: {}", clean(&log)), inner_width, 0));
    frame.render_widget(Clear, r);
    super::scrolled::render(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Help — any key closes ")
                .border_style(theme::focused_border()),
        ),
        scroll,
        frame,
        r,
    );
}

/// One key binding or command of the help.
struct Row {
    /// The keymap context, or `None` for a command.
    section: Option<Context>,
    keys: String,
    what: &'static str,
    /// Read-only mode refuses it.
    off: bool,
}

/// Where the descriptions start: after the widest key up to a third of the width (and
/// `KEYS_MAX`), so the keys and what they do line up with a gap and the descriptions keep most
/// of the line; a longer key (`:link ID RELATION [PCT] [DETAILS]`) takes a line of its own.
struct Columns {
    keys: usize,
    what: usize,
}

/// The widest key column.
const KEYS_MAX: usize = 24;

/// The mark (or its blank) before every key.
const MARK: usize = 2;

impl Columns {
    fn fit(rows: &[&Row], width: usize) -> Columns {
        let limit = (width.saturating_sub(MARK + GAP) / 3).min(KEYS_MAX);
        let keys = rows
            .iter()
            .map(|r| r.keys.width())
            .filter(|w| *w <= limit)
            .max()
            .unwrap_or(0);
        Columns {
            keys,
            what: width.saturating_sub(MARK + keys + GAP).max(1),
        }
    }

    /// A row as lines: the keys, then what they do wrapped under itself.
    fn lines(&self, row: &Row, mark: &'static str) -> Vec<Line<'static>> {
        let (mark, key_style, what_style) = if row.off {
            (format!("{mark} "), off_style(), off_style())
        } else {
            ("  ".to_owned(), theme::key(), ratatui::style::Style::new())
        };
        let indent = " ".repeat(MARK + self.keys + GAP);
        let mut out = Vec::new();
        let mut what = wrap(row.what, self.what).into_iter();
        let keys = Span::styled(row.keys.clone(), key_style);
        if row.keys.width() > self.keys {
            out.push(Line::from(vec![Span::styled(mark, theme::dim()), keys]));
        } else {
            let pad = " ".repeat(self.keys - row.keys.width() + GAP);
            let first = what.next().unwrap_or_default();
            out.push(Line::from(vec![
                Span::styled(mark, theme::dim()),
                keys,
                Span::raw(pad),
                Span::styled(first, what_style),
            ]));
        }
        out.extend(
            what.map(|w| Line::from(vec![Span::raw(indent.clone()), Span::styled(w, what_style)])),
        );
        out
    }
}

/// Text wrapped to `width`, its continuation lines indented by `indent`.
fn plain(text: &str, width: usize, indent: usize) -> Vec<Line<'static>> {
    let pad = " ".repeat(indent);
    wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .map(|l| Line::from(format!("{pad}{l}")))
        .collect()
}
