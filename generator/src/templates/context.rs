//! The site model as templates see it: Zola's names and shapes, built once per page.
//!
//! Each page is serialized once (with and without its content); sections, taxonomies and the
//! template functions reuse those values instead of assembling context by hand in many places.

use serde_json::{json, Map, Value};

use crate::model::{Site, Target};

/// Converts TOML front matter values to JSON, with dates as the strings Tera's `date` reads.
pub fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => table_to_json(t),
    }
}

pub fn table_to_json(table: &toml::Table) -> Value {
    Value::Object(
        table
            .iter()
            .map(|(k, v)| (k.clone(), toml_to_json(v)))
            .collect(),
    )
}

/// Serialized pages and sections, indexed like the model.
///
/// Only the form without bodies is kept; a page with its body is made when a template needs
/// it, from this value and the model's rendered body, so no body is held twice.
pub struct Serialized {
    site: std::sync::Arc<Site>,
    /// Pages without content (for lists, `lower`/`higher`, and the base of full pages).
    pub pages_basic: Vec<Value>,
    /// Sections without their pages' values (pages are added when a section is rendered).
    pub sections: Vec<Value>,
}

/// How the pages in a list given to a template are shaped.
#[derive(Debug, Clone, Copy)]
pub struct ListForm<'a> {
    /// With content and table of contents.
    pub content: bool,
    /// Only these fields, when known.
    pub fields: Option<&'a std::collections::BTreeSet<String>>,
}

impl Serialized {
    /// A page as an item of a list shaped by `form`.
    pub fn list_page(&self, index: usize, form: ListForm) -> Value {
        let Some(fields) = form.fields else {
            return if form.content {
                self.full_page(index)
            } else {
                self.pages_basic[index].clone()
            };
        };
        let mut map = Map::new();
        if let Value::Object(basic) = &self.pages_basic[index] {
            for (key, value) in basic {
                if fields.contains(key) {
                    map.insert(key.clone(), value.clone());
                }
            }
        }
        if form.content {
            let page = &self.site.pages[index];
            if fields.contains("content") {
                map.insert("content".into(), json!(page.rendered.content));
            }
            if fields.contains("toc") {
                map.insert("toc".into(), json!(page.rendered.toc));
            }
        }
        Value::Object(map)
    }

    /// A page with content and table of contents, as `page`, `get_page` and full lists see it.
    pub fn full_page(&self, index: usize) -> Value {
        let mut full = self.pages_basic[index].clone();
        let page = &self.site.pages[index];
        if let Value::Object(map) = &mut full {
            map.insert("content".into(), json!(page.rendered.content));
            map.insert("toc".into(), json!(page.rendered.toc));
        }
        full
    }
}

pub fn serialize(site: std::sync::Arc<Site>) -> Serialized {
    let site_ref: &Site = &site;
    use rayon::prelude::*;
    let pages_basic: Vec<Value> = (0..site_ref.pages.len())
        .into_par_iter()
        .map(|i| page_value(site_ref, i, false))
        .collect();
    let sections = (0..site_ref.sections.len())
        .map(|i| section_value(site_ref, i))
        .collect();
    Serialized {
        site,
        pages_basic,
        sections,
    }
}

fn translations(site: &Site, target: Target) -> Value {
    Value::Array(
        site.translations_of(target)
            .into_iter()
            .map(|t| match t {
                Target::Page(p) => {
                    let page = &site.pages[p];
                    json!({"lang": page.lang, "permalink": page.permalink, "title": page.meta.title, "path": page.path})
                }
                Target::Section(s) => {
                    let section = &site.sections[s];
                    json!({"lang": section.lang, "permalink": section.permalink, "title": section.meta.title, "path": section.path})
                }
            })
            .collect(),
    )
}

fn components(path: &str) -> Value {
    Value::Array(
        path.split('/')
            .filter(|s| !s.is_empty())
            .map(|s| Value::String(s.to_string()))
            .collect(),
    )
}

