//! Running a query over a built index's files (spec §5, §7), as the browser does.
//!
//! The files are read the way the browser receives them: `meta.js` first, then the term file
//! of each query word's buckets, then the document chunks of the results. Every file that is
//! missing, malformed or for another language is an error naming it: a silent empty result
//! would look like "nothing found" when the index is broken.
//!
//! The `casebook search` command is a thin shell over [`search`]; tests use it directly.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::index::{folder, FIELDS, FORMAT_VERSION};
use super::normalize;

/// At most this many query words are used; the rest of a long query is ignored.
pub const MAX_QUERY_TOKENS: usize = 12;
/// At most this many results are returned.
pub const MAX_RESULTS: usize = 10;
/// The client script, at the output root; counted among a query's downloads.
pub const CLIENT_FILE: &str = "search.js";

/// A missing or unreadable index file, or a usage problem (an unknown language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchError {
    /// The file, relative to the site (`search/en/t3.js`), or empty for a usage error.
    pub file: String,
    pub message: String,
    pub kind: ErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The index is missing or broken (exit 1).
    Index,
    /// The request cannot be served: an unknown language, no such site folder (exit 2).
    Usage,
}

impl SearchError {
    fn broken(file: &str, message: impl Into<String>) -> Self {
        SearchError {
            file: file.to_string(),
            message: message.into(),
            kind: ErrorKind::Index,
        }
    }

    fn usage(message: impl Into<String>) -> Self {
        SearchError {
            file: String::new(),
            message: message.into(),
            kind: ErrorKind::Usage,
        }
    }
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.file.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

/// Where index files come from: a built site's folder, or memory in tests.
pub trait Shards {
    /// The text of a file, by its path relative to the site root (`search/en/meta.js`).
    fn read(&mut self, file: &str) -> Result<String, SearchError>;
}

/// The files of a built site on disk.
pub struct SiteDir {
    pub root: PathBuf,
}

impl Shards for SiteDir {
    fn read(&mut self, file: &str) -> Result<String, SearchError> {
        let path = self.root.join(file);
        match std::fs::read(&path) {
            Ok(bytes) => {
                String::from_utf8(bytes).map_err(|_| SearchError::broken(file, "is not UTF-8 text"))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(SearchError::broken(file, "is missing"))
            }
            Err(e) => Err(SearchError::broken(file, format!("cannot be read: {e}"))),
        }
    }
}

/// The languages of a built site's index (folders of `search/` holding a `meta.js`), sorted,
/// and the default one: the language whose `opensearch.xml` is at the root, i.e. the one
/// without `<lang>/opensearch.xml` (only the default language lives at the root of the site).
pub fn site_languages(site: &Path) -> Result<(Vec<String>, Option<String>), SearchError> {
    if !site.is_dir() {
        return Err(SearchError::usage(format!(
            "site folder {} does not exist",
            site.display()
        )));
    }
    let search = site.join("search");
    let entries = std::fs::read_dir(&search).map_err(|_| {
        SearchError::broken(
            "search/",
            "is missing: build the site with build_search_index = true",
        )
    })?;
    let mut langs: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join("meta.js").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    langs.sort();
    if langs.is_empty() {
        return Err(SearchError::broken(
            "search/",
            "holds no language's index (no search/<lang>/meta.js)",
        ));
    }
    let at_root: Vec<&String> = langs
        .iter()
        .filter(|l| !site.join(l.as_str()).join("opensearch.xml").is_file())
        .collect();
    let default = match (langs.len(), at_root.as_slice()) {
        (1, _) => Some(langs[0].clone()),
        (_, [one]) => Some((*one).clone()),
        _ => None,
    };
    Ok((langs, default))
}

/// The parsed `meta.js` of a language.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    pub docs: u32,
    pub buckets: u32,
    pub chunk: u32,
    pub boosts: Vec<f64>,
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    #[serde(skip)]
    pub doc: u32,
    pub path: String,
    pub title: String,
    pub status: String,
    #[serde(skip)]
    pub snippet: String,
    /// Rounded to 6 decimals, as ranking compares it.
    pub score: f64,
    #[serde(skip)]
    pub matched: usize,
}

/// A file the browser would download for the query, with its size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadedFile {
    pub file: String,
    pub bytes: usize,
}

/// The answer to a query: results best first, and every file read for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Answer {
    pub query: String,
    pub lang: String,
    pub results: Vec<Hit>,
    pub files: Vec<LoadedFile>,
}

