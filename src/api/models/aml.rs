//! AML, sanctions and PEP screening results.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `GET …/amlchecks`: one list per screening provider.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AmlChecks {
    #[serde(deserialize_with = "flex::vec")]
    pub world_checks: Vec<AmlMatch>,
    #[serde(deserialize_with = "flex::vec")]
    pub lexis_nexis_checks: Vec<AmlMatch>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl AmlChecks {
    /// Every match of every provider, with the provider's name.
    pub fn all(&self) -> impl Iterator<Item = (&'static str, &AmlMatch)> {
        self.world_checks
            .iter()
            .map(|m| ("World-Check", m))
            .chain(self.lexis_nexis_checks.iter().map(|m| ("LexisNexis", m)))
    }
}

/// One potential match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AmlMatch {
    #[serde(deserialize_with = "flex::id")]
    pub case_step_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub match_id: Option<String>,
    /// "PEP", "Sanctions", "AdverseMedia", "Enforcement", "SOE".
    #[serde(deserialize_with = "flex::opt_string")]
    pub category: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub aliases: Vec<String>,
    /// 0–100.
    #[serde(deserialize_with = "flex::opt_f64")]
    pub match_score: Option<f64>,
    /// "Exact", "Strong", "Medium", "Weak".
    #[serde(deserialize_with = "flex::opt_string")]
    pub match_strength: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub date_of_birth: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub nationality: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub country: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub gender: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub pep_tier: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub sanction_lists: Vec<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub biography: Option<String>,
    #[serde(deserialize_with = "flex::vec")]
    pub sources: Vec<AmlSource>,
    #[serde(deserialize_with = "flex::bool")]
    pub is_excluded: bool,
    #[serde(deserialize_with = "flex::opt_string")]
    pub excluded_reason: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub updated_on: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AmlSource {
    #[serde(deserialize_with = "flex::opt_string")]
    pub title: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub url: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