fn page_value(site: &Site, index: usize, with_content: bool) -> Value {
    let page = &site.pages[index];
    let section = &site.sections[page.section];
    let mut ancestors: Vec<Value> = section
        .ancestors(site)
        .into_iter()
        .map(|s| Value::String(site.sections[s].relative_path()))
        .collect();
    ancestors.push(Value::String(section.relative_path()));
    let mut map = Map::new();
    map.insert("relative_path".into(), json!(page.file.relative));
    map.insert(
        "colocated_path".into(),
        if page.file.relative.ends_with("/index.md") || page.file.relative.contains("/index.") {
            json!(format!("{}/", page.key))
        } else {
            Value::Null
        },
    );
    map.insert("permalink".into(), json!(page.permalink));
    map.insert("path".into(), json!(page.path));
    map.insert("components".into(), components(&page.path));
    map.insert("slug".into(), json!(page.slug));
    map.insert("ancestors".into(), Value::Array(ancestors));
    map.insert("title".into(), json!(page.meta.title));
    map.insert("description".into(), json!(page.meta.description));
    map.insert(
        "date".into(),
        json!(page.date.map(|d| d.to_template_string())),
    );
    map.insert(
        "updated".into(),
        json!(page.updated.map(|d| d.to_template_string())),
    );
    let (year, month, day) = match page.date {
        Some(d) => {
            use chrono::Datelike;
            let date = d.date();
            (json!(date.year()), json!(date.month()), json!(date.day()))
        }
        None => (Value::Null, Value::Null, Value::Null),
    };
    map.insert("year".into(), year);
    map.insert("month".into(), month);
    map.insert("day".into(), day);
    map.insert("weight".into(), json!(page.meta.weight));
    map.insert("taxonomies".into(), json!(page.meta.taxonomies));
    map.insert("authors".into(), json!(page.meta.authors));
    map.insert("extra".into(), table_to_json(&page.meta.extra));
    map.insert("draft".into(), json!(page.meta.draft));
    map.insert("lang".into(), json!(page.lang));
    map.insert("in_search_index".into(), json!(page.meta.in_search_index));
    map.insert(
        "assets".into(),
        json!(page
            .assets
            .iter()
            .map(|a| a.trim_start_matches(&page.path).to_string())
            .collect::<Vec<_>>()),
    );
    map.insert("word_count".into(), json!(page.rendered.word_count));
    map.insert("reading_time".into(), json!(page.rendered.reading_time));
    map.insert("summary".into(), json!(page.rendered.summary));
    map.insert(
        "translations".into(),
        translations(site, Target::Page(index)),
    );
    map.insert("backlinks".into(), Value::Array(Vec::new()));
    if with_content {
        map.insert("content".into(), json!(page.rendered.content));
        map.insert("toc".into(), json!(page.rendered.toc));
    } else {
        map.insert("content".into(), json!(""));
        map.insert("toc".into(), Value::Array(Vec::new()));
    }
    map.insert("lower".into(), Value::Null);
    map.insert("higher".into(), Value::Null);
    Value::Object(map)
}

fn section_value(site: &Site, index: usize) -> Value {
    let section = &site.sections[index];
    let ancestors: Vec<Value> = section
        .ancestors(site)
        .into_iter()
        .map(|s| Value::String(site.sections[s].relative_path()))
        .collect();
    json!({
        "relative_path": section.relative_path(),
        "permalink": section.permalink,
        "path": section.path,
        "components": components(&section.path),
        "ancestors": ancestors,
        "title": section.meta.title,
        "description": section.meta.description,
        "extra": table_to_json(&section.meta.extra),
        "content": section.rendered.content,
        "toc": section.rendered.toc,
        "word_count": section.rendered.word_count,
        "reading_time": section.rendered.reading_time,
        "lang": section.lang,
        "assets": section.assets,
        "pages": [],
        "subsections": section.subsections.iter().map(|s| site.sections[*s].relative_path()).collect::<Vec<_>>(),
        "translations": translations(site, Target::Section(index)),
        "generate_feeds": section.meta.generate_feeds,
        "transparent": section.meta.transparent,
        "backlinks": [],
    })
}

/// A page as its own template sees it: with its `lower` and `higher` neighbours.
pub fn page_with_neighbours(site: &Site, ser: &Serialized, index: usize) -> Value {
    let mut value = ser.full_page(index);
    let page = &site.pages[index];
    if let Value::Object(map) = &mut value {
        let neighbour =
            |p: Option<usize>| p.map(|p| ser.pages_basic[p].clone()).unwrap_or(Value::Null);
        map.insert("lower".into(), neighbour(page.lower));
        map.insert("higher".into(), neighbour(page.higher));
    }
    value
}

/// A section with its pages' values, as `section.html` and `get_section` see it.
pub fn section_with_pages(
    site: &Site,
    ser: &Serialized,
    index: usize,
    with_pages: bool,
    form: ListForm,
) -> Value {
    let mut value = ser.sections[index].clone();
    if with_pages {
        if let Value::Object(map) = &mut value {
            map.insert(
                "pages".into(),
                Value::Array(
                    site.sections[index]
                        .pages
                        .iter()
                        .map(|&p| ser.list_page(p, form))
                        .collect(),
                ),
            );
        }
    }
    value
}

/// A taxonomy term, as Zola's templates see it.
pub fn term_value(
    site: &Site,
    ser: &Serialized,
    taxonomy: usize,
    term: usize,
    form: Option<ListForm>,
) -> Value {
    let term = &site.taxonomies[taxonomy].terms[term];
    let pages: Vec<Value> = match form {
        Some(form) => term.pages.iter().map(|&p| ser.list_page(p, form)).collect(),
        None => Vec::new(),
    };
    // Built by hand: `json!` would serialize (copy) every page value once more.
    let mut map = Map::new();
    map.insert("name".into(), json!(term.name));
    map.insert("slug".into(), json!(term.slug));
    map.insert("path".into(), json!(term.path));
    map.insert("permalink".into(), json!(term.permalink));
    map.insert("page_count".into(), json!(term.pages.len()));
    map.insert("pages".into(), Value::Array(pages));
    Value::Object(map)
}

pub fn taxonomy_value(site: &Site, taxonomy: usize) -> Value {
    let tax = &site.taxonomies[taxonomy];
    json!({
        "name": tax.config.name,
        "slug": tax.slug,
        "paginate_by": tax.config.paginate_by,
        "paginate_path": tax.config.paginate_path,
        "feed": tax.config.feed,
        "render": tax.config.render,
        "lang": tax.lang,
        "permalink": tax.permalink,
        "path": tax.path,
    })
}
