//! The `/api` routes: scripted state endpoints, faults, SSE and request counts.
//!
//! Every route takes a `session` query parameter (default `"default"`), so
//! parallel tests don't interfere. Every response is `Cache-Control: no-store`
//! unless it says otherwise (`fault=maxage`); every valid document has a
//! strong ETag and is answered `304` when the request's `If-None-Match` matches.
//!
//! | route | query | answers |
//! |---|---|---|
//! | `GET /api/onboarding` | `step` (s, default 12) | 5-step onboarding, one advance per `step` |
//! | `POST /api/onboarding/reset` | | restarts the session's journeys |
//! | `GET /api/onboarding/stream` | `step`, `close_after` | the same document over SSE |
//! | `GET /api/order` | `step` (s, default 20) | order tracking with ETAs |
//! | `POST /api/order/reset` | | restarts the session's journeys |
//! | `GET /api/order/stream` | `step`, `close_after` | the same document over SSE |
//! | `GET /api/loan` | `step` (s, default 8), `from` (Unix s, default the session's start) | a loan journey on a business calendar (hours, a holiday, open-time estimates) |
//! | `GET /api/stalled` | | updated 3 days ago, 1 day past `nextUpdateBy` |
//! | `GET /api/static` | | a document that never changes |
//! | `GET /api/flaky` | `fault`, `fail`, `times`, `delay`, `wait` | a small journey, or a fault |
//! | `GET /api/login` | | an HTML sign-in page (where `fault=login` redirects) |
//! | `GET /api/requests` | | `{"count", "byPath"}` for the session |
//! | `POST /api/requests/reset` | | zeroes the session's counts |

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::json;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::faults::{
    self, Fault, FlakyRequest, DEFAULT_DELAY_SECS, DEFAULT_WAIT_SECS, MAX_DELAY_SECS, MAX_WAIT_SECS,
};
use crate::query::ApiQuery;
use crate::respond::{self, BadRequest};
use crate::scenarios::{self, Journey};
use crate::session::Sessions;
use crate::sse::{self, StreamRequest};
use crate::time::unix_now;
use crate::Shutdown;

/// Longest accepted `step`, in seconds (one day).
const MAX_STEP_SECS: u64 = 86_400;

/// Shared state of the `/api` handlers.
#[derive(Clone, Debug)]
pub struct ApiState {
    /// Per-session clocks and counters.
    pub sessions: Arc<Sessions>,
    /// Ends held requests and streams when the server stops.
    pub shutdown: Shutdown,
}

/// The `/api` routes, with request counting and `Cache-Control: no-store`
/// on every response that does not set its own.
pub fn router(state: ApiState) -> Router {
    Router::new()
        .route("/api/onboarding", get(onboarding))
        .route("/api/onboarding/reset", post(restart_journeys))
        .route("/api/onboarding/stream", get(onboarding_stream))
        .route("/api/order", get(order))
        .route("/api/order/reset", post(restart_journeys))
        .route("/api/order/stream", get(order_stream))
        .route("/api/loan", get(loan))
        .route("/api/stalled", get(stalled))
        .route("/api/static", get(unchanging))
        .route("/api/flaky", get(flaky))
        .route("/api/login", get(login))
        .route("/api/requests", get(requests))
        .route("/api/requests/reset", post(reset_requests))
        .route("/api/{*rest}", any(not_found))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            count_requests,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state)
}

/// Counts every `/api` request of a session (whatever its outcome: 304, fault,
/// error) except the `/api/requests` endpoints themselves.
async fn count_requests(State(state): State<ApiState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/requests") {
        if let Ok(query) = ApiQuery::from_uri(request.uri()) {
            state.sessions.count_request(&query.session, path);
        }
    }
    next.run(request).await
}

/// `step` in seconds for `journey` (1 s to 1 day).
fn step_secs(query: &ApiQuery, journey: Journey) -> Result<u64, BadRequest> {
    query.number("step", journey.default_step_secs(), 1, MAX_STEP_SECS)
}

/// The current document of `journey` for the request's session.
fn journey_document(
    state: &ApiState,
    query: &ApiQuery,
    headers: &HeaderMap,
    journey: Journey,
) -> Result<Response, BadRequest> {
    let step = step_secs(query, journey)?;
    let clock = state.sessions.clock(&query.session);
    let doc = journey.document(clock.started_unix, clock.elapsed_secs(), step);
    Ok(respond::document(headers, &doc))
}

/// `GET /api/onboarding?session=S&step=SECONDS`: the onboarding journey.
async fn onboarding(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
) -> Result<Response, BadRequest> {
    journey_document(&state, &query, &headers, Journey::Onboarding)
}

/// `GET /api/order?session=S&step=SECONDS`: the order-tracking journey.
async fn order(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
) -> Result<Response, BadRequest> {
    journey_document(&state, &query, &headers, Journey::Order)
}

/// `POST /api/onboarding/reset` and `/api/order/reset`: the session's journeys
/// start again from their first step.
async fn restart_journeys(State(state): State<ApiState>, query: ApiQuery) -> Response {
    state.sessions.restart_clock(&query.session);
    respond::raw_json(StatusCode::OK, json!({ "ok": true }).to_string())
}

