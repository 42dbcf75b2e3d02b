//! Faults on demand for `/api/flaky`: every way an endpoint can misbehave that
//! the widget must survive (docs/reference.md#the-state-document, docs/reference.md#events, rules 9 and 26), and the answers a
//! real endpoint gives that a widget must understand: a login page after a
//! redirect, `401`/`403`, `429`/`503` with `Retry-After`, `204`, and
//! `Cache-Control: max-age` (rules 39 and 48).

use std::convert::Infallible;
use std::str::FromStr;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream;
use serde_json::{json, Value};

use crate::respond::{self, BadRequest};
use crate::scenarios;
use crate::time::{http_date, iso8601};
use crate::Shutdown;

/// Longest accepted `delay` for `timeout` and `slow`, in seconds.
pub const MAX_DELAY_SECS: u64 = 60;

/// Default `delay` for `timeout` and `slow`, in seconds.
pub const DEFAULT_DELAY_SECS: u64 = 30;

/// Longest accepted `wait` (`Retry-After`, `max-age`), in seconds: a day.
pub const MAX_WAIT_SECS: u64 = 86_400;

/// Default `wait` for `429`, `503` and `maxage`, in seconds.
pub const DEFAULT_WAIT_SECS: u64 = 30;

/// How long `fault=cycle` holds its `timeout` request.
const CYCLE_TIMEOUT: Duration = Duration::from_secs(3);

/// Chunks a `slow` body is cut into.
const SLOW_CHUNKS: usize = 10;

/// A fault selected with `?fault=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// `500`: HTTP 500 with a JSON error body.
    ServerError,
    /// `404`: HTTP 404 with a JSON error body.
    NotFound,
    /// `timeout`: hold the request for `delay` seconds, then answer normally.
    Timeout,
    /// `malformed`: `200` with truncated JSON.
    Malformed,
    /// `notobject`: `200` with a JSON array.
    NotObject,
    /// `nosteps`: `200` with a document whose `steps` is empty.
    NoSteps,
    /// `outoforder`: odd requests get `sequence` 100+n, even ones an old document (`sequence` 1).
    OutOfOrder,
    /// `slow`: a valid document trickled out over `delay` seconds.
    Slow,
    /// `huge`: a valid document of about 2 MB.
    Huge,
    /// `wrongtypes`: steps whose fields have the wrong JSON types.
    WrongTypes,
    /// `hostile`: text fields carrying markup, script URLs and bidi overrides.
    Hostile,
    /// `cycle`: 200, 500, malformed, timeout (3 s), 200, then again.
    Cycle,
    /// `login`: what a session-protected endpoint does for a visitor who is
    /// not signed in: `302` to `/api/login`, an HTML page answered `200`.
    Login,
    /// `401`: not signed in (`WWW-Authenticate: Bearer`), a JSON error body.
    Unauthorized,
    /// `403`: signed in but not allowed, a JSON error body.
    Forbidden,
    /// `429`: too many requests, with `Retry-After: <wait>` in seconds.
    TooManyRequests,
    /// `503`: unavailable, with `Retry-After` as an HTTP date `wait` seconds ahead.
    Unavailable,
    /// `204`: no content (nothing new to say).
    NoContent,
    /// `maxage`: the plain journey with `Cache-Control: max-age=<wait>`.
    MaxAge,
    /// `complete`: the journey with every step complete.
    Complete,
}

impl Fault {
    /// Every fault with its query value, in documentation order.
    pub const ALL: [(&'static str, Fault); 20] = [
        ("500", Fault::ServerError),
        ("404", Fault::NotFound),
        ("timeout", Fault::Timeout),
        ("malformed", Fault::Malformed),
        ("notobject", Fault::NotObject),
        ("nosteps", Fault::NoSteps),
        ("outoforder", Fault::OutOfOrder),
        ("slow", Fault::Slow),
        ("huge", Fault::Huge),
        ("wrongtypes", Fault::WrongTypes),
        ("hostile", Fault::Hostile),
        ("cycle", Fault::Cycle),
        ("login", Fault::Login),
        ("401", Fault::Unauthorized),
        ("403", Fault::Forbidden),
        ("429", Fault::TooManyRequests),
        ("503", Fault::Unavailable),
        ("204", Fault::NoContent),
        ("maxage", Fault::MaxAge),
        ("complete", Fault::Complete),
    ];
}

impl FromStr for Fault {
    type Err = BadRequest;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Fault::ALL
            .iter()
            .find(|(name, _)| *name == s)
            .map(|(_, fault)| *fault)
            .ok_or_else(|| {
                let names: Vec<&str> = Fault::ALL.iter().map(|(name, _)| *name).collect();
                BadRequest(format!(
                    "unknown fault {s:?}; use one of: {}",
                    names.join(", ")
                ))
            })
    }
}

