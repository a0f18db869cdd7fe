use super::*;

#[test]
fn the_locale_is_read_as_c_does_from_what_the_caller_passes() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    assert!(utf8_locale(env(&[("LANG", "en_GB.UTF-8")])));
    assert!(!utf8_locale(env(&[
        ("LC_ALL", "C"),
        ("LANG", "en_GB.UTF-8")
    ])));
    assert!(utf8_locale(env(&[
        ("LC_ALL", ""),
        ("LC_CTYPE", "de_DE.utf8")
    ])));
    assert!(!utf8_locale(env(&[])));
}

fn n(name: &str, id: Option<Id>, shares: f64, holders: Vec<OrgNode>) -> OrgNode {
    OrgNode {
        name: Some(name.into()),
        jurisdiction_id: (!holders.is_empty() || id.is_some()).then(|| "GB".into()),
        nationality_id: (holders.is_empty() && id.is_none()).then(|| "GB".into()),
        case_common_id: id,
        shares: Some(shares),
        shareholders: holders,
        ..OrgNode::default()
    }
}

/// Root ← A ← Root (a loop back), and Pat under both A and B.
fn sample() -> OrgNode {
    let a = n(
        "A",
        Some(2),
        50.0,
        vec![
            n("Root", Some(1), 10.0, vec![]),
            n("Pat", None, 40.0, vec![]),
        ],
    );
    let b = n("B", Some(3), 50.0, vec![n("Pat", None, 30.0, vec![])]);
    n("Root", Some(1), 100.0, vec![a, b])
}

fn view() -> OrgView {
    let mut v = OrgView::new(1, "Root".into());
    v.chart.set(Box::new(Chart::build(&sample())));
    v.rebuild_rows();
    v
}

fn names(v: &OrgView) -> Vec<String> {
    let chart = v.chart.data.as_ref().expect("chart");
    v.rows
        .iter()
        .map(|r| chart.nodes[r.node].name.clone())
        .collect()
}

#[test]
fn a_loop_back_is_a_leaf_that_names_its_ancestor() {
    let v = view();
    let chart = v.chart.data.as_ref().expect("chart");
    let leaf = chart
        .nodes
        .iter()
        .find(|x| x.loops_to.is_some())
        .expect("a loop");
    assert_eq!(leaf.loops_to.as_deref(), Some("Root"));
    assert!(leaf.children.is_empty());
    assert_eq!(leaf.effective, Figure::None);
}

#[test]
fn the_same_person_under_two_parents_says_where_else() {
    let v = view();
    let chart = v.chart.data.as_ref().expect("chart");
    let pats: Vec<_> = chart.nodes.iter().filter(|x| x.name == "Pat").collect();
    assert_eq!(pats.len(), 2);
    assert_eq!(pats[0].also_under, vec!["B".to_owned()]);
    assert_eq!(pats[1].also_under, vec!["A".to_owned()]);
    // x_R = 1 + 0.1·x_A, x_A = 0.5·x_R ⇒ x_R = 1/0.95; Pat = (0.4·0.5 + 0.3·0.5)·x_R.
    let want = 35.0 / 0.95;
    assert!(matches!(pats[0].effective, Figure::Percent(p) if (p - want).abs() < 1e-9));
}

#[test]
fn rows_follow_folding_and_guides_mark_last_children() {
    let mut v = view();
    assert_eq!(names(&v), ["Root", "A", "Root", "Pat", "B", "Pat"]);
    assert_eq!(v.rows[1].lasts, [false]);
    assert_eq!(v.rows[3].lasts, [false, true]);
    assert_eq!(v.rows[4].lasts, [true]);
    v.selected = 1;
    v.collapsed.insert(v.rows[1].node);
    v.rebuild_rows();
    assert_eq!(names(&v), ["Root", "A", "B", "Pat"]);
    assert_eq!(v.selected, 1, "the selected node stays selected");
}

#[test]
fn find_expands_a_folded_ancestor_and_wraps() {
    let mut v = view();
    let a = v.rows[1].node;
    v.collapsed.insert(a);
    v.rebuild_rows();
    assert!(v.find_next("pat"));
    // The first Pat after the root is under A, which opened.
    assert!(!v.collapsed.contains(&a));
    assert_eq!(v.selected, 3);
    assert!(v.find_next("pat"));
    assert_eq!(v.selected, 5);
    assert!(v.find_next("pat"));
    assert_eq!(v.selected, 3, "wraps around");
    assert!(!v.find_next("nobody"));
}
