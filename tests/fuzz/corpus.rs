//! The seed inputs: the real shipped files, cut to a header and a spread of rows so that each input runs fast.

use std::io::Read;
use std::path::Path;

/// Rows kept of a baseline and of a ward-pair file.
pub const BASELINE_ROWS: usize = 40;
pub const WARD_ROWS: usize = 60;

/// The repository root (the harness runs from it under `cargo run`/`cargo test`).
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file of `dir` ending in `ext`, sorted, as bytes.
fn files(dir: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    paths.sort();
    paths.into_iter().map(|p| (p.display().to_string(), std::fs::read(&p).unwrap())).collect()
}

/// The header and `rows` rows spread evenly over the file (so every region and kind of council appears).
pub fn cut(text: &str, rows: usize) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let body = &lines[1.min(lines.len())..];
    let step = (body.len() / rows.max(1)).max(1);
    let kept = body.iter().step_by(step).take(rows);
    let mut out = lines.first().copied().unwrap_or("").to_string() + "\n";
    kept.for_each(|l| out += &format!("{l}\n"));
    out.into_bytes()
}

/// Every shipped scenario and sweep file (`scenarios/*.toml`, `scenarios/local-elections/*.toml`,
/// `scenarios/sweeps/*.toml`).
pub fn scenarios() -> Vec<Vec<u8>> {
    let mut all = files("scenarios", ".toml");
    all.extend(files("scenarios/local-elections", ".toml"));
    all.extend(files("scenarios/sweeps", ".toml"));
    all.into_iter().map(|(_, b)| b).collect()
}

/// Every shipped baseline (`scenarios/baselines/ge*.csv`), cut.
pub fn baselines() -> Vec<Vec<u8>> {
    let all =
        files("scenarios/baselines", ".csv").into_iter().filter(|(p, _)| p.contains("/ge") && !p.contains("summary"));
    all.map(|(_, b)| cut(&String::from_utf8_lossy(&b), BASELINE_ROWS)).collect()
}

/// Every shipped ward pair (`scenarios/local/pair_*.csv.gz`), decompressed and cut.
pub fn wards() -> Vec<Vec<u8>> {
    let all = files("scenarios/local", ".csv.gz").into_iter().filter(|(p, _)| p.contains("pair_"));
    all.map(|(_, gz)| {
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut text).unwrap();
        cut(&text, WARD_ROWS)
    })
    .collect()
}

/// The saved summary of the README's main run (`output/2018/summary.json`), as written, with its charts in SVG
/// (`"format": "svg"`, which a PNG run leaves out), and with the `notes` a run writes when the plan noted something
/// or a target was missed, the nation/region tables' areas (`target_areas`) and, as an older summary, no
/// `shares_given`.
pub fn summaries() -> Vec<Vec<u8>> {
    let png = std::fs::read(root().join("output/2018/summary.json")).unwrap();
    let svg =
        String::from_utf8_lossy(&png).replacen("\"width\": 1600,", "\"format\": \"svg\",\n    \"width\": 1600,", 1);
    assert!(svg.contains("\"format\": \"svg\""), "output/2018/summary.json: no chart width to put the format beside");
    let mut noted: serde_json::Value = serde_json::from_slice(&png).unwrap();
    noted["notes"] = serde_json::json!([
        "England: 'ukip' reaches 4.7% against its target of 6.2% (-1.5 points before the seats are renormalised)"
    ]);
    noted["target_areas"] = serde_json::json!(["Scotland", "London"]);
    noted.as_object_mut().unwrap().remove("shares_given");
    vec![png, svg.into_bytes(), serde_json::to_vec_pretty(&noted).unwrap()]
}

/// Seat queries: every constituency name and ONS code of the shipped GE2017 and GE2024 baselines, and a few partial
/// and accented ones.
pub fn seat_queries() -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = ["Croydon", "ynys mon", "ASHTON UNDER LYNE", "Croydon Eats", "norwich s", "Môn"]
        .iter()
        .map(|q| q.as_bytes().to_vec())
        .collect();
    for name in ["ge2017", "ge2024"] {
        let b = pns::baseline::Baseline::load(name).unwrap();
        all.extend(b.seats.iter().flat_map(|c| [c.name.clone().into_bytes(), c.code.clone().into_bytes()]));
    }
    all
}

