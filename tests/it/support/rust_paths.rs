//! The paths a Rust source file names, for the layering test: every `use` (grouped trees
//! expanded) and every `a::b` path in code, with `crate::`, `self::` and `super::` resolved to
//! absolute paths from the file's place in `src/`. Comments and string literals are blanked
//! first, so a path in a doc comment or a message is not counted.
//!
//! A scanner, not a parser: it needs no dependency and no macro expansion, and what it cannot
//! see (a path built by a macro, `use crate as alias`) is not how this code base is written.
//! Its own tests below plant every shape it must catch.

/// One path named by a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// `crate::app::State`, or as written when it starts with another crate (`crossterm::…`).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Inside a `#[cfg(test)]` module.
    pub in_test: bool,
}

/// The module path of a file under `src/`: `app/casework/mod.rs` → `["app", "casework"]`.
pub fn module_of(relative: &str) -> Vec<String> {
    let trimmed = relative.trim_end_matches(".rs");
    let mut parts: Vec<String> = trimmed.split('/').map(str::to_owned).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Every path `src` names; `module` is the file's module path (see [`module_of`]).
pub fn paths(src: &str, module: &[String]) -> Vec<Named> {
    let tokens = tokenize(&blank(src));
    let mut out = Vec::new();
    // Inline modules: (name, brace depth inside it, is a test module).
    let mut mods: Vec<(String, usize, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_test = false;
    let mut i = 0;
    while i < tokens.len() {
        let (t, line) = (&tokens[i].text, tokens[i].line);
        let here: Vec<String> = module
            .iter()
            .cloned()
            .chain(mods.iter().map(|m| m.0.clone()))
            .collect();
        let in_test = mods.iter().any(|m| m.2);
        match t.as_str() {
            "{" => {
                depth += 1;
                pending_test = false;
            }
            "}" => {
                if mods.last().is_some_and(|m| m.1 == depth) {
                    mods.pop();
                }
                depth = depth.saturating_sub(1);
            }
            ";" => pending_test = false,
            "cfg" if texts(&tokens, i + 1, &["(", "test", ")"]) => pending_test = true,
            "mod" if i + 2 < tokens.len() && tokens[i + 2].text == "{" => {
                mods.push((
                    tokens[i + 1].text.clone(),
                    depth + 1,
                    pending_test || in_test,
                ));
                pending_test = false;
                depth += 1;
                i += 3;
                continue;
            }
            "use" => {
                let mut leaves = Vec::new();
                let end = use_tree(&tokens, i + 1, &[], &mut leaves);
                for (segments, line) in leaves {
                    if let Some(path) = resolve(&segments, &here) {
                        out.push(Named {
                            path,
                            line,
                            in_test,
                        });
                    }
                }
                i = end;
                continue;
            }
            _ if is_ident(t) && texts(&tokens, i + 1, &["::"]) && !after_colons(&tokens, i) => {
                let mut segments = vec![t.clone()];
                let mut j = i + 1;
                while texts(&tokens, j, &["::"])
                    && tokens.get(j + 1).is_some_and(|n| is_ident(&n.text))
                {
                    segments.push(tokens[j + 1].text.clone());
                    j += 2;
                }
                if let Some(path) = resolve(&segments, &here) {
                    out.push(Named {
                        path,
                        line,
                        in_test,
                    });
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

struct Token {
    text: String,
    line: usize,
}

fn texts(tokens: &[Token], at: usize, want: &[&str]) -> bool {
    want.iter()
        .enumerate()
        .all(|(k, w)| tokens.get(at + k).is_some_and(|t| t.text == *w))
}

/// Whether the token at `i` continues a path (`x::` before it), so it is not a path's start.
fn after_colons(tokens: &[Token], i: usize) -> bool {
    i > 0 && tokens[i - 1].text == "::"
}

fn is_ident(t: &str) -> bool {
    t.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Parse a use tree from `at` with the segments before it; push each leaf's full path. Returns
/// the index after the tree (after the `;` at the top level).
fn use_tree(
    tokens: &[Token],
    mut at: usize,
    prefix: &[String],
    leaves: &mut Vec<(Vec<String>, usize)>,
) -> usize {
    let mut path: Vec<String> = prefix.to_vec();
    let line = tokens.get(at).map_or(0, |t| t.line);
    if texts(tokens, at, &["::"]) {
        // `use ::name::…`: an external crate.
        at += 1;
    }
    loop {
        let Some(t) = tokens.get(at) else {
            leaves.push((path, line));
            return at;
        };
        match t.text.as_str() {
            "{" => {
                at += 1;
                loop {
                    if texts(tokens, at, &["}"]) {
                        at += 1;
                        break;
                    }
                    at = use_tree(tokens, at, &path, leaves);
                    if texts(tokens, at, &[","]) {
                        at += 1;
                    }
                    if at >= tokens.len() {
                        break;
                    }
                }
                if texts(tokens, at, &[";"]) && prefix.is_empty() {
                    at += 1;
                }
                return at;
            }
            "*" => {
                leaves.push((path, line));
                return at + 1 + usize::from(prefix.is_empty() && texts(tokens, at + 1, &[";"]));
            }
            "self" if !path.is_empty() && !texts(tokens, at + 1, &["::"]) => {
                at += 1;
            }
            "::" => at += 1,
            "as" => at += 2,
            "," | "}" => {
                leaves.push((path, line));
                return at;
            }
            ";" => {
                leaves.push((path, line));
                return at + 1;
            }
            s if is_ident(s) => {
                path.push(s.to_owned());
                at += 1;
            }
            _ => {
                leaves.push((path, line));
                return at + 1;
            }
        }
    }
}

/// `crate::`, `self::` and `super::` made absolute (`crate::…`); other paths as written.
/// `None` for a path that climbs above the crate (it would not compile).
fn resolve(segments: &[String], here: &[String]) -> Option<String> {
    let first = segments.first()?;
    let absolute: Vec<String> = match first.as_str() {
        "crate" => segments.to_vec(),
        "self" => std::iter::once("crate".to_owned())
            .chain(here.iter().cloned())
            .chain(segments[1..].iter().cloned())
            .collect(),
        "super" => {
            let ups = segments.iter().take_while(|s| *s == "super").count();
            let base = here.len().checked_sub(ups)?;
            std::iter::once("crate".to_owned())
                .chain(here[..base].iter().cloned())
                .chain(segments[ups..].iter().cloned())
                .collect()
        }
        _ => segments.to_vec(),
    };
    Some(absolute.join("::"))
}

/// Lines into tokens: identifiers (with `r#`), `::`, and single punctuation characters.
fn tokenize(src: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (n, text) in src.lines().enumerate() {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphanumeric() || c == '_' {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                let mut word: String = chars[start..i].iter().collect();
                if word == "r" && chars.get(i) == Some(&'#') {
                    // A raw identifier: `r#type` names `type`.
                    i += 1;
                    let s = i;
                    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                        i += 1;
                    }
                    word = chars[s..i].iter().collect();
                }
                out.push(Token {
                    text: word,
                    line: n + 1,
                });
            } else if c == ':' && chars.get(i + 1) == Some(&':') {
                out.push(Token {
                    text: "::".into(),
                    line: n + 1,
                });
                i += 2;
            } else {
                if !c.is_whitespace() {
                    out.push(Token {
                        text: c.to_string(),
                        line: n + 1,
                    });
                }
                i += 1;
            }
        }
    }
    out
}

/// The source with comments and the insides of string and character literals replaced by
/// spaces (newlines kept, so line numbers hold).
fn blank(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let keep_lines = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let prev_ident = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if c[i] == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c[i] == '/' && c.get(i + 1) == Some(&'*') {
            // Block comments nest in Rust.
            let mut level = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    level += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    level -= 1;
                    out.push_str("  ");
                    i += 2;
                    if level == 0 {
                        break;
                    }
                } else {
                    keep_lines(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if let Some(hashes) = raw_string_start(&c, i).filter(|_| !prev_ident) {
            // r"…", r#"…"#, br"…": no escapes; ends at a quote and as many hashes.
            let open = i + usize::from(c[i] == 'b') + 1 + hashes + 1;
            for &ch in &c[i..open] {
                out.push(if ch == '"' { '"' } else { ' ' });
            }
            i = open;
            while i < c.len() {
                if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                    out.push('"');
                    out.extend(std::iter::repeat_n(' ', hashes));
                    i += 1 + hashes;
                    break;
                }
                keep_lines(&mut out, c[i]);
                i += 1;
            }
        } else if c[i] == '"' {
            out.push('"');
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' && i + 1 < c.len() {
                    out.push(' ');
                    i += 1;
                }
                keep_lines(&mut out, c[i]);
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if c[i] == '\'' && !prev_ident {
            // A char literal ('x', '\n', '\u{1F600}') or a lifetime ('a: left alone).
            let end = if c.get(i + 1) == Some(&'\\') {
                // The escaped character is at i + 2, so the closing quote is after it.
                (i + 3..c.len()).find(|&k| c[k] == '\'')
            } else if c.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(e) => {
                    out.push('\'');
                    out.extend(std::iter::repeat_n(' ', e - i - 1));
                    out.push('\'');
                    i = e + 1;
                }
                None => {
                    out.push('\'');
                    i += 1;
                }
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// At `i`, `r"`, `r#…#"`, `br"` or `br#…#"`: the number of hashes.
fn raw_string_start(c: &[char], i: usize) -> Option<usize> {
    let mut k = i;
    if c.get(k) == Some(&'b') {
        k += 1;
    }
    if c.get(k) != Some(&'r') {
        return None;
    }
    k += 1;
    let hashes = c[k..].iter().take_while(|&&ch| ch == '#').count();
    (c.get(k + hashes) == Some(&'"')).then_some(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(src: &str, module: &str) -> Vec<String> {
        paths(src, &module_of(module))
            .into_iter()
            .map(|n| n.path)
            .collect()
    }

    #[test]
    fn module_paths_follow_the_files() {
        assert_eq!(module_of("app/casework/mod.rs"), ["app", "casework"]);
        assert_eq!(module_of("app/cases.rs"), ["app", "cases"]);
        assert!(module_of("lib.rs").is_empty());
    }

    #[test]
    fn grouped_uses_are_expanded() {
        let src = "use crate::{app::{State, keymap::{self, Key}}, ui::text::clean as c};\n\
                   use crossterm::{event::KeyCode, terminal};";
        let got = found(src, "app/x.rs");
        for want in [
            "crate::app::State",
            "crate::app::keymap",
            "crate::app::keymap::Key",
            "crate::ui::text::clean",
            "crossterm::event::KeyCode",
            "crossterm::terminal",
        ] {
            assert!(got.iter().any(|g| g == want), "{want} in {got:?}");
        }
    }

    #[test]
    fn super_and_self_are_resolved_from_the_file_and_its_inline_modules() {
        let src = "use super::super::ui::draw;\nuse self::inner::X;\n\
                   #[cfg(test)]\nmod tests {\n    use super::*;\n    use super::super::fetch;\n}\n\
                   fn after() { crate::term::restore(); }";
        let got = paths(src, &module_of("app/casework/identity.rs"));
        let p: Vec<&str> = got.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(
            p,
            [
                "crate::app::ui::draw",
                "crate::app::casework::identity::inner::X",
                "crate::app::casework::identity",
                "crate::app::casework::fetch",
                "crate::term::restore",
            ]
        );
        assert_eq!(
            got.iter().map(|n| n.in_test).collect::<Vec<_>>(),
            [false, false, true, true, false]
        );
        assert_eq!(got[4].line, 8);
        let escape = found("use super::super::ui;", "app/aml.rs");
        assert_eq!(escape, ["crate::ui"]);
    }

    #[test]
    fn paths_in_code_count_and_paths_in_comments_and_strings_do_not() {
        let src = r##"
            //! Uses crate::ui::text in a doc comment.
            /* crate::fetch /* nested */ crate::runtime */
            fn f() {
                let s = "crate::term::x \" crate::config";
                let r = r#"crate::api::Client "quoted""#;
                let c = '"';
                let d = '\'';
                let l: &'static str = "";
                crate::ui::text::clean(s);
                crossterm::execute!(out, x);
                let k = super::keymap::Key::ch('x');
            }
        "##;
        let got = found(src, "app/aml.rs");
        assert_eq!(
            got,
            [
                "crate::ui::text::clean",
                "crossterm::execute",
                "crate::app::keymap::Key::ch"
            ]
        );
    }
}
