//! The evidence pack as Markdown, for people: rendered from the same [`Pack`] the JSON is, so
//! the two agree. Text from the server is kept on one line, sanitised and its table separators
//! escaped, so a name can neither break the document's structure nor reach a terminal as an
//! escape sequence.

use super::{Pack, ReadingRecord};
use crate::words::dates::DateFormat;
use std::fmt::Write;

/// One cell or inline value, through the console's sanitiser (one line; escape sequences,
/// control and invisible characters marked, never passed on: the file may be printed to a
/// terminal), with `|` escaped.
fn cell(s: &str) -> String {
    crate::sanitize::clean(s).replace('|', "\\|")
}

fn opt(s: &Option<String>) -> String {
    s.as_deref().map_or_else(|| "—".to_owned(), cell)
}

/// A date or timestamp in the reviewer's format, as on the screen.
fn opt_date(s: &Option<String>, dates: DateFormat) -> String {
    s.as_deref()
        .map_or_else(|| "—".to_owned(), |v| cell(&dates.show_api(v)))
}

/// An API value as words for people (`AdverseMedia` → adverse media), as on the screen.
fn opt_words(s: &Option<String>) -> String {
    s.as_deref()
        .map_or_else(|| "—".to_owned(), |v| cell(&crate::words::words(v)))
}

/// "1 case", "2 cases".
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn pct(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{p:.2}%"))
}

/// The whole pack.
pub fn render(p: &Pack, dates: DateFormat) -> String {
    let mut o = String::new();
    let c = &p.case;
    let _ = writeln!(o, "# Review record: {}", cell(&c.name));
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "Generated {} from {} by kyc-console.",
        cell(&dates.show_api(&p.generated_at)),
        cell(&p.environment)
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "## Case");
    let _ = writeln!(o);
    let _ = writeln!(o, "| | |");
    let _ = writeln!(o, "|---|---|");
    for (k, v) in [
        ("Case id", c.id.to_string()),
        ("Case number", opt(&c.number)),
        ("Kind", cell(&c.kind)),
        ("Name", cell(&c.name)),
        ("Status", opt_words(&c.status)),
        ("Decision", opt_words(&c.decision)),
        ("Assignee", opt(&c.assignee)),
        ("Risk", opt_words(&c.risk)),
        ("Ready for review", opt_date(&c.ready_at, dates)),
        ("Review date", opt_date(&c.review_date, dates)),
    ] {
        let _ = writeln!(o, "| {k} | {v} |");
    }
    if !p.gaps.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "**Not read** (this record is incomplete there):");
        let _ = writeln!(o);
        for g in &p.gaps {
            let _ = writeln!(o, "- {}", cell(g));
        }
    }
    steps(p, &mut o);
    ownership(p, &mut o);
    aml(p, &mut o);
    alerts(p, dates, &mut o);
    notes(p, dates, &mut o);
    journal(p, dates, &mut o);
    o
}

fn steps(p: &Pack, o: &mut String) {
    let _ = writeln!(o);
    let _ = writeln!(o, "## Steps");
    let _ = writeln!(o);
    let _ = writeln!(o, "| Group | Step | Status | Id |");
    let _ = writeln!(o, "|---|---|---|---|");
    for s in &p.steps {
        let mut status = cell(&s.status);
        if s.deactivated {
            status.push_str(" (deactivated)");
        }
        let _ = writeln!(
            o,
            "| {} | {} | {status} | {} |",
            cell(&s.group),
            cell(&s.name),
            s.id
        );
    }
}

fn reading(label: &str, r: &ReadingRecord, o: &mut String) {
    if !r.blocked {
        let _ = writeln!(o, "- **{label}**: clear");
        return;
    }
    let who = format!(
        "{} [{}]",
        opt(&r.listed_party),
        r.lists.as_deref().map_or_else(String::new, cell)
    );
    if r.route.is_empty() {
        let _ = writeln!(
            o,
            "- **{label}**: BLOCKED, the company itself is listed: {who}"
        );
    } else {
        let _ = writeln!(
            o,
            "- **{label}**: BLOCKED through {}; listed party {who}",
            cell(&r.route)
        );
    }
}

