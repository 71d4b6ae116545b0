//! outcomes.png: probability bars of every outcome (majorities, largest party in a hung parliament) and coalitions.

use super::axis::Scale;
use super::canvas::*;
use super::colours;
use super::labels::*;
use super::shapes::*;
use super::text::*;
use crate::summary::Summary;
use plotters::style::text_anchor::HPos;

/// One bar: a label, the parties whose colours fill it, and its probability.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub parties: Vec<String>,
    pub p: f64,
    /// A second, wider probability drawn as an outline (a coalition's effective majority).
    pub wide: Option<f64>,
    /// Drawn pale: a hung-parliament outcome rather than a majority.
    pub pale: bool,
    /// Extra text after the value.
    pub note: String,
}

/// The outcomes, mutually exclusive: each party's majority (every party that was ever largest, even at 0), then
/// each party largest in a hung parliament, then a tie for largest.
pub fn outcome_bars(s: &Summary) -> Vec<Bar> {
    let mut majorities: Vec<Bar> = s
        .parties
        .iter()
        .filter(|p| p.p_majority > 0.0 || p.p_largest + p.p_joint_largest > 0.0)
        .map(|p| Bar {
            label: format!("{} majority", colours::name(&p.party)),
            parties: vec![p.party.clone()],
            p: p.p_majority,
            wide: None,
            pale: false,
            note: String::new(),
        })
        .collect();
    majorities.sort_by(|a, b| b.p.total_cmp(&a.p));
    let mut hung: Vec<Bar> = Vec::new();
    for o in &s.outcomes {
        let Some(rest) = o.outcome.strip_prefix("hung, ") else { continue };
        let (label, parties) = match rest.strip_suffix(" largest") {
            Some("tie for") => ("Hung: tie for largest".to_string(), vec![]),
            Some(code) => (format!("Hung: {} largest", colours::name(code)), vec![code.to_string()]),
            None => continue,
        };
        hung.push(Bar { label, parties, p: o.probability, wide: None, pale: true, note: String::new() });
    }
    majorities.extend(hung);
    majorities
}

/// The coalitions, most likely majority first.
pub fn coalition_bars(s: &Summary) -> Vec<Bar> {
    let mut bars: Vec<(Bar, u32)> = s
        .coalitions
        .iter()
        .map(|c| {
            let label = c.parties.iter().map(|p| colours::short(p)).collect::<Vec<_>>().join(" + ");
            let bar = Bar {
                label,
                parties: c.parties.clone(),
                p: c.p_majority,
                wide: Some(c.p_effective_majority),
                pale: false,
                note: format!("central {}", c.central),
            };
            (bar, c.central)
        })
        .collect();
    bars.sort_by(|a, b| {
        b.0.p.total_cmp(&a.0.p).then(b.0.wide.unwrap_or(0.0).total_cmp(&a.0.wide.unwrap_or(0.0))).then(b.1.cmp(&a.1))
    });
    bars.into_iter().map(|(b, _)| b).collect()
}

pub fn render(s: &Summary, w: u32, h: u32) -> anyhow::Result<Drawing> {
    record(w, h, |area, g| draw(area, g, s))
}

fn draw(area: &Area, g: Geom, s: &Summary) -> anyhow::Result<()> {
    let top = header(area, g, &format!("{}: outcome probabilities", s.scenario.name), &run_subtitle(s))?;
    let notes = vec![format!(
        "Share of {}. Majority: {} of {} seats; effective majority: {} (Sinn Féin's abstentions and the \
         Speaker set aside). Outcomes on the left sum to 100%.",
        simulations(s.sims),
        s.majority,
        s.total_seats,
        s.effective_majority
    )];
    let outcomes = outcome_bars(s);
    let (coalitions, never): (Vec<Bar>, Vec<Bar>) =
        coalition_bars(s).into_iter().partition(|b| b.p > 0.0 || b.wide.is_some_and(|w| w > 0.0));
    let mut notes = notes;
    if !never.is_empty() {
        let names: Vec<String> = never.iter().map(|b| b.label.replace(" + ", "+")).collect();
        notes.push(format!(
            "Coalitions never reaching {} seats in any simulation: {}.",
            s.effective_majority,
            names.join(", ")
        ));
    }
    let bottom = footer(area, g, &notes, &credit(s))?;
    let (x0, x1) = (g.px(40.0), g.w - g.px(40.0));
    let gap = g.px(70.0);
    let sub = "each party's majority, or the largest party in a hung parliament";
    if coalitions.is_empty() {
        let end = panel(area, g, "Outcome", sub, &outcomes, (x0, top), (x1, bottom))?;
        return callout(area, g, s, &outcomes, (x0, end), bottom);
    }
    let mid = x0 + (x1 - x0 - gap) / 2;
    let end = panel(area, g, "Outcome", sub, &outcomes, (x0, top), (mid, bottom))?;
    callout(area, g, s, &outcomes, (x0, end), bottom)?;
    panel(
        area,
        g,
        "Coalitions: combined majority",
        &format!(
            "bar: {}+ seats · outline and (brackets): {}+ seats · central: seats in the central projection",
            s.majority, s.effective_majority
        ),
        &coalitions,
        (mid + gap, top),
        (x1, bottom),
    )?;
    Ok(())
}

