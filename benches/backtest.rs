//! Benchmark of `pns backtest --all`, deterministic part: every shipped pair × model × swing level.

use criterion::{Criterion, criterion_group, criterion_main};
use pns::backtest::{Options, PAIRS, Pair, run_all, run_pair};
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
                black_box(run_pair(black_box(pair), &options).unwrap());
            }
        })
    });
}

criterion_group!(benches, backtest);
criterion_main!(benches);
