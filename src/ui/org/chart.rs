//! The org chart as a tree. Only the rows on screen are turned into text.

use super::{first_row, not_ready, pct};
use crate::app::org::{ChartNode, Figure, Group, Mark, OrgView, Row, Screened};
use crate::ownership::EntityKey;
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Tree guides and markers, in box-drawing characters or ASCII.
struct Glyphs {
    branch: &'static str,
    last: &'static str,
    pipe: &'static str,
    open: &'static str,
    closed: &'static str,
    ubo: &'static str,
    aml: &'static str,
    updated: &'static str,
    case: &'static str,
    also: &'static str,
    loops: &'static str,
    differs: &'static str,
    overfull: &'static str,
    sideways: &'static str,
    listed: &'static str,
    blocked: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    branch: "├─",
    last: "└─",
    pipe: "│ ",
    open: "▾",
    closed: "▸",
    ubo: "★ UBO",
    aml: "⚠ AML",
    updated: "↻ AML updated",
    case: "◆ case",
    also: "⤷ also under",
    loops: "↺ loops back to",
    differs: "≠ API",
    overfull: "⚠",
    sideways: "←/→",
    listed: "⛔ listed",
    blocked: "⛔ blocked",
};

const ASCII: Glyphs = Glyphs {
    branch: "|-",
    last: "`-",
    pipe: "| ",
    open: "-",
    closed: "+",
    ubo: "* UBO",
    aml: "! AML",
    updated: "~ AML updated",
    case: "> case",
    also: "^ also under",
    loops: "@ loops back to",
    differs: "!= API",
    overfull: "!",
    sideways: "Left/Right",
    listed: "X listed",
    blocked: "X blocked",
};

/// `finding` is the find line being typed (`Mode::Find`), shown under the chart.
pub fn draw(
    v: &OrgView,
    finding: Option<&String>,
    ascii: bool,
    threshold: f64,
    screened: Option<&Screened>,
    frame: &mut Frame,
    area: Rect,
) {
    if not_ready(&v.chart, "the org chart", frame, area) {
        return;
    }
    let Some(chart) = v.chart.data.as_ref() else {
        return;
    };
    let g = if ascii { &ASCII } else { &UNICODE };
    let [list, detail, find] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(2),
        Constraint::Length(1),
    ])
    .areas(area);
    let height = usize::from(list.height);
    let top = first_row(v.selected, height);
    let lines: Vec<Line> = v
        .rows
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(i, row)| {
            let n = &chart.nodes[row.node];
            let folded = v.collapsed.contains(&row.node);
            let mark = screened.and_then(|s| s.mark(&key_of(n)?));
            let mut line = Line::from(row_spans(row, n, folded, g, threshold, mark));
            if i == v.selected {
                line = line.style(theme::selected());
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((0, v.hscroll)), list);
    if let Some(n) = v.selected_node() {
        frame.render_widget(Paragraph::new(detail_lines(n, g)), detail);
    }
    let bottom = match finding {
        Some(text) => Line::from(vec![
            Span::styled("find: ", theme::key()),
            Span::raw(text.clone()),
            Span::styled("_", theme::dim()),
        ]),
        None => Line::styled(
            format!(
                "{} nodes · {}/{} · UBO at {} · {} scroll{}",
                chart.nodes.len(),
                v.selected + 1,
                v.rows.len(),
                pct(threshold),
                g.sideways,
                if v.hscroll > 0 {
                    format!(" (+{})", v.hscroll)
                } else {
                    String::new()
                }
            ),
            theme::dim(),
        ),
    };
    frame.render_widget(Paragraph::new(bottom), find);
}

