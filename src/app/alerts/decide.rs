//! The decision popup: apply, exclude or dismiss asks first, in every environment, with Cancel
//! focused. It names what the reviewer chose (captured when the key was pressed: case, alert,
//! step), says what will happen in the guide's words (3.8.3), and asks why. A reason is
//! required to dismiss or exclude an AML alert; otherwise "No reason" is one of the choices.
//!
//! Only Enter on the action's button sends, and letters outside the free text do nothing here:
//! a repeated `d` lands in this popup and stays there.

use super::*;
use crate::app::keymap::Key;
use crate::app::reason::{Asking, ReasonPicker, Reply};

/// How many cases a bulk confirmation lists before "…and N more".
pub const LISTED_CASES: usize = 4;

/// An action waiting for the reviewer's confirmation and reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub action: AlertAction,
    /// What the action lands on, as captured when the key was pressed: (case, alert) and what
    /// the console knew of them. One for a single action, every marked alert for a bulk one.
    pub targets: Vec<((Id, Id), Marked)>,
    /// Whether it was asked for the marks (then they are cleared as they succeed).
    pub bulk: bool,
    /// What the popup says above the reasons, led by the production warning where it applies.
    pub message: String,
    /// The reason, the buttons (Cancel focused at first) and why the last Enter did not send.
    pub ask: Asking,
}

impl Decision {
    pub fn title(&self) -> String {
        let verb = self.action.as_str();
        match self.targets.as_slice() {
            [((_, alert), _)] if !self.bulk => format!("{verb} alert {alert}"),
            [_] => format!("{verb} 1 marked alert"),
            t => format!("{verb} {} marked alerts", t.len()),
        }
    }
}

/// What the action does to an alert of this type, in the words of the guide's table (3.8.3).
/// `closed`: the case is closed (an applied AML alert then opens it).
pub fn effect(action: AlertAction, t: AlertType, closed: bool) -> &'static str {
    match (action, t) {
        (AlertAction::Exclude, AlertType::CaseDetailsReview) => {
            "This action removes the alert from Live monitoring list and will not be applied \
             to the case."
        }
        (AlertAction::Apply, AlertType::CaseDetailsReview) => {
            "This action applies the alert to the case and removes it from the live monitoring \
             list."
        }
        (AlertAction::Apply, AlertType::ManualReview) => {
            "This action opens the case for a manual review and the alert is removed from the \
             live monitoring list."
        }
        (AlertAction::Apply, AlertType::Aml) if closed => {
            "This action adds or updates the AML matches for the case. The alert is removed \
             from live monitoring list. The case is opened."
        }
        (AlertAction::Apply, AlertType::Aml) => {
            "This action adds or updates the AML matches for the case. The alert is removed \
             from live monitoring list."
        }
        (AlertAction::Dismiss, AlertType::Aml) => "The alert is removed from live monitoring list.",
        (AlertAction::Dismiss, AlertType::ExpiredDocuments) => {
            "This action removes the alert from live monitoring list."
        }
        _ => "The guide's table (3.8.3) does not allow this: the server will refuse it.",
    }
}

/// The reasons offered for an action (the picker adds "No reason" and "Other…").
pub fn reasons(action: AlertAction, aml: bool) -> &'static [&'static str] {
    match (action, aml) {
        (AlertAction::Dismiss | AlertAction::Exclude, true) => &[
            "False positive: not the subject",
            "Already reviewed: nothing new",
            "Not relevant to the risk assessment",
        ],
        (AlertAction::Dismiss, false) => {
            &["Document already replaced", "Document no longer required"]
        }
        (AlertAction::Exclude, false) => &[
            "Change not material to the case",
            "Change is wrong at the source",
        ],
        (AlertAction::Apply, _) => &["Change verified", "To be reviewed on the case"],
    }
}

/// Whether the action needs a reason: dismissing or excluding an AML alert does.
pub fn reason_required(action: AlertAction, t: Option<AlertType>) -> bool {
    t == Some(AlertType::Aml) && matches!(action, AlertAction::Dismiss | AlertAction::Exclude)
}

/// What an alert is about, in one line: its first change, and how many more there are.
pub fn about(al: &crate::api::Alert) -> String {
    let Some(c) = al.changes.first() else {
        return "no changes listed".to_owned();
    };
    let s = |v: &Option<String>| v.as_deref().unwrap_or("-").to_owned();
    let first = if let Some(m) = &c.aml_alert {
        let new = if m.is_new { "New" } else { "Updated" };
        let mut facts: Vec<String> = Vec::new();
        facts.extend(m.aml_match_type.clone());
        facts.extend(m.country.clone());
        format!("{new} AML match: {} ({})", s(&m.name), facts.join(", "))
    } else if let Some(e) = &c.expiration_alert {
        format!(
            "{}: {} ({})",
            s(&e.explanation),
            s(&e.name),
            s(&e.expiration_date)
        )
    } else if let Some(p) = &c.property {
        format!("{} → {}", s(&p.property_name), s(&p.new_value))
    } else if let Some(o) = &c.officer {
        format!("officer {} ({})", s(&o.name), s(&o.role))
    } else if let Some(h) = &c.shareholder {
        format!("shareholder {} ({})", s(&h.name), s(&h.shares_held))
    } else if let Some(p) = &c.person_with_significant_control {
        format!("person with significant control {}", s(&p.name))
    } else if let Some(d) = &c.new_document {
        format!("new document {}", s(&d.name))
    } else if let Some(d) = &c.updated_document {
        format!("updated document {}", s(&d.name))
    } else if let Some(d) = &c.removed_document {
        format!("removed document {}", s(&d.name))
    } else {
        "a change this console does not know".to_owned()
    };
    match al.changes.len() {
        1 => first,
        n => format!("{first} (+{} more)", n - 1),
    }
}

