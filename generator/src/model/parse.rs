//! Parsing one content file on its own: its front matter (with a case file's facts), language,
//! dates, slug and address, and every check that needs only the file itself.
//!
//! Each file's result is kept by its path in [`Content`], so that when one file changes it alone
//! is parsed again, and [`super::link`] rebuilds the site graph from the parsed values.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::{paths, Extra, ModelOptions};
use crate::cases::{self, CaseFacts, Decision, Profile};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{self, FrontMatterDate, PageFrontMatter, SectionFrontMatter};
use crate::load::MarkdownFile;

/// A page as parsed from its file, before it is placed in the site.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    pub file: Arc<MarkdownFile>,
    pub meta: Arc<PageFrontMatter<Extra>>,
    pub lang: String,
    /// The file's path without language and extension; translations share it.
    pub key: String,
    /// The folder below `content/` whose section the page belongs to.
    pub dir: String,
    pub slug: String,
    pub path: String,
    pub date: Option<FrontMatterDate>,
    pub updated: Option<FrontMatterDate>,
    pub word_count: usize,
    /// Whether the body can hold a summary marker (see [`may_mark_summary`]).
    pub may_have_summary: bool,
}

/// A section as parsed from its `_index.md`.
#[derive(Debug, Clone)]
pub struct ParsedSection {
    pub file: Arc<MarkdownFile>,
    pub meta: SectionFrontMatter,
    pub lang: String,
    pub key: String,
}

/// What one file became.
#[derive(Debug, Clone)]
pub enum ParsedFile {
    Page(ParsedPage),
    Section(ParsedSection),
    /// A draft left out of this build.
    Draft,
    /// Unusable; the reasons are in the diagnostics.
    Failed,
}

/// One file's result with the problems found in it.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub file: ParsedFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Every content file, parsed, by its path below `content/`.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub files: BTreeMap<String, Parsed>,
}

impl Content {
    /// Parses every file, in parallel.
    pub fn parse(config: &Config, files: Vec<MarkdownFile>, options: &ModelOptions) -> Content {
        use rayon::prelude::*;
        let parsed: Vec<(String, Parsed)> = files
            .into_par_iter()
            .map(|file| (file.relative.clone(), parse_file(config, file, options)))
            .collect();
        Content {
            files: parsed.into_iter().collect(),
        }
    }

    /// Parses one new or changed file again, replacing its previous result.
    pub fn update(&mut self, config: &Config, file: MarkdownFile, options: &ModelOptions) {
        let relative = file.relative.clone();
        self.files
            .insert(relative, parse_file(config, file, options));
    }

    /// Forgets a file that was deleted.
    pub fn remove(&mut self, relative: &str) {
        self.files.remove(relative);
    }

    /// Every problem found while parsing, in file order.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut diags = Diagnostics::default();
        for parsed in self.files.values() {
            diags.extend(parsed.diagnostics.iter().cloned());
        }
        diags
    }
}

/// Parses one content file.
pub fn parse_file(config: &Config, file: MarkdownFile, options: &ModelOptions) -> Parsed {
    let mut diags = Diagnostics::default();
    let file = parse_into(config, file, options, &mut diags);
    Parsed {
        file,
        diagnostics: diags.items,
    }
}

