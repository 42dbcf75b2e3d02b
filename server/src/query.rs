//! The query string of an `/api` request: the `session` key plus named parameters.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::Uri;

use crate::respond::BadRequest;
use crate::session::{DEFAULT_SESSION, MAX_SESSION_LEN};

/// Parsed query parameters of an `/api` request.
///
/// Extracting it validates `session` (at most 64 characters; missing or empty
/// means `"default"`); a bad query string is answered with `400`.
#[derive(Debug, Clone)]
pub struct ApiQuery {
    /// The session this request belongs to.
    pub session: String,
    params: HashMap<String, String>,
}

impl ApiQuery {
    /// Parses the query string of `uri`.
    pub fn from_uri(uri: &Uri) -> Result<Self, BadRequest> {
        let Query(params) = Query::<HashMap<String, String>>::try_from_uri(uri)
            .map_err(|e| BadRequest(format!("Unreadable query string: {e}")))?;
        let session = match params.get("session").map(String::as_str) {
            None | Some("") => DEFAULT_SESSION.to_owned(),
            Some(s) if s.chars().count() <= MAX_SESSION_LEN => s.to_owned(),
            Some(_) => {
                return Err(BadRequest(format!(
                    "`session` must be at most {MAX_SESSION_LEN} characters"
                )))
            }
        };
        Ok(ApiQuery { session, params })
    }

    /// The raw value of parameter `name`, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// Whole-number parameter `name`, `default` when absent; a value that is
    /// not a number or is outside `min..=max` is rejected with `400`.
    pub fn number(&self, name: &str, default: u64, min: u64, max: u64) -> Result<u64, BadRequest> {
        let Some(raw) = self.get(name) else {
            return Ok(default);
        };
        match raw.trim().parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(BadRequest(format!(
                "`{name}` must be a whole number from {min} to {max}, got {raw:?}"
            ))),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiQuery {
    type Rejection = BadRequest;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        ApiQuery::from_uri(&parts.uri)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(s: &str) -> Result<ApiQuery, BadRequest> {
        let uri: Uri = format!("/api/x{s}").parse().expect("test uri");
        ApiQuery::from_uri(&uri)
    }

    #[test]
    fn session_defaults_and_limits() -> Result<(), BadRequest> {
        assert_eq!(query("")?.session, "default");
        assert_eq!(query("?session=")?.session, "default");
        assert_eq!(query("?session=a%20b")?.session, "a b");
        assert_eq!(
            query(&format!("?session={}", "x".repeat(64)))?
                .session
                .len(),
            64
        );
        assert!(query(&format!("?session={}", "x".repeat(65))).is_err());
        Ok(())
    }

    #[test]
    fn numbers_default_and_range_check() -> Result<(), BadRequest> {
        let q = query("?step=5&delay=99&bad=x")?;
        assert_eq!(q.number("step", 12, 1, 60)?, 5);
        assert_eq!(q.number("missing", 12, 1, 60)?, 12);
        assert!(q.number("delay", 30, 0, 60).is_err());
        assert!(q.number("bad", 30, 0, 60).is_err());
        Ok(())
    }
}
