//! Atom and RSS feeds: one set per language, per section that asks, per term of a taxonomy
//! with `feed = true`.

use serde_json::{json, Value};

use super::jobs::Job;
use super::{source_date_epoch, Outputs, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::{paths, Site};

pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    for lang in site.config.all_languages() {
        if site.config.generate_feeds_for(&lang) {
            jobs.push(Job::LanguageFeed(lang));
        }
    }
    for (i, section) in site.sections.iter().enumerate() {
        if section.meta.generate_feeds {
            jobs.push(Job::SectionFeed(i));
        }
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.config.render && tax.config.feed {
            jobs.extend((0..tax.terms.len()).map(|term| Job::TermFeed { taxonomy: t, term }));
        }
    }
    jobs
}

pub fn render(r: &Renderer, job: &Job) -> Result<Outputs, Diagnostic> {
    let site = r.site;
    match job {
        Job::LanguageFeed(lang) => {
            let pages: Vec<usize> = (0..site.pages.len())
                .filter(|&p| site.pages[p].lang == *lang && site.pages[p].meta.render)
                .collect();
            // Which pages a language feed lists depends on every page of the language.
            super::jobs::record(super::Input::AllContent);
            feed(r, lang, &paths::language_prefix(lang, &site.config), &pages)
        }
        Job::SectionFeed(i) => {
            let section = &site.sections[*i];
            super::jobs::record(super::Input::Content(section.relative_path()));
            feed(r, &section.lang, &section.path, &section.pages)
        }
        Job::TermFeed { taxonomy, term } => {
            let tax = &site.taxonomies[*taxonomy];
            let term = &tax.terms[*term];
            super::jobs::record(super::Input::Taxonomy(format!(
                "{}@{}",
                tax.config.name, tax.lang
            )));
            feed(r, &tax.lang, &term.path, &term.pages)
        }
        _ => Ok(Vec::new()),
    }
}

fn feed(r: &Renderer, lang: &str, dir: &str, pages: &[usize]) -> Result<Outputs, Diagnostic> {
    let site = r.site;
    let mut dated: Vec<usize> = pages
        .iter()
        .copied()
        .filter(|&p| site.pages[p].date.is_some())
        .collect();
    dated.sort_by(|&a, &b| {
        let (pa, pb) = (&site.pages[a], &site.pages[b]);
        pb.date
            .cmp(&pa.date)
            .then_with(|| pa.file.relative.cmp(&pb.file.relative))
    });
    if let Some(limit) = site.config.feed_limit {
        dated.truncate(limit);
    }
    // The feed's date comes from content, never from the clock, so builds are reproducible.
    let last_updated = dated
        .iter()
        .filter_map(|&p| {
            let page = &site.pages[p];
            page.updated.max(page.date)
        })
        .max()
        .map(|d| d.to_rfc3339())
        .unwrap_or_else(source_date_epoch);
    let mut outputs = Vec::new();
    for filename in site.config.feed_filenames_for(lang) {
        if !r.templates.has(&filename) {
            return Err(
                Diagnostic::error(format!("no template for feed {filename}"))
                    .in_file("config.toml")
                    .with_hint("use atom.xml or rss.xml, or add a template of that name"),
            );
        }
        let path = format!("{dir}{filename}");
        let form = r.templates.list_form(&filename);
        let values = r.values();
        let entries: Vec<Value> = dated.iter().map(|&p| values.list_page(p, &form)).collect();
        let mut c = r.base_context(lang, &path);
        c.insert(
            "feed_url".into(),
            json!(paths::permalink(&path, &site.config)),
        );
        c.insert("last_updated".into(), json!(last_updated));
        c.insert("pages".into(), Value::Array(entries));
        outputs.push(r.text(&filename, c, &path)?);
    }
    Ok(outputs)
}
