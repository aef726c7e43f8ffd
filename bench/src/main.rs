//! `bench`: writes benchmark corpora for casebook, Zola and Hugo, and times
//! the floor under their builds.
//!
//! ```text
//! cargo run --release -p bench -- corpus --cases 10000 --out bench/out/corpus-zola-10000
//! cargo run --release -p bench -- corpus --cases 10000 --out DIR --flavor hugo
//! cargo run --release -p bench -- write-floor --from BUILT_SITE --to NEW_DIR
//! ```
//!
//! Timing the generators is `bench/run.sh`'s job; `corpus` only writes input,
//! byte-identical for the same arguments. `write-floor` times only writing a
//! built site's files, the part of a build no generator can avoid.

mod corpus;
mod date;
mod decision;
mod flavor;
mod front_matter;
mod identity;
mod profile;
mod prose;
mod rng;
mod site_files;
mod vocabulary;
mod write_floor;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use corpus::{write_corpus, CorpusOptions, DEFAULT_SEED};
use flavor::Flavor;

const USAGE: &str = "\
usage: bench corpus --cases N --out DIR [--flavor zola|zola-content|hugo] [--seed N] [--force]
       bench write-floor --from DIR --to DIR [--threads N]

corpus: writes a synthetic site
  --cases N        number of prisoner profiles (decisions: N/10)
  --out DIR        directory to write; must be empty, absent, or an earlier corpus with --force
  --flavor F       zola (default), zola-content (same pages, templates that list page bodies;
                   both also read by casebook) or hugo
  --seed N         random seed (default: fixed, so corpora are reproducible)
  --force          replace DIR if it holds an earlier corpus

write-floor: reads the built site in --from into memory, then times creating its folders and
writing its files into --to (absent or empty) and prints the seconds first on its line
  --threads N      writing threads (default: the number of cores)
";

enum Command {
    Corpus(CorpusOptions),
    WriteFloor {
        from: PathBuf,
        to: PathBuf,
        threads: usize,
    },
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse_arguments(&arguments) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("bench: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Corpus(options) => corpus(&options),
        Command::WriteFloor { from, to, threads } => write_floor(&from, &to, threads),
    }
}

fn corpus(options: &CorpusOptions) -> ExitCode {
    let started = Instant::now();
    match write_corpus(options) {
        Ok(summary) => {
            println!(
                "bench: wrote {} profiles and {} decisions ({} files, {:.1} MB, {} flavor) to {} in {:.1} s",
                summary.profiles,
                summary.decisions,
                summary.files,
                summary.bytes as f64 / 1e6,
                options.flavor.name(),
                options.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench: cannot write corpus: {error}");
            ExitCode::FAILURE
        }
    }
}

fn write_floor(from: &Path, to: &Path, threads: usize) -> ExitCode {
    let site = match write_floor::read_site(from) {
        Ok(site) => site,
        Err(error) => {
            eprintln!("bench: cannot read the built site: {error}");
            return ExitCode::FAILURE;
        }
    };
    match write_floor::write_site(&site, to, threads) {
        Ok(elapsed) => {
            println!(
                "{:.3} s to write {} files ({:.1} MB) in {} folders with {threads} threads into {}",
                elapsed.as_secs_f64(),
                site.files.len(),
                site.bytes() as f64 / 1e6,
                site.folders.len(),
                to.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bench: cannot write the site: {error}");
            ExitCode::FAILURE
        }
    }
}

fn parse_arguments(arguments: &[String]) -> Result<Command, String> {
    let mut words = arguments.iter();
    let command = match words.next().map(String::as_str) {
        Some(command @ ("corpus" | "write-floor")) => command,
        Some("-h" | "--help") | None => return Err("a command is required".to_string()),
        Some(other) => return Err(format!("unknown command `{other}`")),
    };
    let mut cases = None;
    let mut out = None;
    let mut flavor = Flavor::Zola;
    let mut seed = DEFAULT_SEED;
    let mut force = false;
    let mut from = None;
    let mut to = None;
    let mut threads = None;
    while let Some(word) = words.next() {
        let mut value = |name: &str| {
            words
                .next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match (command, word.as_str()) {
            ("corpus", "--cases") => cases = Some(positive(&value("--cases")?, "--cases")?),
            ("corpus", "--out") => out = Some(PathBuf::from(value("--out")?)),
            ("corpus", "--flavor") => flavor = value("--flavor")?.parse()?,
            ("corpus", "--seed") => {
                let text = value("--seed")?;
                seed = text
                    .parse()
                    .map_err(|_| format!("--seed: `{text}` is not a whole number"))?;
            }
            ("corpus", "--force") => force = true,
            ("write-floor", "--from") => from = Some(PathBuf::from(value("--from")?)),
            ("write-floor", "--to") => to = Some(PathBuf::from(value("--to")?)),
            ("write-floor", "--threads") => {
                let number = positive(&value("--threads")?, "--threads")?;
                threads = Some(usize::try_from(number).map_err(|_| "--threads is too large")?);
            }
            (_, other) => return Err(format!("{command}: unknown option `{other}`")),
        }
    }
    if command == "write-floor" {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        return Ok(Command::WriteFloor {
            from: from.ok_or("--from is required")?,
            to: to.ok_or("--to is required")?,
            threads: threads.unwrap_or(cores),
        });
    }
    Ok(Command::Corpus(CorpusOptions {
        cases: cases.ok_or("--cases is required")?,
        out: out.ok_or("--out is required")?,
        flavor,
        seed,
        force,
    }))
}

/// A whole number of at least 1, for the option `name`.
fn positive(text: &str, name: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err(format!("{name} must be at least 1")),
        Ok(number) => Ok(number),
        Err(_) => Err(format!("{name}: `{text}` is not a whole number")),
    }
}
