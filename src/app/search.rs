//! The registry search pane: a live search of a jurisdiction's company registry, which takes 5
//! to 150 seconds. It runs in a slot of its own that no navigation aborts, so every other key
//! keeps working; only a new search, `x`/Esc on the pane or `:search cancel` stops it.

use super::case::open_case;
use super::form::Opt;
use super::moves::move_in;
use super::panes::Pane;
use super::request::fetch;
use super::status::{error, info, success};
use super::*;
use crate::api::SearchResult;
use crate::api::{CaseKind, CompanyType, Jurisdiction, SearchRequest};
use crate::app::answers::OnAnswer;
use crate::app::panes::show;
use crate::app::request::in_flight;
use crate::op;
use crate::op::Operation;
use std::time::Instant;

pub use crate::op::{GATEWAY_TIMEOUT, TOO_BROAD_ADVICE};

/// The search pane's state, kept while the user looks elsewhere.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// `GET /v2/Jurisdictions`, loaded once for the pickers.
    pub jurisdictions: Remote<Vec<Jurisdiction>>,
    /// `GET /v2/CompanyTypes`, loaded once for the company-type picker.
    pub company_types: Remote<Vec<CompanyType>>,
    /// The last search asked for.
    pub query: String,
    pub code: String,
    pub running: bool,
    /// When the search was first seen running, stamped by the spinner's first tick after it
    /// started (`update()` reads no clock; the tick comes at once, the spinner being idle).
    pub started: Option<Instant>,
    /// Whole seconds the search has run (updated on the spinner's tick, so drawing stays pure).
    pub elapsed: u64,
    /// The hits of the last search that finished.
    pub results: Option<Vec<SearchResult>>,
    pub error: Option<Failure>,
    pub selected: usize,
}

impl SearchState {
    pub fn jurisdiction(&self, code: &str) -> Option<&Jurisdiction> {
        self.jurisdictions.data.as_ref()?.iter().find(|j| {
            j.codeiso31662
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(code.trim()))
        })
    }

    /// "Gibraltar (GI)", or the code alone while the list is not loaded.
    pub fn country(&self, code: &str) -> String {
        match self.jurisdiction(code).and_then(|j| j.name.as_deref()) {
            Some(name) => format!("{name} ({code})"),
            None => code.to_owned(),
        }
    }

    /// The jurisdictions as picker options, noting which registries are searched live.
    pub fn jurisdiction_options(&self) -> Vec<Opt> {
        let mut out: Vec<Opt> = self
            .jurisdictions
            .data
            .iter()
            .flatten()
            .filter_map(|j| {
                let code = j.codeiso31662.clone()?;
                let name = j.name.clone().unwrap_or_else(|| code.clone());
                let note = if j.isautomated {
                    "automated"
                } else {
                    "manual only"
                };
                Some(Opt::new(code.clone(), format!("{name} ({code})")).note(note))
            })
            .collect();
        out.sort_by(|a, b| a.label.cmp(&b.label));
        out
    }

    /// The company types of a jurisdiction (all of them when it has none of its own).
    pub fn company_type_options(&self, code: &str) -> Vec<Opt> {
        let all = self.company_types.data.as_deref().unwrap_or_default();
        let of = |t: &&CompanyType| {
            t.codeiso31662
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
        };
        let own: Vec<&CompanyType> = all.iter().filter(of).collect();
        let pick: Vec<&CompanyType> = if own.is_empty() {
            all.iter().collect()
        } else {
            own
        };
        let mut out: Vec<Opt> = pick
            .into_iter()
            .filter_map(|t| t.name.clone())
            .map(|n| Opt::new(n.clone(), n))
            .collect();
        out.sort_by(|a, b| a.label.cmp(&b.label));
        out.dedup();
        out
    }

    pub fn selected_result(&self) -> Option<&SearchResult> {
        self.results.as_ref()?.get(self.selected)
    }

    /// Whether the pane has anything to show.
    pub fn has_something(&self) -> bool {
        self.running || self.results.is_some() || self.error.is_some()
    }
}

