//! The outputs: each kind is a stage of its own that turns the model into jobs and a job into
//! files, all written through one [`files::OutputFiles`].
//!
//! - [`statics`]: static and co-located files, copied as they are;
//! - [`pages`]: pages, sections and their pagers, taxonomy pages, aliases, 404;
//! - [`feeds`]: Atom and RSS feeds of languages, sections and terms;
//! - [`sitemap`]: sitemap.xml and robots.txt;
//! - [`search`]: the search index, its client script and OpenSearch descriptions.
//!
//! Jobs are independent and run in parallel; each records what it read ([`jobs::Input`]).

pub mod feeds;
pub mod files;
pub mod jobs;
pub mod links;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod statics;
mod write;

use std::collections::BTreeMap;
use std::sync::Mutex;

use rayon::prelude::*;
use serde_json::{json, Value};

pub use files::OutputFiles;
pub use jobs::{Input, Job, JobRecord};
pub use write::{NullSink, OutputDir, Sink};

use crate::bodies::Bodies;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::AssetFile;
use crate::model::{paths, Site};
use crate::templates::context::Values;
use crate::templates::{functions, Templates};

/// Prepares an HTML page for the output: relative internal links, then minification.
pub fn finish_html(html: &str, page_path: &str, config: &Config) -> Result<Vec<u8>, String> {
    let relative = links::relativize(html, page_path, config.base())?;
    if config.minify_html {
        let depth = crate::nesting::html_depth(&relative);
        if depth > crate::nesting::MAX_HTML_DEPTH {
            return Err(format!(
                "its HTML nests {depth} elements deep, more than the {} a page may have",
                crate::nesting::MAX_HTML_DEPTH
            ));
        }
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        // lightningcss rewrites media queries to range syntax that older phones do not read.
        cfg.minify_css = false;
        cfg.minify_js = false;
        cfg.keep_input_type_text_attr = true;
        Ok(minify_html::minify(relative.as_bytes(), &cfg))
    } else {
        Ok(relative.into_bytes())
    }
}

/// Reports progress of long stages; the CLI shows it as a bar on a terminal.
pub trait Progress: Sync {
    fn start(&self, _stage: &str, _total: usize) {}
    fn tick(&self) {}
    fn finish(&self) {}
}

/// Progress that shows nothing (tests, pipes).
pub struct NoProgress;
impl Progress for NoProgress {}

/// A file a job produced: rendered bytes, or a file to copy.
pub enum Produced {
    Bytes(String, Vec<u8>),
    Copy(String, std::path::PathBuf),
}

impl Produced {
    fn path(&self) -> &str {
        match self {
            Produced::Bytes(p, _) | Produced::Copy(p, _) => p,
        }
    }
}

/// Every job of the site, stage by stage, in a fixed order: static files first, so that a page
/// of the same path replaces one; then the search index, whose jobs are the longest: started
/// first, they share the pool with the pages instead of running alone at the end.
pub fn plan(site: &Site, static_files: &[AssetFile]) -> Vec<Job> {
    let mut jobs = statics::jobs(site, static_files);
    jobs.extend(search::jobs(site));
    jobs.extend(pages::jobs(site));
    jobs.extend(feeds::jobs(site));
    jobs.extend(sitemap::jobs(site));
    jobs
}

/// Runs `jobs` and writes what they produce; returns what each job read and wrote when `keep`.
pub fn run(
    renderer: &Renderer,
    jobs: &[Job],
    files: &OutputFiles,
    progress: &dyn Progress,
    keep: bool,
) -> (Vec<JobRecord>, Diagnostics) {
    let diags = Mutex::new(Diagnostics::default());
    let report = |d: Diagnostic| {
        if let Ok(mut all) = diags.lock() {
            all.push(d);
        }
    };
    type Numbered<'j> = Vec<(usize, &'j Job)>;
    let (copies, mut rendered): (Numbered, Numbered) = jobs
        .iter()
        .enumerate()
        .partition(|(_, j)| matches!(j, Job::Copy { .. }));
    // Largest first (a stable sort: equal jobs keep plan order); records go back to plan order.
    rendered.sort_by_cached_key(|(_, job)| std::cmp::Reverse(job.weight(renderer.site)));
    progress.start("Rendering", jobs.len());
    let mut records = Vec::with_capacity(jobs.len());
    for batch in [copies, rendered] {
        let mut batch_records: Vec<(usize, Option<JobRecord>)> = batch
            .par_iter()
            .map(|&(index, job)| {
                let label = job.label(renderer.site);
                let (result, inputs) = jobs::recording(|| renderer.render(job));
                functions::set_list_form(None);
                let mut outputs = Vec::new();
                match result {
                    Ok(produced) => {
                        for file in produced {
                            outputs.push(file.path().to_string());
                            let written = match &file {
                                Produced::Bytes(path, bytes) => files.write(&label, path, bytes),
                                Produced::Copy(path, from) => files.copy(path, from),
                            };
                            if let Err(d) = written {
                                report(d);
                            }
                        }
                    }
                    Err(d) => report(d),
                }
                progress.tick();
                let record = keep.then(|| JobRecord {
                    label,
                    inputs: inputs.into_iter().collect(),
                    outputs,
                });
                (index, record)
            })
            .collect();
        batch_records.sort_by_key(|(index, _)| *index);
        records.extend(batch_records.into_iter().filter_map(|(_, r)| r));
    }
    progress.finish();
    let mut diags = diags.into_inner().unwrap_or_default();
    diags.extend(renderer.bodies.take_diagnostics());
    (records, diags)
}

