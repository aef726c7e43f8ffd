//! Reading `[extra]` of profiles and decisions, and the rules across files.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::{
    check_citations, kind_of, CaseFacts, Cases, Decision, DecisionEntry, PersonEntry, Profile,
    Source, DECISIONS, PRISONERS,
};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Extra, Page, Site, Target};

/// Checks the rules of every profile and decision, and across them; problems are collected.
///
/// The facts were read with the front matter (see [`crate::model`]); a case file whose facts could
/// not be read was reported then, and links to it are not checked again, so one mistake gives
/// one error.
pub fn validate(site: &Site) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut cases = Cases::default();
    let mut extra_spans: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    let mut unreadable: BTreeSet<String> = BTreeSet::new();
    for (index, page) in site.pages.iter().enumerate() {
        let shift = |r: Range<usize>| page.file.in_file(r);
        match &page.meta.extra {
            Extra::Case(facts) => {
                check_citations::check(
                    page,
                    facts,
                    site.today,
                    page.lang == site.config.default_language,
                    &mut diags,
                );
                check_translated_from(site, page, facts, &mut diags);
                match facts.as_ref() {
                    CaseFacts::Profile(profile) => {
                        extra_spans.insert(index, shift(profile.span()));
                        cases.persons.push(PersonEntry {
                            page: index,
                            profile: profile.get_ref(),
                        });
                    }
                    CaseFacts::Decision(decision) => {
                        extra_spans.insert(index, shift(decision.span()));
                        cases.decisions.push(DecisionEntry {
                            page: index,
                            decision: decision.get_ref(),
                        });
                    }
                }
            }
            Extra::Table(_) if kind_of(&page.file.relative).is_some() => {
                unreadable.insert(page.key.clone());
            }
            Extra::Table(_) => {}
        }
    }

    let span_in = |page: &Page, span: Range<usize>| page.file.in_file(span);
    let extra_line = |index: usize| extra_spans.get(&index).cloned().unwrap_or(0..0);

    // Links from profiles to decisions and back, by translation key so that a Russian profile
    // naming the English decision file counts.
    let mut profile_links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut decision_links: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();

    for person in &cases.persons {
        let page = &site.pages[person.page];
        let profile = &person.profile;
        if profile.names.is_empty() {
            diags.push(
                Diagnostic::error("`names` is empty: list every spelling of the person's name")
                    .at(&page.file.source, extra_line(person.page)),
            );
        }
        check_sources(
            page,
            &profile.sources,
            "profile",
            extra_line(person.page),
            &mut diags,
        );
        for case in &profile.cases {
            if let Some(months) = case
                .get_ref()
                .sentence
                .as_ref()
                .and_then(|s| s.months.as_ref())
            {
                if *months.get_ref() >= 12 {
                    diags.push(
                        Diagnostic::error(format!(
                            "sentence months = {}: months must be below 12",
                            months.get_ref()
                        ))
                        .at(&page.file.source, span_in(page, months.span()))
                        .with_hint("write whole years in `years`"),
                    );
                }
            }
        }
        if let Some(statuses) = page.meta.taxonomies.get("status") {
            if statuses.len() != 1 || statuses[0] != profile.status.as_str() {
                diags.push(
                    Diagnostic::error(format!(
                        "taxonomies.status is {statuses:?} but extra.status is \"{}\"",
                        profile.status.as_str()
                    ))
                    .at(&page.file.source, extra_line(person.page))
                    .with_hint(format!(
                        "write status = [\"{}\"] under [taxonomies]",
                        profile.status.as_str()
                    )),
                );
            }
        }
        let links = profile_links.entry(page.key.clone()).or_default();
        for link in &profile.decisions {
            match resolve_case_link(site, link.get_ref(), DECISIONS) {
                Ok(key) => {
                    links.insert(key);
                }
                Err(message) => diags.push(
                    Diagnostic::error(message)
                        .at(&page.file.source, span_in(page, link.span()))
                        .with_hint(
                            "write @/decisions/<file>.md naming a file in content/decisions/",
                        ),
                ),
            }
        }
    }

    for entry in &cases.decisions {
        let page = &site.pages[entry.page];
        let decision = &entry.decision;
        check_sources(
            page,
            &decision.sources,
            "decision",
            extra_line(entry.page),
            &mut diags,
        );
        if let Some(implementation) = decision.implementation {
            if implementation != super::Implementation::Unknown
                && decision.implementation_as_of.is_none()
            {
                diags.push(
                    Diagnostic::error(format!(
                        "implementation = \"{}\" needs implementation_as_of: the date the status is known as of",
                        implementation.as_str()
                    ))
                    .at(&page.file.source, extra_line(entry.page)),
                );
            }
        }
        let links = decision_links.entry(page.key.clone()).or_default();
        for link in &decision.persons {
            match resolve_case_link(site, link.get_ref(), PRISONERS) {
                Ok(key) => {
                    links.insert(key);
                }
                Err(message) => diags.push(
                    Diagnostic::error(message)
                        .at(&page.file.source, span_in(page, link.span()))
                        .with_hint(
                            "write @/prisoners/<file>.md naming a file in content/prisoners/",
                        ),
                ),
            }
        }
    }

    // Both directions must agree; report at the file that names the other.
    let back = BackLinks {
        site,
        unreadable: &unreadable,
    };
    for entry in &cases.decisions {
        let side = Side {
            folder: PRISONERS,
            field: "persons",
            other_field: "decisions",
            what: "decision",
            other_links: &profile_links,
        };
        back.check(entry.page, &entry.decision.persons, &side, &mut diags);
    }
    for person in &cases.persons {
        let side = Side {
            folder: DECISIONS,
            field: "decisions",
            other_field: "persons",
            what: "person",
            other_links: &decision_links,
        };
        back.check(person.page, &person.profile.decisions, &side, &mut diags);
    }

    check_translations(site, &cases, &extra_spans, &mut diags);
    diags
}

