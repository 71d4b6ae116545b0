//! The local-elections night chain: a scenario's `[local]` section turned into its national shares and σ.

use super::{Estimate, EstimateOptions, estimate_source};
use crate::baseline::Baseline;
use crate::error::InputError;
use crate::party::Party;
use crate::scenario::Scenario;

/// Method error added (in quadrature) to the bootstrap spread when it becomes the national σ: the bootstrap sees
/// only which wards happened to vote; against the published BBC PNS the estimator's errors have an RMS of about
/// 1.2 points (docs/estimate.md), so 1 point of model error is added.
pub const METHOD_SIGMA: f64 = 1.0;

/// Estimates the PNS from the scenario's `[local]` section and writes it into the scenario: the estimated shares
/// of every party but "other" become the named shares (scaled down, with a note, if they and the held parties'
/// baseline shares would exceed 100), the Reform lineage is mapped onto the baseline's predecessor column, and
/// √(bootstrap sd² + METHOD_SIGMA²) becomes each party's national σ unless the scenario sets it.
/// Returns the estimate and notes for the user; a scenario without `[local]` is left as it is.
pub fn apply_local(scenario: &mut Scenario) -> Result<Option<(Estimate, Vec<String>)>, InputError> {
    let Some(local) = scenario.local.clone() else { return Ok(None) };
    let file = scenario.file_label();
    let opts = EstimateOptions {
        key_parties: local.key_parties.clone(),
        bootstrap: local.bootstrap.unwrap_or(super::DEFAULT_BOOTSTRAP),
        seed: scenario.simulation.seed.unwrap_or(super::DEFAULT_SEED),
        baseline_pns: (!local.baseline_pns.is_empty()).then(|| local.baseline_pns.clone()),
    };
    let estimate = estimate_source(&local.pair, &opts).map_err(|e| as_scenario_error(scenario, e))?;
    let mut notes = Vec::new();
    // Reform's share goes onto the baseline's predecessor column (the Brexit Party in 2019, UKIP before).
    let baseline = Baseline::load(&scenario.baseline)?;
    if !scenario.lineage.iter().any(|(s, _)| *s == Party::REFORM) {
        let gb = baseline.gb_shares();
        let pred = [Party::REFORM, Party::BREXIT, Party::UKIP]
            .into_iter()
            .max_by(|a, b| gb[a.index()].total_cmp(&gb[b.index()]))
            .unwrap_or(Party::REFORM);
        if pred != Party::REFORM {
            scenario.lineage.push((Party::REFORM, pred));
            notes.push(format!("reform's estimated share is applied to the '{pred}' column of {}", scenario.baseline));
        }
    }
    let mut shares: Vec<(Party, f64)> =
        estimate.parties.iter().filter(|e| e.party != Party::OTHER).map(|e| (e.party, e.pns / 100.0)).collect();
    let base = baseline.shares_over(Baseline::is_gb_party_seat);
    let held: f64 =
        scenario.hold.iter().filter(|p| !shares.iter().any(|(q, _)| q == *p)).map(|p| base[p.index()]).sum();
    let named: f64 = shares.iter().map(|(_, v)| v).sum();
    if named + held > 1.0 {
        let scale = (1.0 - held) / named;
        shares.iter_mut().for_each(|(_, v)| *v *= scale);
        notes.push(format!(
            "the estimated shares ({:.1}%) and the held parties' baseline shares ({:.1}%) exceed 100: the estimates are scaled by {scale:.3}",
            named * 100.0,
            held * 100.0
        ));
    }
    scenario.shares = shares;
    for e in &estimate.parties {
        if e.party != Party::OTHER && !scenario.uncertainty.national_sigma_party.iter().any(|(p, _)| *p == e.party) {
            let sigma = (e.sampling_sd * e.sampling_sd + METHOD_SIGMA * METHOD_SIGMA).sqrt();
            scenario.uncertainty.national_sigma_party.push((e.party, sigma));
        }
    }
    if local.geography {
        let spec = scenario.geography.tactical.as_ref().map(|t| t.spec.clone()).unwrap_or_default();
        let learned = super::geography::learn_source(&local.pair, &spec).map_err(|e| as_scenario_error(scenario, e))?;
        notes.extend(learned.notes.iter().cloned());
        scenario.geography = learned.geography();
        notes.push(format!(
            "{} (each simulation draws them from their sampling distribution)",
            scenario.geography.describe()
        ));
    }
    scenario.check(&file)?;
    Ok(Some((estimate, notes)))
}

/// The scenario's field a flag of `pns estimate` stands for, when the value came from `[local]` or `[tactical]`.
const FLAG_FIELDS: [(&str, &str); 7] = [
    ("--pair", "local.pair"),
    ("--key-parties", "local.key_parties"),
    ("--baseline-pns", "local.baseline_pns"),
    ("--bootstrap", "local.bootstrap"),
    ("--against", "tactical.against"),
    ("--bloc", "tactical.bloc"),
    ("--where", "tactical.where"),
];

/// An error of the estimate that names one of its command-line flags, renamed to the scenario's file, line and
/// field that gave the value (errors about a ward file keep naming that file).
fn as_scenario_error(scenario: &Scenario, e: InputError) -> InputError {
    let Some((_, field)) = FLAG_FIELDS.iter().find(|(flag, _)| e.file == *flag) else {
        return scenario.locate(e);
    };
    let field = match &e.field {
        Some(sub) => format!("{field}.{sub}"),
        None => field.to_string(),
    };
    scenario.locate(InputError::new(scenario.file_label(), e.message).field(field))
}