fn row_spans(
    row: &Row,
    n: &ChartNode,
    folded: bool,
    g: &Glyphs,
    threshold: f64,
    mark: Option<Mark>,
) -> Vec<Span<'static>> {
    let mut guide = String::from(" ");
    if let Some((me, above)) = row.lasts.split_last() {
        for last in above {
            guide.push_str(if *last { "   " } else { g.pipe });
            if !*last {
                guide.push(' ');
            }
        }
        guide.push_str(if *me { g.last } else { g.branch });
        guide.push(' ');
    }
    let fold = if n.children.is_empty() {
        " "
    } else if folded {
        g.closed
    } else {
        g.open
    };
    let mut spans = vec![
        Span::styled(guide, theme::dim()),
        Span::raw(format!("{fold} ")),
    ];
    if n.group != Group::Root {
        spans.push(Span::styled(
            format!("[{}] ", n.group.label()),
            theme::dim(),
        ));
    }
    let name = if n.name.trim().is_empty() {
        "(unnamed)".to_owned()
    } else {
        clean(&n.name).into_owned()
    };
    spans.push(Span::styled(name, theme::label()));
    match mark {
        Some(Mark::Listed) => spans.push(Span::styled(format!(" {}", g.listed), theme::error())),
        Some(Mark::Blocked) => spans.push(Span::styled(format!(" {}", g.blocked), theme::error())),
        None => {}
    }
    if let Some(to) = &n.loops_to {
        spans.push(Span::styled(
            format!(" {} {}", g.loops, clean(to)),
            theme::warn(),
        ));
    }
    let kind = if n.is_joint {
        "joint holding"
    } else if n.is_company {
        "company"
    } else {
        "person"
    };
    spans.push(Span::styled(format!(" {kind}"), theme::dim()));
    if let Some(total) = n.overfull().or_else(|| n.underfull()) {
        spans.push(Span::styled(
            format!(" {} shares add up to {}", g.overfull, pct(total)),
            theme::error(),
        ));
    }
    if let Some(role) = n.role.as_deref().filter(|r| !r.is_empty()) {
        spans.push(Span::raw(format!(
            " · {}",
            clean(&crate::words::words(role))
        )));
    }
    if !n.other_roles.is_empty() {
        spans.push(Span::raw(format!(
            " (also {})",
            clean(
                &n.other_roles
                    .iter()
                    .map(|r| crate::words::words(r))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        )));
    }
    if let Some(s) = n.shares.filter(|_| n.group != Group::Root) {
        spans.push(Span::raw(format!(" · {}", pct(s))));
    }
    match n.effective {
        Figure::Percent(p) if n.group != Group::Root => {
            spans.push(Span::raw(format!(" · eff {}", pct(p))));
            if let Some(a) = n.api_effective {
                spans.push(Span::styled(format!(" (API {})", pct(a)), theme::dim()));
            }
            if n.differs() {
                spans.push(Span::styled(format!(" {}", g.differs), theme::warn()));
            }
        }
        Figure::Unsolvable => spans.push(Span::styled(
            " · eff unsolvable (loop with no outside holder)",
            theme::error(),
        )),
        _ => {
            if let Some(a) = n.api_effective.filter(|_| n.group != Group::Root) {
                spans.push(Span::styled(format!(" · API eff {}", pct(a)), theme::dim()));
            }
        }
    }
    if is_ubo(n, threshold) {
        spans.push(Span::styled(format!("  {}", g.ubo), theme::warn()));
    }
    if n.unresolved_aml {
        spans.push(Span::styled(format!("  {}", g.aml), theme::error()));
    }
    if n.updated_aml {
        spans.push(Span::styled(format!("  {}", g.updated), theme::warn()));
    }
    if n.general_partner {
        spans.push(Span::styled("  GP general partner", theme::key()));
    }
    if n.has_case() {
        spans.push(Span::styled(format!("  {}", g.case), theme::key()));
    }
    if !n.also_under.is_empty() {
        let names: Vec<String> = n.also_under.iter().map(|s| clean(s).into_owned()).collect();
        spans.push(Span::styled(
            format!("  {} {}", g.also, names.join(", ")),
            theme::dim(),
        ));
    }
    spans
}

/// The key a node is matched by against the screened ownership (none for a joint block or a
/// nameless node).
fn key_of(n: &ChartNode) -> Option<EntityKey> {
    if n.is_joint {
        return None;
    }
    match n.case_id {
        Some(id) => Some(EntityKey::Case(id)),
        None if !n.name.trim().is_empty() => Some(EntityKey::Name(n.name.trim().to_lowercase())),
        None => None,
    }
}

/// A natural person at or over the threshold by the console's figure (a repeat that closes a
/// loop is a reference to a company, never a party of its own).
fn is_ubo(n: &ChartNode, threshold: f64) -> bool {
    !n.is_company
        && n.loops_to.is_none()
        && !n.is_joint
        && matches!(n.effective, Figure::Percent(p) if p + 1e-9 >= threshold)
}

/// Two lines about the selected node, readable however narrow the terminal: its figures, then
/// what Enter and `a` do and where else it is.
fn detail_lines(n: &ChartNode, g: &Glyphs) -> Vec<Line<'static>> {
    let mut first = vec![Span::styled(clean(&n.name).into_owned(), theme::label())];
    if let Some(s) = n.shares.filter(|_| n.group != Group::Root) {
        first.push(Span::raw(format!(" · holds {}", pct(s))));
    }
    match n.effective {
        Figure::Percent(p) => first.push(Span::raw(format!(" · effective {}", pct(p)))),
        Figure::Unsolvable => first.push(Span::styled(" · effective: unsolvable", theme::error())),
        Figure::None => {}
    }
    if let Some(a) = n.api_effective.filter(|_| n.group != Group::Root) {
        first.push(Span::styled(format!(" · API {}", pct(a)), theme::dim()));
    }
    let mut second: Vec<Span> = Vec::new();
    if let Some(to) = &n.loops_to {
        second.push(Span::styled(
            format!("{} {} (drawn once) ", g.loops, clean(to)),
            theme::warn(),
        ));
    }
    if let Some(id) = n.case_id {
        second.push(Span::raw(format!("case {id}")));
        if n.has_case() {
            second.push(Span::styled(" · Enter opens it", theme::dim()));
        }
    }
    if n.step_id.is_some() && n.group != Group::Root {
        second.push(Span::styled(" · a activates its step", theme::dim()));
    }
    if !n.also_under.is_empty() {
        second.push(Span::styled(
            format!(" · {} {}", g.also, clean(&n.also_under.join(", "))),
            theme::dim(),
        ));
    }
    vec![Line::from(first), Line::from(second)]
}
