//! The rules that make "each fact with its source" checkable: every source has a well-formed,
//! unique id; every key fact with a value, every timeline entry and every `cite` shortcode names
//! sources of the same file; a source nobody cites is a warning; a profile whose status is more
//! than two years old is a warning, so the people keeping the site know what to re-verify.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::citations::{citing, is_stale};
use super::{
    CaseFacts, Cites, Decision, Profile, Prosecution, Source, CASE_CITED, DECISION_CITED,
    PROFILE_CITABLE, PROFILE_CITED,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Page;

const ID_HINT: &str =
    "an id is lowercase letters, digits and hyphens, e.g. id = \"hrw-2016-11-29\" (see docs/case-model.md)";

/// Where in a page's file a value sits.
struct Locate<'a> {
    page: &'a Page,
}

impl Locate<'_> {
    /// A span of the front matter (as toml reports it) in the whole file.
    fn span(&self, span: Range<usize>) -> Range<usize> {
        self.page.file.in_file(span)
    }

    /// The line of `key = …` inside a front-matter span, or the start of the span.
    fn key(&self, within: Range<usize>, key: &str) -> Range<usize> {
        let within = self.span(within);
        let text = self.page.file.source.text();
        let Some(slice) = text.get(within.clone()) else {
            return within.start..within.start;
        };
        let mut offset = within.start;
        for line in slice.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key) {
                if rest.trim_start().starts_with('=') {
                    let start = offset + (line.len() - trimmed.len());
                    return start..start + key.len();
                }
            }
            offset += line.len();
        }
        within.start..within.start
    }

    fn error(&self, span: Range<usize>, message: String) -> Diagnostic {
        Diagnostic::error(message).at(&self.page.file.source, span)
    }
}

/// Checks the citations of one case file. A stale status is reported once, on the page in the
/// site's default language (translations must agree on it).
pub fn check(
    page: &Page,
    facts: &CaseFacts,
    today: NaiveDate,
    default_language: bool,
    diags: &mut Diagnostics,
) {
    let at = Locate { page };
    let sources = match facts {
        CaseFacts::Profile(p) => &p.get_ref().sources,
        CaseFacts::Decision(d) => &d.get_ref().sources,
    };
    let ids = check_ids(&at, sources, diags);
    let known = |id: &Spanned<String>, what: &str, diags: &mut Diagnostics| {
        if !ids.contains(id.get_ref().as_str()) {
            diags.push(
                at.error(
                    at.span(id.span()),
                    format!(
                        "{what} cites \"{}\", which is not the id of any source in this file",
                        id.get_ref()
                    ),
                )
                .with_hint(known_ids_hint(&ids)),
            );
        }
    };

    match facts {
        CaseFacts::Profile(p) => {
            let profile = p.get_ref();
            let present = |field: &str| profile_has(profile, field);
            check_cites(
                &at,
                &profile.cite,
                p.span(),
                "[extra.cite]",
                PROFILE_CITABLE,
                PROFILE_CITED,
                &present,
                &known,
                diags,
            );
            for (i, case) in profile.cases.iter().enumerate() {
                let present = |field: &str| case_has(case.get_ref(), field);
                check_cites(
                    &at,
                    &case.get_ref().cite,
                    case.span(),
                    &format!("prosecution {} ([extra.cases.cite])", i + 1),
                    CASE_CITED,
                    CASE_CITED,
                    &present,
                    &known,
                    diags,
                );
            }
            for entry in &profile.timeline {
                let what = format!("the timeline entry of {}", entry.date);
                if entry.cite.get_ref().is_empty() {
                    diags.push(
                        at.error(
                            at.span(entry.cite.span()),
                            format!("{what} cites no source"),
                        )
                        .with_hint("name the source that reports it: cite = [\"<source id>\"]"),
                    );
                }
                for id in entry.cite.get_ref() {
                    known(id, &what, diags);
                }
            }
            if default_language && is_stale(&profile.status_as_of, today) {
                diags.push(
                    Diagnostic::warning(format!(
                        "the status was last confirmed on {}, more than two years ago: re-verify it",
                        profile.status_as_of
                    ))
                    .at(
                        &page.file.source,
                        at.key(p.span(), "status_as_of"),
                    )
                    .with_hint(
                        "check the newest sources; when one confirms the status, update status, status_as_of and their citation",
                    ),
                );
            }
        }
        CaseFacts::Decision(d) => {
            let decision = d.get_ref();
            let present = |field: &str| decision_has(decision, field);
            check_cites(
                &at,
                &decision.cite,
                d.span(),
                "[extra.cite]",
                DECISION_CITED,
                DECISION_CITED,
                &present,
                &known,
                diags,
            );
        }
    }

    let body = match facts {
        CaseFacts::Profile(p) => &p.get_ref().body_cites,
        CaseFacts::Decision(d) => &d.get_ref().body_cites,
    };
    for cite in body {
        if cite.id.is_empty() {
            diags.push(
                at.error(cite.span.clone(), "this citation names no source".into())
                    .with_hint("write {{ cite(id=\"<source id>\") }}"),
            );
        } else if !ids.contains(cite.id.as_str()) {
            diags.push(
                at.error(
                    cite.span.clone(),
                    format!(
                        "the text cites \"{}\", which is not the id of any source in this file",
                        cite.id
                    ),
                )
                .with_hint(known_ids_hint(&ids)),
            );
        }
    }

    let cited: BTreeSet<String> = citing(facts).into_iter().map(|(id, _)| id).collect();
    for source in sources {
        if !cited.contains(source.id.get_ref()) {
            diags.push(
                Diagnostic::warning(format!(
                    "source \"{}\" is listed but no fact cites it",
                    source.id.get_ref()
                ))
                .at(&page.file.source, at.span(source.id.span()))
                .with_hint(
                    "cite it where it supports a fact (a cite table, the timeline or {{ cite(id=…) }} in the text), or remove it",
                ),
            );
        }
    }
}