fn parse_into(
    config: &Config,
    file: MarkdownFile,
    options: &ModelOptions,
    diags: &mut Diagnostics,
) -> ParsedFile {
    let (stem, lang) = paths::split_language(&file.relative, config);
    let lang = match lang {
        Some(l) if l != config.default_language && !config.languages.contains_key(l) => {
            diags.push(
                Diagnostic::error(format!(
                    "the file name says language `{l}`, which config.toml does not declare"
                ))
                .in_file(&file.source.name)
                .with_hint(format!(
                    "add [languages.{l}] to config.toml, or rename the file"
                )),
            );
            return ParsedFile::Failed;
        }
        Some(l) => l.to_string(),
        None => config.default_language.clone(),
    };
    let stem = stem.to_string();
    let file_name = stem.rsplit('/').next().unwrap_or(&stem);
    if file_name == "_index" {
        let key = stem
            .strip_suffix("_index")
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string();
        return match front_matter::parse::<SectionFrontMatter>(&file) {
            Ok(mut meta) => {
                if meta.draft && !options.include_drafts {
                    return ParsedFile::Draft;
                }
                refuse_unsafe_aliases(&file, &mut meta.aliases, diags);
                ParsedFile::Section(ParsedSection {
                    file: Arc::new(file.compressed()),
                    meta,
                    lang,
                    key,
                })
            }
            Err(d) => {
                diags.push(d);
                ParsedFile::Failed
            }
        };
    }
    let (meta, case_error) = parse_page(&file);
    let mut meta = match meta {
        Ok(m) => m,
        Err(d) => {
            diags.push(d);
            return ParsedFile::Failed;
        }
    };
    if meta.draft && !options.include_drafts {
        return ParsedFile::Draft;
    }
    diags.extend(case_error);
    refuse_unsafe_aliases(&file, &mut meta.aliases, diags);
    meta.shrink_to_fit();
    let colocated = stem == "index" || stem.ends_with("/index");
    let bundle_dir = if colocated {
        stem.strip_suffix("index")
            .unwrap_or("")
            .trim_end_matches('/')
            .to_string()
    } else {
        String::new()
    };
    let (dir, file_slug_source) = if colocated {
        match bundle_dir.rfind('/') {
            Some(i) => (bundle_dir[..i].to_string(), bundle_dir[i + 1..].to_string()),
            None => (String::new(), bundle_dir.clone()),
        }
    } else {
        match stem.rfind('/') {
            Some(i) => (stem[..i].to_string(), stem[i + 1..].to_string()),
            None => (String::new(), stem.clone()),
        }
    };
    let (name_date, name_rest) = date_from_file_name(&file_slug_source);

    let mut date = None;
    if let Some(value) = &meta.date {
        match front_matter::parse_date(value.get_ref()) {
            Ok(d) => date = Some(d),
            Err(e) => diags.push(span_error(&file, value.span(), e)),
        }
    } else {
        date = name_date;
    }
    let mut updated = None;
    if let Some(value) = &meta.updated {
        match front_matter::parse_date(value.get_ref()) {
            Ok(d) => updated = Some(d),
            Err(e) => diags.push(span_error(&file, value.span(), e)),
        }
    }

    let slug = match &meta.slug {
        Some(s) => {
            let raw = s.get_ref().trim();
            if raw.is_empty() || raw.contains('/') || paths::unsafe_path_reason(raw).is_some() {
                diags.push(
                    span_error(
                        &file,
                        s.span(),
                        format!("slug {raw:?} is refused: a slug is one path segment without `/` or `..`"),
                    )
                    .with_hint("use letters, digits and dashes, e.g. slug = \"maks-bokayev\""),
                );
                return ParsedFile::Failed;
            }
            paths::slugify(raw)
        }
        None => paths::slugify(&name_rest),
    };

    let path = match &meta.path {
        Some(p) => {
            let raw = p.get_ref();
            if let Some(reason) = paths::unsafe_path_reason(raw) {
                diags.push(
                    span_error(
                        &file,
                        p.span(),
                        format!("path {raw:?} is refused: it {reason}"),
                    )
                    .with_hint("write a path inside the site, e.g. path = \"about/team\""),
                );
                return ParsedFile::Failed;
            }
            let normalized = paths::normalize_path(raw);
            let prefix = paths::language_prefix(&lang, config);
            if prefix != "/" && !normalized.starts_with(&prefix) {
                format!("{}{}", prefix.trim_end_matches('/'), normalized)
            } else {
                normalized
            }
        }
        None => {
            let prefix = paths::language_prefix(&lang, config);
            if dir.is_empty() {
                format!("{prefix}{slug}/")
            } else {
                format!("{prefix}{dir}/{slug}/")
            }
        }
    };
    let key = if colocated {
        bundle_dir
    } else {
        paths::split_language(&file.relative, config).0.to_string()
    };
    let body = file.body();
    let word_count = body.split_whitespace().count();
    let may_have_summary = may_mark_summary(&body);
    ParsedFile::Page(ParsedPage {
        file: Arc::new(file.compressed()),
        meta: Arc::new(meta),
        lang,
        key,
        dir,
        slug,
        path,
        date,
        updated,
        word_count,
        may_have_summary,
    })
}

