//! Zola's template functions over the site model: get_url, get_page, get_section,
//! get_taxonomy, get_taxonomy_url, get_taxonomy_term, trans, load_data and get_hash.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use base64::Engine;
use serde_json::{json, Value};
use sha2::Digest;
use tera::{Function, Result as TeraResult};

use super::context::{ListForm, Values};
use crate::bodies::Bodies;
use crate::config::Config;
use crate::model::{paths, Site, Target};
use crate::output::jobs::{record, Input};

/// What the functions read: the linked model and its page bodies.
pub struct RenderData {
    pub site: Arc<Site>,
    pub bodies: Arc<Bodies>,
}

impl RenderData {
    fn values(&self) -> Values<'_> {
        Values {
            site: &self.site,
            bodies: &self.bodies,
        }
    }
}

/// Shared between the functions. Set before the outputs run and replaced by the next build in
/// the same process (`serve`); empty while shortcodes render, which cannot read the site.
#[derive(Clone, Default)]
pub struct DataCell(Arc<RwLock<Option<Arc<RenderData>>>>);

impl DataCell {
    /// Makes `data` what the functions read from now on.
    pub fn replace(&self, data: Option<Arc<RenderData>>) {
        if let Ok(mut slot) = self.0.write() {
            *slot = data;
        }
    }

    fn get(&self) -> Option<Arc<RenderData>> {
        self.0.read().ok().and_then(|d| d.clone())
    }
}

thread_local! {
    /// How lists returned by `get_section` and `get_taxonomy_term` are shaped: like the lists the
    /// running job's template gets, since a field its template chain never names cannot be read.
    static LIST_FORM: RefCell<Option<ListForm>> = const { RefCell::new(None) };
}

/// Sets the list shape for functions called by the running job (None: every field).
pub fn set_list_form(form: Option<ListForm>) {
    LIST_FORM.with(|f| *f.borrow_mut() = form);
}

fn list_form() -> ListForm {
    LIST_FORM
        .with(|f| f.borrow().clone())
        .unwrap_or_else(ListForm::full)
}

/// Files the functions may read: the site root (for load_data) and static folders (get_hash).
#[derive(Clone)]
pub struct Files {
    pub root: PathBuf,
    pub static_dirs: Vec<PathBuf>,
}

pub fn register(tera: &mut tera::Tera, config: &Config, data: DataCell, files: Files) {
    let config = Arc::new(config.clone());
    tera.register_function(
        "get_url",
        GetUrl {
            config: config.clone(),
            data: data.clone(),
            files: files.clone(),
        },
    );
    tera.register_function("get_page", GetPage { data: data.clone() });
    tera.register_function("get_section", GetSection { data: data.clone() });
    tera.register_function(
        "get_taxonomy",
        GetTaxonomy {
            data: data.clone(),
            config: config.clone(),
        },
    );
    tera.register_function(
        "get_taxonomy_url",
        GetTaxonomyUrl {
            data: data.clone(),
            config: config.clone(),
        },
    );
    tera.register_function(
        "get_taxonomy_term",
        GetTaxonomyTerm {
            data,
            config: config.clone(),
        },
    );
    tera.register_function("trans", Trans { config });
    tera.register_function(
        "load_data",
        LoadData {
            files: files.clone(),
        },
    );
    tera.register_function("get_hash", GetHash { files });
}

fn arg_str<'a>(
    args: &'a HashMap<String, Value>,
    name: &str,
    function: &str,
) -> TeraResult<&'a str> {
    args.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg(format!("{function}: missing string argument `{name}`")))
}

fn opt_str<'a>(args: &'a HashMap<String, Value>, name: &str) -> Option<&'a str> {
    args.get(name).and_then(Value::as_str)
}

fn opt_bool(args: &HashMap<String, Value>, name: &str, default: bool) -> bool {
    args.get(name).and_then(Value::as_bool).unwrap_or(default)
}

