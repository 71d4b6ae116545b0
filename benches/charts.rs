//! Criterion bench: the swing sweep and the five charts of one run (target ≤ 1 s together).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::engine::{SimModel, simulate};
use pns::project::{Plan, load_baseline, project};
use pns::render::chart;
use pns::scenario::Scenario;
use pns::summary::{build, coalitions_for, sweep};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let scenario = Scenario::load(Path::new("scenarios/2018-bbc-pns.toml")).unwrap();
    let baseline = load_baseline(&scenario).unwrap();
    let plan = Plan::new(&baseline, &scenario, "bench").unwrap();
    let central = project(&baseline, &plan);
    let model = SimModel::new(&baseline, &scenario, &plan, &central, coalitions_for(&scenario, &central)).unwrap();
    let tally = simulate(&model, 10_000, 2018, &|_| {});
    let summary = build(&baseline, &scenario, &model, &central, &tally, 2018);
    let json = serde_json::to_vec_pretty(&summary).unwrap();

    let mut g = c.benchmark_group("charts");
    g.sample_size(20);
    g.bench_function("swing sweep (61 projections)", |b| {
        b.iter(|| black_box(sweep(&baseline, black_box(&plan), &central)))
    });
    g.bench_function("five charts from summary.json", |b| {
        b.iter(|| black_box(chart::render_saved(black_box(&json), "summary.json").unwrap()))
    });
    g.bench_function("sweep + five charts", |b| {
        b.iter(|| {
            black_box(sweep(&baseline, &plan, &central));
            black_box(chart::render_saved(black_box(&json), "summary.json").unwrap())
        })
    });
    for name in chart::RUN_CHARTS {
        g.bench_function(format!("{name}.png"), |b| b.iter(|| black_box(chart::render_one(&summary, name).unwrap())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
