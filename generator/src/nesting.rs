//! How deeply a page may nest, measured before the stages that would crash on deeper input.
//!
//! minify-html parses, minifies and frees HTML with one level of recursion per element, so a page
//! nesting 20,000 `<div>`s, or 20,000 block quotes written as a line of `>`, overflows the stack
//! of a render thread and aborts the whole build without a word. Rust cannot catch that, so the
//! depth is measured first, by loops, and too deep a page becomes an error naming it.

use std::borrow::Cow;

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, LineColumn};
use minify_html_common::gen::codepoints::{
    Lookup, NOT_UNQUOTED_ATTR_VAL_CHAR, TAG_NAME_CHAR, WHITESPACE, WHITESPACE_OR_SLASH,
    WHITESPACE_OR_SLASH_OR_EQUALS_OR_RIGHT_CHEVRON,
};
use minify_html_common::spec::tag::omission::{can_omit_as_before, can_omit_as_last_node};
use minify_html_common::spec::tag::void::VOID_TAGS;

/// How many levels of Markdown blocks and inlines, or of HTML elements, a page body may nest.
/// A top-level paragraph is at level 1, its text at level 2.
///
/// Case files nest a few levels (a link in emphasis in a list item: the deepest file in
/// content/ reaches five). A hundred leaves room for any hand-written structure while keeping a
/// body inside its templates well below [`MAX_HTML_DEPTH`]; deeper is a stray run of `>` or of
/// list markers, not content.
pub const MAX_BODY_DEPTH: usize = 100;

/// How many levels of elements a finished HTML page may nest when it is minified.
///
/// minify-html takes about 4 KiB of stack per level in a debug build (800 bytes in a release
/// build), so 256 levels use about 1 MiB of the 2 MiB a render thread has, leaving the rest
/// to the frames below it. The real site's deepest page nests 11 levels: a body at the limit
/// above inside its templates still fits.
pub const MAX_HTML_DEPTH: usize = 256;

/// The first node of a Markdown tree that has more than [`MAX_BODY_DEPTH`] ancestors below the
/// document, with where it starts in the text.
pub fn too_deep_markdown<'a>(root: &'a AstNode<'a>) -> Option<LineColumn> {
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            NodeEdge::Start(node) => {
                if depth > MAX_BODY_DEPTH {
                    return Some(node.data.borrow().sourcepos.start);
                }
                depth += 1;
            }
            NodeEdge::End(_) => depth = depth.saturating_sub(1),
        }
    }
    None
}

/// The deepest element nesting of an HTML text, as minify-html will nest it.
pub fn html_depth(html: &str) -> usize {
    let mut nesting = HtmlNesting::default();
    nesting.feed(html);
    nesting.max
}

/// Follows minify-html's parser (same character classes, same implied end tags from its
/// tables) over HTML given in pieces, keeping only the stack of open elements.
#[derive(Default)]
pub struct HtmlNesting {
    /// Open elements: lowercase name, and whether it is inside `<svg>` (where `<x/>` closes).
    open: Vec<(Vec<u8>, bool)>,
    /// The deepest the stack has been.
    pub max: usize,
    seen_html: bool,
    seen_head: bool,
    seen_head_close: bool,
    seen_body: bool,
}

impl HtmlNesting {
    /// Takes the next piece of the document; a tag cut off at the end of a piece ends there.
    pub fn feed(&mut self, html: &str) {
        let code = html.as_bytes();
        let mut i = 0;
        while let Some(lt) = find_byte(code, i, b'<') {
            let rest = &code[lt..];
            i = if rest.starts_with(b"<!--") {
                skip_past(code, lt + 4, b"-->")
            } else if rest.starts_with(b"<!") {
                skip_past(code, lt + 2, b">")
            } else if rest.starts_with(b"<?") {
                skip_past(code, lt + 2, b"?>")
            } else if rest.starts_with(b"</") {
                self.closing_tag(code, lt)
            } else if rest.get(1).is_some_and(|&c| is(TAG_NAME_CHAR, c)) {
                self.opening_tag(code, lt)
            } else {
                lt + 1
            };
        }
    }

    fn parent(&self) -> &[u8] {
        self.open
            .last()
            .map(|(name, _)| name.as_slice())
            .unwrap_or(b"")
    }

    fn grandparent(&self) -> &[u8] {
        let len = self.open.len();
        if len < 2 {
            return b"";
        }
        self.open
            .get(len - 2)
            .map(|(name, _)| name.as_slice())
            .unwrap_or(b"")
    }

