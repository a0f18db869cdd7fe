//! The case list: companies and individuals together, filtered as you type, sorted by column.

pub use super::case_filter::Filter;
pub mod pane;

use super::case_filter::{Matcher, SearchText};
use crate::api::{CaseKind, CaseListItem, Id};
use std::cmp::Ordering;

/// One case as the list shows it, flattened from the API's item once, when it arrives.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub kind: CaseKind,
    pub id: Id,
    /// The case number the reviewer's organisation gave it (`KYC-2026-003001`); may be empty.
    pub number: String,
    pub name: String,
    pub country: String,
    pub closed: bool,
    pub building: bool,
    pub decision: String,
    pub aml_positive: Option<bool>,
    pub risk: String,
    pub assignee: String,
    pub review_date: String,
}

impl CaseRow {
    pub fn from_item(item: &CaseListItem) -> CaseRow {
        let c = &item.common;
        let name = item.name();
        let country = item.country_code().unwrap_or_default().to_owned();
        let id = c.case_common_id;
        CaseRow {
            kind: item.kind(),
            id,
            number: c.case_customer_id.clone().unwrap_or_default(),
            name,
            country,
            closed: c.is_closed(),
            building: matches!(c.build_state(), crate::api::BuildState::Building),
            decision: c.case_decision.clone().unwrap_or_default(),
            aml_positive: item.is_case_aml_positive,
            risk: c.risk_rating.clone().unwrap_or_default(),
            assignee: c.assigned_user_name.clone().unwrap_or_default(),
            review_date: c.scheduled_review_date.clone().unwrap_or_default(),
        }
    }

    /// "open", "closed" or "building".
    pub fn status_word(&self) -> &'static str {
        if self.closed {
            "closed"
        } else if self.building {
            "building"
        } else {
            "open"
        }
    }
}

/// The sortable columns, in the order `s` cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Type,
    Id,
    Name,
    Country,
    Status,
    Decision,
    Aml,
    Risk,
    Assignee,
    Review,
}

impl Column {
    pub const ALL: [Column; 10] = [
        Column::Type,
        Column::Id,
        Column::Name,
        Column::Country,
        Column::Status,
        Column::Decision,
        Column::Aml,
        Column::Risk,
        Column::Assignee,
        Column::Review,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Column::Type => "T",
            Column::Id => "Case",
            Column::Name => "Name",
            Column::Country => "Jur",
            Column::Status => "Status",
            Column::Decision => "Decision",
            Column::Aml => "AML",
            Column::Risk => "Risk",
            Column::Assignee => "Assignee",
            Column::Review => "Review",
        }
    }

    pub fn next(self) -> Column {
        let i = Column::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Column::ALL[(i + 1) % Column::ALL.len()]
    }

    fn compare(self, a: &CaseRow, b: &CaseRow) -> Ordering {
        match self {
            Column::Type => a.kind.cmp(&b.kind),
            Column::Id => a.id.cmp(&b.id),
            Column::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
            Column::Country => a.country.cmp(&b.country),
            Column::Status => a.status_word().cmp(b.status_word()),
            Column::Decision => a.decision.cmp(&b.decision),
            Column::Aml => b.aml_positive.cmp(&a.aml_positive),
            Column::Risk => risk_rank(&b.risk).cmp(&risk_rank(&a.risk)),
            Column::Assignee => a.assignee.cmp(&b.assignee),
            Column::Review => review_key(&a.review_date).cmp(&review_key(&b.review_date)),
        }
        .then(a.id.cmp(&b.id))
    }
}

fn risk_rank(r: &str) -> u8 {
    match r.to_ascii_lowercase().as_str() {
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    }
}

/// DD/MM/YYYY sorts by YYYYMMDD; anything else after real dates.
fn review_key(d: &str) -> String {
    let parts: Vec<&str> = d.split('/').collect();
    if let [dd, mm, yyyy] = parts.as_slice() {
        format!("{yyyy}{mm}{dd}")
    } else {
        format!("~{d}")
    }
}

