//! Markdown to HTML: comrak, sanitizing, heading ids and the table of contents, `@/` links,
//! shortcodes and `<!-- more -->` summaries.
//!
//! Raw HTML in a case file is cleaned with ammonia: whoever wrote the file, no script, event
//! handler, frame or `javascript:`/`data:` URL reaches a reader.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{Ast, AstNode, LineColumn, NodeValue, Sourcepos};
use comrak::options::Plugins;
use comrak::{Arena, Options};

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::front_matter::AnchorLinks;
use crate::load::MarkdownFile;
use crate::model::{Heading, Rendered};
use crate::nesting::{self, MAX_BODY_DEPTH};
use crate::shortcodes::{self, Piece};

/// What a shortcode renders to.
pub enum ShortcodeOutput {
    /// HTML, inserted after sanitizing.
    Html(String),
    /// Markdown, inserted into the text before it is parsed.
    Markdown(String),
}

/// Renders shortcodes; implemented by the template stage.
pub trait ShortcodeRenderer: Sync {
    /// `Ok(None)` when no template of that name exists.
    fn render(
        &self,
        call: &shortcodes::Call,
        nth: usize,
        lang: &str,
    ) -> Result<Option<ShortcodeOutput>, String>;

    /// As [`ShortcodeRenderer::render`], for a shortcode in a page that templates see as
    /// `page` (Zola gives shortcodes the page they are in, without its body).
    fn render_in(
        &self,
        call: &shortcodes::Call,
        nth: usize,
        lang: &str,
        _page: Option<&serde_json::Value>,
    ) -> Result<Option<ShortcodeOutput>, String> {
        self.render(call, nth, lang)
    }
}

/// Resolves `@/file.md#anchor` links to permalinks; implemented by the model.
pub trait LinkResolver: Sync {
    fn resolve(&self, file: &str, lang: &str) -> Option<String>;
}

/// Settings shared by every page of a build.
pub struct MarkdownRenderer {
    /// Raw HTML passes through, to be cleaned by the sanitizer.
    options: Options<'static>,
    /// Raw HTML and unsafe URLs are dropped by comrak itself.
    safe_options: Options<'static>,
    sanitizer: ammonia::Builder<'static>,
    base_url: String,
    external_rel: Option<String>,
    external_blank: bool,
}

const MORE_TOKEN: &str = "CASEBOOKMOREMARKERX";
const SHORTCODE_TOKEN: &str = "CASEBOOKSHORTCODEX";

