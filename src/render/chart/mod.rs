//! Charts: figures of a run (and of a PNS estimate), recorded once and written as PNG, SVG or both, with a font
//! embedded in the binary.
//!
//! Every run chart is drawn from the [`Summary`] alone, so `pns plot summary.json` redraws a run's charts
//! byte for byte without simulating again.

mod axis;
mod canvas;
pub mod colour_metrics;
pub mod colours;
mod crossing;
mod drawing;
mod fit;
mod label;
mod labels;
pub mod nations;
pub mod outcomes;
pub mod parliament;
mod png;
pub mod pns;
mod recorder;
pub mod seats;
mod seats_side;
mod shapes;
mod spread;
mod svg;
pub mod sweep;
pub mod swing;
mod text;

pub use drawing::{Drawing, TextBox};
pub use text::V;

use crate::error::InputError;
use crate::output::OutputFile;
use crate::scenario::ChartFormat;
use crate::summary::{FORMAT, Summary};
use rayon::prelude::*;

/// Default chart size in pixels (width, height).
pub const DEFAULT_SIZE: (u32, u32) = (1600, 1000);

/// The charts drawn from a run's summary.
pub const RUN_CHARTS: [&str; 5] = ["seats", "outcomes", "parliament", "swing", "nations"];

/// Draws one run chart by name; `None` for a name that is not a run chart (e.g. `pns`, drawn by `pns estimate`).
pub fn render_one(s: &Summary, name: &str) -> anyhow::Result<Option<Drawing>> {
    let (w, h) = (s.charts.width, s.charts.height);
    let drawing = match name {
        "seats" => seats::render(s, w, h)?,
        "outcomes" => outcomes::render(s, w, h)?,
        "parliament" => parliament::render(s, w, h)?,
        "swing" => match &s.swing_sweep {
            Some(sweep) => swing::render(s, sweep, w, h)?,
            None => return Ok(None),
        },
        "nations" => nations::render(s, w, h)?,
        _ => return Ok(None),
    };
    Ok(Some(drawing))
}

/// The lines of text of one run chart with the boxes they take, as both its PNG and its SVG lay them out; `None`
/// for a name that is not a run chart.
pub fn layout(s: &Summary, name: &str) -> anyhow::Result<Option<Vec<TextBox>>> {
    Ok(render_one(s, name)?.map(|d| d.texts()))
}

/// Draws the charts the summary lists (in parallel, each name once), as files named `NAME.png` and/or `NAME.svg`
/// by the summary's chart format. Charts that cannot be drawn from a summary are left out and reported in the
/// returned notes.
pub fn render(s: &Summary) -> anyhow::Result<(Vec<OutputFile>, Vec<String>)> {
    let mut seen = std::collections::BTreeSet::new();
    let names: Vec<&String> = s.charts.names.iter().filter(|n| seen.insert(n.as_str())).collect();
    let format = s.charts.format;
    let drawn: Vec<Option<Vec<OutputFile>>> = names
        .par_iter()
        .map(|n| render_one(s, n)?.map(|d| d.files(n, format)).transpose())
        .collect::<anyhow::Result<_>>()?;
    let ext = if format.png() { "png" } else { "svg" };
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for (name, chart) in names.into_iter().zip(drawn) {
        match chart {
            Some(chart) => files.extend(chart),
            None if name == "pns" => notes.push(format!("pns.{ext} is drawn by `pns estimate --chart DIR`")),
            None if name == "swing" => {
                notes.push(format!("swing.{ext} left out: the scenario has fewer than two parties with a share"))
            }
            None => notes.push(format!("{name}.{ext} left out: not a chart of a run")),
        }
    }
    Ok((files, notes))
}

/// Reads a saved summary.json (a UTF-8 byte order mark at the start is skipped), checking that it is one and that
/// every figure is one the charts can draw ([`crate::summary::check`]); `file` labels errors.
pub fn read_summary(bytes: &[u8], file: &str) -> Result<Summary, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let expect = format!("expected a summary.json written by `pns run` (format {FORMAT})");
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| InputError::new(file, format!("not valid JSON ({e}): {expect}")))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(f) if f == FORMAT => {}
        Some(f) => return Err(InputError::new(file, format!("format is '{f}': {expect}"))),
        None => return Err(InputError::new(file, format!("no format tag: {expect}"))),
    }
    let summary: Summary = serde_json::from_value(value)
        .map_err(|e| InputError::new(file, format!("incomplete summary ({e}): {expect}")))?;
    crate::summary::check(&summary, file)?;
    Ok(summary)
}

/// Draws a run's charts from the summary.json bytes as saved: `pns run` and `pns plot` both go through here, so
/// they give the same bytes. `format` and `size` replace the summary's chart format and size when given (`pns plot
/// --chart-format`, `--size`).
pub fn render_saved(
    json: &[u8],
    file: &str,
    format: Option<ChartFormat>,
    size: Option<(u32, u32)>,
) -> anyhow::Result<(Vec<OutputFile>, Vec<String>)> {
    let mut s = read_summary(json, file)?;
    s.charts.format = format.unwrap_or(s.charts.format);
    (s.charts.width, s.charts.height) = size.unwrap_or((s.charts.width, s.charts.height));
    render(&s)
}