/// The simulation model of the 2018 scenario, built once (the `partial` target checks tallies against it).
pub fn model_2018() -> &'static pns::engine::SimModel {
    use pns::project::{Plan, load_baseline, project};
    static MODEL: std::sync::OnceLock<pns::engine::SimModel> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        let scenario = pns::scenario::Scenario::load(&root().join("scenarios/2018-bbc-pns.toml")).unwrap();
        let baseline = load_baseline(&scenario).unwrap();
        let plan = Plan::new(&baseline, &scenario, "2018").unwrap();
        let central = project(&baseline, &plan);
        let coalitions = pns::summary::coalitions_for(&scenario, &central);
        pns::engine::SimModel::new(&baseline, &scenario, &plan, &central, coalitions).unwrap()
    })
}

/// Simulations of the partials' job (3 chunks, the last one short).
pub const PARTIAL_SIMS: u64 = 2500;

/// Partials of a small run of the 2018 scenario (shards 1/1, 1/3, 2/3 and 3/3, and an empty shard 1/4), then of a
/// small sweep (shards 1/1, 1/2, 2/2, and an empty shard 5/7).
pub fn partials() -> Vec<Vec<u8>> {
    static PARTIALS: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    PARTIALS.get_or_init(|| [make_partials(), make_sweep_partials()].concat()).clone()
}

/// Parties listed at every point of the partials' sweep.
pub const SWEEP_PARTIES: usize = 3;

/// Partials of a sweep of 5 points with made-up counts for 3 parties (the fuzzed reader checks shapes, not
/// values).
fn make_sweep_partials() -> Vec<Vec<u8>> {
    use pns::shard::{Job, Partial, Shard, Units};
    use pns::sweep::PointCounts;
    let total = 5;
    let point = |k: u64| {
        let v = |d: u64| (0..SWEEP_PARTIES as u64).map(|p| k * 10 + p + d).collect::<Vec<u64>>();
        PointCounts {
            central: v(0),
            seat_sum: v(1),
            median: v(2),
            p5: v(3),
            p95: v(4),
            majority: v(5),
            largest: v(6),
            hung: k,
            outcome: k % 3,
            outcome_count: k + 1,
        }
    };
    let job = Job {
        command: "sweep".into(),
        args: vec!["--sims=100".into(), "--seed=5".into(), "--".into(), "scenarios/sweep-reform-lab.toml".into()],
        fingerprint: pns::output::sha256_hex(b"sweep"),
        seed: 5,
        pns_version: env!("CARGO_PKG_VERSION").into(),
    };
    [(1, 1), (1, 2), (2, 2), (5, 7)]
        .iter()
        .map(|&(index, count)| {
            let units = Shard { index, count }.units(total);
            let points: Vec<PointCounts> = units.clone().map(point).collect();
            let units = Units { index, count, start: units.start, end: units.end, total };
            Partial { job: job.clone(), units, tallies: pns::sweep::counts::to_counts(&points) }.to_bytes()
        })
        .collect()
}

fn make_partials() -> Vec<Vec<u8>> {
    use pns::shard::{Job, Partial, Shard, Units};
    let model = model_2018();
    let total = PARTIAL_SIMS.div_ceil(pns::engine::CHUNK);
    let job = Job {
        command: "run".into(),
        args: vec!["--sims=2500".into(), "--seed=5".into(), "--".into(), "scenarios/2018-bbc-pns.toml".into()],
        fingerprint: pns::output::sha256_hex(b"2018"),
        seed: 5,
        pns_version: env!("CARGO_PKG_VERSION").into(),
    };
    let shards = [(1, 1), (1, 3), (2, 3), (3, 3), (1, 4)];
    shards
        .iter()
        .map(|&(index, count)| {
            let units = Shard { index, count }.units(total);
            let isa = pns::engine::Isa::detect();
            let tally = pns::engine::simulate_chunks(isa, model, PARTIAL_SIMS, 5, units.clone(), &|_| {});
            let units = Units { index, count, start: units.start, end: units.end, total };
            let p = Partial { job: job.clone(), units, tallies: pns::shard::tally::to_counts(&tally) };
            p.to_bytes()
        })
        .collect()
}
