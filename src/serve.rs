//! `serve`: builds the site in memory, serves it on 127.0.0.1, rebuilds when a source changes and
//! reloads open pages.
//!
//! Pages are served from the latest good build. A build with errors keeps that build in place and sends
//! the errors to every open page, which shows them in an overlay until a later build succeeds; before
//! any good build, every page is an error page. Each served HTML page gets one extra script, served by
//! the server itself so the Content Security Policy still holds, which listens to a Server-Sent Events
//! stream for `reload` and `errors` messages.

mod http;
mod watch;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use serde::Serialize;
use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildOptions};

/// Settings of one `serve` run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// Port to listen on; 0 picks a free one.
    pub port: u16,
    pub drafts: bool,
}

/// One diagnostic as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OverlayError {
    pub severity: &'static str,
    pub location: String,
    pub message: String,
    pub help: Option<String>,
}

impl From<&Diagnostic> for OverlayError {
    fn from(diagnostic: &Diagnostic) -> Self {
        Self {
            severity: if diagnostic.is_error() { "error" } else { "warning" },
            location: diagnostic.location.to_string(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
        }
    }
}

/// The files being served and the errors of the latest build.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Files of the latest good build; empty until a build succeeds.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Errors of the latest build; empty when it succeeded.
    pub errors: Vec<OverlayError>,
    /// Number of builds so far, successful or not.
    pub generation: u64,
}

/// Messages to open pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    Reload,
    Errors,
}

/// State shared by the server, the watcher and the builds.
pub struct Server {
    pub options: ServeOptions,
    pub snapshot: RwLock<Snapshot>,
    pub events: broadcast::Sender<LiveEvent>,
}

impl Server {
    pub fn new(options: ServeOptions) -> Arc<Self> {
        let (events, _) = broadcast::channel(16);
        Arc::new(Self { options, snapshot: RwLock::new(Snapshot::default()), events })
    }

    /// Builds the site and swaps the result in, keeping the previous files when the build fails.
    /// Returns the diagnostics for the terminal.
    pub fn rebuild(&self) -> Vec<Diagnostic> {
        let started = Instant::now();
        let options = BuildOptions {
            root: self.options.root.clone(),
            base_url: Some("/".to_owned()),
            drafts: self.options.drafts,
            development: true,
        };
        let result = pipeline::build(&options);
        let diagnostics = result.diagnostics.into_sorted();
        let failed = diagnostics.iter().any(Diagnostic::is_error);

        let mut snapshot = self.snapshot.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        snapshot.generation += 1;
        snapshot.errors = diagnostics.iter().filter(|d| d.is_error()).map(OverlayError::from).collect();
        if !failed {
            snapshot.files = result.files;
        }
        drop(snapshot);

        let event = if failed { LiveEvent::Errors } else { LiveEvent::Reload };
        // `send` returns an error only when no page is listening, which needs no action.
        let _ = self.events.send(event);
        tracing::info!(failed, elapsed_ms = started.elapsed().as_millis() as u64, "rebuilt the site");
        diagnostics
    }
}

/// Runs the server until Ctrl-C. Returns an error message when the server cannot start.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the server's runtime: {error}"))?;
    runtime.block_on(serve(options))
}

async fn serve(options: ServeOptions) -> Result<(), String> {
    let address = SocketAddr::new(options.bind, options.port);
    let listener = tokio::net::TcpListener::bind(address).await.map_err(|error| {
        format!("cannot listen on {address}: {error}; choose another port with `--port`")
    })?;
    let local = listener.local_addr().map_err(|error| format!("cannot read the listening address: {error}"))?;

    let server = Server::new(options);
    report(&server.rebuild(), &server.options.root);
    let _watcher = watch::start(Arc::clone(&server)).map_err(|error| format!("cannot watch for changes: {error}"))?;

    eprintln!("Serving the site at http://{local}/ (press Ctrl-C to stop).");
    if !local.ip().is_loopback() {
        eprintln!("warning: the site is reachable from other devices on the network at port {}.", local.port());
    }

    let app = http::router(Arc::clone(&server));
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| format!("the server stopped: {error}"))
}

/// Prints a build's diagnostics, or a one-line success message.
pub fn report(diagnostics: &[Diagnostic], root: &std::path::Path) {
    if diagnostics.is_empty() {
        eprintln!("Built the site without problems.");
    } else {
        eprint!("{}", crate::report::render(diagnostics, root));
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        if errors > 0 {
            eprintln!("The build has {errors} error(s); open pages show them until they are fixed.");
        }
    }
}
