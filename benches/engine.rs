//! Criterion bench of the Monte Carlo kernel: 10,000 simulated elections on GE2019, all three noise layers, for
//! each swing model on the fastest kernel, and for uniform swing on every kernel this CPU runs.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pns::commands::bench::scenario;
use pns::engine::{Isa, SimModel, simulate_on};
use pns::project::{Plan, load_baseline, project};
use pns::scenario::Model;
use pns::summary::coalitions_for;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("engine");
    g.sample_size(20);
    let sims = 10_000;
    g.throughput(Throughput::Elements(sims));
    for model in Model::ALL {
        let s = scenario(model);
        let baseline = load_baseline(&s).unwrap();
        let plan = Plan::new(&baseline, &s, "bench").unwrap();
        let central = project(&baseline, &plan);
        let m = SimModel::new(&baseline, &s, &plan, &central, coalitions_for(&s, &central)).unwrap();
        let isas = if model == Model::Uns { Isa::available() } else { vec![Isa::detect()] };
        for isa in isas {
            g.bench_function(format!("10k-sims/{}/{isa}", model.code()), |b| {
                b.iter(|| black_box(simulate_on(isa, &m, sims, black_box(1), &|_| {})))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
