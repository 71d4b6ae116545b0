//! The hybrid model, covariate slopes and tactical voting: exact area targets, reductions, invariants.

use pns::baseline::Baseline;
use pns::party::{N_PARTIES, Party, PartyVec};
use pns::project::{Plan, Projection, Swing, project};
use pns::scenario::{Covariate, CovariateSlopes, Geography, Model, Scenario, Slope, Tactical, TacticalSpec, Where};
use pns::shipped::{BASELINES, names};
use proptest::prelude::*;

fn geography(con: f64, lab: f64, reform: f64, t: f64, seats: Where) -> Geography {
    let slope = |party, slope| Slope { party, slope, se: 0.0 };
    Geography {
        covariates: vec![CovariateSlopes {
            covariate: Covariate::Leave,
            slopes: vec![slope(Party::CON, con), slope(Party::LAB, lab), slope(Party::REFORM, reform)],
        }],
        tactical: Some(Tactical {
            spec: TacticalSpec { against: Party::CON, bloc: vec![Party::LAB, Party::LD], seats },
            strength: t,
            se: 0.0,
        }),
        learned_from: None,
    }
}

/// A scenario on `baseline` with the Reform series mapped onto its predecessor where needed.
fn scenario(baseline: &str, model: Model, shares: Vec<(Party, f64)>, geo: Geography) -> Scenario {
    let lineage = match baseline {
        "ge2019" | "ge2019n" => vec![(Party::REFORM, Party::BREXIT)],
        "ge2010" | "ge2015" | "ge2017" => vec![(Party::REFORM, Party::UKIP)],
        _ => vec![],
    };
    Scenario { baseline: baseline.into(), model, shares, lineage, geography: geo, ..Scenario::default() }
}

fn run(s: &Scenario) -> (Baseline, Plan, Projection) {
    let b = pns::project::load_baseline(s).unwrap();
    let plan = Plan::new(&b, s, "test").unwrap();
    let p = project(&b, &plan);
    (b, plan, p)
}

/// Every seat's shares are ≥ 0 and sum to 1; every area's moved seats meet its target to 1e-9.
fn assert_exact(b: &Baseline, plan: &Plan, p: &Projection, label: &str) {
    for (k, s) in p.shares.iter().enumerate() {
        assert!(s.iter().all(|v| *v >= 0.0), "{label}: seat {k} {s:?}");
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{label}: seat {k}");
    }
    for (a, area) in plan.areas.iter().enumerate() {
        let got = p.shares_over(b, |k| plan.seat_area[k] == Some(a));
        for i in 0..N_PARTIES {
            assert!(
                (got[i] - area.target[i]).abs() < 1e-9,
                "{label} {}: party {i} {} vs {}",
                area.label,
                got[i],
                area.target[i]
            );
        }
    }
}

#[test]
fn area_targets_are_met_under_every_model_with_covariates_and_tactical_voting() {
    let shares =
        vec![(Party::REFORM, 0.29), (Party::LAB, 0.20), (Party::CON, 0.18), (Party::LD, 0.13), (Party::GREEN, 0.12)];
    for baseline in ["ge2019n", "ge2024", "ge2017"] {
        for model in Model::ALL {
            for seats in [Where::First, Where::FirstOrSecond] {
                let mut s = scenario(baseline, model, shares.clone(), geography(-0.4, 0.3, 0.3, 0.25, seats));
                s.stands_everywhere = vec![Party::REFORM, Party::GREEN];
                let (b, plan, p) = run(&s);
                assert_exact(&b, &plan, &p, &format!("{baseline} {model:?} {seats:?}"));
            }
        }
    }
}

#[test]
fn area_targets_are_met_by_region_too() {
    // The later election's actual regional shares as targets (a backtest case), hybrid with the geography.
    let pair = pns::backtest::Pair::load("ge2019n", "ge2024").unwrap();
    for model in Model::ALL {
        let case = pns::backtest::Case::with_geography(
            &pair,
            model,
            pns::backtest::SwingBy::Region,
            &[Party::REFORM, Party::GREEN],
            &geography(-0.39, 0.42, 0.25, 0.16, Where::First),
        )
        .unwrap();
        let p = case.project(&pair);
        assert_eq!(case.plan.areas.len(), 11);
        assert_exact(&pair.base, &case.plan, &p, &format!("{model:?} by region"));
    }
}

