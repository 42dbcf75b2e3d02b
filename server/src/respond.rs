//! Building JSON responses: strong ETags, `304 Not Modified`, and error bodies.
//!
//! `Cache-Control: no-store` is added to every `/api` response by a layer in
//! [`crate::api::router`], not here.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// `application/json`, the content type of every `/api` body.
pub const JSON: HeaderValue = HeaderValue::from_static("application/json");

/// A strong ETag for a body: its 64-bit FNV-1a hash, hex, in quotes.
///
/// Equal bodies give equal tags, so an unchanged document is recognised
/// whatever produced it.
pub fn etag(body: &[u8]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = body
        .iter()
        .fold(OFFSET, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("\"{hash:016x}\"")
}

/// Whether an `If-None-Match` header names `etag` (or is `*`).
///
/// The header may list several tags; `If-None-Match` uses the weak comparison,
/// so a `W/` prefix on a listed tag is ignored.
pub fn if_none_match(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|list| list.split(','))
        .map(str::trim)
        .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
}

/// Answers a state document: `200` with the JSON body and its ETag, or an empty
/// `304 Not Modified` with the same ETag when the client already has it.
pub fn document(request: &HeaderMap, doc: &Value) -> Response {
    json_bytes_with_etag(request, doc.to_string().into_bytes())
}

/// Like [`document`], for a body that is already serialised.
pub fn json_bytes_with_etag(request: &HeaderMap, body: Vec<u8>) -> Response {
    let tag = etag(&body);
    let tag_header = HeaderValue::from_str(&tag).unwrap_or(HeaderValue::from_static("\"\""));
    if if_none_match(request, &tag) {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag_header)]).into_response();
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, JSON), (header::ETAG, tag_header)],
        body,
    )
        .into_response()
}

/// A JSON body sent as-is, without an ETag (used for deliberately broken bodies,
/// so a client never gets a `304` for them).
pub fn raw_json(status: StatusCode, body: impl Into<Body>) -> Response {
    (status, [(header::CONTENT_TYPE, JSON)], body.into()).into_response()
}

/// A JSON error body: `{"error": "..."}`.
pub fn error(status: StatusCode, message: &str) -> Response {
    raw_json(status, json!({ "error": message }).to_string())
}

/// A rejected request (bad query parameter): answered as `400` with a JSON error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRequest(pub String);

impl IntoResponse for BadRequest {
    fn into_response(self) -> Response {
        error(StatusCode::BAD_REQUEST, &self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etag_is_stable_and_quoted() {
        let a = etag(br#"{"version":1}"#);
        assert_eq!(a, etag(br#"{"version":1}"#));
        assert!(a.starts_with('"') && a.ends_with('"'));
        assert_eq!(a.len(), 18);
        // FNV-1a 64 of the empty input is its offset basis.
        assert_eq!(etag(b""), "\"cbf29ce484222325\"");
    }

    #[test]
    fn etag_differs_for_different_bodies() {
        assert_ne!(etag(br#"{"sequence":1}"#), etag(br#"{"sequence":2}"#));
        assert_ne!(etag(b"a"), etag(b"b"));
    }

    fn headers(if_none_match: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_str(if_none_match).expect("test header"),
        );
        h
    }

    #[test]
    fn if_none_match_parses_lists_weak_tags_and_star() {
        let tag = "\"0123456789abcdef\"";
        assert!(if_none_match(&headers(tag), tag));
        assert!(if_none_match(&headers(&format!("\"x\", W/{tag}")), tag));
        assert!(if_none_match(&headers("*"), tag));
        assert!(!if_none_match(&headers("\"other\""), tag));
        assert!(!if_none_match(&HeaderMap::new(), tag));
    }

    #[test]
    fn document_answers_304_when_the_tag_matches() {
        let doc = json!({ "version": 1, "steps": [] });
        let first = document(&HeaderMap::new(), &doc);
        assert_eq!(first.status(), StatusCode::OK);
        let tag = first
            .headers()
            .get(header::ETAG)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let second = document(&headers(&tag), &doc);
        assert_eq!(second.status(), StatusCode::NOT_MODIFIED);
        assert_eq!(
            second
                .headers()
                .get(header::ETAG)
                .and_then(|v| v.to_str().ok()),
            Some(tag.as_str())
        );
    }
}
