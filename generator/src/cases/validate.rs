//! Reading `[extra]` of profiles and decisions, and the rules across files.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use toml::Spanned;

use super::{
    kind_of, CaseFacts, Cases, DecisionEntry, PersonEntry, Profile, Source, DECISIONS, PRISONERS,
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
        let offset = page.file.front_matter.start;
        let shift = |r: Range<usize>| r.start + offset..r.end + offset;
        match &page.meta.extra {
            Extra::Case(facts) => match facts.as_ref() {
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
            },
            Extra::Table(_) if kind_of(&page.file.relative).is_some() => {
                unreadable.insert(page.key.clone());
            }
            Extra::Table(_) => {}
        }
    }

    let span_in = |page: &Page, span: Range<usize>| {
        let offset = page.file.front_matter.start;
        span.start + offset..span.end + offset
    };
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
        let urls: BTreeSet<&str> = profile.sources.iter().map(|s| s.url.0.as_str()).collect();
        for entry in &profile.timeline {
            if !urls.contains(entry.source.get_ref().as_str()) {
                diags.push(
                    Diagnostic::error(format!(
                        "timeline entry of {} cites {}, which is not among this file's sources",
                        entry.date,
                        entry.source.get_ref()
                    ))
                    .at(&page.file.source, span_in(page, entry.source.span()))
                    .with_hint(
                        "use the url of one of the [[extra.sources]] entries, or add the source",
                    ),
                );
            }
        }
        for case in &profile.cases {
            if let Some(months) = case.sentence.as_ref().and_then(|s| s.months.as_ref()) {
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
        let offset = page.file.front_matter.start;
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
                let span = link.span();
                diags.push(
                    Diagnostic::error(format!(
                        "{} names {} in {}, but content/{other}.md does not name this {} in its {}",
                        page.file.source.name.display(),
                        link.get_ref(),
                        side.field,
                        side.what,
                        side.other_field,
                    ))
                    .at(&page.file.source, span.start + offset..span.end + offset)
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

/// Translations of one profile must agree on the facts that do not depend on language.
fn check_translations(
    site: &Site,
    cases: &Cases<'_>,
    spans: &BTreeMap<usize, Range<usize>>,
    diags: &mut Diagnostics,
) {
    let default = &site.config.default_language;
    let by_key: BTreeMap<&str, &PersonEntry> = cases
        .persons
        .iter()
        .filter(|p| &site.pages[p.page].lang == default)
        .map(|p| (site.pages[p.page].key.as_str(), p))
        .collect();
    for person in &cases.persons {
        let page = &site.pages[person.page];
        if &page.lang == default {
            continue;
        }
        let Some(original) = by_key.get(page.key.as_str()) else {
            continue;
        };
        let (a, b) = (&original.profile, &person.profile);
        let mut differences = Vec::new();
        if a.status != b.status {
            differences.push("status");
        }
        if a.status_as_of != b.status_as_of {
            differences.push("status_as_of");
        }
        if a.born != b.born {
            differences.push("born");
        }
        if a.names != b.names {
            differences.push("names");
        }
        let links = |p: &Profile| {
            p.decisions
                .iter()
                .map(|d| d.get_ref().clone())
                .collect::<BTreeSet<_>>()
        };
        if links(a) != links(b) {
            differences.push("decisions");
        }
        let dates = |p: &Profile| {
            p.cases
                .iter()
                .map(|c| (c.arrested, c.verdict, c.released))
                .collect::<Vec<_>>()
        };
        if dates(a) != dates(b) {
            differences.push("the dates of cases");
        }
        if !differences.is_empty() {
            diags.push(
                Diagnostic::error(format!(
                    "this translation differs from {} in {}",
                    site.pages[original.page].file.source.name.display(),
                    differences.join(", ")
                ))
                .at(
                    &page.file.source,
                    spans.get(&person.page).cloned().unwrap_or(0..0),
                )
                .with_hint(
                    "facts that do not depend on language must be the same in every translation",
                ),
            );
        }
    }
}
