//! Live monitoring: the alert inbox, a case's alerts and the actions on them, review dates,
//! users and assignment.

use super::{About, Backend, Change, Decided, Operation, ReadBack};
use crate::api::{
    AlertAction as Action, AlertActionRequest, AlertActionResult, AlertType, ApiError, CaseCommon,
    CaseDetails, CaseKind, Client, Id, LmAlerts as Alerts, LmCases as Inbox, LmCasesRequest,
    ReviewDate, StepNote, User, UserListRequest,
};

/// The cases with alerts, of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct LmCases {
    pub kind: CaseKind,
    pub filter: Box<LmCasesRequest>,
}

impl Operation for LmCases {
    type Answer = Inbox;
    const NAME: &'static str = "alert inbox";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.lm_cases(self.kind, &self.filter).await
    }
}

/// One case's alerts.
#[derive(Debug, Clone, PartialEq)]
pub struct LmAlerts {
    pub kind: CaseKind,
    pub id: Id,
}

impl Operation for LmAlerts {
    type Answer = Box<Alerts>;
    const NAME: &'static str = "alert details";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.lm_alerts(self.kind, self.id).await.map(Box::new)
    }
}

/// Apply, exclude or dismiss one alert, with the type the reviewer saw and the reason they
/// gave: both go into the journal, and the reason onto the alert's step ([`AlertNote`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AlertAction {
    pub kind: CaseKind,
    pub id: Id,
    pub request: AlertActionRequest,
    /// The alert's type as the console read it (`None`: the server named none it knows).
    pub alert_type: Option<AlertType>,
    /// Why, as the reviewer chose or wrote it; `None` when they chose "No reason".
    pub reason: Option<String>,
}

impl Operation for AlertAction {
    type Answer = AlertActionResult;
    const NAME: &'static str = "alert action";
    fn about(&self) -> About {
        About {
            case: Some(self.id),
            step: self.request.case_step_id,
            alert: Some(self.request.alert_id),
        }
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .alert_action(self.kind, self.id, &self.request)
            .await
    }
}

impl Change for AlertAction {
    /// The action, the alert's type and the reason: a decision is recorded with why it was
    /// taken. The reason is cleaned to one line, so a journal line cannot be forged or broken
    /// by what was typed.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        vec![
            ("action", self.request.action.as_str().to_lowercase()),
            (
                "alert type",
                self.alert_type
                    .map_or("unknown", AlertType::as_str)
                    .to_owned(),
            ),
            (
                "reason",
                self.reason
                    .as_deref()
                    .map_or_else(|| "none given".to_owned(), one_line),
            ),
        ]
    }

    /// A dismissed alert is gone without its changes being looked at again.
    /// The alert's own result.
    fn complete(&self, r: &Self::Answer) -> bool {
        r.alert_id == self.request.alert_id
    }

    fn destructive(&self) -> bool {
        self.request.action == Action::Dismiss
    }
    /// Every action takes the alert off the case: gone means done.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let alerts = b.client.lm_alerts(self.kind, self.id).await;
        alerts
            .map(|alerts| {
                let gone = !alerts
                    .alerts
                    .iter()
                    .any(|a| a.alert_id == self.request.alert_id);
                gone.then(|| AlertActionResult {
                    alert_id: self.request.alert_id,
                    action: Some(self.request.action.as_str().to_owned()),
                    result: Some("the alert is gone from the case (read back)".to_owned()),
                    ..AlertActionResult::default()
                })
            })
            .into()
    }
}

/// A decision's reason as one journal value: whitespace runs (line ends included) become one
/// space, and what [`crate::sanitize::clean`] would not let reach a terminal is marked.
pub fn one_line(reason: &str) -> String {
    let joined = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::sanitize::clean(&joined).into_owned()
}

/// The note that records why an alert was actioned, on the alert's step: an ordinary note
/// ([`super::AddNote`]) with a type of its own, so that its answer reaches the inbox (which
/// keeps a failed one to send again) and the journal names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertNote {
    pub id: Id,
    pub step: Id,
    pub alert: Id,
    pub text: String,
}

impl AlertNote {
    fn as_note(&self) -> super::AddNote {
        super::AddNote {
            id: self.id,
            step: self.step,
            text: self.text.clone(),
        }
    }
}

