//! casebook: a static site generator for a transparency site about political prisoners,
//! compatible with Zola's content and templates.
//!
//! The pipeline has explicit stages over one model: [`config`] and [`load`] read files,
//! [`model`] builds the site graph, [`render`] turns Markdown and templates into files, and
//! [`output`] writes them atomically with relative links. Nothing here prints; problems come back
//! as [`diagnostics::Diagnostics`] for the command line to report.

pub mod cases;
pub mod config;
pub mod diagnostics;
pub mod front_matter;
pub mod load;
pub mod markdown;
pub mod model;
pub mod nesting;
pub mod output;
pub mod render;
pub mod report;
pub mod shortcodes;
pub mod templates;

use std::path::PathBuf;
use std::sync::Arc;

use diagnostics::Diagnostics;
use output::{NullSink, OutputDir, Sink};
pub use render::{NoProgress, Progress};

/// What a build or check is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to the config's `output_dir` below the root.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub include_drafts: bool,
}

/// What a successful build produced, for the summary line.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub sections: usize,
    pub files: usize,
    pub output: Option<PathBuf>,
}

/// The result of a build: a summary and the warnings, or every error found.
pub type Outcome = Result<(Summary, Diagnostics), Diagnostics>;

/// Builds the site into its output folder; the previous output is replaced only on success.
pub fn build(options: &BuildOptions, progress: &dyn Progress) -> Outcome {
    run(options, progress, true)
}

/// Loads, validates and renders everything in memory, writing nothing.
pub fn check(options: &BuildOptions, progress: &dyn Progress) -> Outcome {
    run(options, progress, false)
}

fn run(options: &BuildOptions, progress: &dyn Progress, write: bool) -> Outcome {
    let root = &options.root;
    let (mut config, mut diags) = config::load(root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }

    let (loaded, load_diags) = load::load(root, config.theme.as_deref());
    diags.extend(load_diags.items);
    let static_files = loaded.static_files.clone();
    let template_files = loaded.templates.clone();
    let (mut site, model_diags) = model::build(
        config.clone(),
        loaded,
        &model::ModelOptions {
            include_drafts: options.include_drafts,
        },
    );
    diags.extend(model_diags.items);
    let (cases, case_diags) = cases::build(&site);
    diags.extend(case_diags.items);
    site.cases = cases;

    let markdown = Arc::new(markdown::MarkdownRenderer::new(&config));
    let mut static_dirs = Vec::new();
    if let Some(theme) = &config.theme {
        static_dirs.push(root.join("themes").join(theme).join("static"));
    }
    static_dirs.push(root.join("static"));
    let templates = match templates::Templates::load(
        &template_files,
        &config,
        markdown.clone(),
        templates::Files {
            root: root.clone(),
            static_dirs,
        },
    ) {
        Ok(t) => Some(t),
        Err(d) => {
            diags.extend(d.items);
            None
        }
    };

    diags.extend(render::render_markdown(&mut site, &markdown, templates.as_ref(), progress).items);
    let Some(templates) = templates else {
        diags.sort();
        return Err(diags);
    };
    let site = Arc::new(site);
    let ser = templates::context::serialize(site.clone());
    let _ = templates.data.set(templates::RenderData {
        site: site.clone(),
        ser,
    });

    // With errors already found, render into nothing to find the rest, and write nothing.
    let output_dir = if write && !diags.has_errors() {
        let target = options
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
    let (counts, render_diags) =
        render::render_site(&site, &templates, &static_files, sink, progress);
    diags.extend(render_diags.items);
    diags.sort();
    if diags.has_errors() {
        // Dropping the output folder removes the temporary build; the old output stays.
        return Err(diags);
    }
    let mut summary = Summary {
        pages: counts.pages,
        sections: counts.sections,
        files: counts.files,
        output: None,
    };
    if let Some((out, target)) = output_dir {
        if let Err(d) = out.commit() {
            return Err(Diagnostics::from(d));
        }
        summary.output = Some(target);
    }
    Ok((summary, diags))
}
