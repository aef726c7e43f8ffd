//! The site model: pages, sections, taxonomies and translations, with paths and order resolved.
//!
//! Built once per build from the loaded files; every output (HTML pages, feeds, sitemap, later the
//! search index and data exports) reads it and none writes to it. Page bodies are not part of it:
//! they are rendered by the jobs that use them (see [`crate::bodies`]); section bodies, which are
//! few, are rendered into the model before the outputs run.

pub mod pagination;
pub mod parse;
pub mod paths;
mod sorting;
pub mod taxonomies;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::cases::CaseFacts;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::{FrontMatterDate, PageFrontMatter, SectionFrontMatter};
use crate::load::{AssetFile, MarkdownFile};
pub use pagination::Pager;
pub use parse::{Content, Parsed, ParsedFile, ParsedPage, ParsedSection};
pub use taxonomies::{Taxonomy, Term};

/// What the Markdown stage produces for a section (pages get theirs in [`crate::bodies`]).
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub content: String,
    pub summary: Option<String>,
    pub toc: Vec<Heading>,
}

/// One entry of a table of contents, as Zola gives it to templates.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u32,
    pub id: String,
    pub permalink: String,
    pub title: String,
    pub children: Vec<Heading>,
}

#[derive(Debug)]
pub struct Page {
    /// Shared with the parsed file it came from: linking again after a change copies nothing.
    pub file: Arc<MarkdownFile>,
    pub meta: Arc<PageFrontMatter<Extra>>,
    pub lang: String,
    /// The file's path without language and extension; translations share it.
    pub key: String,
    pub slug: String,
    pub path: String,
    pub permalink: String,
    pub date: Option<FrontMatterDate>,
    pub updated: Option<FrontMatterDate>,
    /// Index of the section the page belongs to.
    pub section: usize,
    /// URL paths of co-located files.
    pub assets: Vec<String>,
    pub lower: Option<usize>,
    pub higher: Option<usize>,
    /// Counted on the Markdown source, as Zola does, so no rendering is needed for it.
    pub word_count: usize,
    pub reading_time: usize,
    /// Whether the body can hold a summary marker; decided at parsing.
    pub may_have_summary: bool,
}

#[derive(Debug)]
pub struct Section {
    /// None for a root section that the content does not define.
    pub file: Option<Arc<MarkdownFile>>,
    pub meta: SectionFrontMatter,
    pub lang: String,
    /// The folder below `content/` (`prisoners`, or empty for the root).
    pub key: String,
    pub path: String,
    pub permalink: String,
    pub parent: Option<usize>,
    /// Pages in the section's order (including those of transparent subsections).
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    pub assets: Vec<String>,
    /// Empty unless the section sets `paginate_by`.
    pub pagers: Vec<Pager>,
    pub rendered: Rendered,
}

impl Section {
    /// The path Zola templates use for `get_section`: `prisoners/_index.md`.
    pub fn relative_path(&self) -> String {
        match &self.file {
            Some(f) => f.relative.clone(),
            None if self.key.is_empty() => "_index.md".into(),
            None => format!("{}/_index.md", self.key),
        }
    }

    pub fn ancestors(&self, site: &Site) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut current = self.parent;
        while let Some(i) = current {
            chain.push(i);
            current = site.sections[i].parent;
        }
        chain.reverse();
        chain
    }
}

/// A page's `[extra]`: the typed facts of a case file, or a plain table for any other page
/// (and for a case file whose facts could not be read, which was reported).
#[derive(Debug, Clone)]
pub enum Extra {
    Table(toml::Table),
    Case(Box<CaseFacts>),
}

impl Default for Extra {
    fn default() -> Self {
        Extra::Table(toml::Table::new())
    }
}

impl Extra {
    /// `[extra]` as templates see it.
    /// `today` is the day the case model judges a status stale by (see
    /// [`crate::cases::citations::reference_date`]).
    pub fn to_json(&self, today: chrono::NaiveDate) -> serde_json::Value {
        match self {
            Extra::Table(t) => crate::templates::context::table_to_json(t),
            Extra::Case(facts) => crate::cases::citations::template_value(facts, today),
        }
    }
}

/// A resolved `@/` link target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Page(usize),
    Section(usize),
}

