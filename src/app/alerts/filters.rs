//! The inbox's filters: the guide's (3.8.1), written as `key:value` tokens, sent to the server.

use crate::api::{AlertType, Id, LmCasesRequest};

use super::INBOX_PAGE;

/// The server-side filters of the guide (3.8.1), written as `key:value` tokens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub case_id: Option<Id>,
    pub assignee: Option<Id>,
    pub alert_type: Option<AlertType>,
    /// "New", "Updated".
    pub aml: Vec<&'static str>,
    /// "Entity" or "Individual".
    pub case_type: Option<&'static str>,
    /// "Root" or "Sub".
    pub level: Option<&'static str>,
    /// "Open" or "Closed".
    pub status: Option<&'static str>,
}

/// The words the filter line takes, for help and errors.
pub const FILTER_HELP: &str = "case:ID assignee:NAME|ID type:review|expired|manual|aml \
                               aml:new,updated kind:entity|individual level:root|sub status:open|closed";

/// The keys the filter line takes, for suggestions (the documented ones first).
const KEYS: &[&str] = &[
    "case", "assignee", "type", "aml", "kind", "level", "status", "id", "user", "alert",
];

impl Filters {
    /// Parse `key:value` tokens; a bare number is a case id. `all` clears a filter.
    pub fn parse(text: &str) -> Result<Filters, String> {
        let mut f = Filters::default();
        for part in text.split_whitespace() {
            let (k, v) = part.split_once(':').unwrap_or(("case", part));
            let v = v.to_ascii_lowercase();
            let all = v == "all" || v.is_empty();
            let bad = || format!("{part}: not a filter — {FILTER_HELP}");
            match k.to_ascii_lowercase().as_str() {
                "case" | "id" => {
                    f.case_id = if all {
                        None
                    } else {
                        Some(v.parse().map_err(|_| bad())?)
                    }
                }
                "assignee" | "user" => {
                    f.assignee = if all {
                        None
                    } else {
                        Some(v.parse().map_err(|_| bad())?)
                    }
                }
                "type" | "alert" => {
                    f.alert_type = if all {
                        None
                    } else {
                        Some(AlertType::parse(&v).ok_or_else(bad)?)
                    }
                }
                "aml" => {
                    f.aml.clear();
                    for w in v.split(',').filter(|w| !w.is_empty() && *w != "all") {
                        match w {
                            "new" => f.aml.push("New"),
                            "updated" | "upd" => f.aml.push("Updated"),
                            _ => return Err(bad()),
                        }
                    }
                }
                "kind" | "casetype" => {
                    f.case_type = match v.as_str() {
                        _ if all => None,
                        "entity" | "company" | "c" | "e" => Some("Entity"),
                        "individual" | "person" | "i" | "p" => Some("Individual"),
                        _ => return Err(bad()),
                    }
                }
                "level" => {
                    f.level = match v.as_str() {
                        _ if all => None,
                        "root" => Some("Root"),
                        "sub" => Some("Sub"),
                        _ => return Err(bad()),
                    }
                }
                "status" => {
                    f.status = match v.as_str() {
                        _ if all => None,
                        "open" | "live" => Some("Open"),
                        "closed" => Some("Closed"),
                        _ => return Err(bad()),
                    }
                }
                other => {
                    return Err(match crate::app::case_filter::nearest(other, KEYS) {
                        Some(near) => {
                            format!("{k}: is not an inbox filter — did you mean {near}:?")
                        }
                        None => format!("{k}: is not an inbox filter — {FILTER_HELP}"),
                    });
                }
            }
        }
        Ok(f)
    }

    /// The filters as tokens again (for the title and to edit them).
    pub fn describe(&self) -> String {
        let mut out = Vec::new();
        if let Some(id) = self.case_id {
            out.push(format!("case:{id}"));
        }
        if let Some(a) = self.assignee {
            out.push(format!("assignee:{a}"));
        }
        if let Some(t) = self.alert_type {
            out.push(format!("type:{}", t.as_str().to_ascii_lowercase()));
        }
        if !self.aml.is_empty() {
            out.push(format!("aml:{}", self.aml.join(",").to_ascii_lowercase()));
        }
        for (k, v) in [
            ("kind", self.case_type),
            ("level", self.level),
            ("status", self.status),
        ] {
            if let Some(v) = v {
                out.push(format!("{k}:{}", v.to_ascii_lowercase()));
            }
        }
        out.join(" ")
    }

    pub fn request(&self, page: u32) -> LmCasesRequest {
        LmCasesRequest {
            case_common_id: self.case_id,
            assignee_id: self.assignee,
            alert_type: self.alert_type.map(|t| t.as_str().to_owned()),
            aml_alert_types: (!self.aml.is_empty())
                .then(|| self.aml.iter().map(|s| (*s).to_owned()).collect()),
            case_type: self.case_type.map(str::to_owned),
            case_level: self.level.map(str::to_owned),
            case_status: self.status.map(str::to_owned),
            page_number: Some(page),
            page_size: Some(INBOX_PAGE),
        }
    }
}