impl MarkdownRenderer {
    pub fn new(config: &Config) -> Self {
        let mut options = Options::default();
        options.extension.table = true;
        options.extension.strikethrough = true;
        options.extension.autolink = true;
        options.extension.tasklist = true;
        options.extension.footnotes = true;
        options.parse.smart = config.markdown.smart_punctuation;
        let mut safe_options = options.clone();
        safe_options.render.r#unsafe = false;
        options.render.r#unsafe = true;

        let mut sanitizer = ammonia::Builder::default();
        sanitizer
            .link_rel(None)
            .add_generic_attributes(["id", "class", "title", "lang", "dir"])
            .add_tags(["input", "section", "figure", "figcaption", "mark", "aside"])
            .add_tag_attributes("a", ["aria-label", "aria-hidden", "target", "rel"])
            .add_tag_attributes("img", ["loading", "width", "height"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("td", ["align", "colspan", "rowspan"])
            .add_tag_attributes("th", ["align", "colspan", "rowspan", "scope"]);

        let mut rel = Vec::new();
        if config.markdown.external_links_target_blank {
            rel.push("noopener");
        }
        if config.markdown.external_links_no_follow {
            rel.push("nofollow");
        }
        if config.markdown.external_links_no_referrer {
            rel.push("noreferrer");
        }
        MarkdownRenderer {
            options,
            safe_options,
            sanitizer,
            base_url: config.base().to_string(),
            external_rel: (!rel.is_empty()).then(|| rel.join(" ")),
            external_blank: config.markdown.external_links_target_blank,
        }
    }

    /// Renders a page or section body.
    pub fn render_page(
        &self,
        file: &MarkdownFile,
        lang: &str,
        permalink: &str,
        anchors: AnchorLinks,
        links: &dyn LinkResolver,
        shortcodes: &dyn ShortcodeRenderer,
    ) -> (Rendered, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        // Decompressed once for the whole body.
        let source = file.source.text();
        let body = source.get(file.body_start..).unwrap_or_default();
        let body_offset = file.body_start;
        let line_offset = crate::diagnostics::line_col(&source, file.body_start).0 - 1;

        // Shortcodes first (as Zola does), keeping the line count of the text unchanged so that
        // errors found later point at the right line.
        let mut html_parts: Vec<String> = Vec::new();
        let mut text = String::with_capacity(body.len() + 64);
        match shortcodes::split(body) {
            Ok(pieces) => {
                let mut counts: HashMap<String, usize> = HashMap::new();
                for piece in pieces {
                    match piece {
                        Piece::Text(t) => text.push_str(&t),
                        Piece::Call(call) => {
                            let nth = {
                                let n = counts.entry(call.name.clone()).or_insert(0);
                                *n += 1;
                                *n
                            };
                            let span = body_offset + call.range.start..body_offset + call.range.end;
                            let newlines = body[call.range.clone()].matches('\n').count();
                            match shortcodes.render(&call, nth, lang) {
                                Ok(Some(ShortcodeOutput::Html(html))) => {
                                    text.push_str(&format!("{SHORTCODE_TOKEN}{}X", html_parts.len()));
                                    html_parts.push(html);
                                }
                                Ok(Some(ShortcodeOutput::Markdown(md))) => text.push_str(&md),
                                Ok(None) => diags.push(
                                    Diagnostic::error(format!("unknown shortcode `{}`", call.name))
                                        .at(&file.source, span)
                                        .with_hint(format!(
                                            "add templates/shortcodes/{}.html, or write {{{{/* … */}}}} to show the braces as text",
                                            call.name
                                        )),
                                ),
                                Err(e) => diags.push(
                                    Diagnostic::error(format!("shortcode `{}` failed: {e}", call.name))
                                        .at(&file.source, span),
                                ),
                            }
                            for _ in 0..newlines {
                                text.push('\n');
                            }
                        }
                    }
                }
            }
            Err(e) => {
                diags.push(Diagnostic::error(e.message).at(
                    &file.source,
                    body_offset + e.offset..body_offset + e.offset + 2,
                ));
                text.push_str(body);
            }
        }

        // Zola's `## Title {#custom-id}`: remember the id, drop the braces from the text.
        let custom_ids = take_custom_heading_ids(&mut text);

        let arena = Arena::new();
        let root = comrak::parse_document(&arena, &text, &self.options);
        if let Some(start) = nesting::too_deep_markdown(root) {
            diags.push(
                Diagnostic::error(format!(
                    "Markdown nested more than {MAX_BODY_DEPTH} levels deep"
                ))
                .at(&file.source, position(file, start, line_offset))
                .with_hint(TOO_DEEP_HINT),
            );
            return (Rendered::default(), diags);
        }
        let has_more = mark_summary(&arena, root);
        // Most case files have no raw HTML and only web links: comrak's own escaping makes those
        // safe, and the sanitizer (an HTML parse and serialization per page) is skipped.
        let mut needs_sanitizer = false;
        for node in root.descendants() {
            let mut data = node.data.borrow_mut();
            let sourcepos = data.sourcepos;
            if matches!(
                data.value,
                NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_)
            ) {
                needs_sanitizer = true;
            }
            if let NodeValue::Link(link) | NodeValue::Image(link) = &mut data.value {
                if !is_plain_url(&link.url) {
                    needs_sanitizer = true;
                }
                if let Some(target) = link.url.strip_prefix("@/") {
                    let (file_part, anchor) = match target.split_once('#') {
                        Some((f, a)) => (f, Some(a)),
                        None => (target, None),
                    };
                    match links.resolve(file_part, lang) {
                        Some(permalink) => {
                            link.url = match anchor {
                                Some(a) => format!("{permalink}#{a}"),
                                None => permalink,
                            };
                        }
                        None => {
                            diags.push(link_error(file, &link.url, sourcepos, line_offset));
                        }
                    }
                }
            }
        }

        let headings = HeadingIds::new(anchors, custom_ids);
        let mut plugins = Plugins::default();
        plugins.render.heading_adapter = Some(&headings);
        let mut html = String::with_capacity(text.len() * 3 / 2);
        let options = if needs_sanitizer {
            &self.options
        } else {
            &self.safe_options
        };
        if let Err(e) = comrak::format_html_with_plugins(root, options, &mut html, &plugins) {
            diags.push(
                Diagnostic::error(format!("cannot render Markdown: {e}"))
                    .in_file(&file.source.name),
            );
        }
        if needs_sanitizer {
            // Raw HTML nests as deep as it likes inside one Markdown block. It is measured as
            // written first, since the sanitizer's parser takes quadratic time over deep
            // nesting, and as the sanitizer wrote it, since its repairs can nest deeper.
            let (too_deep, first) = too_deep_raw_html(root);
            if too_deep.is_none() {
                html = self.sanitizer.clean(&html).to_string();
            }
            if too_deep.is_some() || nesting::html_depth(&html) > MAX_BODY_DEPTH {
                let start = too_deep
                    .or(first)
                    .unwrap_or(LineColumn { line: 1, column: 1 });
                diags.push(
                    Diagnostic::error(format!(
                        "HTML nested more than {MAX_BODY_DEPTH} levels deep"
                    ))
                    .at(&file.source, position(file, start, line_offset))
                    .with_hint(TOO_DEEP_HINT),
                );
                return (Rendered::default(), diags);
            }
        }
        html = self.mark_external_links(html);
        for (i, part) in html_parts.iter().enumerate() {
            let token = format!("{SHORTCODE_TOKEN}{i}X");
            let paragraph = format!("<p>{token}</p>");
            if html.contains(&paragraph) {
                html = html.replacen(&paragraph, part, 1);
            } else {
                html = html.replacen(&token, part, 1);
            }
        }

        let mut summary = None;
        if has_more {
            let paragraph = format!("<p>{MORE_TOKEN}</p>");
            if let Some(pos) = html.find(&paragraph) {
                summary = Some(html[..pos].to_string());
                html = format!(
                    "{}<span id=\"continue-reading\"></span>{}",
                    &html[..pos],
                    &html[pos + paragraph.len()..]
                );
            } else {
                html = html.replace(MORE_TOKEN, "");
            }
        }

        let toc = build_toc(headings.take(), permalink);
        (
            Rendered {
                content: html,
                summary,
                toc,
            },
            diags,
        )
    }

    /// The `markdown` template filter: no shortcodes, no `@/` links, sanitized.
    pub fn render_inline(&self, text: &str, inline: bool) -> String {
        let html = comrak::markdown_to_html(text, &self.options);
        let clean = self.sanitizer.clean(&html).to_string();
        if inline {
            let trimmed = clean.trim();
            if let Some(inner) = trimmed
                .strip_prefix("<p>")
                .and_then(|s| s.strip_suffix("</p>"))
            {
                if !inner.contains("<p>") {
                    return inner.to_string();
                }
            }
            trimmed.to_string()
        } else {
            clean
        }
    }

    /// Adds `target`/`rel` to links that leave the site, as `[markdown]` asks.
    fn mark_external_links(&self, html: String) -> String {
        if self.external_rel.is_none() && !self.external_blank {
            return html;
        }
        let base = self.base_url.clone();
        let rel = self.external_rel.clone();
        let blank = self.external_blank;
        let handler = lol_html::element!("a[href]", move |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            let external = (href.starts_with("http://") || href.starts_with("https://"))
                && !(href == base || href.starts_with(&format!("{base}/")));
            if external {
                if blank {
                    el.set_attribute("target", "_blank")?;
                }
                if let Some(rel) = &rel {
                    el.set_attribute("rel", rel)?;
                }
            }
            Ok(())
        });
        let settings = lol_html::RewriteStrSettings {
            element_content_handlers: vec![handler],
            ..lol_html::RewriteStrSettings::new()
        };
        lol_html::rewrite_str(&html, settings).unwrap_or(html)
    }
}

