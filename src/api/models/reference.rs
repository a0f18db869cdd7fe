//! Reference data: jurisdictions, company types, the API version.

use super::Extra;
use crate::api::flex::{self, Id};
use serde::{Deserialize, Serialize};

/// `GET /v2/Jurisdictions`: `{"jurisdictions": {"jurisdiction": […]}}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JurisdictionsEnvelope {
    pub jurisdictions: JurisdictionList,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct JurisdictionList {
    #[serde(deserialize_with = "flex::vec")]
    pub jurisdiction: Vec<Jurisdiction>,
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Jurisdiction {
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub codeiso31662: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub area: Option<String>,
    /// Whether the registry is searched live (create from a search result).
    #[serde(deserialize_with = "flex::bool")]
    pub isautomated: bool,
    #[serde(rename = "dataSources", deserialize_with = "flex::vec")]
    pub data_sources: Vec<serde_json::Value>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/CompanyTypes`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CompanyType {
    #[serde(deserialize_with = "flex::id")]
    pub company_type_id: Id,
    #[serde(deserialize_with = "flex::opt_string")]
    pub name: Option<String>,
    #[serde(deserialize_with = "flex::opt_string")]
    pub codeiso31662: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// `GET /v2/Version`: a plain JSON string [C]; an object `{"version": …}` (an older form) is
/// read too, keeping whatever else it carries. Written as the plain string.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(from = "VersionWire")]
pub struct VersionInfo {
    pub version: Option<String>,
    pub extra: Extra,
}

impl Serialize for VersionInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.version.as_deref().unwrap_or_default().serialize(s)
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum VersionWire {
    Plain(Option<String>),
    Object(VersionObject),
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct VersionObject {
    #[serde(deserialize_with = "flex::opt_string")]
    version: Option<String>,
    #[serde(flatten)]
    extra: Extra,
}

impl From<VersionWire> for VersionInfo {
    fn from(w: VersionWire) -> Self {
        match w {
            VersionWire::Plain(version) => VersionInfo {
                version,
                extra: Extra::new(),
            },
            VersionWire::Object(o) => VersionInfo {
                version: o.version,
                extra: o.extra,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `GET /v2/Version` is a plain string [C]; an object with `version` is read too.
    #[test]
    fn version_reads_a_string_or_an_object() {
        let plain: VersionInfo = serde_json::from_str(r#""2.0.113""#).unwrap();
        assert_eq!(plain.version.as_deref(), Some("2.0.113"));
        let object: VersionInfo = serde_json::from_str(r#"{"version":"2.0","build":"x"}"#).unwrap();
        assert_eq!(object.version.as_deref(), Some("2.0"));
        assert_eq!(object.extra.get("build"), Some(&serde_json::json!("x")));
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            serde_json::json!("2.0.113")
        );
    }
}
