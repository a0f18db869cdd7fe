//! The case's audit trail, newest first (as the server sends it), narrowed as the filter is
//! typed: `user:NAME` and `action:TEXT` match those columns, other words match anywhere.

use super::super::moves::move_in;
use super::super::status::error;
use super::*;
use crate::api::AuditEntry;
use crossterm::event::{KeyCode, KeyModifiers};

/// The audit tab.
#[derive(Debug, Clone, Default)]
pub struct AuditTab {
    pub list: Remote<Vec<AuditEntry>>,
    pub filter: String,
    /// Indices into the list of the entries the filter lets through, in the list's order.
    pub view: Vec<usize>,
    /// Index into `view`.
    pub selected: usize,
}

impl AuditTab {
    pub fn selected_entry(&self) -> Option<&AuditEntry> {
        let i = *self.view.get(self.selected)?;
        self.list.data.as_ref()?.get(i)
    }

    pub fn move_selection(&mut self, action: Action, page: usize) {
        self.selected = move_in(self.view.len(), self.selected, action, page);
    }

    pub fn set_filter(&mut self, text: String) {
        self.filter = text;
        self.refresh_view();
    }

    fn refresh_view(&mut self) {
        let f = Filter::parse(&self.filter);
        self.view = self
            .list
            .data
            .as_deref()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, e)| f.matches(e))
            .map(|(i, _)| i)
            .collect();
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
    }
}

/// A parsed audit filter. Every part must match (case-insensitive substrings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub users: Vec<String>,
    pub actions: Vec<String>,
    pub words: Vec<String>,
}

impl Filter {
    pub fn parse(text: &str) -> Filter {
        let mut f = Filter::default();
        for word in text.split_whitespace() {
            let lower = word.to_lowercase();
            if let Some(v) = lower.strip_prefix("user:") {
                f.users.push(v.to_owned());
            } else if let Some(v) = lower.strip_prefix("action:") {
                f.actions.push(v.to_owned());
            } else {
                f.words.push(lower);
            }
        }
        f
    }

    pub fn matches(&self, e: &AuditEntry) -> bool {
        let has = |field: &Option<String>, v: &str| {
            field
                .as_deref()
                .is_some_and(|s| s.to_lowercase().contains(v))
        };
        let everything = [
            &e.time_stamp,
            &e.user_name,
            &e.action,
            &e.step_name,
            &e.details,
        ];
        self.users.iter().all(|u| has(&e.user_name, u))
            && self.actions.iter().all(|a| has(&e.action, a))
            && self
                .words
                .iter()
                .all(|w| everything.iter().any(|f| has(f, w)))
    }
}

/// A key while the filter is typed: it narrows on every key; Enter keeps it, Esc clears it.
pub fn on_filter_key(state: &mut State, key: Key) {
    let tab = &mut state.work.audit;
    let mut text = tab.filter.clone();
    match key.code {
        KeyCode::Esc => {
            tab.set_filter(String::new());
            return;
        }
        KeyCode::Enter => return,
        KeyCode::Backspace => {
            text.pop();
        }
        KeyCode::Char('u') if key.mods.contains(KeyModifiers::CONTROL) => text.clear(),
        KeyCode::Up | KeyCode::Down => {
            let a = if key.code == KeyCode::Up {
                Action::Up
            } else {
                Action::Down
            };
            tab.move_selection(a, 1);
        }
        KeyCode::Char(c) if !key.mods.contains(KeyModifiers::CONTROL) => text.push(c),
        _ => {}
    }
    tab.set_filter(text);
    state.mode = Mode::Work(Box::new(Input::AuditFilter));
}

pub fn on_loaded(state: &mut State, id: Id, result: Result<Vec<crate::api::AuditEntry>, Failure>) {
    let w = &mut state.work;
    if w.case.as_ref().is_none_or(|(_, c, _)| *c != id) {
        return;
    }
    match result {
        Ok(list) => {
            w.audit.list.set(list);
            w.audit.refresh_view();
        }
        Err(f) => {
            let line = format!("audit trail of case {id}: {}", f.one_line());
            w.audit.list.fail(f);
            error(state, line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(user: &str, action: &str, details: &str) -> AuditEntry {
        AuditEntry {
            user_name: Some(user.into()),
            action: Some(action.into()),
            details: Some(details.into()),
            ..Default::default()
        }
    }

    #[test]
    fn the_filter_matches_user_action_and_words() {
        let e = entry(
            "Maria Keller",
            "Case status changed",
            "Closed, decision Denied",
        );
        assert!(Filter::parse("user:maria").matches(&e));
        assert!(Filter::parse("action:status denied").matches(&e));
        assert!(!Filter::parse("user:tom").matches(&e));
        assert!(!Filter::parse("action:denied").matches(&e));
        assert!(Filter::parse("").matches(&e));
    }

    #[test]
    fn the_view_narrows_as_the_filter_is_typed() {
        let mut tab = AuditTab::default();
        tab.list.set(vec![
            entry("ana", "Note added", ""),
            entry("bob", "Properties updated", "LEI"),
            entry("ana", "Properties updated", "Website"),
        ]);
        tab.set_filter("user:ana".into());
        assert_eq!(tab.view, vec![0, 2]);
        tab.set_filter("user:ana action:prop".into());
        assert_eq!(tab.view, vec![2]);
        assert_eq!(
            tab.selected_entry().and_then(|e| e.details.clone()),
            Some("Website".into())
        );
    }
}
