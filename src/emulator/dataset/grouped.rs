//! The "grouped" AML shape: every AML match of a case on one step, as World-Check steps hold
//! several matches under one `caseStepId`. The console must then tell matches apart by
//! `matchId`, never by step; this shape is how its tests meet that.
//!
//! It reshapes a built store rather than building differently, so the default datasets (and
//! every snapshot taken of them) stay exactly as they are. The demo has no case with two matches
//! from the same provider, so matches are grouped per case, not per provider: that gives two
//! cases (Ivan Sokolov, Wei Zhang) two matches on one step, one of Zhang's already excluded.

use crate::api::{Id, StepStatus};
use crate::emulator::store::{CaseRecord, Store};
use std::collections::BTreeSet;

/// Puts every case's AML matches on its first AML step; each match keeps its own `matchId`.
pub fn group_aml_steps(store: &mut Store) {
    for rec in store.cases.values_mut() {
        group_case(rec);
    }
}

fn group_case(rec: &mut CaseRecord) {
    let step_ids: BTreeSet<Id> = rec
        .aml
        .world_checks
        .iter()
        .chain(&rec.aml.lexis_nexis_checks)
        .map(|m| m.case_step_id)
        .collect();
    let mut ids = step_ids.iter().copied();
    let Some(keep) = ids.next() else { return };
    let gone: BTreeSet<Id> = ids.collect();
    if gone.is_empty() {
        return;
    }
    // The kept step is open while any of its matches is; once all are excluded it is passed.
    let open_status = rec
        .aml
        .world_checks
        .iter()
        .chain(&rec.aml.lexis_nexis_checks)
        .find(|m| !m.is_excluded)
        .and_then(|m| rec.step(m.case_step_id))
        .map(|s| s.status.clone());
    for m in rec
        .aml
        .world_checks
        .iter_mut()
        .chain(rec.aml.lexis_nexis_checks.iter_mut())
    {
        m.case_step_id = keep;
    }
    for g in &mut rec.steps {
        g.steps.retain(|s| !gone.contains(&s.case_step_id));
        g.total = Some(g.steps.len() as i64);
    }
    rec.steps.retain(|g| !g.steps.is_empty());
    for id in &gone {
        rec.step_details.remove(id);
        if let Some(mut notes) = rec.notes.remove(id) {
            rec.notes.entry(keep).or_default().append(&mut notes);
        }
    }
    for a in &mut rec.alerts {
        if a.case_step_id.is_some_and(|s| gone.contains(&s)) {
            a.case_step_id = Some(keep);
        }
    }
    let status = open_status.unwrap_or(StepStatus::Passed);
    if let Some(step) = rec.step_mut(keep) {
        step.status = status.clone();
    }
    if let Some(d) = rec.step_details.get_mut(&keep) {
        d.status = status;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::AmlMatch;

    fn all(rec: &CaseRecord) -> Vec<&AmlMatch> {
        rec.aml
            .world_checks
            .iter()
            .chain(&rec.aml.lexis_nexis_checks)
            .collect()
    }

    #[test]
    fn a_case_with_two_matches_gets_one_step_holding_both() {
        let plain = crate::emulator::dataset::demo();
        let mut grouped = plain.clone();
        group_aml_steps(&mut grouped);
        let mut seen = 0;
        for (id, before) in &plain.cases {
            let after = &grouped.cases[id];
            let (b, a) = (all(before), all(after));
            assert_eq!(b.len(), a.len(), "case {id} keeps its matches");
            let match_ids =
                |ms: &[&AmlMatch]| ms.iter().map(|m| m.match_id.clone()).collect::<Vec<_>>();
            assert_eq!(match_ids(&b), match_ids(&a), "case {id} keeps each matchId");
            if b.len() < 2 {
                assert_eq!(before.steps, after.steps, "case {id} is untouched");
                continue;
            }
            seen += 1;
            let steps: BTreeSet<Id> = a.iter().map(|m| m.case_step_id).collect();
            assert_eq!(steps.len(), 1, "case {id}: one step");
            let step = steps.iter().next().copied().unwrap_or_default();
            let aml_steps = after
                .steps
                .iter()
                .flat_map(|g| &g.steps)
                .filter(|s| s.step_type.as_deref() == Some("Aml"))
                .count();
            assert_eq!(aml_steps, 1, "case {id}: the other AML steps are gone");
            assert!(after.step(step).is_some());
            for g in &after.steps {
                assert_eq!(g.total, Some(g.steps.len() as i64));
            }
        }
        assert!(seen >= 2, "the demo has cases with two matches");
    }
}
