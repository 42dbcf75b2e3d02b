//! Per-session state: each test (or demo tab) passes its own `session` query
//! parameter, so parallel runs never see each other's clocks or counters.
//!
//! Sessions live in one `Mutex<HashMap>` that holds at most a fixed number of
//! them; when full, the oldest session is evicted. The lock is never held across
//! an `.await`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use crate::time::unix_now;

/// How many sessions the server keeps before evicting the oldest.
pub const MAX_SESSIONS: usize = 10_000;

/// Longest accepted `session` value, in characters.
pub const MAX_SESSION_LEN: usize = 64;

/// The session used when a request has no `session` parameter.
pub const DEFAULT_SESSION: &str = "default";

/// When a session's journeys started: a monotonic instant for measuring elapsed
/// time, and the matching wall-clock time for timestamps in documents.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    started: Instant,
    /// Unix seconds at the start.
    pub started_unix: i64,
}

impl Clock {
    /// A clock starting now.
    pub fn start() -> Self {
        Clock {
            started: Instant::now(),
            started_unix: unix_now(),
        }
    }

    /// Whole seconds since the clock started.
    pub fn elapsed_secs(&self) -> u64 {
        self.started.elapsed().as_secs()
    }
}

/// Request counts for one session, as reported by `GET /api/requests`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestCounts {
    /// All counted requests.
    pub total: u64,
    /// Counted requests per path, e.g. `/api/onboarding`.
    pub by_path: BTreeMap<String, u64>,
}

/// Everything the server remembers about one session.
#[derive(Debug)]
struct Session {
    /// Creation order, used to find the oldest session to evict.
    born: u64,
    /// Start of the scripted journeys (`/api/onboarding`, `/api/order`, …).
    clock: Clock,
    /// Requests answered by `/api/flaky` so far.
    flaky_requests: u64,
    /// Requests counted for `/api/requests`.
    requests: RequestCounts,
}

impl Session {
    fn new(born: u64) -> Self {
        Session {
            born,
            clock: Clock::start(),
            flaky_requests: 0,
            requests: RequestCounts::default(),
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    sessions: HashMap<String, Session>,
    next_born: u64,
}

/// The bounded session table shared by all handlers.
#[derive(Debug)]
pub struct Sessions {
    inner: Mutex<Inner>,
    capacity: usize,
}

impl Default for Sessions {
    fn default() -> Self {
        Sessions::with_capacity(MAX_SESSIONS)
    }
}

impl Sessions {
    /// A table that keeps at most `capacity` sessions (at least one).
    pub fn with_capacity(capacity: usize) -> Self {
        Sessions {
            inner: Mutex::new(Inner::default()),
            capacity: capacity.max(1),
        }
    }

    /// Number of sessions currently held.
    pub fn len(&self) -> usize {
        self.lock().sessions.len()
    }

    /// Whether no session is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The session's journey clock; the first request of a session starts it.
    pub fn clock(&self, id: &str) -> Clock {
        self.with(id, |s| s.clock)
    }

    /// Restarts the session's journeys from the beginning (request counts stay).
    pub fn restart_clock(&self, id: &str) {
        self.with(id, |s| s.clock = Clock::start());
    }

    /// Counts one more `/api/flaky` request and returns its 1-based number.
    pub fn next_flaky_request(&self, id: &str) -> u64 {
        self.with(id, |s| {
            s.flaky_requests = s.flaky_requests.saturating_add(1);
            s.flaky_requests
        })
    }

    /// Counts one request for `path` in the session.
    pub fn count_request(&self, id: &str, path: &str) {
        self.with(id, |s| {
            s.requests.total = s.requests.total.saturating_add(1);
            let n = s.requests.by_path.entry(path.to_owned()).or_insert(0);
            *n = n.saturating_add(1);
        });
    }

    /// The session's request counts so far.
    pub fn request_counts(&self, id: &str) -> RequestCounts {
        self.with(id, |s| s.requests.clone())
    }

    /// Forgets the session's request counts.
    pub fn reset_request_counts(&self, id: &str) {
        self.with(id, |s| s.requests = RequestCounts::default());
    }

    /// Runs `f` on the session, creating it (and evicting the oldest one when the
    /// table is full) if it does not exist yet.
    fn with<R>(&self, id: &str, f: impl FnOnce(&mut Session) -> R) -> R {
        let mut guard = self.lock();
        let Inner {
            sessions,
            next_born,
        } = &mut *guard;
        if !sessions.contains_key(id) && sessions.len() >= self.capacity {
            evict_oldest(sessions);
        }
        let session = sessions.entry(id.to_owned()).or_insert_with(|| {
            *next_born += 1;
            Session::new(*next_born)
        });
        f(session)
    }

    /// Locks the table. A handler that panicked while holding the lock cannot
    /// leave it half-updated in a way that matters here, so poisoning is ignored.
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Removes the session created first. A linear scan: it runs only when the
/// table is full, and the table is small.
fn evict_oldest(sessions: &mut HashMap<String, Session>) {
    let oldest = sessions
        .iter()
        .min_by_key(|(_, s)| s.born)
        .map(|(id, _)| id.clone());
    if let Some(id) = oldest {
        sessions.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eviction_keeps_the_table_bounded_and_drops_the_oldest() {
        let sessions = Sessions::with_capacity(3);
        for id in ["a", "b", "c", "d", "e"] {
            sessions.count_request(id, "/api/onboarding");
        }
        assert_eq!(sessions.len(), 3);
        // "a" and "b" were evicted: asking for them creates fresh sessions.
        assert_eq!(sessions.request_counts("e").total, 1);
        assert_eq!(sessions.request_counts("a").total, 0);
        assert_eq!(sessions.len(), 3);
    }

    #[test]
    fn default_capacity_is_ten_thousand() {
        let sessions = Sessions::default();
        for i in 0..(MAX_SESSIONS + 25) {
            sessions.next_flaky_request(&i.to_string());
        }
        assert_eq!(sessions.len(), MAX_SESSIONS);
    }

    #[test]
    fn counts_requests_per_path() {
        let sessions = Sessions::default();
        sessions.count_request("s", "/api/order");
        sessions.count_request("s", "/api/order");
        sessions.count_request("s", "/api/static");
        sessions.count_request("other", "/api/order");
        let counts = sessions.request_counts("s");
        assert_eq!(counts.total, 3);
        assert_eq!(counts.by_path.get("/api/order"), Some(&2));
        sessions.reset_request_counts("s");
        assert_eq!(sessions.request_counts("s"), RequestCounts::default());
        assert_eq!(sessions.request_counts("other").total, 1);
    }

    #[test]
    fn flaky_requests_are_numbered_from_one() {
        let sessions = Sessions::default();
        assert_eq!(sessions.next_flaky_request("s"), 1);
        assert_eq!(sessions.next_flaky_request("s"), 2);
        assert_eq!(sessions.next_flaky_request("t"), 1);
    }
}