#[test]
fn zero_change_zero_slopes_and_no_tactical_voting_reproduce_every_winner() {
    for name in names(&BASELINES) {
        let b = Baseline::load(name).unwrap();
        let e = b.shares_over(Baseline::is_gb_party_seat);
        let all: Vec<(Party, f64)> = Party::all().filter(|p| e[p.index()] > 0.0).map(|p| (p, e[p.index()])).collect();
        for model in Model::ALL {
            // Slopes of 0 and a strength of 0 given explicitly, and the hybrid's raking with nothing to fit.
            let mut g = geography(0.0, 0.0, 0.0, 0.0, Where::First);
            g.covariates[0].slopes.retain(|s| e[s.party.index()] > 0.0);
            let s = Scenario {
                baseline: name.into(),
                model,
                shares: all.clone(),
                hold: vec![],
                geography: g,
                ..Default::default()
            };
            let plan = Plan::new(&b, &s, "test").unwrap();
            let p = project(&b, &plan);
            for (k, c) in b.seats.iter().enumerate() {
                assert_eq!(p.winners[k], c.winner, "{name} {model:?} {}", c.name);
            }
        }
    }
}

/// Runs the hybrid's raw rule with each party's rule chosen by `falling` and rakes it, as the model does.
fn hybrid_in_modes(b: &Baseline, plan: &Plan, falling: bool) -> Vec<PartyVec> {
    let a = &plan.areas[0];
    let swing = Swing::hybrid_in_modes(&a.base, &a.target, &a.standing, &[falling; N_PARTIES]);
    let mut plan = plan.clone();
    plan.model = Model::Hybrid;
    let fit = pns::project::fit_with(b, &plan, std::slice::from_ref(&swing), &[a.target]);
    pns::project::project_with_swings(b, &plan, &[swing], &[Some(fit[0].alpha)]).shares
}

/// The hybrid takes each party's rule by its direction. With every party on the additive rule, standing
/// everywhere and nothing clipped, it is UNS bit for bit (the raw shares already sum to 1 and meet the targets,
/// so every raking factor is 1). With every party on the multiplicative rule it is proportional swing with each
/// party's ratio P/E multiplied by its raking factor α: proportional swing made exact.
#[test]
fn hybrid_reduces_to_uns_and_to_proportional_swing() {
    let b = Baseline::load("ge2019").unwrap();
    let everyone: Vec<Party> = Party::all().collect();
    let held: Vec<Party> = Party::all().filter(|p| ![Party::CON, Party::LAB].contains(p)).collect();
    let e = b.shares_over(Baseline::is_gb_party_seat);
    let shares = vec![(Party::CON, e[0] - 0.01), (Party::LAB, e[1] + 0.01)];
    let s = Scenario {
        baseline: "ge2019".into(),
        model: Model::Uns,
        shares,
        hold: held,
        stands_everywhere: everyone,
        ..Default::default()
    };
    let (_, uns_plan, uns) = run(&s);
    let additive = hybrid_in_modes(&b, &uns_plan, false);
    for (k, (u, h)) in uns.shares.iter().zip(&additive).enumerate() {
        if uns_plan.seat_area[k].is_some() {
            for i in 0..N_PARTIES {
                assert_eq!(u[i].to_bits(), h[i].to_bits(), "seat {k} party {i}");
            }
        }
    }
    // Multiplicative: compare with proportional swing at targets α·P, whose ratios are α·P/E.
    let s = Scenario {
        model: Model::Proportional,
        ..scenario(
            "ge2019",
            Model::Proportional,
            vec![(Party::CON, 0.30), (Party::LAB, 0.38), (Party::LD, 0.15)],
            Geography::default(),
        )
    };
    let (_, prop_plan, plain) = run(&s);
    let multiplicative = hybrid_in_modes(&b, &prop_plan, true);
    let a = &prop_plan.areas[0];
    let swing = Swing::hybrid_in_modes(&a.base, &a.target, &a.standing, &[true; N_PARTIES]);
    let alpha =
        pns::project::fit_with(&b, &Plan { model: Model::Hybrid, ..prop_plan.clone() }, &[swing], &[a.target])[0].alpha;
    let mut calibrated = prop_plan.clone();
    calibrated.areas[0].target = std::array::from_fn(|i| a.target[i] * alpha[i]);
    let exact = project(&b, &calibrated);
    let mut missed: f64 = 0.0;
    for k in (0..b.seats.len()).filter(|k| prop_plan.seat_area[*k].is_some()) {
        for i in 0..N_PARTIES {
            assert!((exact.shares[k][i] - multiplicative[k][i]).abs() < 1e-12, "seat {k} party {i}");
            missed = missed.max((plain.shares[k][i] - multiplicative[k][i]).abs());
        }
    }
    assert!(missed > 1e-4, "plain proportional swing renormalises away from the targets; the raked one does not");
}

