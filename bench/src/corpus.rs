//! Writing a whole corpus directory.
//!
//! The directory gets a marker file, `.bench-corpus`, written last. It lets
//! `run.sh` tell a finished corpus from an interrupted one, and it is the only
//! thing that allows `--force` to delete an existing directory: we never
//! remove a folder this program did not create.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::decision;
use crate::flavor::Flavor;
use crate::profile;
use crate::site_files::fixed_files;

pub const MARKER_FILE: &str = ".bench-corpus";

/// The seed used unless `--seed` says otherwise.
pub const DEFAULT_SEED: u64 = 0x00C0_FFEE_CA5E_B00C;

pub struct CorpusOptions {
    pub cases: u64,
    pub out: PathBuf,
    pub flavor: Flavor,
    pub seed: u64,
    /// Replace an existing corpus directory (only if it has our marker).
    pub force: bool,
}

pub struct CorpusSummary {
    pub files: u64,
    pub bytes: u64,
    pub profiles: u64,
    pub decisions: u64,
}

/// The number of decisions that go with `cases` profiles.
pub fn decision_count(cases: u64) -> u64 {
    cases / 10
}

/// The marker's text; `run.sh` compares it to decide whether a cached corpus
/// is the one it wants.
pub fn marker_text(options: &CorpusOptions) -> String {
    format!(
        "complete flavor={} cases={} seed={}\n",
        options.flavor.name(),
        options.cases,
        options.seed
    )
}

pub fn write_corpus(options: &CorpusOptions) -> io::Result<CorpusSummary> {
    prepare_directory(&options.out, options.force)?;
    let out = &options.out;
    fs::write(out.join(MARKER_FILE), "incomplete\n")?;

    let mut summary = CorpusSummary {
        files: 0,
        bytes: 0,
        profiles: options.cases,
        decisions: decision_count(options.cases),
    };
    let mut write = |relative: &str, text: &str| -> io::Result<()> {
        let path = out.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text).map_err(|error| annotate(error, &path))?;
        summary.files += 1;
        summary.bytes += text.len() as u64;
        Ok(())
    };

    for (relative, text) in fixed_files(options.flavor) {
        write(relative, &text)?;
    }
    // Decisions are outlined first: profiles list the decisions about them.
    let outlines: Vec<decision::Outline> = (1..=decision_count(options.cases))
        .map(|number| decision::outline(options.seed, number, options.cases))
        .collect();
    let outlines_by_case = decision::outlines_by_case(&outlines);
    for case_number in 1..=options.cases {
        let decisions = outlines_by_case
            .get(&case_number)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let text = profile::render(options.seed, case_number, decisions, options.flavor);
        write(
            &format!("content/{}", profile::content_path(case_number)),
            &text,
        )?;
    }
    for outline in &outlines {
        let text = decision::render(options.seed, outline, options.flavor);
        write(
            &format!("content/{}", decision::content_path(outline.number)),
            &text,
        )?;
    }

    fs::write(out.join(MARKER_FILE), marker_text(options))?;
    Ok(summary)
}

/// Makes sure `out` exists and is empty, deleting an earlier corpus there only
/// when `force` is set and the marker proves we wrote it.
fn prepare_directory(out: &Path, force: bool) -> io::Result<()> {
    if out.exists() {
        let is_empty = fs::read_dir(out)?.next().is_none();
        if !is_empty {
            if !out.join(MARKER_FILE).is_file() {
                return Err(io::Error::other(format!(
                    "{} exists, is not empty and is not a bench corpus (no {MARKER_FILE}); \
                     refusing to touch it",
                    out.display()
                )));
            }
            if !force {
                return Err(io::Error::other(format!(
                    "{} already holds a corpus; pass --force to replace it",
                    out.display()
                )));
            }
            fs::remove_dir_all(out)?;
        }
    }
    fs::create_dir_all(out)
}

