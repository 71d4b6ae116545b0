//! Benchmark: the PNS estimate of the largest shipped pair (2019-2023) with 2,000 bootstrap resamples, and the
//! validation interval (every shipped pair estimated without a bootstrap).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::estimate::{EstimateOptions, estimate_shipped, validation};
use std::hint::black_box;

fn estimate_largest_pair(c: &mut Criterion) {
    let opts = EstimateOptions { bootstrap: 2000, ..EstimateOptions::default() };
    let mut group = c.benchmark_group("estimate");
    group.sample_size(20);
    group.bench_function("2019-2023, 2000 resamples", |b| {
        b.iter(|| estimate_shipped(black_box("2019-2023"), &opts).expect("shipped pair estimates"))
    });
    group.bench_function("2019-2023, point estimate only", |b| {
        let opts = EstimateOptions { bootstrap: 0, ..EstimateOptions::default() };
        b.iter(|| estimate_shipped(black_box("2019-2023"), &opts).expect("shipped pair estimates"))
    });
    group.bench_function("validation interval (7 pairs, point estimates)", |b| {
        b.iter(|| validation::of_estimator(black_box(&EstimateOptions::default())).expect("shipped pairs validate"))
    });
    group.finish();
}

criterion_group!(benches, estimate_largest_pair);
criterion_main!(benches);
