//! The fuzz targets: one per loader, each with its seed inputs, its mutation and its check of the outcome.

use super::{args, corpus, mutate};
use clap::Parser;
use pns::cli::{Cli, Command};
use pns::output::finite;
use rand::RngExt;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus as Rng;
use std::fmt::Display;

/// A target. To add one: a variant here, its name in [`Target::ALL`], its seeds in [`Target::seeds`] and its
/// check in [`Target::check`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Scenario,
    Baseline,
    Ward,
    Cli,
    /// `summary.json` as read by `pns plot` (`read_summary`, then the charts drawn from it).
    Summary,
    /// The constituency `pns seat` is asked for: the lookup, then the seat's report rendered.
    Seat,
    /// A sharded run's `partial.json` (`pns merge`): read as is, then re-sealed with a correct checksum so the
    /// mutated content reaches the checks of units, shards and tallies.
    Partial,
}

/// One input: a file's bytes, or a command line.
#[derive(Clone, Debug)]
pub enum Input {
    Text(Vec<u8>),
    Args(Vec<String>),
}

/// The seeds of a target and the names worth swapping in (keys, columns, flags).
pub struct Seeds {
    pub inputs: Vec<Input>,
    pub words: Vec<String>,
}

impl Target {
    pub const ALL: [Target; 7] =
        [Target::Scenario, Target::Baseline, Target::Ward, Target::Cli, Target::Summary, Target::Seat, Target::Partial];

