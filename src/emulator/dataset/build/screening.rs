//! The "AML screening" group: one step per potential match, and the case's AML checks.

use super::CaseBuilder;
use super::steps::details_of;
use crate::api::{AmlChecks, StepStatus};
use crate::emulator::dataset::seed::{Lifecycle, Provider};

impl CaseBuilder<'_, '_> {
    pub(super) fn screening(&mut self) -> AmlChecks {
        let mut aml = AmlChecks::default();
        let building = matches!(self.seed.lifecycle, Lifecycle::Building(_));
        for (provider, mut m) in std::mem::take(&mut self.seed.matches) {
            // An excluded match was reviewed and passed.
            let status = if m.is_excluded && !building {
                StepStatus::Passed
            } else {
                self.next_status(!m.is_excluded)
            };
            let step = self.step(m.name.clone().unwrap_or_default(), "Aml", status);
            m.case_step_id = step.case_step_id;
            if m.match_id.is_none() {
                let prefix = match provider {
                    Provider::WorldCheck => "WC",
                    Provider::LexisNexis => "LN",
                };
                m.match_id = Some(format!("{prefix}-{}", step.case_step_id));
            }
            if m.updated_on.is_none() {
                m.updated_on = Some(self.created.clone());
            }
            let mut d = details_of(&step);
            d.aml_match = Some(m.clone());
            self.steps.add("AML screening", step, Some(d), "Aml");
            match provider {
                Provider::WorldCheck => aml.world_checks.push(m),
                Provider::LexisNexis => aml.lexis_nexis_checks.push(m),
            }
        }
        aml
    }
}
