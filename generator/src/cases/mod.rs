//! The domain model under `[extra]`: persons with their prosecutions, UN decisions, sources.
//!
//! Profiles live in `content/prisoners/`, decisions in `content/decisions/`; their domain fields
//! sit under `[extra]` so the content still builds with Zola. This module types those fields
//! (unknown keys are errors with a "did you mean"), and checks the rules that keep the site
//! trustworthy: every claim has a source, links between people and decisions agree both ways,
//! addresses are web addresses, translations agree on the facts.

mod check_citations;
pub mod citations;
pub mod types;
mod validate;

use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::vec_map::VecMap;

pub use types::{CaseDate, Implementation, Status, UnBody, WebUrl};
pub use validate::validate;

/// Folder of person profiles below `content/`.
pub const PRISONERS: &str = "prisoners";
/// Folder of UN decisions below `content/`.
pub const DECISIONS: &str = "decisions";

/// The sources behind each key fact of an entry: field name → ids of the file's sources.
pub type Cites = VecMap<String, Vec<Spanned<String>>>;

/// The body shortcode that cites a source: `{{ cite(id="hrw-2016-11-29") }}`.
pub const CITE_SHORTCODE: &str = "cite";

/// Profile fields that need a source when they have a value; `names` may have one.
pub const PROFILE_CITED: &[&str] = &["born", "occupation", "region", "status"];
pub const PROFILE_CITABLE: &[&str] = &["born", "occupation", "region", "status", "names"];
/// Prosecution fields that need a source when they have a value.
pub const CASE_CITED: &[&str] = &[
    "arrested",
    "charges",
    "court",
    "verdict",
    "sentence",
    "appeal",
    "detention_place",
    "released",
    "outcome",
];
/// Decision fields that need a source when they have a value.
pub const DECISION_CITED: &[&str] = &[
    "symbol",
    "opinion_number",
    "adopted",
    "session",
    "findings",
    "requests",
    "state_response",
    "implementation",
];

/// A `cite` shortcode in a page body: the `nth` call of it, as the shortcode template sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyCite {
    /// The `id` argument; empty when the call has none (reported by validation).
    pub id: String,
    pub nth: usize,
    /// Byte range of the call in the whole file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Every spelling: Latin variants, Russian and Kazakh Cyrillic.
    pub names: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub born: Option<CaseDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub status: Status,
    pub status_as_of: CaseDate,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub cite: Cites,
    /// The language this page was translated from, which prevails where versions differ.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Spanned<Prosecution>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
    /// Citations in the body, found when the file is parsed.
    #[serde(skip)]
    pub body_cites: Vec<BodyCite>,
}

/// One prosecution; a person can be prosecuted several times.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prosecution {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrested: Option<CaseDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charges: Vec<Charge>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub court: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<CaseDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<Sentence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub appeal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detention_place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub released: Option<CaseDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub cite: Cites,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// Criminal Code article number, as text (`"174"`).
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub date: CaseDate,
    pub text: String,
    /// Ids of the file's sources that report this event.
    pub cite: Spanned<Vec<Spanned<String>>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short and stable (`hrw-2016-11-29`): fields, the timeline and the body cite by it.
    pub id: Spanned<String>,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<CaseDate>,
    pub url: WebUrl,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_url: Option<WebUrl>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    pub file: String,
    pub credit: String,
    pub licence: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub body: UnBody,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opinion_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adopted: Option<CaseDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_response: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implementation: Option<Implementation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub implementation_as_of: Option<CaseDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_url: Option<WebUrl>,
    #[serde(default, skip_serializing_if = "VecMap::is_empty")]
    pub cite: Cites,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translated_from: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip)]
    pub body_cites: Vec<BodyCite>,
}

/// The typed facts of a case file, read from its `[extra]` in the same parse as its front matter;
/// the span is that of the `[extra]` table within the front matter.
#[derive(Debug, Clone)]
pub enum CaseFacts {
    Profile(Spanned<Profile>),
    Decision(Spanned<Decision>),
}

impl CaseFacts {
    /// Cuts every list to its length. serde grows a list by doubling while reading it, so a
    /// one-item `cite` list kept four slots; the facts of every case file live for the whole
    /// build, and on a 100,000-case site the spare slots came to hundreds of megabytes.
    pub fn shrink_to_fit(&mut self) {
        match self {
            CaseFacts::Profile(p) => p.get_mut().shrink_to_fit(),
            CaseFacts::Decision(d) => d.get_mut().shrink_to_fit(),
        }
    }
}

fn shrink_cites(cites: &mut Cites) {
    for ids in cites.values_mut() {
        ids.shrink_to_fit();
    }
}

impl Profile {
    fn shrink_to_fit(&mut self) {
        self.names.shrink_to_fit();
        self.decisions.shrink_to_fit();
        shrink_cites(&mut self.cite);
        self.cases.shrink_to_fit();
        for case in &mut self.cases {
            let case = case.get_mut();
            case.charges.shrink_to_fit();
            shrink_cites(&mut case.cite);
        }
        self.timeline.shrink_to_fit();
        for entry in &mut self.timeline {
            entry.cite.get_mut().shrink_to_fit();
        }
        self.sources.shrink_to_fit();
        self.body_cites.shrink_to_fit();
    }
}

impl Decision {
    fn shrink_to_fit(&mut self) {
        self.persons.shrink_to_fit();
        self.findings.shrink_to_fit();
        self.requests.shrink_to_fit();
        shrink_cites(&mut self.cite);
        self.sources.shrink_to_fit();
        self.body_cites.shrink_to_fit();
    }
}

/// Which kind of case file lives at `relative` (below `content/`), from its folder.
pub fn kind_of(relative: &str) -> Option<&'static str> {
    let folder = relative.split('/').next()?;
    if !relative.contains('/') {
        return None;
    }
    match folder {
        PRISONERS => Some(PRISONERS),
        DECISIONS => Some(DECISIONS),
        _ => None,
    }
}

/// A profile with the page it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct PersonEntry<'a> {
    pub page: usize,
    pub profile: &'a Profile,
}

#[derive(Debug, Clone, Copy)]
pub struct DecisionEntry<'a> {
    pub page: usize,
    pub decision: &'a Decision,
}

/// All persons and decisions of the site, in page order.
#[derive(Debug, Clone, Default)]
pub struct Cases<'a> {
    pub persons: Vec<PersonEntry<'a>>,
    pub decisions: Vec<DecisionEntry<'a>>,
}