/// What one `/api/flaky` request is answered with, after `fail` and `cycle`
/// have been resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Behaviour {
    /// The plain journey, `sequence` = request number.
    Normal,
    /// A selected fault (never [`Fault::Cycle`]).
    Fault(Fault),
    /// Hold for a fixed time, then answer normally (`cycle`'s timeout).
    HoldFor(Duration),
}

/// Decides how to answer the `n`-th (1-based) flaky request of a session:
/// the first `fail_first` requests fail with `500`, then `fault` applies to
/// the next `times` requests (all of them when `None`), then the plain journey.
pub fn behaviour(n: u64, fail_first: u64, fault: Option<Fault>, times: Option<u64>) -> Behaviour {
    if n <= fail_first {
        return Behaviour::Fault(Fault::ServerError);
    }
    if times.is_some_and(|times| n > fail_first.saturating_add(times)) {
        return Behaviour::Normal;
    }
    match fault {
        None => Behaviour::Normal,
        Some(Fault::Cycle) => match n.saturating_sub(1) % 5 {
            1 => Behaviour::Fault(Fault::ServerError),
            2 => Behaviour::Fault(Fault::Malformed),
            3 => Behaviour::HoldFor(CYCLE_TIMEOUT),
            _ => Behaviour::Normal,
        },
        Some(fault) => Behaviour::Fault(fault),
    }
}

/// Everything needed to answer one flaky request.
#[derive(Clone, Debug)]
pub struct FlakyRequest {
    /// 1-based number of this request in its session.
    pub n: u64,
    /// How to answer it.
    pub behaviour: Behaviour,
    /// `delay` for `timeout` and `slow`.
    pub delay: Duration,
    /// `wait` for `429`, `503` and `maxage`.
    pub wait: Duration,
    /// Where `login` redirects to (the login page, with the request's query).
    pub login: String,
    /// Unix seconds now, for `updatedAt`.
    pub now_unix: i64,
}