/// A link target that needs no sanitizing: relative, a fragment, or http(s)/mailto/tel.
fn is_plain_url(url: &str) -> bool {
    let scheme_end = url.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if url[i..].starts_with(':') => {
            let scheme = url[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
        // No scheme: relative (control characters could hide one, so refuse those).
        _ => !url.chars().any(|c| c.is_control() || c.is_whitespace()),
    }
}

/// Puts a paragraph holding [`MORE_TOKEN`] where the first `<!-- more -->` stands; returns
/// whether there was one.
///
/// As in Zola, only an HTML comment counts: `<!-- more -->` in a code block or in inline code
/// is text and stays as written. The marker must stand between top-level blocks or inside a
/// top-level paragraph (which it splits in two), so that the summary before it is whole HTML.
fn mark_summary<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>) -> bool {
    let marker = root.descendants().find(|node| {
        let parent_is = |value: fn(&NodeValue) -> bool| {
            node.parent().is_some_and(|p| value(&p.data.borrow().value))
        };
        match &node.data.borrow().value {
            NodeValue::HtmlBlock(block) => {
                is_more_marker(&block.literal) && parent_is(|v| matches!(v, NodeValue::Document))
            }
            NodeValue::HtmlInline(html) => {
                is_more_marker(html)
                    && parent_is(|v| matches!(v, NodeValue::Paragraph))
                    && node
                        .parent()
                        .and_then(|p| p.parent())
                        .is_some_and(|g| matches!(g.data.borrow().value, NodeValue::Document))
            }
            _ => false,
        }
    });
    let Some(marker) = marker else {
        return false;
    };
    let start = marker.data.borrow().sourcepos.start;
    let new_node = |value| arena.alloc(AstNode::from(Ast::new(value, start)));
    let paragraph = new_node(NodeValue::Paragraph);
    paragraph.append(new_node(NodeValue::Text(MORE_TOKEN.into())));
    let is_block = matches!(marker.data.borrow().value, NodeValue::HtmlBlock(_));
    match marker.parent() {
        Some(parent) if !is_block => {
            let rest = new_node(NodeValue::Paragraph);
            while let Some(next) = marker.next_sibling() {
                rest.append(next);
            }
            parent.insert_after(paragraph);
            if rest.first_child().is_some() {
                paragraph.insert_after(rest);
            }
            if parent
                .first_child()
                .is_some_and(|first| first.same_node(marker))
            {
                parent.detach();
            }
        }
        _ => marker.insert_after(paragraph),
    }
    marker.detach();
    true
}

