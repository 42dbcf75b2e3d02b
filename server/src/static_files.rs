//! Static files: `ROOT/www` at `/` and `ROOT/pkg` at `/pkg`, gzip-compressed,
//! `Cache-Control: no-cache`, with exact MIME types for the widget's files and
//! a strict Content-Security-Policy on everything under `/strict/`.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The policy served on `/strict/…`: no inline script or style, WebAssembly allowed.
pub const STRICT_CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

/// The static-file service for `root` (the project root).
pub fn router(root: &Path) -> Router {
    Router::new()
        .nest_service("/pkg", ServeDir::new(root.join("pkg")))
        .fallback_service(ServeDir::new(root.join("www")))
        .layer(middleware::from_fn(static_headers))
        .layer(CompressionLayer::new())
}

/// Whether `path` is the strict-CSP area.
fn is_strict(path: &str) -> bool {
    path == "/strict" || path.starts_with("/strict/")
}

/// The content type the widget's files must have, whatever the OS MIME table says
/// (browsers refuse to stream-compile `.wasm` unless it is `application/wasm`).
fn forced_content_type(path: &str) -> Option<&'static str> {
    let extension = path.rsplit_once('.').map(|(_, ext)| ext)?;
    match extension {
        "wasm" => Some("application/wasm"),
        "js" | "mjs" => Some("text/javascript"),
        _ => None,
    }
}

/// HTML and CSS with an explicit UTF-8 charset, so demo pages render the
/// same with or without a `<meta charset>`.
fn with_charset(content_type: &str) -> Option<&'static str> {
    match content_type {
        "text/html" => Some("text/html; charset=utf-8"),
        "text/css" => Some("text/css; charset=utf-8"),
        _ => None,
    }
}

/// Sets the caching, content-type and CSP headers of a static response.
async fn static_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if response_has_file_body(&response) {
        let content_type = forced_content_type(&path).or_else(|| {
            let current = response.headers().get(header::CONTENT_TYPE)?;
            with_charset(current.to_str().ok()?)
        });
        if let Some(content_type) = content_type {
            response
                .headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }
    if is_strict(&path) {
        response.headers_mut().insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(STRICT_CSP),
        );
    }
    response
}

/// Whether the response carries the file (not an error or a redirect).
fn response_has_file_body(response: &Response) -> bool {
    let status = response.status();
    status.is_success() || status == axum::http::StatusCode::NOT_MODIFIED
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_for_the_widget_files() {
        assert_eq!(
            forced_content_type("/pkg/momentum_bg.wasm"),
            Some("application/wasm")
        );
        assert_eq!(
            forced_content_type("/pkg/momentum.js"),
            Some("text/javascript")
        );
        assert_eq!(forced_content_type("/demo.mjs"), Some("text/javascript"));
        assert_eq!(forced_content_type("/index.html"), None);
        assert_eq!(forced_content_type("/"), None);
        assert_eq!(with_charset("text/html"), Some("text/html; charset=utf-8"));
        assert_eq!(with_charset("image/png"), None);
    }

    #[test]
    fn strict_prefix() {
        assert!(is_strict("/strict/"));
        assert!(is_strict("/strict/index.html"));
        assert!(is_strict("/strict"));
        assert!(!is_strict("/strictly.html"));
        assert!(!is_strict("/"));
    }
}
