//! Step bookkeeping: groups in display order, details, selectors, and how statuses are mixed.

use crate::api::{Id, Step, StepDetails, StepField, StepGroup, StepStatus};
use crate::emulator::dataset::seed::Lifecycle;

/// The steps of a case so far, with the details to store for them.
#[derive(Default)]
pub(super) struct Steps {
    pub groups: Vec<StepGroup>,
    pub details: Vec<StepDetails>,
    /// (type, n-th of that type, step id), for `"<Type>:<n>"` selectors.
    by_selector: Vec<(&'static str, usize, Id)>,
}

impl Steps {
    /// Appends `step` to `group` (created on first use).
    pub fn add(&mut self, group: &str, step: Step, details: Option<StepDetails>, ty: &'static str) {
        let n = self.by_selector.iter().filter(|(t, _, _)| *t == ty).count();
        self.by_selector.push((ty, n, step.case_step_id));
        if let Some(d) = details {
            self.details.push(d);
        }
        match self
            .groups
            .iter_mut()
            .find(|g| g.group.as_deref() == Some(group))
        {
            Some(g) => g.steps.push(step),
            None => self.groups.push(StepGroup {
                group: Some(group.to_owned()),
                total: None,
                steps: vec![step],
                extra: Default::default(),
            }),
        }
    }

    /// The step a `"<Type>:<n>"` selector names.
    pub fn select(&self, selector: &str) -> Option<Id> {
        let (ty, n) = selector.split_once(':')?;
        let n: usize = n.parse().ok()?;
        self.by_selector
            .iter()
            .find(|(t, i, _)| *t == ty && *i == n)
            .map(|(_, _, id)| *id)
    }

    /// Sets group totals and trims vectors: a dataset of 100,000 cases keeps them for its life.
    pub fn trim(&mut self) {
        self.groups.shrink_to_fit();
        for g in &mut self.groups {
            g.total = Some(g.steps.len() as i64);
            g.steps.shrink_to_fit();
        }
    }
}

/// A status for the `n`-th step of a case, mixed the way reviews leave them.
pub(super) fn status_for(life: &Lifecycle, n: usize, aml_open: bool) -> StepStatus {
    match life {
        Lifecycle::Building(_) | Lifecycle::Failed => {
            if n % 3 == 0 {
                StepStatus::SystemUpdated
            } else {
                StepStatus::NotReviewed
            }
        }
        Lifecycle::Closed { accepted: true } => StepStatus::Passed,
        Lifecycle::Closed { accepted: false } => {
            if aml_open || n % 4 == 1 {
                StepStatus::Failed
            } else {
                StepStatus::Passed
            }
        }
        Lifecycle::Ready => match n % 6 {
            0 | 3 => StepStatus::Passed,
            1 | 4 => StepStatus::NotReviewed,
            2 => StepStatus::SystemUpdated,
            _ if aml_open => StepStatus::NotReviewed,
            _ => StepStatus::Failed,
        },
    }
}

/// Details carrying the step's own fields, to which the type-specific part is added.
pub(super) fn details_of(step: &Step) -> StepDetails {
    StepDetails {
        case_step_id: step.case_step_id,
        name: step.name.clone(),
        step_type: step.step_type.clone(),
        status: step.status.clone(),
        is_deactivated: step.is_deactivated,
        ..Default::default()
    }
}

pub(super) fn field(label: &str, value: impl Into<String>) -> StepField {
    StepField::new(label, value)
}
