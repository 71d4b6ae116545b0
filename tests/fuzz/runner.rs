//! Runs a pass: inputs on worker threads, each caught if it panics, timed by a watchdog, its memory counted.

use super::alloc;
use super::targets::{Input, Seeds, Target};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex, Once};
use std::time::{Duration, Instant};

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
    pub target: Target,
    /// Inputs `start .. start + inputs` of the pass seeded with `seed`.
    pub seed: u64,
    pub start: u64,
    pub inputs: u64,
    pub jobs: usize,
    /// An input running longer is a hang.
    pub timeout: Duration,
    /// The pass stops after this many findings.
    pub max_findings: usize,
    /// Prints a progress line this often (never if `None`).
    pub progress: Option<Duration>,
}

/// Something wrong with one input.
#[derive(Clone, Debug)]
pub struct Finding {
    pub index: u64,
    /// `panic`, `hang`, `memory` or `check` (a non-finite result or an error not on one line).
    pub kind: &'static str,
    pub message: String,
    pub input: Input,
}

/// What a pass did.
#[derive(Debug, Default)]
pub struct Report {
    pub inputs: u64,
    /// Inputs the loader accepted (the others were refused with a one-line error).
    pub accepted: u64,
    pub elapsed: Duration,
    pub findings: Vec<Finding>,
    /// A hang stops the pass: its worker cannot be stopped, and the process should exit.
    pub hung: bool,
}

/// The message of the last panic (on any thread: a loader's panic may come from a rayon worker).
static PANIC: Mutex<String> = Mutex::new(String::new());

/// Panics are recorded for the finding instead of printed.
fn quiet_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| *PANIC.lock().unwrap_or_else(|e| e.into_inner()) = info.to_string()))
    });
}

/// The shared state of a pass.
struct Shared {
    cfg: Config,
    seeds: Seeds,
    next: AtomicU64,
    stop: AtomicBool,
    done: AtomicU64,
    accepted: AtomicU64,
    findings: Mutex<Vec<Finding>>,
    epoch: Instant,
}

impl Shared {
    fn found(&self, f: Finding) {
        let mut all = self.findings.lock().unwrap_or_else(|e| e.into_inner());
        all.push(f);
        if all.len() >= self.cfg.max_findings {
            self.stop.store(true, Relaxed);
        }
    }
}

/// One worker: takes the next index until the pass ends; `slot` holds (index, start time in ns + 1; 0 = idle).
fn worker(shared: &Shared, slot: &[AtomicU64; 2]) {
    let end = shared.cfg.start + shared.cfg.inputs;
    while !shared.stop.load(Relaxed) {
        let index = shared.next.fetch_add(1, Relaxed);
        if index >= end {
            break;
        }
        let input = shared.cfg.target.input(&shared.seeds, shared.cfg.seed, index);
        slot[0].store(index, Relaxed);
        slot[1].store(shared.epoch.elapsed().as_nanos() as u64 + 1, Relaxed);
        let base = alloc::live();
        alloc::reset_peak();
        let result = catch_unwind(AssertUnwindSafe(|| shared.cfg.target.check(&input)));
        let peak = alloc::peak_since_reset(base);
        slot[1].store(0, Relaxed);
        let finding = |kind, message| Finding { index, kind, message, input: input.clone() };
        match result {
            Ok(Ok(accepted)) => drop(shared.accepted.fetch_add(u64::from(accepted), Relaxed)),
            Ok(Err(m)) => shared.found(finding("check", m)),
            Err(_) => shared.found(finding("panic", PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone())),
        }
        if peak > alloc::LIMIT {
            shared.found(finding("memory", format!("allocated {peak} bytes at once (limit {})", alloc::LIMIT)));
        }
        shared.done.fetch_add(1, Relaxed);
    }
}

/// Runs the pass described by `cfg`.
pub fn run(cfg: &Config) -> Report {
    quiet_panics();
    let seeds = cfg.target.seeds();
    let shared = Arc::new(Shared {
        cfg: cfg.clone(),
        seeds,
        next: AtomicU64::new(cfg.start),
        stop: AtomicBool::new(false),
        done: AtomicU64::new(0),
        accepted: AtomicU64::new(0),
        findings: Mutex::new(Vec::new()),
        epoch: Instant::now(),
    });
    let slots: Vec<Arc<[AtomicU64; 2]>> =
        (0..cfg.jobs.max(1)).map(|_| Arc::new([AtomicU64::new(0), AtomicU64::new(0)])).collect();
    let workers: Vec<_> = slots
        .iter()
        .map(|slot| {
            let (shared, slot) = (Arc::clone(&shared), Arc::clone(slot));
            std::thread::spawn(move || worker(&shared, &slot))
        })
        .collect();
    let hung = watch(&shared, &slots, &workers);
    if !hung {
        workers.into_iter().for_each(|w| w.join().expect("a worker died outside its inputs"));
    }
    let findings = shared.findings.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Report {
        inputs: shared.done.load(Relaxed),
        accepted: shared.accepted.load(Relaxed),
        elapsed: shared.epoch.elapsed(),
        findings,
        hung,
    }
}

/// The watchdog: until every worker ends, checks each one's running input against the time limit and prints the
/// progress. `true` if an input hung (recorded as a finding).
fn watch(shared: &Shared, slots: &[Arc<[AtomicU64; 2]>], workers: &[std::thread::JoinHandle<()>]) -> bool {
    let mut last = Instant::now();
    while !workers.iter().all(|w| w.is_finished()) {
        std::thread::sleep(Duration::from_millis(20));
        let now = shared.epoch.elapsed().as_nanos() as u64;
        for slot in slots {
            let started = slot[1].load(Relaxed);
            if started != 0 && now.saturating_sub(started - 1) > shared.cfg.timeout.as_nanos() as u64 {
                let index = slot[0].load(Relaxed);
                let input = shared.cfg.target.input(&shared.seeds, shared.cfg.seed, index);
                let message = format!("still running after {:?}", shared.cfg.timeout);
                shared.found(Finding { index, kind: "hang", message, input });
                shared.stop.store(true, Relaxed);
                return true;
            }
        }
        if shared.cfg.progress.is_some_and(|every| last.elapsed() >= every) {
            last = Instant::now();
            let done = shared.done.load(Relaxed);
            let secs = shared.epoch.elapsed().as_secs_f64();
            eprintln!(
                "{}: {done}/{} inputs, {:.0}/s, {} findings",
                shared.cfg.target.name(),
                shared.cfg.inputs,
                done as f64 / secs,
                shared.findings.lock().map_or(0, |f| f.len())
            );
        }
    }
    false
}
