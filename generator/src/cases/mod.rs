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
pub use validate::validate;

/// Folder of person profiles below `content/`.
pub const PRISONERS: &str = "prisoners";
/// Folder of UN decisions below `content/`.
pub const DECISIONS: &str = "decisions";

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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<Prosecution>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<TimelineEntry>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub photo: Option<Photo>,
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
    /// Must be the `url` of one of the file's sources.
    pub source: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// The typed facts of a case file, read from its `[extra]` in the same parse as its front matter;
/// the span is that of the `[extra]` table within the front matter.
#[derive(Debug, Clone)]
pub enum CaseFacts {
    Profile(Spanned<Profile>),
    Decision(Spanned<Decision>),
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