#[test]
fn tactical_voting_moves_votes_only_within_the_bloc_in_the_seats_it_applies_to() {
    // UNS without raking would change the area totals; compare the raw rule seat by seat instead: with the
    // raking factors of the plan without tactical voting, seats where Con did not lead keep their shares.
    let shares = vec![(Party::CON, 0.25), (Party::LAB, 0.40), (Party::LD, 0.15)];
    let mut with = scenario("ge2019", Model::Uns, shares.clone(), geography(0.0, 0.0, 0.0, 0.3, Where::First));
    with.geography.covariates.clear();
    let (b, plan, p) = run(&with);
    let t = plan.geography.as_ref().unwrap().tactical.as_ref().unwrap();
    let targeted = t.seats.iter().filter(|x| **x).count();
    let con_led = b.seats.iter().zip(&plan.seat_area).filter(|(c, a)| a.is_some() && c.winner == Party::CON).count();
    assert_eq!(targeted, con_led);
    // In a seat where Con led and Labour was behind the Lib Dems at the projection, Labour loses ~30 % of its share.
    let without = scenario("ge2019", Model::Uns, shares, Geography::default());
    let (_, _, base) = run(&without);
    let k = (0..b.seats.len())
        .find(|&k| t.seats[k] && base.shares[k][2] > base.shares[k][1] + 0.05 && base.shares[k][1] > 0.1)
        .expect("a Con seat with the Lib Dems second");
    let ratio = p.shares[k][1] / base.shares[k][1];
    assert!((0.6..0.8).contains(&ratio), "Labour kept {ratio} of its share");
    assert!(p.shares[k][2] > base.shares[k][2] + 0.02);
}