/// `<!-- more -->`, in any case and spacing, as Zola reads it.
fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|inner| inner.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim().eq_ignore_ascii_case("more"))
}

const TOO_DEEP_HINT: &str = "a page nests a few levels; this is usually a stray run of `>`, \
     list markers or unclosed tags. Deeper nesting would exhaust the stack of the HTML stages";

/// The byte offset in the file of a position in the rendered text.
fn position(file: &MarkdownFile, pos: LineColumn, line_offset: usize) -> std::ops::Range<usize> {
    let text = file.source.text();
    let line_start = crate::diagnostics::line_offset(&text, pos.line + line_offset);
    let line_len = text[line_start..]
        .find('\n')
        .unwrap_or(text.len() - line_start);
    let at = line_start + pos.column.saturating_sub(1).min(line_len);
    at..at
}

/// Where the raw HTML of a page, read piece after piece, first nests deeper than
/// [`MAX_BODY_DEPTH`]; and where its first piece is.
fn too_deep_raw_html<'a>(root: &'a AstNode<'a>) -> (Option<LineColumn>, Option<LineColumn>) {
    let mut nesting = nesting::HtmlNesting::default();
    let mut first = None;
    for node in root.descendants() {
        let data = node.data.borrow();
        let html = match &data.value {
            NodeValue::HtmlBlock(block) => block.literal.as_str(),
            NodeValue::HtmlInline(html) => html.as_str(),
            _ => continue,
        };
        first.get_or_insert(data.sourcepos.start);
        nesting.feed(html);
        if nesting.max > MAX_BODY_DEPTH {
            return (Some(data.sourcepos.start), first);
        }
    }
    (None, first)
}

fn link_error(file: &MarkdownFile, url: &str, pos: Sourcepos, line_offset: usize) -> Diagnostic {
    let line = pos.start.line + line_offset;
    // Point at the link target itself when it is on that line.
    let text = file.source.text();
    let line_start = crate::diagnostics::line_offset(&text, line);
    let line_text = text[line_start..].lines().next().unwrap_or("");
    let span = match line_text.find(url) {
        Some(i) => line_start + i..line_start + i + url.len(),
        None => line_start..line_start + line_text.len(),
    };
    Diagnostic::error(format!("internal link {url} points to no page or section"))
        .at(&file.source, span)
        .with_hint("an @/ link names a file below content/, e.g. @/prisoners/maks-bokayev.md")
}

