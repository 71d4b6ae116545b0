//! Scenario: every input of a run, read from a TOML file (or built from CLI flags) and validated.

pub mod flags;
pub mod geography;
mod raw;
pub mod rules;
mod validate;

use crate::error::InputError;
use crate::geo::Area;
use crate::party::Party;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub use flags::Overrides;
pub use geography::{Covariate, CovariateSlopes, Geography, Slope, Tactical, TacticalSpec, Where};
pub use validate::{INLINE, parse_party};

/// Swing model mapping national shares onto constituencies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// Uniform national swing: additive change, clipped at 0, renormalised.
    Uns,
    /// Proportional swing: multiplicative change, renormalised.
    Proportional,
    /// Electoral Calculus' strong transition model (threshold 0.20).
    Stm,
    /// Proportional loss for falling parties, uniform gain for rising ones, made exact by raking.
    Hybrid,
}

impl Model {
    pub const ALL: [Model; 4] = [Model::Uns, Model::Proportional, Model::Stm, Model::Hybrid];

    pub fn code(self) -> &'static str {
        match self {
            Model::Uns => "uns",
            Model::Proportional => "proportional",
            Model::Stm => "stm",
            Model::Hybrid => "hybrid",
        }
    }

    /// The model in words, for titles and captions.
    pub fn name(self) -> &'static str {
        match self {
            Model::Uns => "uniform national swing",
            Model::Proportional => "proportional swing",
            Model::Stm => "strong transition model",
            Model::Hybrid => "hybrid swing",
        }
    }

    pub fn from_code(s: &str) -> Option<Model> {
        match s.trim().to_ascii_lowercase().as_str() {
            "uns" | "uniform" => Some(Model::Uns),
            "proportional" | "prop" => Some(Model::Proportional),
            "stm" | "strong" | "strong-transition" => Some(Model::Stm),
            "hybrid" => Some(Model::Hybrid),
            _ => None,
        }
    }
}

/// Which seats the national change applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Baseline shares over Great Britain; the change applies to every GB seat.
    Gb,
    /// Baseline shares over England; the change applies to England, Scotland and Wales keep their baseline.
    England,
}

impl Scope {
    pub fn code(self) -> &'static str {
        match self {
            Scope::Gb => "gb",
            Scope::England => "england",
        }
    }
}

/// Named uncertainty presets. Both share the regional σ 3 (Green 1) and the constituency scale 5, chosen on the
/// backtests of docs/calibration.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// "If these shares were cast at a general election today": national σ 1.5, uncorrelated.
    WhatIf,
    /// A forecast of a future election: national σ 2.5, Con–Lab correlation −0.6 and Con–Reform −0.5.
    Forecast,
}

impl Preset {
    pub fn code(self) -> &'static str {
        match self {
            Preset::WhatIf => "what-if",
            Preset::Forecast => "forecast",
        }
    }
}

/// The three noise layers of the Monte Carlo (all σ in percentage points).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Uncertainty {
    pub preset: Preset,
    /// National σ for every party not listed in `national_sigma_party`.
    pub national_sigma: f64,
    pub national_sigma_party: Vec<(Party, f64)>,
    /// Correlations between national errors, as (a, b, ρ).
    pub correlations: Vec<(Party, Party, f64)>,
    /// Regional σ per region × party.
    pub regional_sigma: f64,
    pub regional_sigma_party: Vec<(Party, f64)>,
    /// Constituency σ = scale · √(p(1−p)/0.21), floored at `constituency_floor`.
    pub constituency_scale: f64,
    pub constituency_floor: f64,
}

impl Uncertainty {
    /// The defaults of a preset. The regional σ and constituency scale come from the backtests of 2015–2024
    /// (docs/calibration.md): seat errors of the swing models are about 5 · √(p(1−p)/0.21) points, regions depart
    /// from the national change by about 2 points in ordinary years and 3 in 2024, and the seat totals were
    /// under-covered with 2 and 3.5. The national σ is the error of the shares an analyst gives, which a backtest
    /// (given the actual shares) cannot measure.
    pub fn preset(preset: Preset) -> Uncertainty {
        let (national, correlations) = match preset {
            Preset::WhatIf => (1.5, vec![]),
            // Both pairs compete for the same voters, so their errors move in opposite directions; the basis of
            // each value is in docs/calibration.md ("The forecast preset's correlations").
            Preset::Forecast => (2.5, vec![(Party::CON, Party::LAB, -0.6), (Party::CON, Party::REFORM, -0.5)]),
        };
        Uncertainty {
            preset,
            national_sigma: national,
            national_sigma_party: vec![],
            correlations,
            regional_sigma: 3.0,
            regional_sigma_party: vec![(Party::GREEN, 1.0)],
            constituency_scale: 5.0,
            constituency_floor: 1.0,
        }
    }

