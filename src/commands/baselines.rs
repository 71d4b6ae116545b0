//! `pns baselines`: the shipped baselines with seat totals and GB shares.

use crate::cli::Format;
use crate::output::emit;
use crate::render::{csv, json, table};
use crate::report::baselines;

pub fn run(format: Format) -> anyhow::Result<()> {
    let infos = baselines::shipped()?;
    match format {
        Format::Json => emit(&json::pretty(&infos)?)?,
        Format::Csv => emit(&csv::baselines::render(&infos)?)?,
        Format::Table => emit(&table::baselines::render(&infos))?,
    }
    Ok(())
}