/// The fonts and colour-chip size of a panel's rows.
#[derive(Clone, Copy)]
struct RowStyle {
    label_font: Font,
    value_font: Font,
    note_font: Font,
    chip: i32,
}

fn panel(
    area: &Area,
    g: Geom,
    title: &str,
    subtitle: &str,
    bars: &[Bar],
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> anyhow::Result<i32> {
    text(area, title, (x0, y0), Font::new(g.font(21.0), INK).bold(), HPos::Left, V::Top)?;
    text(area, subtitle, (x0, y0 + g.px(34.0)), Font::new(g.font(16.0), MUTED), HPos::Left, V::Top)?;
    let st = RowStyle {
        label_font: Font::new(g.font(17.0), INK),
        value_font: Font::new(g.font(17.0), INK).bold(),
        note_font: Font::new(g.font(15.0), MUTED),
        chip: g.px(12.0),
    };
    let label_w = bars
        .iter()
        .map(|b| st.label_font.width(&b.label) + if b.parties.len() > 1 { 0 } else { st.chip + g.px(10.0) })
        .max()
        .unwrap_or(0);
    // Room right of a full bar for its value, the outline's value and the note.
    let tail_w = bars
        .iter()
        .map(|b| {
            let wide = b.wide.map_or(0, |w| st.note_font.width(&format!("({})", percent(w))) + g.px(12.0));
            let note = if b.note.is_empty() { 0 } else { st.note_font.width(&b.note) + g.px(12.0) };
            st.value_font.width(&percent(b.p)) + g.px(10.0) + wide + note
        })
        .max()
        .unwrap_or(0);
    let plot_top = y0 + g.px(96.0);
    let x = Scale::new((0.0, 1.0), (x0 + label_w + g.px(16.0), x1 - tail_w));
    let n = bars.len().max(1) as i32;
    let row = ((y1 - plot_top) / n).min(g.px(60.0));
    let plot_bottom = plot_top + row * n;
    percent_grid(area, g, x, (plot_top, plot_bottom))?;
    for (i, b) in bars.iter().enumerate() {
        let yc = plot_top + i as i32 * row + row / 2;
        bar_row(area, g, st, b, x, (x0, yc), row)?;
    }
    Ok(plot_bottom)
}

/// Grid lines at every quarter, with their percentages on top.
fn percent_grid(area: &Area, g: Geom, x: Scale, (plot_top, plot_bottom): (i32, i32)) -> anyhow::Result<()> {
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let px = x.px(t);
        line(
            area,
            &[(px, plot_top - g.px(6.0)), (px, plot_bottom)],
            if t == 0.0 { AXIS } else { GRID },
            g.stroke(1.0),
        )?;
        let label = format!("{}%", (t * 100.0) as i32);
        text(area, &label, (px, plot_top - g.px(14.0)), Font::new(g.font(15.0), MUTED), HPos::Center, V::Baseline)?;
    }
    Ok(())
}

