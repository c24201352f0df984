//! `attendance-guide serve` on the fixture site: pages from memory, path traversal rejected, the site's
//! 404 page, rebuilds after edits, and errors reported to open pages while the server keeps running.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Fixture;

/// A running server, stopped when dropped.
struct Server {
    child: Child,
    address: String,
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(site: &Fixture) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_attendance-guide"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"])
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start the server");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });

        let mut server = Self { child, address: String::new(), log };
        let line = server.wait_for_line("Serving the site at http://");
        let start = line.find("http://").expect("URL") + "http://".len();
        server.address = line[start..].split('/').next().expect("address").to_owned();
        server
    }

    /// Waits up to 20 seconds for a log line containing `needle`.
    fn wait_for_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.log.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("the server never printed `{needle}`");
    }

    /// Sends a GET request and returns the status code and body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.address).expect("send");
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read");
        let status = response.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("status code");
        let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
        (status, body)
    }

    /// Opens the live-reload event stream.
    fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(&self.address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
        write!(stream, "GET /__live/events HTTP/1.1\r\nHost: {}\r\n\r\n", self.address).expect("send");
        BufReader::new(stream)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads event-stream lines until one names `event`, failing after 30 seconds. The server's keep-alive
/// comments arrive more often than the read timeout, so the deadline is checked here.
fn wait_for_event(stream: &mut BufReader<TcpStream>, event: &str) {
    let expected = format!("event: {event}");
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut line = String::new();
    loop {
        assert!(Instant::now() < deadline, "no `{event}` event within 30 seconds");
        line.clear();
        let read = stream.read_line(&mut line).expect("the event stream timed out");
        assert!(read > 0, "the event stream closed before `{event}`");
        if line.trim() == expected {
            return;
        }
    }
}

#[test]
fn pages_served_from_memory() {
    let site = Fixture::new("basic");
    let server = Server::start(&site);

    let (status, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(body.contains("Fixture home"));
    assert!(body.contains("<script type=\"module\" src=\"/__live/client.js\"></script></head>"), "no live script");
    assert!(!site.path("public").exists(), "serve wrote to disk");

    let (status, _) = server.get("/beta/page-a/");
    assert_eq!(status, 200);
    let (status, _) = server.get("/beta/page-a");
    assert_eq!(status, 308, "a folder without its slash is redirected");
    let (status, script) = server.get("/__live/client.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
}

#[test]
fn requests_outside_site_rejected() {
    let site = Fixture::new("basic");
    site.write("secret.txt", "do not serve");
    let server = Server::start(&site);

    for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/beta/%2E%2E/%2E%2E/secret.txt", "/..%2fsecret.txt"] {
        let (status, body) = server.get(path);
        assert!(status == 400 || status == 404, "{path}: status {status}");
        assert!(!body.contains("do not serve"), "{path} leaked a file outside the site");
    }
}

#[test]
fn unknown_path_gets_site_404_page() {
    let site = Fixture::new("basic");
    let server = Server::start(&site);
    let (status, body) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "{body}");
}

#[test]
fn edit_rebuilds_and_reloads() {
    let site = Fixture::new("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));

    site.write("content/beta/page-b.md", "---\ntitle: B page edited\n---\nNew text.\n");
    wait_for_event(&mut events, "reload");
    let (_, body) = server.get("/beta/page-b/");
    assert!(body.contains("B page edited"), "the edit is not served");
}

#[test]
fn broken_edit_keeps_server_and_reports_errors() {
    let site = Fixture::new("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));

    site.write("content/beta/page-b.md", "---\ntitle: [broken\n---\n");
    wait_for_event(&mut events, "errors");
    let (status, errors) = server.get("/__live/errors");
    assert_eq!(status, 200);
    assert!(errors.contains("content/beta/page-b.md:3:1"), "{errors}");
    let (status, body) = server.get("/beta/page-b/");
    assert_eq!(status, 200, "the last good build is no longer served");
    assert!(body.contains("B page"));

    site.write("content/beta/page-b.md", "---\ntitle: B page fixed\n---\n");
    wait_for_event(&mut events, "reload");
    let (_, errors) = server.get("/__live/errors");
    assert_eq!(errors, "[]");
}

#[test]
fn files_created_renamed_and_deleted() {
    let site = Fixture::new("basic");
    let server = Server::start(&site);
    let mut events = server.events();
    std::thread::sleep(Duration::from_millis(300));

    site.write("content/new.md", "---\ntitle: Brand new\n---\n");
    wait_for_event(&mut events, "reload");
    assert_eq!(server.get("/new/").0, 200);

    std::fs::rename(site.path("content/new.md"), site.path("content/renamed.md")).expect("rename");
    wait_for_event(&mut events, "reload");
    assert_eq!(server.get("/new/").0, 404);
    assert_eq!(server.get("/renamed/").0, 200);

    site.remove("content/renamed.md");
    wait_for_event(&mut events, "reload");
    assert_eq!(server.get("/renamed/").0, 404);

    site.write("content/beta/page-b.md", "");
    wait_for_event(&mut events, "errors");
    assert_eq!(server.get("/").0, 200, "an emptied file stopped the server");
}
