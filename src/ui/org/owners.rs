//! The beneficial owners: people by effective share, the threshold marked, the paths behind each
//! figure, and the fallback rule when nobody reaches the threshold.

use super::{not_ready, pct};
use crate::app::org::{Chart, OrgView, Screened};
use crate::sanitize::clean;
use crate::ui::theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// At most this many paths per person.
const MAX_PATHS: usize = 8;

pub fn draw(
    v: &OrgView,
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
    let mut lines = screened.map_or_else(Vec::new, |s| {
        let mut l = super::exposure::section(s, ascii, threshold);
        l.push(Line::from(""));
        l
    });
    lines.extend(self::lines(chart, ascii, threshold));
    crate::ui::scrolled::render(
        Paragraph::new(lines).wrap(Wrap { trim: false }),
        &v.owners_scroll,
        frame,
        area,
    );
}

/// The whole view as lines (people are few; the chart's size does not matter here).
pub fn lines(chart: &Chart, ascii: bool, threshold: f64) -> Vec<Line<'static>> {
    let own = &chart.ownership;
    let arrow = if ascii { "->" } else { "→" };
    let mut out = vec![Line::from(vec![
        Span::styled(format!("Threshold {} ", pct(threshold)), theme::label()),
        Span::styled(
            format!(
                "(:ubo PCT changes it) · console figure over all paths · API's own figure · {} differs",
                if ascii { "!=" } else { "≠" }
            ),
            theme::dim(),
        ),
    ])];
    // Direct shares over 100 % make every figure below doubtful, and under 100 % leave owners
    // out: said first.
    let mut overfull: Vec<(String, f64)> = chart
        .nodes
        .iter()
        .filter_map(|n| {
            Some((
                clean(&n.name).into_owned(),
                n.overfull().or_else(|| n.underfull())?,
            ))
        })
        .collect();
    overfull.sort_by(|a, b| a.0.cmp(&b.0));
    overfull.dedup_by(|a, b| a.0 == b.0);
    for (name, total) in overfull {
        out.push(Line::styled(
            format!(
                "{} direct shares in {name} add up to {}",
                if ascii { "!" } else { "⚠" },
                pct(total)
            ),
            theme::error(),
        ));
    }
    out.push(Line::from(""));
    let people = own.people();
    if !people.is_empty() {
        out.push(Line::styled(
            format!("By shares (effective share at or over {}):", pct(threshold)),
            theme::label(),
        ));
    }
    let by_role = crate::app::org::trust::by_role(chart);
    let persons_by_role = by_role.iter().any(|r| !r.corporate);
    if people.is_empty() {
        out.push(Line::styled(
            if persons_by_role {
                "Nobody holds shares in person: the owners by role are below."
            } else {
                "No natural person holds shares in this chart."
            },
            theme::dim(),
        ));
    }
    let mut marked = false;
    for &(i, figure) in &people {
        let below = figure.is_none_or(|p| p + 1e-9 < threshold);
        if below && !marked {
            let rule = if ascii { "--" } else { "──" };
            out.push(Line::styled(
                format!("{rule} threshold {} {rule}", pct(threshold)),
                theme::warn(),
            ));
            marked = true;
        }
        let name = clean(&own.entities[i].name).into_owned();
        let api = chart.api_figure(i);
        let mut spans = vec![Span::styled(
            if below {
                "       ".to_owned()
            } else if ascii {
                "* UBO  ".to_owned()
            } else {
                "★ UBO  ".to_owned()
            },
            theme::warn(),
        )];
        match figure {
            Some(p) => spans.push(Span::styled(format!("{:>8}  ", pct(p)), theme::label())),
            None => spans.push(Span::styled("       ?  ", theme::error())),
        }
        // The API's figure and the flag come before the name, so that 80 columns show them.
        match api {
            Some(a) => {
                spans.push(Span::styled(format!("API {:>7} ", pct(a)), theme::dim()));
                if figure.is_some_and(|p| (p - a).abs() > crate::app::org::TOLERANCE) {
                    spans.push(Span::styled(
                        if ascii { "!= " } else { "≠  " },
                        theme::warn(),
                    ));
                } else {
                    spans.push(Span::raw("   "));
                }
            }
            None => spans.push(Span::styled("API    none    ", theme::dim())),
        }
        spans.push(Span::styled(name, theme::label()));
        out.push(Line::from(spans));
        let Some(p) = figure else {
            out.push(Line::styled(
                "           cannot be computed: a loop with no outside holder",
                theme::error(),
            ));
            continue;
        };
        let paths = own.paths(i, MAX_PATHS);
        let mut sum = 0.0;
        for path in &paths {
            sum += path.fraction * 100.0;
            let mut text = String::from("           ");
            for w in path.via.windows(2) {
                let f = own.entities[w[0]]
                    .holds
                    .iter()
                    .find(|(h, _)| *h == w[1])
                    .map_or(0.0, |(_, f)| *f);
                if w[0] != path.via[0] {
                    text.push_str(&format!("{arrow} "));
                }
                text.push_str(&format!(
                    "{} of {} ",
                    pct(f * 100.0),
                    clean(&own.entities[w[1]].name)
                ));
            }
            text.push_str(&format!("= {}", pct(path.fraction * 100.0)));
            out.push(Line::styled(text, theme::dim()));
        }
        if (p - sum).abs() > 0.005 {
            out.push(Line::styled(
                format!(
                    "           + {} through cross-holdings (or paths not listed)",
                    pct(p - sum)
                ),
                theme::dim(),
            ));
        }
    }
    if !by_role.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled(
            "By role behind a holder (a trust's parties, a nominee's nominator):",
            theme::label(),
        ));
        for r in &by_role {
            let mut spans = vec![
                if r.corporate {
                    Span::styled("  trace ", theme::dim())
                } else {
                    Span::styled(if ascii { "* role  " } else { "★ role  " }, theme::warn())
                },
                Span::styled(clean(&r.name).into_owned(), theme::label()),
                Span::raw(format!(" · {}", clean(&r.describe()))),
            ];
            // A company in a trust role is no natural person: its own owners are still to find.
            if r.corporate {
                spans.push(Span::styled(
                    " · its owners and controllers are still to be found",
                    theme::warn(),
                ));
            }
            out.push(Line::from(spans));
        }
    }
    let control = crate::app::org::control::by_control(chart);
    if !control.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled(
            "By control (the rule that makes each one a beneficial owner):",
            theme::label(),
        ));
        for c in control {
            // A company that controls is no beneficial owner itself: no star.
            let mark = if c.corporate {
                Span::styled("  ctrl ", theme::dim())
            } else {
                Span::styled(if ascii { "* ctrl " } else { "★ ctrl " }, theme::warn())
            };
            let mut spans = vec![
                mark,
                Span::styled(clean(&c.name).into_owned(), theme::label()),
                Span::raw(format!(" · {}", clean(&c.rule))),
            ];
            if let Some(p) = c.disagrees {
                spans.push(Span::styled(
                    format!(" {} console {}", if ascii { "!=" } else { "≠" }, pct(p)),
                    theme::warn(),
                ));
            }
            out.push(Line::from(spans));
        }
    }
    // Companies whose own holders the chart does not show: their owners are still to be found
    // (a trust's or a nominee's are listed by role above).
    let mut held: std::collections::HashSet<usize> = own
        .entities
        .iter()
        .flat_map(|e| e.holds.iter().map(|(h, _)| *h))
        .collect();
    held.extend(crate::app::org::trust::explained(chart));
    let mut opaque: Vec<(String, f64)> = own
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| e.is_company && *i != own.root && !held.contains(i))
        .filter_map(|(i, e)| Some((clean(&e.name).into_owned(), own.effective[i]? * 100.0)))
        .filter(|(_, p)| *p > 0.0)
        .collect();
    opaque.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if !opaque.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled(
            "Corporate holders whose owners the chart does not show:",
            theme::label(),
        ));
        for (name, p) in opaque {
            out.push(Line::from(vec![
                Span::styled(format!("       {:>8}  ", pct(p)), theme::label()),
                Span::raw(name),
            ]));
        }
    }
    // The fallback rule is for when no owner is identified: a person by role is one.
    if !persons_by_role
        && !people
            .iter()
            .any(|(_, f)| f.is_some_and(|p| p + 1e-9 >= threshold))
    {
        out.push(Line::from(""));
        out.push(Line::styled(
            format!(
                "Nobody reaches {}: verify the directors and the largest holder (fallback rule).",
                pct(threshold)
            ),
            theme::warn(),
        ));
        let directors: Vec<String> = chart
            .root
            .officers
            .iter()
            .filter(|o| {
                o.role
                    .as_deref()
                    .is_some_and(|r| r.to_ascii_lowercase().contains("director"))
            })
            .filter_map(|o| o.name.as_deref().map(|n| clean(n).into_owned()))
            .collect();
        out.push(Line::from(vec![
            Span::styled("  Directors: ", theme::label()),
            Span::raw(if directors.is_empty() {
                "none in the chart".to_owned()
            } else {
                directors.join(", ")
            }),
        ]));
        let largest = people
            .first()
            .and_then(|&(i, f)| Some((own.entities[i].name.clone(), f?)))
            .or_else(|| {
                chart
                    .root
                    .shareholders
                    .iter()
                    .filter_map(|s| Some((s.name.clone()?, s.shares?)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))
            });
        out.push(Line::from(vec![
            Span::styled("  Largest holder: ", theme::label()),
            Span::raw(match largest {
                Some((n, p)) => format!("{} ({})", clean(&n), pct(p)),
                None => "none in the chart".to_owned(),
            }),
        ]));
    }
    out
}
