//! Server-sent events for the scripted journeys (rule 10, docs/rules.md).
//!
//! A stream checks its journey once a second and pushes the full document as a
//! `data:` line whenever `sequence` grew, with `id: <sequence>`, so a reconnect
//! sends `Last-Event-ID` and is not sent what it already has. A comment every
//! 15 s keeps proxies from closing an idle stream. Every stream ends after
//! 10 minutes, after `close_after` messages, or on server shutdown.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use tokio::time::{interval, Instant, Interval, MissedTickBehavior};

use crate::scenarios::Journey;
use crate::session::Sessions;
use crate::Shutdown;

/// How often a stream looks for a new document.
const CHECK_EVERY: Duration = Duration::from_secs(1);

/// Interval of the keep-alive comment.
const KEEP_ALIVE_EVERY: Duration = Duration::from_secs(15);

/// Longest life of one stream.
pub const MAX_STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// What a stream needs to know, fixed when it opens.
#[derive(Clone, Debug)]
pub struct StreamRequest {
    /// Which journey to follow.
    pub journey: Journey,
    /// The session whose clock drives it.
    pub session: String,
    /// Seconds between advances (`step`).
    pub step_secs: u64,
    /// `Last-Event-ID` of a reconnecting client: documents with a `sequence`
    /// at or below it are not sent.
    pub last_event_id: Option<u64>,
    /// Close the stream after this many messages (`close_after`).
    pub close_after: Option<u64>,
}

/// Reads `Last-Event-ID`; a missing or non-numeric value counts as absent.
pub fn last_event_id(headers: &HeaderMap) -> Option<u64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// The state carried from one poll of the stream to the next.
struct Cursor {
    req: StreamRequest,
    sessions: Arc<Sessions>,
    shutdown: Shutdown,
    ticks: Interval,
    deadline: Instant,
    /// Highest `sequence` sent (or acknowledged through `Last-Event-ID`).
    last_sent: Option<u64>,
    sent: u64,
}

/// An SSE response following `req.journey` for `req.session`.
pub fn stream(
    req: StreamRequest,
    sessions: Arc<Sessions>,
    shutdown: Shutdown,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut ticks = interval(CHECK_EVERY);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let cursor = Cursor {
        last_sent: req.last_event_id,
        req,
        sessions,
        shutdown,
        ticks,
        deadline: Instant::now() + MAX_STREAM_LIFETIME,
        sent: 0,
    };
    let events = stream::unfold(cursor, |mut cursor| async move {
        let event = cursor.next_event().await?;
        Some((Ok(event), cursor))
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(KEEP_ALIVE_EVERY))
}

impl Cursor {
    /// Waits for the next document worth sending; `None` ends the stream.
    ///
    /// Bounded: each pass waits one tick, and the loop ends at the deadline
    /// (at most 600 passes), on shutdown, or after `close_after` messages.
    async fn next_event(&mut self) -> Option<Event> {
        loop {
            if self.req.close_after.is_some_and(|max| self.sent >= max) {
                return None;
            }
            tokio::select! {
                _ = self.ticks.tick() => {}
                _ = tokio::time::sleep_until(self.deadline) => return None,
                _ = self.shutdown.requested() => return None,
            }
            let clock = self.sessions.clock(&self.req.session);
            let doc = self.req.journey.document(
                clock.started_unix,
                clock.elapsed_secs(),
                self.req.step_secs,
            );
            let sequence = doc["sequence"].as_u64().unwrap_or(0);
            if self.last_sent.is_some_and(|last| sequence <= last) {
                continue;
            }
            self.last_sent = Some(sequence);
            self.sent += 1;
            return Some(
                Event::default()
                    .id(sequence.to_string())
                    .data(doc.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn reads_last_event_id() {
        let mut headers = HeaderMap::new();
        assert_eq!(last_event_id(&headers), None);
        headers.insert("last-event-id", HeaderValue::from_static("3"));
        assert_eq!(last_event_id(&headers), Some(3));
        headers.insert("last-event-id", HeaderValue::from_static("x"));
        assert_eq!(last_event_id(&headers), None);
    }
}