/// The list's state. The rows, the filter and the sort are private: the view and the search
/// index are derived from them, and every change goes through a method that re-derives both, so
/// the filter always searches what the list shows now (a case closed or renamed in place is
/// found by its new status or name).
#[derive(Debug, Clone, Default)]
pub struct CaseList {
    rows: Vec<CaseRow>,
    /// Indices into `rows` after filter and sort.
    view: Vec<usize>,
    /// Index into `view`.
    pub selected: usize,
    filter_text: String,
    sort: Option<(Column, bool)>,
    /// Totals per kind as the server reported them.
    pub totals: [Option<u64>; 2],
    pub error: Option<super::Failure>,
    /// The first row on screen. Drawing owns it (it depends on the pane's height); kept here so
    /// scrolling is stable from frame to frame.
    pub offset: std::cell::Cell<usize>,
    /// The rows' search text and token facts, rebuilt by every method that changes a row.
    index: SearchText,
    /// The filter `view` was computed with, so typing can narrow it instead of starting over.
    applied: Filter,
    /// Who "me" is in `assignee:me` (the configuration's reviewer).
    me: Option<String>,
}

pub fn kind_index(kind: CaseKind) -> usize {
    match kind {
        CaseKind::Company => 0,
        CaseKind::Individual => 1,
    }
}

impl CaseList {
    /// Every loaded case, in load order (companies first).
    pub fn rows(&self) -> &[CaseRow] {
        &self.rows
    }

    /// The rows the filter lets through, as indices into [`CaseList::rows`], in display order.
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The loaded case with this id.
    pub fn find(&self, id: Id) -> Option<&CaseRow> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// The filter as typed (the `/` syntax).
    pub fn filter_text(&self) -> &str {
        &self.filter_text
    }

    /// Filter by new text: narrows the current view while the filter only gets stricter (as it
    /// does while typing), searches all rows otherwise.
    pub fn set_filter(&mut self, text: impl Into<String>) {
        self.filter_text = text.into();
        self.refilter();
    }

    /// Who "me" is in `assignee:me`; the view follows.
    pub fn set_me(&mut self, me: Option<String>) {
        self.me = me;
        self.refresh_view();
    }

    /// What the filter does not understand, in one line (`None`: all of it).
    pub fn filter_problem(&self) -> Option<String> {
        super::case_filter::problem(&self.filter_text, self.me.as_deref())
    }

    /// The sort column and whether it is descending; `None`: load order.
    pub fn sort(&self) -> Option<(Column, bool)> {
        self.sort
    }

    pub fn set_sort(&mut self, sort: Option<(Column, bool)>) {
        self.sort = sort;
        self.refresh_view();
    }

    /// Change a loaded case in place (a new status, decision or name from the server), then
    /// re-index and re-filter so the filter sees the change. Whether the case was loaded.
    pub fn edit(&mut self, id: Id, change: impl FnOnce(&mut CaseRow)) -> bool {
        let Some(row) = self.rows.iter_mut().find(|r| r.id == id) else {
            return false;
        };
        change(row);
        self.rows_changed();
        true
    }

    /// Drop a deleted case from the list, and from its kind's server total.
    pub fn remove(&mut self, id: Id) -> Option<CaseRow> {
        let at = self.rows.iter().position(|r| r.id == id)?;
        let row = self.rows.remove(at);
        if let Some(t) = self.totals[kind_index(row.kind)].as_mut() {
            *t = t.saturating_sub(1);
        }
        self.rows_changed();
        Some(row)
    }

    /// The rows changed: the index, and with it the view, follow.
    fn rows_changed(&mut self) {
        self.index = SearchText::build(&self.rows);
        self.refresh_view();
    }

    pub fn selected_row(&self) -> Option<&CaseRow> {
        self.view.get(self.selected).and_then(|&i| self.rows.get(i))
    }

    /// Recompute the view from all rows, keeping the selected case selected when it is still
    /// visible.
    fn refresh_view(&mut self) {
        debug_assert!(
            self.index.fits(&self.rows),
            "rows changed without re-indexing"
        );
        let keep = self.selected_key();
        let filter = Filter::parse_as(&self.filter_text, self.me.as_deref());
        self.view = if filter.is_empty() {
            (0..self.rows.len()).collect()
        } else {
            Matcher::new(&filter).all(&self.rows, &self.index)
        };
        if let Some((col, desc)) = self.sort {
            let rows = &self.rows;
            self.view.sort_by(|&a, &b| {
                let o = col.compare(&rows[a], &rows[b]);
                if desc { o.reverse() } else { o }
            });
        }
        self.applied = filter;
        self.reselect(keep);
    }

