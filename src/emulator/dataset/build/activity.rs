//! Reviewer notes and live-monitoring alerts, attached to steps by selector.

use super::CaseBuilder;
use crate::api::{Alert, AmlChecks, Id, StepNote};
use std::collections::BTreeMap;

impl CaseBuilder<'_, '_> {
    /// Notes by step, oldest first (as authored). A selector naming no step drops the note.
    pub(super) fn notes(&mut self) -> BTreeMap<Id, Vec<StepNote>> {
        let mut notes: BTreeMap<Id, Vec<StepNote>> = BTreeMap::new();
        for note in std::mem::take(&mut self.seed.notes) {
            if let Some(step_id) = self.steps.select(&note.step) {
                notes.entry(step_id).or_default().push(StepNote {
                    step_note_id: self.ctx.id(),
                    note: Some(note.text),
                    created_by: Some(note.by),
                    created_on: Some(note.on),
                    extra: Default::default(),
                });
            }
        }
        notes
    }

    /// Alerts with fresh alert and change ids. An updated-match alert names its match by
    /// `matchId`: the match on the alert's step, when the seed does not name one.
    pub(super) fn alerts(&mut self, aml: &AmlChecks) -> Vec<Alert> {
        std::mem::take(&mut self.seed.alerts)
            .into_iter()
            .map(|a| {
                let alert_id = self.ctx.id();
                let case_step_id = a.step.as_deref().and_then(|s| self.steps.select(s));
                let step_match = case_step_id.and_then(|step| {
                    aml.all()
                        .find(|(_, m)| m.case_step_id == step)
                        .and_then(|(_, m)| m.match_id.clone())
                });
                let changes = a
                    .changes
                    .into_iter()
                    .map(|mut c| {
                        c.change_id = self.ctx.id();
                        if let Some(m) = c.aml_alert.as_mut().filter(|m| !m.is_new)
                            && m.match_id.is_none()
                        {
                            m.match_id = step_match.clone();
                        }
                        c
                    })
                    .collect();
                Alert {
                    alert_id,
                    alert_type: Some(a.alert_type),
                    case_step_id,
                    created_on: Some(a.on),
                    changes,
                    extra: Default::default(),
                }
            })
            .collect()
    }
}
