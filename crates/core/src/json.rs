//! A minimal JSON value used by the pure core.
//!
//! In the browser, documents are parsed with the engine's own `JSON.parse`,
//! cross as tokens and are read into [`Json`] by [`crate::wire::codec`]; on the
//! host, tests build [`Json`] values directly. Keeping `serde_json` out of the wasm saves tens of
//! kilobytes, and lets validation be lenient field by field (a wrong type in
//! one field is a warning, not the loss of the whole document).

#[allow(unused_imports)]
use crate::prelude::*;

/// A JSON value. Object members keep their document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null` (and `undefined` coming from JavaScript).
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number (always finite when it comes from `JSON.parse`).
    Num(f64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, members in order.
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// The member `key` of an object, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The number, if this is a finite number.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(items) => Some(items),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// A short name of the value's type, for warnings ("a number", "an array").
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Num(_) => "a number",
            Json::Str(_) => "a string",
            Json::Arr(_) => "an array",
            Json::Obj(_) => "an object",
        }
    }
}
