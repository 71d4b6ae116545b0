//! The `[local]` section: the ward pair to estimate the shares from, and how.

use super::super::raw::RawLocal;
use super::super::{Local, rules};
use super::ctx::{Ctx, Val, file_table};
use crate::error::InputError;
use crate::party::Party;

/// The ward pair, key parties, bootstrap, earlier-year PNS and whether the geography is learned.
pub(super) fn local(cx: &Ctx, l: &RawLocal) -> Result<Local, InputError> {
    let pair = l.pair.as_ref().ok_or_else(|| {
        InputError::new(cx.file, "missing key: expected a shipped pair like \"2018-2022\" or a ward-pair CSV path")
            .field("local.pair")
    })?;
    let key_parties = match &l.key_parties {
        Some(list) => cx.parties(&list.iter().map(Val::file).collect::<Vec<_>>(), "local.key_parties")?,
        None => vec![Party::CON, Party::LAB, Party::LD],
    };
    let bootstrap = match &l.bootstrap {
        Some(b) => Some(cx.spanned(b, "local.bootstrap", |&n| {
            rules::count(i128::from(n), "a number of resamples", rules::MAX_BOOTSTRAP)
        })?),
        None => None,
    };
    let baseline_pns = match &l.baseline_pns {
        Some(m) => cx.shares(&file_table(m), "local.baseline_pns")?,
        None => vec![],
    };
    let geography = l.geography.as_ref().is_some_and(|g| *g.get_ref());
    Ok(Local { pair: pair.get_ref().clone(), key_parties, bootstrap, baseline_pns, geography })
}
