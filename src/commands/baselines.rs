//! `pns baselines`: the shipped baselines with seat totals and GB shares.

use crate::baseline::{Baseline, EMBEDDED, describe};
use crate::cli::Format;
use crate::output::emit;
use crate::party::Party;
use crate::report::{seat_map, share_map};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

#[derive(Serialize)]
struct BaselineInfo {
    name: &'static str,
    description: &'static str,
    constituencies: usize,
    seats: BTreeMap<String, u32>,
    /// GB shares over every GB seat (as published), percent.
    gb_shares: BTreeMap<String, f64>,
}

pub fn run(format: Format) -> anyhow::Result<()> {
    let mut infos = Vec::new();
    for (name, _) in EMBEDDED {
        let b = Baseline::load(name)?;
        infos.push(BaselineInfo {
            name,
            description: describe(name),
            constituencies: b.seats.len(),
            seats: seat_map(&b.seat_counts()),
            gb_shares: share_map(&b.gb_shares()),
        });
    }
    match format {
        Format::Json => emit(&(serde_json::to_string_pretty(&infos)? + "\n"))?,
        Format::Csv => {
            let mut w = csv::Writer::from_writer(std::io::stdout());
            w.write_record(["baseline", "party", "seats", "gb_share"])?;
            for i in &infos {
                for p in Party::all() {
                    let seats = i.seats.get(p.code()).copied().unwrap_or(0);
                    let share = i.gb_shares.get(p.code()).copied().unwrap_or(0.0);
                    if seats > 0 || share > 0.0 {
                        w.write_record([i.name, p.code(), &seats.to_string(), &format!("{share:.2}")])?;
                    }
                }
            }
            w.flush()?;
        }
        Format::Table => {
            let mut o = String::new();
            for i in &infos {
                let _ = writeln!(o, "{:<8} {} — {} constituencies", i.name, i.description, i.constituencies);
                let mut seats: Vec<_> = i.seats.iter().collect();
                seats.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
                let seats: Vec<String> = seats.iter().map(|(p, n)| format!("{p} {n}")).collect();
                let _ = writeln!(o, "         seats:    {}", seats.join(", "));
                let mut shares: Vec<_> = i.gb_shares.iter().filter(|(_, v)| **v >= 0.5).collect();
                shares.sort_by(|a, b| b.1.total_cmp(a.1));
                let shares: Vec<String> = shares.iter().map(|(p, v)| format!("{p} {v:.2}")).collect();
                let _ = writeln!(o, "         GB share: {}", shares.join(", "));
            }
            emit(&o)?;
        }
    }
    Ok(())
}
