//! Benchmark of `pns backtest --all`: every shipped pair × model × swing level, deterministic and with simulations.

use criterion::{Criterion, criterion_group, criterion_main};
use pns::backtest::{Options, PAIRS, Pair, Simulation, run_all, run_pair};
use std::hint::black_box;

fn backtest(c: &mut Criterion) {
    let options = Options::default();
    c.bench_function("backtest --all (load, project, score)", |b| {
        b.iter(|| black_box(run_all(black_box(&options)).unwrap()))
    });
    let pairs: Vec<Pair> = PAIRS.iter().map(|(from, to)| Pair::load(from, to).unwrap()).collect();
    c.bench_function("backtest --all (project, score; pairs loaded)", |b| {
        b.iter(|| {
            for pair in &pairs {
                black_box(run_pair(black_box(pair), &options, &|| {}).unwrap());
            }
        })
    });
    // The probabilistic part, at 1,000 simulations per case (36,000 in all; time scales with the simulations).
    let options = Options { simulation: Some(Simulation::new(1000, 1)), ..Options::default() };
    let mut group = c.benchmark_group("probabilistic");
    group.sample_size(10);
    group.bench_function("backtest --all --sims 1000", |b| b.iter(|| black_box(run_all(black_box(&options)).unwrap())));
    group.finish();
}

criterion_group!(benches, backtest);
criterion_main!(benches);
