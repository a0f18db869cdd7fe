//! What the overview's summary needs beyond the case itself (issue 16 item 2): the case's
//! alerts, AML checks and documents, asked for in the background as the case opens or is
//! refreshed, so the figures are known at a glance without opening the inbox, `:aml` or `D`.
//!
//! Each is one request per open, in a slot of its own ([`SLOTS`]), stopped with the case's
//! other loads when the reviewer leaves the case. The AML checks and documents land in the
//! AML and documents panes' own state (their answers are routed there by case), so the pane
//! opened afterwards shows what was loaded and the summary reads the one copy; the alerts land
//! in the case view. A load still in flight for the case is not asked again: every byte counts
//! on a slow link.

use super::*;
use crate::api::LmAlerts;
use crate::app::request::in_flight;

/// The summary's slots: stopped with the case's loads.
pub(super) const SLOTS: [Slot; 4] = [
    Slot::SummaryAlerts,
    Slot::SummaryAml,
    Slot::SummaryDocuments,
    Slot::SummaryMandatory,
];

/// Ask for what the open case's summary needs. `fresh`: the case was just opened, so a load
/// in flight is for another case and is replaced (latest wins); on a refresh, a load still in
/// flight is this case's and is left to finish.
pub(super) fn load(state: &mut State, fresh: bool, fx: &mut Vec<Effect>) {
    let asked = |state: &State, slot| fresh || !in_flight(state, slot);
    let [alerts, matches, mut listing, mandatory] = SLOTS.map(|slot| asked(state, slot));
    // A case still being built has no documents yet (the API answers 409): not asked for, so
    // opening it says nothing false; `r` once it is ready brings them.
    listing &= !building(state);
    let Some(cv) = state.case.as_mut() else {
        return;
    };
    let (kind, id, title) = (cv.kind, cv.id, cv.title.clone());
    if alerts {
        cv.alerts.start();
        fetch(
            state,
            Slot::SummaryAlerts,
            Request::LmAlerts(op::LmAlerts { kind, id }),
            fx,
        );
    }
    if matches {
        aml::pane_for(state, kind, id).matches.start();
        fetch(
            state,
            Slot::SummaryAml,
            Request::AmlChecks(op::AmlChecks { kind, id }),
            fx,
        );
    }
    let docs = docs::pane_for(state, kind, id, title);
    if listing {
        docs.listing.start();
    }
    if mandatory {
        docs.mandatory.start();
    }
    if listing {
        fetch(
            state,
            Slot::SummaryDocuments,
            Request::Documents(op::Documents { kind, id }),
            fx,
        );
    }
    if mandatory {
        fetch(
            state,
            Slot::SummaryMandatory,
            Request::MandatoryDocuments(op::MandatoryDocuments { kind, id }),
            fx,
        );
    }
}

/// The open case's detail came: a case that was building when its summary was asked for, and
/// is ready now, gets its documents asked for (they were left out to spare the API's 409).
pub(super) fn on_detail(state: &mut State, fx: &mut Vec<Effect>) {
    let Some(cv) = state.case.as_ref() else {
        return;
    };
    if building(state) || in_flight(state, Slot::SummaryDocuments) {
        return;
    }
    let (kind, id, title) = (cv.kind, cv.id, cv.title.clone());
    let docs = docs::pane_for(state, kind, id, title);
    if docs.listing.data.is_some() || docs.listing.error.is_some() {
        return;
    }
    docs.listing.start();
    fetch(
        state,
        Slot::SummaryDocuments,
        Request::Documents(op::Documents { kind, id }),
        fx,
    );
}

/// Whether the open case is known to be still building: by its detail once read (a refresh),
/// else by its row in the list (just opened, or just created).
fn building(state: &State) -> bool {
    let Some(cv) = state.case.as_ref() else {
        return false;
    };
    match cv.detail.data.as_ref() {
        Some(d) => d.common.build_state() == crate::api::BuildState::Building,
        None => state
            .cases
            .rows()
            .iter()
            .any(|r| r.id == cv.id && r.building),
    }
}

/// The case's alerts came (asked for by the summary or by the inbox): kept for the summary
/// when they are the open case's.
pub(crate) fn on_alerts(state: &mut State, id: Id, result: &Result<Box<LmAlerts>, Failure>) {
    let Some(cv) = state.case.as_mut().filter(|c| c.id == id) else {
        return;
    };
    match result {
        Ok(a) => cv.alerts.set(a.alerts.clone()),
        Err(f) => cv.alerts.fail(f.clone()),
    }
}
