//! Jobs: the units of output work, and what each one read.
//!
//! Every output stage turns the model into a list of jobs; a job renders into files. While a
//! job runs, everything it reads is recorded (its templates, the content files whose values it
//! shows, data files, taxonomies), so that after one file changes exactly the jobs that read it
//! can run again.
//!
//! Recording uses a thread-local set because Tera's functions (`get_page`, `load_data`, …) get
//! only their arguments, never the job that called them. A job runs on one thread from start to
//! end, so the set belongs to exactly one job. The one job that spreads work over the pool (a
//! language's search index) records everything before it does so; a job that the pool runs on
//! its thread meanwhile nests its own set and restores the outer one.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

/// Something a job read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum Input {
    /// A content file, by its path below `content/`: the job's own page or section, or one
    /// pulled in by a list, a feed, `get_page` or `get_section`.
    Content(String),
    /// A template, by its Tera name, including every template it extends, includes or imports.
    Template(String),
    /// A file below the site root read by `load_data`, `get_hash` or a cache-busting `get_url`.
    Data(String),
    /// The terms of a taxonomy in one language (`tags@en`).
    Taxonomy(String),
    /// The list of every page and section and their addresses (sitemap, robots.txt).
    AllContent,
    /// A static or co-located file copied as it is, by the output path it is copied to.
    Static(String),
}

thread_local! {
    static CURRENT: RefCell<Option<BTreeSet<Input>>> = const { RefCell::new(None) };
}

/// Notes that the running job read `input`; outside a job (shortcodes in `check`, tests) it is
/// a no-op.
pub fn record(input: Input) {
    CURRENT.with(|current| {
        if let Some(set) = current.borrow_mut().as_mut() {
            set.insert(input);
        }
    });
}

/// Runs `work` as one job and returns what it read.
pub fn recording<T>(work: impl FnOnce() -> T) -> (T, BTreeSet<Input>) {
    let previous = CURRENT.with(|c| c.replace(Some(BTreeSet::new())));
    let result = work();
    let inputs = CURRENT.with(|c| c.replace(previous)).unwrap_or_default();
    (result, inputs)
}

/// One unit of output work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A static or co-located file copied as it is.
    Copy {
        from: PathBuf,
        to: String,
    },
    /// A page with its template.
    Page(usize),
    /// A page that is not rendered on its own (`render = false`): its body is still rendered
    /// once so that its broken links and shortcodes are reported.
    PageBody(usize),
    /// One pager of a section (0 for an unpaginated section).
    Section {
        index: usize,
        pager: usize,
    },
    TaxonomyList(usize),
    /// One pager of a taxonomy term (0 when unpaginated).
    Term {
        taxonomy: usize,
        term: usize,
        pager: usize,
    },
    /// A redirect page for an alias or the first pager's `…/page/1/`.
    Alias {
        path: String,
        to: String,
    },
    NotFound,
    /// The feeds of a language.
    LanguageFeed(String),
    SectionFeed(usize),
    TermFeed {
        taxonomy: usize,
        term: usize,
    },
    Sitemap,
    Robots,
    /// The search index of a language: `search/<lang>/*.js`.
    SearchIndex(String),
    /// The search client, `search.js`.
    SearchScript,
    /// The OpenSearch description of a language.
    OpenSearch(String),
}

impl Job {
    /// Roughly how much work the job is, as the number of pages it shows: jobs run largest
    /// first, so that the term page listing thousands of pages does not start last and keep one
    /// core busy while the others wait.
    pub fn weight(&self, site: &crate::model::Site) -> usize {
        let listed = |pagers: &[crate::model::Pager], pager: usize, all: usize| {
            pagers.get(pager).map_or(all, |p| p.pages.len())
        };
        match self {
            Job::Section { index, pager } => {
                let section = &site.sections[*index];
                listed(&section.pagers, *pager, section.pages.len())
            }
            Job::Term {
                taxonomy,
                term,
                pager,
            } => {
                let term = &site.taxonomies[*taxonomy].terms[*term];
                listed(&term.pagers, *pager, term.pages.len())
            }
            Job::TaxonomyList(t) => site.taxonomies[*t].terms.len(),
            Job::LanguageFeed(_) | Job::SectionFeed(_) | Job::TermFeed { .. } | Job::Sitemap => {
                site.pages.len()
            }
            Job::SearchIndex(_) => site.pages.len(),
            _ => 1,
        }
    }
}

/// What a finished job read and wrote, for incremental rebuilds and tests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobRecord {
    /// Stable across builds: `page prisoners/bokayev.md`, `section blog/_index.md 2`.
    pub label: String,
    pub inputs: Vec<Input>,
    /// Output paths, relative to the output folder.
    pub outputs: Vec<String>,
}

impl Job {
    /// A name for the job that stays the same across builds of the same content.
    pub fn label(&self, site: &crate::model::Site) -> String {
        let page = |i: usize| {
            site.pages
                .get(i)
                .map(|p| p.file.relative.clone())
                .unwrap_or_default()
        };
        let section = |i: usize| {
            site.sections
                .get(i)
                .map(|s| s.relative_path())
                .unwrap_or_default()
        };
        let taxonomy = |t: usize| {
            site.taxonomies
                .get(t)
                .map(|t| format!("{}@{}", t.config.name, t.lang))
                .unwrap_or_default()
        };
        let term = |t: usize, term: usize| {
            site.taxonomies
                .get(t)
                .and_then(|tax| tax.terms.get(term))
                .map(|term| term.slug.clone())
                .unwrap_or_default()
        };
        match self {
            Job::Copy { to, .. } => format!("copy {to}"),
            Job::Page(i) => format!("page {}", page(*i)),
            Job::PageBody(i) => format!("body {}", page(*i)),
            Job::Section { index, pager } => match pager {
                0 => format!("section {}", section(*index)),
                n => format!("section {} {}", section(*index), n + 1),
            },
            Job::TaxonomyList(t) => format!("taxonomy {}", taxonomy(*t)),
            Job::Term {
                taxonomy: t,
                term: i,
                pager,
            } => match pager {
                0 => format!("term {} {}", taxonomy(*t), term(*t, *i)),
                n => format!("term {} {} {}", taxonomy(*t), term(*t, *i), n + 1),
            },
            Job::Alias { path, .. } => format!("alias {path}"),
            Job::NotFound => "404".into(),
            Job::LanguageFeed(lang) => format!("feed @{lang}"),
            Job::SectionFeed(i) => format!("feed {}", section(*i)),
            Job::TermFeed {
                taxonomy: t,
                term: i,
            } => {
                format!("feed {} {}", taxonomy(*t), term(*t, *i))
            }
            Job::Sitemap => "sitemap".into(),
            Job::Robots => "robots".into(),
            Job::SearchIndex(lang) => format!("search @{lang}"),
            Job::SearchScript => "search.js".into(),
            Job::OpenSearch(lang) => format!("opensearch @{lang}"),
        }
    }
}