/// SSE for `journey`: `step` as for the JSON endpoint, optional `close_after`.
fn journey_stream(
    state: ApiState,
    query: ApiQuery,
    headers: &HeaderMap,
    journey: Journey,
) -> Result<Response, BadRequest> {
    let close_after = match query.get("close_after") {
        Some(_) => Some(query.number("close_after", 1, 1, 10_000)?),
        None => None,
    };
    let request = StreamRequest {
        journey,
        step_secs: step_secs(&query, journey)?,
        session: query.session,
        last_event_id: sse::last_event_id(headers),
        close_after,
    };
    Ok(sse::stream(request, state.sessions, state.shutdown).into_response())
}

/// `GET /api/onboarding/stream?session=S&step=SECONDS&close_after=N`.
async fn onboarding_stream(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
) -> Result<Response, BadRequest> {
    journey_stream(state, query, &headers, Journey::Onboarding)
}

/// `GET /api/order/stream?session=S&step=SECONDS&close_after=N`.
async fn order_stream(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
) -> Result<Response, BadRequest> {
    journey_stream(state, query, &headers, Journey::Order)
}

/// `GET /api/loan?session=S&step=SECONDS&from=UNIX`: the business-time
/// demo's loan journey, starting at `from` (the page's clock) and moving one
/// step every `step` seconds of the session's clock.
async fn loan(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
) -> Result<Response, BadRequest> {
    let step = query.number("step", 8, 1, MAX_STEP_SECS)?;
    let clock = state.sessions.clock(&query.session);
    let from = query.number("from", 0, 0, 32_503_680_000)?;
    let start = if from == 0 {
        clock.started_unix
    } else {
        i64::try_from(from).unwrap_or(clock.started_unix)
    };
    let doc = crate::loan::loan(start, clock.elapsed_secs(), step);
    Ok(respond::document(&headers, &doc))
}

/// `GET /api/stalled?session=S`: a journey that has been quiet for 3 days and
/// is a day past its promised `nextUpdateBy`. Times are relative to the
/// session's start, so the document (and its ETag) stays the same.
async fn stalled(State(state): State<ApiState>, query: ApiQuery, headers: HeaderMap) -> Response {
    let clock = state.sessions.clock(&query.session);
    respond::document(&headers, &scenarios::stalled(clock.started_unix))
}

/// `GET /api/static?session=S`: a document that never changes.
async fn unchanging(headers: HeaderMap) -> Response {
    respond::document(&headers, &scenarios::unchanging())
}

/// `GET /api/flaky?session=S&fault=F&fail=N&times=N&delay=SECONDS&wait=SECONDS`:
/// a small journey whose `sequence` is the request's number in the session,
/// or a fault. `fail`: the first N requests answer `500`; `times`: the fault
/// applies to the next N requests only (default: all); `delay`: how long
/// `timeout` and `slow` take; `wait`: the `Retry-After` of `429` and `503`
/// and the `max-age` of `maxage`.
async fn flaky(
    State(state): State<ApiState>,
    query: ApiQuery,
    headers: HeaderMap,
    uri: Uri,
) -> Result<Response, BadRequest> {
    let fault = query.get("fault").map(str::parse::<Fault>).transpose()?;
    let fail_first = query.number("fail", 0, 0, u64::from(u32::MAX))?;
    let times = match query.get("times") {
        Some(_) => Some(query.number("times", 0, 0, u64::from(u32::MAX))?),
        None => None,
    };
    let delay = query.number("delay", DEFAULT_DELAY_SECS, 0, MAX_DELAY_SECS)?;
    let wait = query.number("wait", DEFAULT_WAIT_SECS, 0, MAX_WAIT_SECS)?;
    let n = state.sessions.next_flaky_request(&query.session);
    let request = FlakyRequest {
        n,
        behaviour: faults::behaviour(n, fail_first, fault, times),
        delay: std::time::Duration::from_secs(delay),
        wait: std::time::Duration::from_secs(wait),
        login: format!("/api/login?{}", uri.query().unwrap_or_default()),
        now_unix: unix_now(),
    };
    Ok(faults::respond(request, &headers, state.shutdown).await)
}

/// `GET /api/login?session=S`: the sign-in page a session-protected endpoint
/// redirects to (`fault=login`). A widget must say it got HTML, not JSON.
async fn login() -> Response {
    faults::login_page()
}

/// `GET /api/requests?session=S`: how many `/api` requests the session has made,
/// in total and per path (not counting `/api/requests` itself).
async fn requests(State(state): State<ApiState>, query: ApiQuery, headers: HeaderMap) -> Response {
    let counts = state.sessions.request_counts(&query.session);
    let doc = json!({ "count": counts.total, "byPath": counts.by_path });
    respond::document(&headers, &doc)
}

/// `POST /api/requests/reset?session=S`: zeroes the session's request counts.
async fn reset_requests(State(state): State<ApiState>, query: ApiQuery) -> Response {
    state.sessions.reset_request_counts(&query.session);
    respond::raw_json(StatusCode::OK, json!({ "ok": true }).to_string())
}

/// Any other `/api` path: a JSON 404.
async fn not_found() -> Response {
    respond::error(StatusCode::NOT_FOUND, "No such API endpoint")
}
