//! GB (or England) shares beside nation and region tables: the rest of the scope takes the remainder, so the scope's
//! shares hold; impossible combinations are one-line errors.

mod common;

use common::{fails_one_line, pns};
use pns::baseline::Baseline;
use pns::geo::{Area, Nation, Region};
use pns::party::{N_PARTIES, Party, PartyVec};
use pns::project::{Plan, Projection, load_baseline, project};
use pns::scenario::{Model, Scenario, Scope};

fn scenario(
    model: Model,
    scope: Scope,
    shares: Vec<(Party, f64)>,
    regions: Vec<(Area, Vec<(Party, f64)>)>,
) -> Scenario {
    Scenario {
        baseline: "ge2019".into(),
        model,
        scope,
        shares,
        regions,
        lineage: vec![(Party::REFORM, Party::BREXIT)],
        ..Scenario::default()
    }
}

/// Vote-weighted projected shares over the seats `include` selects, computed here from the seat shares.
fn weighted(b: &Baseline, p: &Projection, include: impl Fn(&pns::baseline::Constituency) -> bool) -> PartyVec {
    let (mut sum, mut votes) = ([0.0; N_PARTIES], 0.0);
    for (k, c) in b.seats.iter().enumerate().filter(|(_, c)| include(c)) {
        for i in 0..N_PARTIES {
            sum[i] += p.shares[k][i] * c.valid_votes;
        }
        votes += c.valid_votes;
    }
    sum.map(|v| v / votes)
}

fn gb_seat(c: &pns::baseline::Constituency) -> bool {
    c.nation != Nation::NorthernIreland && c.winner != Party::SPEAKER
}

fn gb_shares() -> Vec<(Party, f64)> {
    vec![(Party::LAB, 0.34), (Party::CON, 0.27), (Party::LD, 0.13), (Party::REFORM, 0.12), (Party::GREEN, 0.07)]
}

fn nations() -> Vec<(Area, Vec<(Party, f64)>)> {
    vec![
        (Area::Nation(Nation::Scotland), vec![(Party::SNP, 0.33), (Party::LAB, 0.30), (Party::CON, 0.14)]),
        (Area::Nation(Nation::Wales), vec![(Party::LAB, 0.38), (Party::REFORM, 0.18), (Party::CON, 0.18)]),
    ]
}

/// Under the models that meet their area targets exactly, the GB shares hold to 1e-9 over the projected GB seats,
/// with Scotland and Wales given their own figures; each nation meets its own.
#[test]
fn gb_shares_hold_beside_nation_figures() {
    for model in [Model::Stm, Model::Hybrid] {
        let s = scenario(model, Scope::Gb, gb_shares(), nations());
        let b = load_baseline(&s).unwrap();
        let plan = Plan::new(&b, &s, "test").unwrap();
        let p = project(&b, &plan);
        let gb = weighted(&b, &p, gb_seat);
        for (party, v) in &s.shares {
            assert!((gb[party.index()] - v).abs() < 1e-9, "{model:?} {party}: {} vs {v}", gb[party.index()]);
        }
        for (area, shares) in &s.regions {
            let got = weighted(&b, &p, |c| gb_seat(c) && area.contains(c.region));
            for (party, v) in shares {
                assert!((got[party.index()] - v).abs() < 1e-9, "{model:?} {area:?} {party}");
            }
        }
        assert!(
            plan.notes.iter().any(|n| n.starts_with("rest of GB takes the GB shares less those of Scotland and Wales"))
        );
    }
}

/// The rest's target is (P_GB · V_GB − Σ P_table · V_table) / V_rest for each named party, computed here from the
/// baseline's votes; under England scope a London table leaves the rest of England the remainder and Scotland and
/// Wales unmoved.
#[test]
fn the_rest_takes_the_vote_weighted_remainder() {
    let london = Area::Region(Region::London);
    let s = scenario(
        Model::Uns,
        Scope::England,
        vec![(Party::LAB, 0.35), (Party::CON, 0.30)],
        vec![(london, vec![(Party::LAB, 0.50), (Party::CON, 0.20)])],
    );
    let b = load_baseline(&s).unwrap();
    let plan = Plan::new(&b, &s, "test").unwrap();
    let votes = |f: &dyn Fn(&pns::baseline::Constituency) -> bool| -> f64 {
        b.seats.iter().filter(|c| gb_seat(c) && f(c)).map(|c| c.valid_votes).sum()
    };
    let england = votes(&|c| c.nation == Nation::England);
    let in_london = votes(&|c| c.region == Region::London);
    let rest = &plan.areas[1];
    assert_eq!(rest.label, "rest of England");
    for (party, v, lon) in [(Party::LAB, 0.35, 0.50), (Party::CON, 0.30, 0.20)] {
        let want = (v * england - lon * in_london) / (england - in_london);
        assert!((rest.target[party.index()] - want).abs() < 1e-12, "{party}");
    }
    let p = project(&b, &plan);
    for (k, c) in b.seats.iter().enumerate() {
        let moved = gb_seat(c) && c.nation == Nation::England;
        assert_eq!(p.moved[k], moved, "{}", c.name);
    }
    assert_eq!(plan.national.unwrap()[Party::LAB.index()], 0.35);
}

/// A table outside the scope leaves the scope's change as it was: England takes the England shares whole.
#[test]
fn a_table_outside_the_scope_changes_nothing_inside() {
    let s = scenario(Model::Uns, Scope::England, vec![(Party::LAB, 0.35)], nations());
    let b = load_baseline(&s).unwrap();
    let plan = Plan::new(&b, &s, "test").unwrap();
    let england = plan.areas.last().unwrap();
    assert_eq!(england.label, "England");
    assert_eq!(england.target[Party::LAB.index()], 0.35);
    assert!(plan.notes.iter().all(|n| !n.contains("rest of")));
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn impossible_combinations_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    // Scotland holds more Labour votes than a 3 % GB share leaves room for.
    let p = write(
        &dir,
        "neg.toml",
        "baseline = \"ge2019\"\nhold = []\n[shares]\nlab = 3\ncon = 40\n[regions.scotland]\nlab = 60\n",
    );
    fails_one_line(
        pns().arg("project").arg(&p),
        &["neg.toml:7", "regions.scotland.lab", "60.00% in Scotland", "3.00% in GB", "rest of GB"],
    );
    // The rest would need more than 100 %.
    let p = write(
        &dir,
        "sum.toml",
        "baseline = \"ge2019\"\n[shares]\nlab = 45\ncon = 45\n[regions.london]\nlab = 10\ncon = 10\n",
    );
    fails_one_line(
        pns().arg("project").arg(&p),
        &["sum.toml:2", "field `shares`", "rest of GB", "expected at most 100"],
    );
    // The tables leave no seat for the England shares.
    let p = write(
        &dir,
        "all.toml",
        "baseline = \"ge2019\"\nscope = \"england\"\n[shares]\nlab = 35\n[regions.england]\nlab = 30\n",
    );
    fails_one_line(pns().arg("project").arg(&p), &["all.toml", "cover every seat the England shares move"]);
}

#[test]
fn the_note_is_printed_and_in_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "ok.toml", "baseline = \"ge2019\"\n[shares]\nlab = 36\ncon = 30\n[regions.wales]\nlab = 40\n");
    let out = pns().arg("project").arg(&p).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("note: rest of GB takes the GB shares less those of Wales"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().starts_with("rest of GB takes")));
    assert_eq!(v["national_shares"]["lab"], 36.0);
    assert_eq!(v["areas"][1]["area"], "rest of GB");
}
