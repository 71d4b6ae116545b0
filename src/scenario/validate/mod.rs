//! Step two of reading a scenario: the file's values and the flags merged (flags win), then every rule checked once.

mod check;
mod ctx;
mod geography;
mod local;
mod merge;
mod paths;
mod settings;
mod targets;
mod uncertainty;

use super::Scenario;
use super::flags::Overrides;
use super::raw::RawScenario;
use crate::error::InputError;
use crate::party::Party;

pub use check::check;
use ctx::{At, Ctx, toml_error};
pub use ctx::{locate, parse_party};
use merge::Given;

/// The label of an inline scenario (flags only) in errors.
pub const INLINE: &str = "--share";

/// Reads a scenario from a file's text (`Some((text, file))`) or from the flags alone (`None`), with the flags
/// overriding the file's values. Each value is checked once, after the merge, and errors name the file, line and
/// field or the flag it came from.
pub fn build(source: Option<(&str, &str)>, flags: &Overrides) -> Result<Scenario, InputError> {
    let (text, file) = source.unwrap_or(("", INLINE));
    let raw = match source {
        Some(_) => parse(text, file)?,
        None if flags.shares.is_empty() && !flags.baseline_alone => {
            return Err(InputError::new(
                "command line",
                "no scenario: expected a SCENARIO.toml file or --share PARTY=PCT flags (with --baseline)",
            ));
        }
        None => RawScenario::default(),
    };
    let cx = Ctx { text, file };
    let given = Given::new(&raw, flags)?;
    let mut s = Scenario::default();
    targets::model(&cx, &raw, &given, &mut s)?;
    let mut flagged = targets::targets(&cx, &raw, &given, &mut s)?;
    s.uncertainty = uncertainty::uncertainty(&cx, raw.uncertainty.as_ref(), given.preset.as_ref())?;
    settings::simulation(&cx, &given, &mut s)?;
    settings::parliament(&cx, raw.parliament.as_ref(), &given, &mut s)?;
    if let Some(o) = &raw.output {
        settings::output(&cx, o, &mut s)?;
    }
    settings::chart_format(&cx, &given, &mut s)?;
    if let Some(l) = &raw.local {
        s.local = Some(local::local(&cx, l)?);
    }
    paths::resolve(&cx, &raw, &given, &mut s)?;
    let learned = s.local.as_ref().is_some_and(|l| l.geography);
    s.geography = geography::parse(&cx, raw.swing.as_ref(), raw.tactical.as_ref(), learned)?;
    s.hold_given = given.hold.is_some();
    flagged.extend(given.flagged());
    s.notes = given.notes;
    describe(&mut s, &raw, source.is_some(), file)?;
    release_named_holds(&mut s);
    check(&s, file).map_err(|e| named_at_origin(e, &flagged, text))?;
    Ok(s)
}

/// A cross-field error named where its value came from: the flag (and the item) when a flag gave the field it
/// names, else the file's line of that field.
fn named_at_origin(e: InputError, flagged: &[(String, At)], text: &str) -> InputError {
    match flagged.iter().find(|(field, _)| e.field.as_deref() == Some(field.as_str())) {
        Some((_, At::Flag { flag, item })) => {
            let named = InputError::new(*flag, e.message);
            match item {
                Some(item) => named.field(item.clone()),
                None => named,
            }
        }
        _ => locate(e, text),
    }
}

/// Parses the TOML (an empty file is an error of its own).
fn parse(text: &str, file: &str) -> Result<RawScenario, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::new(file, "empty file: expected a TOML scenario (see scenarios/example.toml)"));
    }
    toml::from_str(text).map_err(|e| toml_error(e, text, file))
}

/// Sets the name, description and source, and refuses a file that gives no shares in any form.
fn describe(s: &mut Scenario, raw: &RawScenario, from_file: bool, file: &str) -> Result<(), InputError> {
    if from_file && s.shares.is_empty() && s.regions.is_empty() && s.local.is_none() {
        return Err(InputError::new(
            file,
            "no shares given: expected a [shares] table (percent per party), a [regions.*] table or a [local] section",
        )
        .field("shares"));
    }
    s.name = match &raw.name {
        Some(v) => v.clone(),
        None if from_file => {
            std::path::Path::new(file).file_stem().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default()
        }
        None if s.shares.is_empty() => format!("{} as it was", s.baseline),
        None => {
            let shares: Vec<String> = s.shares.iter().map(|(p, v)| format!("{p} {}", crate::round::pct(*v))).collect();
            format!("{} on {}", shares.join(", "), s.baseline)
        }
    };
    s.description = raw.description.clone().unwrap_or_default();
    s.source = raw.source.clone().unwrap_or_default();
    Ok(())
}