/// Removes `{#id}` from the end of ATX heading lines; returns (heading text, id) in order.
fn take_custom_heading_ids(text: &mut String) -> Vec<(String, String)> {
    if !text.contains("{#") {
        return Vec::new();
    }
    let mut ids = Vec::new();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let is_heading =
            trimmed.starts_with('#') && trimmed.trim_start_matches('#').starts_with(' ');
        if is_heading && trimmed.ends_with('}') {
            if let Some(open) = trimmed.rfind("{#") {
                let id = &trimmed[open + 2..trimmed.len() - 1];
                if !id.is_empty()
                    && id
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                {
                    let heading = trimmed[..open].trim_end();
                    let content = heading.trim_start_matches('#').trim().to_string();
                    ids.push((content, id.to_string()));
                    out.push_str(heading);
                    out.push_str(&line[trimmed.len()..]);
                    continue;
                }
            }
        }
        out.push_str(line);
    }
    *text = out;
    ids
}

/// Gives headings Zola-style ids (`slug`, then `slug-1`, …) and remembers them for the toc.
struct HeadingIds {
    custom: Mutex<Vec<(String, String)>>,
    anchors: AnchorLinks,
    state: Mutex<Headings>,
    current: Mutex<Option<String>>,
}

/// The headings of one document so far: ids taken, and (level, id, text) for the toc.
#[derive(Default)]
struct Headings {
    ids: HashSet<String>,
    toc: Vec<(u32, String, String)>,
}

impl HeadingIds {
    fn new(anchors: AnchorLinks, custom: Vec<(String, String)>) -> Self {
        HeadingIds {
            custom: Mutex::new(custom),
            anchors,
            state: Mutex::new(Headings::default()),
            current: Mutex::new(None),
        }
    }

    fn take(&self) -> Vec<(u32, String, String)> {
        match self.state.lock() {
            Ok(mut s) => std::mem::take(&mut s.toc),
            Err(_) => Vec::new(),
        }
    }
}

impl HeadingAdapter for HeadingIds {
    fn enter(
        &self,
        output: &mut dyn std::fmt::Write,
        heading: &HeadingMeta,
        _sourcepos: Option<Sourcepos>,
    ) -> std::fmt::Result {
        let custom = self.custom.lock().ok().and_then(|mut list| {
            let pos = list
                .iter()
                .position(|(text, _)| text.trim() == heading.content.trim())?;
            Some(list.remove(pos).1)
        });
        let mut base = custom.unwrap_or_else(|| slug::slugify(&heading.content));
        if base.is_empty() {
            base = "section".into();
        }
        let id = {
            let mut state = self.state.lock().map_err(|_| std::fmt::Error)?;
            let mut id = base.clone();
            let mut n = 1;
            while state.ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            state.ids.insert(id.clone());
            state
                .toc
                .push((heading.level as u32, id.clone(), heading.content.clone()));
            id
        };
        write!(output, "<h{} id=\"{}\">", heading.level, id)?;
        match self.anchors {
            AnchorLinks::Left => write!(output, "{}", anchor_link(&id))?,
            AnchorLinks::Heading => write!(output, "<a class=\"zola-anchor\" href=\"#{id}\">")?,
            _ => {}
        }
        if let Ok(mut c) = self.current.lock() {
            *c = Some(id);
        }
        Ok(())
    }

    fn exit(&self, output: &mut dyn std::fmt::Write, heading: &HeadingMeta) -> std::fmt::Result {
        let id = self
            .current
            .lock()
            .ok()
            .and_then(|mut c| c.take())
            .unwrap_or_default();
        match self.anchors {
            AnchorLinks::Right => write!(output, "{}", anchor_link(&id))?,
            AnchorLinks::Heading => write!(output, "</a>")?,
            _ => {}
        }
        write!(output, "</h{}>", heading.level)
    }
}

fn anchor_link(id: &str) -> String {
    format!("<a class=\"zola-anchor\" href=\"#{id}\" aria-label=\"Anchor link for: {id}\">#</a>")
}

