//! `pns sweep` over a sweep file listing scenarios: every listed scenario loaded and checked against the others
//! before anything runs.

use super::sweep::Job;
use super::{overrides, scenario_and_notes};
use crate::cli::{ScenarioArgs, SweepArgs};
use crate::error::InputError;
use crate::project::{Plan, load_baseline};
use crate::scenario::{ChartFormat, Overrides, Scenario};
use crate::sweep::{self, Points};
use std::path::Path;

/// The sweep of the file at `path` (its `text` lists scenarios): each listed scenario read with the command's
/// scenario flags, all on one baseline with one majority, each planned.
pub fn prepare(args: &SweepArgs, path: &Path, text: &str, chart_format: Option<ChartFormat>) -> anyhow::Result<Job> {
    let file = path.display().to_string();
    for (flag, given) in [("--x", &args.x), ("--y", &args.y), ("--others", &args.others)] {
        if let Some(v) = given {
            let msg = format!("expected no axis for a sweep file listing scenarios ({file}), found '{v}'");
            return Err(InputError::new(flag, msg).into());
        }
    }
    let list = sweep::list::read(text, &file, path, args.sims)?;
    let seed = args.exec.seed.or(list.seed);
    let flags = Overrides { seed, ..overrides(&args.input) };
    let mut scenarios: Vec<Scenario> = Vec::with_capacity(list.files.len());
    let mut notes = Vec::new();
    for (listed, line) in &list.files {
        let input = ScenarioArgs { scenario: Some(listed.clone()), ..args.input.clone() };
        let (s, _, n) = scenario_and_notes(&input, &flags).map_err(|e| {
            anyhow::Error::from(InputError::new(&file, format!("{e:#}")).at_line(*line).field("sweep.scenarios"))
        })?;
        notes.extend(n.into_iter().map(|n| format!("{}: {n}", s.file_label())));
        if let Some(first) = scenarios.first().filter(|f| f.baseline != s.baseline) {
            let msg = format!(
                "expected the baseline of {} ('{}'), found '{}'",
                first.file_label(),
                first.baseline,
                s.baseline
            );
            return Err(s.locate(InputError::new(s.file_label(), msg).field("baseline")).into());
        }
        scenarios.push(s);
    }
    let baseline = load_baseline(&scenarios[0])?;
    let seats = baseline.seats.len() as u32;
    let mut majority = None;
    for s in &scenarios {
        let (m, _) = s
            .parliament
            .thresholds(seats)
            .map_err(|(field, m)| s.locate(InputError::new(s.file_label(), m).field(field)))?;
        if let Some((first, other)) = majority.as_ref().filter(|(_, other)| *other != m) {
            let msg = format!("expected the majority of {first} ({other} seats), found {m}");
            return Err(s.locate(InputError::new(s.file_label(), msg).field("parliament")).into());
        }
        majority.get_or_insert((s.file_label(), m));
        Plan::new(&baseline, s, &s.file_label()).map_err(|e| s.locate(e))?;
    }
    let majority = majority.map_or(0, |(_, m)| m);
    let parties = sweep::parties(&baseline, &scenarios.iter().collect::<Vec<_>>());
    // The sweep's own name and file on the first listed scenario (its model and scope are not reported).
    let mut head = scenarios[0].clone();
    (head.name, head.path, head.simulation.seed) = (list.name.clone(), Some(path.to_path_buf()), seed);
    let chart_format = chart_format.unwrap_or(head.output.chart_format);
    let points = Points::List { scenarios, sims: list.sims };
    Ok(Job { scenario: head, baseline, points, parties, majority, chart_format, notes })
}