impl Operation for AlertNote {
    type Answer = Box<StepNote>;
    const NAME: &'static str = "alert reason note";
    fn about(&self) -> About {
        About {
            case: Some(self.id),
            step: Some(self.step),
            alert: Some(self.alert),
        }
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        self.as_note().call(b).await
    }
}

impl Change for AlertNote {
    /// The reason is journalled with the action itself ([`AlertAction`]); the note adds where.
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        Decided::new()
    }

    fn complete(&self, n: &Self::Answer) -> bool {
        self.as_note().complete(n)
    }

    fn destructive(&self) -> bool {
        false
    }
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        self.as_note().read_back(b).await
    }
}

/// Set a case's next review date: a date (DD/MM/YYYY) or one of the guide's periods.
#[derive(Debug, Clone, PartialEq)]
pub struct SetReviewDate {
    pub kind: CaseKind,
    pub id: Id,
    pub date: String,
    /// The review date before, as the console knew it (`None`: not known).
    pub from: Option<String>,
}

impl Operation for SetReviewDate {
    type Answer = ReviewDate;
    const NAME: &'static str = "set review date";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client
            .set_review_date(self.kind, self.id, &self.date)
            .await
    }
}

impl Change for SetReviewDate {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let mut d = Vec::new();
        if let Some(from) = &self.from {
            d.push(("from", from.clone()));
        }
        d.push(("review date", self.date.clone()));
        d
    }

    /// A date the case now holds.
    fn complete(&self, r: &Self::Answer) -> bool {
        r.review_date
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty())
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Done when the case holds the date sent. A period ("3 months") becomes a date on the
    /// server, so only a date can be compared.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        if chrono::NaiveDate::parse_from_str(&self.date, "%d/%m/%Y").is_err() {
            return ReadBack::Cannot(
                "a review date given as a period cannot be read back; setting it again is safe \
                 (it replaces the date)"
                    .to_owned(),
            );
        }
        let detail = b.client.case_detail(self.kind, self.id).await;
        detail
            .map(|d| {
                let set = d.common.scheduled_review_date.as_deref() == Some(self.date.as_str());
                set.then(|| ReviewDate {
                    review_date: Some(self.date.clone()),
                    ..ReviewDate::default()
                })
            })
            .into()
    }
}

/// The users a case can be assigned to.
#[derive(Debug, Clone, PartialEq)]
pub struct Users;

impl Operation for Users {
    type Answer = Vec<User>;
    const NAME: &'static str = "users";
    fn about(&self) -> About {
        About::none()
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.list_users(&UserListRequest::default()).await
    }
}

/// Assign a case to a user.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignUser {
    pub id: Id,
    pub user: Id,
    /// The assignee's name as the reviewer picked it, for the journal (the server's answer may
    /// name nobody).
    pub name: String,
    /// Who the case was assigned to before, as the console knew it (`None`: not known).
    pub from: Option<String>,
}

impl Operation for AssignUser {
    type Answer = Box<CaseCommon>;
    const NAME: &'static str = "assign user";
    fn about(&self) -> About {
        About::case(self.id)
    }
    async fn call(&self, b: &Backend) -> Result<Self::Answer, ApiError> {
        b.client.assign_user(self.id, self.user).await.map(Box::new)
    }
}

impl Change for AssignUser {
    fn decided(&self, _: Option<&Self::Answer>) -> Decided {
        let mut d = Vec::new();
        if let Some(from) = &self.from {
            d.push(("from", from.clone()));
        }
        d.push(("assignee", self.name.clone()));
        d.push(("assignee id", self.user.to_string()));
        d
    }

    /// The case's own record, naming the user as its assignee.
    fn complete(&self, c: &Self::Answer) -> bool {
        c.case_common_id == self.id && c.assigned_user_id == Some(self.user)
    }

    fn destructive(&self) -> bool {
        false
    }
    /// Done when the case names the user as its assignee.
    async fn read_back(&self, b: &Backend) -> ReadBack<Self::Answer> {
        let detail = detail_of_either_kind(&b.client, self.id).await;
        detail
            .map(|d| (d.common.assigned_user_id == Some(self.user)).then(|| Box::new(d.common)))
            .into()
    }
}

/// The request names no kind: a company, else an individual.
async fn detail_of_either_kind(client: &Client, id: Id) -> Result<CaseDetails, ApiError> {
    match client.case_detail(CaseKind::Company, id).await {
        Err(e) if e.status == Some(404) => client.case_detail(CaseKind::Individual, id).await,
        r => r,
    }
}
