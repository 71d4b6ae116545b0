//! JSON: every JSON document `pns` prints or writes, pretty-printed with a final newline.

use serde::Serialize;

/// `value` as pretty-printed JSON ending in a newline.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}
