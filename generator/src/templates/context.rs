//! The site model as templates see it: Zola's names and shapes, built once per page.
//!
//! One place builds every value a template sees (pages, sections, terms, paginators), for the
//! page outputs and the template functions alike. Building a value records, for the running
//! job, which content it came from.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::bodies::Bodies;
use crate::model::{Pager, Site, Target};
use crate::output::jobs::{record, Input};

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

/// How the pages in a list given to a template are shaped.
#[derive(Debug, Clone, Default)]
pub struct ListForm {
    /// With content and table of contents.
    pub content: bool,
    /// Only these fields, when known: a field the template chain never names cannot be read.
    pub fields: Option<Arc<BTreeSet<String>>>,
}

impl ListForm {
    /// Every field, content included (`get_page`, and lists given to templates that read by
    /// computed names).
    pub fn full() -> Self {
        ListForm {
            content: true,
            fields: None,
        }
    }

    fn wants(&self, field: &str) -> bool {
        self.fields.as_ref().is_none_or(|f| f.contains(field))
    }
}

/// The model as templates see it. Page values are made when a template needs them, with only
/// the fields it can read; nothing is serialized ahead and kept for the whole build.
pub struct Values<'a> {
    pub site: &'a Site,
    pub bodies: &'a Bodies,
}

