//! The case list's filter: parsing, matching, and narrowing the previous result as the reviewer
//! types.
//!
//! On a list of 100,000 cases every key must still feel immediate (under 2 ms to the next
//! frame). Two things make that so: the lower-cased text that free words search lives in one
//! contiguous buffer (one SIMD pass finds a word across all rows, no allocation per row), and a
//! key that only makes the filter stricter re-checks the rows it already matched instead of all
//! rows. "Stricter" is decided per token from what the token compares: a prefix, a substring or a
//! whole value (see [`Filter::implies`]); when in doubt the whole list is searched again.

use super::cases::CaseRow;
use crate::api::CaseKind;
use memchr::memmem::Finder;

/// The parsed filter: free words match name, id, case number or jurisdiction; `key:value` tokens narrow.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    words: Vec<String>,
    tokens: Vec<(String, String)>,
}

impl Filter {
    /// The filter of reviewer `me` (`assignee:me` is their name). A token the filter does not
    /// understand filters nothing out; [`problem`] says what is wrong with it.
    pub fn parse_as(text: &str, me: Option<&str>) -> Filter {
        let mut f = Filter::default();
        for part in text.split_whitespace() {
            match part.split_once(':') {
                Some((k, v)) if !k.is_empty() => {
                    let (k, v) = (k.to_lowercase(), v.to_lowercase());
                    if !is_known_key(&k) {
                        continue;
                    }
                    let v = match (is_assignee_key(&k) && v == "me", me) {
                        (false, _) => v,
                        (true, Some(name)) => name.to_lowercase(),
                        (true, None) => continue,
                    };
                    f.tokens.push((k, v));
                }
                _ => f.words.push(part.to_lowercase()),
            }
        }
        f
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.tokens.is_empty()
    }

    /// Whether every case this filter lets through also passes `wider`, so this filter's result
    /// is `wider`'s result narrowed. Conservative: `false` only costs a full search.
    pub fn implies(&self, wider: &Filter) -> bool {
        let words = wider
            .words
            .iter()
            .all(|w| self.words.iter().any(|n| n.contains(w.as_str())));
        let tokens = wider.tokens.iter().all(|(k, v)| {
            v.is_empty()
                || self
                    .tokens
                    .iter()
                    .any(|(nk, nv)| nk == k && token_implies(k, nv, v))
        });
        words && tokens
    }
}

/// Whether a row passing `key:narrow` surely passes `key:wide`, from how the key compares.
fn token_implies(key: &str, narrow: &str, wide: &str) -> bool {
    match key {
        // Prefixes: a longer prefix is stricter.
        "status" | "st" | "risk" | "decision" | "dec" => narrow.starts_with(wide),
        // Substrings: a string containing the wider one is stricter.
        "assignee" | "user" | "a" | "id" => narrow.contains(wide),
        // Whole values (`aml:`, `type:`, `jur:`): "g" → "gb" is not narrower, only the same is.
        _ => narrow == wide,
    }
}

/// The keys the filter takes, the ones to suggest first (their short forms follow).
const KEYS: &[&str] = &[
    "status",
    "aml",
    "type",
    "jur",
    "country",
    "jurisdiction",
    "risk",
    "decision",
    "assignee",
    "id",
    "st",
    "t",
    "j",
    "dec",
    "user",
    "a",
];

fn is_assignee_key(key: &str) -> bool {
    matches!(key, "assignee" | "user" | "a")
}

/// What the filter does not understand in `text`, in one line for the filter line, the status
/// line and `:filter`: an unknown key (with the nearest known one), or `assignee:me` while the
/// configuration does not say who "me" is. `None`: every token is understood.
pub fn problem(text: &str, me: Option<&str>) -> Option<String> {
    text.split_whitespace().find_map(|part| {
        let (k, v) = part.split_once(':').filter(|(k, _)| !k.is_empty())?;
        let key = k.to_lowercase();
        if !is_known_key(&key) {
            return Some(match nearest(&key, KEYS) {
                Some(near) => format!("{k}: is not a filter key — did you mean {near}:?"),
                None => format!(
                    "{k}: is not a filter key — status: aml: type: j: risk: decision: assignee: id:"
                ),
            });
        }
        let v = v.to_lowercase();
        match key.as_str() {
            _ if v.is_empty() => None,
            "aml" if yes(&v).is_none() => Some(format!("{part}: aml: takes yes or no")),
            "type" | "t" if kind_of(&v).is_none() => {
                Some(format!("{part}: type: takes entity or individual"))
            }
            // Short enough for the filter line at 80 columns; the README says more.
            k if is_assignee_key(k) && v == "me" && me.is_none() => {
                Some("assignee:me: set reviewer = \"NAME\" in the config".to_owned())
            }
            _ => None,
        }
    })
}

