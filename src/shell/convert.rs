//! `JsValue` <-> [`Json`]: documents come in through `JSON.parse` or from page
//! objects (`el.state = …`) and go out as plain objects.

use crate::json::Json;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Deepest nesting accepted; deeper input is rejected, not recursed into.
pub const MAX_DEPTH: u32 = 32;
/// Most members or elements read from one object or array.
pub const MAX_ITEMS: u32 = 10_000;

/// Why a JavaScript value could not be read as JSON.
#[derive(Debug)]
pub enum ConvertError {
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An object or array with more than [`MAX_ITEMS`] entries.
    TooLarge,
}

/// Reads a JavaScript value as JSON. Functions, symbols and bigints read as
/// `null`; getters that throw are skipped.
pub fn from_js(v: &JsValue) -> Result<Json, ConvertError> {
    read(v, 0)
}

fn read(v: &JsValue, depth: u32) -> Result<Json, ConvertError> {
    if depth > MAX_DEPTH {
        return Err(ConvertError::TooDeep);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if let Some(n) = v.as_f64() {
        return Ok(if n.is_finite() {
            Json::Num(n)
        } else {
            Json::Null
        });
    }
    if let Some(s) = v.as_string() {
        return Ok(Json::Str(s));
    }
    if Array::is_array(v) {
        let arr: &Array = v.unchecked_ref();
        if arr.length() > MAX_ITEMS {
            return Err(ConvertError::TooLarge);
        }
        let mut out = Vec::with_capacity(arr.length() as usize);
        for i in 0..arr.length() {
            out.push(read(&arr.get(i), depth + 1)?);
        }
        return Ok(Json::Arr(out));
    }
    if v.is_object() && !v.is_function() {
        let keys = Object::keys(v.unchecked_ref::<Object>());
        if keys.length() > MAX_ITEMS {
            return Err(ConvertError::TooLarge);
        }
        let mut out = Vec::with_capacity(keys.length() as usize);
        for i in 0..keys.length() {
            let key = keys.get(i);
            let (Some(name), Ok(value)) = (key.as_string(), Reflect::get(v, &key)) else {
                continue;
            };
            out.push((name, read(&value, depth + 1)?));
        }
        return Ok(Json::Obj(out));
    }
    Ok(Json::Null)
}

/// Builds a plain JavaScript value from JSON.
pub fn to_js(j: &Json) -> JsValue {
    match j {
        Json::Null => JsValue::NULL,
        Json::Bool(b) => JsValue::from_bool(*b),
        Json::Num(n) => JsValue::from_f64(*n),
        Json::Str(s) => JsValue::from_str(s),
        Json::Arr(items) => items.iter().map(to_js).collect::<Array>().into(),
        Json::Obj(members) => {
            let o = Object::new();
            for (k, v) in members {
                let _ = Reflect::set(&o, &JsValue::from_str(k), &to_js(v));
            }
            o.into()
        }
    }
}

/// A plain object from `(key, value)` pairs (event details).
pub fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}