    pub fn name(self) -> &'static str {
        match self {
            Target::Scenario => "scenario",
            Target::Baseline => "baseline",
            Target::Ward => "ward",
            Target::Cli => "cli",
            Target::Summary => "summary",
            Target::Seat => "seat",
            Target::Partial => "partial",
        }
    }

    pub fn from_name(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The shipped files (or the README's commands) the inputs are mutated from.
    pub fn seeds(self) -> Seeds {
        let text = |files: Vec<Vec<u8>>| files.into_iter().map(Input::Text).collect::<Vec<_>>();
        let inputs = match self {
            Target::Scenario => text(corpus::scenarios()),
            Target::Baseline => text(corpus::baselines()),
            Target::Ward => text(corpus::wards()),
            Target::Summary => text(corpus::summaries()),
            Target::Seat => text(corpus::seat_queries()),
            Target::Partial => text(corpus::partials()),
            Target::Cli => args::seeds().into_iter().map(Input::Args).collect(),
        };
        let words = match self {
            Target::Cli => args::vocabulary(),
            _ => words_of(&inputs),
        };
        Seeds { inputs, words }
    }

    /// Input `index` of the pass seeded with `seed`: a seed input with 1 to 6 operators applied, the same on every
    /// run (so a finding is reproduced by its seed and index alone).
    pub fn input(self, seeds: &Seeds, seed: u64, index: u64) -> Input {
        let mut rng = Rng::seed_from_u64(seed.rotate_left(32) ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut input = seeds.inputs[rng.random_range(0..seeds.inputs.len())].clone();
        let words: Vec<&str> = seeds.words.iter().map(String::as_str).collect();
        let n = 1 + (rng.random::<u32>() % 64).trailing_zeros().min(5);
        for _ in 0..n {
            match &mut input {
                Input::Text(bytes) => mutate::once(&mut rng, bytes, &words),
                Input::Args(argv) => args::once(&mut rng, argv, &seeds.words),
            }
        }
        input
    }

    /// Runs the loader on `input`: `Ok(true)` for a result with only finite numbers, `Ok(false)` for a one-line
    /// error, else what is wrong. Panics are the caller's to catch.
    pub fn check(self, input: &Input) -> Result<bool, String> {
        match (self, input) {
            (Target::Cli, Input::Args(argv)) => cli(argv),
            (_, Input::Text(bytes)) => {
                let text = String::from_utf8_lossy(bytes);
                match self {
                    Target::Scenario => scenario_and_sweep(&text),
                    Target::Baseline => outcome(pns::baseline::Baseline::from_csv_str(&text, "fuzz.csv"), baseline),
                    Target::Ward => outcome(ward(&text), finite_of),
                    Target::Seat => seat(&text),
                    Target::Partial => partial(bytes),
                    _ => summary(bytes),
                }
            }
            _ => Err("input of the wrong kind".into()),
        }
    }
}

/// The header cells and TOML keys of the seeds.
fn words_of(inputs: &[Input]) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for input in inputs {
        let Input::Text(bytes) = input else { continue };
        let text = String::from_utf8_lossy(bytes);
        words.extend(text.lines().next().unwrap_or("").split(',').map(str::to_string));
        words.extend(text.lines().filter_map(|l| l.split_once('=')).map(|(k, _)| k.trim().to_string()));
    }
    words.retain(|w| !w.is_empty() && w.len() < 40 && !w.starts_with('#'));
    words.sort();
    words.dedup();
    words
}

/// An error must be one line; a result is checked by `ok`.
fn outcome<T, E: Display>(r: Result<T, E>, ok: impl FnOnce(&T) -> Result<(), String>) -> Result<bool, String> {
    match r {
        Ok(v) => ok(&v).map(|()| true),
        Err(e) => one_line(&e),
    }
}

/// `Ok(false)` for an error displayed on one line.
fn one_line(e: &dyn Display) -> Result<bool, String> {
    let s = e.to_string();
    if s.trim().is_empty() || s.contains(['\n', '\r']) {
        return Err(format!("error is not one line: {s:?}"));
    }
    Ok(false)
}

fn finite_of<T: serde::Serialize>(v: &T) -> Result<(), String> {
    finite::check(v).map_err(|f| format!("Ok result has {} at `{}`", f.value, f.path))
}

fn baseline(b: &pns::baseline::Baseline) -> Result<(), String> {
    for (i, c) in b.seats.iter().enumerate() {
        let numbers = c.votes.iter().chain(&c.shares).chain([&c.valid_votes]);
        if let Some(v) = numbers.into_iter().find(|v| !v.is_finite()) {
            return Err(format!("Ok baseline has {v} in seat {i} ({})", c.code));
        }
    }
    Ok(())
}

/// The scenario, then its `[sweep]` section and the sweep's grid over it when it mentions one (`pns sweep`'s
/// checks); every point's shares the grid gives must be fractions. A sweep file listing scenarios is read as one.
fn scenario_and_sweep(text: &str) -> Result<bool, String> {
    if pns::sweep::list::is_list(text) {
        // A sweep file listing scenarios: read as `pns sweep` reads it (the listed files are not opened here).
        return match pns::sweep::list::read(text, "fuzz.toml", std::path::Path::new("scenarios/sweeps/fuzz.toml"), None)
        {
            Err(e) => one_line(&e),
            Ok(l) if l.files.is_empty() => Err("a list of no scenarios accepted".into()),
            Ok(_) => Ok(true),
        };
    }
    let s = match pns::scenario::Scenario::from_toml(text, "fuzz.toml") {
        Err(e) => return one_line(&e),
        Ok(s) => s,
    };
    finite_of(&s)?;
    if !text.contains("sweep") {
        return Ok(true);
    }
    let grid = pns::sweep::spec::read(text, "fuzz.toml", &pns::sweep::Flags::default())
        .and_then(|spec| pns::sweep::Grid::new(spec, &s));
    let grid = match grid {
        Err(e) => return one_line(&e),
        Ok(g) => g,
    };
    let last = grid.len() - 1;
    for k in [0, last / 2, last] {
        if let Some((p, v)) =
            grid.shares(k).into_iter().find(|(_, v)| !(v.is_finite() && (-1e-12..=1.0 + 1e-9).contains(v)))
        {
            return Err(format!("sweep point {k} gives {p} a share of {v}"));
        }
    }
    Ok(true)
}

/// `pns sweep`'s checks before any work: threads, chart format, the scenario, the sweep and its grid.
fn sweep_args(a: &pns::cli::SweepArgs) -> Result<(), pns::error::InputError> {
    a.exec.threads.map(pns::commands::threads_rule).transpose()?;
    a.exec.shard.as_deref().map(pns::shard::Shard::parse).transpose()?;
    pns::scenario::rules::chart_format_flag(a.exec.chart_format.as_deref())?;
    pns::scenario::rules::chart_size_flag(a.exec.size.as_deref())?;
    if let Some(path) = &a.input.scenario
        && let Some(text) = std::fs::read_to_string(path).ok().filter(|t| pns::sweep::list::is_list(t))
    {
        return pns::sweep::list::read(&text, &path.display().to_string(), path, a.sims).map(drop);
    }
    let flags = pns::scenario::Overrides { seed: a.exec.seed, ..pns::commands::overrides(&a.input) };
    let s = pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &flags)?;
    let text = s.path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let sweep = pns::sweep::Flags { x: a.x.clone(), y: a.y.clone(), others: a.others.clone(), sims: a.sims };
    pns::sweep::Grid::new(pns::sweep::spec::read(&text, &s.file_label(), &sweep)?, &s).map(drop)
}