/// One direction of the person–decision links.
struct Side<'a> {
    /// Folder of the files this side links to.
    folder: &'static str,
    /// The field holding the links here, and the field that must link back there.
    field: &'static str,
    other_field: &'static str,
    /// What this file is, as the other file should name it.
    what: &'static str,
    /// Links found in the other folder's files, by translation key.
    other_links: &'a BTreeMap<String, BTreeSet<String>>,
}

struct BackLinks<'a> {
    site: &'a Site,
    /// Files whose facts could not be read; their links were not collected.
    unreadable: &'a BTreeSet<String>,
}

impl BackLinks<'_> {
    /// Every link of a page must be answered by a link back from the file it names.
    fn check(&self, index: usize, links: &[Spanned<String>], side: &Side, diags: &mut Diagnostics) {
        let page = &self.site.pages[index];
        for link in links {
            let Ok(other) = resolve_case_link(self.site, link.get_ref(), side.folder) else {
                continue;
            };
            if self.unreadable.contains(&other) {
                continue;
            }
            let answered = side
                .other_links
                .get(&other)
                .is_some_and(|set| set.contains(&page.key));
            if !answered {
                diags.push(
                    Diagnostic::error(format!(
                        "{} names {} in {}, but content/{other}.md does not name this {} in its {}",
                        page.file.source.name.display(),
                        link.get_ref(),
                        side.field,
                        side.what,
                        side.other_field,
                    ))
                    .at(&page.file.source, page.file.in_file(link.span()))
                    .with_hint(format!(
                        "add \"@/{}.md\" to {} in content/{other}.md, or remove the link here",
                        page.key, side.other_field
                    )),
                );
            }
        }
    }
}

fn check_sources(
    page: &Page,
    sources: &[Source],
    what: &str,
    span: Range<usize>,
    diags: &mut Diagnostics,
) {
    if sources.is_empty() {
        diags.push(
            Diagnostic::error(format!("this {what} has no sources: every fact needs one"))
                .at(&page.file.source, span)
                .with_hint("add at least one [[extra.sources]] entry with title and url"),
        );
    }
}

/// Resolves `@/decisions/x.md` to the translation key of a page in the given folder.
fn resolve_case_link(site: &Site, link: &str, folder: &str) -> Result<String, String> {
    let Some(file) = link.strip_prefix("@/") else {
        return Err(format!(
            "{link:?} is not an internal link: write @/{folder}/<file>.md"
        ));
    };
    match site.by_file.get(file) {
        Some(Target::Page(i))
            if site.pages[*i]
                .file
                .relative
                .starts_with(&format!("{folder}/")) =>
        {
            Ok(site.pages[*i].key.clone())
        }
        Some(_) => Err(format!("{link} is not a file in content/{folder}/")),
        None => Err(format!("{link} points to no file")),
    }
}

/// Translations of a profile or a decision must agree with the default-language file on the
/// facts that do not depend on language, and cite the same sources for the same facts.
fn check_translations(
    site: &Site,
    cases: &Cases<'_>,
    spans: &BTreeMap<usize, Range<usize>>,
    diags: &mut Diagnostics,
) {
    let persons: Vec<(usize, &Profile)> =
        cases.persons.iter().map(|p| (p.page, p.profile)).collect();
    compare_translations(site, &persons, spans, diags, profile_differences);
    let decisions: Vec<(usize, &Decision)> = cases
        .decisions
        .iter()
        .map(|d| (d.page, d.decision))
        .collect();
    compare_translations(site, &decisions, spans, diags, decision_differences);
}

