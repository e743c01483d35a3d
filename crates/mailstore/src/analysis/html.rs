//! The text of an HTML part, for SEARCH BODY and TEXT: tags go, the
//! content of `<script>` and `<style>` goes, character references are
//! decoded, and a block boundary (`<p>`, `<br>`, `<td>` …) becomes a line
//! break so that words in neighbouring cells do not run together.
//!
//! This is deliberately small. A search needs the words a reader sees, not
//! a rendering, and mail-parser's converter carries the full table of 2,000
//! named references, which cost the page 18 KB of its download (brotli).
//! Named references outside the short list below are kept as written.

/// Tags after which the text starts a new line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "title",
    "tr",
    "ul",
];

/// The named references mail is full of; the rest stay as written.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
    ("pound", '£'),
    ("deg", '°'),
    ("times", '×'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("agrave", 'à'),
    ("aacute", 'á'),
    ("ccedil", 'ç'),
    ("ouml", 'ö'),
    ("auml", 'ä'),
    ("uuml", 'ü'),
    ("szlig", 'ß'),
];

/// The words of an HTML document, one line per block.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        let (text, from) = rest.split_at(at);
        push_text(&mut out, text);
        if from.starts_with('&') {
            let (c, used) = reference(from);
            match c {
                Some(c) => push_text(&mut out, c.encode_utf8(&mut [0; 4])),
                None => out.push('&'),
            }
            rest = from.get(used..).unwrap_or_default();
        } else {
            rest = tag(&mut out, from);
        }
    }
    push_text(&mut out, rest);
    out.trim_end().to_owned()
}

/// Appends text with each run of white space made one space (a line break
/// already written stays the only separator).
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Starts a new line, dropping a space left at the end of the last one.
fn line_break(out: &mut String) {
    if out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// Handles the tag (or comment) at the start of `from`, which begins with
/// `<`; returns what follows it.
fn tag<'a>(out: &mut String, from: &'a str) -> &'a str {
    let after = from.get(1..).unwrap_or_default();
    if let Some(comment) = after.strip_prefix("!--") {
        return comment
            .find("-->")
            .map_or("", |e| comment.get(e + 3..).unwrap_or_default());
    }
    // A `<` that does not start a tag (`a < b`) is text.
    if !after.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?') {
        out.push('<');
        return after;
    }
    let Some(end) = after.find('>') else {
        return "";
    };
    let inside = after.get(..end).unwrap_or_default();
    let rest = after.get(end + 1..).unwrap_or_default();
    let closing = inside.starts_with('/');
    let name: String = inside
        .trim_start_matches('/')
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if BLOCKS.contains(&name.as_str()) {
        line_break(out);
    }
    if !closing && (name == "script" || name == "style") {
        // Skip to the matching end tag, whatever its case.
        let lower = rest.to_ascii_lowercase();
        let end_tag = format!("</{name}");
        return match lower.find(&end_tag) {
            Some(e) => {
                let tail = rest.get(e..).unwrap_or_default();
                tail.find('>')
                    .map_or("", |g| tail.get(g + 1..).unwrap_or_default())
            }
            None => "",
        };
    }
    rest
}

/// Decodes the character reference at the start of `from` (which begins
/// with `&`): the character, if it is one, and the bytes it used.
fn reference(from: &str) -> (Option<char>, usize) {
    let body = from.get(1..).unwrap_or_default();
    let Some(semi) = body.get(..body.len().min(12)).and_then(|b| b.find(';')) else {
        return (None, 1);
    };
    let name = body.get(..semi).unwrap_or_default();
    let c = if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        value.and_then(char::from_u32)
    } else {
        NAMED.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    };
    match c {
        Some(c) => (Some(c), semi + 2),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::html_to_text;

    #[test]
    fn tags_go_and_blocks_break_lines() {
        assert_eq!(
            html_to_text(
                "<html><body><p>Dear Alice,</p>\n<p>The party is on <b>Satur</b>day.<br>Bring a riddle.</p></body></html>"
            ),
            "Dear Alice,\nThe party is on Saturday.\nBring a riddle."
        );
        assert_eq!(
            html_to_text("<table><tr><td>5 April</td><td>Pruning roses</td></tr></table>"),
            "5 April\nPruning roses"
        );
    }

    #[test]
    fn references_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            html_to_text(
                "Tom &amp; Jerry &lt;3 caf&eacute; &#233;&#xE9; 10&nbsp;&euro; &bogus; AT&T"
            ),
            "Tom & Jerry <3 café éé 10 € &bogus; AT&T"
        );
        // A decoded `&lt;` is text, not the start of a tag.
        assert_eq!(html_to_text("&lt;b&gt;bold&lt;/b&gt;"), "<b>bold</b>");
    }

    #[test]
    fn scripts_styles_and_comments_are_not_text() {
        assert_eq!(
            html_to_text(
                "<style>p { color: red }</style><p>seen</p><SCRIPT>var hidden = 1;</Script><!-- a note -->after"
            ),
            "seen\nafter"
        );
    }

    #[test]
    fn broken_html_loses_no_text_and_never_panics() {
        assert_eq!(html_to_text("a < b and c > d"), "a < b and c > d");
        assert_eq!(html_to_text("text <b unterminated"), "text");
        assert_eq!(html_to_text("<!-- open comment"), "");
        assert_eq!(html_to_text("&#xFFFFFFFF; &#; &"), "&#xFFFFFFFF; &#; &");
        for s in ["<", "&", "<script>", "<p", "&#x", "é<é>é&é;"] {
            let _ = html_to_text(s);
        }
    }
}
