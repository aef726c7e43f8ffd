//! The search index as an output (spec `docs/search.md`): when `build_search_index` is
//! on, one job per language writes `search/<lang>/` (meta, term buckets, document chunks), one
//! writes the client `search.js`, and one per language writes `opensearch.xml`.
//!
//! This stage only turns the model into [`Document`]s; [`crate::search::index`] does the rest.
//! The body text is taken from the Markdown source with shortcode calls, HTML tags and link
//! targets removed, never from a second Markdown render: on a site of thousands of pages a
//! render is the expensive part of a build, and the words are the same.

use rayon::prelude::*;

use super::jobs::{self, Input, Job};
use super::{Outputs, Produced, Renderer};
use crate::cases::CaseFacts;
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::model::{paths, Extra, Page, Site};
use crate::search::index::{self, Document, Field, FIELDS};
use crate::search::normalize;
use crate::shortcodes::{self, Piece};

/// How many words of the body make a snippet when the page has no description.
pub const SNIPPET_WORDS: usize = 40;
/// The longest snippet, in characters.
pub const SNIPPET_CHARS: usize = 300;

/// The languages that get an index: every language of the site, unless its
/// `[languages.X]` table sets `build_search_index = false`.
pub fn languages(config: &Config) -> Vec<String> {
    config
        .all_languages()
        .into_iter()
        .filter(|lang| {
            lang == &config.default_language
                || config
                    .languages
                    .get(lang)
                    .and_then(|l| l.build_search_index)
                    != Some(false)
        })
        .collect()
}

pub fn jobs(site: &Site) -> Vec<Job> {
    if !site.config.build_search_index {
        return Vec::new();
    }
    let mut jobs = Vec::new();
    for lang in languages(&site.config) {
        jobs.push(Job::SearchIndex(lang.clone()));
        jobs.push(Job::OpenSearch(lang));
    }
    jobs.push(Job::SearchScript);
    jobs
}

pub fn render(r: &Renderer, job: &Job) -> Result<Outputs, Diagnostic> {
    match job {
        Job::SearchIndex(lang) => index_files(r.site, lang),
        Job::SearchScript => {
            let script = crate::search::client_script().ok_or_else(|| {
                Diagnostic::error(format!(
                    "internal: the search client (generator/src/search/client.js) has no {} \
                     placeholder for the transliteration table",
                    crate::search::TRANSLIT_PLACEHOLDER
                ))
            })?;
            Ok(vec![Produced::Bytes(
                crate::search::query::CLIENT_FILE.into(),
                script.into_bytes(),
            )])
        }
        Job::OpenSearch(lang) => Ok(vec![open_search(&r.site.config, lang)]),
        _ => Ok(Vec::new()),
    }
}

fn index_files(site: &Site, lang: &str) -> Result<Outputs, Diagnostic> {
    // Which pages are indexed depends on every page of the language.
    jobs::record(Input::AllContent);
    let pages = indexed_pages(site, lang);
    for &i in &pages {
        let page = &site.pages[i];
        jobs::record(Input::Content(page.file.relative.clone()));
        jobs::record(Input::Content(site.sections[page.section].relative_path()));
    }
    // The work of thousands of pages is spread over the pool; jobs record their inputs on
    // their own thread, so a job run meanwhile on this thread keeps its own set (recording
    // nests), and nothing below records.
    let documents: Vec<Document> = pages
        .par_iter()
        .map(|&i| document(&site.pages[i]))
        .collect();
    let index = index::build(lang, &documents);
    Ok(index
        .files()
        .into_iter()
        .map(|f| Produced::Bytes(f.path, f.text.into_bytes()))
        .collect())
}

/// The pages of a language that go into its index, in path order (their document ids): pages
/// that are rendered, with `in_search_index` on, in a section with `in_search_index` on.
pub fn indexed_pages(site: &Site, lang: &str) -> Vec<usize> {
    let mut pages: Vec<usize> = (0..site.pages.len())
        .filter(|&i| {
            let page = &site.pages[i];
            page.lang == lang
                && page.meta.render
                && page.meta.in_search_index
                && site
                    .sections
                    .get(page.section)
                    .is_some_and(|s| s.meta.in_search_index)
        })
        .collect();
    pages.sort_by(|&a, &b| site.pages[a].path.cmp(&site.pages[b].path));
    pages
}

