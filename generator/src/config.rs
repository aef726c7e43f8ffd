//! `config.toml` (or Zola's `zola.toml`) into a typed [`Config`].
//!
//! Keys are checked against three lists before deserializing: keys casebook implements, keys Zola
//! knows that casebook does not implement (a warning naming the key, so a Zola site still builds),
//! and everything else (an error with a "did you mean"). Only then is the file deserialized, so
//! a typo never silently falls back to a default.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics, SourceFile};

/// One taxonomy, as Zola writes it: `taxonomies = [{ name = "status", feed = true }]`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TaxonomyConfig {
    pub name: String,
    #[serde(default)]
    pub paginate_by: Option<usize>,
    #[serde(default)]
    pub paginate_path: Option<String>,
    #[serde(default)]
    pub feed: bool,
    #[serde(default = "yes")]
    pub render: bool,
}

fn yes() -> bool {
    true
}

/// The `[markdown]` table.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MarkdownConfig {
    pub smart_punctuation: bool,
    pub external_links_target_blank: bool,
    pub external_links_no_follow: bool,
    pub external_links_no_referrer: bool,
    pub insert_anchor_links: Option<String>,
}

/// A `[languages.X]` table.
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LanguageConfig {
    pub title: Option<String>,
    pub description: Option<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    pub translations: BTreeMap<String, String>,
    pub generate_feeds: Option<bool>,
    pub feed_filenames: Option<Vec<String>>,
    pub build_search_index: Option<bool>,
}

/// The site configuration, with Zola's key names so templates read `config.title` as in Zola.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub base_url: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub default_language: String,
    pub theme: Option<String>,
    pub taxonomies: Vec<TaxonomyConfig>,
    pub generate_feeds: bool,
    pub feed_filenames: Vec<String>,
    pub feed_limit: Option<usize>,
    pub build_search_index: bool,
    pub minify_html: bool,
    pub generate_sitemap: bool,
    pub generate_robots_txt: bool,
    pub author: Option<String>,
    pub output_dir: String,
    pub markdown: MarkdownConfig,
    pub languages: BTreeMap<String, LanguageConfig>,
    pub translations: BTreeMap<String, String>,
    pub extra: toml::Table,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: String::new(),
            title: None,
            description: None,
            default_language: "en".into(),
            theme: None,
            taxonomies: Vec::new(),
            generate_feeds: false,
            feed_filenames: vec!["atom.xml".into()],
            feed_limit: None,
            build_search_index: false,
            minify_html: false,
            generate_sitemap: true,
            generate_robots_txt: true,
            author: None,
            output_dir: "public".into(),
            markdown: MarkdownConfig::default(),
            languages: BTreeMap::new(),
            translations: BTreeMap::new(),
            extra: toml::Table::new(),
        }
    }
}

impl Config {
    /// Every language of the site, the default first, then the others in name order.
    pub fn all_languages(&self) -> Vec<String> {
        let mut langs = vec![self.default_language.clone()];
        langs.extend(
            self.languages
                .keys()
                .filter(|l| **l != self.default_language)
                .cloned(),
        );
        langs
    }

    /// Taxonomies of a language: the default language uses the top-level list.
    pub fn taxonomies_for(&self, lang: &str) -> &[TaxonomyConfig] {
        if lang == self.default_language {
            &self.taxonomies
        } else {
            self.languages
                .get(lang)
                .map(|l| l.taxonomies.as_slice())
                .unwrap_or(&[])
        }
    }

    pub fn feed_filenames_for(&self, lang: &str) -> Vec<String> {
        match self.languages.get(lang) {
            Some(l) if lang != self.default_language => l
                .feed_filenames
                .clone()
                .unwrap_or_else(|| self.feed_filenames.clone()),
            _ => self.feed_filenames.clone(),
        }
    }

    pub fn generate_feeds_for(&self, lang: &str) -> bool {
        match self.languages.get(lang) {
            Some(l) if lang != self.default_language => l.generate_feeds.unwrap_or(false),
            _ => self.generate_feeds,
        }
    }

    /// A translated string, as the `trans` function returns it.
    pub fn translation(&self, key: &str, lang: &str) -> Option<&str> {
        if lang == self.default_language {
            if let Some(v) = self.translations.get(key) {
                return Some(v);
            }
        }
        self.languages
            .get(lang)
            .and_then(|l| l.translations.get(key))
            .map(String::as_str)
    }