    fn opening_tag(&mut self, code: &[u8], lt: usize) -> usize {
        let (name, after_name) = tag_name(code, lt + 1);
        // A start tag that implies the end of the open element (`<li>` after `<li>`, `<div>`
        // after `<p>`) closes it first, as often as it applies.
        while !self.open.is_empty() && can_omit_as_before(self.parent(), &name) {
            if self.parent() == b"head" {
                self.seen_head_close = true;
            }
            self.open.pop();
        }
        let (end, self_closing) = skip_attributes(code, after_name);
        let seen = match &*name {
            b"html" => Some(std::mem::replace(&mut self.seen_html, true)),
            b"head" => Some(std::mem::replace(&mut self.seen_head, true)),
            b"body" => Some(std::mem::replace(&mut self.seen_body, true)),
            _ => None,
        };
        if seen == Some(true) {
            return end;
        }
        let foreign = *name == *b"svg" || self.open.last().is_some_and(|(_, f)| *f);
        if (self_closing && foreign) || VOID_TAGS.contains(&*name) {
            return end;
        }
        let raw_end: Option<&[u8]> = match &*name {
            b"script" => Some(b"</script"),
            b"style" => Some(b"</style"),
            b"textarea" if !foreign => Some(b"</textarea"),
            b"title" if !foreign => Some(b"</title"),
            _ => None,
        };
        if let Some(raw_end) = raw_end {
            // Text up to the end tag, which is consumed with the element: no nesting inside.
            return match find_ignore_case(code, end, raw_end) {
                Some(close) => skip_attributes(code, tag_name(code, close + 2).1).0,
                None => code.len(),
            };
        }
        self.open.push((name.into_owned(), foreign));
        self.max = self.max.max(self.open.len());
        end
    }

    fn closing_tag(&mut self, code: &[u8], lt: usize) -> usize {
        let (name, after_name) = tag_name(code, lt + 2);
        if name.is_empty() {
            return skip_past(code, lt + 2, b">");
        }
        // `</ul>` after an open `<li>` closes both.
        while !self.open.is_empty()
            && self.grandparent() == &*name
            && can_omit_as_last_node(self.grandparent(), self.parent())
        {
            if self.parent() == b"head" {
                self.seen_head_close = true;
            }
            self.open.pop();
        }
        let matches = !VOID_TAGS.contains(&*name) && self.parent() == &*name;
        // A second `</head>` is dropped.
        if matches && !(*name == *b"head" && std::mem::replace(&mut self.seen_head_close, true)) {
            self.open.pop();
        }
        skip_attributes(code, after_name).0
    }
}

fn is(lookup: &Lookup, c: u8) -> bool {
    lookup[c]
}

fn find_byte(code: &[u8], from: usize, byte: u8) -> Option<usize> {
    code.get(from..)?
        .iter()
        .position(|&c| c == byte)
        .map(|p| from + p)
}

/// The index just past `needle` found from `from`, or the end of the text.
fn skip_past(code: &[u8], from: usize, needle: &[u8]) -> usize {
    code.get(from..)
        .and_then(|rest| rest.windows(needle.len()).position(|w| w == needle))
        .map(|p| from + p + needle.len())
        .unwrap_or(code.len())
}