    /// National σ of a party (points).
    pub fn national_sigma_of(&self, p: Party) -> f64 {
        lookup(&self.national_sigma_party, p).unwrap_or(self.national_sigma)
    }

    /// Regional σ of a party (points).
    pub fn regional_sigma_of(&self, p: Party) -> f64 {
        lookup(&self.regional_sigma_party, p).unwrap_or(self.regional_sigma)
    }

    /// Every σ set to zero (the deterministic projection in every simulation).
    pub fn zero() -> Uncertainty {
        Uncertainty {
            preset: Preset::WhatIf,
            national_sigma: 0.0,
            national_sigma_party: vec![],
            correlations: vec![],
            regional_sigma: 0.0,
            regional_sigma_party: vec![],
            constituency_scale: 0.0,
            constituency_floor: 0.0,
        }
    }
}

fn lookup(list: &[(Party, f64)], p: Party) -> Option<f64> {
    list.iter().find(|(q, _)| *q == p).map(|(_, v)| *v)
}

/// Simulation settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Simulation {
    pub sims: u64,
    /// `None`: a random seed is drawn and printed.
    pub seed: Option<u64>,
}

/// Parliament arithmetic.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Parliament {
    /// Seats for an overall majority, if the scenario sets it (else ⌊seats/2⌋ + 1 of the baseline: 326 of 650).
    pub majority: Option<u32>,
    /// Seats for a working majority once Sinn Féin's abstentions and the Speaker and deputies are set aside, if the
    /// scenario sets it (else ⌊(seats − 11)/2⌋ + 1: 320 of 650).
    pub effective_majority: Option<u32>,
    /// Coalitions to report, each a list of parties (`[parliament] coalitions` or `--coalition`).
    pub coalitions: Vec<Vec<Party>>,
    /// Whether the automatic pairs (among the five largest parties of the central projection, but for the two
    /// largest together) are reported too (`auto_coalitions`, default true).
    pub auto_coalitions: bool,
}

/// Seats that do not count towards a working majority in the default rule: Sinn Féin's seven abstentions, the
/// Speaker and the three deputies.
pub const NON_VOTING_SEATS: u32 = 11;

impl Parliament {
    /// The majority and the effective majority on a parliament of `seats`: as the scenario set them, or else
    /// ⌊seats/2⌋ + 1 and ⌊(seats − 11)/2⌋ + 1 (326 and 320 of 650), the latter never above the former. A majority
    /// above the seats that exist is an error naming the field.
    pub fn thresholds(&self, seats: u32) -> Result<(u32, u32), (&'static str, String)> {
        let majority = self.majority.unwrap_or(seats / 2 + 1);
        if majority > seats {
            return Err((
                "parliament.majority",
                format!("is {majority}: expected at most the {seats} seats of the baseline"),
            ));
        }
        let effective =
            self.effective_majority.unwrap_or_else(|| (seats.saturating_sub(NON_VOTING_SEATS) / 2 + 1).min(majority));
        if effective > majority {
            return Err((
                "parliament.effective_majority",
                format!(
                    "effective majority {effective} exceeds the majority {majority}: expected at most the majority"
                ),
            ));
        }
        Ok((majority, effective))
    }
}

/// The charts a run can draw.
pub const CHART_NAMES: [&str; 6] = ["seats", "outcomes", "parliament", "swing", "nations", "pns"];

/// The file format of the charts: PNG (the default), SVG, or both side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartFormat {
    #[default]
    Png,
    Svg,
    Both,
}

impl ChartFormat {
    pub const ALL: [ChartFormat; 3] = [ChartFormat::Png, ChartFormat::Svg, ChartFormat::Both];

    pub fn code(self) -> &'static str {
        match self {
            ChartFormat::Png => "png",
            ChartFormat::Svg => "svg",
            ChartFormat::Both => "both",
        }
    }

    /// Whether a PNG of each chart is written.
    pub fn png(self) -> bool {
        self != ChartFormat::Svg
    }

    /// Whether an SVG of each chart is written.
    pub fn svg(self) -> bool {
        self != ChartFormat::Png
    }

    /// PNG, the default: left out of a summary.json, which then reads as before SVG existed.
    pub fn is_png(&self) -> bool {
        *self == ChartFormat::Png
    }
}

/// Output settings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Output {
    pub dir: Option<PathBuf>,
    pub charts: Vec<String>,
    pub width: u32,
    pub height: u32,
    pub chart_format: ChartFormat,
}