    /// `base_url` without its trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }

    /// The configuration as a template sees it in a given language (title and description of
    /// that language), as Zola does.
    pub fn for_language(&self, lang: &str) -> Config {
        let mut config = self.clone();
        if let Some(l) = self.languages.get(lang) {
            if lang != self.default_language {
                if l.title.is_some() {
                    config.title = l.title.clone();
                }
                if l.description.is_some() {
                    config.description = l.description.clone();
                }
            }
        }
        config
    }
}

/// Where keys are known: what casebook implements and what only Zola knows.
struct KeySet {
    implemented: &'static [&'static str],
    zola_only: &'static [&'static str],
}

const TOP: KeySet = KeySet {
    implemented: &[
        "base_url",
        "title",
        "description",
        "default_language",
        "theme",
        "taxonomies",
        "generate_feeds",
        "feed_filenames",
        "feed_limit",
        "build_search_index",
        "minify_html",
        "generate_sitemap",
        "generate_robots_txt",
        "author",
        "output_dir",
        "markdown",
        "languages",
        "translations",
        "extra",
    ],
    zola_only: &[
        "compile_sass",
        "hard_link_static",
        "ignored_content",
        "ignored_static",
        "preserve_dotfiles_in_output",
        "link_checker",
        "slugify",
        "search",
        "exclude_paginated_pages_in_sitemap",
        "generate_feed",
        "feed_filename",
        "highlight_code",
        "highlight_theme",
        "highlight_themes_css",
        "extra_syntaxes",
        "check_external_links",
        "mode",
        "rss_limit",
        "generate_rss",
        "languages_extra",
    ],
};

const MARKDOWN: KeySet = KeySet {
    implemented: &[
        "smart_punctuation",
        "external_links_target_blank",
        "external_links_no_follow",
        "external_links_no_referrer",
        "insert_anchor_links",
    ],
    zola_only: &[
        "highlight_code",
        "highlight_theme",
        "highlight_themes_css",
        "highlighting",
        "extra_syntaxes_and_themes",
        "render_emoji",
        "lazy_async_image",
        "bottom_footnotes",
        "definition_list",
        "github_alerts",
        "external_links_class",
    ],
};

const LANGUAGE: KeySet = KeySet {
    implemented: &[
        "title",
        "description",
        "taxonomies",
        "translations",
        "generate_feeds",
        "feed_filenames",
        "build_search_index",
    ],
    zola_only: &["search", "generate_feed", "feed_filename", "generate_rss"],
};

const TAXONOMY: KeySet = KeySet {
    implemented: &["name", "paginate_by", "paginate_path", "feed", "render"],
    zola_only: &["lang", "rss"],
};

/// Reads and checks the site configuration in `root`.
///
/// Returns the config together with warnings; errors come back as `Err`.
pub fn load(root: &Path) -> Result<(Config, Diagnostics), Diagnostics> {
    let candidates = ["config.toml", "zola.toml"];
    let Some(name) = candidates.iter().find(|n| root.join(n).is_file()) else {
        return Err(Diagnostic::error(format!(
            "no config.toml (or zola.toml) in {}",
            root.display()
        ))
        .with_hint("run casebook in the site's folder, or pass --root DIR")
        .into());
    };
    let path = root.join(name);
    let bytes = std::fs::read(&path)
        .map_err(|e| Diagnostic::error(format!("cannot read {name}: {e}")).in_file(name))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "{name} is not valid UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
        .in_file(name)
    })?;
    parse(&text, PathBuf::from(name))
}

