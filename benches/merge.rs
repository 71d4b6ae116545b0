//! Criterion bench of `pns merge`'s core: 100 partials of a 10⁶-simulation run of the 2018 scenario, each read
//! (JSON, SHA-256, units), combined (same job, every shard once, counts added) and turned back into the run's tally.

use criterion::{Criterion, criterion_group, criterion_main};
use pns::engine::{CHUNK, Isa, SimModel, simulate_chunks};
use pns::project::{Plan, load_baseline, project};
use pns::scenario::Scenario;
use pns::shard::{Job, Partial, Shard, Units, combine, tally};
use pns::summary::coalitions_for;
use std::hint::black_box;

const SIMS: u64 = 1_000_000;
const SHARDS: u64 = 100;

fn bench(c: &mut Criterion) {
    let s = Scenario::load(std::path::Path::new("scenarios/2018-bbc-pns.toml")).unwrap();
    let baseline = load_baseline(&s).unwrap();
    let plan = Plan::new(&baseline, &s, "bench").unwrap();
    let central = project(&baseline, &plan);
    let m = SimModel::new(&baseline, &s, &plan, &central, coalitions_for(&s, &central)).unwrap();
    let job = Job {
        command: "run".into(),
        args: vec!["--sims=1000000".into(), "--seed=4".into()],
        fingerprint: pns::shard::job::fingerprint(&s, &m),
        seed: 4,
        pns_version: env!("CARGO_PKG_VERSION").into(),
    };
    let total = SIMS.div_ceil(CHUNK);
    // The partials' bytes, as the shards write them (the whole run is simulated once, here).
    let files: Vec<Vec<u8>> = (1..=SHARDS)
        .map(|index| {
            let r = Shard { index, count: SHARDS }.units(total);
            let t = simulate_chunks(Isa::detect(), &m, SIMS, 4, r.clone(), &|_| {});
            let units = Units { index, count: SHARDS, start: r.start, end: r.end, total };
            Partial { job: job.clone(), units, tallies: tally::to_counts(&t) }.to_bytes()
        })
        .collect();
    let mut g = c.benchmark_group("shards");
    g.sample_size(10);
    g.bench_function("merge-100-partials-of-1M-sims", |b| {
        b.iter(|| {
            let partials: Vec<(String, Partial)> = files
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("shard-{i}"), Partial::from_bytes(black_box(f), "p").unwrap()))
                .collect();
            let merged = combine(&partials).unwrap();
            black_box(tally::from_counts(&merged.tallies, &m, SIMS, "merged").unwrap())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
