//! The render stage: Markdown bodies, then every output file of the site.
//!
//! Work items are independent and run in parallel (rayon); each produces its files and hands
//! them to the sink, so memory stays bounded by the pages in flight, not the whole site.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{json, Value};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::front_matter::AnchorLinks;
use crate::markdown::{LinkResolver, MarkdownRenderer};
use crate::model::{paths, Rendered, Site};
use crate::output::{self, Sink};
use crate::templates::{context, Templates};

/// Reports progress of long stages; the CLI shows it as a bar on a terminal.
pub trait Progress: Sync {
    fn start(&self, _stage: &str, _total: usize) {}
    fn tick(&self) {}
    fn finish(&self) {}
}

/// Progress that shows nothing (tests, `--quiet`, pipes).
pub struct NoProgress;
impl Progress for NoProgress {}

struct ModelLinks<'a>(&'a Site);

impl LinkResolver for ModelLinks<'_> {
    fn resolve(&self, file: &str, lang: &str) -> Option<String> {
        self.0
            .resolve(file, lang)
            .map(|t| self.0.permalink_of(t).to_string())
    }
}

fn anchors_for(site: &Site, section: usize, own: Option<AnchorLinks>) -> AnchorLinks {
    if let Some(a) = own {
        return a;
    }
    let mut current = Some(section);
    while let Some(i) = current {
        if let Some(a) = site.sections[i].meta.insert_anchor_links {
            return a;
        }
        current = site.sections[i].parent;
    }
    match site.config.markdown.insert_anchor_links.as_deref() {
        Some("left") => AnchorLinks::Left,
        Some("right") => AnchorLinks::Right,
        Some("heading") => AnchorLinks::Heading,
        _ => AnchorLinks::None,
    }
}

