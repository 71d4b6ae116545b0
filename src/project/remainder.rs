//! The scope-wide area beside nation and region tables: the rest of the scope takes the scope's figures less the tables'.
//!
//! When a scenario gives GB (or England) shares and also tables for nations or regions inside that scope, the tables'
//! seats take their own change and the rest of the scope takes what is left, so that the scope's figures still hold:
//! for every party the scope names, rest = (P_scope · V_scope − Σ P_table · V_table) / V_rest, V being the valid votes
//! of each set of seats at the baseline. Held parties keep their baseline share in the rest; the parties the scope
//! does not name share what is left pro rata, as everywhere else.

use super::plan::{AreaPlan, Plan, in_scope, targets};
use crate::baseline::{Baseline, Constituency};
use crate::error::InputError;
use crate::party::{N_PARTIES, Party, PartyVec};
use crate::scenario::{Scenario, Scope};

/// Shares below 0 by no more than this (fractions) are rounding, read as 0.
const ROUNDING: f64 = 1e-9;

/// The valid votes of the seats `member` selects.
fn votes(baseline: &Baseline, member: impl Fn(usize, &Constituency) -> bool) -> f64 {
    baseline.seats.iter().enumerate().filter(|(k, c)| member(*k, c)).map(|(_, c)| c.valid_votes).sum()
}

impl Plan {
    /// Adds the scope-wide area of `scenario` (its `[shares]`): over the whole scope when no table takes part of
    /// it, otherwise over the rest of the scope with the remainder of the scope's figures. Sets [`Plan::national`].
    pub(super) fn add_scope(&mut self, baseline: &Baseline, scenario: &Scenario, file: &str) -> Result<(), InputError> {
        let scope = scenario.scope;
        let label = match scope {
            Scope::Gb => "GB",
            Scope::England => "England",
        };
        let member = |c: &Constituency| in_scope(c, scope);
        // Each table's votes inside the scope (a nation or region lies wholly inside it or wholly outside).
        let tables: Vec<f64> =
            (0..self.areas.len()).map(|a| votes(baseline, |k, c| member(c) && self.seat_area[k] == Some(a))).collect();
        if tables.iter().all(|v| *v == 0.0) {
            let a = self.area(baseline, label, &member, &scenario.shares, &scenario.hold, file)?;
            self.national = Some(a.target);
            self.push_area(baseline, a, |_, c| member(c));
            return Ok(());
        }
        // The scope's own figures must be possible before they are split.
        targets(&baseline.shares_over(member), &scenario.shares, &scenario.hold)
            .map_err(|m| InputError::new(file, format!("{label}: {m}")).field("shares"))?;
        let regions: Vec<crate::geo::Area> = scenario.regions.iter().map(|(a, _)| *a).collect();
        let rest = |c: &Constituency| member(c) && !regions.iter().any(|a| a.contains(c.region));
        let (v_scope, v_rest) = (votes(baseline, |_, c| member(c)), votes(baseline, |_, c| rest(c)));
        if v_rest == 0.0 {
            return Err(InputError::new(
                file,
                format!(
                    "the nation and region tables cover every seat the {label} shares move, so those shares cannot hold: expected [shares] or the tables that cover {label}, not both"
                ),
            )
            .field("shares"));
        }
        let rest_label = format!("rest of {label}");
        let mut named = Vec::with_capacity(scenario.shares.len());
        for &(p, v) in &scenario.shares {
            let tabled: f64 = tables.iter().zip(&self.areas).map(|(w, a)| w * a.target[p.index()]).sum();
            let share = (v * v_scope - tabled) / v_rest;
            if share < -ROUNDING {
                return Err(self.too_much_elsewhere(scenario, p, v, share, &tables, label, file));
            }
            named.push((p, share.max(0.0)));
        }
        self.rest_fits(&named, &baseline.shares_over(rest), &scenario.hold, label, file)?;
        let a = self.area(baseline, &rest_label, &rest, &named, &scenario.hold, file)?;
        self.notes.push(remainder_note(&rest_label, label, &self.table_labels(&tables), &named));
        self.national = Some(national(&self.areas, &tables, &a, v_rest, v_scope, &scenario.shares));
        self.push_area(baseline, a, |_, c| rest(c));
        Ok(())
    }