/// Random shares, slopes and strengths: every model meets every target exactly, shares stay ≥ 0 and sum to 1.
fn shares_strategy() -> impl Strategy<Value = Vec<(Party, f64)>> {
    (prop::collection::vec(0.01f64..1.0, 5), 0.5f64..0.95).prop_map(|(w, total)| {
        let parties = [Party::CON, Party::LAB, Party::LD, Party::GREEN, Party::REFORM];
        let sum: f64 = w.iter().sum();
        parties.iter().zip(w).map(|(p, x)| (*p, x / sum * total)).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn random_scenarios_meet_their_targets(
        shares in shares_strategy(),
        m in 0usize..4,
        con in -1.0f64..1.0,
        lab in -1.0f64..1.0,
        reform in -1.0f64..1.0,
        t in 0.0f64..1.0,
        baseline in prop::sample::select(vec!["ge2019", "ge2019n", "ge2024"]),
    ) {
        let mut s = scenario(baseline, Model::ALL[m], shares, geography(con, lab, reform, t, Where::FirstOrSecond));
        s.stands_everywhere = vec![Party::REFORM, Party::GREEN, Party::LD];
        let (b, plan, p) = run(&s);
        assert_exact(&b, &plan, &p, &format!("{baseline} {:?}", Model::ALL[m]));
    }
}

/// A number as TOML writes it, extremes included.
fn toml_number() -> impl Strategy<Value = String> {
    prop_oneof![
        (-6.0f64..6.0).prop_map(|v| format!("{v}")),
        Just("nan".to_string()),
        Just("inf".to_string()),
        Just("-inf".to_string()),
        Just("1e308".to_string()),
        Just("0".to_string()),
        Just("\"0.3\"".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Mutated `[swing.covariates]` and `[tactical]` sections on the real baselines: never a panic; either a
    /// one-line error naming the file, or a projection whose shares are finite, ≥ 0 and sum to 1.
    #[test]
    fn fuzzed_geography_sections_fail_cleanly_or_project_cleanly(
        covariate in prop_oneof![6 => Just("leave"), 1 => prop::sample::select(vec!["remain", "Leave", ""])],
        party in prop_oneof![6 => prop::sample::select(vec!["con", "lab", "ld"]), 1 => prop::sample::select(vec!["reform", "brexit", "sf", "whig", ""])],
        slope in prop_oneof![3 => (-1.0f64..1.0).prop_map(|v| format!("{v}")), 1 => toml_number()],
        against in prop_oneof![6 => Just("con"), 1 => prop::sample::select(vec!["lab", "ld", "speaker", "snp", "x"])],
        bloc in prop_oneof![
            6 => prop::sample::select(vec!["[\"lab\", \"ld\"]", "[\"green\", \"ld\", \"lab\"]"]),
            1 => prop::sample::select(vec!["[\"con\", \"lab\"]", "[\"lab\"]", "[]", "[\"lab\", \"lab\"]"]),
        ],
        strength in prop_oneof![3 => (0.0f64..1.0).prop_map(|v| format!("{v}")), 1 => toml_number()],
        seats in prop_oneof![6 => prop::sample::select(vec!["first", "first_or_second"]), 1 => Just("second")],
        model in prop::sample::select(vec!["uns", "proportional", "stm", "hybrid"]),
        baseline in prop::sample::select(vec!["ge2019", "ge2024", "ge2010"]),
    ) {
        let text = format!(
            "baseline = \"{baseline}\"\nmodel = \"{model}\"\n[shares]\nlab = 35\ncon = 30\n[swing.covariates]\n{covariate} = {{ {party} = {slope} }}\n[tactical]\nagainst = \"{against}\"\nbloc = {bloc}\nstrength = {strength}\nwhere = \"{seats}\"\n"
        );
        let one_line = |e: &dyn std::fmt::Display| {
            let m = e.to_string();
            assert!(m.starts_with("fuzz.toml") && !m.contains('\n'), "{m}");
        };
        match Scenario::from_toml(&text, "fuzz.toml") {
            Err(e) => one_line(&e),
            Ok(s) => match pns::project::load_baseline(&s).and_then(|b| Plan::new(&b, &s, "fuzz.toml").map(|p| (b, p))) {
                Err(e) => one_line(&e),
                Ok((b, plan)) => {
                    let p = project(&b, &plan);
                    for sh in &p.shares {
                        prop_assert!(sh.iter().all(|v| v.is_finite() && *v >= 0.0));
                        prop_assert!((sh.iter().sum::<f64>() - 1.0).abs() < 1e-9);
                    }
                }
            },
        }
    }
}

/// Beside a region table, the scope's remaining seats take the scope's figures less the table's: raked, the rest
/// meets its own (derived) target exactly, Scotland meets its own, and together they give the GB shares.
#[test]
fn the_remainder_beside_a_region_table_keeps_the_gb_shares() {
    let mut s = scenario(
        "ge2019",
        Model::Hybrid,
        vec![(Party::LAB, 0.36), (Party::CON, 0.29), (Party::LD, 0.15)],
        Geography::default(),
    );
    s.regions = vec![(
        pns::geo::Area::Nation(pns::geo::Nation::Scotland),
        vec![(Party::SNP, 0.33), (Party::LAB, 0.30), (Party::CON, 0.15)],
    )];
    let (b, plan, p) = run(&s);
    assert_eq!(plan.areas[1].label, "rest of GB");
    assert_exact(&b, &plan, &p, "hybrid beside Scotland");
    let gb = p.shares_over(&b, |k| plan.seat_area[k].is_some());
    for (party, v) in &s.shares {
        assert!((gb[party.index()] - v).abs() < 1e-9, "{party}: {} vs {v}", gb[party.index()]);
    }
}
