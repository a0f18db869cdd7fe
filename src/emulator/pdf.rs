//! A tiny, deterministic PDF 1.4 writer: enough for the emulator to serve real, openable documents
//! and case reports without a PDF dependency. Text only (Helvetica, WinAnsi), one column, pages
//! broken by line count; byte-identical output for identical input so tests can compare blobs.
//! Names in scripts the standard fonts cannot draw (Arabic, Chinese, Cyrillic, …) are printed
//! transliterated, and the line says so, rather than as `????`.

use crate::api::{AmlChecks, CaseDetails, StepGroup};
use std::fmt::Write as _;

/// Lines that fit one A4 page at the body leading.
const LINES_PER_PAGE: usize = 52;
/// Characters per line before wrapping (Helvetica 10 pt on A4 with margins).
const WRAP_AT: usize = 96;

/// A PDF whose first page starts with `title` (bold) and continues with `lines`, wrapped and
/// paginated as needed.
pub fn text_pdf(title: &str, lines: &[String]) -> Vec<u8> {
    let mut body: Vec<String> = Vec::new();
    for line in lines {
        body.extend(wrap(&encode(line), WRAP_AT));
    }
    let title = encode(title);
    let pages: Vec<&[String]> = if body.is_empty() {
        vec![&[][..]]
    } else {
        body.chunks(LINES_PER_PAGE).collect()
    };
    let page_count = pages.len();

    // Object numbers: 1 catalog, 2 pages, 3 regular font, 4 bold font, then (page, content) pairs.
    let mut objects: Vec<String> = Vec::with_capacity(4 + 2 * page_count);
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
    let kids: Vec<String> = (0..page_count)
        .map(|i| format!("{} 0 R", 5 + 2 * i))
        .collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {page_count} >>",
        kids.join(" ")
    ));
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    );
    objects.push(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_owned(),
    );
    for (i, chunk) in pages.iter().enumerate() {
        let content_obj = 6 + 2 * i;
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {content_obj} 0 R >>"
        ));
        let stream = page_stream(&title, chunk, i + 1, page_count);
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}\nendstream",
            stream.len()
        ));
    }

    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = write!(out, "{} 0 obj\n{obj}\nendobj\n", i + 1);
    }
    let xref_at = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(out, "{off:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
        objects.len() + 1
    );
    out.into_bytes()
}

/// The drawing operators of one page: title on the first line, body below, page number at the foot.
fn page_stream(title: &str, lines: &[String], page: usize, pages: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "BT /F2 14 Tf 50 800 Td ({title}) Tj ET");
    s.push_str("BT /F1 10 Tf 13 TL 50 776 Td\n");
    for line in lines {
        let _ = writeln!(s, "({line}) '");
    }
    s.push_str("ET\n");
    let _ = write!(s, "BT /F1 8 Tf 50 30 Td (Page {page} of {pages}) Tj ET");
    s
}

/// Appended to a line in which letters of other scripts were written in Latin letters, so a
/// reader knows the spelling is ours, not the document's.
const TRANSLITERATED: &str = " [transliterated]";

/// Text as a PDF literal-string body in WinAnsi: parentheses and backslashes escaped, Latin-1
/// letters as octal escapes, invisible and control characters dropped. The standard fonts carry
/// no glyphs for other scripts, so those are transliterated (see [`legible`]) and the line is
/// marked as such; what has no Latin form at all is `?`.
fn encode(text: &str) -> String {
    let (text, transliterated) = legible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | ')' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            ' '..='~' => out.push(c),
            '\u{a0}'..='\u{ff}' => {
                let _ = write!(out, "\\{:03o}", c as u32);
            }
            '\u{2013}' | '\u{2014}' => out.push('-'),
            '\u{2018}' | '\u{2019}' => out.push('\''),
            '\u{201c}' | '\u{201d}' => out.push('"'),
            c if c.is_control() || is_invisible(c) => {}
            _ => out.push('?'),
        }
    }
    if transliterated {
        out.push_str(TRANSLITERATED);
    }
    out
}

