//! Criterion bench: `pns targets` on a 631-seat GB scenario, baseline parsing included (target ≤ 50 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use pns::party::Party;
use pns::project::{Plan, load_baseline, project};
use pns::scenario::{Covariate, CovariateSlopes, Geography, Model, Scenario, Slope, Tactical};
use std::hint::black_box;

/// The 2025 PNS applied to the whole of GB on GE2024 (631 projected seats).
fn scenario(model: Model) -> Scenario {
    Scenario {
        baseline: "ge2024".into(),
        model,
        shares: vec![
            (Party::REFORM, 0.30),
            (Party::LAB, 0.20),
            (Party::LD, 0.17),
            (Party::CON, 0.15),
            (Party::GREEN, 0.11),
        ],
        ..Scenario::default()
    }
}

/// Parse, plan, project, and the party's first 25 targets (or defences).
fn targets(s: &Scenario, party: Party, defend: bool) -> usize {
    let baseline = load_baseline(black_box(s)).unwrap();
    let plan = Plan::new(&baseline, s, "bench").unwrap();
    let central = project(&baseline, &plan);
    pns::seats::targets::targets(&baseline, s, &plan, &central, party, defend, 25).seats.len()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("targets");
    g.sample_size(30);
    for model in Model::ALL {
        let s = scenario(model);
        for (party, defend) in [(Party::LAB, false), (Party::REFORM, false), (Party::LAB, true)] {
            let name = format!("{}/{}{}", model.code(), party.code(), if defend { "-defend" } else { "" });
            g.bench_function(name, |b| b.iter(|| black_box(targets(&s, party, defend))));
        }
    }
    // The hybrid with Leave slopes and tactical voting (raked under every shift).
    let mut s = scenario(Model::Hybrid);
    s.geography = Geography {
        covariates: vec![CovariateSlopes {
            covariate: Covariate::Leave,
            slopes: vec![
                Slope { party: Party::CON, slope: -0.37, se: 0.0 },
                Slope { party: Party::REFORM, slope: 0.26, se: 0.0 },
            ],
        }],
        tactical: Some(Tactical { spec: Default::default(), strength: 0.2, se: 0.0 }),
        learned_from: None,
    };
    g.bench_function("hybrid+leave+tactical/lab", |b| b.iter(|| black_box(targets(&s, Party::LAB, false))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
