//! Cases as a whole: the list, a case's detail and ownership, linking, properties, status,
//! deletion, identity and the audit trail.

use super::{About, Backend, Change, Decided, Operation, ReadBack};
use crate::api::{
    ApiError, AuditEntry, CaseDetails, CaseKind, CaseListItem, CaseStatusRequest, Id,
    IdentityUpdate, LinkRequest, Members as MembersAnswer, OrgNode, Page, Property, Step,
};

/// One page of the company or individual case list.
#[derive(Debug, Clone, PartialEq)]
pub struct ListCases {
    pub kind: CaseKind,
    pub page: u32,
    pub page_size: u32,
}

impl Operation for ListCases {
    type Answer = Page<CaseListItem>;
    const NAME: &'static str = "list cases";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .list_cases(self.kind, self.page, self.page_size)
            .await
    }
}

/// A case's detail.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDetail {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for CaseDetail {
    type Answer = Box<CaseDetails>;
    const NAME: &'static str = "case detail";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.case_detail(self.kind, self.id).await.map(Box::new)
    }
}

/// A company's ownership chart.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgChart {
    pub id: Id,
}

impl Operation for OrgChart {
    type Answer = Box<OrgNode>;
    const NAME: &'static str = "org chart";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.org_chart(self.id).await.map(Box::new)
    }
}

/// A company's officers and shareholders.
#[derive(Debug, Clone, PartialEq)]
pub struct Members {
    pub id: Id,
}

impl Operation for Members {
    type Answer = Box<MembersAnswer>;
    const NAME: &'static str = "members";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.members(self.id).await.map(Box::new)
    }
}

/// Link case `id` under `parent` (answers the new step of the parent).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub kind: CaseKind,
    pub parent: Id,
    pub id: Id,
    pub request: LinkRequest,
}

impl Operation for Link {
    type Answer = Box<Step>;
    const NAME: &'static str = "link case";
    fn about(&self) -> About {
        About::case(self.parent)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .link_case(self.kind, self.parent, self.id, &self.request)
            .await
            .map(Box::new)
    }
}

impl Change for Link {
    /// The case linked and how: its relation and figures (never the free-text details).
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let mut d = vec![
            ("linked case", self.id.to_string()),
            ("relation", self.request.relation.clone()),
        ];
        if let Some(p) = self.request.percentage {
            d.push(("percentage", p.to_string()));
        }
        if let Some(s) = self.request.shares {
            d.push(("shares", s.to_string()));
        }
        d
    }

    /// The parent's new step, pointing at the linked case. An individual gets no step for a
    /// link (guide 4.4.3): its answer names the linked case and no step.
    fn complete(&self, s: &Self::Answer) -> bool {
        s.linked_case_common_id == Some(self.id)
            && (s.case_step_id > 0 || self.kind == CaseKind::Individual)
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Linked when a step of the parent now points at the case.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let linked = b.client.case_steps(self.parent).await.map(|groups| {
            groups
                .into_iter()
                .flat_map(|g| g.steps)
                .find(|s| s.linked_case_common_id == Some(self.id))
                .map(Box::new)
        });
        linked.into()
    }
}

/// A case's properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Properties {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for Properties {
    type Answer = Vec<Property>;
    const NAME: &'static str = "properties";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.properties(self.kind, self.id).await
    }
}

/// Add or change one property (answers the full list).
#[derive(Debug, Clone, PartialEq)]
pub struct SetProperty {
    pub kind: CaseKind,
    pub id: Id,
    pub property: Property,
}

impl Operation for SetProperty {
    type Answer = Vec<Property>;
    const NAME: &'static str = "set property";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .set_properties(self.kind, self.id, std::slice::from_ref(&self.property))
            .await
    }
}

impl Change for SetProperty {
    /// The property's data type; its value is the reviewer's text and stays out.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let data_type = self.property.data_type.clone().unwrap_or_default();
        vec![("data type", data_type)]
    }

    /// The case's list, holding the property as sent.
    fn complete(&self, list: &Self::Answer) -> bool {
        holds(list, &self.property)
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Set when the case holds the property with the value sent.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let list = b.client.properties(self.kind, self.id).await;
        list.map(|list| holds(&list, &self.property).then_some(list))
            .into()
    }
}

/// Whether `list` holds `property` with the value sent.
fn holds(list: &[Property], property: &Property) -> bool {
    list.iter()
        .any(|p| p.data_type == property.data_type && p.data == property.data)
}

/// Remove one property by its data type.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoveProperty {
    pub kind: CaseKind,
    pub id: Id,
    pub data_type: String,
}

impl Operation for RemoveProperty {
    type Answer = ();
    const NAME: &'static str = "remove property";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .delete_property(self.kind, self.id, &self.data_type)
            .await
    }
}

