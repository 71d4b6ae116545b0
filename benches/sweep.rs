//! Criterion bench of a sweep's simulations: a block of 64 points of the Reform × Labour sweep (GE2024, the hybrid,
//! 2,048 simulations each), one after another with their own normals, and together with each chunk's normals
//! shared, as `pns sweep` runs them.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pns::engine::{Isa, SimModel, simulate_many, simulate_on};
use pns::party::Party;
use pns::project::{Plan, load_baseline, project};
use pns::scenario::Scenario;
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/sweep-reform-lab.toml");
    let base = Scenario::load(&path).unwrap();
    let baseline = load_baseline(&base).unwrap();
    // Reform from 14.25 % to 30 % in steps of 0.25, the other shares as the scenario has them.
    let models: Vec<SimModel> = (0..pns::sweep::BLOCK)
        .map(|k| {
            let reform = 14.25 + 0.25 * k as f64;
            let mut s = base.clone();
            s.shares.iter_mut().filter(|(p, _)| *p == Party::REFORM).for_each(|(_, v)| *v = reform / 100.0);
            let plan = Plan::new(&baseline, &s, "bench").unwrap();
            let central = project(&baseline, &plan);
            SimModel::new(&baseline, &s, &plan, &central, vec![]).unwrap()
        })
        .collect();
    let refs: Vec<&SimModel> = models.iter().collect();
    let (sims, isa) = (2_048, Isa::detect());
    let mut g = c.benchmark_group("sweep");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sims * models.len() as u64));
    g.bench_function(format!("64-points-2048-sims/own-normals/{isa}"), |b| {
        b.iter(|| refs.iter().map(|m| simulate_on(isa, m, sims, black_box(1), &|_| {})).collect::<Vec<_>>())
    });
    g.bench_function(format!("64-points-2048-sims/shared-normals/{isa}"), |b| {
        b.iter(|| black_box(simulate_many(isa, &refs, sims, black_box(1))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
