//! The fast path for reading a record: `toml-spanner` parses the text (about ten times faster
//! than the `toml` crate on our records) and a small serde deserializer walks its tree into the
//! typed model.
//!
//! It is only ever a fast path. Any failure — bad syntax, an unknown field, a wrong type, a
//! datetime that is not a plain date, anything unusual — gives `None`, and the caller reads the
//! file again with the `toml` crate, whose errors and spans every diagnostic is built on. So a
//! clean file is parsed once, quickly, and a broken one gets exactly the diagnostic it always
//! got. The one property this module must keep is: when it returns a value, `toml` would have
//! returned the same value. `tests/fast_toml.rs` checks that on every file of the demo and on
//! thousands of randomly damaged copies of them.

use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::mem::MaybeUninit;
use toml_spanner::{Arena, DateTime, Item, Value};

/// Parses `text` into `T`, or `None` when the `toml` crate should have the final word.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    let arena = Arena::new();
    let root = toml_spanner::parse(text, &arena).ok()?.into_item();
    T::deserialize(ItemDeserializer(&root)).ok()
}

/// Why the fast path gave up; deliberately without a message, since nobody reads it.
#[derive(Debug)]
struct GiveUp;

impl std::fmt::Display for GiveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("fast TOML path gave up")
    }
}

impl std::error::Error for GiveUp {}

impl de::Error for GiveUp {
    fn custom<M: std::fmt::Display>(_message: M) -> GiveUp {
        GiveUp
    }
}

/// The name under which the `toml` crate hands a native datetime to serde (a one-entry map
/// holding its text); `Date`'s visitor accepts exactly that, so this path must produce it too.
const DATETIME_KEY: &str = "$__toml_private_datetime";

struct ItemDeserializer<'a, 'de>(&'a Item<'de>);

impl<'de> de::Deserializer<'de> for ItemDeserializer<'_, '_> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.0.value() {
            Value::String(text) => visitor.visit_str(text),
            Value::Integer(integer) => visitor.visit_i64(integer.as_i64().ok_or(GiveUp)?),
            Value::Float(float) => visitor.visit_f64(*float),
            Value::Boolean(flag) => visitor.visit_bool(*flag),
            Value::DateTime(datetime) => visit_date(datetime, visitor),
            Value::Array(array) => visitor.visit_seq(Items(array.as_slice().iter())),
            Value::Table(table) => visitor.visit_map(Entries { entries: table.entries().iter(), pending: None }),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        // `toml::Spanned` and friends use private struct names and need the toml crate; and
        // serde would accept an array for a struct where toml may not, so only tables pass.
        match self.0.value() {
            Value::Table(table) if !name.starts_with("$__") => {
                visitor.visit_map(Entries { entries: table.entries().iter(), pending: None })
            }
            _ => Err(GiveUp),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, visitor: V) -> Result<V::Value, GiveUp> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        // The model's enums are all unit variants written as strings.
        match self.0.value() {
            Value::String(text) => visitor.visit_enum((*text).into_deserializer()),
            _ => Err(GiveUp),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

/// A local date goes to the visitor as the `toml` crate sends it; any other datetime kind
/// (with a time or an offset) is left to the `toml` crate.
fn visit_date<'de, V: Visitor<'de>>(datetime: &DateTime, visitor: V) -> Result<V::Value, GiveUp> {
    if datetime.time().is_some() || datetime.offset().is_some() || datetime.date().is_none() {
        return Err(GiveUp);
    }
    let mut buffer = MaybeUninit::uninit();
    let text = datetime.format(&mut buffer);
    visitor.visit_map(DateEntry(Some(text)))
}

struct DateEntry<'t>(Option<&'t str>);

impl<'de> MapAccess<'de> for DateEntry<'_> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, GiveUp> {
        match self.0 {
            Some(_) => seed.deserialize(DATETIME_KEY.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        let text = self.0.take().ok_or(GiveUp)?;
        seed.deserialize(text.into_deserializer())
    }
}

struct Entries<'a, 'de> {
    entries: std::slice::Iter<'a, (toml_spanner::Key<'de>, Item<'de>)>,
    pending: Option<&'a Item<'de>>,
}

impl<'de> MapAccess<'de> for Entries<'_, '_> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, GiveUp> {
        let Some((key, item)) = self.entries.next() else { return Ok(None) };
        self.pending = Some(item);
        seed.deserialize(key.as_str().into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        let item = self.pending.take().ok_or(GiveUp)?;
        seed.deserialize(ItemDeserializer(item))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Items<'a, 'de>(std::slice::Iter<'a, Item<'de>>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, GiveUp> {
        match self.0.next() {
            Some(item) => seed.deserialize(ItemDeserializer(item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}
