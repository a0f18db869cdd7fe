use super::*;
use crate::words::DateFormat;

#[test]
fn filters_parse_describe_and_map_to_the_request() {
    let f = Filters::parse(
        "case:42 assignee:7 type:aml aml:new,updated kind:individual level:sub status:closed",
    )
    .unwrap();
    assert_eq!(
        f.describe(),
        "case:42 assignee:7 type:aml aml:new,updated kind:individual level:sub status:closed"
    );
    assert_eq!(Filters::parse(&f.describe()), Ok(f.clone()));
    let r = f.request(2);
    assert_eq!(r.case_common_id, Some(42));
    assert_eq!(r.alert_type.as_deref(), Some("Aml"));
    assert_eq!(
        r.aml_alert_types,
        Some(vec!["New".to_owned(), "Updated".to_owned()])
    );
    assert_eq!(r.case_type.as_deref(), Some("Individual"));
    assert_eq!(r.case_level.as_deref(), Some("Sub"));
    assert_eq!(r.case_status.as_deref(), Some("Closed"));
    assert_eq!(r.page_number, Some(2));
    assert_eq!(
        Filters::parse("1000003001").unwrap().case_id,
        Some(1000003001)
    );
    assert_eq!(
        Filters::parse("status:all type:all").unwrap(),
        Filters::default()
    );
    assert!(Filters::parse("status:sometimes").is_err());
    assert!(Filters::parse("colour:red").is_err());
}

#[test]
fn dates_are_checked_before_they_are_sent() {
    let dmy = DateFormat::DayMonthYear;
    assert!(check_date("15/03/2027", dmy, None).is_ok());
    assert!(check_date("29/02/2028", dmy, None).is_ok());
    assert!(check_date("29/02/2027", dmy, None).is_err());
    assert!(check_date("1/3/2027", dmy, None).is_err());
    assert!(check_date("2027-03-15", dmy, None).is_err());
    assert!(check_date("", dmy, None).is_err());
    // Typed as shown: the default format takes ISO dates, and only them.
    assert!(check_date("2027-03-15", DateFormat::Iso, None).is_ok());
    assert!(check_date("15/03/2027", DateFormat::Iso, None).is_err());
    // A review in the past is refused; today and later pass.
    let today = chrono::NaiveDate::from_ymd_opt(2027, 3, 15);
    assert!(check_date("14/03/2027", dmy, today).is_err());
    assert!(check_date("15/03/2027", dmy, today).is_ok());
    assert!(check_date("16/03/2027", dmy, today).is_ok());
}

#[test]
fn refusals_follow_the_guides_table() {
    use AlertAction::*;
    for t in AlertType::ALL {
        for a in [Apply, Exclude, Dismiss] {
            assert_eq!(
                refusal(Some(t), a).is_none(),
                t.allowed_actions().contains(&a)
            );
        }
    }
    assert!(refusal(None, Apply).is_some());
    assert!(
        refusal(Some(AlertType::ExpiredDocuments), Apply)
            .unwrap()
            .contains("allows Dismiss")
    );
}

#[test]
fn read_only_refuses_actions() {
    let mut s = State::new(Session {
        read_only: true,
        ..Session::default()
    });
    act(&mut s, AlertAction::Apply);
    assert!(matches!(s.mode, Mode::Normal), "nothing is asked");
    assert!(s.status.is_some_and(|l| l.text.contains("read-only")));
}