/// A page as the index sees it: its six fields and what a result shows.
pub fn document(page: &Page) -> Document {
    let mut fields: [String; FIELDS] = Default::default();
    let title = page.meta.title.clone().unwrap_or_default();
    fields[Field::Title as usize] = title.clone();
    let taxonomy = |name: &str| -> Vec<&str> {
        page.meta
            .taxonomies
            .get(name)
            .map(|terms| terms.iter().map(String::as_str).collect())
            .unwrap_or_default()
    };
    let mut names: Vec<&str> = Vec::new();
    let mut charges: Vec<&str> = taxonomy("charges");
    let mut symbols: Vec<&str> = Vec::new();
    let mut regions: Vec<&str> = Vec::new();
    let mut status = String::new();
    match &page.meta.extra {
        Extra::Case(facts) => match facts.as_ref() {
            CaseFacts::Profile(profile) => {
                let profile = profile.get_ref();
                names.extend(profile.names.iter().map(String::as_str));
                regions.extend(profile.region.as_deref());
                status = profile.status.as_str().to_string();
                for case in &profile.cases {
                    charges.extend(
                        case.get_ref()
                            .charges
                            .iter()
                            .filter_map(|c| c.name.as_deref()),
                    );
                }
            }
            CaseFacts::Decision(decision) => {
                let decision = decision.get_ref();
                symbols.extend(decision.symbol.as_deref());
                symbols.extend(decision.opinion_number.as_deref());
            }
        },
        // Other pages may carry the same keys in a plain [extra] table.
        Extra::Table(table) => {
            let text = |key: &str| table.get(key).and_then(|v| v.as_str());
            if let Some(list) = table.get("names").and_then(|v| v.as_array()) {
                names.extend(list.iter().filter_map(|v| v.as_str()));
            }
            regions.extend(text("region"));
            symbols.extend(text("symbol"));
            symbols.extend(text("opinion_number"));
            status = text("status").unwrap_or_default().to_string();
        }
    }
    regions.extend(taxonomy("regions"));
    fields[Field::Names as usize] = names.join("\n");
    fields[Field::Charges as usize] = charges.join("\n");
    fields[Field::Symbol as usize] = symbols.join("\n");
    fields[Field::Region as usize] = regions.join("\n");
    let body = body_text(&page.file.body());
    let snippet = match page.meta.description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => truncate_chars(d, SNIPPET_CHARS),
        _ => snippet_of(&body),
    };
    fields[Field::Body as usize] = body;
    Document {
        path: page.path.trim_start_matches('/').to_string(),
        title,
        status,
        snippet,
        fields,
    }
}

/// The text of a Markdown body for the index: shortcode calls, HTML tags and comments, HTML
/// entities, link targets `](…)` and reference definitions `[id]: …` removed. The body of a
/// block shortcode (`{% quote() %}…{% end %}`) is text of the page and stays.
pub fn body_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    match shortcodes::split(markdown) {
        Ok(pieces) => {
            for piece in pieces {
                match piece {
                    Piece::Text(text) => strip_markup(&text, &mut out),
                    Piece::Call(call) => {
                        out.push(' ');
                        if let Some(body) = call.body {
                            strip_markup(&body, &mut out);
                            out.push(' ');
                        }
                    }
                }
            }
        }
        // A malformed call is reported by the page's own render; index the text as it is.
        Err(_) => strip_markup(markdown, &mut out),
    }
    out
}

/// Appends `text` without HTML tags, comments, entities, link targets and link definitions.
fn strip_markup(text: &str, out: &mut String) {
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') && trimmed.contains("]:") && is_link_definition(trimmed) {
            out.push('\n');
            continue;
        }
        strip_line(line, out);
    }
}

/// `[id]: target` at the start of a line (not `[text]: more text` inside a sentence, which
/// has a space or nothing after the colon either way, so only the shape `]:` then a target
/// without spaces counts).
fn is_link_definition(line: &str) -> bool {
    let Some(close) = line.find("]:") else {
        return false;
    };
    let target = line[close + 2..].trim();
    let first = target.split_whitespace().next().unwrap_or("");
    !first.is_empty() && (first.contains('/') || first.contains('.') || first.starts_with('<'))
}

fn strip_line(line: &str, out: &mut String) {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        let skip_to = match bytes[i] {
            b'<' => skip_tag(line, i),
            b']' if bytes.get(i + 1) == Some(&b'(') => skip_link_target(line, i + 1),
            b'&' => skip_entity(line, i),
            _ => None,
        };
        match skip_to {
            Some(end) => {
                out.push_str(&line[plain_from..i]);
                out.push(' ');
                i = end;
                plain_from = end;
            }
            None => i += 1,
        }
    }
    out.push_str(&line[plain_from..]);
}

/// The end of an HTML tag, comment or autolink starting at `start` (a `<`), if it is one.
fn skip_tag(line: &str, start: usize) -> Option<usize> {
    let rest = &line[start..];
    if rest.starts_with("<!--") {
        return Some(rest.find("-->").map_or(line.len(), |e| start + e + 3));
    }
    let next = rest.as_bytes().get(1)?;
    if !(next.is_ascii_alphabetic() || *next == b'/' || *next == b'!' || *next == b'?') {
        return None;
    }
    rest.find('>').map(|e| start + e + 1)
}

/// The end of `(target)` starting at `open` (the `(`), with nested parentheses.
fn skip_link_target(line: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, b) in line.as_bytes()[open..].iter().enumerate() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + offset + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of an entity such as `&amp;`, `&#8212;` or `&#x2014;` starting at `start`.
fn skip_entity(line: &str, start: usize) -> Option<usize> {
    let rest = line.as_bytes().get(start + 1..)?;
    let end = rest.iter().take(32).position(|&b| b == b';')?;
    let name = &rest[..end];
    let ok = !name.is_empty()
        && (name.iter().all(u8::is_ascii_alphanumeric)
            || (name[0] == b'#'
                && name.len() > 1
                && name[1..].iter().all(u8::is_ascii_alphanumeric)));
    ok.then_some(start + 1 + end + 1)
}