/// Ask about one alert: the one selected, captured now.
pub(super) fn ask_one(state: &mut State, target: ((Id, Id), Marked), action: AlertAction) {
    let ((case, alert), m) = &target;
    let t = m.alert_type.map_or("unknown type", type_label);
    let mut message = format!(
        "{} alert {alert} ({t}) of\n{} — case {case}{}\nAbout: {}\n\n{}",
        action.as_str(),
        m.name,
        if m.closed { " (closed)" } else { "" },
        m.about,
        m.alert_type.map_or("", |t| effect(action, t, m.closed)),
    );
    message.push_str(match m.step {
        Some(_) => "\nThe reason is written as a note on the alert's step and in the journal.",
        None => "\nThis alert names no step: the reason goes into the journal only.",
    });
    let required = reason_required(action, m.alert_type);
    let reason = ReasonPicker::new(
        reasons(action, m.alert_type == Some(AlertType::Aml)),
        required,
    );
    open(state, action, vec![target], false, message, reason);
}

/// Ask about every marked alert: the cases they touch, how many alerts each, how many the
/// guide's table refuses.
pub(super) fn ask_bulk(state: &mut State, action: AlertAction) {
    let targets: Vec<((Id, Id), Marked)> = state
        .alerts
        .marks
        .iter()
        .map(|(k, m)| (*k, m.clone()))
        .collect();
    let n = targets.len();
    // Cases in the order of their first mark, with how many alerts each.
    let mut cases: Vec<(Id, &Marked, usize)> = Vec::new();
    for ((case, _), m) in &targets {
        match cases.iter_mut().find(|(c, ..)| c == case) {
            Some(entry) => entry.2 += 1,
            None => cases.push((*case, m, 1)),
        }
    }
    let plural = |k: usize, w: &str| format!("{k} {w}{}", if k == 1 { "" } else { "s" });
    let mut message = format!(
        "{} {} in {}:",
        action.as_str(),
        plural(n, "marked alert"),
        plural(cases.len(), "case")
    );
    for (case, m, k) in cases.iter().take(LISTED_CASES) {
        let closed = if m.closed { " (closed)" } else { "" };
        message.push_str(&format!(
            "\n  {} — case {case}{closed}: {}",
            m.name,
            plural(*k, "alert")
        ));
    }
    if cases.len() > LISTED_CASES {
        message.push_str(&format!("\n  …and {} more", cases.len() - LISTED_CASES));
    }
    let refused = targets
        .iter()
        .filter(|(_, m)| refusal(m.alert_type, action).is_some())
        .count();
    if refused > 0 {
        let verb = if refused == 1 { "does" } else { "do" };
        message.push_str(&format!(
            "\n{refused} of them {verb} not allow {} and will fail.",
            action.as_str()
        ));
    }
    let stepless = targets.iter().filter(|(_, m)| m.step.is_none()).count();
    message.push_str(match stepless {
        0 => "\nThe reason is written as a note on each alert's step.",
        s if s == n => "\nThese alerts name no step: the reason goes into the journal only.",
        _ => {
            "\nThe reason is written as a note on each alert's step (into the journal only for \
              those that name none)."
        }
    });
    let required = targets
        .iter()
        .any(|(_, m)| reason_required(action, m.alert_type));
    let aml = targets
        .iter()
        .any(|(_, m)| m.alert_type == Some(AlertType::Aml));
    let reason = ReasonPicker::new(reasons(action, aml), required);
    open(state, action, targets, true, message, reason);
}

fn open(
    state: &mut State,
    action: AlertAction,
    targets: Vec<((Id, Id), Marked)>,
    bulk: bool,
    message: String,
    reason: ReasonPicker,
) {
    let message = crate::app::gate::confirm_message(state, message);
    state.mode = Mode::Inbox(Box::new(Popup::Decide(Box::new(Decision {
        action,
        targets,
        bulk,
        message,
        ask: Asking::new(reason),
    }))));
}

/// Keys while the popup is open. Esc (and Enter on Cancel) closes it with nothing sent.
pub(super) fn on_key(state: &mut State, key: Key, mut d: Box<Decision>, fx: &mut Vec<Effect>) {
    match d.ask.on_key(&key) {
        Reply::Cancel => return cancelled(state, d.action),
        Reply::Confirm(reason) => return confirmed(state, *d, reason, fx),
        Reply::Stay => {}
    }
    state.mode = Mode::Inbox(Box::new(Popup::Decide(d)));
}

fn cancelled(state: &mut State, action: AlertAction) {
    say(
        state,
        Tone::Info,
        format!("{} cancelled: nothing was sent", action.as_str()),
    );
}

fn confirmed(state: &mut State, d: Decision, reason: Option<String>, fx: &mut Vec<Effect>) {
    if d.bulk {
        run_bulk(state, d.action, d.targets, reason, fx);
        return;
    }
    for ((case, alert), m) in d.targets {
        send(state, case, alert, &m, d.action, reason.clone(), fx);
        say(
            state,
            Tone::Info,
            format!("{} alert {alert} of {}…", verb(d.action), m.name),
        );
    }
}
