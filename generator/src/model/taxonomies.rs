//! Taxonomies (status, charges, regions, UN bodies …): terms and the pages that carry them.

use std::collections::BTreeMap;

use super::{paths, Site};
use crate::config::TaxonomyConfig;
use crate::diagnostics::{did_you_mean, Diagnostic, Diagnostics};

#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    pub path: String,
    pub permalink: String,
    /// Pages, newest first, then by title.
    pub pages: Vec<usize>,
    /// Empty unless the taxonomy sets `paginate_by`.
    pub pagers: Vec<super::Pager>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub config: TaxonomyConfig,
    pub lang: String,
    pub slug: String,
    pub path: String,
    pub permalink: String,
    /// Terms in name order.
    pub terms: Vec<Term>,
}

pub fn build(site: &Site, diags: &mut Diagnostics) -> Vec<Taxonomy> {
    let config = &site.config;
    let mut taxonomies = Vec::new();
    for lang in config.all_languages() {
        for tax in config.taxonomies_for(&lang) {
            let slug = paths::slugify(&tax.name);
            let path = format!("{}{}/", paths::language_prefix(&lang, config), slug);
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for (i, page) in site.pages.iter().enumerate() {
                if page.lang != lang {
                    continue;
                }
                let Some(names) = page.meta.taxonomies.get(&tax.name) else {
                    continue;
                };
                for name in names {
                    let term_slug = paths::slugify(name);
                    let term_path = format!("{path}{term_slug}/");
                    let term = terms.entry(term_slug.clone()).or_insert_with(|| Term {
                        name: name.clone(),
                        slug: term_slug.clone(),
                        permalink: paths::permalink(&term_path, config),
                        path: term_path,
                        pages: Vec::new(),
                        pagers: Vec::new(),
                    });
                    if !term.pages.contains(&i) {
                        term.pages.push(i);
                    }
                }
            }
            let mut terms: Vec<Term> = terms.into_values().collect();
            for term in terms.iter_mut() {
                term.pages.sort_by(|&a, &b| {
                    let (pa, pb) = (&site.pages[a], &site.pages[b]);
                    pb.date
                        .cmp(&pa.date)
                        .then_with(|| pa.meta.title.cmp(&pb.meta.title))
                        .then_with(|| pa.file.relative.cmp(&pb.file.relative))
                });
            }
            terms.sort_by(|a, b| {
                a.name
                    .to_lowercase()
                    .cmp(&b.name.to_lowercase())
                    .then_with(|| a.slug.cmp(&b.slug))
            });
            taxonomies.push(Taxonomy {
                config: tax.clone(),
                lang: lang.clone(),
                slug,
                permalink: paths::permalink(&path, config),
                path,
                terms,
            });
        }
    }

    // A taxonomy a page uses must be declared for its language.
    for page in &site.pages {
        let declared: Vec<&str> = config
            .taxonomies_for(&page.lang)
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        for name in page.meta.taxonomies.keys() {
            if !declared.contains(&name.as_str()) {
                let text = page.file.front_matter_text();
                let offset = page.file.front_matter.start + text.find(name.as_str()).unwrap_or(0);
                let mut d = Diagnostic::error(format!(
                    "taxonomy `{name}` is not declared for language `{}` in config.toml",
                    page.lang
                ))
                .at(&page.file.source, offset..offset + name.len());
                d = match did_you_mean(name, declared.iter().copied()) {
                    Some(s) => d.with_hint(format!("did you mean `{s}`?")),
                    None => d.with_hint(format!(
                        "add {{ name = \"{name}\" }} to taxonomies in config.toml"
                    )),
                };
                diags.push(d);
            }
        }
    }
    taxonomies
}
