//! The screening of a company's whole ownership: its org chart and the AML checks of every case
//! in it, read together, because sanctions exposure through ownership needs both and is shown
//! on the overview as soon as a company case opens.

use super::{About, Backend, Operation};
use crate::api::{AmlChecks, ApiError, CaseKind, Id, OrgNode};
use crate::ownership::{EntityKey, Ownership};
use futures::StreamExt;

/// At most this many cases of a chart are screened; the rest are counted as not read.
pub const MAX_CASES: usize = 200;

/// At most this many AML reads at once: a deep chart must not flood the server.
const CONCURRENCY: usize = 4;

/// A company's org chart with the AML checks of every case in it.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnershipScreening {
    pub id: Id,
}

/// What [`OwnershipScreening`] answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenedChart {
    pub chart: OrgNode,
    /// Each case of the chart (the root's included) and its AML checks, or why they could not
    /// be read.
    pub checks: Vec<(Id, Result<AmlChecks, String>)>,
    /// Cases beyond [`MAX_CASES`], not screened.
    pub not_read: usize,
}

impl Operation for OwnershipScreening {
    type Answer = Box<ScreenedChart>;
    const NAME: &'static str = "ownership screening";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        let chart = b.client.org_chart(self.id).await?;
        let own = Ownership::compute(&chart);
        let mut cases: Vec<(Id, CaseKind)> = own
            .entities
            .iter()
            .filter_map(|e| match e.key {
                EntityKey::Case(id) => Some((
                    id,
                    if e.is_company || id == self.id {
                        CaseKind::Company
                    } else {
                        CaseKind::Individual
                    },
                )),
                EntityKey::Name(_) => None,
            })
            .collect();
        // Officers hold nothing but are screened too (a listed director controls).
        collect_officers(&chart, &mut cases);
        cases.sort_unstable();
        cases.dedup_by_key(|(id, _)| *id);
        let not_read = cases.len().saturating_sub(MAX_CASES);
        cases.truncate(MAX_CASES);
        let client = &b.client;
        let mut checks: Vec<(Id, Result<AmlChecks, String>)> = futures::stream::iter(cases)
            .map(|(id, kind)| async move {
                let r = client.aml_checks(kind, id).await;
                (id, r.map_err(|e| e.to_string()))
            })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
        checks.sort_by_key(|(id, _)| *id);
        Ok(Box::new(ScreenedChart {
            chart,
            checks,
            not_read,
        }))
    }
}

/// Cases of officers and others anywhere in the chart, which the ownership graph leaves out.
fn collect_officers(node: &OrgNode, out: &mut Vec<(Id, CaseKind)>) {
    for o in node.officers.iter().chain(&node.others) {
        if let Some(id) = o.case_common_id {
            let kind = if o.is_company() {
                CaseKind::Company
            } else {
                CaseKind::Individual
            };
            out.push((id, kind));
        }
    }
    for h in node.shareholders.iter().chain(
        node.shareholders
            .iter()
            .flat_map(|h| &h.joint_shareholder_members),
    ) {
        collect_officers(h, out);
    }
}