impl Answer {
    /// One line per result: `<path>\t<title>`.
    pub fn to_text(&self) -> String {
        self.results
            .iter()
            .map(|h| format!("{}\t{}\n", h.path, h.title))
            .collect()
    }

    pub fn to_json(&self) -> String {
        // Plain strings and numbers: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Postings of the terms of one bucket file: key → flat (doc, field, tf) triples.
type Terms = BTreeMap<String, Vec<u32>>;

/// Runs `query` over the index of `lang` (spec §5). Reads `search.js` only for its size.
pub fn search(shards: &mut dyn Shards, lang: &str, query: &str) -> Result<Answer, SearchError> {
    let dir = folder(lang);
    let mut files = Vec::new();
    let client = shards.read(CLIENT_FILE)?;
    files.push(LoadedFile {
        file: CLIENT_FILE.into(),
        bytes: client.len(),
    });
    let meta_file = format!("{dir}meta.js");
    let meta_text = shards.read(&meta_file)?;
    files.push(LoadedFile {
        file: meta_file.clone(),
        bytes: meta_text.len(),
    });
    let meta = parse_meta(&meta_text, &meta_file, lang)?;

    let mut words = normalize::tokens(query);
    words.truncate(MAX_QUERY_TOKENS);
    let keys: Vec<String> = words.iter().map(|w| normalize::key(w)).collect();

    // Term files, in the order the words need them.
    let mut buckets: BTreeMap<u32, Terms> = BTreeMap::new();
    for (word, key) in words.iter().zip(&keys) {
        for k in [
            normalize::bucket(word, meta.buckets),
            normalize::bucket(key, meta.buckets),
        ] {
            if buckets.contains_key(&k) {
                continue;
            }
            let file = format!("{dir}t{k}.js");
            let text = shards.read(&file)?;
            files.push(LoadedFile {
                file: file.clone(),
                bytes: text.len(),
            });
            buckets.insert(k, parse_terms(&text, &file, lang, k, &meta)?);
        }
    }

    // Each word's best posting per document, added up over the words.
    let mut totals: HashMap<u32, (usize, f64)> = HashMap::new();
    for (word, key) in words.iter().zip(&keys) {
        let mut best: HashMap<u32, f64> = HashMap::new();
        let mut consider = |postings: &[u32], weight: f64| {
            for triple in postings.chunks_exact(3) {
                let (doc, field, tf) = (triple[0], triple[1] as usize, triple[2]);
                let boost = meta.boosts.get(field).copied().unwrap_or(0.0);
                let score = weight * boost * (1.0 + f64::from(tf).ln());
                let entry = best.entry(doc).or_insert(0.0);
                if score > *entry {
                    *entry = score;
                }
            }
        };
        if let Some(terms) = buckets.get(&normalize::bucket(word, meta.buckets)) {
            for (term, postings) in terms {
                if let Some(stem) = term.strip_prefix('w') {
                    if let Some(weight) = word_weight(stem, word) {
                        consider(postings, weight);
                    }
                }
            }
        }
        if let Some(terms) = buckets.get(&normalize::bucket(key, meta.buckets)) {
            for (term, postings) in terms {
                if let Some(name) = term.strip_prefix('n') {
                    if let Some(weight) = name_weight(name, key) {
                        consider(postings, weight);
                    }
                }
            }
        }
        for (doc, score) in best {
            if score > 0.0 {
                let total = totals.entry(doc).or_insert((0, 0.0));
                total.0 += 1;
                total.1 += score;
            }
        }
    }

    let mut ranked: Vec<(u32, usize, f64)> = totals
        .into_iter()
        .map(|(doc, (matched, score))| (doc, matched, score))
        .collect();
    ranked.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| rounded(b.2).cmp(&rounded(a.2)))
            .then_with(|| a.0.cmp(&b.0))
    });
    ranked.truncate(MAX_RESULTS);

    // Document chunks, in the order of the results that need them.
    let mut chunks: BTreeMap<u32, Vec<[String; 4]>> = BTreeMap::new();
    let mut results = Vec::with_capacity(ranked.len());
    for (doc, matched, score) in ranked {
        let j = doc / meta.chunk;
        let file = format!("{dir}d{j}.js");
        let rows = match chunks.entry(j) {
            Entry::Occupied(rows) => rows.into_mut(),
            Entry::Vacant(slot) => {
                let text = shards.read(&file)?;
                files.push(LoadedFile {
                    file: file.clone(),
                    bytes: text.len(),
                });
                slot.insert(parse_docs(&text, &file, lang, j)?)
            }
        };
        let entry = rows
            .get((doc % meta.chunk) as usize)
            .ok_or_else(|| SearchError::broken(&file, format!("has no document {doc}")))?;
        results.push(Hit {
            doc,
            path: entry[0].clone(),
            title: entry[1].clone(),
            status: entry[2].clone(),
            snippet: entry[3].clone(),
            score: rounded(score) as f64 / 1e6,
            matched,
        });
    }
    Ok(Answer {
        query: query.to_string(),
        lang: lang.to_string(),
        results,
        files,
    })
}

