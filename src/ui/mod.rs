//! Pure drawing: `draw(&State, frame)`. One file per pane; nothing here changes the state
//! (except the scroll offset cells that only drawing can know).

pub mod alerts;
pub mod aml;
pub mod ascii;
pub mod case;
pub mod cases;
mod casework;
pub(crate) mod chrome;
pub mod docs;
pub mod form;
mod help;
mod journal;
mod messages;
mod mono;
mod org;
mod popups;
pub mod reason;
mod scrolled;
pub mod search;
pub mod theme;
mod version;
mod wide;

use crate::app::{State, View};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

/// The smallest terminal the console lays out in.
pub const MIN_SIZE: (u16, u16) = (60, 20);

/// Draw the whole screen.
pub fn draw(state: &State, frame: &mut Frame) {
    theme::set(state.session.theme);
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        chrome::too_small(frame, area);
    } else {
        panes(state, frame);
        wide::mend(frame.buffer_mut());
    }
    if state.org.ascii {
        ascii::apply(frame.buffer_mut());
    }
    if state.session.color.is_mono() || state.session.theme == theme::Theme::Monochrome {
        mono::strip(frame.buffer_mut());
    }
}

/// Header, the view's pane, status line, footer and the popup on top.
fn panes(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    chrome::header(state, frame, header);
    match (state.view, &state.case) {
        (View::Org, _) => org::draw(state, frame, body),
        (View::Aml, _) => aml::draw(state, frame, body),
        (View::Docs, _) => docs::draw(state, frame, body),
        (View::Case, Some(cv)) => case::draw(state, cv, frame, body),
        (View::Alerts, _) => alerts::draw(state, frame, body),
        (View::Journal, _) => journal::draw(state, frame, body),
        (View::Search, _) => search::draw(state, frame, body),
        (View::CaseWork, _) => casework::draw(state, frame, body),
        (View::Version, _) => version::draw(state, frame, body),
        (View::Messages, _) => messages::draw(state, frame, body),
        (View::Cases | View::Case, _) => cases::draw(state, frame, body),
    }
    chrome::status(state, frame, status);
    chrome::footer(state, frame, footer);
    popups::draw(state, frame, area);
}
