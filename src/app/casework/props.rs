//! The case's properties: listed, added or changed (an existing data type picked, or a new one
//! typed), removed after a confirmation.
//!
//! Changes show at once and roll back with a message when the server refuses them: the list
//! keeps, per data type, what it held before a change was sent.

use super::super::moves::move_in;
use super::super::status::{error, info, success};
use super::*;
use crate::op;
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::{BTreeSet, HashMap};

/// The properties tab.
#[derive(Debug, Clone, Default)]
pub struct PropsTab {
    pub list: Remote<Vec<Property>>,
    pub selected: usize,
    /// Changes sent and not yet answered: data type → the property before (`None`: it was new).
    pub pending: HashMap<String, Option<Property>>,
    /// Every data type seen this session, on any case: what the data-type field offers.
    pub known_types: BTreeSet<String>,
}

impl PropsTab {
    pub fn selected_property(&self) -> Option<&Property> {
        self.list.data.as_ref()?.get(self.selected)
    }

    pub fn move_selection(&mut self, action: Action, page: usize) {
        let n = self.list.data.as_ref().map_or(0, Vec::len);
        self.selected = move_in(n, self.selected, action, page);
    }

    fn learn(&mut self, props: &[Property]) {
        self.known_types.extend(
            props
                .iter()
                .filter_map(|p| p.data_type.clone())
                .filter(|t| !t.trim().is_empty()),
        );
    }

    /// Put a property in the list (replacing the one of the same data type); what it replaced.
    fn upsert(&mut self, p: Property) -> Option<Property> {
        let list = self.list.data.get_or_insert_with(Vec::new);
        match list.iter_mut().find(|q| q.data_type == p.data_type) {
            Some(q) => Some(std::mem::replace(q, p)),
            None => {
                list.push(p);
                None
            }
        }
    }

    fn remove(&mut self, data_type: &str) -> Option<Property> {
        let list = self.list.data.as_mut()?;
        let pos = list
            .iter()
            .position(|p| p.data_type.as_deref() == Some(data_type))?;
        let p = list.remove(pos);
        self.selected = self.selected.min(list.len().saturating_sub(1));
        Some(p)
    }
}

/// Which field of the property input has the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    DataType,
    Value,
}

/// A property being added or changed.
#[derive(Debug, Clone)]
pub struct PropertyInput {
    pub kind: CaseKind,
    pub case: Id,
    /// Changing an existing property: its data type is fixed.
    pub editing: bool,
    pub data_type: String,
    pub value: String,
    pub field: Field,
    /// The highlighted suggestion among the known data types matching what is typed.
    pub suggestion: Option<usize>,
    /// The data types the field offers (known this session), fixed when the input opens.
    pub types: Vec<String>,
}

impl PropertyInput {
    /// The known data types that contain what is typed (all of them when nothing is).
    pub fn suggestions(&self) -> Vec<&str> {
        let typed = self.data_type.trim().to_lowercase();
        self.types
            .iter()
            .map(String::as_str)
            .filter(|t| typed.is_empty() || t.to_lowercase().contains(&typed))
            .collect()
    }

    /// Whether the data type typed is a new one.
    pub fn is_new_type(&self) -> bool {
        let t = self.data_type.trim();
        !t.is_empty() && !self.types.iter().any(|k| k == t)
    }

    pub fn field_mut(&mut self) -> &mut String {
        match self.field {
            Field::DataType => &mut self.data_type,
            Field::Value => &mut self.value,
        }
    }
}

fn input(state: &State, editing: Option<&Property>) -> Option<PropertyInput> {
    let (kind, case, _) = state.work.case.clone()?;
    Some(PropertyInput {
        kind,
        case,
        editing: editing.is_some(),
        data_type: editing
            .and_then(|p| p.data_type.clone())
            .unwrap_or_default(),
        value: editing.and_then(|p| p.data.clone()).unwrap_or_default(),
        field: if editing.is_some() {
            Field::Value
        } else {
            Field::DataType
        },
        suggestion: None,
        types: state.work.props.known_types.iter().cloned().collect(),
    })
}

/// `a`: add a property.
pub fn start_add(state: &mut State) {
    if refuse_read_only(state, "properties are not changed") {
        return;
    }
    if let Some(p) = input(state, None) {
        state.mode = Mode::Work(Box::new(Input::Property(p)));
    }
}