/// Ward-level local results to estimate the shares from (the `[local]` section).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Local {
    /// A shipped pair (`2018-2022`) or a path to a ward-pair CSV.
    pub pair: String,
    pub key_parties: Vec<Party>,
    pub bootstrap: Option<u64>,
    /// Override of the earlier year's published PNS (fractions).
    pub baseline_pns: Vec<(Party, f64)>,
    /// Learn the Leave slopes and the tactical strength from the pair (`geography = true`).
    pub geography: bool,
}

/// The baseline of an inline scenario without `--baseline`: the latest shipped election.
pub const DEFAULT_BASELINE: &str = "ge2024";

/// A validated scenario. Shares are fractions (0–1) here; files and flags use percent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: String,
    pub description: String,
    pub source: String,
    /// Shipped baseline name or CSV path.
    pub baseline: String,
    pub model: Model,
    pub stm_threshold: f64,
    pub scope: Scope,
    /// National (GB, or England under `scope = "england"`) target shares of the named parties.
    pub shares: Vec<(Party, f64)>,
    /// Parties held at their baseline share (default SNP and Plaid Cymru).
    pub hold: Vec<Party>,
    /// Parties given the swing in seats they did not contest at the baseline.
    pub stands_everywhere: Vec<Party>,
    /// Nation or region targets.
    pub regions: Vec<(Area, Vec<(Party, f64)>)>,
    /// Party lineages: (successor, predecessor column merged into it).
    pub lineage: Vec<(Party, Party)>,
    pub uncertainty: Uncertainty,
    pub simulation: Simulation,
    pub parliament: Parliament,
    pub output: Output,
    pub local: Option<Local>,
    /// Covariate slopes and tactical voting (`[swing.covariates]`, `[tactical]`, or learned from `[local]`).
    pub geography: Geography,
    /// The file it came from (`None` for inline scenarios).
    #[serde(skip)]
    pub path: Option<PathBuf>,
    /// Whether the held parties were given (`hold` or `--hold`) rather than the default.
    #[serde(skip)]
    pub hold_given: bool,
    /// What the reading decided that the user should hear (printed on stderr as `note:` lines).
    #[serde(skip)]
    pub notes: Vec<String>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            name: "inline scenario".into(),
            description: String::new(),
            source: String::new(),
            // The latest election: an inline scenario without --baseline projects onto the current parliament.
            baseline: DEFAULT_BASELINE.into(),
            model: Model::Uns,
            stm_threshold: 0.20,
            scope: Scope::Gb,
            shares: vec![],
            hold: vec![Party::SNP, Party::PC],
            stands_everywhere: vec![],
            regions: vec![],
            lineage: vec![],
            uncertainty: Uncertainty::preset(Preset::WhatIf),
            simulation: Simulation { sims: 10_000, seed: None },
            parliament: Parliament {
                majority: None,
                effective_majority: None,
                coalitions: vec![],
                auto_coalitions: true,
            },
            output: Output {
                dir: None,
                charts: CHART_NAMES[..5].iter().map(|s| s.to_string()).collect(),
                width: 1600,
                height: 1000,
                chart_format: ChartFormat::Png,
            },
            local: None,
            geography: Geography::default(),
            path: None,
            hold_given: false,
            notes: vec![],
        }
    }
}

impl Scenario {
    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, InputError> {
        Scenario::resolve(Some(path), &Overrides::default())
    }

    /// Reads a scenario in two steps: the file (if any) and the flags are gathered and merged, flags winning, and
    /// then every value is validated once. Without a file the flags alone make an inline scenario.
    pub fn resolve(path: Option<&Path>, flags: &Overrides) -> Result<Scenario, InputError> {
        let Some(path) = path else {
            return validate::build(None, flags);
        };
        let path = crate::paths::normalise(path);
        let file = path.display().to_string();
        let text =
            std::fs::read_to_string(&path).map_err(|e| InputError::new(&file, format!("cannot read scenario: {e}")))?;
        let mut scenario = validate::build(Some((&text, &file)), flags)?;
        scenario.path = Some(path);
        Ok(scenario)
    }

    /// Parses and validates scenario TOML; `file` labels errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Scenario, InputError> {
        validate::build(Some((text, file)), &Overrides::default())
    }

    /// Adds the line number to an error about this scenario's file that names a field but no line.
    pub fn locate(&self, e: InputError) -> InputError {
        match &self.path {
            Some(path) if e.file == path.display().to_string() => match std::fs::read_to_string(path) {
                Ok(text) => validate::locate(e, &text),
                Err(_) => e,
            },
            _ => e,
        }
    }

    /// The name errors about this scenario's inputs use: its file, or `--share` for inline scenarios.
    pub fn file_label(&self) -> String {
        self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| INLINE.into())
    }

    /// Checks the cross-field rules shared by files and inline flags (shares sum, overlaps).
    pub fn check(&self, file: &str) -> Result<(), InputError> {
        validate::check(self, file)
    }
}