/// Load the jurisdictions and company types if not loaded or loading.
pub fn ensure_reference(state: &mut State, fx: &mut Vec<Effect>) {
    if state.search.jurisdictions.data.is_none() && !in_flight(state, Slot::Jurisdictions) {
        state.search.jurisdictions.start();
        fetch(
            state,
            Slot::Jurisdictions,
            Request::Jurisdictions(op::Jurisdictions),
            fx,
        );
    }
    if state.search.company_types.data.is_none() && !in_flight(state, Slot::CompanyTypes) {
        state.search.company_types.start();
        fetch(
            state,
            Slot::CompanyTypes,
            Request::CompanyTypes(op::CompanyTypes),
            fx,
        );
    }
}

/// `:search [NAME-OR-NUMBER COUNTRY | cancel]`.
pub fn command(state: &mut State, args: &str, fx: &mut Vec<Effect>) {
    let args = args.trim();
    if args.eq_ignore_ascii_case("cancel") {
        cancel(state, fx);
        return;
    }
    if args.is_empty() {
        if state.search.has_something() {
            show(state, View::Search, fx);
        } else {
            super::create::open_search(state, "", "", fx);
        }
        return;
    }
    let (query, code) = match args.rsplit_once(char::is_whitespace) {
        Some((q, c)) if looks_like_code(state, c) => (q.trim(), c),
        _ => (args, ""),
    };
    if code.is_empty() {
        // No jurisdiction: the picker asks for one, with the query kept.
        super::create::open_search(state, query, "", fx);
    } else {
        start(state, query, &code.to_ascii_uppercase(), fx);
    }
}

