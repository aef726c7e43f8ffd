//! Tera setup with Zola's template names, functions and filters.

pub mod context;
mod filters;
pub mod functions;

use std::collections::BTreeMap;
use std::error::Error as _;
use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use crate::load::TemplateFile;
use crate::markdown::{MarkdownRenderer, ShortcodeOutput, ShortcodeRenderer};
use crate::shortcodes::Call;
pub use functions::{DataCell, Files, RenderData};

/// Templates every site has, unless it overrides them (Zola's built-in names).
const BUILTINS: &[(&str, &str)] = &[
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("rss.xml", include_str!("builtin/rss.xml")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("404.html", include_str!("builtin/404.html")),
    ("internal/alias.html", include_str!("builtin/alias.html")),
];

/// The loaded templates, ready to render from many threads.
pub struct Templates {
    pub tera: tera::Tera,
    /// Template names whose text, or the text of a template they extend, include or import,
    /// mentions `content`. Lists of pages given to other templates leave page bodies out:
    /// copying every body into every term and pager page was most of a large build's work.
    uses_content: std::collections::BTreeSet<String>,
    /// The same for `.pages`: the terms listed by `taxonomy_list.html` carry their pages only
    /// when the template reads them (`page_count` is always there).
    uses_pages: std::collections::BTreeSet<String>,
    /// Every word in the text of a template and the templates it pulls in, or none when the
    /// template may read fields by computed names. Pages in the lists a template gets carry
    /// only the fields named there: a field never named cannot be read.
    words: BTreeMap<String, Option<Arc<std::collections::BTreeSet<String>>>>,
    /// Each template with every template it extends, includes or imports: what a job that
    /// renders it has read.
    chains: BTreeMap<String, Vec<String>>,
    pub data: DataCell,
    /// The same templates for shortcodes, with functions that cannot read the site: a body is
    /// rendered while other jobs read the site, and a shortcode calling `get_page` on a page
    /// whose body calls it back would never finish.
    shortcodes: Arc<ShortcodeTemplates>,
    sources: BTreeMap<String, SourceFile>,
}

impl Templates {
    pub fn load(
        files: &[TemplateFile],
        config: &Config,
        markdown: Arc<MarkdownRenderer>,
        function_files: Files,
    ) -> Result<Self, Diagnostics> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        let mut all: BTreeMap<String, String> = BTreeMap::new();
        let mut sources = BTreeMap::new();
        for (name, text) in BUILTINS {
            all.insert((*name).to_string(), (*text).to_string());
        }
        // Theme first, site second: later entries override earlier ones of the same name.
        for file in files {
            all.insert(file.name.clone(), file.source.text().into_owned());
            sources.insert(file.name.clone(), file.source.clone());
        }
        let mut diags = Diagnostics::default();
        // Parse each template alone first, to point at the file and line of a syntax error.
        for (name, text) in &all {
            let mut single = tera::Tera::default();
            if let Err(e) = single.add_raw_template(name, text) {
                if is_parse_error(&e) {
                    diags.push(template_error(&e, name, &sources));
                }
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        if let Err(e) = tera.add_raw_templates(all.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            return Err(
                template_error(&e, &failed_template(&e).unwrap_or_default(), &sources).into(),
            );
        }
        let data = DataCell::default();
        filters::register(&mut tera, markdown, &config.default_language);
        let mut shortcode_tera = tera.clone();
        functions::register(&mut tera, config, data.clone(), function_files.clone());
        functions::register(
            &mut shortcode_tera,
            config,
            DataCell::default(),
            function_files,
        );
        let config_value = serde_json::to_value(config).unwrap_or_default();
        let shortcodes = Arc::new(ShortcodeTemplates {
            tera: shortcode_tera,
            config_value,
        });
        let chains = all
            .keys()
            .map(|name| (name.clone(), chain_names(name, &all)))
            .collect();
        let uses_content = all
            .keys()
            .filter(|name| mentions(name, &all, &reads_page_body, &mut Vec::new()))
            .cloned()
            .collect();
        let uses_pages = all
            .keys()
            .filter(|name| {
                mentions(
                    name,
                    &all,
                    &|t: &str| reads_field(t, "pages"),
                    &mut Vec::new(),
                )
            })
            .cloned()
            .collect();
        let words = all
            .keys()
            .map(|name| (name.clone(), chain_words(name, &all).map(Arc::new)))
            .collect();
        Ok(Templates {
            words,
            chains,
            tera,
            uses_content,
            uses_pages,
            data,
            shortcodes,
            sources,
        })
    }

    /// Whether rendering `name` may read a page's `content` or `toc`.
    pub fn uses_content(&self, name: &str) -> bool {
        self.uses_content.contains(name)
    }

    /// The templates whose chain may read page bodies.
    pub fn content_readers(&self) -> impl Iterator<Item = &str> {
        self.uses_content.iter().map(String::as_str)
    }

    /// How pages in the lists given to template `name` are shaped.
    pub fn list_form(&self, name: &str) -> context::ListForm {
        context::ListForm {
            content: self.uses_content(name),
            fields: self.words.get(name).cloned().flatten(),
        }
    }

    /// `name` and every template it pulls in.
    pub fn chain(&self, name: &str) -> &[String] {
        self.chains.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// What renders shortcodes in page bodies.
    pub fn shortcodes(&self) -> Arc<ShortcodeTemplates> {
        self.shortcodes.clone()
    }

    /// Whether rendering `name` may read `.pages` of a value.
    pub fn uses_pages(&self, name: &str) -> bool {
        self.uses_pages.contains(name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// Renders a template, turning Tera's error chain into one diagnostic.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, name, &self.sources))
    }
}

/// Tera for shortcodes: the site's templates, with functions that cannot read the site.
pub struct ShortcodeTemplates {
    tera: tera::Tera,
    config_value: serde_json::Value,
}

impl ShortcodeTemplates {
    fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}

impl ShortcodeRenderer for ShortcodeTemplates {
    fn render(
        &self,
        call: &Call,
        nth: usize,
        lang: &str,
    ) -> Result<Option<ShortcodeOutput>, String> {
        self.render_in(call, nth, lang, None)
    }

    fn render_in(
        &self,
        call: &Call,
        nth: usize,
        lang: &str,
        page: Option<&serde_json::Value>,
    ) -> Result<Option<ShortcodeOutput>, String> {
        let html = format!("shortcodes/{}.html", call.name);
        let md = format!("shortcodes/{}.md", call.name);
        let (name, is_html) = if self.has(&html) {
            (html, true)
        } else if self.has(&md) {
            (md, false)
        } else {
            return Ok(None);
        };
        let mut context = tera::Context::new();
        for (k, v) in &call.args {
            context.insert(k.as_str(), v);
        }
        if let Some(body) = &call.body {
            context.insert("body", body);
        }
        context.insert("nth", &nth);
        context.insert("lang", lang);
        context.insert("config", &self.config_value);
        if let Some(page) = page {
            context.insert("page", page);
        }
        let out = self
            .tera
            .render(&name, &context)
            .map_err(|e| error_chain(&e))?;
        Ok(Some(if is_html {
            ShortcodeOutput::Html(out)
        } else {
            ShortcodeOutput::Markdown(out)
        }))
    }
}

/// The names of a template and of every template it extends, includes or imports, sorted.
fn chain_names(name: &str, all: &BTreeMap<String, String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut pending = vec![name.to_string()];
    while let Some(current) = pending.pop() {
        if !seen.insert(current.clone()) {
            continue;
        }
        if let Some(text) = all.get(&current) {
            pending.extend(referenced_templates(text).into_iter().map(str::to_string));
        }
    }
    seen.into_iter().collect()
}

/// Whether a template or any template it pulls in mentions `content` or `toc`; conservative:
/// a false "yes" costs time, never correctness.
fn mentions(
    name: &str,
    all: &BTreeMap<String, String>,
    reads: &dyn Fn(&str) -> bool,
    seen: &mut Vec<String>,
) -> bool {
    if seen.iter().any(|s| s == name) {
        return false;
    }
    seen.push(name.to_string());
    let Some(text) = all.get(name) else {
        // A dynamic or unknown name: assume the worst.
        return true;
    };
    if reads(text) {
        return true;
    }
    referenced_templates(text)
        .into_iter()
        .any(|other| mentions(other, all, reads, seen))
}

/// Names of the templates a template extends, includes or imports (quoted names only).
fn referenced_templates(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for keyword in ["extends", "include", "import"] {
        let mut rest = text;
        while let Some(pos) = rest.find(keyword) {
            rest = &rest[pos + keyword.len()..];
            let trimmed = rest.trim_start();
            let Some(quote) = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = trimmed[1..].find(quote) {
                names.push(&trimmed[1..1 + end]);
            }
        }
    }
    names
}

/// Whether template text may read a page's body: `.content`, `.toc`, `["content"]`, or a whole
/// value dumped with `json_encode` or `__tera_context`. `section.content` (the section's own
/// body) and `{% block content %}` do not count.
fn reads_page_body(text: &str) -> bool {
    if text.contains("json_encode") || text.contains("__tera_context") {
        return true;
    }
    for field in ["content", "toc"] {
        for quoted in [format!("\"{field}\""), format!("'{field}'")] {
            if text.contains(&quoted) {
                return true;
            }
        }
        let needle = format!(".{field}");
        for (pos, _) in text.match_indices(&needle) {
            let after = text[pos + needle.len()..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let before = &text[..pos];
            let owner_start = before
                .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                .map(|i| i + 1)
                .unwrap_or(0);
            if &before[owner_start..] != "section" {
                return true;
            }
        }
    }
    false
}

/// The words of a template and of every template it extends, includes or imports; `None` when
/// any of them reads fields by a computed name (`page[key]`) or dumps whole values.
fn chain_words(
    name: &str,
    all: &BTreeMap<String, String>,
) -> Option<std::collections::BTreeSet<String>> {
    let mut words = std::collections::BTreeSet::new();
    let mut pending = vec![name.to_string()];
    let mut seen = Vec::new();
    while let Some(current) = pending.pop() {
        if seen.contains(&current) {
            continue;
        }
        seen.push(current.clone());
        let text = all.get(&current)?;
        if text.contains("json_encode") || text.contains("__tera_context") {
            return None;
        }
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices('[') {
            let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
            if next.is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
                return None;
            }
        }
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if !word.is_empty() {
                words.insert(word.to_string());
            }
        }
        pending.extend(referenced_templates(text).into_iter().map(str::to_string));
    }
    Some(words)
}

/// Whether template text may read `field` of some value (`.field`, `["field"]`, or a dump).
fn reads_field(text: &str, field: &str) -> bool {
    if text.contains("json_encode") || text.contains("__tera_context") {
        return true;
    }
    if text.contains(&format!("\"{field}\"")) || text.contains(&format!("'{field}'")) {
        return true;
    }
    let needle = format!(".{field}");
    text.match_indices(&needle).any(|(pos, _)| {
        !text[pos + needle.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn is_parse_error(e: &tera::Error) -> bool {
    let chain = error_chain(e);
    chain.contains("Failed to parse") || chain.contains(" --> ")
}

fn failed_template(e: &tera::Error) -> Option<String> {
    let text = e.to_string();
    let start = text.find('\'')? + 1;
    let end = start + text[start..].find('\'')?;
    Some(text[start..end].to_string())
}

/// Every message of an error and its causes, joined.
pub fn error_chain(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.dedup();
    parts.join(": ")
}

fn template_error(
    e: &tera::Error,
    name: &str,
    sources: &BTreeMap<String, SourceFile>,
) -> Diagnostic {
    let chain = error_chain(e);
    // Pest's messages carry ` --> line:column`.
    let position = chain.find(" --> ").and_then(|i| {
        let rest = &chain[i + 5..];
        let end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == ':'))
            .unwrap_or(rest.len());
        let mut parts = rest[..end].split(':');
        let line: usize = parts.next()?.parse().ok()?;
        let col: usize = parts.next()?.parse().ok()?;
        Some((line, col))
    });
    let summary = chain
        .lines()
        .map(str::trim)
        .filter(|l| {
            !l.is_empty()
                && !l.starts_with('|')
                && !l.starts_with("-->")
                && !l
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ' ' || c == '|' || c == '^')
        })
        .collect::<Vec<_>>()
        .join(" ");
    let message = format!("template {name}: {summary}");
    match (sources.get(name), position) {
        (Some(source), Some((line, col))) => {
            Diagnostic::error(message).at_line(source, line, Some(col))
        }
        (Some(source), None) => Diagnostic::error(message).in_file(&source.name),
        (None, _) => Diagnostic::error(message),
    }
}

#[cfg(test)]
mod tests {
    use super::{reads_page_body, referenced_templates};

    #[test]
    fn finds_templates_pulled_in() {
        let text =
            r#"{% extends "base.html" %}{% import 'macros.html' as m %}{% include "nav.html" %}"#;
        assert_eq!(
            referenced_templates(text),
            vec!["base.html", "nav.html", "macros.html"]
        );
        assert!(referenced_templates("{% include name %}").is_empty());
    }

    #[test]
    fn finds_reads_of_page_bodies() {
        assert!(reads_page_body("{{ p.content | safe }}"));
        assert!(reads_page_body("{% for h in page.toc %}"));
        assert!(reads_page_body("{{ page[\"content\"] }}"));
        assert!(reads_page_body("{{ page | json_encode }}"));
        assert!(!reads_page_body(
            "{% block content %}{{ section.content }}{% endblock content %}"
        ));
        assert!(!reads_page_body(
            "<meta name=viewport content=\"x\">{{ p.contents }}"
        ));
    }
}
