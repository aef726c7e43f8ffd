//! HTML pages: each page, each pager of a section, taxonomy lists and terms, aliases, 404.

use std::sync::{Mutex, MutexGuard};

use serde_json::{json, Value};

use super::jobs::{self, Input, Job};
use super::{Ctx, Outputs, Renderer};
use crate::diagnostics::Diagnostic;
use crate::load::MarkdownFile;
use crate::model::{paths, Site};

/// The page jobs of the site, in model order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (i, page) in site.pages.iter().enumerate() {
        jobs.push(if page.meta.render {
            Job::Page(i)
        } else {
            Job::PageBody(i)
        });
        jobs.extend(alias_jobs(&page.meta.aliases, &page.permalink));
    }
    for (i, section) in site.sections.iter().enumerate() {
        if section.meta.render {
            let pagers = section.pagers.len().max(1);
            jobs.extend((0..pagers).map(|pager| Job::Section { index: i, pager }));
            if !section.pagers.is_empty() {
                // `…/page/1/` leads back to the section, as in Zola.
                jobs.push(Job::Alias {
                    path: format!("{}{}/1/", section.path, section.meta.paginate_path),
                    to: section.permalink.clone(),
                });
            }
        }
        jobs.extend(alias_jobs(&section.meta.aliases, &section.permalink));
    }
    for (t, tax) in site.taxonomies.iter().enumerate() {
        if tax.config.render {
            jobs.push(Job::TaxonomyList(t));
            for (i, term) in tax.terms.iter().enumerate() {
                let pagers = term.pagers.len().max(1);
                jobs.extend((0..pagers).map(|pager| Job::Term {
                    taxonomy: t,
                    term: i,
                    pager,
                }));
            }
        }
    }
    jobs.push(Job::NotFound);
    jobs
}

/// A redirect page for each alias, leading to `to`.
fn alias_jobs<'a>(
    aliases: &'a [toml::Spanned<String>],
    to: &'a str,
) -> impl Iterator<Item = Job> + 'a {
    aliases.iter().map(move |alias| Job::Alias {
        path: alias.get_ref().clone(),
        to: to.to_string(),
    })
}

pub fn render(r: &Renderer, job: &Job) -> Result<Outputs, Diagnostic> {
    match job {
        Job::Page(i) => page(r, *i),
        Job::PageBody(i) => {
            r.bodies.own_body(*i);
            Ok(Vec::new())
        }
        Job::Section { index, pager } => section(r, *index, *pager),
        Job::TaxonomyList(t) => taxonomy_list(r, *t),
        Job::Term {
            taxonomy,
            term: i,
            pager,
        } => term(r, *taxonomy, *i, *pager),
        Job::Alias { path, to } => alias(r, path, to),
        Job::NotFound => {
            let c = r.base_context(&r.site.config.default_language, "/404.html");
            Ok(vec![r.html("404.html", c, "/404.html")?])
        }
        _ => Ok(Vec::new()),
    }
}

fn require_template(
    r: &Renderer,
    name: &str,
    owner: Option<&MarkdownFile>,
    span: Option<std::ops::Range<usize>>,
) -> Result<(), Diagnostic> {
    if r.templates.has(name) {
        return Ok(());
    }
    let mut d = Diagnostic::error(format!("template {name} not found"));
    if let Some(file) = owner {
        d = match span {
            Some(s) => d.at(&file.source, file.in_file(s)),
            None => d.in_file(&file.source.name),
        };
    }
    Err(d.with_hint(format!(
        "create templates/{name} (or in the theme's templates/)"
    )))
}

fn page(r: &Renderer, i: usize) -> Result<Outputs, Diagnostic> {
    let page = &r.site.pages[i];
    let (template, span) = match &page.meta.template {
        Some(t) => (t.get_ref().clone(), Some(t.span())),
        None => (page_template_of(r.site, page.section), None),
    };
    require_template(r, &template, Some(&page.file), span)?;
    let mut c = r.base_context(&page.lang, &page.path);
    let form = r.templates.list_form(&template);
    c.insert("page".into(), r.values().page_with_neighbours(i, &form));
    let out = r.html(&template, c, &page.path).map_err(|d| {
        if d.file.is_none() {
            d.in_file(&page.file.source.name)
        } else {
            d
        }
    })?;
    Ok(vec![out])
}

/// Whether the templates of list jobs (section pagers, taxonomy pages, feeds) read page bodies:
/// then every page's body is read again after its own page is written.
pub fn lists_read_bodies(site: &Site, templates: &crate::templates::Templates) -> bool {
    let mut list_templates = std::collections::BTreeSet::new();
    for section in site.sections.iter().filter(|s| s.meta.render) {
        list_templates.insert(section_template_of(section).0);
    }
    if site.taxonomies.iter().any(|t| t.config.render) {
        list_templates.insert("taxonomy_list.html".to_string());
        list_templates.insert("taxonomy_single.html".to_string());
    }
    if !super::feeds::jobs(site).is_empty() {
        for lang in site.config.all_languages() {
            list_templates.extend(site.config.feed_filenames_for(&lang));
        }
    }
    list_templates
        .iter()
        .any(|name| templates.uses_content(name))
}

/// A section's template, and the span of its `template` key when it names one.
fn section_template_of(
    section: &crate::model::Section,
) -> (String, Option<std::ops::Range<usize>>) {
    match &section.meta.template {
        Some(t) => (t.get_ref().clone(), Some(t.span())),
        None if section.key.is_empty() => ("index.html".into(), None),
        None => ("section.html".into(), None),
    }
}