/// A jurisdiction code: one the server listed, or (list not loaded) two letters with an
/// optional subdivision (`US-DE`).
fn looks_like_code(state: &State, word: &str) -> bool {
    if state.search.jurisdictions.data.is_some() {
        return state.search.jurisdiction(word).is_some();
    }
    let (country, sub) = word.split_once('-').unwrap_or((word, "x"));
    country.len() == 2
        && country.chars().all(|c| c.is_ascii_alphabetic())
        && !sub.is_empty()
        && sub.len() <= 3
        && sub.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Start a search (replacing one that runs), or send a non-automated jurisdiction to the form
/// that creates the case by hand.
pub fn start(state: &mut State, query: &str, code: &str, fx: &mut Vec<Effect>) {
    ensure_reference(state, fx);
    if let Some(j) = state.search.jurisdiction(code)
        && !j.isautomated
    {
        let country = state.search.country(code);
        super::create::open_new_company(state, query, code, fx);
        info(
            state,
            format!("{country}: not automated, no registry search — create the case by hand"),
        );
        return;
    }
    let s = &mut state.search;
    s.query = query.to_owned();
    s.code = code.to_owned();
    s.running = true;
    s.started = None;
    s.elapsed = 0;
    s.results = None;
    s.error = None;
    s.selected = 0;
    show(state, View::Search, fx);
    let request = SearchRequest {
        query: query.to_owned(),
        codeiso31662: code.to_owned(),
    };
    fetch(
        state,
        Slot::Search,
        Request::Search(op::Search(request)),
        fx,
    );
    let country = state.search.country(code);
    info(
        state,
        format!("searching {country} for {query:?}… x cancels"),
    );
}

/// Stop the running search.
pub fn cancel(state: &mut State, fx: &mut Vec<Effect>) {
    if !state.search.running {
        info(state, "no registry search is running");
        return;
    }
    state.search.running = false;
    state.search.started = None;
    state.latest.remove(&Slot::Search);
    fx.push(Effect::Cancel(Slot::Search));
    info(state, "search cancelled: r repeats it, s starts another");
}

/// The spinner's tick at `now`: the elapsed seconds of a running search.
pub fn on_tick(state: &mut State, now: Instant) {
    let s = &mut state.search;
    if s.running {
        let started = *s.started.get_or_insert(now);
        s.elapsed = now.saturating_duration_since(started).as_secs();
    }
}

/// Keys of the search pane (and the key that opens a search from anywhere). True when taken.
fn on_action(state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
    match action {
        a if a.is_move() => {
            let n = state.search.results.as_ref().map_or(0, Vec::len);
            let page = usize::from(state.size.1.saturating_sub(10)).max(1);
            state.search.selected = move_in(n, state.search.selected, action, page);
        }
        Action::Open => open_result(state, fx),
        Action::Back if state.search.running => cancel(state, fx),
        Action::Back => show(state, View::Cases, fx),
        Action::CancelSearch => cancel(state, fx),
        Action::Refresh => {
            let (q, c) = (state.search.query.clone(), state.search.code.clone());
            if c.is_empty() {
                super::create::open_search(state, &q, &c, fx);
            } else {
                start(state, &q, &c, fx);
            }
        }
        Action::NewCompany => {
            let (q, c) = (state.search.query.clone(), state.search.code.clone());
            super::create::open_new_company(state, &q, &c, fx);
        }
        _ => return false,
    }
    true
}

/// Enter on a hit: open its case if one exists, else create one from it.
fn open_result(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(hit) = state.search.selected_result().cloned() else {
        info(state, "no result selected");
        return;
    };
    let name = hit.name.clone().or(hit.rawname.clone()).unwrap_or_default();
    match hit.case_common_id {
        Some(id) => {
            open_case(state, CaseKind::Company, id, name, fx);
            info(
                state,
                format!("a case already exists for this entity: {id}"),
            );
        }
        None => {
            let code = hit
                .country_code
                .clone()
                .unwrap_or_else(|| state.search.code.clone());
            super::create::open_from_result(state, hit, &code);
        }
    }
}

impl OnAnswer for op::Search {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Search(req) = self;

        let s = &mut state.search;
        s.running = false;
        s.started = None;
        let country = s.country(&req.codeiso31662);
        match result {
            Ok(hits) => {
                let n = hits.len();
                s.results = Some(hits);
                s.selected = 0;
                let what = match n {
                    0 => "nothing found".to_owned(),
                    1 => "1 entity found".to_owned(),
                    n => format!("{n} entities found"),
                };
                let next = match (n, state.view == View::Search) {
                    (0, _) => " — try part of the name, or :new company creates it by hand",
                    (_, true) => " — Enter creates a case from the selected one",
                    (_, false) => " — :search shows them",
                };
                success(
                    state,
                    format!("{country}: {what} for {:?}{next}", req.query),
                );
            }
            Err(f) => {
                let line = if state.view == View::Search {
                    "the registry search failed: what to do is above".to_owned()
                } else {
                    format!("search in {country}: {} — :search", f.one_line())
                };
                s.error = Some(f);
                error(state, line);
            }
        }
    }
}

impl OnAnswer for op::Jurisdictions {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::Jurisdictions = self;

        match result {
            Ok(j) => state.search.jurisdictions.set(j),
            Err(f) => {
                error(state, format!("jurisdictions: {}", f.one_line()));
                state.search.jurisdictions.fail(f);
            }
        }
        super::create::refresh_options(state);
    }
}

impl OnAnswer for op::CompanyTypes {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        _fx: &mut Vec<Effect>,
    ) {
        let op::CompanyTypes = self;

        match result {
            Ok(t) => state.search.company_types.set(t),
            Err(f) => {
                error(state, format!("company types: {}", f.one_line()));
                state.search.company_types.fail(f);
            }
        }
        super::create::refresh_options(state);
    }
}

impl OnAnswer for op::CreateCompany {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        super::create::on_done(state, CaseKind::Company, "created", result, fx)
    }
}

impl OnAnswer for op::ImportCompany {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        super::create::on_done(state, CaseKind::Company, "imported", result, fx)
    }
}