/// The kind a `type:` value names.
fn kind_of(v: &str) -> Option<CaseKind> {
    match v {
        "entity" | "company" | "c" | "e" => Some(CaseKind::Company),
        "individual" | "person" | "i" | "p" => Some(CaseKind::Individual),
        _ => None,
    }
}

/// The known word closest to `typed` (at most two edits away, or one for short words).
pub fn nearest<'k>(typed: &str, known: &[&'k str]) -> Option<&'k str> {
    let most = if typed.chars().count() <= 3 { 1 } else { 2 };
    known
        .iter()
        .map(|k| (edits(typed, k), *k))
        .filter(|(d, _)| *d <= most)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance, with a swap of two neighbours counting as one edit (`stauts`).
fn edits(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn is_known_key(key: &str) -> bool {
    matches!(
        key,
        "status"
            | "st"
            | "aml"
            | "type"
            | "t"
            | "jur"
            | "j"
            | "country"
            | "jurisdiction"
            | "risk"
            | "decision"
            | "dec"
            | "assignee"
            | "user"
            | "a"
            | "id"
    )
}

fn yes(v: &str) -> Option<bool> {
    match v {
        "yes" | "y" | "true" | "1" | "positive" => Some(true),
        "no" | "n" | "false" | "0" | "negative" => Some(false),
        _ => None,
    }
}

fn lower_starts_with(text: &str, v: &str) -> bool {
    if text.is_ascii() {
        text.len() >= v.len() && text.as_bytes()[..v.len()].eq_ignore_ascii_case(v.as_bytes())
    } else {
        text.to_lowercase().starts_with(v)
    }
}

fn lower_contains(text: &str, v: &str) -> bool {
    if text.is_ascii() {
        v.is_empty()
            || text
                .as_bytes()
                .windows(v.len())
                .any(|w| w.eq_ignore_ascii_case(v.as_bytes()))
    } else {
        text.to_lowercase().contains(v)
    }
}

/// `v` is lower-cased already (it comes from [`Filter::parse_as`]). Status, AML, type and
/// jurisdiction are read from the search index, which is contiguous: touching the rows
/// themselves costs a cache miss each on a large list.
fn token_matches(rows: &[CaseRow], index: &SearchText, i: usize, key: &str, v: &str) -> bool {
    if v.is_empty() {
        return true;
    }
    let facts = index.facts[i];
    let row = || &rows[i];
    match key {
        "status" | "st" => facts.status.starts_with(v),
        "aml" => yes(v).is_some_and(|want| facts.aml == want),
        "type" | "t" => kind_of(v) == Some(facts.kind),
        "jur" | "j" | "country" | "jurisdiction" => index.country(i) == v,
        "risk" => lower_starts_with(&row().risk, v),
        "decision" | "dec" => lower_starts_with(&row().decision, v),
        "assignee" | "user" | "a" => lower_contains(&row().assignee, v),
        "id" => row().id.to_string().contains(v),
        // Unknown keys never get here (`Filter::parse_as` leaves them out; `problem` names them).
        _ => true,
    }
}

/// Every row's lower-cased "name id number jurisdiction", end to end, one line per row.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    text: String,
    /// Where each row's line starts, plus the end: `rows + 1` entries.
    starts: Vec<usize>,
    /// Where each row's jurisdiction starts in its line (it ends the line).
    country_at: Vec<usize>,
    /// What the status, AML and type tokens compare, per row.
    facts: Vec<Facts>,
}

/// A row's values that tokens compare, kept beside the search text.
#[derive(Debug, Clone, Copy)]
struct Facts {
    kind: CaseKind,
    status: &'static str,
    aml: bool,
}

impl SearchText {
    pub fn build(rows: &[CaseRow]) -> SearchText {
        let mut text = String::with_capacity(rows.len() * 40);
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut country_at = Vec::with_capacity(rows.len());
        let facts = rows
            .iter()
            .map(|r| Facts {
                kind: r.kind,
                status: r.status_word(),
                aml: r.aml_positive.unwrap_or(false),
            })
            .collect();
        for r in rows {
            starts.push(text.len());
            push_lower(&mut text, &r.name);
            text.push(' ');
            text.push_str(&r.id.to_string());
            text.push(' ');
            if !r.number.is_empty() {
                push_lower(&mut text, &r.number);
                text.push(' ');
            }
            country_at.push(text.len());
            push_lower(&mut text, &r.country);
            // A separator no word can contain (words are split on whitespace), so no match
            // runs from one row into the next.
            text.push('\n');
        }
        starts.push(text.len());
        SearchText {
            text,
            starts,
            country_at,
            facts,
        }
    }