/// A score in millionths, so that ranking compares scores rounded to 6 decimals, as the
/// client does (floating point sums may differ in the last bits between the two).
fn rounded(score: f64) -> i64 {
    (score * 1e6).round() as i64
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// How well the word term `stem` matches the query word `word` (spec §5), if at all: 1.0 for
/// the word itself or a stem of it, 0.6 for a longer word it begins (typing in progress).
pub fn word_weight(stem: &str, word: &str) -> Option<f64> {
    if stem == word {
        return Some(1.0);
    }
    if word.starts_with(stem) {
        let (s, t) = (chars(stem), chars(word));
        if s >= 3 && t - s <= 6 {
            return Some(1.0);
        }
    }
    if stem.starts_with(word) && chars(word) >= 2 {
        return Some(0.6);
    }
    None
}

/// How well the name term `name` matches the query key `key` (spec §5), if at all: 1.0 for
/// the same key, 0.6 for a longer name it begins, 0.4 for a name one edit away (a typo).
pub fn name_weight(name: &str, key: &str) -> Option<f64> {
    if name == key {
        return Some(1.0);
    }
    let k = chars(key);
    if k >= 3 && name.starts_with(key) {
        return Some(0.6);
    }
    if k >= 4 && chars(name) >= 4 && normalize::one_edit_apart(name, key) {
        return Some(0.4);
    }
    None
}

/// The arguments of a `casebookSearch.<call>(…);` file, as one JSON array.
fn call_arguments(
    text: &str,
    file: &str,
    call: &str,
) -> Result<Vec<serde_json::Value>, SearchError> {
    let prefix = format!("casebookSearch.{call}(");
    let inner = text
        .trim()
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(");"))
        .ok_or_else(|| {
            SearchError::broken(
                file,
                format!("is not a casebookSearch.{call}(…); call (empty or cut short?)"),
            )
        })?;
    serde_json::from_str(&format!("[{inner}]"))
        .map_err(|e| SearchError::broken(file, format!("holds invalid JSON: {e}")))
}

fn check_lang(args: &[serde_json::Value], file: &str, lang: &str) -> Result<(), SearchError> {
    match args.first().and_then(|v| v.as_str()) {
        Some(l) if l == lang => Ok(()),
        Some(l) => Err(SearchError::broken(
            file,
            format!("is the index of language {l:?}, not {lang:?}"),
        )),
        None => Err(SearchError::broken(file, "does not name its language")),
    }
}

fn check_number(args: &[serde_json::Value], file: &str, expected: u32) -> Result<(), SearchError> {
    match args.get(1).and_then(|v| v.as_u64()) {
        Some(n) if n == u64::from(expected) => Ok(()),
        _ => Err(SearchError::broken(
            file,
            format!("does not say it is part {expected}"),
        )),
    }
}

/// Parses `meta.js`: `casebookSearch.meta("en",{"v":1,"docs":N,"buckets":B,…});`.
pub fn parse_meta(text: &str, file: &str, lang: &str) -> Result<Meta, SearchError> {
    let args = call_arguments(text, file, "meta")?;
    check_lang(&args, file, lang)?;
    let body = args
        .get(1)
        .and_then(|v| v.as_object())
        .ok_or_else(|| SearchError::broken(file, "has no settings object"))?;
    let number = |key: &str| -> Result<u32, SearchError> {
        body.get(key)
            .and_then(|v| v.as_u64())
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| SearchError::broken(file, format!("has no number {key:?}")))
    };
    let version = number("v")?;
    if version != FORMAT_VERSION {
        return Err(SearchError::broken(
            file,
            format!("is format version {version}; this casebook reads {FORMAT_VERSION}"),
        ));
    }
    let boosts: Vec<f64> = body
        .get("boosts")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|b| b.as_f64()).collect())
        .unwrap_or_default();
    if boosts.len() != FIELDS {
        return Err(SearchError::broken(
            file,
            "has no boost for each of the 6 fields",
        ));
    }
    let meta = Meta {
        docs: number("docs")?,
        buckets: number("buckets")?,
        chunk: number("chunk")?,
        boosts,
    };
    if meta.buckets == 0 || meta.chunk == 0 {
        return Err(SearchError::broken(file, "gives 0 buckets or a chunk of 0"));
    }
    Ok(meta)
}

