//! `--size WxH` on `pns run`, `pns plot` and `pns estimate`: the PNGs written have that size (read back from their
//! header), and a size out of 800×500 … 8000×8000 or malformed is refused in one line with nothing written.

mod common;

use common::{assert_one_line_error, pns};
use std::path::Path;

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}: not a PNG", path.display());
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

fn pngs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    out.sort();
    out
}

#[test]
fn run_plot_and_estimate_draw_at_the_size_given() {
    let dir = tempfile::tempdir().unwrap();
    let run = dir.path().join("run");
    pns()
        .args(["run", "scenarios/2018-bbc-pns.toml", "--sims", "200", "--seed", "1", "--quiet", "--size", "800x500"])
        .arg("--out")
        .arg(&run)
        .assert()
        .success();
    let drawn = pngs(&run);
    assert_eq!(drawn.len(), 5, "{drawn:?}");
    for p in &drawn {
        assert_eq!(png_size(p), (800, 500), "{}", p.display());
    }
    let summary: serde_json::Value = serde_json::from_slice(&std::fs::read(run.join("summary.json")).unwrap()).unwrap();
    assert_eq!((summary["charts"]["width"].as_u64(), summary["charts"]["height"].as_u64()), (Some(800), Some(500)));

    let plot = dir.path().join("plot");
    pns()
        .arg("plot")
        .arg(run.join("summary.json"))
        .args(["--quiet", "--size", "3200X2000", "--out"])
        .arg(&plot)
        .assert()
        .success();
    let redrawn = pngs(&plot);
    assert_eq!(redrawn.len(), 5);
    for p in &redrawn {
        assert_eq!(png_size(p), (3200, 2000), "{}", p.display());
    }

    let est = dir.path().join("est");
    pns()
        .args(["estimate", "--pair", "2018-2022", "--bootstrap", "100", "--size", "1000x800", "--chart"])
        .arg(&est)
        .assert()
        .success();
    assert_eq!(png_size(&est.join("pns.png")), (1000, 800));
}

#[test]
fn sizes_out_of_range_or_malformed_are_refused_with_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("799x500", "expected a width from 800 to 8000 and a height from 500 to 8000 pixels, found '799x500'"),
        ("8001x1000", "found '8001x1000'"),
        ("800x499", "found '800x499'"),
        ("1600x8001", "found '1600x8001'"),
        ("16x", "expected WIDTHxHEIGHT in pixels, e.g. 1600x1000, found '16x'"),
        ("1600*1000", "found '1600*1000'"),
        ("x1000", "expected WIDTHxHEIGHT"),
        ("-800x500", "expected WIDTHxHEIGHT"),
    ];
    for (size, needle) in cases {
        let out = dir.path().join(format!("out-{}", size.replace('*', "star")));
        let runs = [
            vec!["run", "scenarios/2018-bbc-pns.toml", "--sims", "200", "--quiet"],
            vec!["plot", "output/2018/summary.json", "--quiet"],
            vec!["estimate", "--pair", "2018-2022", "--bootstrap", "100", "--chart"],
        ];
        for args in runs {
            let mut cmd = pns();
            cmd.args(&args);
            if args[0] == "estimate" {
                cmd.arg(&out);
            } else {
                cmd.arg("--out").arg(&out);
            }
            let res = cmd.arg(format!("--size={size}")).output().unwrap();
            assert_one_line_error(&res, &["--size", needle]);
            assert!(res.stdout.is_empty(), "{} --size {size}: printed {:?}", args[0], res.stdout);
            assert!(!out.exists(), "{} --size {size}: {} created", args[0], out.display());
        }
    }
}