/// Parses configuration text; `name` is the path shown in messages.
pub fn parse(text: &str, name: PathBuf) -> Result<(Config, Diagnostics), Diagnostics> {
    let source = SourceFile::new(name, text);
    let doc = toml_edit::ImDocument::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Diagnostics::from(
            Diagnostic::error(format!("invalid TOML: {}", e.message().trim())).at(&source, span),
        )
    })?;

    let mut diags = Diagnostics::default();
    check_table_like(doc.as_table(), &TOP, "", &source, &mut diags);
    if let Some(markdown) = doc.get("markdown").and_then(|i| i.as_table_like()) {
        check_table_like(markdown, &MARKDOWN, "markdown.", &source, &mut diags);
    }
    check_taxonomy_list(doc.get("taxonomies"), "taxonomies", &source, &mut diags);
    if let Some(languages) = doc.get("languages").and_then(|i| i.as_table_like()) {
        for (lang, item) in languages.iter() {
            if let Some(table) = item.as_table_like() {
                let prefix = format!("languages.{lang}.");
                check_table_like(table, &LANGUAGE, &prefix, &source, &mut diags);
                check_taxonomy_list(
                    table.get("taxonomies"),
                    &format!("{prefix}taxonomies"),
                    &source,
                    &mut diags,
                );
            }
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }

    let config: Config = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        Diagnostics::from(Diagnostic::error(e.message().trim().to_string()).at(&source, span))
    })?;
    validate(&config, &doc, &source, &mut diags);
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((config, diags))
    }
}

fn validate(
    config: &Config,
    doc: &toml_edit::ImDocument<&str>,
    source: &SourceFile,
    diags: &mut Diagnostics,
) {
    let span_of = |key: &str| {
        doc.as_table()
            .key(key)
            .and_then(|k| k.span())
            .unwrap_or(0..0)
    };
    if config.base_url.is_empty() {
        diags.push(
            Diagnostic::error("base_url is missing")
                .at(source, 0..0)
                .with_hint("add base_url = \"https://example.org\" at the top of the file"),
        );
    } else if !(config.base_url.starts_with("http://")
        || config.base_url.starts_with("https://")
        || config.base_url.starts_with('/'))
    {
        diags.push(
            Diagnostic::error(format!(
                "base_url must be an http(s) address, not {:?}",
                config.base_url
            ))
            .at(source, span_of("base_url")),
        );
    }
    if let Some(l) = &config.markdown.insert_anchor_links {
        if !matches!(l.as_str(), "none" | "left" | "right" | "heading") {
            diags.push(
                Diagnostic::error(format!("unknown insert_anchor_links value {l:?}"))
                    .at(source, 0..0)
                    .with_hint("use one of: none, left, right, heading"),
            );
        }
    }
    for (lang, _) in config.languages.iter() {
        if !is_language_code(lang) {
            diags.push(
                Diagnostic::error(format!("{lang:?} is not a language code"))
                    .at(source, span_of("languages"))
                    .with_hint("use a code such as en, ru or kk"),
            );
        }
    }
}

fn is_language_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 12
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_taxonomy_list(
    item: Option<&toml_edit::Item>,
    name: &str,
    source: &SourceFile,
    diags: &mut Diagnostics,
) {
    let Some(array) = item.and_then(|i| i.as_array()) else {
        return;
    };
    for value in array.iter() {
        if let Some(table) = value.as_inline_table() {
            check_table_like(table, &TAXONOMY, &format!("{name}[]."), source, diags);
        }
    }
    if let Some(array) = item.and_then(|i| i.as_array_of_tables()) {
        for table in array.iter() {
            check_table_like(table, &TAXONOMY, &format!("{name}[]."), source, diags);
        }
    }
}

fn check_table_like(
    table: &dyn toml_edit::TableLike,
    set: &KeySet,
    prefix: &str,
    source: &SourceFile,
    diags: &mut Diagnostics,
) {
    for (key, _) in table.iter() {
        let span = table.key(key).and_then(|k| k.span()).unwrap_or(0..0);
        if set.implemented.contains(&key) {
            continue;
        }
        if set.zola_only.contains(&key) {
            diags.push(
                Diagnostic::warning(format!(
                    "`{prefix}{key}` is a Zola setting that casebook does not implement; it is ignored"
                ))
                .at(source, span),
            );
            continue;
        }
        let known = set.implemented.iter().chain(set.zola_only.iter()).copied();
        let mut d = Diagnostic::error(format!("unknown key `{prefix}{key}`")).at(source, span);
        d = match did_you_mean(key, known) {
            Some(s) => d.with_hint(format!("did you mean `{prefix}{s}`?")),
            None => d.with_hint(format!("known keys here: {}", set.implemented.join(", "))),
        };
        diags.push(d);
    }
}