/// A party held by default (SNP, Plaid Cymru) but given a national share takes the share, with a note.
fn release_named_holds(s: &mut Scenario) {
    if s.hold_given {
        return;
    }
    let named: Vec<Party> = s.hold.iter().copied().filter(|p| s.shares.iter().any(|(q, _)| q == p)).collect();
    for p in named {
        s.hold.retain(|q| *q != p);
        s.notes.push(format!("'{p}' is given a national share, so it is not held at its baseline share"));
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Model;

    fn toml(text: &str) -> Result<Scenario, InputError> {
        build(Some((text, "t.toml")), &Overrides::default())
    }

    const FILE: &str = "baseline = \"ge2017\"\n[shares]\ncon = 35\nlab = 35\n[simulation]\nsims = 0\n";

    #[test]
    fn flags_are_merged_before_the_rules_are_checked() {
        // The file's invalid `sims = 0` is overridden by `--sims 5`, so it is never checked.
        let flags = Overrides { sims: Some(5), ..Default::default() };
        assert_eq!(build(Some((FILE, "t.toml")), &flags).unwrap().simulation.sims, 5);
        // One rule, one wording, wherever the value came from.
        let file = build(Some((FILE, "t.toml")), &Overrides::default()).unwrap_err();
        assert_eq!(file.to_string(), "t.toml:6: field `simulation.sims`: is 0: expected a number of simulations ≥ 1");
        let flag = build(Some((FILE, "t.toml")), &Overrides { sims: Some(0), ..Default::default() }).unwrap_err();
        assert_eq!(flag.to_string(), "--sims: is 0: expected a number of simulations ≥ 1");
        let big = Overrides { sims: Some(u64::MAX), ..Default::default() };
        assert!(build(Some((FILE, "t.toml")), &big).unwrap_err().to_string().contains("≤ 1000000000000"));
    }

    #[test]
    fn share_flags_replace_the_table_with_a_note_and_the_same_rules() {
        let flags = Overrides { shares: vec!["lab=40".into()], sims: Some(1), ..Default::default() };
        let s = build(Some((FILE, "t.toml")), &flags).unwrap();
        assert_eq!(s.shares, vec![(Party::LAB, 0.40)]);
        assert!(s.notes[0].contains("--share replaces the scenario's [shares] table (con, lab)"), "{:?}", s.notes);
        let twice = Overrides { shares: vec!["lab=40,lab=41".into()], ..Default::default() };
        let e = build(None, &twice).unwrap_err();
        assert_eq!(e.to_string(), "--share: field `lab=41`: party 'lab' is given twice");
        let file = toml("baseline = \"ge2017\"\n[shares]\nlab = 40\nlab = 41\n");
        assert!(file.unwrap_err().to_string().contains("duplicate key"));
    }

    #[test]
    fn held_and_named_is_refused_when_the_hold_was_given() {
        let both = Overrides { shares: vec!["snp=10".into()], hold: Some("snp".into()), ..Default::default() };
        let e = build(None, &both).unwrap_err();
        assert!(e.to_string().contains("'snp' is both held at its baseline share and given a national share"), "{e}");
        let default_hold = Overrides { shares: vec!["snp=10".into()], ..Default::default() };
        let s = build(None, &default_hold).unwrap();
        assert_eq!(s.hold, vec![Party::PC]);
        assert!(s.notes[0].contains("'snp' is given a national share"));
    }

    #[test]
    fn inline_scenarios_are_named_by_their_shares() {
        let flags =
            Overrides { shares: vec!["lab=36,con=29".into()], baseline: Some("ge2024".into()), ..Default::default() };
        assert_eq!(build(None, &flags).unwrap().name, "lab 36, con 29 on ge2024");
        assert!(build(None, &Overrides::default()).unwrap_err().to_string().starts_with("command line: no scenario"));
    }

    #[test]
    fn an_inline_scenario_defaults_to_the_latest_election() {
        let s = build(None, &Overrides { shares: vec!["lab=36".into()], ..Default::default() }).unwrap();
        assert_eq!(s.baseline, crate::scenario::DEFAULT_BASELINE);
        assert_eq!(Some(s.baseline.as_str()), crate::shipped::BASELINES.last().map(|b| b.name));
    }

    const AREAS: &str =
        "baseline = \"ge2024\"\n[shares]\nlab = 30\n[regions.scotland]\nsnp = 30\n[regions.wales]\nlab = 40\n";

    #[test]
    fn area_flags_replace_the_file_table_of_their_area_only() {
        use crate::geo::{Area, Nation, Region};
        let flags = Overrides {
            nations: vec!["Scotland:SNP=35,lab=20".into()],
            regions: vec!["london: lab=45".into()],
            ..Default::default()
        };
        let s = build(Some((AREAS, "t.toml")), &flags).unwrap();
        let areas: Vec<Area> = s.regions.iter().map(|(a, _)| *a).collect();
        assert_eq!(
            areas,
            vec![Area::Nation(Nation::Wales), Area::Nation(Nation::Scotland), Area::Region(Region::London)]
        );
        assert_eq!(s.regions[1].1, vec![(Party::SNP, 0.35), (Party::LAB, 0.20)]);
        assert_eq!(s.notes, vec!["--nation Scotland replaces the scenario's [regions.scotland] table".to_string()]);
        // The same rules as the file's tables, named by the flag and the item.
        let bad = |flags: Overrides| build(Some((AREAS, "t.toml")), &flags).unwrap_err().to_string();
        let over = Overrides { nations: vec!["wales:lab=80,con=30".into()], ..Default::default() };
        assert_eq!(
            bad(over),
            "--nation: field `wales:lab=80,con=30`: Wales shares sum to 110.00%: expected at most 100"
        );
        let party = Overrides { regions: vec!["london:lab=40,whig=3".into()], ..Default::default() };
        assert!(bad(party).starts_with("--region: field `whig=3`: unknown party 'whig'"));
        let overlap = Overrides {
            regions: vec!["london:lab=40".into()],
            nations: vec!["england:lab=30".into()],
            ..Default::default()
        };
        assert!(bad(overlap).contains("regions 'England' and 'London' overlap"));
        // The file's own errors keep their line.
        let file = build(
            Some(("baseline = \"ge2024\"\n[shares]\nlab = 30\n[regions.mercia]\nlab = 3\n", "t.toml")),
            &Overrides::default(),
        );
        assert!(file.unwrap_err().to_string().starts_with("t.toml:5: field `regions.mercia`: unknown region 'mercia'"));
    }

    #[test]
    fn stands_everywhere_preset_and_coalitions_come_from_the_flag_if_given() {
        let file = "baseline = \"ge2024\"\nstands_everywhere = [\"green\"]\n[shares]\nlab = 30\n[uncertainty]\n\
                    preset = \"what-if\"\nnational_sigma = 2.0\n[parliament]\ncoalitions = [[\"lab\", \"ld\"]]\n\
                    auto_coalitions = false\n";
        let s = build(Some((file, "t.toml")), &Overrides::default()).unwrap();
        assert_eq!(s.stands_everywhere, vec![Party::GREEN]);
        assert_eq!((s.uncertainty.preset, s.uncertainty.national_sigma), (crate::scenario::Preset::WhatIf, 2.0));
        assert_eq!(
            (s.parliament.coalitions.clone(), s.parliament.auto_coalitions),
            (vec![vec![Party::LAB, Party::LD]], false)
        );
        let flags = Overrides {
            stands_everywhere: Some("reform, Green".into()),
            preset: Some(crate::scenario::Preset::Forecast),
            coalitions: vec!["lab+ld+green".into(), "con+reform".into()],
            ..Default::default()
        };
        let s = build(Some((file, "t.toml")), &flags).unwrap();
        assert_eq!(s.stands_everywhere, vec![Party::REFORM, Party::GREEN]);
        // The flag sets the preset; the file's keys still override it.
        assert_eq!(s.uncertainty.preset, crate::scenario::Preset::Forecast);
        assert_eq!(s.uncertainty.national_sigma, 2.0);
        assert_eq!(
            s.uncertainty.correlations,
            crate::scenario::Uncertainty::preset(crate::scenario::Preset::Forecast).correlations
        );
        assert_eq!(
            s.parliament.coalitions,
            vec![vec![Party::LAB, Party::LD, Party::GREEN], vec![Party::CON, Party::REFORM]]
        );
        assert!(
            s.notes.iter().any(|n| n == "--coalition replaces the scenario's [parliament] coalitions"),
            "{:?}",
            s.notes
        );
        let none = Overrides { stands_everywhere: Some("none".into()), ..Default::default() };
        assert!(build(Some((file, "t.toml")), &none).unwrap().stands_everywhere.is_empty());
        let speaker = Overrides { coalitions: vec!["lab+speaker".into()], ..Default::default() };
        let e = build(Some((file, "t.toml")), &speaker).unwrap_err().to_string();
        assert_eq!(e, "--coalition: the Speaker does not vote: expected a coalition of parties");
        let e = build(
            Some(("baseline = \"ge2024\"\n[shares]\nlab = 30\n[parliament]\nauto_coalitions = 1\n", "t.toml")),
            &Overrides::default(),
        );
        assert!(e.unwrap_err().to_string().starts_with("t.toml:5:"));
    }

    #[test]
    fn minimal_scenario() {
        let s = toml("baseline = \"ge2017\"\n[shares]\ncon = 35\nlab = 35\nld = 16\n").unwrap();
        assert_eq!(s.shares, vec![(Party::CON, 0.35), (Party::LAB, 0.35), (Party::LD, 0.16)]);
        assert_eq!(s.hold, vec![Party::SNP, Party::PC]);
        assert_eq!(s.model, Model::Uns);
    }

    #[test]
    fn unknown_party_names_line_and_field() {
        let e = toml("baseline = \"ge2017\"\n[shares]\ncon = 35\nwhig = 10\n").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.field.as_deref(), Some("shares.whig"));
        assert!(e.message.contains("unknown party 'whig'"));
    }

    #[test]
    fn sum_over_100_points_at_shares() {
        let e = toml("baseline = \"ge2017\"\n[shares]\ncon = 60\nlab = 50\n").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("shares"));
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn unknown_key_is_an_error() {
        let e = toml("baseline = \"ge2017\"\ncolour = 3\n[shares]\ncon = 35\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown field"), "{e}");
    }
}