impl Values<'_> {
    /// A page as an item of a list shaped by `form`.
    pub fn list_page(&self, index: usize, form: &ListForm) -> Value {
        self.page_value_with_body(index, form, false)
    }

    fn page_value_with_body(&self, index: usize, form: &ListForm, own: bool) -> Value {
        let mut map = page_value(self.site, self.bodies, index, form);
        if form.content && (form.wants("content") || form.wants("toc")) {
            let body = if own {
                self.bodies.own_body(index)
            } else {
                self.bodies.body(index)
            };
            if form.wants("content") {
                map.insert("content".into(), json!(body.content));
            }
            if form.wants("toc") {
                map.insert("toc".into(), json!(body.toc));
            }
        }
        Value::Object(map)
    }

    /// A page with content and table of contents, as `page` and `get_page` see it.
    pub fn full_page(&self, index: usize) -> Value {
        self.list_page(index, &ListForm::full())
    }

    /// A page as its own template sees it: with its `lower` and `higher` neighbours, shaped
    /// like the template's lists.
    pub fn page_with_neighbours(&self, index: usize, form: &ListForm) -> Value {
        let mut value = self.page_value_with_body(index, &ListForm::full(), true);
        let page = &self.site.pages[index];
        let neighbour_form = ListForm {
            content: false,
            fields: form.fields.clone(),
        };
        if let Value::Object(map) = &mut value {
            // A neighbour is a whole page value, `extra` included: only made when the
            // template chain can read it.
            let neighbour = |name: &str, p: Option<usize>| {
                form.wants(name)
                    .then_some(p)
                    .flatten()
                    .map(|p| self.list_page(p, &neighbour_form))
                    .unwrap_or(Value::Null)
            };
            map.insert("lower".into(), neighbour("lower", page.lower));
            map.insert("higher".into(), neighbour("higher", page.higher));
        }
        value
    }

    /// A section, with its pages shaped by `form` when `with_pages`.
    pub fn section_with_pages(&self, index: usize, with_pages: bool, form: &ListForm) -> Value {
        let mut value = section_value(self.site, index);
        if with_pages {
            if let Value::Object(map) = &mut value {
                map.insert(
                    "pages".into(),
                    Value::Array(
                        self.site.sections[index]
                            .pages
                            .iter()
                            .map(|&p| self.list_page(p, form))
                            .collect(),
                    ),
                );
            }
        }
        value
    }

    /// A taxonomy term, as Zola's templates see it; its pages only when `form` is given.
    pub fn term_value(&self, taxonomy: usize, term: usize, form: Option<&ListForm>) -> Value {
        let tax = &self.site.taxonomies[taxonomy];
        record(Input::Taxonomy(format!("{}@{}", tax.config.name, tax.lang)));
        let term = &tax.terms[term];
        let pages: Vec<Value> = match form {
            Some(form) => term
                .pages
                .iter()
                .map(|&p| self.list_page(p, form))
                .collect(),
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

    /// Zola's `paginator` for one pager of a list.
    pub fn paginator(&self, pagers: &[Pager], index: usize, form: &ListForm) -> Value {
        let Some(pager) = pagers.get(index) else {
            return Value::Null;
        };
        let total = pagers.len();
        let link = |i: usize| {
            pagers
                .get(i)
                .map(|p| Value::String(p.permalink.clone()))
                .unwrap_or(Value::Null)
        };
        let mut paginator = json!({
            "paginate_by": pager.per_page,
            "base_url": pager.base_url,
            "number_pagers": total,
            "total_pages": total,
            "current_index": pager.number,
            "first": link(0),
            "last": link(total - 1),
            "previous": if index > 0 { link(index - 1) } else { Value::Null },
            "next": link(index + 1),
        });
        // Moved in, not through `json!`, which would copy every page value again.
        paginator["pages"] = Value::Array(
            pager
                .pages
                .iter()
                .map(|&p| self.list_page(p, form))
                .collect(),
        );
        paginator
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

/// The page as its shortcodes see it: every field but those made from its body (`content`,
/// `summary`, `toc`), which is what is being rendered.
pub fn shortcode_page(site: &Site, bodies: &Bodies, index: usize) -> Value {
    const FIELDS: &[&str] = &[
        "relative_path",
        "colocated_path",
        "permalink",
        "path",
        "components",
        "slug",
        "ancestors",
        "title",
        "description",
        "date",
        "updated",
        "year",
        "month",
        "day",
        "weight",
        "taxonomies",
        "authors",
        "extra",
        "draft",
        "lang",
        "in_search_index",
        "assets",
        "word_count",
        "reading_time",
        "translations",
        "backlinks",
    ];
    let form = ListForm {
        content: false,
        fields: Some(Arc::new(FIELDS.iter().map(|f| f.to_string()).collect())),
    };
    Value::Object(page_value(site, bodies, index, &form))
}

/// A page's fields without its body; only the fields `form` wants.
fn page_value(site: &Site, bodies: &Bodies, index: usize, form: &ListForm) -> Map<String, Value> {
    let page = &site.pages[index];
    record(Input::Content(page.file.relative.clone()));
    let want = |field: &str| form.wants(field);
    let mut map = Map::new();
    if want("relative_path") {
        map.insert("relative_path".into(), json!(page.file.relative));
    }
    if want("colocated_path") {
        let colocated =
            page.file.relative.ends_with("/index.md") || page.file.relative.contains("/index.");
        map.insert(
            "colocated_path".into(),
            if colocated {
                json!(format!("{}/", page.key))
            } else {
                Value::Null
            },
        );
    }
    if want("permalink") {
        map.insert("permalink".into(), json!(page.permalink));
    }
    if want("path") {
        map.insert("path".into(), json!(page.path));
    }
    if want("components") {
        map.insert("components".into(), components(&page.path));
    }
    if want("slug") {
        map.insert("slug".into(), json!(page.slug));
    }
    if want("ancestors") {
        let section = &site.sections[page.section];
        let mut ancestors: Vec<Value> = section
            .ancestors(site)
            .into_iter()
            .map(|s| Value::String(site.sections[s].relative_path()))
            .collect();
        ancestors.push(Value::String(section.relative_path()));
        map.insert("ancestors".into(), Value::Array(ancestors));
    }
    if want("title") {
        map.insert("title".into(), json!(page.meta.title));
    }
    if want("description") {
        map.insert("description".into(), json!(page.meta.description));
    }
    if want("date") {
        map.insert(
            "date".into(),
            json!(page.date.map(|d| d.to_template_string())),
        );
    }
    if want("updated") {
        map.insert(
            "updated".into(),
            json!(page.updated.map(|d| d.to_template_string())),
        );
    }
    if want("year") || want("month") || want("day") {
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
    }
    if want("weight") {
        map.insert("weight".into(), json!(page.meta.weight));
    }
    if want("taxonomies") {
        map.insert("taxonomies".into(), json!(page.meta.taxonomies));
    }
    if want("authors") {
        map.insert("authors".into(), json!(page.meta.authors));
    }
    if want("extra") {
        map.insert("extra".into(), page.meta.extra.to_json(site.today));
    }
    if want("draft") {
        map.insert("draft".into(), json!(page.meta.draft));
    }
    if want("lang") {
        map.insert("lang".into(), json!(page.lang));
    }
    if want("in_search_index") {
        map.insert("in_search_index".into(), json!(page.meta.in_search_index));
    }
    if want("assets") {
        map.insert(
            "assets".into(),
            json!(page
                .assets
                .iter()
                .map(|a| a.trim_start_matches(&page.path).to_string())
                .collect::<Vec<_>>()),
        );
    }
    if want("word_count") {
        map.insert("word_count".into(), json!(page.word_count));
    }
    if want("reading_time") {
        map.insert("reading_time".into(), json!(page.reading_time));
    }
    if want("summary") {
        map.insert("summary".into(), json!(bodies.summary(index)));
    }
    if want("translations") {
        map.insert(
            "translations".into(),
            translations(site, Target::Page(index)),
        );
    }
    if want("backlinks") {
        map.insert("backlinks".into(), Value::Array(Vec::new()));
    }
    // Bodies are added by the caller when the form asks for them.
    if want("content") {
        map.insert("content".into(), json!(""));
    }
    if want("toc") {
        map.insert("toc".into(), Value::Array(Vec::new()));
    }
    if want("lower") {
        map.insert("lower".into(), Value::Null);
    }
    if want("higher") {
        map.insert("higher".into(), Value::Null);
    }
    // Made again at its length: a map grown by inserting keeps room for up to twice its fields
    // (a four-field page of a term list kept seven slots of 112 bytes), and a list of a big
    // taxonomy holds a page value for each of its 200,000 entries at once.
    map.into_iter().collect()
}

fn section_value(site: &Site, index: usize) -> Value {
    let section = &site.sections[index];
    record(Input::Content(section.relative_path()));
    // Counted on the Markdown source, as for pages.
    let word_count = section
        .file
        .as_ref()
        .map_or(0, |f| f.body().split_whitespace().count());
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
        "word_count": word_count,
        "reading_time": word_count.div_ceil(200),
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

pub fn taxonomy_value(site: &Site, taxonomy: usize) -> Value {
    let tax = &site.taxonomies[taxonomy];
    record(Input::Taxonomy(format!("{}@{}", tax.config.name, tax.lang)));
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
