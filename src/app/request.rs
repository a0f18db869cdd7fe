//! What the app asks of the network, and how it keeps what comes back: plain data, so
//! `update()` stays pure. The operations themselves are defined in [`crate::op`].

pub use crate::op::{Answer, Failure, Request};

use super::{Effect, State};
use crate::api::{CaseKind, Id};

/// A request id, unique for the process. The answer of a request that is no longer the latest
/// for its slot is ignored.
pub type ReqId = u64;

/// Where an answer goes. The fetch layer keeps one running request per slot: a newer request for
/// the same slot aborts the older one (latest wins). Mutations get a slot of their own each, so
/// nothing aborts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    CasePage(CaseKind),
    CaseDetail,
    Steps,
    StepDetails,
    Notes,
    OrgChart,
    /// The open company's ownership screening (org chart and every case's AML checks).
    OwnershipScreening,
    Members,
    Mutation(ReqId),
    AmlChecks,
    AmlIdentity,
    LmCases(CaseKind),
    LmAlerts,
    /// A case's alerts loaded only for their dates (sort by oldest alert).
    AlertDates(Id),
    Users,
    /// The local journal of changes sent.
    Journal,
    /// The registry search: a user's navigation never aborts it, only a new search or a cancel.
    Search,
    Jurisdictions,
    CompanyTypes,
    Properties,
    AuditTrail,
    /// The open case's document listing, mandatory rules and document steps.
    Documents,
    MandatoryDocuments,
    DocumentSteps,
    /// What the open case's overview summary needs beyond the case itself, asked for as the
    /// case opens (issue 16 item 2): its alerts, its AML checks, its documents and mandatory
    /// documents. Slots of their own, so a pane's own load never aborts them nor they it.
    SummaryAlerts,
    SummaryAml,
    SummaryDocuments,
    SummaryMandatory,
    /// The open case's evidence pack (`:export`).
    Export,
    /// The API's version (`:version`).
    Version,
    /// A download, report or pre-validation: each its own slot (like mutations), so starting a
    /// second never aborts the first.
    Transfer(ReqId),
}

/// Data that is loaded from the server: kept while it reloads, with the last failure if any.
/// Whether it is loading is not kept here: that is whether its slot has a request in flight
/// ([`in_flight`]), the one record of it, so nothing has to be kept in step by hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Remote<T> {
    pub data: Option<T>,
    pub error: Option<Failure>,
}

impl<T> Default for Remote<T> {
    fn default() -> Self {
        Remote {
            data: None,
            error: None,
        }
    }
}

impl<T> Remote<T> {
    /// A new load begins: the last failure is no longer news.
    pub fn start(&mut self) {
        self.error = None;
    }

    pub fn set(&mut self, data: T) {
        self.data = Some(data);
        self.error = None;
    }

    pub fn fail(&mut self, f: Failure) {
        self.error = Some(f);
    }
}

/// Start a request: the one path every pane uses. The request becomes the latest of its slot
/// (an older one there is aborted and its answer dropped); a change or a transfer gets a slot of
/// its own, so nothing aborts it. Changes go through [`gate::send`](super::gate::send) first.
pub fn fetch(state: &mut State, slot: Slot, request: Request, fx: &mut Vec<Effect>) -> ReqId {
    state.next_req += 1;
    let id = state.next_req;
    let slot = match slot {
        Slot::Mutation(_) => Slot::Mutation(id),
        Slot::Transfer(_) => Slot::Transfer(id),
        s => s,
    };
    state.latest.insert(slot, id);
    fx.push(Effect::Fetch { id, slot, request });
    id
}

/// Stop the requests of these slots that are still in flight (the user left their pane).
pub fn cancel(state: &mut State, slots: &[Slot], fx: &mut Vec<Effect>) {
    for slot in slots {
        if state.latest.remove(slot).is_some() {
            fx.push(Effect::Cancel(*slot));
        }
    }
}

/// Whether a request of this slot is in flight: how panes derive "loading" from what they
/// asked instead of keeping a flag by hand.
pub fn in_flight(state: &State, slot: Slot) -> bool {
    state.latest.contains_key(&slot)
}

/// Whether any of these slots has a request in flight.
pub fn any_in_flight(state: &State, slots: &[Slot]) -> bool {
    slots.iter().any(|s| in_flight(state, *s))
}

/// Whether a download, report or pre-validation is under way.
pub fn transferring(state: &State) -> bool {
    state.latest.keys().any(|s| matches!(s, Slot::Transfer(_)))
}