fn find_ignore_case(code: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    code.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// The lowercase tag name starting at `from`, and where it ends.
fn tag_name(code: &[u8], from: usize) -> (Cow<'_, [u8]>, usize) {
    let end = skip_while(code, from, TAG_NAME_CHAR);
    let name = code.get(from..end).unwrap_or_default();
    if name.iter().any(u8::is_ascii_uppercase) {
        (Cow::Owned(name.to_ascii_lowercase()), end)
    } else {
        (Cow::Borrowed(name), end)
    }
}

fn skip_while(code: &[u8], mut i: usize, lookup: &Lookup) -> usize {
    while code.get(i).is_some_and(|&c| is(lookup, c)) {
        i += 1;
    }
    i
}

/// Skips the attributes of a tag and its `>`, as minify-html reads them (a quoted value may
/// hold `>`); returns where the tag ends and whether it closed with `/>`.
fn skip_attributes(code: &[u8], mut i: usize) -> (usize, bool) {
    loop {
        let start = i;
        i = skip_while(code, i, WHITESPACE_OR_SLASH);
        let last = if i > start { code.get(i - 1) } else { None };
        match code.get(i) {
            None => return (i, last == Some(&b'/')),
            Some(b'>') => return (i + 1, last == Some(&b'/')),
            Some(_) => {}
        }
        // The name: its first character may be `=`.
        i += 1;
        while code
            .get(i)
            .is_some_and(|&c| !is(WHITESPACE_OR_SLASH_OR_EQUALS_OR_RIGHT_CHEVRON, c))
        {
            i += 1;
        }
        i = skip_while(code, i, WHITESPACE);
        if code.get(i) != Some(&b'=') {
            continue;
        }
        i = skip_while(code, i + 1, WHITESPACE);
        match code.get(i) {
            Some(&quote) if quote == b'"' || quote == b'\'' => {
                i = find_byte(code, i + 1, quote)
                    .map(|q| q + 1)
                    .unwrap_or(code.len());
            }
            _ => {
                while code
                    .get(i)
                    .is_some_and(|&c| !is(NOT_UNQUOTED_ATTR_VAL_CHAR, c))
                {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_element_nesting() {
        assert_eq!(html_depth(""), 0);
        assert_eq!(html_depth("text"), 0);
        assert_eq!(html_depth("<div><p>a</p><p>b</p></div>"), 2);
        assert_eq!(html_depth("<br><img src=x><hr/>"), 0);
        assert_eq!(html_depth(&"<div>".repeat(300)), 300);
        assert_eq!(html_depth(&"<div></div>".repeat(300)), 1);
    }

    #[test]
    fn implied_end_tags_do_not_nest() {
        // Each `<li>` and `<p>` closes the one before, as in minify-html and in browsers.
        assert_eq!(html_depth(&format!("<ul>{}</ul>", "<li>x".repeat(600))), 2);
        assert_eq!(html_depth(&"<p>x".repeat(600)), 1);
        assert_eq!(html_depth(&"<ul><li>x</ul>".repeat(600)), 2);
        // minify-html ends a cell at the next cell but not at the next row, so that row nests.
        assert_eq!(html_depth("<table><tr><td>a<td>b</td><tr><td>c</table>"), 3);
        assert_eq!(html_depth("<table><tr><td>a<td>b<tr><td>c</table>"), 5);
    }

    #[test]
    fn mismatched_end_tags_are_ignored() {
        // minify-html drops an end tag that does not close the open element, so the spans nest.
        assert_eq!(html_depth(&"<div><span></div>".repeat(100)), 200);
    }

    #[test]
    fn text_that_looks_like_tags() {
        assert_eq!(html_depth("<!-- <div><div> -->"), 0);
        assert_eq!(html_depth("<script>if (a <b) { x = '<div>' }</script>"), 0);
        assert_eq!(
            html_depth("<style>a::before { content: '<p>' }</STYLE><i>"),
            1
        );
        assert_eq!(html_depth("<textarea><div><div></textarea>"), 0);
        assert_eq!(html_depth(r#"<a title="<div> >">x</a>"#), 1);
        assert_eq!(html_depth("a < b </ > c"), 0);
        // minify-html reads `<3` as an element named `3`, so it nests.
        assert_eq!(html_depth("I <3 it"), 1);
        assert_eq!(html_depth("<!DOCTYPE html><html><body><main>"), 3);
    }

    #[test]
    fn self_closing_only_counts_inside_svg() {
        assert_eq!(html_depth("<svg><path/><path/></svg>"), 1);
        assert_eq!(html_depth(&"<div/>".repeat(10)), 10);
    }

    #[test]
    fn duplicate_document_tags_are_ignored() {
        assert_eq!(html_depth(&"<html><body>".repeat(50)), 2);
    }

    /// The limit holds where it matters: minify-html at [`MAX_HTML_DEPTH`] on a thread with a
    /// render thread's 2 MiB of stack, in a debug build, which needs the most. (An overflow
    /// aborts the test run.)
    #[test]
    fn minify_html_fits_a_render_thread_at_the_limit() {
        let config = crate::config::Config {
            minify_html: true,
            ..Default::default()
        };
        let nested = |depth: usize| {
            format!(
                "<main>{}x{}</main>",
                "<div class=\"a\">".repeat(depth - 1),
                "</div>".repeat(depth - 1)
            )
        };
        let html = nested(MAX_HTML_DEPTH);
        assert_eq!(html_depth(&html), MAX_HTML_DEPTH);
        let minified = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || crate::output::finish_html(&html, "/a/", &config))
            .unwrap()
            .join()
            .unwrap()
            .unwrap();
        assert!(minified.starts_with(b"<main><div class=a>"));

        let config = crate::config::Config {
            minify_html: true,
            ..Default::default()
        };
        let refused = crate::output::finish_html(&nested(MAX_HTML_DEPTH + 1), "/a/", &config);
        assert_eq!(
            refused.unwrap_err(),
            "its HTML nests 257 elements deep, more than the 256 a page may have"
        );
    }

    #[test]
    fn cut_off_input() {
        assert_eq!(html_depth("<div><a href=\"x"), 2);
        assert_eq!(html_depth("<div><!-- never closed <div>"), 1);
        assert_eq!(html_depth("<script>"), 0);
        assert_eq!(html_depth("<"), 0);
        assert_eq!(html_depth("<ә><ү>"), 0);
    }
}