/// `e` / Enter: change the selected property's value.
pub fn start_edit(state: &mut State) {
    if refuse_read_only(state, "properties are not changed") {
        return;
    }
    let Some(sel) = state.work.props.selected_property().cloned() else {
        info(state, "no property selected: a adds one");
        return;
    };
    if let Some(p) = input(state, Some(&sel)) {
        state.mode = Mode::Work(Box::new(Input::Property(p)));
    }
}

/// `d`: remove the selected property, after a confirmation (Cancel focused).
pub fn ask_remove(state: &mut State) {
    if refuse_read_only(state, "properties are not removed") {
        return;
    }
    let (Some((kind, id, _)), Some(p)) = (
        state.work.case.clone(),
        state.work.props.selected_property().cloned(),
    ) else {
        info(state, "no property selected");
        return;
    };
    let data_type = p.data_type.clone().unwrap_or_default();
    state.mode = Mode::Confirm(
        Box::new(Confirm {
            title: "Remove property".into(),
            message: format!(
                "Remove the property {data_type} ({}) from case {id}?",
                p.data.as_deref().unwrap_or("")
            ),
            ok_label: "Remove".into(),
            action: Confirmed::RemoveProperty {
                kind,
                id,
                data_type,
            },
            ok_focused: false,
        }),
        None,
    );
}

pub fn on_input_key(state: &mut State, key: Key, mut p: PropertyInput, fx: &mut Vec<Effect>) {
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Esc => {
            info(state, "nothing changed");
            return;
        }
        KeyCode::Char('s') if ctrl && submit(state, &mut p, fx) => return,
        KeyCode::Enter if p.field == Field::DataType => {
            take_suggestion(&mut p);
            p.field = Field::Value;
        }
        KeyCode::Enter if submit(state, &mut p, fx) => return,
        // A change keeps its data type: the cursor stays on the value.
        KeyCode::Tab | KeyCode::BackTab if !p.editing => {
            if p.field == Field::DataType {
                take_suggestion(&mut p);
                p.field = Field::Value;
            } else {
                p.field = Field::DataType;
            }
        }
        KeyCode::Down | KeyCode::Up if p.field == Field::DataType => {
            let n = p.suggestions().len();
            if n > 0 {
                p.suggestion = Some(match (key.code, p.suggestion) {
                    (KeyCode::Down, None) => 0,
                    (KeyCode::Down, Some(i)) => (i + 1) % n,
                    (_, None) => n - 1,
                    (_, Some(i)) => (i + n - 1) % n,
                });
            }
        }
        KeyCode::Backspace => {
            p.field_mut().pop();
            p.suggestion = None;
        }
        KeyCode::Char('u') if ctrl => {
            p.field_mut().clear();
            p.suggestion = None;
        }
        KeyCode::Char(c) if !ctrl => {
            p.field_mut().push(c);
            p.suggestion = None;
        }
        _ => {}
    }
    state.mode = Mode::Work(Box::new(Input::Property(p)));
}

/// The highlighted suggestion becomes the data type.
fn take_suggestion(p: &mut PropertyInput) {
    if let Some(t) = p
        .suggestion
        .and_then(|i| p.suggestions().get(i).map(|s| (*s).to_owned()))
    {
        p.data_type = t;
    }
    p.suggestion = None;
}

/// Send the property if it is complete; `true` when sent (the input closes).
fn submit(state: &mut State, p: &mut PropertyInput, fx: &mut Vec<Effect>) -> bool {
    take_suggestion(p);
    let data_type = p.data_type.trim().to_owned();
    let value = p.value.trim().to_owned();
    if data_type.is_empty() {
        error(
            state,
            "the property needs a data type: pick one (↑↓) or type a new one",
        );
        p.field = Field::DataType;
        return false;
    }
    if value.is_empty() {
        error(state, "the property needs a value");
        p.field = Field::Value;
        return false;
    }
    let property = Property::new(data_type.clone(), value);
    let (kind, id) = (p.kind, p.case);
    if state.work.case.as_ref().is_some_and(|(_, c, _)| *c == id) {
        let before = state.work.props.upsert(property.clone());
        state
            .work
            .props
            .pending
            .entry(data_type.clone())
            .or_insert(before);
        if let Some(pos) = state.work.props.list.data.as_ref().and_then(|l| {
            l.iter()
                .position(|q| q.data_type.as_deref() == Some(&data_type))
        }) {
            state.work.props.selected = pos;
        }
    }
    info(state, format!("saving {data_type}…"));
    crate::app::gate::send(
        state,
        Request::SetProperty(op::SetProperty { kind, id, property }),
        fx,
    );
    true
}