fn ownership(p: &Pack, o: &mut String) {
    let Some(w) = &p.ownership else {
        return;
    };
    let _ = writeln!(o);
    let _ = writeln!(o, "## Sanctions exposure through ownership");
    let _ = writeln!(o);
    reading("OFAC 50% rule", &w.exposure.ofac, o);
    reading("EU ownership or control", &w.exposure.eu, o);
    for f in &w.exposure.flagged {
        let what = match (f.sanctioned, f.pep) {
            (true, true) => "sanctioned, PEP",
            (true, false) => "sanctioned",
            _ => "PEP",
        };
        let below = if f.below_threshold {
            " — below the threshold"
        } else {
            ""
        };
        let share = f.effective.map_or_else(
            || "an officer or controller, no shares".to_owned(),
            |p| format!("{p:.2}%"),
        );
        let _ = writeln!(o, "- {} ({what}, {share}{below})", cell(&f.name));
    }
    if w.exposure.unread > 0 {
        let _ = writeln!(
            o,
            "- The screening of {} of the chart could not be read.",
            count(w.exposure.unread, "case", "cases")
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "## Ownership");
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "Beneficial-owner threshold {:.2}%. Console figures are integrated over every path; API \
         figures are the API's own.",
        w.threshold
    );
    for t in &w.share_totals {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "**Direct shares in {} add up to {:.2}%.**",
            cell(&t.company),
            t.total
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "| Owner | Console | API | Beneficial owner | Paths |");
    let _ = writeln!(o, "|---|---|---|---|---|");
    for ow in &w.owners {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} |",
            cell(&ow.name),
            pct(ow.effective),
            pct(ow.api_effective),
            if ow.beneficial_owner { "yes" } else { "no" },
            ow.paths
                .iter()
                .map(|s| cell(s))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    if !w.control.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "### By control");
        let _ = writeln!(o);
        for c in &w.control {
            let differs = c.band_disagrees_with.map_or_else(String::new, |p| {
                format!(" — disagrees with the console's {p:.2}%")
            });
            let _ = writeln!(o, "- {}: {}{differs}", cell(&c.name), cell(&c.rule));
        }
    }
    if !w.by_role.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "### By role behind a holder");
        let _ = writeln!(o);
        for r in &w.by_role {
            let notes = if r.notes.is_empty() {
                String::new()
            } else {
                format!(": {}", cell(&r.notes.join("; ")))
            };
            let trace = if r.corporate {
                " — its owners and controllers are still to be found"
            } else {
                ""
            };
            let _ = writeln!(o, "- {}: {}{notes}{trace}", cell(&r.name), cell(&r.role));
        }
    }
}

fn aml(p: &Pack, o: &mut String) {
    let _ = writeln!(o);
    let _ = writeln!(o, "## AML matches");
    if p.aml.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "None.");
    }
    for m in &p.aml {
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "### {} — {} ({})",
            opt(&m.name),
            opt_words(&m.category),
            cell(&m.provider)
        );
        let _ = writeln!(o);
        let score = m.score.map_or_else(|| "—".to_owned(), |s| format!("{s}"));
        let _ = writeln!(
            o,
            "Score {score}, strength {}, step {}{}.",
            opt_words(&m.strength),
            m.step,
            m.match_id
                .as_deref()
                .map_or_else(String::new, |id| format!(", match {}", cell(id)))
        );
        if !m.sanction_lists.is_empty() {
            let lists: Vec<String> = m.sanction_lists.iter().map(|l| cell(l)).collect();
            let _ = writeln!(o, "Lists: {}.", lists.join(", "));
        }
        if m.excluded {
            let _ = writeln!(o, "Excluded: {}.", opt(&m.excluded_reason));
        } else {
            let _ = writeln!(o, "Not excluded.");
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "| Field | Subject | Match | Verdict |");
        let _ = writeln!(o, "|---|---|---|---|");
        for f in &m.fields {
            let verdict = match &f.why {
                Some(w) => format!("{} ({})", cell(&f.verdict), cell(w)),
                None => cell(&f.verdict),
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {verdict} |",
                cell(&f.field),
                opt(&f.subject),
                opt(&f.candidate)
            );
        }
    }
}

fn alerts(p: &Pack, dates: DateFormat, o: &mut String) {
    let _ = writeln!(o);
    let _ = writeln!(o, "## Alerts");
    let _ = writeln!(o);
    if p.alerts.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for a in &p.alerts {
        let _ = writeln!(
            o,
            "- Alert {} — {}, raised {}, {}",
            a.id,
            opt(&a.kind),
            opt_date(&a.raised, dates),
            count(a.changes, "change", "changes")
        );
        for act in &a.actions {
            let decided: Vec<String> = act
                .decided
                .iter()
                .map(|(k, v)| format!("{}: {}", cell(k), cell(v)))
                .collect();
            let _ = writeln!(
                o,
                "  - {} {} ({}) — {}",
                cell(&dates.show_api(&act.time)),
                cell(&act.operation),
                cell(&act.outcome),
                decided.join(", ")
            );
        }
    }
}

fn notes(p: &Pack, dates: DateFormat, o: &mut String) {
    let _ = writeln!(o);
    let _ = writeln!(o, "## Notes");
    let _ = writeln!(o);
    if p.notes.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for n in &p.notes {
        let _ = writeln!(
            o,
            "- **{}** — {} on {}: {}",
            cell(&n.step_name),
            opt(&n.by),
            opt_date(&n.on, dates),
            cell(&n.text)
        );
    }
}

fn journal(p: &Pack, dates: DateFormat, o: &mut String) {
    let _ = writeln!(o);
    let _ = writeln!(o, "## Journal (changes sent from this console)");
    let _ = writeln!(o);
    if p.journal.is_empty() {
        let _ = writeln!(o, "None.");
    }
    for e in &p.journal {
        let decided: Vec<String> = e
            .decided
            .iter()
            .map(|(k, v)| format!("{}: {}", cell(k), cell(v)))
            .collect();
        let _ = writeln!(
            o,
            "- {} {} — {}{}{}",
            cell(&dates.show_api(&e.time)),
            cell(&e.operation),
            e.outcome.label(),
            if decided.is_empty() {
                String::new()
            } else {
                format!(" ({})", decided.join(", "))
            },
            e.step.map_or_else(String::new, |s| format!(", step {s}"))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_cannot_break_a_table_or_reach_a_terminal() {
        let c = cell("Evil | Co\u{1b}[2J\nLtd\u{202e}");
        assert!(!c.contains('\u{1b}') && !c.contains('\n') && !c.contains('\u{202e}'));
        assert!(c.starts_with("Evil \\| Co"));
    }
}
