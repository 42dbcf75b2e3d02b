//! End-to-end over a real socket: the router on an ephemeral loopback port,
//! spoken to with hand-written HTTP/1.1.

use std::path::{Path, PathBuf};

use momentum_server::{app, Shutdown};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

/// A parsed HTTP response.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A project root in the temp dir with `www/index.html` and `www/strict/index.html`,
/// one per test (`name`), since tests run in parallel and remove theirs.
fn fixture_root(name: &str) -> std::io::Result<PathBuf> {
    let root = std::env::temp_dir().join(format!(
        "momentum-server-test-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(root.join("www/strict"))?;
    std::fs::write(
        root.join("www/index.html"),
        "<!doctype html><title>demos</title>",
    )?;
    std::fs::write(
        root.join("www/strict/index.html"),
        "<!doctype html><title>strict</title>",
    )?;
    Ok(root)
}

/// Serves the app on 127.0.0.1:0 and returns the address.
async fn start(root: &Path) -> std::io::Result<std::net::SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (stop, receiver) = watch::channel(false);
    let router = app(root, Shutdown::new(receiver));
    tokio::spawn(async move {
        let _stop = stop; // keep the sender alive for the server's lifetime
        let _ = axum::serve(listener, router).await;
    });
    Ok(addr)
}

/// Sends one request (`Connection: close`) and reads the whole response.
async fn send(
    addr: std::net::SocketAddr,
    method: &str,
    target: &str,
    extra_headers: &[(&str, &str)],
) -> std::io::Result<Reply> {
    let mut stream = TcpStream::connect(addr).await?;
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in extra_headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("Content-Length: 0\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((text.as_str(), ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Ok(Reply {
        status,
        headers,
        body: body.to_owned(),
    })
}

#[tokio::test]
async fn etag_round_trip_faults_counts_and_csp() -> std::io::Result<()> {
    let root = fixture_root("etag")?;
    let addr = start(&root).await?;

    // 1. A document with an ETag, then 304 for the same ETag.
    let first = send(addr, "GET", "/api/static?session=it", &[]).await?;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("content-type"), Some("application/json"));
    assert_eq!(first.header("cache-control"), Some("no-store"));
    assert!(first.body.contains("\"version\":1"));
    let etag = first.header("etag").unwrap_or_default().to_owned();
    assert!(etag.starts_with('"') && etag.len() == 18, "etag {etag:?}");

    let second = send(
        addr,
        "GET",
        "/api/static?session=it",
        &[("If-None-Match", &etag)],
    )
    .await?;
    assert_eq!(second.status, 304);
    assert_eq!(second.header("etag"), Some(etag.as_str()));
    assert!(second.body.is_empty());

    // 2. An injected 500 with a JSON body.
    let fault = send(addr, "GET", "/api/flaky?session=it&fault=500", &[]).await?;
    assert_eq!(fault.status, 500);
    assert!(fault.body.contains("\"error\""));

    // 3. `fail=N` recovers after N failures.
    for expected in [500, 500, 200] {
        let reply = send(addr, "GET", "/api/flaky?session=recover&fail=2", &[]).await?;
        assert_eq!(reply.status, expected);
    }

    // 4. Every one of those was counted, 304 and fault included.
    let counts = send(addr, "GET", "/api/requests?session=it", &[]).await?;
    assert_eq!(counts.status, 200);
    assert!(counts.body.contains("\"count\":3"), "body: {}", counts.body);
    assert!(counts.body.contains("\"/api/static\":2"));

    // 5. Static files, with the strict CSP only under /strict/.
    let index = send(addr, "GET", "/", &[]).await?;
    assert_eq!(index.status, 200);
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_eq!(index.header("content-security-policy"), None);
    let strict = send(addr, "GET", "/strict/", &[]).await?;
    assert_eq!(strict.status, 200);
    assert!(strict
        .header("content-security-policy")
        .is_some_and(|csp| csp.contains("'wasm-unsafe-eval'")));

    // 6. Unknown API paths are JSON 404s, not static 404s.
    let missing = send(addr, "GET", "/api/nope", &[]).await?;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), Some("application/json"));

    let _ = std::fs::remove_dir_all(&root);
    Ok(())
}

#[tokio::test]
async fn answers_a_widget_must_understand() -> std::io::Result<()> {
    let root = fixture_root("answers")?;
    let addr = start(&root).await?;
    let get = |target: &'static str| send(addr, "GET", target, &[]);

    // A login redirect keeps the query, and the login page is HTML, not JSON.
    let login = get("/api/flaky?session=answers&fault=login").await?;
    assert_eq!(login.status, 302);
    assert_eq!(
        login.header("location"),
        Some("/api/login?session=answers&fault=login")
    );
    let page = get("/api/login?session=answers").await?;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Sign in"));

    // 401 (with a challenge a browser does not prompt for) and 403.
    let unauthorized = get("/api/flaky?session=answers&fault=401").await?;
    assert_eq!(unauthorized.status, 401);
    assert_eq!(unauthorized.header("www-authenticate"), Some("Bearer"));
    assert_eq!(
        get("/api/flaky?session=answers&fault=403").await?.status,
        403
    );

    // 429 with Retry-After in seconds; 503 with Retry-After as an HTTP date.
    let busy = get("/api/flaky?session=answers&fault=429&wait=7").await?;
    assert_eq!(busy.status, 429);
    assert_eq!(busy.header("retry-after"), Some("7"));
    let down = get("/api/flaky?session=answers&fault=503&wait=60").await?;
    assert_eq!(down.status, 503);
    let date = down.header("retry-after").unwrap_or_default();
    assert!(date.ends_with(" GMT") && date.len() == 29, "{date:?}");

    // 204 has no body; maxage sets its own Cache-Control (not no-store).
    let empty = get("/api/flaky?session=answers&fault=204").await?;
    assert_eq!(empty.status, 204);
    assert!(empty.body.is_empty());
    let cached = get("/api/flaky?session=answers&fault=maxage&wait=9").await?;
    assert_eq!(cached.status, 200);
    assert_eq!(cached.header("cache-control"), Some("max-age=9"));
    assert!(cached.body.contains("\"steps\""));

    // complete for the first request only (times=1), then the journey reopens.
    let done = get("/api/flaky?session=reopen&fault=complete&times=1").await?;
    assert_eq!(done.status, 200);
    assert!(!done.body.contains("\"active\""));
    assert!(done.body.contains("\"sequence\":1"));
    let reopened = get("/api/flaky?session=reopen&fault=complete&times=1").await?;
    assert!(reopened.body.contains("\"active\""));
    assert!(reopened.body.contains("\"sequence\":2"));

    // Bad values are refused with 400.
    assert_eq!(
        get("/api/flaky?session=answers&fault=429&wait=-1")
            .await?
            .status,
        400
    );
    assert_eq!(get("/api/flaky?session=answers&times=x").await?.status, 400);

    let _ = std::fs::remove_dir_all(&root);
    Ok(())
}
