//! The `attendance-guide` command: builds and checks an Interactive Attendance Guide site.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use attendance_guide::check::external::{check_external, external_links};
use attendance_guide::diagnostics::Diagnostic;
use attendance_guide::pipeline::{self, BuildOptions};
use attendance_guide::serve::{self, ServeOptions};
use attendance_guide::{report, write};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// Builds the Interactive Attendance Guide: Markdown guidance, resource lists and questionnaires
/// into a static website.
#[derive(Debug, Parser)]
#[command(name = "attendance-guide", version, about)]
struct Cli {
    /// Folder of the site, which contains `content/` and, optionally, `themes/`.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder.
    Build {
        /// Folder to write the site to [default: <root>/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Address the site is published at, replacing `base_url` from site.yaml, e.g. `/guide/`.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Build in memory and serve the site on this computer, rebuilding and reloading open pages after
    /// every change.
    Serve {
        /// Port to listen on (0 picks a free port).
        #[arg(long, default_value_t = 4000)]
        port: u16,
        /// Address to listen on. The default serves this computer only; `--bind 0.0.0.0` lets other
        /// devices on the network open the site, for example a tablet.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site in DIR (a missing or empty folder) with one example of each kind of content.
    Init {
        /// Folder to create the site in.
        dir: PathBuf,
    },
    /// Build without writing and report every problem: broken links and anchors, invalid content.
    Check {
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Also request every link to another site and report those that fail. Off by default because
        /// it contacts every linked host.
        #[arg(long)]
        external: bool,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")))
        .with_writer(std::io::stderr)
        .init();

    let cli = Cli::parse();
    match cli.command {
        Command::Build { output, base_url, drafts } => {
            let output = output.unwrap_or_else(|| cli.root.join("public"));
            build(BuildOptions { root: cli.root, base_url, drafts, development: false }, &output)
        }
        Command::Serve { port, bind, drafts } => {
            match serve::run(ServeOptions { root: cli.root, bind, port, drafts }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Init { dir } => init(&dir),
        Command::Check { drafts, external } => {
            check(BuildOptions { root: cli.root, base_url: None, drafts, development: false }, external)
        }
    }
}

fn build(options: BuildOptions, output: &Path) -> ExitCode {
    let started = Instant::now();
    if let Err(errors) = write::check_output_folder(output) {
        print_diagnostics(&errors, &options.root);
        return ExitCode::FAILURE;
    }

    let result = build_with_progress(&options);
    let diagnostics = result.diagnostics.into_sorted();
    print_diagnostics(&diagnostics, &options.root);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!(
            "Build failed with {errors} {}; `{}` was not changed.",
            plural(errors, "error", "errors"),
            output.display()
        );
        return ExitCode::FAILURE;
    }

    match write::write_output(output, &result.files) {
        Ok(summary) => {
            if summary.recovered {
                eprintln!("Recovered the previous output left by an interrupted build.");
            }
            eprintln!(
                "Built {} {} ({} files) into `{}` in {} ms.",
                result.pages,
                plural(result.pages, "page", "pages"),
                summary.files_written,
                output.display(),
                started.elapsed().as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print_diagnostics(&errors, &options.root);
            ExitCode::FAILURE
        }
    }
}

fn check(options: BuildOptions, external: bool) -> ExitCode {
    let mut result = build_with_progress(&options);
    if external && !result.diagnostics.has_errors() {
        let links = external_links(&result.files);
        eprintln!("Checking {} {} to other sites…", links.len(), plural(links.len(), "link", "links"));
        result.diagnostics.extend(check_external(&links, &result.sources));
    }
    let diagnostics = result.diagnostics.into_sorted();
    print_diagnostics(&diagnostics, &options.root);
    // Unlike `build`, `check` fails on warnings too: it exists to find everything worth fixing.
    if !diagnostics.is_empty() {
        let count = diagnostics.len();
        eprintln!("Found {count} {}.", plural(count, "problem", "problems"));
        return ExitCode::FAILURE;
    }
    eprintln!("No problems found in {} {}.", result.pages, plural(result.pages, "page", "pages"));
    ExitCode::SUCCESS
}

fn init(dir: &Path) -> ExitCode {
    match attendance_guide::init::create(dir) {
        Ok(files) => {
            eprintln!("Created a new site in `{}` with {} files.", dir.display(), files.len());
            eprintln!("Preview it with `attendance-guide --root {} serve`.", dir.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Time after which a build still running prints a line, so a long build does not look stuck; a
/// quick build prints nothing extra.
const PROGRESS_AFTER: Duration = Duration::from_secs(2);

/// Runs the build, telling a person at a terminal when it takes longer than [`PROGRESS_AFTER`].
fn build_with_progress(options: &BuildOptions) -> pipeline::BuildResult {
    let (done, finished) = mpsc::channel::<()>();
    let reporter = report::stderr_is_terminal().then(|| {
        std::thread::spawn(move || {
            if finished.recv_timeout(PROGRESS_AFTER) == Err(mpsc::RecvTimeoutError::Timeout) {
                eprintln!("Building the site… (large sites take a few seconds)");
            }
        })
    });
    let result = pipeline::build(options);
    drop(done);
    if let Some(reporter) = reporter {
        let _ = reporter.join();
    }
    result
}

fn print_diagnostics(diagnostics: &[Diagnostic], root: &Path) {
    if !diagnostics.is_empty() {
        eprint!("{}", report::render(diagnostics, root));
    }
}

fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}