#[derive(Debug)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub taxonomies: Vec<Taxonomy>,
    /// `prisoners/bokayev.md` → the page; translations included under their own file names.
    pub by_file: HashMap<String, Target>,
    /// Translation groups of two or more versions: (is a section, key) → (lang, target), by
    /// lang. A page or section in one language only has no group: a group for each of
    /// 100,000 pages cost some 60 megabytes, and [`Site::translation`] answers the same without.
    pub translations: HashMap<(bool, String), Vec<(String, Target)>>,
    pub content_assets: Vec<AssetFile>,
    /// The day this build judges dates by (a status more than two years old is stale).
    pub today: chrono::NaiveDate,
}

impl Site {
    /// Resolves `@/path.md` (without the `@/`), preferring the translation in `lang`.
    pub fn resolve(&self, file: &str, lang: &str) -> Option<Target> {
        let target = *self.by_file.get(file)?;
        let (is_section, key) = match target {
            Target::Page(i) => (false, &self.pages[i].key),
            Target::Section(i) => (true, &self.sections[i].key),
        };
        let explicit_lang = match target {
            Target::Page(i) => {
                self.pages[i].file.relative != format!("{key}.md")
                    && self.pages[i].file.relative != format!("{key}/index.md")
            }
            Target::Section(i) => self.sections[i]
                .file
                .as_ref()
                .map(|f| !f.relative.ends_with("/_index.md") && f.relative != "_index.md")
                .unwrap_or(false),
        };
        if explicit_lang {
            return Some(target);
        }
        self.translation(is_section, key, lang).or(Some(target))
    }

    /// The version in `lang` of the page (or section) with `key`, when it has more than one.
    pub fn translation(&self, is_section: bool, key: &str, lang: &str) -> Option<Target> {
        if self.translations.is_empty() {
            return None;
        }
        let group = self.translations.get(&(is_section, key.to_string()))?;
        group
            .binary_search_by(|(l, _)| l.as_str().cmp(lang))
            .ok()
            .map(|i| group[i].1)
    }

    pub fn permalink_of(&self, target: Target) -> &str {
        match target {
            Target::Page(i) => &self.pages[i].permalink,
            Target::Section(i) => &self.sections[i].permalink,
        }
    }

    /// The content file of a target, as `get_page` names it: `prisoners/bokayev.md`.
    pub fn relative_path_of(&self, target: Target) -> String {
        match target {
            Target::Page(i) => self.pages[i].file.relative.clone(),
            Target::Section(i) => self.sections[i].relative_path(),
        }
    }

    pub fn translations_of(&self, target: Target) -> Vec<Target> {
        let (is_section, key) = match target {
            Target::Page(i) => (false, &self.pages[i].key),
            Target::Section(i) => (true, &self.sections[i].key),
        };
        self.translations
            .get(&(is_section, key.clone()))
            .map(|g| g.iter().map(|(_, t)| *t).collect())
            .unwrap_or_else(|| vec![target])
    }
}

/// Options of the model stage.
#[derive(Debug, Clone, Default)]
pub struct ModelOptions {
    pub include_drafts: bool,
}

