//! The `casebook` command: argument parsing, progress, and exit codes. Everything else is in
//! the library.
//!
//! Exit codes: 0 success, 1 content or template errors, 2 usage errors.

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
    let color = std::io::stderr().is_terminal();
    let progress = Bar(
        color.then(indicatif::ProgressBar::hidden),
        std::sync::Mutex::new(None),
    );
    let started = Instant::now();
    let (verb, options) = match cli.command {
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
            for w in &warnings.items {
                eprint!("{}", report::format(w, color));
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