/// Parses a term file `t<k>.js`, checking every posting against the meta data.
pub fn parse_terms(
    text: &str,
    file: &str,
    lang: &str,
    bucket: u32,
    meta: &Meta,
) -> Result<Terms, SearchError> {
    let mut args = call_arguments(text, file, "terms")?;
    check_lang(&args, file, lang)?;
    check_number(&args, file, bucket)?;
    let value = args
        .get_mut(2)
        .map(serde_json::Value::take)
        .ok_or_else(|| SearchError::broken(file, "has no terms object"))?;
    let terms: Terms = serde_json::from_value(value)
        .map_err(|e| SearchError::broken(file, format!("holds malformed postings: {e}")))?;
    for (term, postings) in &terms {
        let well_formed = postings.len() % 3 == 0
            && postings
                .chunks_exact(3)
                .all(|t| t[0] < meta.docs && (t[1] as usize) < FIELDS && t[2] >= 1);
        if !well_formed || !(term.starts_with('w') || term.starts_with('n')) {
            return Err(SearchError::broken(
                file,
                format!("holds a malformed entry for {term:?}"),
            ));
        }
    }
    Ok(terms)
}

/// Parses a document chunk `d<j>.js`: rows of [path, title, status, snippet].
pub fn parse_docs(
    text: &str,
    file: &str,
    lang: &str,
    chunk: u32,
) -> Result<Vec<[String; 4]>, SearchError> {
    let mut args = call_arguments(text, file, "docs")?;
    check_lang(&args, file, lang)?;
    check_number(&args, file, chunk)?;
    let value = args
        .get_mut(2)
        .map(serde_json::Value::take)
        .ok_or_else(|| SearchError::broken(file, "has no documents"))?;
    serde_json::from_value(value)
        .map_err(|e| SearchError::broken(file, format!("holds malformed documents: {e}")))
}

#[cfg(test)]
mod tests {
    use super::super::index::{self, Document, Field};
    use super::*;

    struct Memory(BTreeMap<String, String>);

    impl Shards for Memory {
        fn read(&mut self, file: &str) -> Result<String, SearchError> {
            self.0
                .get(file)
                .cloned()
                .ok_or_else(|| SearchError::broken(file, "is missing"))
        }
    }

    fn site(lang: &str, docs: &[Document]) -> Memory {
        let index = index::build(lang, docs);
        let mut files: BTreeMap<String, String> = index
            .files()
            .into_iter()
            .map(|f| (f.path, f.text))
            .collect();
        files.insert(CLIENT_FILE.into(), "client".into());
        Memory(files)
    }

    fn doc(path: &str, title: &str, names: &str, body: &str) -> Document {
        let mut fields: [String; index::FIELDS] = Default::default();
        fields[Field::Title as usize] = title.into();
        fields[Field::Names as usize] = names.into();
        fields[Field::Body as usize] = body.into();
        Document {
            path: path.into(),
            title: title.into(),
            status: String::new(),
            snippet: String::new(),
            fields,
        }
    }

    fn paths(answer: &Answer) -> Vec<&str> {
        answer.results.iter().map(|h| h.path.as_str()).collect()
    }

    #[test]
    fn weights_follow_the_spec() {
        assert_eq!(word_weight("sentenc", "sentenced"), Some(1.0));
        assert_eq!(word_weight("sentenced", "sentenced"), Some(1.0));
        assert_eq!(word_weight("sentenc", "sen"), Some(0.6));
        assert_eq!(word_weight("sentenc", "s"), None);
        assert_eq!(word_weight("se", "sentenced"), None);
        assert_eq!(word_weight("org", "organization"), None);
        assert_eq!(name_weight("bokaev", "bokaev"), Some(1.0));
        assert_eq!(name_weight("bokaev", "bok"), Some(0.6));
        assert_eq!(name_weight("bokaev", "bo"), None);
        assert_eq!(name_weight("bokaev", "bokaevv"), Some(0.4));
        assert_eq!(name_weight("bokaev", "bogaev"), Some(0.4));
        assert_eq!(name_weight("abc", "abd"), None);
        assert_eq!(name_weight("bokaev", "bkoaev"), None);
    }

