//! `pns bench`: Monte Carlo throughput on a fixed GE2019 scenario with all three noise layers.

use super::with_threads;
use crate::cli::BenchArgs;
use crate::engine::{Isa, SimModel, simulate_on};
use crate::error::InputError;
use crate::output::emit;
use crate::party::Party;
use crate::project::{Plan, load_baseline, project};
use crate::scenario::rules::{MAX_RUNS, MAX_SIMS, count_flag};
use crate::scenario::{Preset, Scenario, Uncertainty};
use crate::summary::coalitions_for;
use std::fmt::Write;
use std::time::Instant;

/// The benchmark scenario: Lab 36, Con 29, LD 18, Reform 10 on GE2019, what-if uncertainty (national, regional and
/// constituency noise all on). Reform stands everywhere: the Brexit Party, its column in 2019, stood in 275 seats.
pub fn scenario(model: crate::scenario::Model) -> Scenario {
    Scenario {
        name: "bench: Lab 36, Con 29, LD 18, Reform 10 on GE2019".into(),
        baseline: "ge2019".into(),
        model,
        shares: vec![(Party::LAB, 0.36), (Party::CON, 0.29), (Party::LD, 0.18), (Party::REFORM, 0.10)],
        lineage: vec![(Party::REFORM, Party::BREXIT)],
        stands_everywhere: vec![Party::REFORM],
        uncertainty: Uncertainty::preset(Preset::WhatIf),
        ..Scenario::default()
    }
}

/// The ward pair `--geography` learns its slopes and tactical strength from.
pub const BENCH_PAIR: &str = "2021-2024";

pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    count_flag("--sims", args.sims, "a number of simulations", MAX_SIMS)?;
    count_flag("--runs", args.runs as u64, "a number of runs", MAX_RUNS)?;
    args.threads.map(super::threads_rule).transpose()?;
    let isa = match &args.kernel {
        None => Isa::detect(),
        // Clap accepts the name in any case (`ignore_case`) and passes it on as typed.
        Some(name) => Isa::named(&name.to_ascii_lowercase()).ok_or_else(|| {
            let ran = Isa::available().iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
            InputError::new("--kernel", format!("{name} does not run on this CPU: expected one of {ran}"))
        })?,
    };
    let mut s = scenario(args.model);
    if args.geography {
        s.geography = crate::estimate::geography::learn_source(BENCH_PAIR, &Default::default())?.geography();
        s.name += &format!("; Leave slopes and tactical voting learned from {BENCH_PAIR}");
    }
    let baseline = load_baseline(&s)?;
    let plan = Plan::new(&baseline, &s, "bench")?;
    let central = project(&baseline, &plan);
    let model = SimModel::new(&baseline, &s, &plan, &central, coalitions_for(&s, &central))?;
    let (threads, rates) = with_threads(args.threads, || {
        // One untimed warm-up run, then the timed runs.
        simulate_on(isa, &model, args.sims.min(20_000), 1, &|_| {});
        let rates: Vec<f64> = (0..args.runs)
            .map(|r| {
                let t = Instant::now();
                let tally = simulate_on(isa, &model, args.sims, 1000 + r as u64, &|_| {});
                std::hint::black_box(&tally);
                args.sims as f64 / t.elapsed().as_secs_f64()
            })
            .collect();
        (rayon::current_num_threads(), rates)
    })?;
    let mut sorted = rates.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut o = String::new();
    let _ = writeln!(o, "{}", s.name);
    let _ = writeln!(o, "model {}, {} simulations per run, {} runs", args.model.code(), args.sims, args.runs);
    let _ = writeln!(o, "threads {threads}, machine cores {cores}, kernel {isa}");
    let _ =
        writeln!(o, "simulations/s: median {median:.0}  (min {:.0}, max {:.0})", sorted[0], sorted[sorted.len() - 1]);
    let _ = writeln!(o, "time per simulation: {:.2} µs", 1e6 / median);
    emit(&o)?;
    Ok(())
}
