//! The last check before output: the path of the first NaN or infinity in any `Serialize` value.

use crate::error::InputError;
use serde::ser::{self, Serialize};
use std::fmt;

/// A non-finite number found in a value about to be written: where it is (`parties[2].sd`) and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct NonFinite {
    pub path: String,
    pub value: f64,
}

/// `Ok` when every `f64`/`f32` in `value` is finite; else the path of the first that is not.
pub fn check<T: Serialize + ?Sized>(value: &T) -> Result<(), NonFinite> {
    let mut walker = Walker { path: Vec::new() };
    match value.serialize(&mut walker) {
        Ok(()) => Ok(()),
        Err(Stop::Found(found)) => Err(found),
        // Only a custom `Serialize` that fails on its own gets here: that is the renderer's to report.
        Err(Stop::Custom) => Ok(()),
    }
}

/// Checks `value` before it is written: a non-finite number is a one-line error naming `file` (where the inputs
/// came from), `what` was computed (`the estimate`) and the figure's path, never a `0.0` or a `NaN` in the output.
pub fn ensure<T: Serialize + ?Sized>(value: &T, file: &str, what: &str) -> Result<(), InputError> {
    check(value).map_err(|f| {
        InputError::new(
            file,
            format!(
                "{what} came out as {} here: expected a finite number; the inputs' magnitudes made the computation \
                 overflow, so nothing was written",
                f.value
            ),
        )
        .field(f.path)
    })
}

/// Why the walk stopped early.
#[derive(Debug)]
enum Stop {
    Found(NonFinite),
    Custom,
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop::Custom
    }
}

/// The serializer: ignores everything but floats, and keeps the path to the value being serialised.
struct Walker {
    path: Vec<String>,
}

impl Walker {
    fn float(&self, v: f64) -> Result<(), Stop> {
        if v.is_finite() {
            return Ok(());
        }
        let path = self.path.concat();
        Err(Stop::Found(NonFinite { path: path.trim_start_matches('.').to_string(), value: v }))
    }

    /// Serialises `value` one step further down the path.
    fn within<T: Serialize + ?Sized>(&mut self, step: String, value: &T) -> Result<(), Stop> {
        self.path.push(step);
        let r = value.serialize(&mut *self);
        self.path.pop();
        r
    }
}

/// Methods that carry no float: accepted as they are.
macro_rules! ignore {
    ($($name:ident($($t:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $t),*) -> Result<(), Stop> { Ok(()) })*
    };
}

impl<'a> ser::Serializer for &'a mut Walker {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Seq<'a>;
    type SerializeStruct = Seq<'a>;
    type SerializeStructVariant = Seq<'a>;

    ignore!(serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64));
    ignore!(serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64), serialize_char(char));
    ignore!(serialize_i128(i128), serialize_u128(u128), serialize_str(&str), serialize_bytes(&[u8]));
    ignore!(serialize_none(), serialize_unit(), serialize_unit_struct(&'static str));
    ignore!(serialize_unit_variant(&'static str, u32, &'static str));

    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Stop> {
        self.float(v)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.within(format!(".{variant}"), v)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Stop> {
        Ok(Seq { walker: self, index: 0, key: None })
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
    fn serialize_struct_variant(self, _: &'static str, _: u32, _: &'static str, _: usize) -> Result<Seq<'a>, Stop> {
        self.serialize_seq(None)
    }
}

/// A compound value being walked: sequences count their elements, maps remember their last key's text.
struct Seq<'a> {
    walker: &'a mut Walker,
    index: usize,
    key: Option<String>,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        self.index += 1;
        self.walker.within(format!("[{}]", self.index - 1), v)
    }
}

macro_rules! compound {
    ($($trait:ident::$method:ident),*) => {
        $(impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = Stop;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
                self.element(v)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        })*
    };
}
compound!(SerializeSeq::serialize_element, SerializeTuple::serialize_element);
compound!(SerializeTupleStruct::serialize_field, SerializeTupleVariant::serialize_field);

macro_rules! fields {
    ($($trait:ident),*) => {
        $(impl ser::$trait for Seq<'_> {
            type Ok = ();
            type Error = Stop;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, v: &T) -> Result<(), Stop> {
                self.walker.within(format!(".{key}"), v)
            }
            fn end(self) -> Result<(), Stop> {
                Ok(())
            }
        })*
    };
}
fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Seq<'_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        self.key = Some(
            serde_json::to_value(key).map_or_else(|_| "?".into(), |k| k.as_str().map_or(k.to_string(), String::from)),
        );
        key.serialize(&mut *self.walker)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Stop> {
        let key = self.key.take().unwrap_or_default();
        self.walker.within(format!(".{key}"), v)
    }
    fn end(self) -> Result<(), Stop> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Serialize)]
    struct Row {
        party: &'static str,
        shares: Vec<f64>,
        by: BTreeMap<String, Option<f64>>,
    }

    #[test]
    fn finds_the_first_non_finite_number_and_its_path() {
        let by = BTreeMap::from([("con".to_string(), Some(1.0)), ("lab".to_string(), Some(f64::INFINITY))]);
        let rows = vec![
            Row { party: "con", shares: vec![1.0, 2.0], by: BTreeMap::new() },
            Row { party: "lab", shares: vec![0.5, f64::NAN], by },
        ];
        let found = check(&rows).unwrap_err();
        assert_eq!(found.path, "[1].shares[1]");
        assert!(found.value.is_nan());
        let e = ensure(&rows[1].by, "w.csv", "the estimate").unwrap_err().to_string();
        assert!(e.starts_with("w.csv: field `lab`: the estimate came out as inf here"), "{e}");
        assert!(check(&rows[0]).is_ok() && check(&(1u8, "x", Some(2.0f32))).is_ok());
    }
}