/// Answers a flaky request. Valid documents get an ETag (and may be `304`);
/// broken bodies and errors do not, so every poll sees the fault again.
pub async fn respond(req: FlakyRequest, headers: &HeaderMap, shutdown: Shutdown) -> Response {
    let normal = || scenarios::flaky(req.n, req.now_unix);
    match req.behaviour {
        Behaviour::Normal => respond::document(headers, &normal()),
        Behaviour::HoldFor(hold) => {
            shutdown.sleep(hold).await;
            respond::document(headers, &normal())
        }
        Behaviour::Fault(fault) => match fault {
            Fault::ServerError => respond::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Injected fault: internal server error",
            ),
            Fault::NotFound => respond::error(StatusCode::NOT_FOUND, "Injected fault: not found"),
            Fault::Timeout => {
                shutdown.sleep(req.delay).await;
                respond::document(headers, &normal())
            }
            Fault::Malformed => respond::raw_json(StatusCode::OK, r#"{"version":1,"steps":["#),
            Fault::NotObject => respond::raw_json(StatusCode::OK, "[1,2,3]"),
            Fault::NoSteps => respond::raw_json(StatusCode::OK, r#"{"version":1,"steps":[]}"#),
            Fault::OutOfOrder => respond::document(headers, &out_of_order(req.n, req.now_unix)),
            Fault::Slow => slow(normal().to_string(), req.delay, shutdown),
            Fault::Huge => respond::document(headers, &huge(req.n, req.now_unix)),
            Fault::WrongTypes => respond::document(headers, &wrong_types(req.n, req.now_unix)),
            Fault::Hostile => respond::document(headers, &hostile(req.n, req.now_unix)),
            // `behaviour` resolves `cycle`; answer normally if it ever gets here.
            Fault::Cycle => respond::document(headers, &normal()),
            Fault::Login => {
                let location = HeaderValue::from_str(&req.login)
                    .unwrap_or(HeaderValue::from_static("/api/login"));
                (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
            }
            Fault::Unauthorized => (
                [(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"))],
                respond::error(StatusCode::UNAUTHORIZED, "Injected fault: sign in first"),
            )
                .into_response(),
            Fault::Forbidden => {
                respond::error(StatusCode::FORBIDDEN, "Injected fault: not allowed")
            }
            Fault::TooManyRequests => (
                [(header::RETRY_AFTER, HeaderValue::from(req.wait.as_secs()))],
                respond::error(StatusCode::TOO_MANY_REQUESTS, "Injected fault: slow down"),
            )
                .into_response(),
            Fault::Unavailable => {
                let wait = i64::try_from(req.wait.as_secs()).unwrap_or(0);
                let until = http_date(req.now_unix.saturating_add(wait));
                let until = HeaderValue::from_str(&until).unwrap_or(HeaderValue::from_static("0"));
                (
                    [(header::RETRY_AFTER, until)],
                    respond::error(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "Injected fault: down for maintenance",
                    ),
                )
                    .into_response()
            }
            Fault::NoContent => StatusCode::NO_CONTENT.into_response(),
            Fault::MaxAge => {
                let max_age = format!("max-age={}", req.wait.as_secs());
                let max_age =
                    HeaderValue::from_str(&max_age).unwrap_or(HeaderValue::from_static("no-store"));
                (
                    [(header::CACHE_CONTROL, max_age)],
                    respond::document(headers, &normal()),
                )
                    .into_response()
            }
            Fault::Complete => {
                respond::document(headers, &scenarios::flaky_complete(req.n, req.now_unix))
            }
        },
    }
}

/// The login page `fault=login` redirects to: HTML, as a real sign-in page is.
pub fn login_page() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        "<!doctype html><title>Sign in</title><h1>Sign in</h1>\
         <form method=post><input name=email><button>Sign in</button></form>",
    )
        .into_response()
}

/// `outoforder`: odd requests are new (`sequence` 100+n), even ones are a
/// stale document (`sequence` 1) that a widget must ignore.
pub fn out_of_order(n: u64, now_unix: i64) -> Value {
    if n % 2 == 1 {
        scenarios::flaky(n.saturating_add(100), now_unix)
    } else {
        scenarios::flaky_outdated(now_unix)
    }
}

/// `slow`: the body cut into chunks, one sent every `delay / chunks`.
/// The stream ends after the last chunk; shutdown stops the waiting.
fn slow(body: String, delay: Duration, shutdown: Shutdown) -> Response {
    let bytes = Bytes::from(body);
    let chunk_len = bytes.len().div_ceil(SLOW_CHUNKS).max(1);
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(chunk_len)
        .map(|start| bytes.slice(start..(start + chunk_len).min(bytes.len())))
        .collect();
    let pause = delay / u32::try_from(chunks.len().max(1)).unwrap_or(1);
    let chunks = stream::unfold(chunks.into_iter(), move |mut rest| {
        let shutdown = shutdown.clone();
        async move {
            let chunk = rest.next()?;
            shutdown.sleep(pause).await;
            Some((Ok::<_, Infallible>(chunk), rest))
        }
    });
    respond::raw_json(StatusCode::OK, Body::from_stream(chunks))
}

/// `huge`: a valid document of about 2 MB (1,000 steps with long descriptions).
pub fn huge(sequence: u64, now_unix: i64) -> Value {
    const STEPS: usize = 1_000;
    const ACTIVE: usize = 300;
    let filler = "This step exists to make the document large. ".repeat(44);
    let steps: Vec<Value> = (0..STEPS)
        .map(|i| {
            let status = match i {
                _ if i < ACTIVE => "complete",
                ACTIVE => "active",
                _ => "pending",
            };
            json!({
                "id": format!("part-{}", i + 1),
                "label": format!("Part {} of {STEPS}", i + 1),
                "status": status,
                "estimate": 60,
                "description": filler,
            })
        })
        .collect();
    json!({
        "version": 1,
        "title": "Importing a very large archive",
        "message": "Importing part 301 of 1000",
        "updatedAt": iso8601(now_unix),
        "sequence": sequence,
        "steps": steps,
    })
}

/// `wrongtypes`: a document whose steps (and some top-level fields) carry the
/// wrong JSON types. One step is entirely valid.
pub fn wrong_types(sequence: u64, now_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "Wrong types",
        "message": "Some fields have the wrong JSON type",
        "updatedAt": iso8601(now_unix),
        "sequence": sequence,
        "steps": [
            { "id": "fine", "label": "This step is fine", "status": "complete" },
            { "id": "status-number", "label": "Status is a number", "status": 5 },
            { "id": "label-array", "label": [1], "status": "active" },
            { "id": "estimate-object", "label": "Estimate is an object", "status": "pending",
              "estimate": {} },
            { "id": 42, "label": "Id is a number", "status": "pending" },
            { "id": "everything-wrong", "label": "Every other field is wrong", "status": "pending",
              "optional": "yes", "startedAt": false, "completedAt": 7, "eta": [],
              "requires": "fine", "description": { "html": "<b>x</b>" }, "href": 5,
              "reason": 1.5, "threshold": "high" },
            { "id": null, "label": null, "status": null },
            "not a step",
            7,
        ],
    })
}

