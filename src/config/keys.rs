//! `[keys.<context>]` in the config file: `action = "key"`, a list of keys, or `""` to unbind.
//!
//! Context and action names are the keymap's own enum names in snake_case (`Context::Cases` is
//! `cases`, `Action::SortNext` is `sort_next`), taken from `DEFAULT_BINDINGS`, so a pane added
//! later is configurable without a second table to keep in step. `kyc-console config keys`
//! prints them all with their default keys.

use crate::app::keymap::{Action, Context, DEFAULT_BINDINGS, Key, Override};
use crossterm::event::{KeyCode, KeyModifiers};
use std::collections::BTreeMap;
use toml::Spanned;

/// The `[keys]` table as written, with positions for error messages.
pub type KeysTable = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Spanned<toml::Value>>>;

/// `SortNext` → `sort_next`.
fn snake(debug: &str) -> String {
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The config name of a context (`[keys.cases]`).
pub fn context_name(c: Context) -> String {
    snake(&format!("{c:?}"))
}

/// The config name of an action (`sort_next`).
pub fn action_name(a: Action) -> String {
    snake(&format!("{a:?}"))
}

/// Every context with a binding, in table order.
pub fn contexts() -> Vec<Context> {
    let mut out: Vec<Context> = Vec::new();
    for b in DEFAULT_BINDINGS {
        if !out.contains(&b.context) {
            out.push(b.context);
        }
    }
    out
}

/// The actions a context may bind: its own and, outside `global`, the global ones (which the
/// dispatcher handles everywhere).
pub fn actions_of(context: Context) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for ctx in [context, Context::Global] {
        for b in DEFAULT_BINDINGS.iter().filter(|b| b.context == ctx) {
            if !out.contains(&b.action) {
                out.push(b.action);
            }
        }
    }
    out
}

const KEY_HELP: &str = "write a character (q, G, /), Ctrl-x, Alt-x, or one of Enter Esc Tab \
                        S-Tab Space Up Down Left Right PgUp PgDn Home End Bksp Del Ins F1…F12";

/// Parse a key as help shows it (`Ctrl-b`, `PgDn`, `G`, `↑`) and a few common spellings.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "ctrl+", "c-"]
            .iter()
            .find(|p| lower.starts_with(*p) && rest.len() > p.len());
        if let Some(p) = prefix {
            mods.insert(KeyModifiers::CONTROL);
            rest = &rest[p.len()..];
            continue;
        }
        let prefix = ["alt-", "alt+", "m-"]
            .iter()
            .find(|p| lower.starts_with(*p) && rest.len() > p.len());
        if let Some(p) = prefix {
            mods.insert(KeyModifiers::ALT);
            rest = &rest[p.len()..];
            continue;
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => match c {
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            // Ctrl-C and Ctrl-c are the same key to the terminal.
            c if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            c => KeyCode::Char(c),
        },
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" | "spc" => KeyCode::Char(' '),
            "enter" | "return" | "ret" | "cr" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "s-tab" | "shift-tab" | "shift+tab" | "backtab" => KeyCode::BackTab,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pgdown" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "bksp" | "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "ins" | "insert" => KeyCode::Insert,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=24) => KeyCode::F(n),
                _ => return Err(format!("unknown key {text:?}: {KEY_HELP}")),
            },
            _ => return Err(format!("unknown key {text:?}: {KEY_HELP}")),
        },
    };
    Ok(Key { code, mods })
}

/// A problem at a position of the file (byte offset into the text).
pub struct Located {
    pub at: usize,
    pub message: String,
}

fn err(at: usize, message: String) -> Located {
    Located { at, message }
}

