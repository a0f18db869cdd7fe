//! The "Identity" group: who the subject is and where it is registered or lives.

use super::CaseBuilder;
use super::steps::{details_of, field};

impl CaseBuilder<'_, '_> {
    pub(super) fn identity_steps(&mut self) {
        let label = if self.is_company {
            "Company identity"
        } else {
            "Personal identity"
        };
        let status = self.next_status(false);
        let step = self.step(label, "Identity", status);
        let details = (!self.lean).then(|| {
            let s = &self.seed;
            let mut d = details_of(&step);
            d.fields = if self.is_company {
                vec![
                    field("Entity name", self.name.clone()),
                    field(
                        "Registration number",
                        s.registration_number.clone().unwrap_or_default(),
                    ),
                    field("Company type", s.company_type.clone().unwrap_or_default()),
                    field("Jurisdiction", self.jur_name.clone()),
                    field(
                        if s.is_trust() {
                            "Date of settlement"
                        } else {
                            "Incorporation date"
                        },
                        s.incorporated.clone().unwrap_or_default(),
                    ),
                    field("Source", self.registry.clone()),
                ]
            } else {
                vec![
                    field("First name", s.first_name.clone()),
                    field("Last name", s.last_name.clone()),
                    field("Date of birth", s.birth_date.clone().unwrap_or_default()),
                    field("Nationality", s.nationality.clone().unwrap_or_default()),
                    field("Gender", s.gender.clone().unwrap_or_default()),
                ]
            };
            d
        });
        self.steps.add("Identity", step, details, "Identity");

        let label = if self.is_company {
            "Registered address"
        } else {
            "Residential address"
        };
        let status = self.next_status(false);
        let step = self.step(label, "Address", status);
        let details = (!self.lean).then(|| {
            let a = &self.seed.address;
            let mut d = details_of(&step);
            d.fields = vec![
                field("Address line 1", a.line1.clone()),
                field("Address line 2", a.line2.clone().unwrap_or_default()),
                field("City", a.city.clone()),
                field("Postcode", a.postcode.clone().unwrap_or_default()),
                field("Country", self.jur_name.clone()),
            ];
            d
        });
        self.steps.add("Identity", step, details, "Address");
    }
}