    /// The filter text changed: narrow the current view when the new filter is provably
    /// stricter than the one it was computed with (the order, sorted or not, carries over),
    /// otherwise recompute. Same result as [`CaseList::refresh_view`], faster while typing.
    fn refilter(&mut self) {
        let filter = Filter::parse_as(&self.filter_text, self.me.as_deref());
        if !filter.implies(&self.applied) {
            self.refresh_view();
            return;
        }
        if filter == self.applied {
            return;
        }
        let keep = self.selected_key();
        let matcher = Matcher::new(&filter);
        self.view = if self.view.len() * 4 <= self.rows.len() {
            // Few rows left: check just those.
            matcher.narrow(&self.rows, &self.index, &self.view)
        } else {
            // Many: one pass over the search text is faster than a check per row. The rows it
            // finds are within the view (the filter is stricter); keep the view's order.
            let hits = matcher.all(&self.rows, &self.index);
            if self.sort.is_none() {
                hits
            } else {
                let mut hit = vec![false; self.rows.len()];
                for i in hits {
                    hit[i] = true;
                }
                let mut view = std::mem::take(&mut self.view);
                view.retain(|&i| hit[i]);
                view
            }
        };
        self.applied = filter;
        self.reselect(keep);
    }

    fn selected_key(&self) -> Option<(CaseKind, Id)> {
        self.selected_row().map(|r| (r.kind, r.id))
    }

    fn reselect(&mut self, keep: Option<(CaseKind, Id)>) {
        self.selected = keep
            .and_then(|k| {
                self.view
                    .iter()
                    .position(|&i| (self.rows[i].kind, self.rows[i].id) == k)
            })
            .unwrap_or(0)
            .min(self.view.len().saturating_sub(1));
    }

    /// Add a page of cases (the caller leaves out those already in).
    pub fn add_page(&mut self, kind: CaseKind, items: &[CaseListItem], total: Option<u64>) {
        let k = kind_index(kind);
        self.totals[k] = total;
        // Companies come before individuals whichever page arrives first, so the list does
        // not reshuffle under the reviewer while it loads.
        let at = match kind {
            CaseKind::Company => self.count(CaseKind::Company),
            CaseKind::Individual => self.rows.len(),
        };
        let new_rows: Vec<CaseRow> = items.iter().map(CaseRow::from_item).collect();
        self.rows.splice(at..at, new_rows);
        self.rows_changed();
    }

    /// Forget everything loaded of a kind (refresh).
    pub fn clear_kind(&mut self, kind: CaseKind) {
        self.rows.retain(|r| r.kind != kind);
        let k = kind_index(kind);
        self.totals[k] = None;
        self.rows_changed();
    }

    pub fn count(&self, kind: CaseKind) -> usize {
        self.rows.iter().filter(|r| r.kind == kind).count()
    }