/// The first [`SNIPPET_WORDS`] words of the body text, without Markdown's own marks, cut to
/// [`SNIPPET_CHARS`] characters.
pub fn snippet_of(body: &str) -> String {
    let words: Vec<&str> = body
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| "*_`#>[]|".contains(c)))
        .filter(|w| w.chars().any(normalize::is_token_char))
        .take(SNIPPET_WORDS)
        .collect();
    truncate_chars(&words.join(" "), SNIPPET_CHARS)
}

fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].trim_end().to_string(),
        None => text.to_string(),
    }
}

/// `opensearch.xml` of a language: at the root for the default language, `ru/opensearch.xml`
/// for the others, pointing at that language's search page with the configured base URL (the
/// link pass rewrites only HTML, so the address stays absolute as browsers need it).
fn open_search(config: &Config, lang: &str) -> Produced {
    let prefix = paths::language_prefix(lang, config);
    let language = config.for_language(lang);
    let title = language.title.clone().unwrap_or_else(|| "Search".into());
    let short = config
        .translation("site_short", lang)
        .map(str::to_string)
        .unwrap_or_else(|| title.clone());
    // OpenSearch allows 16 characters for the short name.
    let short = truncate_chars(&short, 16);
    let description = language
        .description
        .clone()
        .unwrap_or_else(|| title.clone());
    let template = format!(
        "{}{}search/index.html?q={{searchTerms}}",
        config.base(),
        prefix
    );
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n\
         \x20 <ShortName>{}</ShortName>\n\
         \x20 <Description>{}</Description>\n\
         \x20 <InputEncoding>UTF-8</InputEncoding>\n\
         \x20 <Language>{}</Language>\n\
         \x20 <Url type=\"text/html\" template=\"{}\"/>\n\
         </OpenSearchDescription>\n",
        xml_escape(&short),
        xml_escape(&description),
        xml_escape(lang),
        xml_escape(&template),
    );
    let path = format!("{}opensearch.xml", prefix.trim_start_matches('/'));
    Produced::Bytes(path, xml.into_bytes())
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_text_drops_markup_not_words() {
        let md = "## The case\n\nHe was [arrested](https://example.org/a_(b)) on <b>17 May</b>.\
                  {{ cite(id=\"hrw-2016\") }} See <https://x.example/y>.<!-- more -->\n\
                  [ref]: https://example.org/ref\n\
                  {% quote(by=\"X\") %}Freedom &amp; justice{% end %}\n";
        let text = body_text(md);
        let tokens = normalize::tokens(&text);
        assert_eq!(
            tokens,
            [
                "the", "case", "he", "was", "arrested", "on", "17", "may", "see", "freedom",
                "justice"
            ]
        );
    }

    #[test]
    fn body_text_keeps_ordinary_brackets_and_ampersands() {
        let text = body_text("a < b and [c]: d & e (f) [g]");
        assert_eq!(
            normalize::tokens(&text),
            ["a", "b", "and", "c", "d", "e", "f", "g"]
        );
    }

    #[test]
    fn snippets() {
        let body = body_text(
            "## Heading\n\n* **Bold** item | cell |\n\n"
                .repeat(30)
                .as_str(),
        );
        let snippet = snippet_of(&body);
        assert!(
            snippet.starts_with("Heading Bold item cell Heading"),
            "{snippet}"
        );
        assert_eq!(snippet.split(' ').count(), SNIPPET_WORDS);
        let long = "word ".repeat(20) + &"x".repeat(400);
        assert_eq!(snippet_of(&long).chars().count(), SNIPPET_CHARS);
    }

    #[test]
    fn opensearch_points_at_the_language_search_page() {
        let mut config = Config {
            base_url: "https://example.org/sub/".into(),
            title: Some("A & B".into()),
            ..Config::default()
        };
        config.languages.insert("ru".into(), Default::default());
        let Produced::Bytes(path, bytes) = open_search(&config, "ru") else {
            panic!("bytes expected");
        };
        let xml = String::from_utf8(bytes).unwrap();
        assert_eq!(path, "ru/opensearch.xml");
        assert!(xml.contains(
            r#"template="https://example.org/sub/ru/search/index.html?q={searchTerms}""#
        ));
        assert!(xml.contains("<ShortName>A &amp; B</ShortName>"));
        let Produced::Bytes(path, _) = open_search(&config, "en") else {
            panic!("bytes expected");
        };
        assert_eq!(path, "opensearch.xml");
    }

    #[test]
    fn languages_can_opt_out() {
        let mut config = Config::default();
        config.languages.insert("ru".into(), Default::default());
        config.languages.insert(
            "kk".into(),
            crate::config::LanguageConfig {
                build_search_index: Some(false),
                ..Default::default()
            },
        );
        assert_eq!(languages(&config), ["en", "ru"]);
    }
}