impl Change for RemoveProperty {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        vec![("data type", self.data_type.clone())]
    }

    /// Nothing of the answer is shown: the list drops the property it asked to remove.
    fn complete(&self, _: &Self::Answer) -> bool {
        true
    }

    fn destructive(&self) -> bool {
        true
    }
    /// Removed when no property of that data type is left.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let list = b.client.properties(self.kind, self.id).await;
        list.map(|list| {
            let gone = !list
                .iter()
                .any(|p| p.data_type.as_deref() == Some(self.data_type.as_str()));
            gone.then_some(())
        })
        .into()
    }
}

/// Close with a decision, or reopen (answers the case's detail).
#[derive(Debug, Clone, PartialEq)]
pub struct SetCaseStatus {
    pub kind: CaseKind,
    pub id: Id,
    pub request: CaseStatusRequest,
    /// The case's status before (`open`, `closed (Accepted)`), as the console knew it.
    pub from: Option<String>,
}

impl Operation for SetCaseStatus {
    type Answer = Box<CaseDetails>;
    const NAME: &'static str = "set case status";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .set_case_status(self.kind, self.id, &self.request)
            .await
            .map(Box::new)
    }
}

impl Change for SetCaseStatus {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let mut d = Vec::new();
        if let Some(from) = &self.from {
            d.push(("from", from.clone()));
        }
        d.push(("status", self.request.status.clone()));
        if let Some(decision) = &self.request.case_decision {
            d.push(("decision", decision.clone()));
        }
        d
    }

    /// The case's own detail, closed or open as asked.
    fn complete(&self, d: &Self::Answer) -> bool {
        let closing = self.request.status.eq_ignore_ascii_case("Close");
        d.common.case_common_id == self.id && d.common.is_closed() == closing
    }

    fn destructive(&self) -> bool {
        true
    }
    /// Done when the case is closed (with the decision sent) or open, as asked.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let closing = self.request.status.eq_ignore_ascii_case("Close");
        let detail = b.client.case_detail(self.kind, self.id).await;
        detail
            .map(|d| {
                let decided = match (&self.request.case_decision, &d.common.case_decision) {
                    (Some(sent), Some(held)) => sent.eq_ignore_ascii_case(held),
                    (Some(_), None) => false,
                    (None, _) => true,
                };
                (d.common.is_closed() == closing && (!closing || decided)).then(|| Box::new(d))
            })
            .into()
    }
}

/// Delete a case.
#[derive(Debug, Clone, PartialEq)]
pub struct DeleteCase {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for DeleteCase {
    type Answer = ();
    const NAME: &'static str = "delete case";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.delete_case(self.kind, self.id).await
    }
}

impl Change for DeleteCase {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let kind = match self.kind {
            CaseKind::Company => "company",
            CaseKind::Individual => "individual",
        };
        vec![("kind", kind.to_owned())]
    }

    /// Nothing of the answer is shown: the case leaves the list.
    fn complete(&self, _: &Self::Answer) -> bool {
        true
    }

    fn destructive(&self) -> bool {
        true
    }
    /// Deleted when the case answers 404.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        match b.client.case_detail(self.kind, self.id).await {
            Ok(_) => ReadBack::NotDone,
            Err(e) if e.status == Some(404) => ReadBack::Done(()),
            Err(e) => ReadBack::Failed(e),
        }
    }
}

/// A case's audit trail.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditTrail {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for AuditTrail {
    type Answer = Vec<AuditEntry>;
    const NAME: &'static str = "audit trail";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.audit_trail(self.kind, self.id).await
    }
}

/// Change identity fields (answers the case's detail).
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateIdentity {
    pub kind: CaseKind,
    pub id: Id,
    pub update: Box<IdentityUpdate>,
}

impl Operation for UpdateIdentity {
    type Answer = Box<CaseDetails>;
    const NAME: &'static str = "update identity";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .update_identity(self.kind, self.id, &self.update)
            .await
            .map(Box::new)
    }
}

impl Change for UpdateIdentity {
    /// Which fields were sent, by name; their values (names, dates of birth, addresses) stay
    /// out.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let fields = match serde_json::to_value(self.update.as_ref()) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect::<Vec<_>>(),
            _ => Vec::new(),
        };
        vec![("fields", fields.join(", "))]
    }

    /// The case's own detail (the overview shows it as the case now is).
    fn complete(&self, d: &Self::Answer) -> bool {
        d.common.case_common_id == self.id
    }

    fn destructive(&self) -> bool {
        false
    }
    /// The detail spreads identity fields over the company, the individual and the address
    /// (and the server normalises some of them), so a field-by-field comparison would guess.
    async fn read_back(&self, _: &Backend) -> ReadBack<Self::Answer> {
        ReadBack::Cannot(
            "identity changes are not compared field by field; open :identity to see what the \
             server holds before sending them again"
                .to_owned(),
        )
    }
}