    /// Whether more pages of this kind remain on the server.
    /// `last_full`: the last page came back with as many cases as were asked for.
    pub fn has_more(&self, kind: CaseKind, last_full: bool) -> bool {
        match self.totals[kind_index(kind)] {
            Some(total) => (self.count(kind) as u64) < total,
            // No total: keep going while pages come back full.
            None => last_full,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: CaseKind, id: Id, name: &str, country: &str, closed: bool) -> CaseRow {
        CaseRow {
            kind,
            id,
            number: format!("KYC-2026-{id:06}"),
            name: name.into(),
            country: country.into(),
            closed,
            building: false,
            decision: String::new(),
            aml_positive: Some(id % 2 == 0),
            risk: "High".into(),
            assignee: String::new(),
            review_date: String::new(),
        }
    }

    fn list() -> CaseList {
        let mut l = CaseList {
            rows: vec![
                row(CaseKind::Company, 10, "Acme Holdings", "GB", false),
                row(CaseKind::Company, 11, "Müller & Söhne GmbH", "DE", true),
                row(CaseKind::Individual, 12, "Ольга Петрова", "CY", false),
            ],
            ..Default::default()
        };
        l.rows_changed();
        l
    }

    fn shown(l: &CaseList) -> Vec<Id> {
        l.view().iter().map(|&i| l.rows()[i].id).collect()
    }

    #[test]
    fn free_text_and_tokens_filter() {
        let mut l = list();
        l.set_filter("müller");
        assert_eq!(l.view().len(), 1);
        l.set_filter("status:open type:entity");
        assert_eq!(l.selected_row().map(|r| r.id), Some(10));
        l.set_filter("aml:yes");
        assert_eq!(shown(&l), vec![10, 12]);
        l.set_filter("j:cy");
        assert_eq!(l.selected_row().map(|r| r.id), Some(12));
    }

    #[test]
    fn a_row_changed_in_place_is_found_by_what_it_is_now() {
        let mut l = list();
        l.set_filter("acme");
        assert!(l.edit(10, |r| {
            r.closed = true;
            r.decision = "Accepted".into();
        }));
        l.set_filter("acme status:closed");
        assert_eq!(shown(&l), vec![10], "closed");
        l.set_filter("acme status:open");
        assert!(shown(&l).is_empty(), "no longer open");

        l.set_filter("acme");
        assert!(l.edit(10, |r| r.name = "Zenith Trading".into()));
        assert!(shown(&l).is_empty(), "the shown view follows the rename");
        l.set_filter("zenith");
        assert_eq!(shown(&l), vec![10], "the new name matches");
        assert!(!l.edit(99, |r| r.name = "nobody".into()), "not loaded");
    }

    #[test]
    fn removing_a_case_drops_it_from_the_view_and_the_total() {
        let mut l = list();
        l.totals = [Some(2), Some(1)];
        l.set_filter("type:entity");
        assert_eq!(l.remove(11).map(|r| r.id), Some(11));
        assert_eq!(shown(&l), vec![10]);
        assert_eq!(l.totals, [Some(1), Some(1)]);
        assert!(l.remove(11).is_none());
        assert!(l.find(11).is_none());
    }

    #[test]
    fn sorting_keeps_the_selection() {
        let mut l = list();
        l.selected = 1; // id 11
        l.set_sort(Some((Column::Name, true)));
        assert_eq!(l.selected_row().map(|r| r.id), Some(11));
        assert_eq!(shown(&l), vec![12, 11, 10]);
    }

    mod narrowing {
        use super::*;
        use proptest::prelude::*;

        fn any_row() -> impl Strategy<Value = CaseRow> {
            (
                any::<bool>(),
                0i64..40,
                prop::sample::select(vec!["Kestrel GB", "Lion Σtar", "Ölmühle", "AB", "k j"]),
                prop::sample::select(vec!["GB", "gb", "DE", "G", ""]),
                any::<bool>(),
                prop::option::of(any::<bool>()),
                prop::sample::select(vec!["High", "low", "Médium", ""]),
                prop::sample::select(vec!["Ann Lee", "ÅSA", ""]),
            )
                .prop_map(|(company, id, name, country, closed, aml, risk, who)| {
                    CaseRow {
                        kind: if company {
                            CaseKind::Company
                        } else {
                            CaseKind::Individual
                        },
                        id,
                        number: String::new(),
                        name: name.into(),
                        country: country.into(),
                        closed,
                        building: id % 3 == 0,
                        decision: if closed {
                            "Accepted".into()
                        } else {
                            String::new()
                        },
                        aml_positive: aml,
                        risk: risk.into(),
                        assignee: who.into(),
                        review_date: String::new(),
                    }
                })
        }

        /// A key typed into the filter: a character, or Backspace (`None`).
        fn any_key() -> impl Strategy<Value = Option<char>> {
            prop::option::weighted(
                0.85,
                prop::sample::select(vec![
                    'k', 'e', 's', 't', 'g', 'b', 'j', ':', ' ', 'o', 'p', 'a', 'm', 'l', 'y', 'i',
                    'h', 'r', '1', 'Σ', 'ö', 'c', 'n',
                ]),
            )
        }

        proptest! {
            /// Typing narrows the previous result; whatever is typed, the view and the
            /// selection are exactly what recomputing from all rows gives.
            #[test]
            fn incremental_equals_full(
                rows in prop::collection::vec(any_row(), 0..40),
                sort in prop::option::of((0usize..10, any::<bool>())),
                keys in prop::collection::vec(any_key(), 0..30),
                pick in 0usize..40,
            ) {
                // Cases are unique by kind and id, as on the server.
                let rows = rows
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| CaseRow { id: r.id * 100 + i as i64, ..r })
                    .collect();
                let mut l = CaseList { rows, ..Default::default() };
                l.sort = sort.map(|(c, d)| (Column::ALL[c], d));
                l.rows_changed();
                for key in keys {
                    match key {
                        Some(c) => l.filter_text.push(c),
                        None => { l.filter_text.pop(); }
                    }
                    l.selected = pick.min(l.view.len().saturating_sub(1));
                    let mut full = l.clone();
                    l.refilter();
                    full.refresh_view();
                    prop_assert_eq!(&l.view, &full.view, "filter {:?}", l.filter_text);
                    prop_assert_eq!(l.selected, full.selected);
                }
            }
        }
    }
}
