//! The store plus what only the running server knows (when a freshly created case finishes
//! building), and the lookups and views every route needs.

use super::clock::Clock;
use super::dataset::Built;
use super::error::{ApiError, ApiResult};
use super::store::{CaseRecord, Store};
use crate::api::{
    AuditEntry, CaseAddress, CaseCommon, CaseKind, CompanyInfo, Extra, Id, Property, StepDetails,
    StepStatus,
};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a created case stays "building" on the emulator's clock (so the report's 409 path
/// is reachable); a test moves the clock on by this much to finish a build.
pub const BUILD_TIME: Duration = Duration::from_secs(2);

/// How many sub-states a build goes through [C]: `statusId` 50 queued, 51 fetching the registry
/// record, 52 company details, 53 ownership, 54 beneficial owners, 55 steps, 56 screening, 57
/// finalising; then 3, Ready. `statusName` says "Building" throughout, as the vendor's client
/// expects; the id tells the stage.
const BUILD_STAGES: usize = 8;

/// `statusId` of the first build stage.
const FIRST_BUILD_STATUS_ID: i64 = 50;

/// `complete` for a status: 100 when ready (or closed after it), the share of stages passed
/// while building, 0 otherwise.
pub fn percent_built(status_id: Option<i64>) -> u8 {
    match status_id {
        Some(3) => 100,
        Some(id @ 50..=57) => ((id - FIRST_BUILD_STATUS_ID) * 100 / BUILD_STAGES as i64) as u8,
        _ => 0,
    }
}

#[derive(Debug, Default)]
pub struct Db {
    pub store: Store,
    /// Cases created through the API and when (on `clock`) they started building.
    started: HashMap<Id, Instant>,
    /// What a building case will hold once ready (officers, screening, documents, …), put in
    /// place by [`Db::finish_builds`] when its build time is over.
    built: HashMap<Id, Built>,
    /// The server's clock, so a test can finish a build without waiting for it.
    clock: Clock,
}