/// Ids must be well formed and unique; returns the ids (well formed or not) for lookups.
fn check_ids<'a>(at: &Locate, sources: &'a [Source], diags: &mut Diagnostics) -> BTreeSet<&'a str> {
    let mut ids = BTreeSet::new();
    for source in sources {
        let id = source.id.get_ref().as_str();
        if !well_formed(id) {
            diags.push(
                at.error(
                    at.span(source.id.span()),
                    format!("source id {id:?} is not a short id"),
                )
                .with_hint(ID_HINT),
            );
        }
        if !ids.insert(id) {
            diags.push(
                at.error(
                    at.span(source.id.span()),
                    format!("two sources have the id \"{id}\""),
                )
                .with_hint("give each source of the file its own id"),
            );
        }
    }
    ids
}

fn well_formed(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 60
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn known_ids_hint(ids: &BTreeSet<&str>) -> String {
    let mut list: Vec<&str> = ids.iter().copied().collect();
    let more = list.len().saturating_sub(8);
    list.truncate(8);
    let mut hint = format!("the sources' ids are: {}", list.join(", "));
    if more > 0 {
        hint.push_str(&format!(" and {more} more"));
    }
    hint.push_str("; or add the source to [[extra.sources]]");
    hint
}

/// One `cite` table: known fields only, each with a value, every id known, and every field
/// in `required` that has a value cited.
#[allow(clippy::too_many_arguments)]
fn check_cites(
    at: &Locate,
    cites: &Cites,
    entry: Range<usize>,
    what: &str,
    citable: &[&str],
    required: &[&str],
    present: &dyn Fn(&str) -> bool,
    known: &dyn Fn(&Spanned<String>, &str, &mut Diagnostics),
    diags: &mut Diagnostics,
) {
    for (field, ids) in cites {
        let span = ids
            .first()
            .map(|id| at.span(id.span()))
            .unwrap_or_else(|| at.key(entry.clone(), field));
        if !citable.contains(&field.as_str()) {
            diags.push(
                at.error(
                    span,
                    format!("{what}: `{field}` is not a field that takes sources"),
                )
                .with_hint(format!("the fields are: {}", citable.join(", "))),
            );
            continue;
        }
        if !present(field) {
            diags.push(
                at.error(
                    span.clone(),
                    format!("{what} names sources for `{field}`, which has no value here"),
                )
                .with_hint("remove the citation, or give the field its value"),
            );
        }
        if ids.is_empty() {
            diags.push(
                at.error(span, format!("{what}: `{field}` lists no source"))
                    .with_hint(format!("{field} = [\"<source id>\"]")),
            );
        }
        for id in ids {
            known(id, &format!("`{field}`"), diags);
        }
    }
    for field in required {
        if present(field) && !cites.contains_key(*field) {
            diags.push(
                at.error(
                    at.key(entry.clone(), field),
                    format!("`{field}` has a value but no source"),
                )
                .with_hint(format!(
                    "add {field} = [\"<source id>\"] to {what}, naming the sources that state it"
                )),
            );
        }
    }
}

fn profile_has(p: &Profile, field: &str) -> bool {
    match field {
        "born" => p.born.is_some(),
        "occupation" => p.occupation.is_some(),
        "region" => p.region.is_some(),
        "status" => true,
        "names" => !p.names.is_empty(),
        _ => false,
    }
}

fn case_has(c: &Prosecution, field: &str) -> bool {
    match field {
        "arrested" => c.arrested.is_some(),
        "charges" => !c.charges.is_empty(),
        "court" => c.court.is_some(),
        "verdict" => c.verdict.is_some(),
        "sentence" => c.sentence.is_some(),
        "appeal" => c.appeal.is_some(),
        "detention_place" => c.detention_place.is_some(),
        "released" => c.released.is_some(),
        "outcome" => c.outcome.is_some(),
        _ => false,
    }
}

fn decision_has(d: &Decision, field: &str) -> bool {
    match field {
        "symbol" => d.symbol.is_some(),
        "opinion_number" => d.opinion_number.is_some(),
        "adopted" => d.adopted.is_some(),
        "session" => d.session.is_some(),
        "findings" => !d.findings.is_empty(),
        "requests" => !d.requests.is_empty(),
        "state_response" => d.state_response.is_some(),
        "implementation" => d.implementation.is_some(),
        _ => false,
    }
}

/// What a file cites, by place, for comparing translations: (place, sorted ids).
pub fn citation_shape(facts: &CaseFacts) -> Vec<(String, Vec<String>)> {
    let mut shape: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for (id, place) in citing(facts) {
        if place.kind == "text" {
            continue;
        }
        shape.entry(place.anchor).or_default().push(id);
    }
    shape
        .into_iter()
        .map(|(place, mut ids)| {
            ids.sort();
            (place, ids)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::well_formed;

    #[test]
    fn ids_are_short_lowercase_words() {
        assert!(well_formed("hrw-2016-11-29"));
        assert!(well_formed("odf-7980"));
        assert!(!well_formed(""));
        assert!(!well_formed("HRW-2016"));
        assert!(!well_formed("hrw--2016"));
        assert!(!well_formed("-hrw"));
        assert!(!well_formed("hrw 2016"));
        assert!(!well_formed(&"a".repeat(61)));
    }
}
