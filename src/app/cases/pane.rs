//! The case-list pane: its keys (move, open, sort, filter), its loads and its answers.

use super::Column;
use crate::api::CaseKind;
use crate::app::View;
use crate::app::answers::OnAnswer;
use crate::app::moves::{move_in, page_rows};
use crate::app::panes::Pane;
use crate::app::request::fetch;
use crate::app::status::{error, info};
use crate::app::{
    Action, BULK_PAGE_SIZE, Context, Effect, Failure, Mode, PAGE_SIZE, Request, Slot, State,
};
use crate::op::{self, Operation};

/// The case list.
pub struct CasesScreen;

/// Whether a page of either kind is on its way.
pub fn is_loading(state: &State) -> bool {
    crate::app::request::any_in_flight(
        state,
        &[
            Slot::CasePage(CaseKind::Company),
            Slot::CasePage(CaseKind::Individual),
        ],
    )
}

impl Pane for CasesScreen {
    fn context(&self, _: &State) -> Context {
        Context::Cases
    }

    fn crumbs(&self, _: &State) -> Vec<String> {
        vec!["Cases".to_owned()]
    }

    /// Both kinds load at start and page in behind whatever shows, so this counts everywhere.
    fn is_loading(&self, state: &State) -> bool {
        is_loading(state)
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        match action {
            a if a.is_move() => {
                let page = page_rows(state);
                let l = &mut state.cases;
                l.selected = move_in(l.view().len(), l.selected, action, page);
            }
            Action::Open => {
                if let Some(row) = state.cases.selected_row() {
                    let (kind, id, name) = (row.kind, row.id, row.name.clone());
                    let from = crate::app::queue::Source::Cases;
                    crate::app::queue::open_from(state, from, kind, id, name, fx);
                }
            }
            Action::SortNext | Action::SortReverse => sort(state, action),
            Action::Filter => state.mode = Mode::Filter,
            Action::Back => clear_filter(state),
            Action::Refresh => reload(state, fx),
            _ => return false,
        }
        true
    }

    /// The list goes on loading its pages while another view shows: Esc comes back to it.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

fn sort(state: &mut State, action: Action) {
    let l = &mut state.cases;
    l.set_sort(Some(match (action, l.sort()) {
        (Action::SortNext, None) => (Column::Type, false),
        (Action::SortNext, Some((c, _))) => (c.next(), false),
        (_, Some((c, d))) => (c, !d),
        (_, None) => (Column::Id, true),
    }));
    if let Some((c, d)) = l.sort() {
        let dir = if d { "descending" } else { "ascending" };
        info(state, format!("sorted by {} ({dir})", c.title()));
    }
}

/// Esc where nothing else takes it: clear the case list's filter.
pub fn clear_filter(state: &mut State) {
    if !state.cases.filter_text().is_empty() {
        state.cases.set_filter("");
        info(state, "filter cleared");
    }
}

/// `r` where nothing else takes it: reload both kinds of case list.
pub fn reload(state: &mut State, fx: &mut Vec<Effect>) {
    load_cases(state, fx);
    info(state, "refreshing…");
}

pub fn load_cases(state: &mut State, fx: &mut Vec<Effect>) {
    for kind in [CaseKind::Company, CaseKind::Individual] {
        state.cases.clear_kind(kind);
        load_page(state, kind, 1, fx);
    }
    state.cases.error = None;
}

fn load_page(state: &mut State, kind: CaseKind, page: u32, fx: &mut Vec<Effect>) {
    load(state, kind, page, PAGE_SIZE, fx);
}

fn load(state: &mut State, kind: CaseKind, page: u32, page_size: u32, fx: &mut Vec<Effect>) {
    fetch(
        state,
        Slot::CasePage(kind),
        Request::ListCases(op::ListCases {
            kind,
            page,
            page_size,
        }),
        fx,
    );
}

/// Ask for the cases after those loaded, in bulk pages. The bulk page that holds the next case
/// may start before it (the first bulk page repeats the small first page): the answer skips
/// what is already in.
fn load_rest(state: &mut State, kind: CaseKind, fx: &mut Vec<Effect>) {
    let loaded = u32::try_from(state.cases.count(kind)).unwrap_or(u32::MAX);
    load(state, kind, loaded / BULK_PAGE_SIZE + 1, BULK_PAGE_SIZE, fx);
}

impl OnAnswer for op::ListCases {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::ListCases {
            kind,
            page,
            page_size,
        } = self;

        match result {
            Ok(crate::api::Page { items, total }) => {
                let offset = (page.saturating_sub(1) as usize) * page_size as usize;
                let skip = state
                    .cases
                    .count(kind)
                    .saturating_sub(offset)
                    .min(items.len());
                let full = items.len() == page_size as usize;
                state.cases.add_page(kind, &items[skip..], total);
                if skip < items.len() && state.cases.has_more(kind, full) {
                    load_rest(state, kind, fx);
                }
            }
            Err(f) => {
                error(state, format!("case list: {}", f.one_line()));
                state.cases.error = Some(f);
            }
        }
    }
}
