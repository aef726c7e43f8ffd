//! Typed page and section front matter, with Zola's keys.
//!
//! Unlike Zola, pages deny unknown keys as sections do: a misspelt `draft` or `slug` must stop the
//! build with a "did you mean" rather than being ignored. The domain fields of a case live under
//! `[extra]` and are checked by their own module.

use std::ops::Range;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{de::DeserializeOwned, Deserialize};
use toml::Spanned;

use crate::diagnostics::{did_you_mean, Diagnostic, SourceFile};
use crate::load::MarkdownFile;
use crate::vec_map::VecMap;

/// A page's front matter. `E` is what `[extra]` is read into: a plain table for most pages,
/// the typed facts for case files, so that a case file's TOML is parsed once.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter<E = toml::Table> {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<Spanned<toml::Value>>,
    pub updated: Option<Spanned<toml::Value>>,
    pub weight: Option<i64>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default = "yes")]
    pub in_search_index: bool,
    pub template: Option<Spanned<String>>,
    #[serde(default)]
    pub taxonomies: VecMap<String, Vec<String>>,
    #[serde(default = "yes")]
    pub render: bool,
    #[serde(default)]
    pub extra: E,
}

impl<E> PageFrontMatter<E> {
    /// Cuts the lists to their length: serde grows them by doubling while reading, and every
    /// page's front matter is kept for the whole build.
    pub fn shrink_to_fit(&mut self) {
        self.aliases.shrink_to_fit();
        self.authors.shrink_to_fit();
        for terms in self.taxonomies.values_mut() {
            terms.shrink_to_fit();
        }
    }

    /// The same front matter with `[extra]` turned into something else.
    pub fn map_extra<F>(self, f: impl FnOnce(E) -> F) -> PageFrontMatter<F> {
        PageFrontMatter {
            title: self.title,
            description: self.description,
            date: self.date,
            updated: self.updated,
            weight: self.weight,
            draft: self.draft,
            slug: self.slug,
            path: self.path,
            aliases: self.aliases,
            authors: self.authors,
            in_search_index: self.in_search_index,
            template: self.template,
            taxonomies: self.taxonomies,
            render: self.render,
            extra: f(self.extra),
        }
    }
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Deserialize, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    Date,
    UpdateDate,
    Title,
    TitleBytes,
    Weight,
    Slug,
    #[default]
    None,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default)]
    pub sort_by: SortBy,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    pub template: Option<Spanned<String>>,
    pub page_template: Option<Spanned<String>>,
    pub paginate_by: Option<usize>,
    #[serde(default = "default_paginate_path")]
    pub paginate_path: String,
    #[serde(default)]
    pub paginate_reversed: bool,
    pub insert_anchor_links: Option<AnchorLinks>,
    #[serde(default = "yes")]
    pub in_search_index: bool,
    #[serde(default = "yes")]
    pub render: bool,
    pub redirect_to: Option<String>,
    #[serde(default)]
    pub transparent: bool,
    #[serde(default)]
    pub generate_feeds: bool,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub extra: toml::Table,
}

impl Default for SectionFrontMatter {
    fn default() -> Self {
        // An empty TOML table deserializes into the defaults declared above.
        toml::from_str("").unwrap_or_else(|_| unreachable_default())
    }
}

