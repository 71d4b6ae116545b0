//! Criterion bench: `pns changes` and `pns seat` on the 2018 scenario through the library (target ≤ 50 ms each).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::project::{Plan, load_baseline, project};
use pns::render::{csv, json, table};
use pns::report::changes::ChangesReport;
use pns::report::seat::{Projected, SeatReport};
use pns::scenario::Scenario;
use pns::seats::{changes::changes, lookup};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/2018-bbc-pns.toml");
    let mut g = c.benchmark_group("seat_tools");
    // Everything the command does but printing: read the scenario, parse the baseline, plan, project, report, render.
    g.bench_function("changes/2018 (scenario to table, json and csv)", |b| {
        b.iter(|| {
            let s = Scenario::load(black_box(&path)).unwrap();
            let baseline = load_baseline(&s).unwrap();
            let plan = Plan::new(&baseline, &s, "bench").unwrap();
            let p = project(&baseline, &plan);
            let national = plan.areas.last().unwrap().target;
            let report = ChangesReport::build(&baseline, &s, &national, &changes(&baseline, &p), None);
            black_box((table::changes::render(&report), json::pretty(&report).unwrap(), csv::changes::render(&report)))
        })
    });
    for (label, query) in [("exact name", "Harrow East"), ("misspelt: suggestions", "Harow Eats")] {
        g.bench_function(format!("seat/2018 {label} (scenario to table and json)"), |b| {
            b.iter(|| {
                let s = Scenario::load(black_box(&path)).unwrap();
                let baseline = load_baseline(&s).unwrap();
                let found = lookup::resolve(&baseline.seats, &baseline.name, black_box(query));
                let plan = Plan::new(&baseline, &s, "bench").unwrap();
                let p = project(&baseline, &plan);
                let k = found.unwrap_or(0);
                let projected = Projected { shares: &p.shares[k], winner: p.winners[k], moved: p.moved[k] };
                let report = SeatReport::build(&baseline.seats[k], &baseline.name, &s, Some(projected), None);
                black_box((table::seat::render(&report), json::pretty(&report).unwrap()))
            })
        });
    }
    // The seat tools' own part: the projection built once, then the changes or the seat found, reported and rendered.
    let s = Scenario::load(&path).unwrap();
    let b2017 = load_baseline(&s).unwrap();
    let plan = Plan::new(&b2017, &s, "bench").unwrap();
    let p = project(&b2017, &plan);
    let national = plan.areas.last().unwrap().target;
    g.bench_function("changes/2018 after the projection (tallies, report, table, json, csv)", |b| {
        b.iter(|| {
            let report = ChangesReport::build(&b2017, &s, &national, &changes(&b2017, black_box(&p)), None);
            black_box((table::changes::render(&report), json::pretty(&report).unwrap(), csv::changes::render(&report)))
        })
    });
    g.bench_function("seat/2018 after the projection (lookup, report, table, json)", |b| {
        b.iter(|| {
            let k = lookup::resolve(&b2017.seats, &b2017.name, black_box("harrow east")).unwrap();
            let projected = Projected { shares: &p.shares[k], winner: p.winners[k], moved: p.moved[k] };
            let report = SeatReport::build(&b2017.seats[k], &b2017.name, &s, Some(projected), None);
            black_box((table::seat::render(&report), json::pretty(&report).unwrap()))
        })
    });
    g.bench_function("baseline parse only/ge2017", |b| b.iter(|| black_box(load_baseline(black_box(&s)).unwrap())));
    let baseline = pns::baseline::Baseline::load("ge2024").unwrap();
    for query in ["Ynys Môn", "Croydon Eats", "E14001186"] {
        g.bench_function(format!("lookup only/ge2024 '{query}'"), |b| {
            b.iter(|| black_box(lookup::find(&baseline.seats, black_box(query))))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