/// The ward loader, then an estimate on what it read (no bootstrap).
fn ward(text: &str) -> Result<pns::estimate::Estimate, pns::error::InputError> {
    let file = pns::estimate::wards::parse(text, "fuzz.csv")?;
    let opts = pns::estimate::EstimateOptions { bootstrap: 0, ..Default::default() };
    pns::estimate::estimate_wards(&file, &opts)
}

/// `read_summary`, then one of the run's charts drawn at the smallest size allowed (800×500) from it, the chart
/// chosen by a hash of the input so that a pass draws each about equally often (drawing all five made the pass five
/// times slower; the chart code's own size rule is not what is fuzzed here).
fn summary(bytes: &[u8]) -> Result<bool, String> {
    match pns::render::chart::read_summary(bytes, "summary.json") {
        Err(e) => one_line(&e),
        Ok(mut s) => {
            (s.charts.width, s.charts.height) = (800, 500);
            finite_of(&s)?;
            let hash =
                bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
            let charts = pns::render::chart::RUN_CHARTS;
            let name = charts[(hash % charts.len() as u64) as usize];
            // Replayed as the summary's format asks (PNG by default), so the SVG writer is fuzzed too.
            let files = |d: pns::render::chart::Drawing| d.files(name, s.charts.format);
            pns::render::chart::render_one(&s, name)
                .and_then(|d| d.map(files).transpose())
                .map(|_| true)
                .or_else(|e| one_line(&e))
        }
    }
}

/// `Partial::from_bytes` on the input; then, if its `partial` object still reads as one, that object re-sealed and
/// read again, merged with the seeds' other shards of its cut and checked against the model of the seeds' scenario.
/// Every refusal must be one line.
fn partial(bytes: &[u8]) -> Result<bool, String> {
    use pns::shard::Partial;
    let direct = Partial::from_bytes(bytes, "partial.json");
    let value: Option<serde_json::Value> = serde_json::from_slice(bytes).ok();
    let inner = value.and_then(|v| serde_json::from_value::<Partial>(v.get("partial")?.clone()).ok());
    let Some(p) = inner else {
        return outcome(direct, |_| Ok(()));
    };
    if let Err(e) = &direct {
        one_line(e)?;
    }
    let p = match Partial::from_bytes(&p.to_bytes(), "partial.json") {
        Ok(p) => p,
        Err(e) => return one_line(&e),
    };
    // The seeds' other shards of the same job and cut, so that a complete set can reach the tallies.
    let mut set = vec![("partial.json".to_string(), p.clone())];
    static SEEDS: std::sync::OnceLock<Vec<Partial>> = std::sync::OnceLock::new();
    let seeds =
        SEEDS.get_or_init(|| corpus::partials().iter().map(|b| Partial::from_bytes(b, "seed.json").unwrap()).collect());
    for q in seeds {
        if q.job.command == p.job.command && q.units.count == p.units.count && q.units.index != p.units.index {
            set.push(("seed.json".into(), q.clone()));
        }
    }
    if p.job.command == "sweep" { merged_sweep(&set) } else { merged_run(&set) }
}

/// A set of run partials merged, then read back as the 2018 scenario's tally.
fn merged_run(set: &[(String, pns::shard::Partial)]) -> Result<bool, String> {
    let merged = match pns::shard::combine(set) {
        Ok(m) => m,
        Err(e) => return one_line(&e),
    };
    match pns::shard::tally::from_counts(&merged.tallies, corpus::model_2018(), corpus::PARTIAL_SIMS, "partial.json") {
        Ok(t) if t.sims == corpus::PARTIAL_SIMS => Ok(true),
        Ok(t) => Err(format!("merged tallies of {} simulations accepted, not {}", t.sims, corpus::PARTIAL_SIMS)),
        Err(e) => one_line(&e),
    }
}

/// A set of sweep partials joined, then read back as the seeds' sweep's points.
fn merged_sweep(set: &[(String, pns::shard::Partial)]) -> Result<bool, String> {
    let merged = match pns::shard::concat(set) {
        Ok(m) => m,
        Err(e) => return one_line(&e),
    };
    match pns::sweep::counts::from_counts(&merged.tallies, merged.total, corpus::SWEEP_PARTIES, "partial.json") {
        Ok(points) if points.len() as u64 == merged.total => Ok(true),
        Ok(points) => Err(format!("{} points accepted for a sweep of {}", points.len(), merged.total)),
        Err(e) => one_line(&e),
    }
}

