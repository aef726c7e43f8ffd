//! The `casebook` command: argument parsing, progress, and exit codes. Everything else is in
//! the library.
//!
//! Exit codes: 0 success, 1 content or template errors (for `search`: a missing or broken
//! index file), 2 usage errors.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use casebook::{report, BuildOptions, Progress};

/// A build allocates and frees many short-lived template values from several threads; jemalloc
/// handles that pattern far better than the system allocator (time and peak memory both).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    about = "Builds a Zola-compatible case-file site into a portable static site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the whole build succeeds).
    Build {
        /// The site's folder (holding config.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; defaults to ROOT/public.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override config.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages and sections marked draft = true.
        #[arg(long)]
        drafts: bool,
    },
    /// Load, validate and render everything in memory; write nothing.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        #[arg(long)]
        drafts: bool,
    },
    /// Search a built site's index, as its search page does: one result a line, best first.
    Search {
        /// The built site (the output folder, holding search/).
        #[arg(long)]
        site: PathBuf,
        /// The words to look for (any text; nothing searchable in it finds nothing).
        #[arg(allow_hyphen_values = true)]
        query: String,
        /// The language's index to search; defaults to the site's default language.
        #[arg(long)]
        lang: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: SearchFormat,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SearchFormat {
    /// `<path>\t<title>` per result.
    Text,
    /// One JSON object with the results and the files a browser would download.
    Json,
}

/// `casebook search`: exit 0 with the results (none is fine), 1 for a missing or broken index
/// file, 2 for a language the index does not have.
fn search(site: PathBuf, query: &str, lang: Option<String>, format: SearchFormat) -> ExitCode {
    use casebook::search::query::{self, ErrorKind, SearchError, SiteDir};
    let fail = |e: SearchError| {
        eprintln!("error: {e}");
        ExitCode::from(match e.kind {
            ErrorKind::Index => 1,
            ErrorKind::Usage => 2,
        })
    };
    let (languages, default) = match query::site_languages(&site) {
        Ok(found) => found,
        Err(e) => return fail(e),
    };
    let lang = match lang.or(default) {
        Some(l) if languages.contains(&l) => l,
        Some(l) => {
            eprintln!(
                "error: the index has no language {l:?}; it has {}",
                languages.join(", ")
            );
            return ExitCode::from(2);
        }
        None => {
            eprintln!(
                "error: cannot tell the default language of the index; pass --lang ({})",
                languages.join(", ")
            );
            return ExitCode::from(2);
        }
    };
    match query::search(&mut SiteDir { root: site }, &lang, query) {
        Ok(answer) => {
            match format {
                SearchFormat::Text => print!("{}", answer.to_text()),
                SearchFormat::Json => println!("{}", answer.to_json()),
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// A progress bar on a terminal; nothing when output goes to a file or CI log.
struct Bar(
    Option<indicatif::ProgressBar>,
    std::sync::Mutex<Option<indicatif::ProgressBar>>,
);

impl Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        if self.0.is_none() {
            return;
        }
        let bar = indicatif::ProgressBar::new(total as u64);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(stage.to_string());
        if let Ok(mut slot) = self.1.lock() {
            *slot = Some(bar);
        }
    }

    fn tick(&self) {
        if let Ok(slot) = self.1.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.inc(1);
            }
        }
    }

    fn finish(&self) {
        if let Ok(mut slot) = self.1.lock() {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        }
    }
}

/// How many warnings `build` prints in full before counting the rest.
const BUILD_WARNINGS_SHOWN: usize = 20;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    let started = Instant::now();
    let (verb, options) = match cli.command {
        Command::Search {
            site,
            query,
            lang,
            format,
        } => return search(site, &query, lang, format),
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => (
            "Built",
            BuildOptions {
                root,
                output,
                base_url,
                include_drafts: drafts,
                record_jobs: false,
            },
        ),
        Command::Check { root, drafts } => (
            "Checked",
            BuildOptions {
                root,
                include_drafts: drafts,
                ..Default::default()
            },
        ),
    };
    let color = std::io::stderr().is_terminal();
    let progress = Bar(
        color.then(indicatif::ProgressBar::hidden),
        std::sync::Mutex::new(None),
    );
    if !options.root.is_dir() {
        eprintln!(
            "error: site folder {} does not exist",
            options.root.display()
        );
        return ExitCode::from(2);
    }
    let outcome = if verb == "Built" {
        casebook::build(&options, &progress)
    } else {
        casebook::check(&options, &progress)
    };
    match outcome {
        Ok((summary, warnings)) => {
            // `check` is where a volunteer reads every warning; a build shows the first few, so
            // that thousands of stale statuses in an archive neither bury its result nor cost
            // the time of formatting each one.
            let shown = if verb == "Built" {
                BUILD_WARNINGS_SHOWN
            } else {
                usize::MAX
            };
            for w in warnings.items.iter().take(shown) {
                eprint!("{}", report::format(w, color));
            }
            if warnings.items.len() > shown {
                eprintln!(
                    "warning: {} more warning(s) not shown; `casebook check` prints them all",
                    warnings.items.len() - shown
                );
            }
            let place = summary
                .output
                .map(|o| format!(" into {}", o.display()))
                .unwrap_or_default();
            eprintln!(
                "{verb} {} pages and {} sections ({} files){place} in {:.2}s",
                summary.pages,
                summary.sections,
                summary.files,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => {
            for d in &diags.items {
                eprint!("{}", report::format(d, color));
            }
            eprintln!(
                "{} error(s); nothing was written{}",
                diags.error_count(),
                if verb == "Built" {
                    ", the previous output is unchanged"
                } else {
                    ""
                }
            );
            ExitCode::from(1)
        }
    }
}