fn annotate(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders every profile and decision of a corpus in memory.
    fn render_all(cases: u64, flavor: Flavor) -> (Vec<String>, Vec<String>) {
        let outlines: Vec<decision::Outline> = (1..=decision_count(cases))
            .map(|number| decision::outline(DEFAULT_SEED, number, cases))
            .collect();
        let by_case = decision::outlines_by_case(&outlines);
        let profiles = (1..=cases)
            .map(|n| {
                let decisions = by_case.get(&n).map(Vec::as_slice).unwrap_or(&[]);
                profile::render(DEFAULT_SEED, n, decisions, flavor)
            })
            .collect();
        let decisions = outlines
            .iter()
            .map(|outline| decision::render(DEFAULT_SEED, outline, flavor))
            .collect();
        (profiles, decisions)
    }

    #[test]
    fn profiles_are_three_to_six_kilobytes() {
        for flavor in [Flavor::Zola, Flavor::Hugo] {
            let (profiles, _) = render_all(3_000, flavor);
            for (index, text) in profiles.iter().enumerate() {
                assert!(
                    (3_000..=6_144).contains(&text.len()),
                    "profile {} ({}) is {} bytes",
                    index + 1,
                    flavor.name(),
                    text.len()
                );
            }
        }
    }

    /// The corpus follows the case model (sources with ids, every key fact cited), so that the
    /// benchmark builds what a real casebook site holds and `casebook build` accepts it.
    #[test]
    fn a_generated_corpus_passes_casebook_check() {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("corpus");
        write_corpus(&CorpusOptions {
            cases: 300,
            out: out.clone(),
            flavor: Flavor::Zola,
            seed: DEFAULT_SEED,
            force: false,
        })
        .expect("write corpus");
        let options = casebook::BuildOptions {
            root: out,
            ..Default::default()
        };
        let outcome = casebook::check(&options, &casebook::NoProgress);
        if let Err(diagnostics) = &outcome {
            let errors: Vec<&str> = diagnostics
                .items
                .iter()
                .filter(|d| d.is_error())
                .take(5)
                .map(|d| d.message.as_str())
                .collect();
            panic!("the corpus does not pass casebook check: {errors:?}");
        }
    }

    #[test]
    fn rendering_is_deterministic() {
        assert_eq!(render_all(300, Flavor::Zola), render_all(300, Flavor::Zola));
    }

    #[test]
    fn zola_content_differs_from_zola_only_in_list_templates() {
        assert_eq!(
            render_all(300, Flavor::ZolaContent),
            render_all(300, Flavor::Zola)
        );
        let zola = fixed_files(Flavor::Zola);
        let content = fixed_files(Flavor::ZolaContent);
        assert_eq!(
            zola.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
            content.iter().map(|(name, _)| *name).collect::<Vec<_>>()
        );
        let changed: Vec<&str> = zola
            .iter()
            .zip(&content)
            .filter(|(a, b)| a.1 != b.1)
            .map(|(a, _)| a.0)
            .collect();
        assert_eq!(
            changed,
            ["templates/section.html", "templates/taxonomy_single.html"]
        );
        for (name, text) in &content {
            if changed.contains(name) {
                assert!(text.contains("page.content"), "{name} does not read bodies");
            }
        }
    }

    #[test]
    fn profiles_and_decisions_name_each_other() {
        let cases = 2_000;
        let (profiles, decisions) = render_all(cases, Flavor::Zola);
        for (index, text) in decisions.iter().enumerate() {
            let decision_link = format!("@/{}", decision::content_path(index as u64 + 1));
            let persons_line = text.lines().find(|l| l.starts_with("persons = ")).unwrap();
            for target in persons_line.split('"').filter(|s| s.starts_with("@/")) {
                let case_number: u64 = target
                    .trim_start_matches("@/prisoners/case-")
                    .trim_end_matches(".md")
                    .parse()
                    .unwrap();
                assert!((1..=cases).contains(&case_number), "{target}");
                let profile = &profiles[case_number as usize - 1];
                assert!(
                    profile.contains(&decision_link),
                    "{target} lacks {decision_link}"
                );
            }
        }
    }
}
