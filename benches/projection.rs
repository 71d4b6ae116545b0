//! Criterion bench: one deterministic projection, baseline parsing included (target ≤ 5 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::party::Party;
use pns::project::{Plan, load_baseline, project};
use pns::scenario::{Model, Scenario, Scope};
use std::hint::black_box;

fn scenario(model: Model) -> Scenario {
    Scenario {
        baseline: "ge2017".into(),
        model,
        scope: Scope::England,
        shares: vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)],
        ..Scenario::default()
    }
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("projection");
    for model in Model::ALL {
        let s = scenario(model);
        g.bench_function(format!("parse+project/{}", model.code()), |b| {
            b.iter(|| {
                let baseline = load_baseline(black_box(&s)).unwrap();
                let plan = Plan::new(&baseline, &s, "bench").unwrap();
                black_box(project(&baseline, &plan).seat_counts())
            })
        });
    }
    // The hybrid with Leave slopes and tactical voting (the seats raked to the targets).
    let mut s = scenario(Model::Hybrid);
    s.geography = pns::scenario::Geography {
        covariates: vec![pns::scenario::CovariateSlopes {
            covariate: pns::scenario::Covariate::Leave,
            slopes: vec![
                pns::scenario::Slope { party: Party::CON, slope: -0.37, se: 0.0 },
                pns::scenario::Slope { party: Party::UKIP, slope: 0.26, se: 0.0 },
            ],
        }],
        tactical: Some(pns::scenario::Tactical { spec: Default::default(), strength: 0.2, se: 0.0 }),
        learned_from: None,
    };
    g.bench_function("parse+project/hybrid+leave+tactical", |b| {
        b.iter(|| {
            let baseline = load_baseline(black_box(&s)).unwrap();
            let plan = Plan::new(&baseline, &s, "bench").unwrap();
            black_box(project(&baseline, &plan).seat_counts())
        })
    });
    let s = scenario(Model::Uns);
    let baseline = load_baseline(&s).unwrap();
    let plan = Plan::new(&baseline, &s, "bench").unwrap();
    g.bench_function("project-only/uns", |b| b.iter(|| black_box(project(&baseline, black_box(&plan)).seat_counts())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
