//! Projection invariants and golden values on the real baselines.

use pns::baseline::Baseline;
use pns::party::{N_PARTIES, Party};
use pns::project::{Plan, project};
use pns::scenario::{Model, Scenario, Scope};
use pns::shipped::{BASELINES, names};
use proptest::prelude::*;

fn scenario(baseline: &str, model: Model, shares: Vec<(Party, f64)>, hold: Vec<Party>) -> Scenario {
    Scenario { baseline: baseline.into(), model, shares, hold, ..Scenario::default() }
}

fn run(b: &Baseline, s: &Scenario) -> (Plan, pns::project::Projection) {
    let plan = Plan::new(b, s, "test").expect("plan");
    let p = project(b, &plan);
    (plan, p)
}

#[test]
fn zero_swing_reproduces_every_winner() {
    for name in names(&BASELINES) {
        let b = Baseline::load(name).unwrap();
        let e = b.shares_over(Baseline::is_gb_party_seat);
        let all: Vec<(Party, f64)> = Party::all().filter(|p| e[p.index()] > 0.0).map(|p| (p, e[p.index()])).collect();
        // Only the big three named, SNP/PC held, the rest scaled pro rata (by exactly 1).
        let three: Vec<(Party, f64)> = [Party::CON, Party::LAB, Party::LD].iter().map(|p| (*p, e[p.index()])).collect();
        for model in Model::ALL {
            for (shares, hold) in [(all.clone(), vec![]), (three.clone(), vec![Party::SNP, Party::PC])] {
                let s = scenario(name, model, shares, hold);
                let (_, p) = run(&b, &s);
                for (k, c) in b.seats.iter().enumerate() {
                    assert_eq!(p.winners[k], c.winner, "{name} {model:?} {}", c.name);
                }
            }
        }
    }
}

#[test]
fn england_scope_leaves_scotland_and_wales_alone() {
    let b = Baseline::load("ge2017").unwrap();
    let mut s = scenario("ge2017", Model::Uns, vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)], vec![]);
    s.scope = Scope::England;
    let (_, p) = run(&b, &s);
    for (k, c) in b.seats.iter().enumerate() {
        if c.nation != pns::geo::Nation::England {
            assert_eq!(p.shares[k], c.shares, "{}", c.name);
            assert!(!p.moved[k]);
        }
    }
}

/// Random named shares: up to four of con, lab, ld, green, reform, summing to at most 90 %.
fn shares_strategy() -> impl Strategy<Value = Vec<(Party, f64)>> {
    (prop::collection::vec(0.0f64..1.0, 5), 0.3f64..0.9).prop_map(|(w, total)| {
        let parties = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM];
        let sum: f64 = w.iter().sum::<f64>().max(1e-9);
        parties.iter().zip(w).map(|(p, x)| (*p, x / sum * total)).filter(|(_, v)| *v > 0.0).collect()
    })
}

fn baseline_strategy() -> impl Strategy<Value = &'static str> {
    prop::sample::select(names(&BASELINES))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn seats_sum_and_shares_are_valid(name in baseline_strategy(), shares in shares_strategy(), m in 0usize..3, england in any::<bool>()) {
        let b = Baseline::load(name).unwrap();
        let mut s = scenario(name, Model::ALL[m], shares, vec![Party::SNP, Party::PC]);
        if england { s.scope = Scope::England; }
        s.stands_everywhere = vec![Party::REFORM];
        let Ok(plan) = Plan::new(&b, &s, "test") else { return Ok(()); };
        let p = project(&b, &plan);
        prop_assert_eq!(p.seat_counts().iter().sum::<u32>(), 650);
        for sh in &p.shares {
            let t: f64 = sh.iter().sum();
            prop_assert!((t - 1.0).abs() < 1e-9, "sum {t}");
            prop_assert!(sh.iter().all(|v| *v >= 0.0 && *v <= 1.0));
        }
    }

    #[test]
    fn stm_hits_national_targets_exactly(name in baseline_strategy(), shares in shares_strategy()) {
        let b = Baseline::load(name).unwrap();
        let s = scenario(name, Model::Stm, shares, vec![]);
        let Ok(plan) = Plan::new(&b, &s, "test") else { return Ok(()); };
        let p = project(&b, &plan);
        let achieved = p.shares_over(&b, |k| Baseline::is_gb_party_seat(&b.seats[k]));
        let target = plan.areas[0].target;
        for i in 0..N_PARTIES {
            prop_assert!((achieved[i] - target[i]).abs() < 1e-9, "{}: {} vs {}", Party::from_index(i), achieved[i], target[i]);
        }
        for sh in &p.shares {
            prop_assert!(sh.iter().all(|v| (0.0..=1.0).contains(v)));
        }
    }
}