/// What every job renders with: the model, its bodies and the templates.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
    pub templates: &'a Templates,
    /// `config` as templates see it, per language, serialized once.
    configs: BTreeMap<String, Value>,
}

/// A template context under construction. Values are moved in, and handed to Tera without
/// the copy `tera::Context::insert` makes.
pub type Ctx = serde_json::Map<String, Value>;

/// Files a job produced.
pub type Outputs = Vec<Produced>;

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, bodies: &'a Bodies, templates: &'a Templates) -> Self {
        let configs = site
            .config
            .all_languages()
            .into_iter()
            .map(|lang| {
                let value =
                    serde_json::to_value(site.config.for_language(&lang)).unwrap_or_default();
                (lang, value)
            })
            .collect();
        Renderer {
            site,
            bodies,
            templates,
            configs,
        }
    }

    pub fn values(&self) -> Values<'_> {
        Values {
            site: self.site,
            bodies: self.bodies,
        }
    }

    fn render(&self, job: &Job) -> Result<Outputs, Diagnostic> {
        match job {
            Job::Copy { from, to } => statics::render(self, from, to),
            Job::Page(_)
            | Job::PageBody(_)
            | Job::Section { .. }
            | Job::TaxonomyList(_)
            | Job::Term { .. }
            | Job::Alias { .. }
            | Job::NotFound => pages::render(self, job),
            Job::LanguageFeed(_) | Job::SectionFeed(_) | Job::TermFeed { .. } => {
                feeds::render(self, job)
            }
            Job::Sitemap | Job::Robots => sitemap::render(self, job),
            Job::SearchIndex(_) | Job::SearchScript | Job::OpenSearch(_) => {
                search::render(self, job)
            }
        }
    }

    pub fn base_context(&self, lang: &str, path: &str) -> Ctx {
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

    /// Renders a template with `context`, recording the templates it reads; lists that the
    /// template functions return are shaped like the template's own.
    fn template(&self, template: &str, context: Ctx) -> Result<String, Diagnostic> {
        for name in self.templates.chain(template) {
            jobs::record(Input::Template(name.clone()));
        }
        functions::set_list_form(Some(self.templates.list_form(template)));
        let context = tera::Context::from_value(Value::Object(context))
            .map_err(|e| Diagnostic::error(format!("internal: template context: {e}")))?;
        self.templates.render(template, &context)
    }

    /// Renders a non-HTML template (feeds, sitemap, robots.txt).
    pub fn text(&self, template: &str, context: Ctx, path: &str) -> Result<Produced, Diagnostic> {
        let text = self.template(template, context)?;
        Ok(Produced::Bytes(paths::output_file(path), text.into_bytes()))
    }

    /// Renders an HTML page at URL path `path`, with relative links, minified if asked.
    pub fn html(&self, template: &str, context: Ctx, path: &str) -> Result<Produced, Diagnostic> {
        let html = self.template(template, context).map_err(|mut d| {
            d.message = format!("{} (while rendering {path})", d.message);
            d
        })?;
        let bytes = finish_html(&html, path, &self.site.config)
            .map_err(|e| Diagnostic::error(format!("cannot rewrite links in {path}: {e}")))?;
        Ok(Produced::Bytes(paths::output_file(path), bytes))
    }
}

/// The date a build uses when content gives none: SOURCE_DATE_EPOCH, or the Unix epoch.
pub fn source_date_epoch() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or(0);
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}
