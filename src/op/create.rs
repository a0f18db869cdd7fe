//! Registry search and new cases: the live search, the pickers' reference lists, and creating
//! or importing a company or an individual.

use super::{About, Backend, Change, Decided, Failure, Operation, ReadBack};
use crate::api::{
    ApiError, CompanyType, CreateCompanyRequest, CreateIndividualRequest, CreatedCase, ErrorKind,
    ImportCompanyRequest, Jurisdiction, SearchRequest, SearchResult,
};

/// What a 504 from the registry means for the reviewer, and what to do next.
pub const GATEWAY_TIMEOUT: &str = "The registry did not answer in time (504). Try again, or \
     narrow the search / create the case manually with :new company";

/// What to add to the server's "more than 200 records" answer.
pub const TOO_BROAD_ADVICE: &str = "add more of the name or the registration number";

/// A live registry search (5 to 150 s).
#[derive(Debug, Clone, PartialEq)]
pub struct Search(pub SearchRequest);

impl Operation for Search {
    type Answer = Vec<SearchResult>;
    const NAME: &'static str = "registry search";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.search_companies(&self.0).await
    }
    fn failure(&self, e: &ApiError) -> Failure {
        search_failure(e, Failure::from_api(e))
    }
}

/// The search's failure as the reviewer reads it: a way forward for a 504, a timeout and a
/// too-broad search; otherwise the client's own words.
fn search_failure(e: &ApiError, base: Failure) -> Failure {
    match &e.kind {
        ErrorKind::GatewayTimeout => Failure::new(GATEWAY_TIMEOUT),
        ErrorKind::Http if e.status == Some(504) => Failure::new(GATEWAY_TIMEOUT),
        ErrorKind::Timeout { after, sent: true } => Failure::new(format!(
            "The registry did not answer within {} s. Try again, or narrow the search / create \
             the case manually with :new company",
            after.as_secs()
        )),
        _ if e.status == Some(400) => {
            let said = e
                .body
                .as_ref()
                .and_then(|b| b.message.clone())
                .filter(|m| !m.trim().is_empty());
            match said {
                Some(m) if m.contains("More than 200") || m.contains("refine your search") => {
                    Failure::new(format!("{} — {TOO_BROAD_ADVICE}", m.trim()))
                }
                Some(m) => Failure {
                    summary: m,
                    details: base.details,
                },
                None => base,
            }
        }
        _ => base,
    }
}

/// The jurisdictions, for the pickers.
#[derive(Debug, Clone, PartialEq)]
pub struct Jurisdictions;

impl Operation for Jurisdictions {
    type Answer = Vec<Jurisdiction>;
    const NAME: &'static str = "jurisdictions";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.jurisdictions().await
    }
}

/// The API's version (`:version`).
#[derive(Debug, Clone, PartialEq)]
pub struct Version;

impl Operation for Version {
    type Answer = crate::api::VersionInfo;
    const NAME: &'static str = "version";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.version().await
    }
}

/// The company types, for the new-company form.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyTypes;

impl Operation for CompanyTypes {
    type Answer = Vec<CompanyType>;
    const NAME: &'static str = "company types";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.company_types().await
    }
}

/// The id of the case the server created, for the journal (`created`); an answer without one
/// (a short body) records nothing rather than a made-up 0.
fn created(answer: Option<&CreatedCase>) -> Decided {
    answer
        .map(|a| a.details.common.case_common_id)
        .filter(|&id| id > 0)
        .map(|id| ("created", id.to_string()))
        .into_iter()
        .collect()
}

/// Whether the answer names the new case: without an id there is no case to open (case 0
/// does not exist).
fn has_id(answer: &CreatedCase) -> bool {
    answer.details.common.case_common_id > 0
}

/// Why a created case cannot be read back: until the answer comes there is no id to read.
const NO_ID_YET: &str = "the answer carried no case id, so the new case cannot be read \
     back: the case list is reloaded, look for it there before creating it again";

/// Create a company case.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateCompany(pub Box<CreateCompanyRequest>);

impl Operation for CreateCompany {
    type Answer = Box<CreatedCase>;
    const NAME: &'static str = "create company case";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.create_company(&self.0).await.map(Box::new)
    }
}

impl Change for CreateCompany {
    fn decided(&self, answer: Option<&Self::Answer>) -> Decided {
        created(answer.map(AsRef::as_ref))
    }

    fn complete(&self, answer: &Self::Answer) -> bool {
        has_id(answer)
    }

    fn destructive(&self) -> bool {
        false
    }
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(NO_ID_YET.to_owned())
    }
}

/// Import a company case with its data.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportCompany(pub Box<ImportCompanyRequest>);

impl Operation for ImportCompany {
    type Answer = Box<CreatedCase>;
    const NAME: &'static str = "import company case";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.import_company(&self.0).await.map(Box::new)
    }
}

impl Change for ImportCompany {
    fn decided(&self, answer: Option<&Self::Answer>) -> Decided {
        let mut d = vec![("import", "yes".to_owned())];
        d.extend(created(answer.map(AsRef::as_ref)));
        d
    }

    fn complete(&self, answer: &Self::Answer) -> bool {
        has_id(answer)
    }

    fn destructive(&self) -> bool {
        false
    }
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(NO_ID_YET.to_owned())
    }
}

/// Create (or with `import`, import) an individual case.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateIndividual {
    pub import: bool,
    pub request: Box<CreateIndividualRequest>,
}

impl Operation for CreateIndividual {
    type Answer = Box<CreatedCase>;
    const NAME: &'static str = "create individual case";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let created = if self.import {
            b.client.import_individual(&self.request).await
        } else {
            b.client.create_individual(&self.request).await
        };
        created.map(Box::new)
    }
}

impl Change for CreateIndividual {
    fn decided(&self, answer: Option<&Self::Answer>) -> Decided {
        let import = if self.import { "yes" } else { "no" };
        let mut d = vec![("import", import.to_owned())];
        d.extend(created(answer.map(AsRef::as_ref)));
        d
    }

    fn complete(&self, answer: &Self::Answer) -> bool {
        has_id(answer)
    }

    fn destructive(&self) -> bool {
        false
    }
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(NO_ID_YET.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::StatusCode;

    #[test]
    fn registry_refusals_say_what_to_do() {
        let base = Failure::new("base");
        let e = ApiError::from_status(
            "POST /v2/Companies/search",
            StatusCode::GATEWAY_TIMEOUT,
            b"",
            None,
        );
        assert_eq!(search_failure(&e, base.clone()).summary, GATEWAY_TIMEOUT);
        let body = br#"{"statusCode":400,"message":"More than 200 records found in United Kingdom, please refine your search criteria","apiErrors":[]}"#;
        let e = ApiError::from_status(
            "POST /v2/Companies/search",
            StatusCode::BAD_REQUEST,
            body,
            None,
        );
        let f = search_failure(&e, base.clone());
        assert!(
            f.summary
                .starts_with("More than 200 records found in United Kingdom")
        );
        assert!(f.summary.ends_with(TOO_BROAD_ADVICE));
        let e = ApiError::from_status(
            "POST /v2/Companies/search",
            StatusCode::INTERNAL_SERVER_ERROR,
            b"",
            None,
        );
        assert_eq!(search_failure(&e, base.clone()), base);
    }
}