fn data_of(cell: &DataCell, function: &str) -> TeraResult<Arc<RenderData>> {
    cell.get().ok_or_else(|| {
        tera::Error::msg(format!(
            "{function} is not available in shortcodes (the site is still being rendered)"
        ))
    })
}

struct GetUrl {
    config: Arc<Config>,
    data: DataCell,
    files: Files,
}

impl Function for GetUrl {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let path = arg_str(args, "path", "get_url")?;
        let lang = opt_str(args, "lang").unwrap_or(&self.config.default_language);
        if let Some(file) = path.strip_prefix("@/") {
            let (file, anchor) = match file.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (file, None),
            };
            let data = data_of(&self.data, "get_url with @/")?;
            let target = data
                .site
                .resolve(file, lang)
                .ok_or_else(|| tera::Error::msg(format!("get_url: no page or section {path}")))?;
            record(Input::Content(data.site.relative_path_of(target)));
            let link = data.site.permalink_of(target).to_string();
            return Ok(Value::String(match anchor {
                Some(a) => format!("{link}#{a}"),
                None => link,
            }));
        }
        if path.starts_with("http://") || path.starts_with("https://") || path.starts_with("//") {
            return Ok(Value::String(path.to_string()));
        }
        let trimmed = path.trim_start_matches('/');
        let prefix = paths::language_prefix(lang, &self.config);
        let mut url = format!("{}{}{}", self.config.base(), prefix, trimmed);
        if opt_bool(args, "trailing_slash", false) && !url.ends_with('/') {
            url.push('/');
        }
        if opt_bool(args, "cachebust", false) {
            let file = find_static(&self.files, trimmed).ok_or_else(|| {
                tera::Error::msg(format!("get_url: cachebust: no static file {trimmed}"))
            })?;
            record(Input::Data(relative_to(&self.files.root, &file)));
            let bytes = std::fs::read(&file)
                .map_err(|e| tera::Error::msg(format!("get_url: cannot read {trimmed}: {e}")))?;
            let hash = sha2::Sha256::digest(&bytes);
            url.push_str(&format!("?h={}", hex(&hash[..10])));
        }
        Ok(Value::String(url))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A file's path below the site root, with `/` separators, as jobs record it.
fn relative_to(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn find_static(files: &Files, relative: &str) -> Option<PathBuf> {
    if relative.split('/').any(|s| s == "..") {
        return None;
    }
    files
        .static_dirs
        .iter()
        .rev()
        .map(|d| d.join(relative))
        .find(|p| p.is_file())
}

struct GetPage {
    data: DataCell,
}

impl Function for GetPage {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let path = arg_str(args, "path", "get_page")?;
        let data = data_of(&self.data, "get_page")?;
        let lang = opt_str(args, "lang").unwrap_or(&data.site.config.default_language);
        match data.site.resolve(path.trim_start_matches("@/"), lang) {
            Some(Target::Page(i)) => Ok(data.values().full_page(i)),
            _ => Err(tera::Error::msg(format!("get_page: no page {path}"))),
        }
    }
}

struct GetSection {
    data: DataCell,
}

impl Function for GetSection {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let path = arg_str(args, "path", "get_section")?;
        let data = data_of(&self.data, "get_section")?;
        let lang = opt_str(args, "lang").unwrap_or(&data.site.config.default_language);
        let metadata_only = opt_bool(args, "metadata_only", false);
        match data.site.resolve(path.trim_start_matches("@/"), lang) {
            Some(Target::Section(i)) => {
                Ok(data
                    .values()
                    .section_with_pages(i, !metadata_only, &list_form()))
            }
            _ => Err(tera::Error::msg(format!("get_section: no section {path}"))),
        }
    }
}

fn find_taxonomy(site: &Site, kind: &str, lang: &str) -> Option<usize> {
    site.taxonomies
        .iter()
        .position(|t| t.config.name == kind && t.lang == lang)
}

struct GetTaxonomy {
    data: DataCell,
    config: Arc<Config>,
}

