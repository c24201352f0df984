//! Compiles the questionnaire engine in `wasm/` for `wasm32-unknown-unknown` and runs wasm-bindgen on it,
//! so the binary can embed a `.wasm` file and its JS glue that always match the engine's Rust source.
//!
//! The engine is built by a nested `cargo` with its own target folder, because the outer build holds the
//! lock on the usual one. The outer build's flags are removed from the nested environment: they are meant
//! for the host (coverage, sanitisers, wrappers) and would break or bloat the wasm.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const ENGINE_CRATE: &str = "attendance-engine";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
const WASM_PROFILE: &str = "wasm-release";

/// Variables of the outer build that must not reach the nested wasm build.
const STRIPPED_VARIABLES: &[&str] = &[
    "CARGO_ENCODED_RUSTFLAGS",
    "RUSTFLAGS",
    "RUSTC_WRAPPER",
    "RUSTC_WORKSPACE_WRAPPER",
    "CARGO_BUILD_TARGET",
    "CARGO_TARGET_DIR",
    "CARGO_BUILD_RUSTFLAGS",
    "CARGO_LLVM_COV",
    "CARGO_LLVM_COV_TARGET_DIR",
    "LLVM_PROFILE_FILE",
    "CARGO_MAKEFLAGS",
    "MAKEFLAGS",
    "MFLAGS",
];

fn main() {
    let manifest_dir = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));

    for path in ["wasm/src", "wasm/Cargo.toml", "Cargo.toml", "Cargo.lock", "themes", "src/init"] {
        println!("cargo:rerun-if-changed={path}");
    }
    println!("cargo:rerun-if-env-changed=CARGO_TARGET_DIR");

    let wasm_file = compile_engine(&manifest_dir);
    generate_bindings(&wasm_file, &out_dir);
}

/// Runs the nested cargo and returns the path of the compiled `.wasm` file.
fn compile_engine(manifest_dir: &Path) -> PathBuf {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    // Follow the outer build's target folder when one is set, so a build from an empty target folder
    // really compiles the engine from scratch.
    let target_root = env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest_dir.join("target"), PathBuf::from);
    let target_dir = target_root.join("wasm-engine");

    let mut command = Command::new(cargo);
    command
        .current_dir(manifest_dir)
        .args(["build", "--locked", "--package", ENGINE_CRATE, "--lib"])
        .args(["--target", WASM_TARGET, "--profile", WASM_PROFILE])
        .arg("--target-dir")
        .arg(&target_dir);
    for name in STRIPPED_VARIABLES {
        command.env_remove(name);
    }
    for (name, _) in env::vars_os() {
        let name = name.to_string_lossy();
        if name.starts_with("CARGO_TARGET_") || name.starts_with("CARGO_PROFILE_") {
            command.env_remove(name.as_ref());
        }
    }

    let status = command.status().unwrap_or_else(|error| panic!("failed to start cargo for the wasm engine: {error}"));
    if !status.success() {
        panic!(
            "building the wasm engine failed ({status}); if the target is missing, run \
             `rustup target add {WASM_TARGET}`"
        );
    }

    target_dir
        .join(WASM_TARGET)
        .join(WASM_PROFILE)
        .join(format!("{}.wasm", ENGINE_CRATE.replace('-', "_")))
}

/// Writes `engine_bg.wasm` and `engine.js` (an ES module) into `out_dir`.
fn generate_bindings(wasm_file: &Path, out_dir: &Path) {
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(wasm_file)
        .out_name("engine")
        .web(true)
        .expect("the web target is always available")
        .keep_debug(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .typescript(false);
    if let Err(error) = bindgen.generate(out_dir) {
        panic!("wasm-bindgen failed on {}: {error:#}", wasm_file.display());
    }
}