impl OnAnswer for op::CreateIndividual {
    fn on_answer(
        self,
        result: Result<<Self as Operation>::Answer, Failure>,
        state: &mut State,
        fx: &mut Vec<Effect>,
    ) {
        let op::CreateIndividual { import, .. } = self;

        let verb = if import { "imported" } else { "created" };
        super::create::on_done(state, CaseKind::Individual, verb, result, fx)
    }
}

/// The registry search and its results.
pub struct SearchScreen;

impl Pane for SearchScreen {
    fn context(&self, _: &State) -> Context {
        Context::Search
    }

    fn crumbs(&self, _: &State) -> Vec<String> {
        vec!["Cases".to_owned(), "Registry search".to_owned()]
    }

    /// Counts whatever shows: a search runs on while the user looks elsewhere.
    fn is_loading(&self, state: &State) -> bool {
        state.search.running
    }

    fn on_action(&self, state: &mut State, action: Action, fx: &mut Vec<Effect>) -> bool {
        on_action(state, action, fx)
    }

    /// A registry search runs on while the reviewer looks elsewhere (house rule 1): only a new
    /// search or a cancel stops it.
    fn leave(&self, _: &mut State, _: View, _: &mut Vec<Effect>) {}
}

/// A new search (`c` on the list, `s` here): the search form, filled with the last one.
pub fn new_search(state: &mut State, fx: &mut Vec<Effect>) {
    let (q, c) = (state.search.query.clone(), state.search.code.clone());
    super::create::open_search(state, &q, &c, fx);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetches(fx: &[Effect]) -> Vec<Request> {
        fx.iter()
            .filter_map(|e| match e {
                Effect::Fetch { request, .. } => Some(request.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_elapsed_seconds_follow_the_time_stamped_on_the_ticks() {
        let mut s = State::new(Session::default());
        command(&mut s, "insight GI", &mut Vec::new());
        assert_eq!(s.search.elapsed, 0);
        // Any instants will do: update() reads no clock, so only the stamps count.
        let t0 = Instant::now();
        update(&mut s, Msg::Tick(t0));
        assert_eq!(s.search.started, Some(t0));
        update(
            &mut s,
            Msg::Tick(t0 + std::time::Duration::from_millis(61_400)),
        );
        assert_eq!(s.search.elapsed, 61);
        // A new search counts from its own first tick.
        command(&mut s, "bluewater GI", &mut Vec::new());
        assert_eq!((s.search.started, s.search.elapsed), (None, 0));
        update(&mut s, Msg::Tick(t0 + std::time::Duration::from_secs(100)));
        assert_eq!(s.search.elapsed, 0);
    }

    #[test]
    fn a_trailing_code_starts_the_search_and_none_asks_for_one() {
        let mut s = State::new(Session::default());
        let mut fx = Vec::new();
        command(&mut s, "insight GI", &mut fx);
        let search = SearchRequest {
            query: "insight".into(),
            codeiso31662: "GI".into(),
        };
        assert!(fetches(&fx).contains(&Request::Search(op::Search(search))));
        assert!(s.search.running);
        let mut fx = Vec::new();
        let mut s = State::new(Session::default());
        command(&mut s, "Bluewater Analytics", &mut fx);
        assert!(
            !fetches(&fx)
                .iter()
                .any(|r| matches!(r, Request::Search(op::Search(_))))
        );
        let Mode::Create(p) = &s.mode else {
            panic!("the search form");
        };
        assert_eq!(p.form.value("query"), "Bluewater Analytics");
        assert!(looks_like_code(&s, "US-DE"));
        assert!(!looks_like_code(&s, "Ltd"));
    }

    #[test]
    fn cancelling_stops_the_slot_and_only_that() {
        let mut s = State::new(Session::default());
        let mut fx = Vec::new();
        command(&mut s, "insight GI", &mut fx);
        let mut fx = Vec::new();
        command(&mut s, "cancel", &mut fx);
        assert_eq!(fx, vec![Effect::Cancel(Slot::Search)]);
        assert!(!s.search.running && !s.latest.contains_key(&Slot::Search));
    }
}