/// One row of a panel, `row` high and centred at `yc`: the label from `x0`, the bar on scale `x`, its values.
fn bar_row(
    area: &Area,
    g: Geom,
    st: RowStyle,
    b: &Bar,
    x: Scale,
    (x0, yc): (i32, i32),
    row: i32,
) -> anyhow::Result<()> {
    let half = (row as f64 * 0.32).round() as i32;
    // Label with colour chips (one chip for a single party; the bar's stripes show a coalition's members).
    let mut lx = x0;
    if b.parties.len() <= 1 {
        let code = b.parties.first().map_or("other", |p| p.as_str());
        swatch(area, (lx, yc - st.chip / 2), st.chip, code)?;
        lx += st.chip + g.px(10.0);
    }
    text(area, &b.label, (lx, yc), st.label_font, HPos::Left, V::Middle)?;
    // Effective-majority outline first, so the solid bar sits on it.
    if let Some(wide) = b.wide.filter(|w| *w > 0.0) {
        frame(area, (x.r0, yc - half), (x.px(wide).max(x.r0 + 1), yc + half), AXIS, g.stroke(1.5))?;
    }
    if b.p > 0.0 {
        let end = x.px(b.p).max(x.r0 + g.px(2.0));
        fill_bar(area, g, b, (x.r0, yc - half), (end, yc + half))?;
    }
    let end = x.px(b.p.max(b.wide.unwrap_or(0.0))).max(x.r0);
    let value = percent(b.p);
    let vx = end + g.px(10.0);
    text(area, &value, (vx, yc), st.value_font, HPos::Left, V::Middle)?;
    let mut nx = vx + st.value_font.width(&value) + g.px(12.0);
    if let Some(wide) = b.wide {
        let eff = format!("({})", percent(wide));
        text(area, &eff, (nx, yc), Font::new(g.font(15.0), MUTED), HPos::Left, V::Middle)?;
        nx += st.note_font.width(&eff) + g.px(12.0);
    }
    if !b.note.is_empty() {
        text(area, &b.note, (nx, yc), st.note_font, HPos::Left, V::Middle)?;
    }
    Ok(())
}

/// The headline under the outcome bars: P(hung parliament) and the most likely outcome, if there is room.
fn callout(area: &Area, g: Geom, s: &Summary, outcomes: &[Bar], (x0, y0): (i32, i32), y1: i32) -> anyhow::Result<()> {
    let top = y0 + g.px(50.0);
    if y1 - top < g.px(150.0) {
        return Ok(());
    }
    let (headline, value) = if s.p_hung >= 0.5 {
        ("Hung parliament", percent(s.p_hung))
    } else {
        ("Single-party majority", percent(1.0 - s.p_hung))
    };
    text(area, &value, (x0, top), Font::new(g.font(56.0), INK).bold(), HPos::Left, V::Top)?;
    text(area, headline, (x0, top + g.px(60.0)), Font::new(g.font(21.0), INK), HPos::Left, V::Top)?;
    if let Some(best) = outcomes.iter().max_by(|a, b| a.p.total_cmp(&b.p)) {
        let line = format!("Most likely outcome: {} ({})", best.label.replace("Hung: ", "hung, "), percent(best.p));
        text(area, &line, (x0, top + g.px(96.0)), Font::new(g.font(18.0), MUTED), HPos::Left, V::Top)?;
    }
    Ok(())
}

/// A bar in its party's colour (pale for hung outcomes, with a full-colour edge), or in horizontal stripes of its
/// members' colours for a coalition.
fn fill_bar(area: &Area, g: Geom, b: &Bar, (x0, y0): (i32, i32), (x1, y1): (i32, i32)) -> anyhow::Result<()> {
    match b.parties.len() {
        0 => rect(area, (x0, y0), (x1, y1), colours::OTHER_GREY),
        1 => {
            let c = colours::of(&b.parties[0]);
            if b.pale {
                rect(area, (x0, y0), (x1, y1), colours::tint(c, 0.6))?;
                frame(area, (x0, y0), (x1, y1), c, g.stroke(2.0))
            } else {
                rect(area, (x0, y0), (x1, y1), c)
            }
        }
        k => {
            let h = (y1 - y0 + 1) as f64 / k as f64;
            for (i, p) in b.parties.iter().enumerate() {
                let a = y0 + (i as f64 * h).round() as i32;
                let z = y0 + ((i + 1) as f64 * h).round() as i32 - 1;
                rect(area, (x0, a), (x1, z), colours::of(p))?;
            }
            Ok(())
        }
    }
}