/// Renders every page's and section's Markdown body into the model.
pub fn render_markdown(
    site: &mut Site,
    renderer: &MarkdownRenderer,
    templates: Option<&Templates>,
    progress: &dyn Progress,
) -> Diagnostics {
    struct NoShortcodes;
    impl crate::markdown::ShortcodeRenderer for NoShortcodes {
        fn render(
            &self,
            _: &crate::shortcodes::Call,
            _: usize,
            _: &str,
        ) -> Result<Option<crate::markdown::ShortcodeOutput>, String> {
            // The template errors are already reported and fail the build; an error here for
            // every shortcode call would only bury them.
            Ok(Some(crate::markdown::ShortcodeOutput::Html(String::new())))
        }
    }
    let no_shortcodes = NoShortcodes;
    let shortcodes: &dyn crate::markdown::ShortcodeRenderer = match templates {
        Some(t) => t,
        None => &no_shortcodes,
    };
    progress.start("Markdown", site.pages.len() + site.sections.len());
    let links = ModelLinks(site);
    let page_results: Vec<(Rendered, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .map(|page| {
            let anchors = anchors_for(site, page.section, None);
            let r = renderer.render_page(
                &page.file,
                &page.lang,
                &page.permalink,
                anchors,
                &links,
                shortcodes,
            );
            progress.tick();
            r
        })
        .collect();
    let section_results: Vec<Option<(Rendered, Vec<Diagnostic>)>> = site
        .sections
        .par_iter()
        .enumerate()
        .map(|(i, section)| {
            let r = section.file.as_ref().map(|file| {
                let anchors = anchors_for(site, i, None);
                renderer.render_page(
                    file,
                    &section.lang,
                    &section.permalink,
                    anchors,
                    &links,
                    shortcodes,
                )
            });
            progress.tick();
            r
        })
        .collect();
    progress.finish();
    let mut diags = Diagnostics::default();
    for (page, (rendered, d)) in site.pages.iter_mut().zip(page_results) {
        page.rendered = rendered;
        diags.extend(d);
        // The body has been rendered; later diagnostics point into the front matter only, so
        // keep just that part of the text (on a large site the bodies are a good part of memory).
        page.file.source.text =
            std::sync::Arc::from(&page.file.source.text[..page.file.body_start]);
    }
    for (section, result) in site.sections.iter_mut().zip(section_results) {
        if let Some((rendered, d)) = result {
            section.rendered = rendered;
            diags.extend(d);
        }
    }
    diags
}

/// One unit of output work.
#[derive(Debug, Clone)]
enum Job {
    Page(usize),
    Section(usize),
    TaxonomyList(usize),
    Term(usize, usize),
    Alias { path: String, to: String },
    Feeds,
    Sitemap,
    Robots,
    NotFound,
}

/// Counts of what was produced.
#[derive(Debug, Default, Clone)]
pub struct RenderCounts {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
}

/// Renders all outputs and hands them to `sink`. Static files and co-located assets too.
pub fn render_site(
    site: &Site,
    templates: &Templates,
    static_files: &[crate::load::AssetFile],
    sink: &dyn Sink,
    progress: &dyn Progress,
) -> (RenderCounts, Diagnostics) {
    let mut jobs = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        if page.meta.render {
            jobs.push(Job::Page(i));
        }
        for alias in &page.meta.aliases {
            jobs.push(Job::Alias {
                path: alias.get_ref().clone(),
                to: page.permalink.clone(),
            });
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        if section.meta.render {
            jobs.push(Job::Section(i));
        }
        for alias in &section.meta.aliases {
            jobs.push(Job::Alias {
                path: alias.get_ref().clone(),
                to: section.permalink.clone(),
            });
        }
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.config.render {
            jobs.push(Job::TaxonomyList(t));
            for term in 0..tax.terms.len() {
                jobs.push(Job::Term(t, term));
            }
        }
    }
    jobs.extend([Job::Feeds, Job::NotFound]);
    if site.config.generate_sitemap {
        jobs.push(Job::Sitemap);
    }
    if site.config.generate_robots_txt {
        jobs.push(Job::Robots);
    }

    let diags = Mutex::new(Diagnostics::default());
    let files = AtomicUsize::new(0);
    let report = |d: Diagnostic| {
        if let Ok(mut all) = diags.lock() {
            all.push(d);
        }
    };

    // Static files first: a page of the same path overrides it, as in Zola.
    let mut copies: Vec<(&str, &std::path::Path)> = Vec::new();
    for file in static_files.iter().chain(site.content_assets.iter()) {
        copies.push((&file.relative, &file.absolute));
    }
    copies
        .par_iter()
        .for_each(|(rel, abs)| match sink.copy(rel, abs) {
            Ok(()) => {
                files.fetch_add(1, Ordering::Relaxed);
            }
            Err(d) => report(d),
        });

    progress.start("Rendering", jobs.len());
    let configs = site
        .config
        .all_languages()
        .into_iter()
        .map(|lang| {
            let value = serde_json::to_value(site.config.for_language(&lang)).unwrap_or_default();
            (lang, value)
        })
        .collect();
    let ctx = RenderContext {
        site,
        templates,
        configs,
    };
    jobs.par_iter().for_each(|job| {
        match ctx.run(job) {
            Ok(outputs) => {
                for (path, bytes) in outputs {
                    match sink.write(&path, &bytes) {
                        Ok(()) => {
                            files.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(d) => report(d),
                    }
                }
            }
            Err(d) => report(d),
        }
        progress.tick();
    });
    progress.finish();

    let counts = RenderCounts {
        pages: site.pages.iter().filter(|p| p.meta.render).count(),
        sections: site.sections.iter().filter(|s| s.meta.render).count(),
        files: files.load(Ordering::Relaxed),
    };
    (counts, diags.into_inner().unwrap_or_default())
}

struct RenderContext<'a> {
    site: &'a Site,
    templates: &'a Templates,
    /// `config` as templates see it, per language, serialized once.
    configs: BTreeMap<String, Value>,
}

/// A template context under construction. Values are moved in, and handed to Tera without
/// the copy `tera::Context::insert` makes: on a large site most of a build's time was spent
/// copying and freeing page values.
type Ctx = serde_json::Map<String, Value>;

type Outputs = Vec<(String, Vec<u8>)>;

impl RenderContext<'_> {
    fn data(&self) -> Result<&context::Serialized, Diagnostic> {
        self.templates
            .data
            .get()
            .map(|d| &d.ser)
            .ok_or_else(|| Diagnostic::error("internal: site data missing before rendering"))
    }

    fn base_context(&self, lang: &str, path: &str) -> Ctx {
        let mut c = Ctx::new();
        let config = self.configs.get(lang).cloned().unwrap_or(Value::Null);
        c.insert("config".into(), config);
        c.insert("lang".into(), json!(lang));
        c.insert("current_path".into(), json!(path));
        c.insert(
            "current_url".into(),
            json!(paths::permalink(path, &self.site.config)),
        );
        c
    }

    /// Renders a non-HTML template (feeds, sitemap, robots.txt).
    fn text(&self, template: &str, context: Ctx) -> Result<String, Diagnostic> {
        let context = tera::Context::from_value(Value::Object(context))
            .map_err(|e| Diagnostic::error(format!("internal: template context: {e}")))?;
        self.templates.render(template, &context)
    }

    fn html(
        &self,
        template: &str,
        context: Ctx,
        path: &str,
    ) -> Result<(String, Vec<u8>), Diagnostic> {
        let context = tera::Context::from_value(Value::Object(context))
            .map_err(|e| Diagnostic::error(format!("internal: template context: {e}")))?;
        let html = self.templates.render(template, &context).map_err(|mut d| {
            d.message = format!("{} (while rendering {path})", d.message);
            d
        })?;
        let bytes = output::finish_html(&html, path, &self.site.config)
            .map_err(|e| Diagnostic::error(format!("cannot rewrite links in {path}: {e}")))?;
        Ok((paths::output_file(path), bytes))
    }

    fn require_template(
        &self,
        name: &str,
        owner: Option<&crate::load::MarkdownFile>,
        span: Option<std::ops::Range<usize>>,
    ) -> Result<(), Diagnostic> {
        if self.templates.has(name) {
            return Ok(());
        }
        let mut d = Diagnostic::error(format!("template {name} not found"));
        if let Some(file) = owner {
            d = match span {
                Some(s) => d.at(
                    &file.source,
                    s.start + file.front_matter.start..s.end + file.front_matter.start,
                ),
                None => d.in_file(&file.source.name),
            };
        }
        Err(d.with_hint(format!(
            "create templates/{name} (or in the theme's templates/)"
        )))
    }

    fn run(&self, job: &Job) -> Result<Outputs, Diagnostic> {
        match job {
            Job::Page(i) => self.page(*i),
            Job::Section(i) => self.section(*i),
            Job::TaxonomyList(t) => self.taxonomy_list(*t),
            Job::Term(t, term) => self.term(*t, *term),
            Job::Alias { path, to } => self.alias(path, to),
            Job::Feeds => self.feeds(),
            Job::Sitemap => self.sitemap(),
            Job::Robots => {
                let c = self.base_context(&self.site.config.default_language, "/robots.txt");
                let text = self.text("robots.txt", c)?;
                Ok(vec![("robots.txt".into(), text.into_bytes())])
            }
            Job::NotFound => {
                let c = self.base_context(&self.site.config.default_language, "/404.html");
                Ok(vec![self.html("404.html", c, "/404.html")?])
            }
        }
    }

    fn page(&self, i: usize) -> Result<Outputs, Diagnostic> {
        let page = &self.site.pages[i];
        let (template, span) = match &page.meta.template {
            Some(t) => (t.get_ref().clone(), Some(t.span())),
            None => (self.page_template_of(page.section), None),
        };
        self.require_template(&template, Some(&page.file), span)?;
        let ser = self.data()?;
        let mut c = self.base_context(&page.lang, &page.path);
        c.insert(
            "page".into(),
            context::page_with_neighbours(self.site, ser, i),
        );
        let out = self.html(&template, c, &page.path).map_err(|d| {
            if d.file.is_none() {
                d.in_file(&page.file.source.name)
            } else {
                d
            }
        })?;
        Ok(vec![out])
    }

    fn page_template_of(&self, section: usize) -> String {
        let mut current = Some(section);
        while let Some(s) = current {
            if let Some(t) = &self.site.sections[s].meta.page_template {
                return t.get_ref().clone();
            }
            current = self.site.sections[s].parent;
        }
        "page.html".into()
    }

    fn section(&self, i: usize) -> Result<Outputs, Diagnostic> {
        let section = &self.site.sections[i];
        if let Some(to) = &section.meta.redirect_to {
            let target = if to.starts_with("http://") || to.starts_with("https://") {
                to.clone()
            } else {
                paths::permalink(&paths::normalize_path(to), &self.site.config)
            };
            return self.redirect(&section.path, &target);
        }
        let (template, span) = match &section.meta.template {
            Some(t) => (t.get_ref().clone(), Some(t.span())),
            None if section.key.is_empty() => ("index.html".into(), None),
            None => ("section.html".into(), None),
        };
        self.require_template(&template, section.file.as_ref(), span)?;
        let ser = self.data()?;
        let mut outputs = Vec::new();
        match section.meta.paginate_by.filter(|n| *n > 0) {
            None => {
                let mut c = self.base_context(&section.lang, &section.path);
                c.insert(
                    "section".into(),
                    context::section_with_pages(
                        self.site,
                        ser,
                        i,
                        true,
                        self.templates.list_form(&template),
                    ),
                );
                outputs.push(self.html(&template, c, &section.path)?);
            }
            Some(per_page) => {
                let mut pages = section.pages.clone();
                if section.meta.paginate_reversed {
                    pages.reverse();
                }
                let section_value = context::section_with_pages(
                    self.site,
                    ser,
                    i,
                    false,
                    self.templates.list_form(&template),
                );
                let pager_path = |n: usize| {
                    if n == 1 {
                        section.path.clone()
                    } else {
                        format!("{}{}/{}/", section.path, section.meta.paginate_path, n)
                    }
                };
                let form = self.templates.list_form(&template);
                for (n, path, paginator) in
                    paginate(ser, &pages, per_page, form, &pager_path, &self.site.config)
                {
                    let mut c = self.base_context(&section.lang, &path);
                    c.insert("section".into(), section_value.clone());
                    c.insert("paginator".into(), paginator);
                    outputs.push(self.html(&template, c, &path)?);
                    if n == 1 {
                        let first_alias =
                            format!("{}{}/1/", section.path, section.meta.paginate_path);
                        outputs.extend(self.redirect(&first_alias, &section.permalink)?);
                    }
                }
            }
        }
        Ok(outputs)
    }

    fn redirect(&self, from_path: &str, to: &str) -> Result<Outputs, Diagnostic> {
        let mut c = Ctx::new();
        c.insert("url".into(), json!(to));
        Ok(vec![self.html("internal/alias.html", c, from_path)?])
    }

    fn alias(&self, alias: &str, to: &str) -> Result<Outputs, Diagnostic> {
        if let Some(reason) = paths::unsafe_path_reason(alias) {
            return Err(Diagnostic::error(format!(
                "alias {alias:?} is refused: it {reason}"
            )));
        }
        self.redirect(&paths::normalize_path(alias), to)
    }

    fn taxonomy_list(&self, t: usize) -> Result<Outputs, Diagnostic> {
        let tax = &self.site.taxonomies[t];
        self.require_template("taxonomy_list.html", None, None)?;
        let ser = self.data()?;
        let terms: Vec<Value> = (0..tax.terms.len())
            .map(|i| {
                let form = self
                    .templates
                    .uses_pages("taxonomy_list.html")
                    .then(|| self.templates.list_form("taxonomy_list.html"));
                context::term_value(self.site, ser, t, i, form)
            })
            .collect();
        let mut c = self.base_context(&tax.lang, &tax.path);
        c.insert("taxonomy".into(), context::taxonomy_value(self.site, t));
        c.insert("terms".into(), Value::Array(terms));
        Ok(vec![self.html("taxonomy_list.html", c, &tax.path)?])
    }

    fn term(&self, t: usize, term: usize) -> Result<Outputs, Diagnostic> {
        let tax = &self.site.taxonomies[t];
        let term_model = &tax.terms[term];
        self.require_template("taxonomy_single.html", None, None)?;
        let ser = self.data()?;
        let taxonomy = context::taxonomy_value(self.site, t);
        let mut outputs = Vec::new();
        match tax.config.paginate_by.filter(|n| *n > 0) {
            None => {
                let mut c = self.base_context(&tax.lang, &term_model.path);
                c.insert("taxonomy".into(), taxonomy.clone());
                c.insert(
                    "term".into(),
                    context::term_value(
                        self.site,
                        ser,
                        t,
                        term,
                        Some(self.templates.list_form("taxonomy_single.html")),
                    ),
                );
                outputs.push(self.html("taxonomy_single.html", c, &term_model.path)?);
            }
            Some(per_page) => {
                let term_value = context::term_value(self.site, ser, t, term, None);
                let paginate_path = tax
                    .config
                    .paginate_path
                    .clone()
                    .unwrap_or_else(|| "page".into());
                let pager_path = |n: usize| {
                    if n == 1 {
                        term_model.path.clone()
                    } else {
                        format!("{}{}/{}/", term_model.path, paginate_path, n)
                    }
                };
                for (_, path, paginator) in paginate(
                    ser,
                    &term_model.pages,
                    per_page,
                    self.templates.list_form("taxonomy_single.html"),
                    &pager_path,
                    &self.site.config,
                ) {
                    let mut c = self.base_context(&tax.lang, &path);
                    c.insert("taxonomy".into(), taxonomy.clone());
                    c.insert("term".into(), term_value.clone());
                    c.insert("paginator".into(), paginator);
                    outputs.push(self.html("taxonomy_single.html", c, &path)?);
                }
            }
        }
        if tax.config.feed {
            let pages: Vec<usize> = term_model.pages.clone();
            outputs.extend(self.feed(&tax.lang, &term_model.path, &pages)?);
        }
        Ok(outputs)
    }

    /// Feeds of each language, and of sections that ask for one.
    fn feeds(&self) -> Result<Outputs, Diagnostic> {
        let mut outputs = Vec::new();
        for lang in self.site.config.all_languages() {
            if !self.site.config.generate_feeds_for(&lang) {
                continue;
            }
            let pages: Vec<usize> = (0..self.site.pages.len())
                .filter(|&p| self.site.pages[p].lang == lang && self.site.pages[p].meta.render)
                .collect();
            outputs.extend(self.feed(
                &lang,
                &paths::language_prefix(&lang, &self.site.config),
                &pages,
            )?);
        }
        for section in &self.site.sections {
            if section.meta.generate_feeds {
                outputs.extend(self.feed(&section.lang, &section.path, &section.pages)?);
            }
        }
        Ok(outputs)
    }

    fn feed(&self, lang: &str, dir: &str, pages: &[usize]) -> Result<Outputs, Diagnostic> {
        let ser = self.data()?;
        let mut dated: Vec<usize> = pages
            .iter()
            .copied()
            .filter(|&p| self.site.pages[p].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            let (pa, pb) = (&self.site.pages[a], &self.site.pages[b]);
            pb.date
                .cmp(&pa.date)
                .then_with(|| pa.file.relative.cmp(&pb.file.relative))
        });
        if let Some(limit) = self.site.config.feed_limit {
            dated.truncate(limit);
        }
        // The feed's date comes from content, never from the clock, so builds are reproducible.
        let last_updated = dated
            .iter()
            .filter_map(|&p| {
                let page = &self.site.pages[p];
                page.updated.max(page.date)
            })
            .max()
            .map(|d| d.to_rfc3339())
            .unwrap_or_else(source_date_epoch);
        let values: Vec<Value> = dated.iter().map(|&p| ser.full_page(p)).collect();
        let mut outputs = Vec::new();
        for filename in self.site.config.feed_filenames_for(lang) {
            let path = format!("{dir}{filename}");
            let mut c = self.base_context(lang, &path);
            c.insert(
                "feed_url".into(),
                json!(paths::permalink(&path, &self.site.config)),
            );
            c.insert("last_updated".into(), json!(last_updated));
            c.insert("pages".into(), Value::Array(values.clone()));
            if !self.templates.has(&filename) {
                return Err(
                    Diagnostic::error(format!("no template for feed {filename}"))
                        .in_file("config.toml")
                        .with_hint("use atom.xml or rss.xml, or add a template of that name"),
                );
            }
            let text = self.text(&filename, c)?;
            outputs.push((paths::output_file(&path), text.into_bytes()));
        }
        Ok(outputs)
    }

    fn sitemap(&self) -> Result<Outputs, Diagnostic> {
        let mut entries: BTreeSet<(String, Option<String>)> = BTreeSet::new();
        for page in &self.site.pages {
            if page.meta.render {
                let updated = page
                    .updated
                    .or(page.date)
                    .map(|d| d.date().format("%Y-%m-%d").to_string());
                entries.insert((page.permalink.clone(), updated));
            }
        }
        for section in &self.site.sections {
            if section.meta.render && section.meta.redirect_to.is_none() {
                entries.insert((section.permalink.clone(), None));
                if let Some(per_page) = section.meta.paginate_by.filter(|n| *n > 0) {
                    let pagers = section.pages.len().div_ceil(per_page).max(1);
                    for n in 2..=pagers {
                        entries.insert((
                            format!("{}{}/{}/", section.permalink, section.meta.paginate_path, n),
                            None,
                        ));
                    }
                }
            }
        }
        for tax in &self.site.taxonomies {
            if tax.config.render {
                entries.insert((tax.permalink.clone(), None));
                for term in &tax.terms {
                    entries.insert((term.permalink.clone(), None));
                }
            }
        }
        let entries: Vec<Value> = entries
            .into_iter()
            .map(|(permalink, updated)| json!({"permalink": permalink, "updated": updated}))
            .collect();
        let mut c = self.base_context(&self.site.config.default_language, "/sitemap.xml");
        c.insert("entries".into(), Value::Array(entries));
        let text = self.text("sitemap.xml", c)?;
        Ok(vec![("sitemap.xml".into(), text.into_bytes())])
    }
}

