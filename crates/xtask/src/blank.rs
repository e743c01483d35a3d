//! Comment lines out of the site's scripts and stylesheets.
//!
//! The page is written to be read: its JSDoc and its notes are about a
//! third of the bytes the prompt waits for. `cargo xtask dist` blanks every
//! line that holds nothing but comment, in `.js` and `.css` files, and
//! keeps the line itself, so a stack trace or the browser's "view source"
//! still points at the line of `web/` it came from. Nothing else changes: a
//! line with code keeps its trailing comment, and strings, template
//! literals and regular expressions are read as such, so a `//` inside one
//! is left alone.

/// What a file's text is written in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lang {
    /// JavaScript modules: `//` and `/* */` comments, strings, template
    /// literals and regular expressions.
    Script,
    /// CSS: `/* */` comments and strings.
    Style,
}

impl Lang {
    /// The language of a site file, by its name; `None` leaves it as it is.
    pub fn of(name: &str) -> Option<Lang> {
        if name.ends_with(".js") || name.ends_with(".mjs") {
            Some(Lang::Script)
        } else if name.ends_with(".css") {
            Some(Lang::Style)
        } else {
            None
        }
    }
}

/// Where the scanner is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum At {
    Code,
    /// In a '…' or "…" string.
    Quote(u8),
    /// In the text of a template literal.
    Template,
    LineComment,
    BlockComment,
    /// In a regular expression; `true` inside a `[…]` class.
    Regex(bool),
}

/// `text` with each comment-only line emptied (its line end kept).
pub fn blank_comment_lines(text: &str, lang: Lang) -> String {
    let comment = comment_bytes(text.as_bytes(), lang);
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let only_comment = !body.trim().is_empty()
            && body
                .bytes()
                .enumerate()
                .all(|(i, b)| b.is_ascii_whitespace() || comment.get(start + i) == Some(&true));
        if only_comment {
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
        start = end;
    }
    out
}

