//! Property tests: the sanitiser never lets a control, escape, bidi or invisible character
//! through, and no model panics on any JSON (issue 8: "no panic, ever").

use kyc_console::api::*;
use kyc_console::sanitize::{clean, clean_multiline};
use proptest::prelude::*;
use serde_json::Value;

/// Characters a terminal must never receive from data.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{E0000}'..='\u{E007F}')
}

/// Text heavy in the characters that matter: escapes, C1, bidi, zero-width, tags, plus ordinary
/// letters of several scripts.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\u{1b}[31m",
        "\u{1b}]52;c;SGVsbG8=\u{7}",
        "\u{1b}]0;title\u{1b}\\",
        "\u{1b}P1$r\u{1b}\\",
        "\u{9b}2J",
        "\u{9d}8;;x\u{9c}",
        "\u{7}",
        "\u{0}",
        "\r",
        "\n",
        "\t",
        "\u{202E}",
        "\u{2066}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{E0041}",
        "Müller",
        "张伟",
        "محمد",
        "Ольга",
        "a",
        " ",
        "\u{1b}",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(str::to_owned),
            any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        hostile_text().prop_map(Value::String),
        prop::sample::select(vec![
            "1000003001",
            "25.5%",
            "Yes",
            "Passed",
            "NOT REVIEWED",
            "x"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    let keys = prop::sample::select(vec![
        "common",
        "company",
        "individual",
        "caseCommonId",
        "caseStepId",
        "name",
        "status",
        "steps",
        "shareholders",
        "officers",
        "jointShareholderMembers",
        "shares",
        "effectivePercentage",
        "worldChecks",
        "lexisNexisChecks",
        "matchScore",
        "alerts",
        "changes",
        "property",
        "items",
        "documents",
        "caseDetail",
        "details",
        "statusCode",
        "apiErrors",
        "member",
        "isKYCed",
    ]);
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone().prop_map(str::to_owned), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn clean_lets_nothing_dangerous_through(s in hostile_text()) {
        let one = clean(&s);
        prop_assert!(!one.chars().any(|c| forbidden(c) || c == '\n'), "{one:?}");
        let multi = clean_multiline(&s);
        prop_assert!(!multi.chars().any(forbidden), "{multi:?}");
    }

    #[test]
    fn no_model_panics_on_any_json(v in json()) {
        // Errors are fine; panics are not.
        let _ = serde_json::from_value::<CaseListItem>(v.clone());
        let _ = serde_json::from_value::<CaseDetailEnvelope>(v.clone());
        let _ = serde_json::from_value::<Vec<StepGroup>>(v.clone());
        let _ = serde_json::from_value::<StepDetails>(v.clone());
        let _ = serde_json::from_value::<Vec<StepNote>>(v.clone());
        let _ = serde_json::from_value::<OrgNode>(v.clone());
        let _ = serde_json::from_value::<Members>(v.clone());
        let _ = serde_json::from_value::<AmlChecks>(v.clone());
        let _ = serde_json::from_value::<CaseDocuments>(v.clone());
        let _ = serde_json::from_value::<LmCases>(v.clone());
        let _ = serde_json::from_value::<LmAlerts>(v.clone());
        let _ = serde_json::from_value::<ErrorBody>(v.clone());
        let _ = serde_json::from_value::<JurisdictionsEnvelope>(v.clone());
        let _ = serde_json::from_value::<SearchResponse>(v.clone());
        let _ = serde_json::from_value::<Vec<AuditEntry>>(v.clone());
        let _ = serde_json::from_value::<Vec<User>>(v);
    }
}
