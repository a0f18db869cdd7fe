//! The hostile dataset: the demo with every free-text field carrying what a registry or a
//! sanctions list could send to wreck a terminal — C0 and C1 controls, CSI, OSC (window title,
//! clipboard), DCS, BEL, bidi overrides and isolates, zero-width and tag characters.
//!
//! Reviewers can point the console at it (`kyc-console emulator --dataset hostile`) and see that
//! nothing leaks; the PTY test does the same and checks the bytes. Machine values (ids, dates,
//! statuses, types, codes, countries, URLs, e-mail addresses) stay as they are, so the cases
//! still behave: only text meant to be read is poisoned.

use crate::emulator::store::{CaseRecord, Party, PartyInfo, Store};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What is put around the text, one after the other in turn.
pub const PAYLOADS: &[&str] = &[
    "\u{1b}]0;PWNED-TITLE\u{7}",
    "\u{1b}]2;PWNED-TITLE\u{1b}\\",
    "\u{1b}]52;c;cHduZWQ=\u{7}",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{1b}[2J\u{1b}[H\u{1b}[31m",
    "\u{7}",
    "\u{9b}31m\u{9d}0;PWNED\u{9c}\u{85}",
    "\u{90}q\u{9c}",
    "\u{202e}lmth.exe\u{202c}",
    "\u{2066}\u{2067}\u{2068}iso\u{2069}",
    "\u{200b}\u{200d}\u{feff}\u{2060}",
    "\u{e0041}\u{e0042}\u{e007f}",
    "\u{0}\u{8}\r\n\u{7f}\u{1b}c",
];

/// The demo, poisoned.
pub fn store() -> Store {
    let mut store = super::demo();
    let mut turn = 0;
    for case in store.cases.values_mut() {
        poison_case(case, &mut turn);
    }
    for user in &mut store.users {
        poison(user, &mut turn);
    }
    store
}

fn poison_case(case: &mut CaseRecord, turn: &mut usize) {
    poison(&mut case.detail, turn);
    poison(&mut case.properties, turn);
    poison(&mut case.steps, turn);
    poison(&mut case.step_details, turn);
    poison(&mut case.notes, turn);
    poison(&mut case.aml, turn);
    poison(&mut case.documents, turn);
    poison(&mut case.mandatory_company, turn);
    poison(&mut case.mandatory_individual, turn);
    poison(&mut case.alerts, turn);
    poison(&mut case.audit, turn);
    for holding in &mut case.holders {
        holding.role = wrap(&holding.role, turn);
        for party in &mut holding.parties {
            if let Party::Person(info) | Party::Company(info) = party {
                poison_party(info, turn);
            }
        }
    }
}

fn poison_party(info: &mut PartyInfo, turn: &mut usize) {
    info.name = wrap(&info.name, turn);
    if let Some(a) = info.address.as_mut() {
        *a = wrap(a, turn);
    }
}

/// Poison a wire model through its JSON form, so every shape is covered without naming each
/// field. A model that would not come back is left as it was (the demo's own tests catch that).
fn poison<T: Serialize + DeserializeOwned>(value: &mut T, turn: &mut usize) {
    let Ok(mut json) = serde_json::to_value(&*value) else {
        return;
    };
    walk(&mut json, None, turn);
    if let Ok(back) = serde_json::from_value(json) {
        *value = back;
    }
}

fn walk(v: &mut Value, key: Option<&str>, turn: &mut usize) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                walk(child, Some(k), turn);
            }
        }
        Value::Array(items) => {
            for child in items {
                walk(child, key, turn);
            }
        }
        Value::String(s) => {
            if let Some(k) = key
                && is_text(k)
                && !s.is_empty()
            {
                *s = wrap(s, turn);
            }
        }
        _ => {}
    }
}

/// Whether a field holds text for reading rather than a value the emulator or the console
/// acts on.
fn is_text(key: &str) -> bool {
    const MACHINE: &[&str] = &[
        "date",
        "time",
        "status",
        "decision",
        "type",
        "code",
        "country",
        "nationality",
        "jurisdiction",
        "url",
        "link",
        "email",
        "phone",
        "gender",
        "level",
        "expiration",
        "version",
        "key",
        "strength",
        "tier",
        "category",
        "cat",
        "action",
        "search",
        "query",
        "group",
        "source",
        "domain",
        "iso",
        "number",
        "risk",
        "shares",
        "percentage",
        "created",
        "updated",
    ];
    let k = key.to_ascii_lowercase();
    !(k.ends_with("id") || MACHINE.iter().any(|m| k.contains(m)))
}

fn wrap(s: &str, turn: &mut usize) -> String {
    let before = PAYLOADS[*turn % PAYLOADS.len()];
    let after = PAYLOADS[(*turn + 5) % PAYLOADS.len()];
    *turn += 1;
    format!("{before}{s}{after}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether some string inside `v` carries a payload.
    fn poisoned<T: Serialize>(v: &T) -> bool {
        fn any(v: &Value) -> bool {
            match v {
                Value::String(s) => PAYLOADS.iter().any(|p| s.contains(p)),
                Value::Array(a) => a.iter().any(any),
                Value::Object(o) => o.values().any(any),
                _ => false,
            }
        }
        serde_json::to_value(v).is_ok_and(|j| any(&j))
    }

    #[test]
    fn every_shape_carries_payloads() {
        let s = store();
        let case = s
            .cases
            .values()
            .find(|c| c.detail.company.is_some() && !c.alerts.is_empty())
            .expect("a company with alerts");
        assert!(poisoned(&case.detail));
        assert!(poisoned(&case.steps));
        assert!(poisoned(&case.step_details));
        assert!(s.cases.values().any(|c| poisoned(&c.notes)));
        assert!(poisoned(&case.alerts));
        assert!(s.cases.values().any(|c| poisoned(&c.audit)));
        assert!(s.cases.values().any(|c| poisoned(&c.documents)));
        assert!(s.cases.values().any(|c| poisoned(&c.aml)));
        assert!(poisoned(&s.users));
        assert!(s.cases.values().any(|c| {
            c.holders.iter().any(|h| {
                h.parties.iter().any(|p| match p {
                    Party::Person(i) | Party::Company(i) => {
                        PAYLOADS.iter().any(|x| i.name.contains(x))
                    }
                    Party::Case(_) => false,
                })
            })
        }));
        // Machine values are untouched.
        let demo = super::super::demo();
        assert_eq!(s.cases.len(), demo.cases.len());
        for (id, c) in &s.cases {
            let d = &demo.cases[id];
            assert_eq!(c.detail.common.status, d.detail.common.status);
            assert_eq!(c.detail.common.status_id, d.detail.common.status_id);
            assert_eq!(c.steps.len(), d.steps.len());
            assert_eq!(c.alerts.len(), d.alerts.len());
        }
    }
}
