//! Reference data: jurisdictions, company types, the API version.

use crate::api::client::Client;
use crate::api::error::ApiError;
use crate::api::models::{CompanyType, Jurisdiction, JurisdictionsEnvelope, VersionInfo};
use crate::api::transport::Call;

impl Client {
    /// `GET /v2/Jurisdictions`, unwrapped from `{"jurisdictions": {"jurisdiction": […]}}`.
    pub async fn jurisdictions(&self) -> Result<Vec<Jurisdiction>, ApiError> {
        let call = Call::get("GET /v2/Jurisdictions", "/v2/Jurisdictions".to_owned());
        let envelope: JurisdictionsEnvelope = self.fetch_json(call).await?;
        Ok(envelope.jurisdictions.jurisdiction)
    }

    pub async fn company_types(&self) -> Result<Vec<CompanyType>, ApiError> {
        let call = Call::get("GET /v2/CompanyTypes", "/v2/CompanyTypes".to_owned());
        self.fetch_json(call).await
    }

    pub async fn version(&self) -> Result<VersionInfo, ApiError> {
        let call = Call::get("GET /v2/Version", "/v2/Version".to_owned());
        self.fetch_json(call).await
    }
}
