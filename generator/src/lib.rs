//! casebook: a static site generator for a transparency site about political prisoners,
//! compatible with Zola's content and templates.
//!
//! The pipeline has explicit stages over one model: [`config`] and [`load`] read files,
//! [`model`] parses each file once and links the site graph, [`cases`] validates the case files,
//! and [`output`] runs each output kind as jobs that render Markdown ([`bodies`]) and templates
//! ([`templates`]) into files, written atomically with relative links; [`search`] builds the
//! client-side search index and answers queries over it. Nothing here prints;
//! problems come back as [`diagnostics::Diagnostics`] for the command line to report.

// A `Diagnostic` carries a file, a span, a message and hints; errors are the cold path, and
// boxing each one would only add noise to every signature that returns one.
#![allow(clippy::result_large_err)]

pub mod bodies;
pub mod cases;
pub mod config;
pub mod diagnostics;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod model;
pub mod nesting;
pub mod output;
pub mod report;
pub mod search;
pub mod shortcodes;
pub mod templates;
pub mod vec_map;

use std::path::PathBuf;
use std::sync::Arc;

use diagnostics::Diagnostics;
pub use output::{JobRecord, NoProgress, Progress};
use output::{NullSink, OutputDir, OutputFiles, Sink};

/// What a build or check is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to the config's `output_dir` below the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub include_drafts: bool,
    /// Keep what every job read and wrote in [`Summary::jobs`]. Off for one-off builds: on a
    /// 100,000-case site the records are a few hundred megabytes that nobody reads.
    pub record_jobs: bool,
}

/// What a successful build produced.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
    pub output: Option<PathBuf>,
    /// Every job with what it read and wrote, in plan order, when
    /// [`BuildOptions::record_jobs`] asks for them.
    pub jobs: Vec<JobRecord>,
}

/// The result of a build: a summary and the warnings, or every error found.
pub type Outcome = Result<(Summary, Diagnostics), Diagnostics>;

/// Builds the site into its output folder; the previous output is replaced only on success.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Outcome {
    Project::load(options)?.render(progress, true)
}

/// Loads, validates and renders everything in memory, writing nothing.
pub fn check(options: &BuildOptions, progress: &dyn Progress) -> Outcome {
    Project::load(options)?.render(progress, false)
}

/// A site loaded from disk and parsed, ready to render; kept between builds in one process so
/// that a changed file is read and parsed again alone.
pub struct Project {
    options: BuildOptions,
    config: config::Config,
    content: model::Content,
    content_assets: Vec<load::AssetFile>,
    static_files: Vec<load::AssetFile>,
    template_files: Vec<load::TemplateFile>,
    /// Warnings and errors of the configuration and of reading files.
    load_diagnostics: Diagnostics,
}

impl Project {
    /// Load: the configuration, content, templates and static files, each content file parsed.
    pub fn load(options: &BuildOptions) -> Result<Project, Diagnostics> {
        let root = &options.root;
        let (mut config, mut diags) = config::load(root)?;
        if let Some(base_url) = &options.base_url {
            config.base_url = base_url.clone();
        }
        let (loaded, load_diags) = load::load(root, config.theme.as_deref());
        diags.extend(load_diags.items);
        let content = model::Content::parse(&config, loaded.markdown, &model_options(options));
        Ok(Project {
            options: options.clone(),
            config,
            content,
            content_assets: loaded.content_assets,
            static_files: loaded.static_files,
            template_files: loaded.templates,
            load_diagnostics: diags,
        })
    }

    /// Reads and parses one content file again (its path below `content/`), or forgets it when
    /// it no longer exists.
    pub fn reload_content_file(&mut self, relative: &str) {
        let path = self.options.root.join("content").join(relative);
        if !path.exists() {
            self.content.remove(relative);
            return;
        }
        match load::read_content_file(&self.options.root, relative) {
            Ok(file) => self
                .content
                .update(&self.config, file, &model_options(&self.options)),
            Err(diags) => {
                self.content.files.insert(
                    relative.to_string(),
                    model::Parsed {
                        file: model::ParsedFile::Failed,
                        diagnostics: diags.items,
                    },
                );
            }
        }
    }