impl Function for GetTaxonomy {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let kind = arg_str(args, "kind", "get_taxonomy")?;
        let lang = opt_str(args, "lang").unwrap_or(&self.config.default_language);
        let data = data_of(&self.data, "get_taxonomy")?;
        match find_taxonomy(&data.site, kind, lang) {
            Some(t) => {
                let values = data.values();
                let form = ListForm {
                    content: false,
                    fields: list_form().fields,
                };
                let items: Vec<Value> = (0..data.site.taxonomies[t].terms.len())
                    .map(|i| values.term_value(t, i, Some(&form)))
                    .collect();
                let mut value = json!({
                    "kind": super::context::taxonomy_value(&data.site, t),
                    "lang": lang,
                    "permalink": data.site.taxonomies[t].permalink,
                });
                value["items"] = Value::Array(items);
                Ok(value)
            }
            None if !opt_bool(args, "required", true) => Ok(Value::Null),
            None => Err(tera::Error::msg(format!(
                "get_taxonomy: no taxonomy `{kind}` in language `{lang}`"
            ))),
        }
    }
}

struct GetTaxonomyUrl {
    data: DataCell,
    config: Arc<Config>,
}

impl Function for GetTaxonomyUrl {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let kind = arg_str(args, "kind", "get_taxonomy_url")?;
        let name = arg_str(args, "name", "get_taxonomy_url")?;
        let lang = opt_str(args, "lang").unwrap_or(&self.config.default_language);
        let data = data_of(&self.data, "get_taxonomy_url")?;
        let slug = paths::slugify(name);
        record(Input::Taxonomy(format!("{kind}@{lang}")));
        let found = find_taxonomy(&data.site, kind, lang).and_then(|t| {
            data.site.taxonomies[t]
                .terms
                .iter()
                .find(|term| term.slug == slug)
                .map(|term| term.permalink.clone())
        });
        match found {
            Some(url) => Ok(Value::String(url)),
            None if !opt_bool(args, "required", true) => Ok(Value::Null),
            None => Err(tera::Error::msg(format!(
                "get_taxonomy_url: no term `{name}` in taxonomy `{kind}` ({lang})"
            ))),
        }
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct GetTaxonomyTerm {
    data: DataCell,
    config: Arc<Config>,
}

impl Function for GetTaxonomyTerm {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let kind = arg_str(args, "kind", "get_taxonomy_term")?;
        let name = arg_str(args, "term", "get_taxonomy_term")?;
        let lang = opt_str(args, "lang").unwrap_or(&self.config.default_language);
        let include_pages = opt_bool(args, "include_pages", true);
        let data = data_of(&self.data, "get_taxonomy_term")?;
        let slug = paths::slugify(name);
        let found = find_taxonomy(&data.site, kind, lang).and_then(|t| {
            data.site.taxonomies[t]
                .terms
                .iter()
                .position(|term| term.slug == slug)
                .map(|i| {
                    let form = include_pages.then(list_form);
                    data.values().term_value(t, i, form.as_ref())
                })
        });
        match found {
            Some(v) => Ok(v),
            None if !opt_bool(args, "required", true) => Ok(Value::Null),
            None => Err(tera::Error::msg(format!(
                "get_taxonomy_term: no term `{name}` in taxonomy `{kind}` ({lang})"
            ))),
        }
    }
}

struct Trans {
    config: Arc<Config>,
}

impl Function for Trans {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let key = arg_str(args, "key", "trans")?;
        let lang = opt_str(args, "lang").unwrap_or(&self.config.default_language);
        self.config
            .translation(key, lang)
            .map(|s| Value::String(s.to_string()))
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "trans: no translation `{key}` for language `{lang}` in config.toml"
                ))
            })
    }
}

struct LoadData {
    files: Files,
}