/// Only reached if serde's defaults above stop deserializing from an empty table, which the
/// unit tests rule out.
fn unreachable_default() -> SectionFrontMatter {
    SectionFrontMatter {
        title: None,
        description: None,
        sort_by: SortBy::None,
        weight: 0,
        draft: false,
        template: None,
        page_template: None,
        paginate_by: None,
        paginate_path: default_paginate_path(),
        paginate_reversed: false,
        insert_anchor_links: None,
        in_search_index: true,
        render: true,
        redirect_to: None,
        transparent: false,
        generate_feeds: false,
        aliases: Vec::new(),
        extra: toml::Table::new(),
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum AnchorLinks {
    None,
    Left,
    Right,
    Heading,
}

fn yes() -> bool {
    true
}

fn default_paginate_path() -> String {
    "page".into()
}

/// Deserializes the front matter of a file, turning serde's errors into a diagnostic that
/// points into the file, with "did you mean" for unknown keys.
pub fn parse<T: DeserializeOwned>(file: &MarkdownFile) -> Result<T, Diagnostic> {
    let text = file.front_matter_text();
    let offset = file.front_matter.start;
    toml::from_str::<T>(&text).map_err(|e| {
        let span = e
            .span()
            .map(|s| s.start + offset..s.end + offset)
            .unwrap_or(offset..offset);
        toml_error(e.message(), &file.source, span)
    })
}

/// A diagnostic for a TOML or serde error message, with a suggestion for unknown fields and
/// the allowed values for unknown variants.
pub fn toml_error(message: &str, source: &SourceFile, span: Range<usize>) -> Diagnostic {
    let message = message.trim();
    let names = backticked(message);
    if message.starts_with("unknown field") && !names.is_empty() {
        let unknown = &names[0];
        let expected: Vec<&str> = names[1..].iter().map(String::as_str).collect();
        let mut d = Diagnostic::error(format!("unknown key `{unknown}`")).at(source, span);
        d = match did_you_mean(unknown, expected.iter().copied()) {
            Some(s) => d.with_hint(format!("did you mean `{s}`?")),
            None if !expected.is_empty() => {
                d.with_hint(format!("allowed keys: {}", expected.join(", ")))
            }
            None => d,
        };
        return d;
    }
    if message.starts_with("unknown variant") && !names.is_empty() {
        let unknown = &names[0];
        let expected: Vec<&str> = names[1..].iter().map(String::as_str).collect();
        let mut d = Diagnostic::error(format!("`{unknown}` is not an allowed value"))
            .at(source, span)
            .with_hint(format!("allowed values: {}", expected.join(", ")));
        if let Some(s) = did_you_mean(unknown, expected.iter().copied()) {
            d = d.with_hint(format!(
                "did you mean `{s}`? allowed values: {}",
                expected.join(", ")
            ));
        }
        return d;
    }
    Diagnostic::error(message.to_string()).at(source, span)
}

fn backticked(message: &str) -> Vec<String> {
    message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// A date from front matter: a TOML date or datetime, or a string holding one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FrontMatterDate {
    pub datetime: NaiveDateTime,
    /// Whether only a date was given (templates then see `2020-01-31`, not a time).
    pub date_only: bool,
}

impl FrontMatterDate {
    /// The form templates see, which Tera's `date` filter reads.
    pub fn to_template_string(&self) -> String {
        if self.date_only {
            self.datetime.format("%Y-%m-%d").to_string()
        } else {
            self.datetime.format("%Y-%m-%dT%H:%M:%SZ").to_string()
        }
    }

    /// RFC 3339, for feeds and sitemaps.
    pub fn to_rfc3339(&self) -> String {
        self.datetime.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    pub fn date(&self) -> NaiveDate {
        self.datetime.date()
    }
}

/// Parses a date value, refusing impossible dates such as 2021-02-30.
pub fn parse_date(value: &toml::Value) -> Result<FrontMatterDate, String> {
    let text = match value {
        toml::Value::Datetime(dt) => dt.to_string(),
        toml::Value::String(s) => s.trim().to_string(),
        other => {
            return Err(format!(
                "expected a date like 2021-02-05, found {}",
                other.type_str()
            ))
        }
    };
    parse_date_str(&text)
}

pub fn parse_date_str(text: &str) -> Result<FrontMatterDate, String> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(FrontMatterDate {
            datetime: date.and_time(chrono::NaiveTime::MIN),
            date_only: true,
        });
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(FrontMatterDate {
            datetime: dt.naive_utc(),
            date_only: false,
        });
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(FrontMatterDate {
                datetime: dt,
                date_only: false,
            });
        }
    }
    if looks_like_date(text) {
        Err(format!("{text:?} is not a real date"))
    } else {
        Err(format!("{text:?} is not a date; write it as YYYY-MM-DD"))
    }
}

fn looks_like_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_defaults() {
        let s = SectionFrontMatter::default();
        assert!(s.render);
        assert_eq!(s.paginate_path, "page");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(parse_date_str("2021-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(parse_date_str("2021-02-28").is_ok());
        assert!(parse_date_str("2021-02-28T10:00:00+02:00").is_ok());
        assert!(parse_date_str("yesterday").is_err());
    }
}