    /// The rest of the pipeline: link → validate → render → write.
    pub fn render(&self, progress: &dyn Progress, write: bool) -> Outcome {
        let root = &self.options.root;
        let config = &self.config;
        let mut diags = self.load_diagnostics.clone();
        diags.extend(self.content.diagnostics().items);

        // Model: the site graph, linked from the parsed files.
        let (mut site, link_diags) =
            model::link(config.clone(), &self.content, &self.content_assets);
        diags.extend(link_diags.items);

        // Validate: the case rules across files.
        diags.extend(cases::validate(&site).items);

        // Render: templates, section bodies, then every output's jobs.
        let markdown = Arc::new(markdown::MarkdownRenderer::new(config));
        let templates = match templates::Templates::load(
            &self.template_files,
            config,
            markdown.clone(),
            function_files(root, config),
        ) {
            Ok(t) => t,
            Err(d) => {
                diags.extend(d.items);
                diags.sort();
                return Err(diags);
            }
        };
        let shortcodes = templates.shortcodes();
        diags.extend(bodies::render_sections(
            &mut site,
            &markdown,
            shortcodes.as_ref(),
        ));
        let site = Arc::new(site);
        let bodies = Arc::new(bodies::Bodies::new(
            site.clone(),
            markdown,
            shortcodes,
            output::pages::lists_read_bodies(&site, &templates),
        ));
        templates.data.replace(Some(Arc::new(templates::RenderData {
            site: site.clone(),
            bodies: bodies.clone(),
        })));

        // With errors already found, render into nothing to find the rest, and write nothing.
        let output_dir = if write && !diags.has_errors() {
            let target = self
                .options
                .output
                .clone()
                .unwrap_or_else(|| root.join(&config.output_dir));
            match OutputDir::create(&target) {
                Ok(o) => Some((o, target)),
                Err(d) => {
                    diags.push(d);
                    diags.sort();
                    return Err(diags);
                }
            }
        } else {
            None
        };
        let sink: &dyn Sink = match &output_dir {
            Some((o, _)) => o,
            None => &NullSink,
        };
        let files = OutputFiles::new(sink, !diags.has_errors());
        let renderer = output::Renderer::new(&site, &bodies, &templates);
        let jobs = output::plan(&site, &self.static_files);
        let (records, render_diags) =
            output::run(&renderer, &jobs, &files, progress, self.options.record_jobs);
        // The functions must not keep this build's site alive (or readable) after it.
        templates.data.replace(None);
        diags.extend(render_diags.items);
        diags.sort();
        if diags.has_errors() {
            // Dropping the output folder removes the temporary build; the old output stays.
            return Err(diags);
        }

        // Write: swap the finished output in.
        let mut summary = Summary {
            pages: site.pages.iter().filter(|p| p.meta.render).count(),
            sections: site.sections.iter().filter(|s| s.meta.render).count(),
            files: files.paths().len(),
            output: None,
            jobs: records,
        };
        if let Some((out, target)) = output_dir {
            if let Err(d) = out.commit() {
                return Err(Diagnostics::from(d));
            }
            summary.output = Some(target);
        }
        Ok((summary, diags))
    }
}

fn model_options(options: &BuildOptions) -> model::ModelOptions {
    model::ModelOptions {
        include_drafts: options.include_drafts,
    }
}

/// The files template functions may read: the root (load_data) and static folders (get_hash).
fn function_files(root: &std::path::Path, config: &config::Config) -> templates::Files {
    let mut static_dirs = Vec::new();
    if let Some(theme) = &config.theme {
        static_dirs.push(root.join("themes").join(theme).join("static"));
    }
    static_dirs.push(root.join("static"));
    templates::Files {
        root: root.to_path_buf(),
        static_dirs,
    }
}