/// The shipped baselines, loaded once per process (the `seat` and `cli` targets look seats up in them).
fn shipped(name: &str) -> Option<&'static pns::baseline::Baseline> {
    static ALL: std::sync::OnceLock<Vec<pns::baseline::Baseline>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        pns::shipped::names(&pns::shipped::BASELINES)
            .into_iter()
            .map(|n| pns::baseline::Baseline::load(n).unwrap())
            .collect()
    });
    let key = pns::shipped::baseline(name)?.name;
    all.iter().find(|b| b.name == key)
}

/// Looks `query` up in a shipped baseline (GE2017 or GE2024, by a hash of the query): a one-line error, or a seat
/// whose code is the query or whose folded name has a word starting with each folded word of it; that seat's report (the baseline
/// alone) is then rendered as a table and as JSON, every float finite.
fn seat(query: &str) -> Result<bool, String> {
    let hash = query.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100_0000_01b3));
    let b = shipped(if hash % 2 == 0 { "ge2017" } else { "ge2024" }).ok_or("no baseline")?;
    let k = match pns::seats::lookup::resolve(&b.seats, &b.name, query) {
        Err(e) => return one_line(&e),
        Ok(k) => k,
    };
    let c = b.seats.get(k).ok_or(format!("seat index {k} out of range"))?;
    let (name, q) = (pns::seats::names::fold(&c.name), pns::seats::names::fold(query));
    let words: Vec<&str> = q.split(' ').collect();
    if !c.code.eq_ignore_ascii_case(query.trim()) && !pns::seats::lookup::holds_words(&name, &words) {
        return Err(format!("'{query}' found {} ({}), which does not hold it", c.name, c.code));
    }
    let scenario = pns::scenario::Scenario::default();
    let report = pns::report::seat::SeatReport::build(c, &b.name, &scenario, None, None);
    finite_of(&report)?;
    pns::render::table::seat::render(&report);
    pns::render::json::pretty(&report).map_err(|e| e.to_string())?;
    Ok(true)
}

/// Parses a command line as `pns` does; a parse error is clap's (several lines, exit 2: not checked), and a
/// parsed one gets the cheap validation its command does before any work.
fn cli(argv: &[String]) -> Result<bool, String> {
    let Ok(cli) = Cli::try_parse_from(std::iter::once("pns").chain(argv.iter().map(String::as_str))) else {
        return Ok(false);
    };
    let r: Result<(), pns::error::InputError> = match cli.command {
        Command::Project(a) => {
            pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &pns::commands::overrides(&a.input)).map(drop)
        }
        Command::Run(a) => a.exec.threads.map(pns::commands::threads_rule).transpose().and_then(|_| {
            a.exec.shard.as_deref().map(pns::shard::Shard::parse).transpose()?;
            pns::scenario::rules::chart_size_flag(a.exec.size.as_deref())?;
            pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &pns::commands::run_overrides(&a)).map(drop)
        }),
        Command::Estimate(a) => pns::commands::estimate::options(&a)
            .and_then(|_| pns::scenario::rules::chart_format_flag(a.chart_format.as_deref()))
            .map(drop),
        Command::Plot(a) => pns::scenario::rules::chart_format_flag(a.chart_format.as_deref()).map(drop),
        Command::Changes(a) => {
            pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &pns::commands::overrides(&a.input)).map(drop)
        }
        Command::Seat(a) => {
            let alone = a.input.scenario.is_none() && a.input.shares.is_empty();
            let flags = pns::scenario::Overrides { baseline_alone: alone, ..pns::commands::overrides(&a.input) };
            pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &flags).and_then(|s| {
                match shipped(&s.baseline) {
                    Some(b) => pns::seats::lookup::resolve(&b.seats, &b.name, &a.seat).map(drop),
                    None => Ok(()),
                }
            })
        }
        Command::Targets(a) => pns::commands::targets::options(&a).and_then(|_| {
            pns::scenario::Scenario::resolve(a.input.scenario.as_deref(), &pns::commands::overrides(&a.input)).map(drop)
        }),
        Command::Sweep(a) => sweep_args(&a),
        Command::Backtest(a) if a.locals.is_none() => pns::commands::backtest::resolve(&a).map(drop),
        _ => Ok(()),
    };
    outcome(r, |_| Ok(()))
}
