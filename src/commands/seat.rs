//! `pns seat`: one constituency found by name or code — its baseline result, central projection and odds.

use super::{central, overrides};
use crate::cli::{SeatArgs, SeatFormat};
use crate::output::emit;
use crate::output::finite::ensure;
use crate::render::{json, table};
use crate::report::changes::RunInfo;
use crate::report::seat::{Projected, SeatReport};
use crate::scenario::Overrides;
use crate::seats::{lookup, run};

pub fn run(args: &SeatArgs) -> anyhow::Result<()> {
    // No file and no --share: the baseline alone (a projection that changes nothing, not shown).
    let alone = args.input.scenario.is_none() && args.input.shares.is_empty();
    let flags = Overrides { baseline_alone: alone, ..overrides(&args.input) };
    let c = central(&args.input, &flags)?;
    let k = lookup::resolve(&c.baseline.seats, &c.baseline.name, &args.seat)?;
    let national = c.plan.areas.last().map(|a| a.target).unwrap_or_default();
    let summary = args.run.as_deref().map(run::read).transpose()?;
    let ran = match &summary {
        Some((s, file)) => {
            let seats = run::matched(s, file, &c.baseline, &c.scenario, &national, &c.projection)?;
            Some((RunInfo::new(s, file), seats[k]))
        }
        None => None,
    };
    let p = &c.projection;
    let projected = (!alone).then(|| Projected { shares: &p.shares[k], winner: p.winners[k], moved: p.moved[k] });
    let report = SeatReport::build(&c.baseline.seats[k], &c.baseline.name, &c.scenario, projected, ran);
    ensure(&report, &c.scenario.file_label(), "the seat's result")?;
    let text = match args.format {
        SeatFormat::Table => table::seat::render(&report),
        SeatFormat::Json => json::pretty(&report)?,
    };
    c.notes.iter().for_each(|n| eprintln!("note: {n}"));
    emit(&text)?;
    Ok(())
}
