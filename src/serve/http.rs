//! The HTTP side of `serve`: the built files, the live-reload script and its event stream.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{LiveEvent, Server};
use crate::render::CONTENT_SECURITY_POLICY;

const CLIENT_SCRIPT: &str = include_str!("live.js");

pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/__live/events", get(events))
        .route("/__live/client.js", get(client_script))
        .route("/__live/errors", get(errors))
        .fallback(get(site_file))
        .with_state(server)
}

async fn events(State(server): State<Arc<Server>>) -> impl IntoResponse {
    let stream = BroadcastStream::new(server.events.subscribe()).filter_map(|event| {
        let name = match event.ok()? {
            LiveEvent::Reload => "reload",
            LiveEvent::Errors => "errors",
        };
        Some(Ok::<Event, Infallible>(Event::default().event(name).data(name)))
    });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

async fn client_script() -> Response {
    let mut response = CLIENT_SCRIPT.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8"));
    no_store(response)
}

async fn errors(State(server): State<Arc<Server>>) -> Response {
    let snapshot = server.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    let body = serde_json::to_string(&snapshot.errors).unwrap_or_else(|_| "[]".to_owned());
    let mut response = body.into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    no_store(response)
}

async fn site_file(State(server): State<Arc<Server>>, uri: Uri) -> Response {
    let Some(path) = site_path(uri.path()) else {
        tracing::warn!(path = uri.path(), "rejected a request for a path outside the site");
        return no_store((StatusCode::BAD_REQUEST, "invalid path").into_response());
    };
    let snapshot = server.snapshot.read().unwrap_or_else(std::sync::PoisonError::into_inner);
    if snapshot.files.is_empty() {
        return no_store((StatusCode::SERVICE_UNAVAILABLE, html_response(error_page().into_bytes())).into_response());
    }

    let lookup = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    if let Some(bytes) = snapshot.files.get(&lookup) {
        return no_store(file_response(&lookup, bytes.clone()));
    }
    if snapshot.files.contains_key(&format!("{path}/index.html")) {
        let location = format!("/{path}/");
        return no_store((StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, location)]).into_response());
    }
    let not_found = snapshot.files.get("404.html").cloned().unwrap_or_else(|| b"Page not found".to_vec());
    no_store((StatusCode::NOT_FOUND, html_response(not_found)).into_response())
}

/// Turns a request path into a file path of the site, or None for one that tries to leave it
/// (`..`, encoded or not) or holds characters no built file has.
fn site_path(request_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request_path).decode_utf8().ok()?;
    let trimmed = decoded.trim_start_matches('/');
    let bad_segment = trimmed.split('/').any(|segment| segment == ".." || segment == ".");
    if bad_segment || trimmed.contains(['\\', '\0']) || trimmed.contains("//") {
        return None;
    }
    Some(trimmed.to_owned())
}

fn file_response(path: &str, bytes: Vec<u8>) -> Response {
    if path.ends_with(".html") {
        return html_response(bytes);
    }
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let mut response = Body::from(bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(mime.essence_str()) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// Serves an HTML page with the live-reload script added at the end of `<head>`.
fn html_response(bytes: Vec<u8>) -> Response {
    let mut response = with_live_script(&String::from_utf8_lossy(&bytes)).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

fn with_live_script(html: &str) -> String {
    let tag = "<script type=\"module\" src=\"/__live/client.js\"></script>";
    match html.find("</head>") {
        Some(index) => format!("{}{tag}{}", &html[..index], &html[index..]),
        None => format!("{tag}{html}"),
    }
}

/// The page shown before any build has succeeded; the overlay fills in the errors.
fn error_page() -> String {
    format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\
         <title>Build failed</title></head><body><main><h1>The site could not be built</h1>\
         <p>The errors are listed here and in the terminal. This page reloads when they are fixed.</p>\
         </main></body></html>"
    )
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_path_rejects_escapes() {
        for path in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/a/%2E%2E/%2E%2E/x", "/a\\..\\b", "/a//b", "/%00", "/./a"] {
            assert_eq!(site_path(path), None, "{path}");
        }
    }

    #[test]
    fn site_path_decodes_names() {
        assert_eq!(site_path("/my%20page/").as_deref(), Some("my page/"));
        assert_eq!(site_path("/").as_deref(), Some(""));
        assert_eq!(site_path("/assets/main.css").as_deref(), Some("assets/main.css"));
    }

    #[test]
    fn live_script_added_to_head() {
        let html = with_live_script("<html><head><title>x</title></head><body></body></html>");
        assert_eq!(
            html,
            "<html><head><title>x</title><script type=\"module\" src=\"/__live/client.js\"></script></head><body></body></html>"
        );
    }
}
