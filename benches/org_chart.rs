//! The org chart with 5,000 nodes: the time to lay out and draw one 120×40 frame (median and
//! spread of 50), and, once, the time to flatten the chart and solve its ownership on load.
//!
//! "Layout" is rebuilding the visible rows from the flattened chart (what expand/collapse does);
//! "draw" is `ui::draw` of the whole screen on ratatui's `TestBackend`, which only turns the rows
//! on screen into text.
//!
//! Run: `cargo bench --bench org_chart` (or `--profile dev` to measure an unoptimised build).

use kyc_console::api::OrgNode;
use kyc_console::app::org::{Chart, OrgView};
use kyc_console::app::{Session, State, View};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};

const RUNS: usize = 50;

fn node(name: String, company: bool, shares: f64, id: Option<i64>) -> OrgNode {
    OrgNode {
        name: Some(name),
        jurisdiction_id: company.then(|| "GB".into()),
        nationality_id: (!company).then(|| "GB".into()),
        role: Some("Shareholder".into()),
        shares: Some(shares),
        case_common_id: id,
        ..OrgNode::default()
    }
}

/// Root ← 10 companies ← 10 companies each ← 49 people each (5,011 nodes). People are drawn
/// from a pool of 700 names, so many appear under several parents ("also under …").
fn synthetic() -> OrgNode {
    let mut root = node("Synthetic Holdings".into(), true, 100.0, Some(1));
    let mut person = 0usize;
    for a in 0..10i64 {
        let mut ca = node(format!("Tier A {a}"), true, 10.0, Some(100 + a));
        for b in 0..10i64 {
            let mut cb = node(
                format!("Tier B {a}.{b}"),
                true,
                10.0,
                Some(1000 + a * 10 + b),
            );
            for _ in 0..49 {
                person += 1;
                cb.shareholders.push(node(
                    format!("Person {}", person % 700),
                    false,
                    100.0 / 49.0,
                    None,
                ));
            }
            ca.shareholders.push(cb);
        }
        root.shareholders.push(ca);
    }
    root
}

fn count(n: &OrgNode) -> usize {
    1 + n.shareholders.iter().map(count).sum::<usize>()
}

fn main() {
    let root = synthetic();
    let nodes = count(&root);
    let t = Instant::now();
    let chart = Chart::build(&root);
    let load = t.elapsed();
    let mut state = State::new(Session::default());
    let mut v = OrgView::new(1, "Synthetic Holdings".into());
    v.chart.set(Box::new(chart));
    v.rebuild_rows();
    // Somewhere in the middle, so the frame is a typical one.
    v.selected = v.rows.len() / 2;
    state.org.view = Some(Box::new(v));
    state.view = View::Org;
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test terminal");
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        if let Some(v) = state.org.view.as_mut() {
            v.rebuild_rows();
        }
        term.draw(|f| kyc_console::ui::draw(&state, f))
            .expect("draw");
        times.push(t.elapsed());
    }
    times.sort();
    println!("org chart, {nodes} nodes, 120×40:");
    println!("  load (flatten + solve ownership, once): {load:?}");
    println!(
        "  layout + draw one frame: median {:?} (min {:?}, max {:?}, {RUNS} runs)",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
