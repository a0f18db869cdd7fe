//! The evidence pack: a case's review record, for the audit file. It is gathered once into one
//! data structure ([`Pack`]), written as JSON for machines (serde) and rendered as Markdown for
//! people ([`markdown`]) from that same structure, so the two never say different things. The
//! alert inbox is exported as CSV for spreadsheets ([`csv`]).
//!
//! Gathering reads the server (case, steps, notes, AML checks, ownership screening, alerts) and
//! the local journal; what could not be read is listed in [`Pack::gaps`] rather than left out
//! silently, so a pack never looks more complete than it is.

pub mod csv;
pub mod markdown;

use crate::api::{AmlChecks, ApiError, CaseDetails, CaseKind, Id, StepGroup};
use crate::app::aml_compare::{Subject, compare};
use crate::app::org::{Chart, Screened, control, trust};
use crate::exposure::Verdict;
use crate::journal::Entry;
use crate::op::{Backend, Operation, OwnershipScreening};
use crate::words::dates::DateFormat;
use futures::StreamExt;
use serde::Serialize;

/// At most this many note reads at once.
const CONCURRENCY: usize = 4;

/// At most this many ownership paths per owner.
const MAX_PATHS: usize = 8;

/// Which file to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Markdown,
    Json,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// A case's review record.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pack {
    /// RFC 3339, UTC.
    pub generated_at: String,
    pub environment: String,
    pub case: CaseRecord,
    pub steps: Vec<StepRecord>,
    /// Company cases only.
    pub ownership: Option<OwnershipRecord>,
    pub aml: Vec<AmlRecord>,
    pub alerts: Vec<AlertRecord>,
    pub notes: Vec<NoteRecord>,
    /// The local journal's entries for this case (its changes and its alerts' actions).
    pub journal: Vec<Entry>,
    /// What could not be read, and why.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseRecord {
    pub id: Id,
    pub number: Option<String>,
    pub kind: String,
    pub name: String,
    pub status: Option<String>,
    pub decision: Option<String>,
    pub assignee: Option<String>,
    pub risk: Option<String>,
    pub ready_at: Option<String>,
    pub review_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepRecord {
    pub id: Id,
    pub group: String,
    pub name: String,
    pub status: String,
    pub deactivated: bool,
    pub linked_case: Option<Id>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnershipRecord {
    /// The beneficial-owner threshold, in percent.
    pub threshold: f64,
    pub owners: Vec<OwnerRecord>,
    pub control: Vec<ControlRecord>,
    /// Owners by their role behind a holder (a trust's parties, a nominee's nominator), as
    /// `:ubo` lists them: beneficial owners whatever the shares say.
    pub by_role: Vec<ByRoleRecord>,
    /// Companies whose direct shares do not add up to 100 %.
    pub share_totals: Vec<ShareTotal>,
    pub exposure: ExposureRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OwnerRecord {
    pub name: String,
    /// The console's integrated share, in percent (`None`: not computable, a loop).
    pub effective: Option<f64>,
    /// The API's own figure.
    pub api_effective: Option<f64>,
    pub beneficial_owner: bool,
    /// "60% of A → 70% of Root = 42%".
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ControlRecord {
    pub name: String,
    pub rule: String,
    /// The console's share where a PSC band disagrees with it.
    pub band_disagrees_with: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ByRoleRecord {
    pub name: String,
    /// "settlor of The Harrowgate Family Trust (100.00%)".
    pub role: String,
    /// A company: a party whose own owners and controllers are still to be found.
    pub corporate: bool,
    /// What the chart says of the role ("Discretionary beneficiary", …).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareTotal {
    pub company: String,
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExposureRecord {
    pub ofac: ReadingRecord,
    pub eu: ReadingRecord,
    pub flagged: Vec<FlaggedRecord>,
    /// Cases whose screening could not be read.
    pub unread: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReadingRecord {
    pub blocked: bool,
    /// "60% A ← 100% B ← 70% C" (co-holders after `+`), empty when clear or listed itself.
    pub route: String,
    pub listed_party: Option<String>,
    pub lists: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FlaggedRecord {
    pub name: String,
    pub sanctioned: bool,
    pub pep: bool,
    pub effective: Option<f64>,
    pub below_threshold: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AmlRecord {
    pub provider: String,
    pub step: Id,
    pub match_id: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
    pub score: Option<f64>,
    pub strength: Option<String>,
    pub sanction_lists: Vec<String>,
    pub excluded: bool,
    pub excluded_reason: Option<String>,
    pub fields: Vec<FieldRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRecord {
    pub field: String,
    pub subject: Option<String>,
    #[serde(rename = "match")]
    pub candidate: Option<String>,
    pub verdict: String,
    pub why: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlertRecord {
    pub id: Id,
    pub kind: Option<String>,
    pub step: Option<Id>,
    pub raised: Option<String>,
    pub changes: usize,
    /// The actions taken on it from this console, with their reasons (from the journal).
    pub actions: Vec<ActionRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionRecord {
    pub time: String,
    pub operation: String,
    pub decided: Vec<(String, String)>,
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NoteRecord {
    pub step: Id,
    pub step_name: String,
    pub by: Option<String>,
    pub on: Option<String>,
    pub text: String,
}

/// Gather the pack of case `id` at `now` (RFC 3339). Only the case detail is required: every
/// other part that fails to read becomes a gap.
pub async fn gather(
    backend: &Backend,
    environment: &str,
    kind: CaseKind,
    id: Id,
    threshold: f64,
    now: String,
) -> Result<Pack, ApiError> {
    let client = &backend.client;
    let detail = client.case_detail(kind, id).await?;
    let mut gaps = Vec::new();
    let groups = client.case_steps(id).await.unwrap_or_else(|e| {
        gaps.push(format!("steps: {e}"));
        Vec::new()
    });
    let steps = steps(&groups);
    let notes = notes(backend, id, &steps, &mut gaps).await;
    let aml = match client.aml_checks(kind, id).await {
        Ok(checks) => aml(&detail, &checks),
        Err(e) => {
            gaps.push(format!("AML checks: {e}"));
            Vec::new()
        }
    };
    let ownership = if kind == CaseKind::Company {
        match (OwnershipScreening { id }).call(backend).await {
            Ok(answer) => Some(ownership(&answer, threshold)),
            Err(e) => {
                gaps.push(format!("ownership: {e}"));
                None
            }
        }
    } else {
        None
    };
    let journal: Vec<Entry> = match &backend.journal {
        Some(j) => match j.read() {
            Ok(entries) => entries,
            Err(e) => {
                gaps.push(format!("journal: {e}"));
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let alerts = match client.lm_alerts(kind, id).await {
        Ok(lm) => lm
            .alerts
            .iter()
            .map(|a| AlertRecord {
                id: a.alert_id,
                kind: a.alert_type.clone(),
                step: a.case_step_id,
                raised: a.created_on.clone(),
                changes: a.changes.len(),
                actions: journal
                    .iter()
                    .filter(|e| e.alert == Some(a.alert_id))
                    .map(|e| ActionRecord {
                        time: e.time.clone(),
                        operation: e.operation.clone(),
                        decided: e.decided.clone(),
                        outcome: e.outcome.label().to_owned(),
                    })
                    .collect(),
            })
            .collect(),
        // A case without live monitoring has no alerts to list.
        Err(e) if e.status == Some(404) => Vec::new(),
        Err(e) => {
            gaps.push(format!("alerts: {e}"));
            Vec::new()
        }
    };
    let alert_ids: Vec<Id> = alerts.iter().map(|a| a.id).collect();
    let mut journal: Vec<Entry> = journal
        .into_iter()
        .filter(|e| e.case == Some(id) || e.alert.is_some_and(|a| alert_ids.contains(&a)))
        .collect();
    // Oldest first, as a record reads.
    journal.reverse();
    Ok(Pack {
        generated_at: now,
        environment: environment.to_owned(),
        case: case(&detail, kind),
        steps,
        ownership,
        aml,
        alerts,
        notes,
        journal,
        gaps,
    })
}

fn case(d: &CaseDetails, kind: CaseKind) -> CaseRecord {
    let c = &d.common;
    let name = d
        .company
        .as_ref()
        .and_then(|co| co.entity_name.clone())
        .or_else(|| {
            let i = d.individual.as_ref()?;
            let full = [i.first_name.as_deref(), i.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            Some(full).filter(|f| !f.is_empty())
        })
        .unwrap_or_default();
    CaseRecord {
        id: c.case_common_id,
        number: c.case_customer_id.clone(),
        kind: match kind {
            CaseKind::Company => "company",
            CaseKind::Individual => "individual",
        }
        .to_owned(),
        name,
        status: c.status.clone(),
        decision: c.case_decision.clone().filter(|s| !s.is_empty()),
        assignee: c.assigned_user_name.clone(),
        risk: c.risk_rating.clone(),
        ready_at: c.case_ready_datetime.clone(),
        review_date: c.scheduled_review_date.clone(),
    }
}

fn steps(groups: &[StepGroup]) -> Vec<StepRecord> {
    groups
        .iter()
        .flat_map(|g| {
            g.steps.iter().map(|s| StepRecord {
                id: s.case_step_id,
                group: g.group.clone().unwrap_or_default(),
                name: s.name.clone().unwrap_or_default(),
                status: s.status.label().to_owned(),
                deactivated: s.is_deactivated,
                linked_case: s.linked_case_common_id,
            })
        })
        .collect()
}

async fn notes(
    backend: &Backend,
    id: Id,
    steps: &[StepRecord],
    gaps: &mut Vec<String>,
) -> Vec<NoteRecord> {
    let client = &backend.client;
    // Owned ids, so the futures borrow nothing but the client.
    let ids: Vec<(usize, Id)> = steps.iter().map(|s| s.id).enumerate().collect();
    let mut read: Vec<(usize, Result<Vec<crate::api::StepNote>, ApiError>)> =
        futures::stream::iter(ids)
            .map(|(k, step)| async move { (k, client.step_notes(id, step).await) })
            .buffer_unordered(CONCURRENCY)
            .collect()
            .await;
    read.sort_by_key(|(k, _)| *k);
    let mut out = Vec::new();
    for (k, r) in read {
        let step = &steps[k];
        match r {
            Ok(notes) => out.extend(notes.into_iter().map(|n| NoteRecord {
                step: step.id,
                step_name: step.name.clone(),
                by: n.created_by,
                on: n.created_on,
                text: n.note.unwrap_or_default(),
            })),
            Err(e) => gaps.push(format!("notes of step {} ({}): {e}", step.id, step.name)),
        }
    }
    out
}

fn aml(detail: &CaseDetails, checks: &AmlChecks) -> Vec<AmlRecord> {
    let subject = Subject::from_case(detail);
    checks
        .all()
        .map(|(provider, m)| AmlRecord {
            provider: provider.to_owned(),
            step: m.case_step_id,
            match_id: m.match_id.clone(),
            name: m.name.clone(),
            category: m.category.clone(),
            score: m.match_score,
            strength: m.match_strength.clone(),
            sanction_lists: m.sanction_lists.clone(),
            excluded: m.is_excluded,
            excluded_reason: m.excluded_reason.clone(),
            fields: compare(&subject, m)
                .into_iter()
                .map(|r| FieldRecord {
                    field: r.field.to_owned(),
                    subject: r.subject,
                    candidate: r.candidate,
                    verdict: r.verdict.word().to_owned(),
                    why: r.why,
                })
                .collect(),
        })
        .collect()
}

fn ownership(answer: &crate::op::ScreenedChart, threshold: f64) -> OwnershipRecord {
    let screened = Screened::build(answer, threshold);
    let chart = Chart::build(&answer.chart);
    let own = &chart.ownership;
    let owners = own
        .people()
        .into_iter()
        .map(|(i, figure)| OwnerRecord {
            name: own.entities[i].name.clone(),
            effective: figure,
            api_effective: chart.api_figure(i),
            beneficial_owner: figure.is_some_and(|p| p + 1e-9 >= threshold),
            paths: own
                .paths(i, MAX_PATHS)
                .iter()
                .map(|p| {
                    let steps: Vec<String> = p
                        .via
                        .windows(2)
                        .map(|w| {
                            let f = own.entities[w[0]]
                                .holds
                                .iter()
                                .find(|(h, _)| *h == w[1])
                                .map_or(0.0, |(_, f)| *f);
                            format!("{:.2}% of {}", f * 100.0, own.entities[w[1]].name)
                        })
                        .collect();
                    format!("{} = {:.2}%", steps.join(" → "), p.fraction * 100.0)
                })
                .collect(),
        })
        .collect();
    let control = control::by_control(&chart)
        .into_iter()
        .map(|c| ControlRecord {
            name: c.name,
            rule: c.rule,
            band_disagrees_with: c.disagrees,
        })
        .collect();
    let by_role = trust::by_role(&chart)
        .into_iter()
        .map(|r| ByRoleRecord {
            // The role and what it is held through; the notes go in their own field.
            role: trust::ByRole {
                notes: Vec::new(),
                ..r.clone()
            }
            .describe(),
            name: r.name,
            corporate: r.corporate,
            notes: r.notes,
        })
        .collect();
    let mut share_totals: Vec<ShareTotal> = chart
        .nodes
        .iter()
        .filter_map(|n| {
            Some(ShareTotal {
                company: n.name.clone(),
                total: n.overfull().or_else(|| n.underfull())?,
            })
        })
        .collect();
    share_totals.dedup_by(|a, b| a.company == b.company);
    OwnershipRecord {
        threshold,
        owners,
        control,
        by_role,
        share_totals,
        exposure: exposure(&screened),
    }
}

fn exposure(s: &Screened) -> ExposureRecord {
    let reading = |v: &Verdict| match v {
        Verdict::Clear => ReadingRecord {
            blocked: false,
            route: String::new(),
            listed_party: None,
            lists: None,
        },
        Verdict::Listed => ReadingRecord {
            blocked: true,
            route: String::new(),
            listed_party: Some(s.names[s.ownership.root].clone()),
            lists: Some(s.lists(s.ownership.root)),
        },
        Verdict::Blocked { route, listed } => ReadingRecord {
            blocked: true,
            route: route
                .iter()
                .map(|l| {
                    l.by.iter()
                        .map(|(h, b)| {
                            format!("{} {}", crate::app::org::exposure::basis(*b), s.names[*h])
                        })
                        .collect::<Vec<_>>()
                        .join(" + ")
                })
                .collect::<Vec<_>>()
                .join(" ← "),
            listed_party: Some(s.names[*listed].clone()),
            lists: Some(s.lists(*listed)),
        },
    };
    ExposureRecord {
        ofac: reading(&s.exposure.ofac),
        eu: reading(&s.exposure.eu),
        flagged: s
            .exposure
            .flagged
            .iter()
            .map(|f| FlaggedRecord {
                name: s.names[f.entity].clone(),
                sanctioned: f.sanctioned,
                pep: f.pep,
                effective: f.effective,
                below_threshold: f.below_threshold,
            })
            .collect(),
        unread: s.unread.len() + s.not_read,
    }
}

/// The pack as bytes of `format`.
/// The pack as a file: Markdown for people (words and dates as the screen shows them, in
/// `dates`), JSON for machines (the API's own values).
pub fn render(pack: &Pack, format: Format, dates: DateFormat) -> Vec<u8> {
    match format {
        Format::Markdown => markdown::render(pack, dates).into_bytes(),
        // A pack is plain data: serialising it cannot fail; an empty object says so if it did.
        Format::Json => serde_json::to_vec_pretty(pack).unwrap_or_else(|_| b"{}".to_vec()),
    }
}

/// The file name of a pack: the case number (or id), `-review`, the extension.
pub fn file_name(pack: &Pack, format: Format) -> String {
    let stem = pack
        .case
        .number
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("case-{}", pack.case.id));
    crate::downloads::sanitise(
        &format!("{stem}-review.{}", format.extension()),
        &format!("case-{}-review.{}", pack.case.id, format.extension()),
    )
}
