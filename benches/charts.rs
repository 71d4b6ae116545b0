//! Criterion bench: the swing sweep and the five charts of one run, as PNG and as SVG (targets: the five ≤ 1 s
//! together; SVG no slower than 2× PNG).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::engine::{SimModel, simulate};
use pns::project::{Plan, load_baseline, project};
use pns::render::chart;
use pns::scenario::{ChartFormat, Scenario};
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
    for format in [ChartFormat::Png, ChartFormat::Svg, ChartFormat::Both] {
        g.bench_function(format!("five charts from summary.json ({})", format.code()), |b| {
            b.iter(|| black_box(chart::render_saved(black_box(&json), "summary.json", Some(format), None).unwrap()))
        });
    }
    g.bench_function("sweep + five charts", |b| {
        b.iter(|| {
            black_box(sweep(&baseline, &plan, &central));
            black_box(chart::render_saved(black_box(&json), "summary.json", None, None).unwrap())
        })
    });
    for name in chart::RUN_CHARTS {
        let draw = || chart::render_one(&summary, name).unwrap().unwrap();
        g.bench_function(format!("{name} recorded"), |b| b.iter(|| black_box(draw())));
        g.bench_function(format!("{name}.png"), |b| b.iter(|| black_box(draw().png().unwrap())));
        g.bench_function(format!("{name}.svg"), |b| b.iter(|| black_box(draw().svg().unwrap())));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