fn build_toc(flat: Vec<(u32, String, String)>, permalink: &str) -> Vec<Heading> {
    let mut roots: Vec<Heading> = Vec::new();
    for (level, id, title) in flat {
        let heading = Heading {
            level,
            permalink: format!("{permalink}#{id}"),
            id,
            title,
            children: Vec::new(),
        };
        insert_heading(&mut roots, heading);
    }
    roots
}

fn insert_heading(list: &mut Vec<Heading>, heading: Heading) {
    if let Some(last) = list.last_mut() {
        if heading.level > last.level {
            insert_heading(&mut last.children, heading);
            return;
        }
    }
    list.push(heading);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::load::split_front_matter;

    struct NoLinks;

    impl LinkResolver for NoLinks {
        fn resolve(&self, _file: &str, _lang: &str) -> Option<String> {
            None
        }
    }

    struct NoShortcodes;

    impl ShortcodeRenderer for NoShortcodes {
        fn render(
            &self,
            _call: &shortcodes::Call,
            _nth: usize,
            _lang: &str,
        ) -> Result<Option<ShortcodeOutput>, String> {
            Ok(None)
        }
    }

    /// Renders a body under three lines of front matter, so body line 1 is file line 4.
    fn render(body: &str) -> (Rendered, Vec<Diagnostic>) {
        let text = format!("+++\ntitle = \"t\"\n+++\n{body}");
        let (front_matter, body_start) = split_front_matter(&text).unwrap();
        let file = MarkdownFile {
            relative: "a.md".into(),
            source: SourceFile::new("content/a.md", text),
            front_matter,
            body_start,
        };
        MarkdownRenderer::new(&Config::default()).render_page(
            &file,
            "en",
            "https://example.org/a/",
            AnchorLinks::None,
            &NoLinks,
            &NoShortcodes,
        )
    }

    fn render_ok(body: &str) -> Rendered {
        let (rendered, diags) = render(body);
        assert!(diags.is_empty(), "{body:?}: {diags:?}");
        rendered
    }

    fn locations(diags: &[Diagnostic]) -> Vec<String> {
        diags.iter().filter_map(Diagnostic::location).collect()
    }

    #[test]
    fn more_marker_forms() {
        for marker in [
            "<!-- more -->",
            "<!--more-->",
            "<!-- MORE -->",
            "<!--\tmore  -->",
        ] {
            let r = render_ok(&format!("Intro ә 🙂\n\n{marker}\n\nRest ү\n"));
            assert_eq!(
                r.summary.as_deref(),
                Some("<p>Intro ә 🙂</p>\n"),
                "{marker}"
            );
            assert_eq!(
                r.content,
                "<p>Intro ә 🙂</p>\n<span id=\"continue-reading\"></span>\n<p>Rest ү</p>\n",
                "{marker}"
            );
        }
    }

    #[test]
    fn comments_that_are_not_the_marker() {
        // Each used to panic or be misread: `<!-->` and `<!--->` are whole comments whose
        // `-->` overlaps the `<!--`; the others never close or say something else.
        for body in [
            "a <!--> b\n",
            "a <!---> b\n",
            "<!---->\n\nb\n",
            "<!-->\n",
            "<!--->",
            "a\n\n<!--\n",
            "a <!--",
            "<!-- more\n\nb\n",
            "<!-- more",
            "<!-- moreover -->\n",
            "<!-- more --",
            "ә<!--ү-->🙂 <!-->",
        ] {
            let r = render_ok(body);
            assert_eq!(r.summary, None, "{body:?}");
            assert!(!r.content.contains(MORE_TOKEN), "{body:?}");
        }
    }

    #[test]
    fn comment_before_the_marker() {
        // The sanitizer drops the other comment, leaving its line break.
        let r = render_ok("<!-- draft note -->\n\nIntro\n\n<!-- more -->\n\nRest\n");
        assert_eq!(r.summary.as_deref(), Some("\n<p>Intro</p>\n"));
        let r = render_ok("Intro <!--> x\n\n<!-- more -->\n\nRest\n");
        assert_eq!(r.summary.as_deref(), Some("<p>Intro  x</p>\n"));
    }

    #[test]
    fn first_marker_only() {
        let r = render_ok("A\n\n<!-- more -->\n\nB\n\n<!-- more -->\n\nC\n");
        assert_eq!(r.summary.as_deref(), Some("<p>A</p>\n"));
        assert_eq!(r.content.matches("continue-reading").count(), 1);
        assert!(r.content.contains("<p>C</p>"));
    }

    #[test]
    fn marker_inside_a_paragraph_splits_it() {
        let r = render_ok("Intro <!-- more --> rest\n");
        assert_eq!(r.summary.as_deref(), Some("<p>Intro </p>\n"));
        assert!(r
            .content
            .ends_with("<span id=\"continue-reading\"></span>\n<p> rest</p>\n"));
        // At the start of a line it begins an HTML block, which holds more than the marker.
        let r = render_ok("<!-- more --> rest\n");
        assert_eq!(r.summary, None);
        assert_eq!(r.content, " rest\n");
    }

    #[test]
    fn marker_in_code_is_text() {
        // As in Zola, where the marker is found among HTML events and code is text.
        let r = render_ok("```\n<!-- more -->\n```\n\nText\n");
        assert_eq!(r.summary, None);
        assert!(r.content.contains("&lt;!-- more --&gt;"), "{}", r.content);
        let r = render_ok("Use `<!-- more -->` to cut.\n");
        assert_eq!(r.summary, None);
        assert!(r.content.contains("<code>&lt;!-- more --&gt;</code>"));
        let r = render_ok("```\n<!-- more -->\n```\n\n<!-- more -->\n\nRest\n");
        let summary = r.summary.unwrap();
        assert!(summary.contains("&lt;!-- more --&gt;"), "{summary}");
    }

    #[test]
    fn marker_inside_a_block_quote_is_no_cut() {
        // Cutting there would leave the summary with an open <blockquote>.
        let r = render_ok("> a\n>\n> <!-- more -->\n\nb\n");
        assert_eq!(r.summary, None);
        assert!(r.content.contains("<blockquote>"));
    }

    #[test]
    fn lines_after_the_marker_keep_their_numbers() {
        let (_, diags) = render("Intro\n\n<!-- more -->\n\n[x](@/missing.md)\n");
        assert_eq!(locations(&diags), ["content/a.md:8:5"]);
    }

    #[test]
    fn deep_markdown_is_an_error_at_its_line() {
        let (rendered, diags) = render(&format!("Fine.\n\n{} x\n", ">".repeat(20_000)));
        assert_eq!(rendered.content, "");
        assert_eq!(locations(&diags), ["content/a.md:6:101"]);
        assert!(diags[0].message.contains("nested more than 100 levels"));
        assert!(diags[0].hint.is_some());
        for body in [
            "> ".repeat(20_000),
            format!("{}x", "- ".repeat(20_000)),
            format!("{}x", "1. ".repeat(20_000)),
            format!("{}a{}", "*".repeat(20_000), "*".repeat(20_000)),
            format!("{}a{}", "![".repeat(20_000), "](u)".repeat(20_000)),
        ] {
            let (_, diags) = render(&body);
            assert_eq!(diags.len(), 1, "{}: {diags:?}", &body[..8]);
            assert!(locations(&diags)[0].starts_with("content/a.md:4:"));
        }
    }

    #[test]
    fn nesting_up_to_the_limit_renders() {
        // A paragraph inside 98 block quotes: its text is at level 100.
        let r = render_ok(&format!("{} x\n", ">".repeat(98)));
        assert_eq!(r.content.matches("<blockquote>").count(), 98);
        let (_, diags) = render(&format!("{} x\n", ">".repeat(99)));
        assert_eq!(diags.len(), 1);
    }

    #[test]
    fn deep_raw_html_is_an_error_at_its_line() {
        let (_, diags) = render(&format!("Fine.\n\n{}\n", "<div>".repeat(20_000)));
        assert_eq!(locations(&diags), ["content/a.md:6:1"]);
        assert!(diags[0]
            .message
            .contains("HTML nested more than 100 levels"));
        // One block per line, blank lines between: the 101st is where it gets too deep.
        let (_, diags) = render(&"<div>\n\n".repeat(200));
        assert_eq!(locations(&diags), ["content/a.md:204:1"]);
        // Unclosed paragraphs end one another, so they do not nest.
        render_ok(&format!("<div>{}</div>\n", "<p>x".repeat(500)));
    }
}