/// The date a build uses when content gives none: SOURCE_DATE_EPOCH, or the Unix epoch.
fn source_date_epoch() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Zola's paginator objects, one per pager: (number, path, paginator).
/// Pagers are made one at a time as they are rendered, so only one pager's pages are copied.
fn paginate<'a>(
    ser: &'a context::Serialized,
    pages: &'a [usize],
    per_page: usize,
    form: context::ListForm<'a>,
    pager_path: &'a dyn Fn(usize) -> String,
    config: &'a crate::config::Config,
) -> impl Iterator<Item = (usize, String, Value)> + 'a {
    let total = pages.len().div_ceil(per_page).max(1);
    let link = move |n: usize| paths::permalink(&pager_path(n), config);
    (1..=total).map(move |n| {
        let start = (n - 1) * per_page;
        let slice: Vec<Value> = pages
            .iter()
            .skip(start)
            .take(per_page)
            .map(|&p| ser.list_page(p, form))
            .collect();
        // Zola's base_url: the address pagers are appended to (`…/page/`).
        let base = link(2)
            .trim_end_matches('/')
            .trim_end_matches(char::is_numeric)
            .to_string();
        let mut paginator = json!({
            "paginate_by": per_page,
            "base_url": base,
            "number_pagers": total,
            "total_pages": total,
            "current_index": n,
            "first": link(1),
            "last": link(total),
            "previous": if n > 1 { Value::String(link(n - 1)) } else { Value::Null },
            "next": if n < total { Value::String(link(n + 1)) } else { Value::Null },
        });
        // Moved in, not through `json!`, which would copy every page value again.
        paginator["pages"] = Value::Array(slice);
        (n, pager_path(n), paginator)
    })
}