/// Builds the site graph from parsed files: sections and their pages, translations, assets,
/// order and neighbours, taxonomies, pagination. Cheap next to parsing, so after one file
/// changes the whole graph is linked again from the kept parsed values.
pub fn link(config: Config, content: &Content, assets: &[AssetFile]) -> (Site, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut sections: Vec<Section> = Vec::new();
    let mut parsed_pages: Vec<&ParsedPage> = Vec::new();
    for parsed in content.files.values() {
        match &parsed.file {
            ParsedFile::Section(s) => sections.push(new_section(
                Some(s.file.clone()),
                s.meta.clone(),
                s.lang.clone(),
                s.key.clone(),
                &config,
            )),
            ParsedFile::Page(p) => parsed_pages.push(p),
            ParsedFile::Draft | ParsedFile::Failed => {}
        }
    }

    // Every language has a root section, as in Zola, even without content/_index.md.
    for lang in config.all_languages() {
        if !sections.iter().any(|s| s.key.is_empty() && s.lang == lang) {
            sections.push(new_section(
                None,
                SectionFrontMatter::default(),
                lang,
                String::new(),
                &config,
            ));
        }
    }
    sections.sort_by(|a, b| (&a.key, &a.lang).cmp(&(&b.key, &b.lang)));
    let section_index: HashMap<(String, String), usize> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.key.clone(), s.lang.clone()), i))
        .collect();
    let nearest_section = |dir: &str, lang: &str| -> usize {
        let mut dir = dir.to_string();
        loop {
            if let Some(&i) = section_index.get(&(dir.clone(), lang.to_string())) {
                return i;
            }
            if dir.is_empty() {
                // Root sections exist for every language (created above).
                return section_index
                    .get(&(String::new(), config.default_language.clone()))
                    .copied()
                    .unwrap_or(0);
            }
            dir = match dir.rfind('/') {
                Some(i) => dir[..i].to_string(),
                None => String::new(),
            };
        }
    };
    for section in sections.iter_mut() {
        if section.key.is_empty() {
            continue;
        }
        let parent_dir = section
            .key
            .rsplit_once('/')
            .map(|(dir, _)| dir)
            .unwrap_or("");
        section.parent = Some(nearest_section(parent_dir, &section.lang));
    }

    // Pages, in file order.
    let mut pages: Vec<Page> = parsed_pages
        .into_iter()
        .map(|p| Page {
            file: p.file.clone(),
            meta: p.meta.clone(),
            lang: p.lang.clone(),
            key: p.key.clone(),
            slug: p.slug.clone(),
            permalink: paths::permalink(&p.path, &config),
            path: p.path.clone(),
            date: p.date,
            updated: p.updated,
            section: nearest_section(&p.dir, &p.lang),
            assets: Vec::new(),
            lower: None,
            higher: None,
            word_count: p.word_count,
            reading_time: p.word_count.div_ceil(200),
            may_have_summary: p.may_have_summary,
        })
        .collect();

    // Co-located assets: files next to `index.md` of a page bundle, or in a section folder.
    let mut content_assets = Vec::new();
    for asset in assets {
        let dir = asset
            .relative
            .rsplit_once('/')
            .map(|(d, _)| d)
            .unwrap_or("");
        let file_name = asset.relative.rsplit('/').next().unwrap_or(&asset.relative);
        // Each language's page of a bundle gets its own copy, as in Zola, so that `photo.png`
        // written in any translation resolves next to that translation's page.
        let mut outputs: Vec<String> = pages
            .iter_mut()
            .filter(|p| p.file.relative.starts_with(dir) && is_bundle_of(&p.file.relative, dir))
            .map(|page| {
                let url = format!("{}{}", page.path, file_name);
                page.assets.push(url.clone());
                url
            })
            .collect();
        if outputs.is_empty() {
            outputs.push(format!("/{}", asset.relative));
        }
        for output in outputs {
            content_assets.push(AssetFile {
                relative: output.trim_start_matches('/').to_string(),
                absolute: asset.absolute.clone(),
            });
        }
    }
    // Every translation of a bundle shares its assets.
    let mut bundle_assets: HashMap<String, Vec<String>> = HashMap::new();
    for page in &pages {
        if !page.assets.is_empty() {
            bundle_assets.insert(page.key.clone(), page.assets.clone());
        }
    }
    for page in pages.iter_mut() {
        if page.assets.is_empty() {
            if let Some(a) = bundle_assets.get(&page.key) {
                page.assets = a.clone();
            }
        }
    }

    // Section membership and order.
    for (i, page) in pages.iter().enumerate() {
        sections[page.section].pages.push(i);
    }
    for i in 0..sections.len() {
        if let Some(parent) = sections[i].parent {
            sections[parent].subsections.push(i);
        }
    }
    for section in sections.iter_mut() {
        section.subsections.sort();
    }
    let subsection_weights: Vec<(i64, String)> = sections
        .iter()
        .map(|s| (s.meta.weight, s.key.clone()))
        .collect();
    for section in sections.iter_mut() {
        section
            .subsections
            .sort_by(|a, b| subsection_weights[*a].cmp(&subsection_weights[*b]));
    }
    sorting::sort_sections(&mut sections, &mut pages, &mut diags);

    let mut site = Site {
        config,
        pages,
        sections,
        taxonomies: Vec::new(),
        by_file: HashMap::new(),
        translations: HashMap::new(),
        content_assets,
        today: crate::cases::citations::reference_date(),
    };
    let mut groups: HashMap<(bool, &str), BTreeMap<&str, Target>> = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        site.by_file
            .insert(page.file.relative.clone(), Target::Page(i));
        groups
            .entry((false, &page.key))
            .or_default()
            .insert(&page.lang, Target::Page(i));
    }
    for (i, section) in site.sections.iter().enumerate() {
        site.by_file
            .insert(section.relative_path(), Target::Section(i));
        groups
            .entry((true, &section.key))
            .or_default()
            .insert(&section.lang, Target::Section(i));
    }
    let translations = groups
        .into_iter()
        .filter(|(_, group)| group.len() > 1)
        .map(|((is_section, key), group)| {
            let group = group
                .into_iter()
                .map(|(lang, target)| (lang.to_string(), target))
                .collect();
            ((is_section, key.to_string()), group)
        })
        .collect();
    site.translations = translations;
    site.taxonomies = taxonomies::build(&site, &mut diags);
    paginate_lists(&mut site);
    check_output_collisions(&site, &mut diags);
    (site, diags)
}

