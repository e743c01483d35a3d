//! What the wasm module is made of, by crate: twiggy (installed into
//! `target/tools/twiggy`) lists every function and data segment of the
//! module as built, before wasm-bindgen strips the names; this groups
//! them by the crate each name starts with.

// xtask is native: the wasm size rule of clippy.toml does not apply.
#![allow(clippy::disallowed_types)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use std::process::Stdio;

use anyhow::Context;

use crate::dist::target_dir;
use crate::root;
use crate::run::{cargo, cmd, output, run};
use crate::wasm::TARGET;

fn twiggy() -> anyhow::Result<PathBuf> {
    let dir = root().join("target/tools/twiggy");
    let exe = dir.join("bin/twiggy");
    if output(&mut cmd(&exe, &["--version"])).is_none() {
        eprintln!("xtask: installing twiggy into target/tools (once)");
        let dir_str = dir.to_string_lossy().into_owned();
        run(&mut cmd(
            cargo(),
            &[
                "install",
                "twiggy",
                "--version",
                "0.8.0",
                "--root",
                &dir_str,
            ],
        ))?;
    }
    Ok(exe)
}

/// Splits one CSV line, honouring double quotes.
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = fields.last_mut() {
                    f.push('"');
                }
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            _ => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

/// The group an item of the module belongs to: its crate, or what it is.
/// `None` for custom sections, which the shipped module does not carry.
fn group(name: &str) -> Option<String> {
    // Custom sections and wasm-bindgen's describe functions (with their
    // exports) are removed by wasm-bindgen: visitors never download them.
    if name.starts_with("custom section")
        || name.contains("\"function names\"")
        || name.contains("__wbindgen_describe")
    {
        return None;
    }
    if name.starts_with("data segment") {
        return Some("(data: string literals, tables)".to_owned());
    }
    // The first `ident::` or `ident[hash]::` names the crate, also inside
    // `<Type as Trait>::method`.
    let bytes = name.as_bytes();
    let mut start = None;
    for (i, &b) in bytes.iter().enumerate() {
        let ident = b.is_ascii_alphanumeric() || b == b'_';
        match (start, ident) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let rest = &name[i..];
                let rest = match rest.strip_prefix('[') {
                    Some(r) => r.split_once(']').map_or("", |(_, after)| after),
                    None => rest,
                };
                if rest.starts_with("::") {
                    return Some(name[s..i].to_owned());
                }
                start = None;
            }
            _ => {}
        }
    }
    Some("(glue: exports, intrinsics)".to_owned())
}

/// `cargo xtask size`: the package's download sizes, then the module by crate.
pub fn report() -> anyhow::Result<()> {
    let pkg = crate::wasm::build_package()?;
    eprintln!("\nxtask: download size of the wasm package");
    println!("| file | bytes | gzip -9 | brotli |");
    println!("|---|---|---|---|");
    // The engine's module is what the prompt waits for; the teaching
    // layer's comes after it.
    for name in [
        "playground_wasm_bg.wasm",
        "playground_wasm.js",
        "playground_teach_bg.wasm",
        "playground_teach.js",
    ] {
        let path = pkg.join(name);
        let raw = std::fs::metadata(&path)
            .map(|m| m.len())
            .context("package file missing")?;
        let path_str = path.to_string_lossy().into_owned();
        let gz = compressed_len("gzip", &["-9", "-c", &path_str]);
        let br = compressed_len("brotli", &["-q", "11", "-c", &path_str]);
        println!("| {name} | {raw} | {gz} | {br} |");
    }
    wasm_by_crate()
}

fn compressed_len(program: &str, args: &[&str]) -> String {
    let out = cmd(program, args).stderr(Stdio::null()).output();
    match out {
        Ok(o) if o.status.success() => o.stdout.len().to_string(),
        _ => format!("({program} not installed)"),
    }
}

/// Prints the table: bytes per crate in the engine's release module.
fn wasm_by_crate() -> anyhow::Result<()> {
    let module = target_dir()
        .join(TARGET)
        .join("wasm-release")
        .join("playground_wasm.wasm");
    let exe = twiggy()?;
    let module_str = module.to_string_lossy().into_owned();
    let csv = output(&mut cmd(
        &exe,
        &["top", "-n", "1000000", "-f", "csv", &module_str],
    ))
    .context("twiggy could not read the module")?;
    let mut by_group: BTreeMap<String, u64> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let fields = csv_fields(line);
        let (Some(name), Some(size)) = (fields.first(), fields.get(1)) else {
            continue;
        };
        let Ok(size) = size.trim().parse::<u64>() else {
            continue;
        };
        if let Some(g) = group(name) {
            *by_group.entry(g).or_default() += size;
        }
    }
    let total: u64 = by_group.values().sum();
    let mut rows: Vec<(String, u64)> = by_group.into_iter().collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    println!(
        "\nWhat the wasm module is made of (twiggy, by crate; what wasm-bindgen strips is left out)\n"
    );
    println!("| crate | bytes | share |");
    println!("|---|---|---|");
    for (name, bytes) in rows.iter().take(16) {
        let share = (*bytes as f64) * 100.0 / (total.max(1) as f64);
        println!("| {name} | {bytes} | {share:.1}% |");
    }
    let rest: u64 = rows.iter().skip(16).map(|r| r.1).sum();
    if rest > 0 {
        println!("| (the rest) | {rest} | |");
    }
    println!("| total | {total} | 100% |");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_group_by_their_crate() {
        let cases = [
            (
                "imap_syntax::parse::response::response::h3b7f",
                Some("imap_syntax"),
            ),
            (
                "<alloc::vec::Vec<T> as core::clone::Clone>::clone",
                Some("alloc"),
            ),
            (
                "<dlmalloc[e24a27700634d609]::dlmalloc::Dlmalloc>::malloc",
                Some("dlmalloc"),
            ),
            ("custom section 'producers'", None),
            ("export \"__wbindgen_describe___wbg_new_x\"", None),
            (
                "data segment \".rodata\"",
                Some("(data: string literals, tables)"),
            ),
            (
                "playground_explain_56b7",
                Some("(glue: exports, intrinsics)"),
            ),
        ];
        for (name, want) in cases {
            assert_eq!(group(name).as_deref(), want, "{name}");
        }
    }

    #[test]
    fn csv_quotes_are_honoured() {
        assert_eq!(
            csv_fields(r#""<(A, B) as X>::y",12,0.1"#),
            vec!["<(A, B) as X>::y", "12", "0.1"]
        );
        assert_eq!(csv_fields(r#""say ""hi""",1"#), vec![r#"say "hi""#, "1"]);
    }
}