    /// Pushes area `a` and makes it the area of every seat `member` selects that no table took.
    fn push_area(&mut self, baseline: &Baseline, a: AreaPlan, member: impl Fn(usize, &Constituency) -> bool) {
        let idx = self.areas.len();
        self.areas.push(a);
        for (k, c) in baseline.seats.iter().enumerate() {
            if member(k, c) && self.seat_area[k].is_none() {
                self.seat_area[k] = Some(idx);
            }
        }
    }

    /// Checks that the rest's named shares and its held parties' baseline shares leave room (at most 100).
    fn rest_fits(
        &self,
        named: &[(Party, f64)],
        rest_base: &PartyVec,
        hold: &[Party],
        label: &str,
        file: &str,
    ) -> Result<(), InputError> {
        let fixed: f64 = named.iter().map(|(_, v)| v).sum();
        let held: f64 = hold.iter().filter(|h| !named.iter().any(|(p, _)| p == *h)).map(|h| rest_base[h.index()]).sum();
        if fixed + held <= 1.0 + ROUNDING {
            return Ok(());
        }
        Err(InputError::new(
            file,
            format!(
                "the {label} shares less the nation and region tables' leave the named parties {:.2}% and the held parties {:.2}% of the rest of {label}: expected at most 100 (lower the tables' shares or the {label} shares)",
                fixed * 100.0,
                held * 100.0
            ),
        )
        .field("shares"))
    }

    /// The names of the tables with votes inside the scope, e.g. "Scotland and Wales".
    fn table_labels(&self, tables: &[f64]) -> String {
        let names: Vec<&str> =
            tables.iter().zip(&self.areas).filter(|(w, _)| **w > 0.0).map(|(_, a)| a.label.as_str()).collect();
        match names.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    }

    /// The error for a party whose tables inside the scope already hold more of its votes than the scope's share,
    /// naming the table that holds most of them.
    #[allow(clippy::too_many_arguments)]
    fn too_much_elsewhere(
        &self,
        scenario: &Scenario,
        p: Party,
        v: f64,
        share: f64,
        tables: &[f64],
        label: &str,
        file: &str,
    ) -> InputError {
        let weight = |a: usize| tables[a] * self.areas[a].target[p.index()];
        let a = (0..tables.len()).fold(0, |best, a| if weight(a) > weight(best) { a } else { best });
        let area = &self.areas[a];
        InputError::new(
            file,
            format!(
                "'{p}' at {:.2}% in {} and {:.2}% in {label} leaves {:.2}% for the rest of {label}: expected nation and region shares that fit within the {label} share",
                area.target[p.index()] * 100.0,
                area.label,
                v * 100.0,
                share * 100.0
            ),
        )
        .field(format!("regions.{}.{p}", scenario.regions[a].0.key()))
    }
}

/// The scope's figures as they hold over the whole scope: the tables inside it and the rest `a`, vote-weighted;
/// the named parties exactly as given.
fn national(
    tables_areas: &[AreaPlan],
    tables: &[f64],
    a: &AreaPlan,
    v_rest: f64,
    v_scope: f64,
    named: &[(Party, f64)],
) -> PartyVec {
    let mut out: PartyVec = [0.0; N_PARTIES];
    for (i, o) in out.iter_mut().enumerate() {
        let tabled: f64 = tables.iter().zip(tables_areas).map(|(w, t)| w * t.target[i]).sum();
        *o = (tabled + v_rest * a.target[i]) / v_scope;
    }
    for (p, v) in named {
        out[p.index()] = *v;
    }
    out
}

/// The note that says what the rest of the scope takes.
fn remainder_note(rest_label: &str, label: &str, tables: &str, named: &[(Party, f64)]) -> String {
    let shares: Vec<String> = named.iter().map(|(p, v)| format!("{p} {:.2}%", v * 100.0)).collect();
    format!(
        "{rest_label} takes the {label} shares less those of {tables} (vote-weighted at the baseline turnout), so that the {label} shares hold: {}",
        shares.join(", ")
    )
}