/// Cuts paginated sections and taxonomy terms into their pagers.
fn paginate_lists(site: &mut Site) {
    for section in site.sections.iter_mut() {
        let Some(per_page) = section.meta.paginate_by.filter(|n| *n > 0) else {
            continue;
        };
        if section.meta.redirect_to.is_some() {
            continue;
        }
        let mut pages = section.pages.clone();
        if section.meta.paginate_reversed {
            pages.reverse();
        }
        section.pagers = pagination::paginate(
            &pages,
            per_page,
            &section.path,
            &section.meta.paginate_path,
            &site.config,
        );
    }
    for tax in site.taxonomies.iter_mut() {
        let Some(per_page) = tax.config.paginate_by.filter(|n| *n > 0) else {
            continue;
        };
        let paginate_path = tax.config.paginate_path.as_deref().unwrap_or("page");
        for term in tax.terms.iter_mut() {
            term.pagers = pagination::paginate(
                &term.pages,
                per_page,
                &term.path,
                paginate_path,
                &site.config,
            );
        }
    }
}

fn is_bundle_of(page_relative: &str, dir: &str) -> bool {
    let Some(rest) = page_relative.strip_prefix(dir) else {
        return false;
    };
    let rest = rest.trim_start_matches('/');
    rest == "index.md"
        || (rest.starts_with("index.")
            && rest.ends_with(".md")
            && !rest[6..rest.len() - 3].contains('/'))
}

fn new_section(
    file: Option<Arc<MarkdownFile>>,
    meta: SectionFrontMatter,
    lang: String,
    key: String,
    config: &Config,
) -> Section {
    let prefix = paths::language_prefix(&lang, config);
    let path = if key.is_empty() {
        prefix
    } else {
        format!("{prefix}{key}/")
    };
    let permalink = paths::permalink(&path, config);
    Section {
        file,
        meta,
        lang,
        key,
        path,
        permalink,
        parent: None,
        pages: Vec::new(),
        subsections: Vec::new(),
        assets: Vec::new(),
        pagers: Vec::new(),
        rendered: Rendered::default(),
    }
}

/// Two files must never write the same output file: name both, and point at the line of the
/// later one that decides its address (its alias, path or slug, or else its first line).
fn check_output_collisions(site: &Site, diags: &mut Diagnostics) {
    type Place<'a> = Option<(&'a MarkdownFile, Option<std::ops::Range<usize>>)>;
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |path: String, owner: String, place: Place, diags: &mut Diagnostics| {
        let out = paths::output_file(&path);
        if let Some(first) = seen.get(&out) {
            if first != &owner {
                let d = Diagnostic::error(format!("{owner} and {first} both write {out}"));
                let d = match place {
                    Some((file, Some(span))) => {
                        let offset = file.front_matter.start;
                        d.at(&file.source, span.start + offset..span.end + offset)
                    }
                    Some((file, None)) => d.at_line(&file.source, 1, None),
                    None => d.in_file(&owner),
                };
                diags.push(d.with_hint("give one of them another slug or path"));
            }
        } else {
            seen.insert(out, owner);
        }
    };
    for section in &site.sections {
        let owner = section
            .file
            .as_ref()
            .map(|f| f.source.name.display().to_string())
            .unwrap_or_else(|| format!("content/{}", section.relative_path()));
        let file = section.file.as_deref();
        claim(
            section.path.clone(),
            owner.clone(),
            file.map(|f| (f, None)),
            diags,
        );
        for alias in &section.meta.aliases {
            claim(
                paths::normalize_path(alias.get_ref()),
                owner.clone(),
                file.map(|f| (f, Some(alias.span()))),
                diags,
            );
        }
    }
    for page in &site.pages {
        let owner = page.file.source.name.display().to_string();
        let decisive = page
            .meta
            .path
            .as_ref()
            .or(page.meta.slug.as_ref())
            .map(|s| s.span());
        claim(
            page.path.clone(),
            owner.clone(),
            Some((&page.file, decisive)),
            diags,
        );
        for alias in &page.meta.aliases {
            claim(
                paths::normalize_path(alias.get_ref()),
                owner.clone(),
                Some((&page.file, Some(alias.span()))),
                diags,
            );
        }
    }
}
