//! Tolerant deserialisers for fields whose wire type is not guaranteed.
//!
//! The real API is only partly documented (see the contract's [C]/[I] marks), so the client
//! accepts ids and numbers that arrive as strings, strings that arrive as numbers, and `null`
//! wherever a value may be missing. Each function here is used through
//! `#[serde(default, deserialize_with = "…")]` on the models.

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// An identifier: a `caseCommonId`, `caseStepId`, note id, …
pub type Id = i64;

/// Accepts an integer, a float with no fraction, a numeric string, or `null` (→ 0).
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
    Ok(opt_id(d)?.unwrap_or_default())
}

/// Like [`id`], but `null`, `""` and a missing field are `None`.
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Id>, D::Error> {
    d.deserialize_any(IdVisitor)
}

struct IdVisitor;

impl<'de> Visitor<'de> for IdVisitor {
    type Value = Option<Id>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an integer id, as a number or a string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom("id out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(Some(v as i64))
        } else {
            Err(E::custom(format!("{v} is not an integer id")))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<i64>()
            .map(Some)
            .map_err(|_| E::custom(format!("{t:?} is not an integer id")))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A number that may arrive as a number, a string (`"25.5"`, `"25.5%"`) or `null`.
pub fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    d.deserialize_any(F64Visitor)
}

struct F64Visitor;

impl<'de> Visitor<'de> for F64Visitor {
    type Value = Option<f64>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, as a number or a string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v as f64))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(v.is_finite().then_some(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let t = v.trim().trim_end_matches('%').trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>()
            .map(|n| n.is_finite().then_some(n))
            .map_err(|_| E::custom(format!("{t:?} is not a number")))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// Text that may arrive as a string, a number or a boolean (registration numbers, postcodes).
pub fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(StringVisitor)
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text, a number or a boolean")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// A flag that may arrive as `true`, `"true"`, `"Yes"`, `1` or `null` (→ false).
pub fn bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(opt_bool(d)?.unwrap_or(false))
}

/// Like [`bool`] but keeps "absent" apart from "false".
pub fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    d.deserialize_any(BoolVisitor)
}

struct BoolVisitor;

impl<'de> Visitor<'de> for BoolVisitor {
    type Value = Option<bool>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v != 0))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(v != 0))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match v.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" => Ok(Some(true)),
            "false" | "no" | "n" | "0" => Ok(Some(false)),
            "" | "na" | "n/a" => Ok(None),
            other => Err(E::custom(format!("{other:?} is not a boolean"))),
        }
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// How far a case is built, in per cent. The vendor's client reads `complete` as a number it
/// prints with a `%` [C]; an older form sent a boolean (true = done). Either becomes 0–100.
pub fn opt_percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u8>, D::Error> {
    d.deserialize_any(PercentVisitor)
}

struct PercentVisitor;

impl PercentVisitor {
    fn clamp(v: Option<f64>) -> Option<u8> {
        // In range after the clamp, so the cast cannot truncate.
        v.map(|n| n.clamp(0.0, 100.0).round() as u8)
    }
}

impl<'de> Visitor<'de> for PercentVisitor {
    type Value = Option<u8>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a percentage or a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(if v { 100 } else { 0 }))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Self::clamp(F64Visitor.visit_i64(v)?))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Self::clamp(F64Visitor.visit_u64(v)?))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Self::clamp(F64Visitor.visit_f64(v)?))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        match opt_bool_word(v) {
            Some(b) => self.visit_bool(b),
            None => Ok(Self::clamp(F64Visitor.visit_str(v)?)),
        }
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

/// `"true"`/`"false"` spelled out, for fields that were once booleans.
fn opt_bool_word(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// A list that may arrive as `null` (→ empty).
pub fn vec<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct T {
        #[serde(default, deserialize_with = "id")]
        id: Id,
        #[serde(default, deserialize_with = "opt_f64")]
        pct: Option<f64>,
        #[serde(default, deserialize_with = "opt_string")]
        reg: Option<String>,
        #[serde(default, deserialize_with = "bool")]
        flag: bool,
        #[serde(default, deserialize_with = "vec")]
        list: Vec<u8>,
    }

    #[test]
    fn accepts_loose_types() {
        let t: T = serde_json::from_str(
            r#"{"id":"1000003766","pct":"25.5%","reg":12345,"flag":"Yes","list":null}"#,
        )
        .unwrap();
        assert_eq!(t.id, 1000003766);
        assert_eq!(t.pct, Some(25.5));
        assert_eq!(t.reg.as_deref(), Some("12345"));
        assert!(t.flag);
        assert!(t.list.is_empty());
    }

    #[test]
    fn missing_and_null_default() {
        let t: T = serde_json::from_str(r#"{"id":null,"pct":null}"#).unwrap();
        assert_eq!(t.id, 0);
        assert_eq!(t.pct, None);
        assert!(!t.flag);
    }

    #[test]
    fn completeness_is_a_percentage_from_a_number_or_a_boolean() {
        #[derive(Deserialize)]
        struct C {
            #[serde(default, deserialize_with = "opt_percent")]
            complete: Option<u8>,
        }
        let read = |s: &str| serde_json::from_str::<C>(s).unwrap().complete;
        assert_eq!(read(r#"{"complete":100}"#), Some(100));
        assert_eq!(read(r#"{"complete":37.6}"#), Some(38));
        assert_eq!(read(r#"{"complete":"50"}"#), Some(50));
        assert_eq!(read(r#"{"complete":250}"#), Some(100));
        assert_eq!(read(r#"{"complete":true}"#), Some(100));
        assert_eq!(read(r#"{"complete":false}"#), Some(0));
        assert_eq!(read(r#"{"complete":null}"#), None);
        assert_eq!(read("{}"), None);
    }

    #[test]
    fn rejects_garbage_ids_with_a_message() {
        let e = serde_json::from_str::<T>(r#"{"id":"abc"}"#).unwrap_err();
        assert!(e.to_string().contains("not an integer id"), "{e}");
    }
}
