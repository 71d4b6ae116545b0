//! `pns run`: the Monte Carlo — simulate, summarise, print, and write the output files.

use super::{run_overrides, scenario_with_local, threads_rule, with_threads};
use crate::cli::{RunArgs, RunFormat};
use crate::engine::{SimModel, simulate};
use crate::output::{OutputDir, OutputFile, emit, progress};
use crate::project::{Plan, load_baseline, project};
use crate::render::chart;
use crate::render::csv::run as csv;
use crate::render::table::run as run_table;
use crate::summary::{LocalSummary, build, coalitions_for};

pub fn run(args: &RunArgs) -> anyhow::Result<()> {
    args.threads.map(threads_rule).transpose()?;
    let size = crate::scenario::rules::chart_size_flag(args.size.as_deref())?;
    let (mut scenario, estimate) = scenario_with_local(&args.input, &run_overrides(args), args.quiet)?;
    if let Some((w, h)) = size {
        (scenario.output.width, scenario.output.height) = (w, h);
    }
    let baseline = load_baseline(&scenario)?;
    let plan = Plan::new(&baseline, &scenario, &scenario.file_label()).map_err(|e| scenario.locate(e))?;
    if !args.quiet {
        for note in &plan.notes {
            eprintln!("note: {note}");
        }
    }
    let central = project(&baseline, &plan);
    let warnings = super::missed_targets(&baseline, &plan, &central, args.quiet);
    let model = SimModel::new(&baseline, &scenario, &plan, &central, coalitions_for(&scenario, &central))?;
    let out_dir = scenario.output.dir.clone();
    // Locked from here until the files are written: a second run into the directory is refused before simulating.
    let out = out_dir.as_deref().map(OutputDir::open).transpose()?;
    let seed = scenario.simulation.seed.unwrap_or_else(rand::random);
    let sims = scenario.simulation.sims;
    if !args.quiet {
        eprintln!("seed: {seed} (repeat this run with --seed {seed})");
    }
    let bar = progress::bar(sims, args.quiet);
    let tally = with_threads(args.threads, || simulate(&model, sims, seed, &|done| bar.set_position(done)))?;
    bar.finish_and_clear();
    let mut summary = build(&baseline, &scenario, &model, &central, &tally, seed);
    summary.notes = plan.notes.iter().cloned().chain(warnings).collect();
    summary.local = estimate.as_ref().map(|e| LocalSummary::new(e, |p| m_sigma(&scenario, p, &model)));
    crate::output::finite::ensure(&summary, &scenario.file_label(), "the run summary")?;
    let json = serde_json::to_vec_pretty(&summary)?;
    match args.format {
        RunFormat::Table => emit(&run_table::render(&summary))?,
        RunFormat::Json => emit(&(String::from_utf8_lossy(&json).into_owned() + "\n"))?,
    }
    if let Some(out) = &out {
        let mut files = vec![
            OutputFile { name: "summary.json".into(), bytes: json },
            OutputFile { name: "parties.csv".into(), bytes: csv::parties(&summary)? },
            OutputFile { name: "histogram.csv".into(), bytes: csv::histogram(&summary)? },
            OutputFile { name: "constituencies.csv".into(), bytes: csv::constituencies(&summary)? },
        ];
        if !args.no_charts {
            // Drawn from the JSON as saved, so that `pns plot` on it gives the same bytes.
            let (charts, notes) = chart::render_saved(&files[0].bytes, "summary.json", None, None)?;
            files.extend(charts);
            // The estimated PNS of a `[local]` scenario, drawn from the estimate itself (not redrawn by `pns plot`).
            let wants_pns = scenario.output.charts.iter().any(|c| c == "pns");
            if let Some(e) = estimate.as_ref().filter(|_| wants_pns) {
                let drawing = chart::pns::render(e, scenario.output.width, scenario.output.height)?;
                files.extend(drawing.files("pns", scenario.output.chart_format)?);
            }
            if !args.quiet {
                notes
                    .iter()
                    .filter(|n| !(estimate.is_some() && n.starts_with("pns.")))
                    .for_each(|n| eprintln!("note: {n}"));
            }
        }
        let written = out.write_run(&files)?;
        if !args.quiet {
            eprintln!(
                "wrote {} files and {} to {}",
                written.len(),
                crate::output::manifest::NAME,
                out.path().display()
            );
        }
    } else if !args.quiet {
        eprintln!("{NO_FILES}");
    }
    Ok(())
}

/// Said on stderr by a run without an output directory (an inline scenario, or a file without `output.dir`).
pub const NO_FILES: &str = "note: no files written (no output directory): add --out DIR to write summary.json, \
                            parties.csv, histogram.csv, constituencies.csv and the charts";

/// The national σ (points) the run gave a party, if the party was perturbed.
fn m_sigma(scenario: &crate::scenario::Scenario, p: crate::party::Party, model: &SimModel) -> Option<f64> {
    model.national.parties.contains(&p).then(|| scenario.uncertainty.national_sigma_of(p))
}