/// Whether [`encode`] writes `c` as it is (or drops it) rather than transliterating it.
fn drawable(c: char) -> bool {
    matches!(
        c,
        '\t' | ' '..='~' | '\u{a0}'..='\u{ff}' | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}'
            | '\u{201c}' | '\u{201d}'
    ) || c.is_control()
        || is_invisible(c)
}

/// `text` with each run of characters the standard fonts cannot draw written in Latin letters
/// (Chinese as pinyin, Arabic and Cyrillic letter by letter), set off from neighbouring letters
/// by a space; and whether anything was transliterated.
fn legible(text: &str) -> (std::borrow::Cow<'_, str>, bool) {
    if text.chars().all(drawable) {
        return (text.into(), false);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut run = String::new();
    let mut after_run = false;
    let flush = |run: &mut String, out: &mut String| {
        let latin = deunicode::deunicode_with_tofu(run, "?");
        let latin = latin.split_whitespace().collect::<Vec<_>>().join(" ");
        if out.ends_with(char::is_alphanumeric) && !latin.is_empty() {
            out.push(' ');
        }
        out.push_str(&latin);
        run.clear();
    };
    for c in text.chars() {
        if drawable(c) {
            if !run.is_empty() {
                flush(&mut run, &mut out);
                after_run = true;
            }
            if after_run && c.is_alphanumeric() {
                out.push(' ');
            }
            after_run = false;
            out.push(c);
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        flush(&mut run, &mut out);
    }
    (out.into(), true)
}

/// Zero-width and bidi formatting characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Splits an encoded line into pieces of at most `width` units, never inside an escape.
fn wrap(encoded: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut units = 0;
    let mut chars = encoded.chars().peekable();
    while let Some(c) = chars.next() {
        let mut unit = String::from(c);
        if c == '\\' {
            // An escape: one escaped char, or three octal digits.
            if let Some(&n) = chars.peek() {
                if n.is_ascii_digit() {
                    for _ in 0..3 {
                        if let Some(d) = chars.next() {
                            unit.push(d);
                        }
                    }
                } else if let Some(n) = chars.next() {
                    unit.push(n);
                }
            }
        }
        if units == width {
            pieces.push(std::mem::take(&mut current));
            units = 0;
        }
        current.push_str(&unit);
        units += 1;
    }
    pieces.push(current);
    pieces
}

/// The case report served by `GET …/report`: identity, steps with their statuses, AML matches and
/// the decision, as a reviewer would file it. Made from the case as it is when asked for (its
/// details and steps as a reader sees them), never kept, so it cannot fall behind the case.
pub fn case_report(d: &CaseDetails, steps: &[StepGroup], aml: &AmlChecks) -> Vec<u8> {
    let c = &d.common;
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
    let mut lines = vec![
        format!("Case: {} ({})", c.case_common_id, opt(&c.case_customer_id)),
        format!("Subject: {}", d.name()),
        format!("Type: {}", opt(&c.type_string)),
        format!("Jurisdiction: {}", opt(&c.country_name)),
    ];
    if let Some(co) = &d.company {
        lines.push(format!("Company type: {}", opt(&co.company_type)));
        for (k, v) in &co.properties {
            lines.push(format!("{k}: {}", v.as_str().unwrap_or_default()));
        }
    }
    if let Some(ind) = &d.individual {
        lines.push(format!("Date of birth: {}", opt(&ind.birth_date)));
        lines.push(format!("Nationality: {}", opt(&ind.nationality)));
    }
    if let Some(a) = &d.case_address {
        lines.push(format!("Address: {}", opt(&a.address)));
    }
    lines.push(format!(
        "Status: {} / {} (statusId {})",
        opt(&c.status),
        opt(&c.status_name),
        c.status_id.unwrap_or_default()
    ));
    lines.push(format!("Risk rating: {}", opt(&c.risk_rating)));
    lines.push(format!("Processing: {}", opt(&c.case_processing_type)));
    lines.push(format!("Assigned to: {}", opt(&c.assigned_user_name)));
    lines.push(format!("Review date: {}", opt(&d.case_review_date)));
    lines.push(String::new());
    lines.push("Steps".to_owned());
    for group in steps {
        lines.push(format!("  {}", opt(&group.group)));
        for s in &group.steps {
            let off = if s.is_deactivated {
                " (deactivated)"
            } else {
                ""
            };
            lines.push(format!("    [{}] {}{off}", s.status.label(), opt(&s.name)));
        }
    }
    lines.push(String::new());
    lines.push("AML matches".to_owned());
    let mut any = false;
    for (provider, m) in aml.all() {
        any = true;
        let excluded = if m.is_excluded {
            format!(" - excluded: {}", opt(&m.excluded_reason))
        } else {
            String::new()
        };
        lines.push(format!(
            "  {provider}: {} - {} - {} ({}){excluded}",
            opt(&m.name),
            opt(&m.category),
            opt(&m.match_strength),
            m.match_score.unwrap_or_default()
        ));
    }
    if !any {
        lines.push("  No matches".to_owned());
    }
    lines.push(format!(
        "AML positive: {}",
        if d.is_case_aml_positive == Some(true) {
            "yes"
        } else {
            "no"
        }
    ));
    lines.push(String::new());
    lines.push(format!(
        "Decision: {}",
        c.case_decision
            .clone()
            .unwrap_or_else(|| "none yet".to_owned())
    ));
    text_pdf(&format!("KYC case report - {}", d.name()), &lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_xref(pdf: &[u8]) {
        let text = String::from_utf8_lossy(pdf);
        assert!(text.starts_with("%PDF-1.4\n"));
        assert!(text.ends_with("%%EOF\n"));
        let start: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(text[start..].starts_with("xref\n"));
        let entries: Vec<&str> = text[start..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .collect();
        assert!(!entries.is_empty());
        for (i, e) in entries.iter().enumerate() {
            let off: usize = e[..10].parse().unwrap_or(usize::MAX);
            assert!(
                text[off..].starts_with(&format!("{} 0 obj", i + 1)),
                "object {} not at {off}",
                i + 1
            );
        }
    }

    #[test]
    fn single_page_is_valid() {
        let pdf = text_pdf("Certificate (copy)", &["Line with \\ and (x)".to_owned()]);
        check_xref(&pdf);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("Certificate \\(copy\\)"));
        assert!(text.contains("Line with \\\\ and \\(x\\)"));
    }

    #[test]
    fn many_lines_make_several_pages() {
        let lines: Vec<String> = (0..130).map(|i| format!("line {i}")).collect();
        let pdf = text_pdf("Long", &lines);
        check_xref(&pdf);
        assert!(String::from_utf8_lossy(&pdf).contains("/Count 3"));
    }

    #[test]
    fn other_scripts_are_transliterated_and_marked() {
        let pdf = text_pdf("Müller & Söhne", &["张伟 Ольга x\u{200b}y".to_owned()]);
        check_xref(&pdf);
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.contains("M\\374ller & S\\366hne"), "{text}");
        assert!(
            text.contains("Zhang Wei Ol'ga xy [transliterated]"),
            "{text}"
        );
        assert!(!text.contains('?'));
        assert!(pdf.is_ascii());
    }

    #[test]
    fn a_transliterated_run_is_set_off_from_letters() {
        assert_eq!(encode("永樂街 88號"), "Yong Le Jie 88 Hao [transliterated]");
        assert_eq!(encode("Café (Zürich)"), "Caf\\351 \\(Z\\374rich\\)");
    }

    #[test]
    fn wrap_never_splits_escapes() {
        let long = "é".repeat(200);
        for piece in wrap(&encode(&long), 96) {
            assert!(piece.len() % 4 == 0);
        }
    }

    #[test]
    fn same_input_same_bytes() {
        let a = text_pdf("T", &["a".to_owned()]);
        assert_eq!(a, text_pdf("T", &["a".to_owned()]));
    }

    #[test]
    fn report_of_empty_record_is_valid() {
        check_xref(&case_report(
            &CaseDetails::default(),
            &[],
            &AmlChecks::default(),
        ));
    }
}