    /// A row's jurisdiction, lower-cased.
    fn country(&self, i: usize) -> &str {
        &self.text[self.country_at[i]..self.starts[i + 1] - 1]
    }

    /// A cheap sanity check that this was built from `rows` (by count, so it cannot see a row
    /// edited in place: the list re-indexes on every change instead of relying on this). The
    /// empty default fits no rows.
    pub fn fits(&self, rows: &[CaseRow]) -> bool {
        self.starts.len() == rows.len() + 1 || (self.starts.is_empty() && rows.is_empty())
    }

    fn line(&self, i: usize) -> &str {
        // Without the trailing separator.
        &self.text[self.starts[i]..self.starts[i + 1] - 1]
    }
}

fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// A filter ready to run: one prepared searcher per word.
pub struct Matcher<'f> {
    filter: &'f Filter,
    finders: Vec<Finder<'f>>,
}

impl<'f> Matcher<'f> {
    pub fn new(filter: &'f Filter) -> Matcher<'f> {
        Matcher {
            filter,
            finders: filter
                .words
                .iter()
                .map(|w| Finder::new(w.as_bytes()))
                .collect(),
        }
    }

    fn row_matches(&self, rows: &[CaseRow], index: &SearchText, i: usize, skip: usize) -> bool {
        let line = index.line(i);
        self.finders
            .iter()
            .enumerate()
            .all(|(n, f)| n == skip || f.find(line.as_bytes()).is_some())
            && self
                .filter
                .tokens
                .iter()
                .all(|(k, v)| token_matches(rows, index, i, k, v))
    }

    /// The matching rows among `candidates`, in their order.
    pub fn narrow(&self, rows: &[CaseRow], index: &SearchText, candidates: &[usize]) -> Vec<usize> {
        candidates
            .iter()
            .copied()
            .filter(|&i| self.row_matches(rows, index, i, usize::MAX))
            .collect()
    }

    /// All matching rows, in row order. With a word, one pass over the whole search text finds
    /// the rows holding it (the longest word, which has the fewest hits), and only those are
    /// checked further.
    pub fn all(&self, rows: &[CaseRow], index: &SearchText) -> Vec<usize> {
        let Some((scan, finder)) = self
            .finders
            .iter()
            .enumerate()
            .max_by_key(|(_, f)| f.needle().len())
        else {
            return (0..rows.len())
                .filter(|&i| self.row_matches(rows, index, i, usize::MAX))
                .collect();
        };
        let bytes = index.text.as_bytes();
        let mut out = Vec::new();
        let (mut from, mut row) = (0, 0);
        while let Some(p) = finder.find(&bytes[from..]) {
            // Hits come in order, so the row only moves forward (no word spans a line end).
            let at = from + p;
            while index.starts[row + 1] <= at {
                row += 1;
            }
            if self.row_matches(rows, index, row, scan) {
                out.push(row);
            }
            from = index.starts[row + 1];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_key_is_named_with_the_nearest_known_one() {
        assert_eq!(
            problem("acme stauts:open", None).as_deref(),
            Some("stauts: is not a filter key — did you mean status:?")
        );
        assert_eq!(
            problem("asignee:ana", None).as_deref(),
            Some("asignee: is not a filter key — did you mean assignee:?")
        );
        assert!(problem("zzzzzz:1", None).is_some_and(|p| p.contains("status: aml:")));
        assert_eq!(problem("status:open j:gb a:ana type:e aml:", None), None);
        assert_eq!(
            problem("aml:maybe", None).as_deref(),
            Some("aml:maybe: aml: takes yes or no")
        );
        assert!(problem("t:robot", None).is_some_and(|p| p.contains("entity or individual")));
        assert_eq!(
            Filter::parse_as("stauts:open acme", None),
            Filter::parse_as("acme", None),
            "filters nothing out"
        );
    }

    #[test]
    fn assignee_me_is_the_configured_reviewer() {
        assert!(problem("assignee:me", None).is_some_and(|p| p.contains("reviewer =")));
        assert_eq!(problem("assignee:me", Some("Ana Silva")), None);
        assert_eq!(
            Filter::parse_as("assignee:me", Some("Ana Silva")).tokens,
            vec![("assignee".to_owned(), "ana silva".to_owned())]
        );
        assert!(
            Filter::parse_as("assignee:me", None).is_empty(),
            "no reviewer: not a filter"
        );
    }
}