fn compare_translations<T>(
    site: &Site,
    entries: &[(usize, &T)],
    spans: &BTreeMap<usize, Range<usize>>,
    diags: &mut Diagnostics,
    differences: fn(&T, &T) -> Vec<&'static str>,
) {
    let default = &site.config.default_language;
    let originals: BTreeMap<&str, (usize, &T)> = entries
        .iter()
        .filter(|(page, _)| &site.pages[*page].lang == default)
        .map(|&(page, facts)| (site.pages[page].key.as_str(), (page, facts)))
        .collect();
    for &(index, facts) in entries {
        let page = &site.pages[index];
        if &page.lang == default {
            continue;
        }
        let Some(&(original, original_facts)) = originals.get(page.key.as_str()) else {
            continue;
        };
        let mut found: Vec<String> = differences(original_facts, facts)
            .into_iter()
            .map(str::to_string)
            .collect();
        let citations = cited_places(site, original, index);
        if !citations.is_empty() {
            found.push(citations);
        }
        if !found.is_empty() {
            diags.push(
                Diagnostic::error(format!(
                    "this translation differs from {} in {}",
                    site.pages[original].file.source.name.display(),
                    found.join(", ")
                ))
                .at(&page.file.source, spans.get(&index).cloned().unwrap_or(0..0))
                .with_hint(
                    "facts that do not depend on language must be the same in every translation, and cite the same sources",
                ),
            );
        }
    }
}

fn profile_differences(a: &Profile, b: &Profile) -> Vec<&'static str> {
    let links = |p: &Profile| {
        p.decisions
            .iter()
            .map(|d| d.get_ref().clone())
            .collect::<BTreeSet<_>>()
    };
    let dates = |p: &Profile| {
        p.cases
            .iter()
            .map(|c| {
                (
                    c.get_ref().arrested,
                    c.get_ref().verdict,
                    c.get_ref().released,
                )
            })
            .collect::<Vec<_>>()
    };
    [
        ("status", a.status != b.status),
        ("status_as_of", a.status_as_of != b.status_as_of),
        ("born", a.born != b.born),
        ("names", a.names != b.names),
        ("decisions", links(a) != links(b)),
        ("the dates of cases", dates(a) != dates(b)),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

fn decision_differences(a: &Decision, b: &Decision) -> Vec<&'static str> {
    [
        ("symbol", a.symbol != b.symbol),
        ("opinion_number", a.opinion_number != b.opinion_number),
        ("adopted", a.adopted != b.adopted),
        ("findings", a.findings != b.findings),
        (
            "implementation",
            a.implementation != b.implementation
                || a.implementation_as_of != b.implementation_as_of,
        ),
    ]
    .into_iter()
    .filter_map(|(field, differs)| differs.then_some(field))
    .collect()
}

/// Where two translations cite different sources for the same field or timeline entry, as
/// "the sources cited for fact-status (a, b here; c there)"; empty when they agree.
fn cited_places(site: &Site, original: usize, translation: usize) -> String {
    let shape = |i: usize| match &site.pages[i].meta.extra {
        Extra::Case(facts) => check_citations::citation_shape(facts),
        Extra::Table(_) => Vec::new(),
    };
    let (a, b): (BTreeMap<_, _>, BTreeMap<_, _>) = (
        shape(original).into_iter().collect(),
        shape(translation).into_iter().collect(),
    );
    let places: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    let differing: Vec<String> = places
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| {
            let list = |m: &BTreeMap<String, Vec<String>>| {
                m.get(p)
                    .map(|ids| ids.join(", "))
                    .unwrap_or_else(|| "none".into())
            };
            format!("{p} (here {}; there {})", list(&b), list(&a))
        })
        .collect();
    if differing.is_empty() {
        String::new()
    } else {
        format!("the sources cited for {}", differing.join("; "))
    }
}

/// `translated_from` names another language of the site in which this page exists.
fn check_translated_from(site: &Site, page: &Page, facts: &CaseFacts, diags: &mut Diagnostics) {
    let from = match facts {
        CaseFacts::Profile(p) => p.get_ref().translated_from.as_ref(),
        CaseFacts::Decision(d) => d.get_ref().translated_from.as_ref(),
    };
    let Some(from) = from else {
        return;
    };
    let span = page.file.in_file(from.span());
    let lang = from.get_ref();
    let exists = site.translation(false, &page.key, lang).is_some();
    let message = if lang == &page.lang {
        Some(format!(
            "translated_from = \"{lang}\" is this page's own language"
        ))
    } else if !exists {
        Some(format!(
            "translated_from = \"{lang}\", but this page has no version in \"{lang}\""
        ))
    } else {
        None
    };
    if let Some(message) = message {
        diags.push(
            Diagnostic::error(message)
                .at(&page.file.source, span)
                .with_hint("name the language of the version this page was translated from, e.g. translated_from = \"en\""),
        );
    }
}