/// For each byte of `text`, whether it belongs to a comment.
fn comment_bytes(text: &[u8], lang: Lang) -> Vec<bool> {
    let mut marks = vec![false; text.len()];
    let mut at = At::Code;
    // Open `${` of template literals, each with the depth of `{` inside it.
    let mut templates: Vec<u32> = Vec::new();
    // The last byte of code that was not white space: it tells a regular
    // expression's `/` from a division.
    let mut last_code = b'\n';
    let mut last_word_is_keyword = false;
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        let next = text.get(i + 1).copied();
        match at {
            At::Code => {
                if b == b'/' && next == Some(b'*') {
                    at = At::BlockComment;
                    marks[i] = true;
                    marks[i + 1] = true;
                    i += 2;
                    continue;
                }
                if lang == Lang::Script && b == b'/' && next == Some(b'/') {
                    at = At::LineComment;
                    marks[i] = true;
                } else if b == b'"' || b == b'\'' {
                    at = At::Quote(b);
                } else if lang == Lang::Script && b == b'`' {
                    at = At::Template;
                } else if lang == Lang::Script && b == b'/' {
                    let regex =
                        last_word_is_keyword || b"(,=:[!&|?{};+-*%<>~^\n".contains(&last_code);
                    if regex {
                        at = At::Regex(false);
                    }
                } else if lang == Lang::Script && b == b'{' {
                    if let Some(depth) = templates.last_mut() {
                        *depth += 1;
                    }
                } else if lang == Lang::Script && b == b'}' {
                    match templates.last_mut() {
                        Some(0) => {
                            templates.pop();
                            at = At::Template;
                        }
                        Some(depth) => *depth -= 1,
                        None => {}
                    }
                }
                if !b.is_ascii_whitespace() && at != At::LineComment {
                    if b.is_ascii_alphanumeric() || b == b'_' || b == b'$' {
                        let word_start = text[..=i]
                            .iter()
                            .rposition(|c| !(c.is_ascii_alphanumeric() || *c == b'_' || *c == b'$'))
                            .map_or(0, |p| p + 1);
                        let word = &text[word_start..=i];
                        last_word_is_keyword = matches!(
                            word,
                            b"return"
                                | b"typeof"
                                | b"case"
                                | b"in"
                                | b"of"
                                | b"delete"
                                | b"void"
                                | b"throw"
                                | b"else"
                        );
                    } else {
                        last_word_is_keyword = false;
                    }
                    last_code = b;
                }
            }
            At::Quote(q) => {
                if b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == q || b == b'\n' {
                    at = At::Code;
                    last_code = b'"';
                    last_word_is_keyword = false;
                }
            }
            At::Template => {
                if b == b'\\' {
                    i += 2;
                    continue;
                }
                if b == b'`' {
                    at = At::Code;
                    last_code = b'`';
                    last_word_is_keyword = false;
                } else if b == b'$' && next == Some(b'{') {
                    templates.push(0);
                    at = At::Code;
                    last_code = b'{';
                    i += 2;
                    continue;
                }
            }
            At::LineComment => {
                if b == b'\n' {
                    at = At::Code;
                } else {
                    marks[i] = true;
                }
            }
            At::BlockComment => {
                marks[i] = true;
                if b == b'*' && next == Some(b'/') {
                    marks[i + 1] = true;
                    at = At::Code;
                    i += 2;
                    continue;
                }
            }
            At::Regex(class) => {
                if b == b'\\' {
                    i += 2;
                    continue;
                }
                match b {
                    b'[' => at = At::Regex(true),
                    b']' if class => at = At::Regex(false),
                    b'/' if !class => {
                        at = At::Code;
                        last_code = b'/';
                        last_word_is_keyword = false;
                    }
                    b'\n' => at = At::Code,
                    _ => {}
                }
            }
        }
        i += 1;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn js(text: &str) -> String {
        blank_comment_lines(text, Lang::Script)
    }

    #[test]
    fn comment_lines_are_emptied_and_the_lines_kept() {
        let source =
            "// a note\nconst a = 1; // kept\n/**\n * doc\n */\nexport { a };\n  /* one line */\n";
        let want = "\nconst a = 1; // kept\n\n\n\nexport { a };\n\n";
        assert_eq!(js(source), want);
        assert_eq!(js(source).lines().count(), source.lines().count());
    }

    #[test]
    fn slashes_inside_strings_templates_and_regexes_are_code() {
        for source in [
            "const u = 'http://x';\n",
            "const t = `\n// not a comment\n/* nor this */\n`;\n",
            "const t = `${a}\n// text ${ {b: 1}.b }\n// still text\n`;\n",
            "if (/^\\/\\//.test(s)) x();\n// gone\n",
            "const r = s.replace(/[/*]/g, '');\nconst q = \"/*\";\n",
            "const tick = part.startsWith('`');\n",
        ] {
            let out = js(source);
            let kept: Vec<&str> = source
                .lines()
                .filter(|l| !l.trim().starts_with("// gone"))
                .collect();
            let got: Vec<&str> = out.lines().filter(|l| !l.is_empty()).collect();
            assert_eq!(got, kept, "{source}");
        }
    }

    #[test]
    fn a_division_is_not_a_regex() {
        let source = "const h = w / 2; const q = h / 3;\n// gone\n";
        assert_eq!(js(source), "const h = w / 2; const q = h / 3;\n\n");
    }

    #[test]
    fn stylesheets_lose_block_comments_only() {
        let source = "/* header */\na { background: url(//x/y.png); }\n/*\n multi\n*/\nb { content: \"/*\"; }\n";
        let want = "\na { background: url(//x/y.png); }\n\n\n\nb { content: \"/*\"; }\n";
        assert_eq!(blank_comment_lines(source, Lang::Style), want);
    }

    #[test]
    fn crlf_line_ends_are_kept() {
        assert_eq!(js("// x\r\nlet a;\r\n"), "\r\nlet a;\r\n");
    }

    /// Every line the real page loses is a comment line, and no other.
    #[test]
    fn the_page_loses_only_comment_lines() {
        fn walk(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, files);
                } else {
                    files.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&crate::root().join("web"), &mut files);
        let mut blanked = 0;
        for path in files {
            let Some(lang) = path.to_str().and_then(Lang::of) else {
                continue;
            };
            let source = std::fs::read_to_string(&path).unwrap();
            let out = blank_comment_lines(&source, lang);
            assert_eq!(
                out.lines().count(),
                source.lines().count(),
                "{}",
                path.display()
            );
            // Inside a block comment that began at the start of a line.
            let mut in_block = false;
            for (was, now) in source.lines().zip(out.lines()) {
                let t = was.trim_start();
                let opens = !in_block && t.starts_with("/*");
                let commented = in_block || opens || t.starts_with("//");
                if opens || in_block {
                    in_block = !was.contains("*/");
                }
                if was == now {
                    continue;
                }
                assert!(now.is_empty(), "{}: {was}", path.display());
                assert!(
                    commented,
                    "{} lost a line that is not a comment: {was}",
                    path.display()
                );
                blanked += 1;
            }
        }
        assert!(blanked > 100, "only {blanked} comment lines found in web/");
    }
}