/// Now as ISO 8601 UTC, the emulator's format for every timestamp it writes.
pub fn now_iso() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Db {
    pub fn new(store: Store, clock: Clock) -> Self {
        let mut store = store;
        store.next_id = store.next_id.max(highest_id(&store));
        Db {
            store,
            started: HashMap::new(),
            built: HashMap::new(),
            clock,
        }
    }

    /// Marks a just-created case as building for [`BUILD_TIME`] from now; `built`, when given,
    /// is what it holds once ready.
    pub fn start_building(&mut self, id: Id, built: Option<Built>) {
        self.started.insert(id, self.clock.now());
        if let Some(rec) = built {
            self.built.insert(id, rec);
        }
    }

    /// Whether a build's time is over and its case not yet finished.
    pub fn has_finished_builds(&self) -> bool {
        self.started
            .keys()
            .any(|&id| self.build_stage(id).is_none())
    }

    /// Finishes every case whose build time is over: the built case takes the shell's place,
    /// keeping what happened to the shell meanwhile (its audit trail, properties set, the
    /// assignment). Called before any handler reads, so no reader sees a case half-built.
    pub fn finish_builds(&mut self) {
        let done: Vec<Id> = self
            .started
            .keys()
            .copied()
            .filter(|&id| self.build_stage(id).is_none())
            .collect();
        for id in done {
            self.started.remove(&id);
            if let Some(built) = self.built.remove(&id) {
                self.put_built(id, built);
            }
        }
    }

    fn put_built(&mut self, id: Id, Built { company, people }: Built) {
        let mut built = company;
        let Some(shell) = self.store.cases.get(&id).filter(|r| !r.deleted) else {
            return;
        };
        let now = now_iso();
        let was = &shell.detail.common;
        let common = &mut built.detail.common;
        common.status = was.status.clone();
        common.case_decision = was.case_decision.clone();
        common.assigned_user_id = was.assigned_user_id;
        common.assigned_user_name = was.assigned_user_name.clone();
        common.case_processing_type = was.case_processing_type.clone();
        common.is_aml_case = was.is_aml_case;
        common.case_customer_id = was.case_customer_id.clone();
        ready(common, &now);
        for p in &shell.properties {
            match built
                .properties
                .iter_mut()
                .find(|b| b.data_type == p.data_type)
            {
                Some(b) => *b = p.clone(),
                None => built.properties.push(p.clone()),
            }
        }
        built.audit = shell.audit.clone();
        if let Some(rec) = self.store.cases.get_mut(&id) {
            *rec = built;
        }
        for (person, mut rec) in people {
            ready(&mut rec.detail.common, &now);
            self.store.cases.insert(person, rec);
        }
        self.audit(
            id,
            "system",
            "Case built",
            None,
            "Registry record, parties, screening and documents gathered".to_owned(),
        );
    }

    /// The build stage (0 to [`BUILD_STAGES`] − 1) a case created through the API is in
    /// now; `None` once its build time is over. The stages share the build time equally.
    fn build_stage(&self, id: Id) -> Option<usize> {
        let elapsed = self
            .clock
            .now()
            .saturating_duration_since(*self.started.get(&id)?);
        if elapsed >= BUILD_TIME {
            return None;
        }
        let stage = elapsed.as_nanos() * BUILD_STAGES as u128 / BUILD_TIME.as_nanos();
        Some((stage as usize).min(BUILD_STAGES - 1))
    }

    /// Whether a case created through the API is still within its build time.
    fn in_build_time(&self, id: Id) -> bool {
        self.build_stage(id).is_some()
    }

    /// A live case of that kind (any kind when `None`); deleted, unknown or other-kind → 404.
    pub fn case(&self, id: Id, kind: Option<CaseKind>) -> ApiResult<&CaseRecord> {
        match self.store.cases.get(&id) {
            Some(rec) if !rec.deleted && kind.is_none_or(|k| kind_of(rec) == k) => Ok(rec),
            _ => Err(not_found_case(id, kind)),
        }
    }

    pub fn case_mut(&mut self, id: Id, kind: Option<CaseKind>) -> ApiResult<&mut CaseRecord> {
        match self.store.cases.get_mut(&id) {
            Some(rec) if !rec.deleted && kind.is_none_or(|k| kind_of(rec) == k) => Ok(rec),
            _ => Err(not_found_case(id, kind)),
        }
    }

    /// Whether the case is still being built: just created, or stored with a building status.
    pub fn is_building(&self, id: Id) -> bool {
        if self.in_build_time(id) {
            return true;
        }
        self.store
            .cases
            .get(&id)
            .is_some_and(|rec| rec.detail.common.build_state() == crate::api::BuildState::Building)
    }

    /// `common` as a reader sees it now (building status while a new case is built).
    pub fn common_view(&self, rec: &CaseRecord) -> CaseCommon {
        let mut common = rec.detail.common.clone();
        let id = common.case_common_id;
        if let Some(stage) = self.build_stage(id) {
            common.status_id = Some(FIRST_BUILD_STATUS_ID + stage as i64);
            common.status_name = Some("Building".into());
            common.case_ready_datetime = None;
        }
        common.complete = Some(percent_built(common.status_id));
        common
    }

    /// Appends an audit entry (newest first) to a case.
    pub fn audit(&mut self, id: Id, user: &str, action: &str, step: Option<&str>, details: String) {
        let audit_id = self.store.fresh_id();
        if let Some(rec) = self.store.cases.get_mut(&id) {
            rec.audit.insert(
                0,
                AuditEntry {
                    audit_id,
                    time_stamp: Some(now_iso()),
                    user_name: Some(user.to_owned()),
                    action: Some(action.to_owned()),
                    step_name: step.map(str::to_owned),
                    details: Some(details),
                    extra: Extra::new(),
                },
            );
        }
    }

    /// Refuses changes to a case that is still being built (the guide: steps need a ready case).
    pub fn require_ready(&self, id: Id) -> ApiResult<()> {
        if self.is_building(id) {
            return Err(ApiError::bad_request(format!(
                "Case {id} is still being built; try again when it is ready"
            )));
        }
        Ok(())
    }
}

/// A built case's status: Ready, now.
fn ready(common: &mut CaseCommon, now: &str) {
    common.status_id = Some(3);
    common.status_name = Some("Ready".into());
    common.complete = Some(percent_built(Some(3)));
    common.case_ready_datetime = Some(now.to_owned());
}

/// The highest id anywhere in the store, so fresh ids never collide with a dataset's own (the
/// dataset may leave `next_id` low).
fn highest_id(store: &Store) -> Id {
    let blobs = store.blobs.keys().filter_map(|k| k.parse::<Id>().ok());
    let cases = store.cases.iter().flat_map(|(id, rec)| {
        let steps = rec
            .steps
            .iter()
            .flat_map(|g| g.steps.iter().map(|s| s.case_step_id));
        let details = rec.step_details.keys().copied();
        let notes = rec.notes.values().flatten().map(|n| n.step_note_id);
        let alerts = rec
            .alerts
            .iter()
            .flat_map(|a| std::iter::once(a.alert_id).chain(a.changes.iter().map(|c| c.change_id)));
        let audit = rec.audit.iter().map(|a| a.audit_id);
        let matches = rec.aml.all().map(|(_, m)| m.case_step_id);
        std::iter::once(*id)
            .chain(steps)
            .chain(details)
            .chain(notes)
            .chain(alerts)
            .chain(audit)
            .chain(matches)
    });
    blobs.chain(cases).max().unwrap_or(0)
}

/// The kind of a record: stated, else inferred from the details.
pub fn kind_of(rec: &CaseRecord) -> CaseKind {
    rec.kind.unwrap_or_else(|| rec.detail.kind())
}