impl Function for LoadData {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        if args.contains_key("url") {
            return Err(tera::Error::msg(
                "load_data: remote data (url=…) is not supported; keep data files in the repository",
            ));
        }
        let path = arg_str(args, "path", "load_data")?;
        let required = opt_bool(args, "required", true);
        let file = match safe_join(
            &self.files.root,
            path.trim_start_matches("@/").trim_start_matches('/'),
            path.starts_with("@/"),
        ) {
            Some(f) if f.is_file() => f,
            _ if !required => return Ok(Value::Null),
            _ => {
                return Err(tera::Error::msg(format!(
                    "load_data: no file {path} in the site"
                )))
            }
        };
        let format = opt_str(args, "format")
            .map(str::to_string)
            .or_else(|| file.extension().map(|e| e.to_string_lossy().to_lowercase()))
            .unwrap_or_else(|| "plain".into());
        record(Input::Data(relative_to(&self.files.root, &file)));
        let text = std::fs::read_to_string(&file)
            .map_err(|e| tera::Error::msg(format!("load_data: cannot read {path}: {e}")))?;
        match format.as_str() {
            "json" => serde_json::from_str(&text)
                .map_err(|e| tera::Error::msg(format!("load_data: {path}: {e}"))),
            "toml" => toml::from_str::<toml::Table>(&text)
                .map(|t| super::context::table_to_json(&t))
                .map_err(|e| tera::Error::msg(format!("load_data: {path}: {e}"))),
            "csv" => {
                let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
                let headers: Vec<String> = reader
                    .headers()
                    .map_err(|e| tera::Error::msg(format!("load_data: {path}: {e}")))?
                    .iter()
                    .map(str::to_string)
                    .collect();
                let mut records = Vec::new();
                for record in reader.records() {
                    let record =
                        record.map_err(|e| tera::Error::msg(format!("load_data: {path}: {e}")))?;
                    records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
                }
                Ok(json!({"headers": headers, "records": records}))
            }
            "plain" | "txt" | "md" | "html" => Ok(Value::String(text)),
            other => Err(tera::Error::msg(format!(
                "load_data: format `{other}` is not supported (json, toml, csv, plain)"
            ))),
        }
    }
}

/// Joins a relative path to the root, refusing anything that would leave it.
fn safe_join(root: &Path, relative: &str, in_content: bool) -> Option<PathBuf> {
    if relative.split('/').any(|s| s == "..") || relative.contains('\\') {
        return None;
    }
    let base = if in_content {
        root.join("content")
    } else {
        root.to_path_buf()
    };
    let joined = base.join(relative);
    let canonical_root = root.canonicalize().ok()?;
    let canonical = joined.canonicalize().ok()?;
    canonical.starts_with(&canonical_root).then_some(joined)
}

struct GetHash {
    files: Files,
}

impl Function for GetHash {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let bytes = if let Some(literal) = opt_str(args, "literal") {
            literal.as_bytes().to_vec()
        } else {
            let path = arg_str(args, "path", "get_hash")?;
            let trimmed = path.trim_start_matches('/');
            let file = find_static(&self.files, trimmed)
                .or_else(|| safe_join(&self.files.root, trimmed, false).filter(|p| p.is_file()))
                .ok_or_else(|| tera::Error::msg(format!("get_hash: no file {path}")))?;
            record(Input::Data(relative_to(&self.files.root, &file)));
            std::fs::read(&file)
                .map_err(|e| tera::Error::msg(format!("get_hash: cannot read {path}: {e}")))?
        };
        let sha_type = args.get("sha_type").and_then(Value::as_u64).unwrap_or(384);
        let digest: Vec<u8> = match sha_type {
            256 => sha2::Sha256::digest(&bytes).to_vec(),
            384 => sha2::Sha384::digest(&bytes).to_vec(),
            512 => sha2::Sha512::digest(&bytes).to_vec(),
            other => {
                return Err(tera::Error::msg(format!(
                    "get_hash: sha_type {other} is not one of 256, 384, 512"
                )))
            }
        };
        if opt_bool(args, "base64", true) {
            Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(digest),
            ))
        } else {
            Ok(Value::String(hex(&digest)))
        }
    }
}
