//! `bench`: writes benchmark corpora for casebook, Zola and Hugo.
//!
//! ```text
//! cargo run --release -p bench -- corpus --cases 10000 --out bench/out/corpus-zola-10000
//! cargo run --release -p bench -- corpus --cases 10000 --out DIR --flavor hugo
//! ```
//!
//! Timing the generators is `bench/run.sh`'s job; this program only writes
//! input. Output is byte-identical for the same arguments.

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

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use corpus::{write_corpus, CorpusOptions, DEFAULT_SEED};
use flavor::Flavor;

const USAGE: &str = "\
usage: bench corpus --cases N --out DIR [--flavor zola|hugo] [--seed N] [--force]

  --cases N        number of prisoner profiles (decisions: N/10)
  --out DIR        directory to write; must be empty, absent, or an earlier corpus with --force
  --flavor F       zola (default; also read by casebook) or hugo
  --seed N         random seed (default: fixed, so corpora are reproducible)
  --force          replace DIR if it holds an earlier corpus
";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse_arguments(&arguments) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("bench: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match write_corpus(&options) {
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

fn parse_arguments(arguments: &[String]) -> Result<CorpusOptions, String> {
    let mut words = arguments.iter();
    match words.next().map(String::as_str) {
        Some("corpus") => {}
        Some("-h" | "--help") | None => return Err("a command is required".to_string()),
        Some(other) => return Err(format!("unknown command `{other}`")),
    }
    let mut cases = None;
    let mut out = None;
    let mut flavor = Flavor::Zola;
    let mut seed = DEFAULT_SEED;
    let mut force = false;
    while let Some(word) = words.next() {
        let mut value = |name: &str| {
            words
                .next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match word.as_str() {
            "--cases" => {
                let text = value("--cases")?;
                let number: u64 = text
                    .parse()
                    .map_err(|_| format!("--cases: `{text}` is not a whole number"))?;
                if number == 0 {
                    return Err("--cases must be at least 1".to_string());
                }
                cases = Some(number);
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--flavor" => flavor = value("--flavor")?.parse()?,
            "--seed" => {
                let text = value("--seed")?;
                seed = text
                    .parse()
                    .map_err(|_| format!("--seed: `{text}` is not a whole number"))?;
            }
            "--force" => force = true,
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(CorpusOptions {
        cases: cases.ok_or("--cases is required")?,
        out: out.ok_or("--out is required")?,
        flavor,
        seed,
        force,
    })
}
