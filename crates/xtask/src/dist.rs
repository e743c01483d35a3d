//! `cargo xtask dist`: what users run and deploy.
//!
//! - `target/dist/site/`: the page, the lessons and the wasm package, a
//!   folder any static host serves under any path prefix. The engine's
//!   wasm module gets a content-hashed name (`playground_wasm_bg.<16
//!   hex>.wasm`), which the page's preload link names, so hosts and
//!   browsers may cache it for good; the teaching layer's module
//!   (`playground_teach_bg.wasm`) keeps its name.
//! - `target/dist/imap-playground`: the release build of the server with
//!   that site built in (`server/build.rs` embeds and precompresses it).
//!
//! Scripts and stylesheets reach the site with their comment-only lines
//! emptied (`blank.rs`): fewer bytes before the prompt, the same line
//! numbers as in `web/`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::blank::{Lang, blank_comment_lines};
use crate::root;
use crate::run::{cargo, cmd, run};
use crate::wasm;

/// The wasm module's name as wasm-bindgen writes it.
const MODULE: &str = "playground_wasm_bg.wasm";
/// The glue module that loads it.
const GLUE: &str = "playground_wasm.js";
/// The teaching layer's module and its glue (`crates/playground-teach`).
const TEACH_MODULE: &str = "playground_teach_bg.wasm";
const TEACH_GLUE: &str = "playground_teach.js";

/// The folder cargo builds into.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// `target/dist`.
pub fn dist_dir() -> PathBuf {
    target_dir().join("dist")
}

/// `target/dist/imap-playground`.
pub fn binary() -> PathBuf {
    dist_dir().join(format!("imap-playground{}", std::env::consts::EXE_SUFFIX))
}

/// `cargo xtask dist`: the site, then the binary with the site inside.
pub fn build() -> anyhow::Result<PathBuf> {
    let site = build_site()?;
    let site_str = site.to_string_lossy().into_owned();
    let mut c = cmd(
        cargo(),
        &[
            "build",
            "--release",
            "-p",
            "imap-playground",
            "--bin",
            "imap-playground",
        ],
    );
    c.env("IMAP_PLAYGROUND_SITE", &site_str);
    run(&mut c)?;
    let built = target_dir()
        .join("release")
        .join(format!("imap-playground{}", std::env::consts::EXE_SUFFIX));
    let exe = binary();
    // Replace, not overwrite: a running copy keeps its own file.
    let _ = std::fs::remove_file(&exe);
    std::fs::copy(&built, &exe)
        .with_context(|| format!("copying {} to {}", built.display(), exe.display()))?;
    eprintln!(
        "xtask: {} is the release build with the site built in; {} is the static site",
        exe.display(),
        site.display()
    );
    Ok(exe)
}

/// Writes `target/dist/site/` from `web/` and a fresh wasm package. The
/// site is assembled in `site.new/` and then synced into `site/` file by
/// file, so files whose bytes did not change keep their times: the server's
/// build script then sees no change, and a second `serve` does not rebuild.
pub fn build_site() -> anyhow::Result<PathBuf> {
    let pkg = wasm::build_package()?;
    let staged = dist_dir().join("site.new");
    if staged.exists() {
        std::fs::remove_dir_all(&staged)
            .with_context(|| format!("clearing {}", staged.display()))?;
    }
    stage_site(&pkg, &staged)?;
    let site = dist_dir().join("site");
    sync_tree(&staged, &site)?;
    std::fs::remove_dir_all(&staged).with_context(|| format!("clearing {}", staged.display()))?;
    Ok(site)
}

