//! The fuzz harness's command: `cargo run --release --example fuzz -- --target ward --inputs 1000000 --seed 1`.

#[path = "../tests/fuzz/mod.rs"]
mod fuzz;

use fuzz::runner::{Config, Finding, Report, run};
use fuzz::targets::{Input, Target};
use std::time::Duration;

#[global_allocator]
static ALLOC: fuzz::alloc::Counting = fuzz::alloc::Counting;

const USAGE: &str = "usage: fuzz [--target scenario|baseline|ward|cli|summary|seat|partial|all] [--inputs N] [--seed S] \
                     [--start I] [--jobs J] [--timeout SECS] [--max-findings N] [--findings DIR]";

/// The flags, with their defaults.
struct Flags {
    targets: Vec<Target>,
    cfg: Config,
    findings_dir: std::path::PathBuf,
}

fn parse(args: &[String]) -> Result<Flags, String> {
    let mut cfg = Config {
        target: Target::Scenario,
        seed: 1,
        start: 0,
        inputs: 10_000,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        timeout: Duration::from_secs(2),
        max_findings: 20,
        progress: Some(Duration::from_secs(30)),
    };
    let (mut targets, mut findings_dir) = (vec![Target::Scenario], "target/fuzz-findings".into());
    for pair in args.chunks(2) {
        let [flag, value] = pair else { return Err(format!("{} needs a value", pair[0])) };
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: '{value}' is not a whole number"));
        match flag.as_str() {
            "--target" if value == "all" => targets = Target::ALL.to_vec(),
            "--target" => targets = vec![Target::from_name(value).ok_or(format!("unknown target '{value}'"))?],
            "--inputs" => cfg.inputs = number()?,
            "--seed" => cfg.seed = number()?,
            "--start" => cfg.start = number()?,
            "--jobs" => cfg.jobs = number()?.max(1) as usize,
            "--timeout" => cfg.timeout = Duration::from_secs(number()?),
            "--max-findings" => cfg.max_findings = number()?.max(1) as usize,
            "--findings" => findings_dir = value.into(),
            _ => return Err(format!("unknown flag '{flag}'")),
        }
    }
    Ok(Flags { targets, cfg, findings_dir })
}

/// Writes a finding's input to `dir` and says how to reproduce it.
fn save(dir: &std::path::Path, cfg: &Config, f: &Finding) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let stem = format!("{}-seed{}-{}", cfg.target.name(), cfg.seed, f.index);
    let path = match &f.input {
        Input::Text(bytes) => (dir.join(format!("{stem}.input")), bytes.clone()),
        Input::Args(argv) => (dir.join(format!("{stem}.args")), format!("{argv:?}\n").into_bytes()),
    };
    std::fs::write(&path.0, path.1)?;
    println!("  {} #{}: {} (input: {})", f.kind, f.index, f.message.replace('\n', " "), path.0.display());
    println!("    reproduce: --target {} --seed {} --start {} --inputs 1", cfg.target.name(), cfg.seed, f.index);
    Ok(())
}

fn summary(cfg: &Config, r: &Report) {
    println!(
        "{}: {} inputs in {:.1} s ({:.0}/s, {} jobs), {} accepted, {} refused with a one-line error, {} findings",
        cfg.target.name(),
        r.inputs,
        r.elapsed.as_secs_f64(),
        r.inputs as f64 / r.elapsed.as_secs_f64().max(1e-9),
        cfg.jobs,
        r.accepted,
        r.inputs - r.accepted - r.findings.len() as u64,
        r.findings.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flags = parse(&args).unwrap_or_else(|e| {
        eprintln!("error: {e}\n{USAGE}");
        std::process::exit(2)
    });
    let mut failed = false;
    for target in flags.targets {
        let cfg = Config { target, ..flags.cfg.clone() };
        let report = run(&cfg);
        summary(&cfg, &report);
        for f in &report.findings {
            save(&flags.findings_dir, &cfg, f).unwrap_or_else(|e| eprintln!("cannot save the finding: {e}"));
        }
        failed |= !report.findings.is_empty();
        if report.hung {
            // The hung worker cannot be stopped: end the process (the finding is saved).
            std::process::exit(1);
        }
    }
    std::process::exit(i32::from(failed));
}