/// `hostile`: text a widget must show as text and never interpret — markup,
/// script URLs, attribute breakouts and a right-to-left override (U+202E).
pub fn hostile(sequence: u64, now_unix: i64) -> Value {
    json!({
        "version": 1,
        "title": "</style><script>alert(1)</script>",
        "message": "<img src=x onerror=alert(1)> Invoice \u{202E}fdp.exe",
        "updatedAt": iso8601(now_unix),
        "sequence": sequence,
        "steps": [
            { "id": "img", "label": "<img src=x onerror=alert(1)>", "status": "complete",
              "description": "<script>alert(1)</script>", "href": "javascript:alert(1)" },
            { "id": "script", "label": "<script>alert(1)</script>", "status": "active",
              "description": "<img src=x onerror=alert(1)>", "href": " JaVaScRiPt:alert(1)" },
            { "id": "rtl", "label": "Download \u{202E}gpj.exe", "status": "blocked",
              "reason": "\"><svg onload=alert(1)>", "href": "data:text/html,<script>alert(1)</script>" },
            { "id": "\"><img src=x onerror=alert(1)>", "label": "Id with markup",
              "status": "pending", "description": "{{constructor.constructor('alert(1)')()}}",
              "requires": ["\"><img src=x onerror=alert(1)>"] },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_fault_and_rejects_others() {
        for (name, fault) in Fault::ALL {
            assert_eq!(name.parse::<Fault>(), Ok(fault));
        }
        assert!("nope".parse::<Fault>().is_err());
    }

    #[test]
    fn out_of_order_alternates_new_and_stale() {
        assert_eq!(out_of_order(1, 0)["sequence"], 101);
        assert_eq!(out_of_order(2, 0)["sequence"], 1);
        assert_eq!(out_of_order(3, 0)["sequence"], 103);
        assert_eq!(out_of_order(4, 0)["sequence"], 1);
        assert_ne!(out_of_order(2, 0)["steps"], out_of_order(3, 0)["steps"]);
    }

    #[test]
    fn fail_first_then_recover() {
        assert_eq!(
            behaviour(1, 2, None, None),
            Behaviour::Fault(Fault::ServerError)
        );
        assert_eq!(
            behaviour(2, 2, None, None),
            Behaviour::Fault(Fault::ServerError)
        );
        assert_eq!(behaviour(3, 2, None, None), Behaviour::Normal);
        assert_eq!(
            behaviour(3, 2, Some(Fault::NotFound), None),
            Behaviour::Fault(Fault::NotFound)
        );
    }

    #[test]
    fn times_limits_the_fault_then_the_journey_answers() {
        let answers: Vec<Behaviour> = (1..=4)
            .map(|n| behaviour(n, 1, Some(Fault::Unauthorized), Some(2)))
            .collect();
        assert_eq!(
            answers,
            [
                Behaviour::Fault(Fault::ServerError),
                Behaviour::Fault(Fault::Unauthorized),
                Behaviour::Fault(Fault::Unauthorized),
                Behaviour::Normal,
            ]
        );
        assert_eq!(
            behaviour(1, 0, Some(Fault::NoContent), Some(0)),
            Behaviour::Normal
        );
    }

    #[test]
    fn cycle_rotates_through_five_answers() {
        let round: Vec<Behaviour> = (1..=5)
            .map(|n| behaviour(n, 0, Some(Fault::Cycle), None))
            .collect();
        assert_eq!(
            round,
            [
                Behaviour::Normal,
                Behaviour::Fault(Fault::ServerError),
                Behaviour::Fault(Fault::Malformed),
                Behaviour::HoldFor(CYCLE_TIMEOUT),
                Behaviour::Normal,
            ]
        );
        assert_eq!(behaviour(7, 0, Some(Fault::Cycle), None), round[1]);
    }

    #[test]
    fn huge_is_about_two_megabytes() {
        let len = huge(1, 0).to_string().len();
        assert!((1_900_000..2_300_000).contains(&len), "{len} bytes");
    }

    #[test]
    fn hostile_keeps_its_payloads_as_json_strings() {
        let text = hostile(1, 0).to_string();
        assert!(text.contains("<script>alert(1)</script>"));
        assert!(text.contains('\u{202E}'));
        let back: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        assert_eq!(back["steps"][0]["href"], "javascript:alert(1)");
    }

    #[test]
    fn wrong_types_has_wrong_types() {
        let doc = wrong_types(1, 0);
        assert_eq!(doc["steps"][1]["status"], 5);
        assert_eq!(doc["steps"][2]["label"], json!([1]));
        assert_eq!(doc["steps"][3]["estimate"], json!({}));
    }
}