/// Check the `[keys]` table and turn it into keymap overrides.
pub fn overrides(table: &KeysTable) -> Result<Vec<Override>, Located> {
    let contexts = contexts();
    let mut out = Vec::new();
    for (ctx_name, actions) in table {
        let context = contexts
            .iter()
            .copied()
            .find(|c| context_name(*c) == *ctx_name.get_ref())
            .ok_or_else(|| {
                let names: Vec<String> = contexts.iter().map(|c| context_name(*c)).collect();
                err(
                    ctx_name.span().start,
                    format!(
                        "unknown key context [keys.{}]: use one of {}",
                        ctx_name.get_ref(),
                        names.join(", ")
                    ),
                )
            })?;
        let allowed = actions_of(context);
        for (action_key, value) in actions {
            let name = action_key.get_ref();
            let action = allowed
                .iter()
                .copied()
                .find(|a| action_name(*a) == *name)
                .ok_or_else(|| unknown_action(context, name, action_key.span().start))?;
            let at = value.span().start;
            let texts: Vec<&str> = match value.get_ref() {
                toml::Value::String(s) => vec![s.as_str()],
                toml::Value::Array(items) => items
                    .iter()
                    .map(|v| {
                        v.as_str()
                            .ok_or_else(|| err(at, format!("{name}: every key must be a string")))
                    })
                    .collect::<Result<_, _>>()?,
                _ => {
                    return Err(err(
                        at,
                        format!(
                            "{name}: write a key (\"x\"), a list ([\"x\", \"Ctrl-x\"]) or \"\" to unbind"
                        ),
                    ));
                }
            };
            let keys = texts
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(|t| parse_key(t).map_err(|m| err(at, m)))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Override {
                context,
                action,
                keys,
            });
        }
    }
    Ok(out)
}

fn unknown_action(context: Context, name: &str, at: usize) -> Located {
    let elsewhere: Vec<String> = contexts()
        .into_iter()
        .filter(|c| actions_of(*c).iter().any(|a| action_name(*a) == name))
        .map(|c| format!("[keys.{}]", context_name(c)))
        .collect();
    let ctx = context_name(context);
    if elsewhere.is_empty() {
        let names: Vec<String> = actions_of(context).into_iter().map(action_name).collect();
        err(
            at,
            format!(
                "unknown action {name:?} in [keys.{ctx}]: use one of {} (kyc-console config keys lists them)",
                names.join(", ")
            ),
        )
    } else {
        err(
            at,
            format!(
                "{name} cannot be bound in [keys.{ctx}]; it belongs in {}",
                elsewhere.join(", ")
            ),
        )
    }
}

/// Every context's actions with their default keys, as a `[keys]` table to copy from.
pub fn defaults_as_toml() -> String {
    let km = crate::app::keymap::Keymap::default();
    let mut out = String::from(
        "# Default keys, as [keys.<context>] tables. Copy what you want to change into the\n\
         # config file: action = \"key\", a list of keys, or \"\" to unbind.\n",
    );
    for ctx in contexts() {
        out.push_str(&format!(
            "\n[keys.{}]    # {}\n",
            context_name(ctx),
            ctx.title()
        ));
        let mut seen: Vec<Action> = Vec::new();
        for b in km.bindings.iter().filter(|b| b.context == ctx) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<String> = km
                .bindings
                .iter()
                .filter(|o| o.context == ctx && o.action == b.action)
                .map(|o| format!("{:?}", o.key.label()))
                .collect();
            let value = match keys.as_slice() {
                [one] => one.clone(),
                many => format!("[{}]", many.join(", ")),
            };
            out.push_str(&format!(
                "# {} = {value}    # {}\n",
                action_name(b.action),
                b.action.describe()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_label_parses_back() {
        for b in DEFAULT_BINDINGS {
            assert_eq!(parse_key(&b.key.label()), Ok(b.key), "{}", b.key.label());
        }
    }

    #[test]
    fn spellings() {
        assert_eq!(parse_key("C-c"), Ok(Key::ctrl('c')));
        assert_eq!(parse_key("Ctrl+C"), Ok(Key::ctrl('c')));
        assert_eq!(parse_key("pagedown"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(parse_key("F5"), Ok(Key::plain(KeyCode::F(5))));
        assert_eq!(parse_key("-"), Ok(Key::ch('-')));
        assert_eq!(parse_key("c"), Ok(Key::ch('c')));
        assert!(parse_key("Ctrl-").is_err());
        assert_eq!(
            parse_key("Alt-x").map(|k| k.label()),
            Ok("Alt-x".to_owned())
        );
        assert!(parse_key("Hyper-x").is_err());
        assert!(parse_key("F99").is_err());
    }

    #[test]
    fn names_follow_the_enums() {
        assert_eq!(action_name(Action::SortNext), "sort_next");
        assert_eq!(context_name(Context::Cases), "cases");
        assert!(actions_of(Context::Cases).contains(&Action::Quit));
        assert!(!actions_of(Context::Global).contains(&Action::MarkPassed));
    }
}