/// Parses a page's front matter once. A case file's `[extra]` is read into its typed facts in the
/// same parse; when they cannot be read, the page is kept with a plain table and the error is
/// returned beside it, so that the page still exists and links to it raise no second error.
fn parse_page(
    file: &MarkdownFile,
) -> (
    Result<PageFrontMatter<Extra>, Diagnostic>,
    Option<Diagnostic>,
) {
    type Case<T> = PageFrontMatter<Option<toml::Spanned<T>>>;
    let typed = match cases::kind_of(&file.relative) {
        None => {
            return (
                front_matter::parse::<PageFrontMatter>(file).map(|m| m.map_extra(Extra::Table)),
                None,
            )
        }
        Some(cases::PRISONERS) => front_matter::parse::<Case<Profile>>(file)
            .map(|m| m.map_extra(|e| e.map(CaseFacts::Profile))),
        Some(_) => front_matter::parse::<Case<Decision>>(file)
            .map(|m| m.map_extra(|e| e.map(CaseFacts::Decision))),
    };
    match typed {
        Ok(meta) => {
            let missing = meta.extra.is_none().then(|| {
                Diagnostic::error("a case file needs an [extra] table with its facts")
                    .at_line(&file.source, 1, None)
                    .with_hint("see docs/case-model.md for the fields")
            });
            let meta = meta.map_extra(|e| match e {
                Some(mut facts) => {
                    let cites = body_cites(file);
                    match &mut facts {
                        CaseFacts::Profile(p) => p.get_mut().body_cites = cites,
                        CaseFacts::Decision(d) => d.get_mut().body_cites = cites,
                    }
                    facts.shrink_to_fit();
                    Extra::Case(Box::new(facts))
                }
                None => Extra::default(),
            });
            (Ok(meta), missing)
        }
        Err(case_error) => match front_matter::parse::<PageFrontMatter>(file) {
            Ok(plain) => (Ok(plain.map_extra(Extra::Table)), Some(case_error)),
            Err(e) => (Err(e), None),
        },
    }
}

/// Whether a body can have a `<!-- more -->` marker: only with a comment or a shortcode (which
/// could write one). Decided while the text is at hand, so that lists asking for summaries need
/// neither the text, which is held compressed after parsing, nor a rendering.
fn may_mark_summary(body: &str) -> bool {
    body.contains("<!--") || body.contains("{{") || body.contains("{%")
}

/// The `cite` shortcodes of a body, numbered as the shortcode template sees them (`nth`). A body
/// whose shortcodes cannot be split has none here; the Markdown stage reports why.
fn body_cites(file: &MarkdownFile) -> Vec<cases::BodyCite> {
    let body = file.body();
    let Ok(pieces) = crate::shortcodes::split(&body) else {
        return Vec::new();
    };
    pieces
        .into_iter()
        .filter_map(|piece| match piece {
            crate::shortcodes::Piece::Call(call) if call.name == cases::CITE_SHORTCODE => {
                Some(call)
            }
            _ => None,
        })
        .enumerate()
        .map(|(i, call)| cases::BodyCite {
            id: call
                .args
                .get("id")
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string(),
            nth: i + 1,
            span: file.body_start + call.range.start..file.body_start + call.range.end,
        })
        .collect()
}

/// Reports aliases that could leave the output folder, at their line, and drops them.
fn refuse_unsafe_aliases(
    file: &MarkdownFile,
    aliases: &mut Vec<toml::Spanned<String>>,
    diags: &mut Diagnostics,
) {
    aliases.retain(|alias| {
        let Some(reason) = paths::unsafe_path_reason(alias.get_ref()) else {
            return true;
        };
        diags.push(
            span_error(
                file,
                alias.span(),
                format!("alias {:?} is refused: it {reason}", alias.get_ref()),
            )
            .with_hint("write an alias inside the site, e.g. aliases = [\"old/address/\"]"),
        );
        false
    });
}

fn span_error(file: &MarkdownFile, span: std::ops::Range<usize>, message: String) -> Diagnostic {
    Diagnostic::error(message).at(&file.source, file.in_file(span))
}

/// Zola reads a date from a file name like `2021-02-05-release.md` or `2021-02-05_release.md`.
fn date_from_file_name(name: &str) -> (Option<FrontMatterDate>, String) {
    if name.len() > 11 && matches!(name.as_bytes()[10], b'-' | b'_') {
        if let Ok(date) = front_matter::parse_date_str(&name[..10]) {
            return (Some(date), name[11..].to_string());
        }
    }
    (None, name.to_string())
}