fn not_found_case(id: Id, kind: Option<CaseKind>) -> ApiError {
    let what = match kind {
        Some(CaseKind::Company) => "Company case",
        Some(CaseKind::Individual) => "Individual case",
        None => "Case",
    };
    ApiError::not_found(format!("{what} {id} not found"))
}

impl CaseRecord {
    /// Finds a step in the grouped list.
    pub fn step_mut(&mut self, step_id: Id) -> Option<&mut crate::api::Step> {
        self.steps
            .iter_mut()
            .flat_map(|g| g.steps.iter_mut())
            .find(|s| s.case_step_id == step_id)
    }

    pub fn step(&self, step_id: Id) -> Option<&crate::api::Step> {
        self.steps
            .iter()
            .flat_map(|g| g.steps.iter())
            .find(|s| s.case_step_id == step_id)
    }

    /// The `company` part as a reader sees it: its `properties` map (label → text) made from
    /// the property list.
    pub fn company(&self) -> Option<CompanyInfo> {
        let mut company = self.detail.company.clone()?;
        company.properties = self
            .properties
            .iter()
            .filter_map(|p| Some((p.data_type.clone()?, p.data.clone()?.into())))
            .collect();
        Some(company)
    }

    /// Sets a property, adding it when the case has none of that data type: the one write of a
    /// property, whoever makes it (the properties route, a review alert).
    pub fn set_property(&mut self, data_type: String, data: String) {
        match self
            .properties
            .iter_mut()
            .find(|q| q.data_type.as_deref() == Some(&data_type))
        {
            Some(q) => q.data = Some(data),
            None => self.properties.push(Property::new(data_type, data)),
        }
    }

    /// Sets a step's status where it is held (its list entry; the details take it from there).
    /// Whether the step exists.
    pub fn set_step_status(&mut self, step_id: Id, status: StepStatus) -> bool {
        match self.step_mut(step_id) {
            Some(step) => {
                step.status = status;
                true
            }
            None => false,
        }
    }

    /// Adds a step to a group (created at the end when missing), keeping `total` right.
    pub fn push_step(&mut self, group: &str, step: crate::api::Step) {
        let idx = match self
            .steps
            .iter()
            .position(|g| g.group.as_deref() == Some(group))
        {
            Some(i) => i,
            None => {
                self.steps.push(crate::api::StepGroup {
                    group: Some(group.to_owned()),
                    ..Default::default()
                });
                self.steps.len() - 1
            }
        };
        let g = &mut self.steps[idx];
        g.steps.push(step);
        g.total = Some(g.steps.len() as i64);
    }

    /// Adds a new step with its details. The details carry only what is particular to the
    /// step's type; id, name, type, status and activation are taken from the step, so the two
    /// cannot disagree.
    pub fn add_step(&mut self, group: &str, step: crate::api::Step, details: StepDetails) {
        let details = StepDetails {
            case_step_id: step.case_step_id,
            name: step.name.clone(),
            step_type: step.step_type.clone(),
            status: step.status.clone(),
            is_deactivated: step.is_deactivated,
            ..details
        };
        self.step_details.insert(step.case_step_id, details);
        self.push_step(group, step);
    }

    /// `isCaseAMLPositive` and `caseAmlSummary` from the matches that are not excluded.
    pub fn recompute_aml(&mut self) {
        let open = |ms: &[crate::api::AmlMatch]| ms.iter().any(|m| !m.is_excluded);
        let world = open(&self.aml.world_checks);
        let lexis = open(&self.aml.lexis_nexis_checks);
        self.detail.is_case_aml_positive = Some(world || lexis);
        let summary = self
            .detail
            .case_aml_summary
            .get_or_insert_with(Default::default);
        let word = |has: bool, old: &Option<String>, any: bool| -> Option<String> {
            if !any && old.as_deref() == Some("NA") {
                return old.clone();
            }
            Some(if has { "HasMatches" } else { "NoMatches" }.to_owned())
        };
        summary.world_check_summary = word(
            world,
            &summary.world_check_summary,
            !self.aml.world_checks.is_empty(),
        );
        summary.lexis_nexis_check_summary = word(
            lexis,
            &summary.lexis_nexis_check_summary,
            !self.aml.lexis_nexis_checks.is_empty(),
        );
    }

    /// The subject's name.
    pub fn name(&self) -> String {
        self.detail.name()
    }
}

/// Writes `address` and `rawAddress` from the address's parts and country, as the datasets
/// write them: the one place they are composed, so an identity update reaches both.
pub fn compose_address(addr: &mut CaseAddress) {
    let full = [
        &addr.address_line1,
        &addr.address_line2,
        &addr.city,
        &addr.state_province,
        &addr.postcode,
        &addr.country,
    ]
    .into_iter()
    .flatten()
    .map(|s| s.trim())
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    addr.raw_address = Some(full.to_uppercase());
    addr.address = Some(full);
}
