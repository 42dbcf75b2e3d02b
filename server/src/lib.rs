//! Momentum's demo and test server: serves the demos (`www/`) and the built
//! widget (`pkg/`), plus scripted state endpoints under `/api` that advance
//! over time, inject faults on demand and push over server-sent events.
//!
//! It is also the reference for "what should my endpoint look like?": see
//! [`api`] for the routes and [`scenarios`] for the documents.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use tokio::sync::watch;

pub mod api;
pub mod faults;
pub mod loan;
pub mod query;
pub mod respond;
pub mod scenarios;
pub mod session;
pub mod sse;
pub mod static_files;
pub mod time;

/// The whole application: `/api` routes first, static files for everything else.
/// `shutdown` ends held requests and open streams when the server stops.
pub fn app(root: &Path, shutdown: Shutdown) -> Router {
    let state = api::ApiState {
        sessions: Arc::new(session::Sessions::default()),
        shutdown,
    };
    api::router(state).fallback_service(static_files::router(root))
}

/// A handle that resolves when the server has been asked to stop.
#[derive(Clone, Debug)]
pub struct Shutdown(watch::Receiver<bool>);

impl Shutdown {
    /// A handle triggered by sending `true` on the channel's sender.
    pub fn new(receiver: watch::Receiver<bool>) -> Self {
        Shutdown(receiver)
    }

    /// Waits until shutdown is requested. If the sender is gone without
    /// requesting it, waits forever.
    pub async fn requested(&self) {
        let mut receiver = self.0.clone();
        if receiver.wait_for(|stop| *stop).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Sleeps for `duration`, or less if shutdown is requested meanwhile.
    pub async fn sleep(&self, duration: Duration) {
        tokio::select! {
            _ = tokio::time::sleep(duration) => {}
            _ = self.requested() => {}
        }
    }
}