pub fn send_remove(
    state: &mut State,
    kind: CaseKind,
    id: Id,
    data_type: String,
    fx: &mut Vec<Effect>,
) {
    if state.work.case.as_ref().is_some_and(|(_, c, _)| *c == id) {
        let before = state.work.props.remove(&data_type);
        state
            .work
            .props
            .pending
            .entry(data_type.clone())
            .or_insert(before);
    }
    info(state, format!("removing {data_type}…"));
    crate::app::gate::send_confirmed(
        state,
        Request::RemoveProperty(op::RemoveProperty {
            kind,
            id,
            data_type,
        }),
        fx,
    );
}

fn this_case(state: &mut State, id: Id) -> Option<&mut PropsTab> {
    let w = &mut state.work;
    w.case
        .as_ref()
        .is_some_and(|(_, c, _)| *c == id)
        .then_some(&mut w.props)
}

pub fn on_loaded(state: &mut State, id: Id, result: Result<Vec<Property>, Failure>) {
    let Some(tab) = this_case(state, id) else {
        return;
    };
    match result {
        Ok(list) => {
            tab.learn(&list);
            tab.selected = tab.selected.min(list.len().saturating_sub(1));
            tab.list.set(list);
        }
        Err(f) => {
            let line = format!("properties of case {id}: {}", f.one_line());
            tab.list.fail(f);
            error(state, line);
        }
    }
}

/// Put back what a refused change replaced.
fn roll_back(tab: &mut PropsTab, data_type: &str) {
    match tab.pending.remove(data_type) {
        Some(Some(before)) => {
            tab.upsert(before);
        }
        Some(None) => {
            tab.remove(data_type);
        }
        None => {}
    }
}

pub fn on_set(
    state: &mut State,
    id: Id,
    property: Property,
    result: Result<Vec<Property>, Failure>,
) {
    let data_type = property.data_type.clone().unwrap_or_default();
    match result {
        Ok(list) => {
            if let Some(tab) = this_case(state, id) {
                tab.pending.remove(&data_type);
                tab.learn(&list);
                tab.list.set(list);
            }
            success(state, format!("{data_type} saved"));
        }
        Err(f) => {
            if let Some(tab) = this_case(state, id) {
                roll_back(tab, &data_type);
            }
            error(
                state,
                format!("{data_type} not saved: {} (rolled back)", f.one_line()),
            );
        }
    }
}

pub fn on_removed(state: &mut State, id: Id, data_type: String, result: Result<(), Failure>) {
    match result {
        Ok(_) => {
            if let Some(tab) = this_case(state, id) {
                tab.pending.remove(&data_type);
            }
            success(state, format!("{data_type} removed"));
        }
        Err(f) => {
            if let Some(tab) = this_case(state, id) {
                roll_back(tab, &data_type);
            }
            error(
                state,
                format!("{data_type} not removed: {} (rolled back)", f.one_line()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input_with(types: &[&str], typed: &str) -> PropertyInput {
        PropertyInput {
            kind: CaseKind::Company,
            case: 1,
            editing: false,
            data_type: typed.into(),
            value: String::new(),
            field: Field::DataType,
            suggestion: None,
            types: types.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn suggestions_narrow_as_the_type_is_typed() {
        let p = input_with(&["LEI", "SIC Code", "Website"], "si");
        assert_eq!(p.suggestions(), vec!["SIC Code", "Website"]);
        assert!(p.is_new_type());
        assert!(!input_with(&["LEI"], "LEI").is_new_type());
    }

    #[test]
    fn a_refused_change_rolls_back() {
        let mut tab = PropsTab::default();
        tab.list.set(vec![Property::new("LEI", "old")]);
        let before = tab.upsert(Property::new("LEI", "new"));
        tab.pending.insert("LEI".into(), before);
        let added = tab.upsert(Property::new("Website", "x"));
        tab.pending.insert("Website".into(), added);
        roll_back(&mut tab, "LEI");
        roll_back(&mut tab, "Website");
        assert_eq!(tab.list.data, Some(vec![Property::new("LEI", "old")]));
    }
}
