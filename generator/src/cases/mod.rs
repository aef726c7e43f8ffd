//! The domain model under `[extra]`: persons with their prosecutions, UN decisions, sources.
//!
//! Profiles live in `content/prisoners/`, decisions in `content/decisions/`; their domain fields
//! sit under `[extra]` so the content still builds with Zola. This module types those fields
//! (unknown keys are errors with a "did you mean"), and checks the rules that keep the site
//! trustworthy: every claim has a source, links between people and decisions agree both ways,
//! addresses are web addresses, translations agree on the facts.

pub mod types;
mod validate;

use serde::{Deserialize, Serialize};
use toml::Spanned;

pub use types::{CaseDate, Implementation, Status, UnBody, WebUrl};
pub use validate::build;

/// Folder of person profiles below `content/`.
pub const PRISONERS: &str = "prisoners";
/// Folder of UN decisions below `content/`.
pub const DECISIONS: &str = "decisions";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Every spelling: Latin variants, Russian and Kazakh Cyrillic.
    pub names: Vec<String>,
    pub born: Option<CaseDate>,
    pub occupation: Option<String>,
    pub region: Option<String>,
    pub status: Status,
    pub status_as_of: CaseDate,
    #[serde(default)]
    pub decisions: Vec<Spanned<String>>,
    #[serde(default)]
    pub cases: Vec<Prosecution>,
    #[serde(default)]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default)]
    pub sources: Vec<Source>,
    pub photo: Option<Photo>,
}

/// One prosecution; a person can be prosecuted several times.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Prosecution {
    pub arrested: Option<CaseDate>,
    #[serde(default)]
    pub charges: Vec<Charge>,
    pub court: Option<String>,
    pub verdict: Option<CaseDate>,
    pub sentence: Option<Sentence>,
    pub appeal: Option<String>,
    pub detention_place: Option<String>,
    pub released: Option<CaseDate>,
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Charge {
    /// Criminal Code article number, as text (`"174"`).
    pub article: String,
    pub part: Option<String>,
    pub name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub text: String,
    pub years: Option<u32>,
    pub months: Option<Spanned<u32>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    pub date: CaseDate,
    pub text: String,
    /// Must be the `url` of one of the file's sources.
    pub source: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<CaseDate>,
    pub url: WebUrl,
    pub archive_url: Option<WebUrl>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Photo {
    pub file: String,
    pub credit: String,
    pub licence: String,
    pub alt: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub body: UnBody,
    pub symbol: Option<String>,
    pub opinion_number: Option<String>,
    pub adopted: Option<CaseDate>,
    pub session: Option<String>,
    #[serde(default)]
    pub persons: Vec<Spanned<String>>,
    #[serde(default)]
    pub findings: Vec<String>,
    #[serde(default)]
    pub requests: Vec<String>,
    pub state_response: Option<String>,
    pub implementation: Option<Implementation>,
    pub implementation_as_of: Option<CaseDate>,
    pub document_url: Option<WebUrl>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A profile with the page it belongs to.
#[derive(Debug, Clone)]
pub struct PersonEntry {
    pub page: usize,
    pub profile: Profile,
}

#[derive(Debug, Clone)]
pub struct DecisionEntry {
    pub page: usize,
    pub decision: Decision,
}

/// All persons and decisions of the site, in page order.
#[derive(Debug, Clone, Default)]
pub struct Cases {
    pub persons: Vec<PersonEntry>,
    pub decisions: Vec<DecisionEntry>,
}
