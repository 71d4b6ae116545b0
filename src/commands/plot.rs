//! `pns plot`: redraw a run's charts from its summary.json, without simulating again.

use crate::cli::PlotArgs;
use crate::error::InputError;
use crate::output::OutputDir;
use crate::render::chart;
use crate::scenario::rules;
use std::path::PathBuf;

pub fn run(args: &PlotArgs) -> anyhow::Result<()> {
    let format = rules::chart_format_flag(args.chart_format.as_deref())?;
    let size = rules::chart_size_flag(args.size.as_deref())?;
    let file = args.summary.display().to_string();
    let bytes = std::fs::read(&args.summary).map_err(|e| InputError::new(&file, format!("cannot read: {e}")))?;
    let (files, notes) = chart::render_saved(&bytes, &file, format, size)?;
    let dir = match &args.out {
        Some(d) => d.clone(),
        None => match args.summary.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        },
    };
    if !args.quiet {
        notes.iter().for_each(|n| eprintln!("note: {n}"));
    }
    if files.is_empty() {
        return Err(InputError::new(&file, "lists no chart a run can draw (charts.names)").into());
    }
    // Added to the directory's run: its summary and CSVs stay, the manifest lists them all.
    let written = OutputDir::open(&dir)?.add(&files)?;
    if !args.quiet {
        eprintln!("wrote {} charts to {}", written.len(), dir.display());
    }
    Ok(())
}
