//! The identity of a sharded job (`pns run` or `pns sweep`): the arguments that decide its result, and a
//! fingerprint of its inputs.

use crate::cli::{ExecArgs, RunArgs, ScenarioArgs, SweepArgs};
use crate::engine::SimModel;
use crate::scenario::Scenario;
use clap::ValueEnum;

/// The arguments of `args` that decide the result, as `--flag=value` words with the scenario file last (after
/// `--`): parsed again after `pns run`, they give the same run (without `--shard`, `--out`, `--threads`,
/// `--format` and `--quiet`).
pub fn run_args(args: &RunArgs) -> Vec<String> {
    let mut words = Vec::new();
    let mut flag = |name: &str, value: &str| words.push(format!("--{name}={value}"));
    args.sims.iter().for_each(|v| flag("sims", &v.to_string()));
    args.preset.iter().for_each(|v| flag("preset", &name(v.to_possible_value())));
    args.coalitions.iter().for_each(|v| flag("coalition", v));
    finish(words, &args.input, &args.exec)
}

/// As [`run_args`], for `pns sweep`.
pub fn sweep_args(args: &SweepArgs) -> Vec<String> {
    let mut words = Vec::new();
    let mut flag = |name: &str, value: &str| words.push(format!("--{name}={value}"));
    args.x.iter().for_each(|v| flag("x", v));
    args.y.iter().for_each(|v| flag("y", v));
    args.others.iter().for_each(|v| flag("others", v));
    args.sims.iter().for_each(|v| flag("sims", &v.to_string()));
    finish(words, &args.input, &args.exec)
}

fn name(v: Option<clap::builder::PossibleValue>) -> String {
    v.map(|v| v.get_name().to_string()).unwrap_or_default()
}

/// `words` followed by the scenario's flags, the seed and the chart flags, then `-- SCENARIO` if there is one.
fn finish(mut words: Vec<String>, s: &ScenarioArgs, exec: &ExecArgs) -> Vec<String> {
    let mut flag = |name: &str, value: &str| words.push(format!("--{name}={value}"));
    s.baseline.iter().for_each(|v| flag("baseline", v));
    s.shares.iter().for_each(|v| flag("share", v));
    s.model.iter().for_each(|v| flag("model", &name(v.to_possible_value())));
    s.hold.iter().for_each(|v| flag("hold", v));
    s.scope.iter().for_each(|v| flag("scope", &name(v.to_possible_value())));
    s.nations.iter().for_each(|v| flag("nation", v));
    s.regions.iter().for_each(|v| flag("region", v));
    s.stands_everywhere.iter().for_each(|v| flag("stands-everywhere", v));
    exec.seed.iter().for_each(|v| flag("seed", &v.to_string()));
    exec.chart_format.iter().for_each(|v| flag("chart-format", v));
    exec.size.iter().for_each(|v| flag("size", v));
    if exec.no_charts {
        words.push("--no-charts".into());
    }
    if let Some(path) = &s.scenario {
        words.push("--".into());
        words.push(path.to_string_lossy().into_owned());
    }
    words
}

/// SHA-256 of everything the scenario and the simulation model hold but the output directory (each shard has its
/// own): two jobs with the same fingerprint simulate and summarise the same way.
pub fn fingerprint(scenario: &Scenario, model: &SimModel) -> String {
    let mut s = scenario.clone();
    s.output.dir = None;
    crate::output::sha256_hex(format!("{s:?}\n{model:?}").as_bytes())
}

/// As [`fingerprint`], for a sweep: its scenario, baseline and points (the grid, or every listed scenario).
pub fn sweep_fingerprint(
    scenario: &Scenario,
    baseline: &crate::baseline::Baseline,
    points: &crate::sweep::Points,
) -> String {
    let mut s = scenario.clone();
    s.output.dir = None;
    crate::output::sha256_hex(format!("{s:?}\n{baseline:?}\n{points:?}").as_bytes())
}