    #[test]
    fn exact_name_beats_typo_and_title_beats_body() {
        let docs = vec![
            doc("a/", "Talgat Ayan", "Talgat Ayan", ""),
            doc("b/", "Other", "Talghat Ayan", ""),
            doc("c/", "Mention", "", "talgat talgat talgat"),
        ];
        let mut memory = site("en", &docs);
        let answer = search(&mut memory, "en", "Talgat").unwrap();
        // Exact name 10; a name one edit away 0.4 × 10; three times in the body 1 + ln 3.
        assert_eq!(paths(&answer), ["a/", "b/", "c/"]);
        let scores: Vec<f64> = answer.results.iter().map(|h| h.score).collect();
        assert_eq!(scores, [10.0, 4.0, 2.098612]);
        let answer = search(&mut memory, "en", "Талгат Аян").unwrap();
        assert_eq!(paths(&answer)[0], "a/");
    }

    #[test]
    fn more_matched_words_rank_first() {
        let docs = vec![
            doc(
                "a/",
                "Bokayev",
                "Bokayev Bokayev",
                "bokayev bokayev bokayev",
            ),
            doc("b/", "Maks", "", "bokayev"),
        ];
        let mut memory = site("en", &docs);
        let answer = search(&mut memory, "en", "maks bokayev").unwrap();
        assert_eq!(paths(&answer), ["b/", "a/"]);
        assert_eq!(answer.results[0].matched, 2);
    }

    #[test]
    fn files_loaded_are_listed_once() {
        let docs: Vec<Document> = (0..100)
            .map(|i| doc(&format!("p{i:03}/"), &format!("Person{i}"), "", "common"))
            .collect();
        let mut memory = site("en", &docs);
        let answer = search(&mut memory, "en", "common common").unwrap();
        assert_eq!(answer.results.len(), MAX_RESULTS);
        let names: Vec<&str> = answer.files.iter().map(|f| f.file.as_str()).collect();
        assert_eq!(names[..2], ["search.js", "search/en/meta.js"]);
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        // The first results (0..10) live in chunk 0.
        assert_eq!(names.iter().filter(|n| n.contains("/d")).count(), 1);
    }

    #[test]
    fn nothing_to_search_is_no_result() {
        let mut memory = site("en", &[doc("a/", "Title", "", "")]);
        for query in ["", "!!!", "🙂🙂🙂", "— … —"] {
            let answer = search(&mut memory, "en", query).unwrap();
            assert!(answer.results.is_empty(), "{query}");
        }
    }

    #[test]
    fn broken_files_are_named() {
        let mut memory = site("en", &[doc("a/", "Title", "", "")]);
        memory.0.insert("search/en/t0.js".into(), String::new());
        let err = search(&mut memory, "en", "title").unwrap_err();
        assert_eq!(err.file, "search/en/t0.js");
        memory.0.remove("search/en/t0.js");
        let err = search(&mut memory, "en", "title").unwrap_err();
        assert_eq!(err.to_string(), "search/en/t0.js: is missing");
        let err = search(&mut memory, "ru", "title").unwrap_err();
        assert_eq!(err.file, "search/ru/meta.js");
    }

    #[test]
    fn postings_are_checked() {
        let meta = Meta {
            docs: 2,
            buckets: 1,
            chunk: 32,
            boosts: vec![1.0; 6],
        };
        let ok = r#"casebookSearch.terms("en",0,{"wa":[1,5,1]});"#;
        assert!(parse_terms(ok, "t0.js", "en", 0, &meta).is_ok());
        for bad in [
            r#"casebookSearch.terms("en",0,{"wa":[2,5,1]});"#,
            r#"casebookSearch.terms("en",0,{"wa":[1,6,1]});"#,
            r#"casebookSearch.terms("en",0,{"wa":[1,5]});"#,
            r#"casebookSearch.terms("en",0,{"xa":[1,5,1]});"#,
            r#"casebookSearch.terms("en",1,{"wa":[1,5,1]});"#,
            r#"casebookSearch.terms("ru",0,{"wa":[1,5,1]});"#,
            r#"casebookSearch.terms("en",0,{"wa":[1,5,1]}"#,
        ] {
            assert!(parse_terms(bad, "t0.js", "en", 0, &meta).is_err(), "{bad}");
        }
    }
}
