//! The scenario file as written: serde structs mirroring the TOML, unknown keys rejected.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// Party → percent, with the position of each value for error messages.
pub type RawShares = BTreeMap<String, Spanned<f64>>;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub source: Option<String>,
    pub baseline: Option<Spanned<String>>,
    pub model: Option<Spanned<String>>,
    pub stm_threshold: Option<Spanned<f64>>,
    pub scope: Option<Spanned<String>>,
    pub hold: Option<Vec<Spanned<String>>>,
    pub stands_everywhere: Option<Vec<Spanned<String>>>,
    pub shares: Option<RawShares>,
    pub regions: Option<BTreeMap<String, RawShares>>,
    pub lineage: Option<BTreeMap<String, Spanned<String>>>,
    pub uncertainty: Option<RawUncertainty>,
    pub simulation: Option<RawSimulation>,
    pub parliament: Option<RawParliament>,
    pub output: Option<RawOutput>,
    pub local: Option<RawLocal>,
    pub swing: Option<RawSwing>,
    pub tactical: Option<RawTactical>,
    /// `[sweep]`: read and checked by `pns sweep` (`crate::sweep::spec`), ignored by the other commands.
    #[serde(rename = "sweep")]
    pub _sweep: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawUncertainty {
    pub preset: Option<Spanned<String>>,
    pub national_sigma: Option<Spanned<f64>>,
    pub national_sigma_party: Option<RawShares>,
    pub correlations: Option<BTreeMap<String, Spanned<f64>>>,
    pub regional_sigma: Option<Spanned<f64>>,
    pub regional_sigma_party: Option<RawShares>,
    pub constituency_scale: Option<Spanned<f64>>,
    pub constituency_floor: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSimulation {
    pub sims: Option<Spanned<i64>>,
    pub seed: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawParliament {
    pub majority: Option<Spanned<i64>>,
    pub effective_majority: Option<Spanned<i64>>,
    pub coalitions: Option<Vec<Spanned<Vec<String>>>>,
    pub auto_coalitions: Option<Spanned<bool>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawOutput {
    pub dir: Option<String>,
    pub charts: Option<Spanned<Vec<String>>>,
    pub width: Option<Spanned<i64>>,
    pub height: Option<Spanned<i64>>,
    pub chart_format: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawLocal {
    pub pair: Option<Spanned<String>>,
    pub key_parties: Option<Vec<Spanned<String>>>,
    pub bootstrap: Option<Spanned<i64>>,
    pub baseline_pns: Option<RawShares>,
    pub geography: Option<Spanned<bool>>,
}

/// `[swing]`: covariate → party → slope.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawSwing {
    pub covariates: Option<BTreeMap<String, RawShares>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTactical {
    pub against: Option<Spanned<String>>,
    pub bloc: Option<Vec<Spanned<String>>>,
    pub strength: Option<Spanned<f64>>,
    pub r#where: Option<Spanned<String>>,
}