fn page_template_of(site: &Site, section: usize) -> String {
    let mut current = Some(section);
    while let Some(s) = current {
        if let Some(t) = &site.sections[s].meta.page_template {
            return t.get_ref().clone();
        }
        current = site.sections[s].parent;
    }
    "page.html".into()
}

/// A list job that gives its template more pages than this builds its list alone (see
/// [`huge_list`]).
const HUGE_LIST: usize = 20_000;

static HUGE_LISTS: Mutex<()> = Mutex::new(());

/// Waits until no other job holds a list of more than [`HUGE_LIST`] pages, when this one will.
/// Every page of a list is a template value of its own (most of a kilobyte even with a few
/// fields): the terms of a big taxonomy list some 230,000 of them on a 100,000-case site, and
/// two such jobs side by side were the peak of the whole build. The guard is held until the
/// page is rendered and its values dropped.
pub(super) fn huge_list(pages: usize) -> Option<MutexGuard<'static, ()>> {
    (pages > HUGE_LIST).then(|| {
        HUGE_LISTS
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    })
}

fn section(r: &Renderer, i: usize, pager: usize) -> Result<Outputs, Diagnostic> {
    let section = &r.site.sections[i];
    jobs::record(Input::Content(section.relative_path()));
    if let Some(to) = &section.meta.redirect_to {
        let target = if to.starts_with("http://") || to.starts_with("https://") {
            to.clone()
        } else {
            paths::permalink(&paths::normalize_path(to), &r.site.config)
        };
        return Ok(vec![redirect(r, &section.path, &target)?]);
    }
    let (template, span) = section_template_of(section);
    require_template(r, &template, section.file.as_deref(), span)?;
    let form = r.templates.list_form(&template);
    let values = r.values();
    if section.pagers.is_empty() {
        let _alone = huge_list(section.pages.len());
        let mut c = r.base_context(&section.lang, &section.path);
        c.insert("section".into(), values.section_with_pages(i, true, &form));
        return Ok(vec![r.html(&template, c, &section.path)?]);
    }
    let path = section
        .pagers
        .get(pager)
        .map(|p| p.path.clone())
        .unwrap_or_else(|| section.path.clone());
    let mut c = r.base_context(&section.lang, &path);
    c.insert("section".into(), values.section_with_pages(i, false, &form));
    c.insert(
        "paginator".into(),
        values.paginator(&section.pagers, pager, &form),
    );
    Ok(vec![r.html(&template, c, &path)?])
}

fn redirect(r: &Renderer, from_path: &str, to: &str) -> Result<super::Produced, Diagnostic> {
    let mut c = Ctx::new();
    c.insert("url".into(), json!(to));
    r.html("internal/alias.html", c, from_path)
}

fn alias(r: &Renderer, alias: &str, to: &str) -> Result<Outputs, Diagnostic> {
    if let Some(reason) = paths::unsafe_path_reason(alias) {
        return Err(Diagnostic::error(format!(
            "alias {alias:?} is refused: it {reason}"
        )));
    }
    Ok(vec![redirect(r, &paths::normalize_path(alias), to)?])
}

fn taxonomy_list(r: &Renderer, t: usize) -> Result<Outputs, Diagnostic> {
    let tax = &r.site.taxonomies[t];
    let template = "taxonomy_list.html";
    require_template(r, template, None, None)?;
    let values = r.values();
    let form = r
        .templates
        .uses_pages(template)
        .then(|| r.templates.list_form(template));
    let listed = form
        .as_ref()
        .map_or(0, |_| tax.terms.iter().map(|term| term.pages.len()).sum());
    let _alone = huge_list(listed);
    let terms: Vec<Value> = (0..tax.terms.len())
        .map(|i| values.term_value(t, i, form.as_ref()))
        .collect();
    let mut c = r.base_context(&tax.lang, &tax.path);
    c.insert(
        "taxonomy".into(),
        crate::templates::context::taxonomy_value(r.site, t),
    );
    c.insert("terms".into(), Value::Array(terms));
    Ok(vec![r.html(template, c, &tax.path)?])
}

fn term(r: &Renderer, t: usize, term: usize, pager: usize) -> Result<Outputs, Diagnostic> {
    let tax = &r.site.taxonomies[t];
    let term_model = &tax.terms[term];
    let template = "taxonomy_single.html";
    require_template(r, template, None, None)?;
    let values = r.values();
    let taxonomy = crate::templates::context::taxonomy_value(r.site, t);
    let form = r.templates.list_form(template);
    if term_model.pagers.is_empty() {
        let _alone = huge_list(term_model.pages.len());
        let mut c = r.base_context(&tax.lang, &term_model.path);
        c.insert("taxonomy".into(), taxonomy);
        c.insert("term".into(), values.term_value(t, term, Some(&form)));
        return Ok(vec![r.html(template, c, &term_model.path)?]);
    }
    let path = term_model
        .pagers
        .get(pager)
        .map(|p| p.path.clone())
        .unwrap_or_else(|| term_model.path.clone());
    let mut c = r.base_context(&tax.lang, &path);
    c.insert("taxonomy".into(), taxonomy);
    c.insert("term".into(), values.term_value(t, term, None));
    c.insert(
        "paginator".into(),
        values.paginator(&term_model.pagers, pager, &form),
    );
    Ok(vec![r.html(template, c, &path)?])
}
