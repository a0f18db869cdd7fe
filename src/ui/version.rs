//! The `:version` pane: the server's API version and the environment, in one small box. Every
//! string from the server passes the sanitiser.

use super::theme;
use crate::app::State;
use crate::sanitize::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(state: &State, frame: &mut Frame, area: Rect) {
    let p = &state.version;
    let block = Block::bordered()
        .title(" API version ")
        .border_style(theme::focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let version = match (&p.info.data, &p.info.error) {
        (_, Some(err)) => Span::styled(clean(&err.summary).into_owned(), theme::error()),
        (Some(v), None) => match &v.version {
            Some(text) => Span::raw(clean(text).into_owned()),
            None => Span::styled("the server did not say", theme::dim()),
        },
        (None, None) => Span::styled("asking the server…", theme::dim()),
    };
    let lines = vec![
        Line::from(vec![Span::styled("Version      ", theme::label()), version]),
        Line::from(vec![
            Span::styled("Environment  ", theme::label()),
            Span::raw(clean(&state.session.environment).into_owned()),
        ]),
        Line::from(""),
        Line::styled("r asks again · Esc goes back", theme::dim()),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