/// The site's files, written into `site`.
fn stage_site(pkg: &Path, site: &Path) -> anyhow::Result<()> {
    sync_tree(&root().join("web"), site)?;
    let module = std::fs::read(pkg.join(MODULE)).context("the wasm package has no module")?;
    let hashed = format!("playground_wasm_bg.{:016x}.wasm", fnv1a(&module));
    let out = site.join("pkg");
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join(&hashed), &module)?;
    let glue = site_bytes(&pkg.join(GLUE)).context("the wasm package has no glue")?;
    std::fs::write(out.join(GLUE), glue)?;
    // The teaching layer's module keeps its name: its glue loads it from
    // beside itself, and nothing preloads it (it comes after the prompt).
    for name in [TEACH_MODULE, TEACH_GLUE] {
        let bytes = site_bytes(&pkg.join(name))
            .with_context(|| format!("the wasm package has no {name}"))?;
        std::fs::write(out.join(name), bytes)?;
    }
    let index = site.join("index.html");
    let page = std::fs::read_to_string(&index).context("web/index.html")?;
    let preload = format!("./pkg/{MODULE}");
    if !page.contains(&preload) {
        bail!("web/index.html no longer preloads {preload}: the hashed name cannot be put in");
    }
    std::fs::write(&index, page.replace(&preload, &format!("./pkg/{hashed}")))?;
    // On a static host, `api/targets` is this file and says there is no
    // bridge, so the page needs no failed request to find out. The
    // server's own route answers before its embedded copy of the file.
    std::fs::create_dir_all(site.join("api"))?;
    std::fs::write(
        site.join("api/targets"),
        "{\"bridge\":false,\"why\":\"a static copy of the playground: the WebSocket bridge needs imap-playground serve\"}\n",
    )?;
    Ok(())
}

/// Makes `to` hold exactly the files of `from` that belong in the site:
/// changed or new files are copied, identical ones left alone, and the
/// rest removed.
fn sync_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in std::fs::read_dir(to).with_context(|| format!("reading {}", to.display()))? {
        let entry = entry?;
        let path = entry.path();
        let source = from.join(entry.file_name());
        if !source.exists() || (source.is_file() && !in_site(&source)) {
            if entry.file_type()?.is_dir() {
                std::fs::remove_dir_all(&path)?;
            } else {
                std::fs::remove_file(&path)?;
            }
        }
    }
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if dest.is_file() {
                std::fs::remove_file(&dest)?;
            }
            sync_tree(&path, &dest)?;
        } else if in_site(&path) {
            let bytes = site_bytes(&path)?;
            if dest.is_dir() {
                std::fs::remove_dir_all(&dest)?;
            }
            if std::fs::read(&dest).ok().as_deref() != Some(bytes.as_slice()) {
                std::fs::write(&dest, &bytes)
                    .with_context(|| format!("writing {}", dest.display()))?;
            }
        }
    }
    Ok(())
}

/// A file's bytes as the site serves them: scripts and stylesheets without
/// their comment-only lines (see `blank.rs`), the rest as they are.
fn site_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let lang = path.file_name().and_then(|n| n.to_str()).and_then(Lang::of);
    Ok(match (lang, String::from_utf8(bytes)) {
        (Some(lang), Ok(text)) => blank_comment_lines(&text, lang).into_bytes(),
        (_, Ok(text)) => text.into_bytes(),
        (_, Err(e)) => e.into_bytes(),
    })
}

/// Whether a file of web/ goes into the site: type declarations for the
/// checker (web/events.d.ts) do not, since the page never loads them.
fn in_site(file: &Path) -> bool {
    !file.to_string_lossy().ends_with(".d.ts")
}

/// FNV-1a, 64 bits: enough to tell one build of the module from another
/// (it names a file; it guards nothing).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_tree_mirrors_the_site_files_and_leaves_out_type_declarations() {
        let base = std::env::temp_dir().join(format!("xtask-sync-{}", std::process::id()));
        let (from, to) = (base.join("from"), base.join("to"));
        for (dir, file, text) in [
            (&from, "index.html", "page"),
            (&from, "events.d.ts", "types"),
            (&from, "teach/help.js", "help"),
            (&to, "index.html", "old page"),
            (&to, "events.d.ts", "types"),
            (&to, "stale.js", "gone"),
        ] {
            let path = dir.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        sync_tree(&from, &to).unwrap();
        let read = |f: &str| std::fs::read_to_string(to.join(f)).ok();
        assert_eq!(read("index.html").as_deref(), Some("page"));
        assert_eq!(read("teach/help.js").as_deref(), Some("help"));
        assert_eq!(read("events.d.ts"), None);
        assert_eq!(read("stale.js"), None);
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
