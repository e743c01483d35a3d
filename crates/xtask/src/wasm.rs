//! The wasm package: target, tools of the locked version, build.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::root;
use crate::run::{cargo, cmd, output, run};

/// The Rust target the façade is built for.
pub const TARGET: &str = "wasm32-unknown-unknown";

/// The version of the `wasm-bindgen` crate in Cargo.lock. The CLI must be
/// exactly this version, or the generated glue will not match the module.
pub fn wasm_bindgen_version() -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("reading Cargo.lock")?;
    locked_version(&lock, "wasm-bindgen").context("Cargo.lock has no wasm-bindgen package")
}

/// The version of package `name` in the text of a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let wanted = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == wanted {
            let version = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(version.to_owned());
        }
    }
    None
}

/// `target/tools/wasm-bindgen-VERSION/bin`.
pub fn tools_bin() -> anyhow::Result<PathBuf> {
    let version = wasm_bindgen_version()?;
    Ok(root()
        .join("target/tools")
        .join(format!("wasm-bindgen-{version}"))
        .join("bin"))
}

/// Adds the wasm32 target with rustup if it is missing.
pub fn ensure_target() -> anyhow::Result<()> {
    let installed = output(&mut cmd("rustup", &["target", "list", "--installed"]));
    match installed {
        Some(list) if list.lines().any(|l| l.trim() == TARGET) => Ok(()),
        Some(_) => run(&mut cmd("rustup", &["target", "add", TARGET])),
        None => {
            // No rustup: the toolchain may still have the target (distro Rust).
            let sysroot = output(&mut cmd("rustc", &["--print", "sysroot"])).unwrap_or_default();
            if PathBuf::from(sysroot.trim())
                .join("lib/rustlib")
                .join(TARGET)
                .is_dir()
            {
                Ok(())
            } else {
                bail!("the {TARGET} target is missing and rustup is not available to add it")
            }
        }
    }
}

/// Installs wasm-bindgen-cli of the locked version into
/// `target/tools/wasm-bindgen-VERSION` unless it is already there.
pub fn ensure_wasm_bindgen() -> anyhow::Result<PathBuf> {
    let version = wasm_bindgen_version()?;
    let bin = tools_bin()?;
    let exe = bin.join("wasm-bindgen");
    let have = output(&mut cmd(&exe, &["--version"]));
    if have
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(version.as_str()))
        && bin.join("wasm-bindgen-test-runner").is_file()
    {
        return Ok(bin);
    }
    eprintln!(
        "xtask: installing wasm-bindgen-cli {version} into target/tools (about two minutes, once)"
    );
    let root_dir = bin
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| bin.clone());
    let root_str = root_dir.to_string_lossy().into_owned();
    run(&mut cmd(
        cargo(),
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
            &root_str,
        ],
    ))?;
    Ok(bin)
}

/// Builds the two wasm modules for the web and writes their wasm-bindgen
/// package to `target/pkg`: the engine's façade (`playground_wasm`, what
/// the prompt waits for) and the teaching layer's (`playground_teach`,
/// loaded after it). Cargo and wasm-bindgen make a second run quick.
pub fn build_package() -> anyhow::Result<PathBuf> {
    build_package_with(None, "target/pkg")
}

/// The crates compiled to wasm, by package name and module name.
const MODULES: [(&str, &str); 2] = [
    ("playground-wasm", "playground_wasm"),
    ("playground-teach", "playground_teach"),
];

/// Builds the wasm package with an optional cargo feature of
/// playground-wasm (such as `bench`) into `out` (relative to the root).
/// With a feature, only the engine's façade is built.
pub fn build_package_with(feature: Option<&str>, out: &str) -> anyhow::Result<PathBuf> {
    ensure_target()?;
    let bin = ensure_wasm_bindgen()?;
    let modules = if feature.is_some() {
        &MODULES[..1]
    } else {
        &MODULES[..]
    };
    let mut args = vec!["build"];
    for (package, _) in modules {
        args.extend(["-p", package]);
    }
    args.extend(["--target", TARGET, "--profile", "wasm-release"]);
    if let Some(f) = feature {
        args.extend(["--features", f]);
    }
    run(&mut cmd(cargo(), &args))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    let pkg = root().join(out);
    let pkg_str = pkg.to_string_lossy().into_owned();
    for (_, module) in modules {
        let wasm = target_dir
            .join(TARGET)
            .join("wasm-release")
            .join(format!("{module}.wasm"));
        let wasm_str = wasm.to_string_lossy().into_owned();
        run(&mut cmd(
            bin.join("wasm-bindgen"),
            &[
                "--target",
                "web",
                "--remove-name-section",
                "--remove-producers-section",
                "--out-dir",
                &pkg_str,
                &wasm_str,
            ],
        ))?;
        // No wasm-opt: Debian's binaryen 108 makes the module about 20 KB
        // smaller raw but 13 KB larger under brotli (194 against 181 KB,
        // measured 2026-12-02), and brotli is what visitors download.
        let built = pkg.join(format!("{module}_bg.wasm"));
        let size = std::fs::metadata(&built).map(|m| m.len()).unwrap_or(0);
        eprintln!("xtask: {module} in {} ({} KiB module)", out, size / 1024);
    }
    Ok(pkg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "nothing"), None);
    }

    #[test]
    fn the_real_lock_file_pins_wasm_bindgen() {
        let v = wasm_bindgen_version().expect("Cargo.lock has wasm-bindgen");
        assert!(v.starts_with("0."), "{v}");
    }
}
