//! The alert inbox as CSV, for spreadsheets: one row per alert, both halves of the API (company
//! and individual cases), every page. Fields are quoted as RFC 4180 says, and a field that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.

use crate::api::{ApiError, CaseKind, Client, LmCasesRequest};

/// Cases asked for per page.
const PAGE: u32 = 100;

/// The column names, in order.
pub const HEADER: [&str; 10] = [
    "case_id",
    "case_number",
    "kind",
    "name",
    "jurisdiction",
    "alert_id",
    "alert_type",
    "step_id",
    "raised",
    "changes",
];

/// Read the inbox and write it as CSV.
pub async fn alerts(client: &Client) -> Result<String, ApiError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for kind in [CaseKind::Company, CaseKind::Individual] {
        let mut page = 1;
        loop {
            let request = LmCasesRequest {
                page_number: Some(page),
                page_size: Some(PAGE),
                ..LmCasesRequest::default()
            };
            let cases = client.lm_cases(kind, &request).await?;
            let n = cases.items.len();
            for c in &cases.items {
                let lm = client.lm_alerts(kind, c.case_common_id).await?;
                for a in &lm.alerts {
                    rows.push(vec![
                        c.case_common_id.to_string(),
                        c.case_number.clone().unwrap_or_default(),
                        match kind {
                            CaseKind::Company => "company",
                            CaseKind::Individual => "individual",
                        }
                        .to_owned(),
                        c.name.clone().unwrap_or_default(),
                        c.jurisdiction.clone().unwrap_or_default(),
                        a.alert_id.to_string(),
                        a.alert_type.clone().unwrap_or_default(),
                        a.case_step_id.map(|s| s.to_string()).unwrap_or_default(),
                        a.created_on.clone().unwrap_or_default(),
                        a.changes.len().to_string(),
                    ]);
                }
            }
            let seen = i64::from(page) * i64::from(PAGE);
            if n == 0 || seen >= cases.item_count {
                break;
            }
            page += 1;
        }
    }
    Ok(write(&rows))
}

/// Rows under the header, CRLF-terminated as RFC 4180 has it.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let header: Vec<String> = HEADER.iter().map(|h| (*h).to_owned()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let fields: Vec<String> = row.iter().map(|f| field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One field, through the console's sanitiser (the CSV may be printed to a terminal with
/// `--out -`): quoted when it holds a comma or a quote; formula starts defused.
fn field(s: &str) -> String {
    let s = crate::sanitize::clean(s);
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.into_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        let csv = write(&[vec!["1".into(), "x\ny,\u{1b}[2J".into()]]);
        assert!(csv.starts_with("case_id,case_number,"));
        assert!(
            csv.ends_with("\"\r\n") && !csv.contains('\u{1b}'),
            "{csv:?}"
        );
    }
}
