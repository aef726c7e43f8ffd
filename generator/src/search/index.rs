//! The inverted index of one language and its files (spec §3–§4).
//!
//! Documents come in with the text of their six fields; each token of a field becomes a word
//! term (`w` + stem) and, in the title and names, a name term (`n` + transliteration key).
//! Postings are flat `(doc, field, tf)` triples, sorted by document then field. The files are
//! JavaScript calls (`casebookSearch.terms("en",3,{…});`) so that the browser can load them
//! with `<script>` tags, which works from `file://` where `fetch` does not.
//!
//! Terms are cut into buckets by the first two letters of their text, so a query word needs one
//! term file, and prefix matching finds every longer word in the same file. The number of
//! buckets grows with the number of terms but never past [`MAX_BUCKETS`]: the file count of the
//! index stays bounded whatever the site's size (documents, which must be stored somewhere,
//! go into chunks of [`DOC_CHUNK`]).
//!
//! Everything is deterministic: documents in path order, terms in key order, postings in
//! document order, whatever the order in which threads finished.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::normalize::{self, CyrillicStemming, Stemmers};

/// Version of the file format, in `meta.js`; the client refuses another.
pub const FORMAT_VERSION: u32 = 1;
/// Boost of each field, in field order (spec §3).
pub const BOOSTS: [u32; FIELDS] = [10, 10, 4, 4, 3, 1];
pub const FIELDS: usize = 6;
/// Documents per `d<j>.js` file.
pub const DOC_CHUNK: usize = 32;
/// About how many terms one bucket file should hold before the buckets double.
pub const TERMS_PER_BUCKET: usize = 400;
/// About how many bytes of terms and postings one bucket file should hold before the buckets
/// double (a deviation from the spec, which counts terms only: a large site with a small
/// vocabulary would otherwise get a few bucket files of megabytes each).
pub const BYTES_PER_BUCKET: usize = 16 * 1024;
/// The most term files a language can have.
pub const MAX_BUCKETS: u32 = 1024;

/// The fields of a document, in the order of their numbers in postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title = 0,
    Names = 1,
    Charges = 2,
    Symbol = 3,
    Region = 4,
    Body = 5,
}

/// One page as the index sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// Relative to the site root, with a trailing slash: `ru/prisoners/maks-bokayev/`.
    pub path: String,
    pub title: String,
    /// `extra.status`, or empty.
    pub status: String,
    /// Shown under the result: the description, or the start of the body text.
    pub snippet: String,
    /// Text of each field, indexed by [`Field`]; several values separated by new lines.
    pub fields: [String; FIELDS],
}

/// The built index of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    pub lang: String,
    pub docs: Vec<DocEntry>,
    /// Term key (`w…` or `n…`) → flat (doc, field, tf) triples; sorted by key.
    pub terms: Vec<(String, Vec<u32>)>,
    pub buckets: u32,
}

/// What a result shows of a document (one entry of a `d<j>.js` file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocEntry {
    pub path: String,
    pub title: String,
    pub status: String,
    pub snippet: String,
}

/// One file of the index: its path below the output root and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    pub path: String,
    pub text: String,
}

/// The folder of a language's index below the output root: `search/en/`.
pub fn folder(lang: &str) -> String {
    format!("search/{lang}/")
}

/// The number of term files for `terms` distinct terms taking `bytes` in the files: the
/// smallest power of two at least `terms / 400` and at least `bytes / 16 KiB`, from 1 to
/// [`MAX_BUCKETS`].
pub fn bucket_count(terms: usize, bytes: usize) -> u32 {
    let wanted = terms
        .div_ceil(TERMS_PER_BUCKET)
        .max(bytes.div_ceil(BYTES_PER_BUCKET))
        .max(1);
    // At most MAX_BUCKETS, so the conversion cannot fail; 1 is only a formal fallback.
    u32::try_from(wanted.next_power_of_two().min(MAX_BUCKETS as usize)).unwrap_or(1)
}

/// Builds the index of one language from its documents, which must already be in path order
/// (their position is their id). Documents are tokenized in parallel.
pub fn build(lang: &str, documents: &[Document]) -> Index {
    let stemmers = Stemmers::new(CyrillicStemming::for_language(lang));
    // Runs of at least 512 documents: each run stems its words once, so fewer, longer runs
    // stem less, while a large site still has runs enough for every thread.
    let partials: Vec<Partial> = documents
        .par_iter()
        .enumerate()
        .with_min_len(512)
        .fold(Partial::default, |mut partial, (id, doc)| {
            // Document ids fit in u32: a site of four billion pages is not built here.
            partial.add(id as u32, doc, &stemmers);
            partial
        })
        .collect();
    let mut terms = merge(&partials);
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let bytes: usize = terms
        .iter()
        .map(|(key, postings)| term_bytes(key, postings))
        .sum();
    let buckets = bucket_count(terms.len(), bytes);
    Index {
        lang: lang.to_string(),
        docs: documents
            .iter()
            .map(|d| DocEntry {
                path: d.path.clone(),
                title: d.title.clone(),
                status: d.status.clone(),
                snippet: d.snippet.clone(),
            })
            .collect(),
        terms,
        buckets,
    }
}

/// The bytes a term takes in its file: `"key":[1,5,2],` (keys are mostly ASCII; this is a
/// size estimate for [`bucket_count`], exact for ASCII keys).
fn term_bytes(key: &str, postings: &[u32]) -> usize {
    let digits: usize = postings.iter().map(|&v| decimal_digits(v) + 1).sum();
    key.len() + 5 + digits
}

fn decimal_digits(mut value: u32) -> usize {
    let mut digits = 1;
    while value >= 10 {
        value /= 10;
        digits += 1;
    }
    digits
}

/// Postings come out of [`merge`] in document order already (rayon's collect keeps the order
/// of the runs); this only checks that, and sorts if it ever were not so.
fn sort_postings(postings: &mut Vec<u32>) {
    let sorted = postings
        .chunks_exact(3)
        .zip(postings.chunks_exact(3).skip(1))
        .all(|(a, b)| (a[0], a[1]) < (b[0], b[1]));
    if !sorted {
        let mut triples: Vec<[u32; 3]> = postings
            .chunks_exact(3)
            .map(|t| [t[0], t[1], t[2]])
            .collect();
        triples.sort_unstable();
        *postings = triples.concat();
    }
}

/// The hasher of the builder's maps, after rustc's FxHash: eight bytes at a time. Their keys
/// are short words, which SipHash handles several times slower, and the input is the site's
/// own content, so resistance to crafted collisions is not needed.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
        self.0 = h;
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// The postings of a contiguous run of documents. Terms are numbered as they are met, and
/// the term of each token met is remembered (words repeat across pages far more than they
/// differ), so that a token costs one hash lookup and one look at its term's last posting.
#[derive(Default)]
struct Partial {
    /// Term key → its number.
    ids: FastMap<Box<str>, u32>,
    /// Per term number: its key and its flat (doc, field, tf) postings.
    terms: Vec<(Box<str>, Vec<u32>)>,
    /// Token → number of its word term.
    word_terms: FastMap<Box<str>, u32>,
    /// Token → number of its name term.
    name_terms: FastMap<Box<str>, u32>,
}

impl Partial {
    fn add(&mut self, doc: u32, document: &Document, stemmers: &Stemmers) {
        for (field, text) in document.fields.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let field = field as u32;
            let names = field == Field::Title as u32 || field == Field::Names as u32;
            normalize::for_each_token(text, |token| {
                let word = self.word_term(token, stemmers);
                self.count(word, doc, field);
                if names {
                    let name = self.name_term(token);
                    self.count(name, doc, field);
                }
            });
        }
    }

    /// Counts one more occurrence of a term in a field. Documents and fields come in order, so
    /// the term's current posting, if any, is its last one.
    fn count(&mut self, term: u32, doc: u32, field: u32) {
        if let Some((_, postings)) = self.terms.get_mut(term as usize) {
            match postings.as_mut_slice() {
                [.., d, f, tf] if *d == doc && *f == field => *tf += 1,
                _ => postings.extend_from_slice(&[doc, field, 1]),
            }
        }
    }

    /// The number of a term key, numbering it if it is new.
    fn intern(&mut self, key: String) -> u32 {
        if let Some(&id) = self.ids.get(key.as_str()) {
            return id;
        }
        let id = self.terms.len() as u32;
        let key = key.into_boxed_str();
        self.ids.insert(key.clone(), id);
        self.terms.push((key, Vec::new()));
        id
    }

    fn word_term(&mut self, token: &str, stemmers: &Stemmers) -> u32 {
        if let Some(&id) = self.word_terms.get(token) {
            return id;
        }
        let id = self.intern(format!("w{}", stemmers.stem(token)));
        self.word_terms.insert(token.into(), id);
        id
    }

    fn name_term(&mut self, token: &str) -> u32 {
        if let Some(&id) = self.name_terms.get(token) {
            return id;
        }
        let id = self.intern(format!("n{}", normalize::key(token)));
        self.name_terms.insert(token.into(), id);
        id
    }
}

/// The postings of all runs, in run order (which is document order), each list allocated once
/// at its final size and each posting copied once.
fn merge(partials: &[Partial]) -> Vec<(String, Vec<u32>)> {
    let mut ids: FastMap<&str, usize> = FastMap::default();
    let mut keys: Vec<&str> = Vec::new();
    let mut lengths: Vec<usize> = Vec::new();
    for partial in partials {
        for (key, postings) in &partial.terms {
            let id = *ids.entry(key.as_ref()).or_insert_with(|| {
                keys.push(key.as_ref());
                lengths.push(0);
                keys.len() - 1
            });
            lengths[id] += postings.len();
        }
    }
    let mut merged: Vec<Vec<u32>> = lengths.iter().map(|&n| Vec::with_capacity(n)).collect();
    for partial in partials {
        for (key, postings) in &partial.terms {
            if let Some(&id) = ids.get(key.as_ref()) {
                merged[id].extend_from_slice(postings);
            }
        }
    }
    keys.into_iter()
        .zip(merged)
        .filter(|(_, postings)| !postings.is_empty())
        .map(|(key, mut postings)| {
            sort_postings(&mut postings);
            (key.to_string(), postings)
        })
        .collect()
}

impl Index {
    /// The bucket of a term key (`w…`/`n…`): by the text after the kind letter.
    pub fn bucket_of(&self, term: &str) -> u32 {
        normalize::bucket(term.get(1..).unwrap_or(""), self.buckets)
    }

    /// Every file of the language's index: `meta.js`, `t0.js` … `t<B-1>.js` (a bucket without
    /// terms gets `{}`, so that a missing file is an error and never an empty result) and
    /// `d0.js` … for the documents.
    pub fn files(&self) -> Vec<IndexFile> {
        let dir = folder(&self.lang);
        let lang = json_string(&self.lang);
        let mut by_bucket: Vec<Vec<usize>> = vec![Vec::new(); self.buckets as usize];
        for (i, (term, _)) in self.terms.iter().enumerate() {
            // Terms are in key order, so each bucket's list is too.
            if let Some(list) = by_bucket.get_mut(self.bucket_of(term) as usize) {
                list.push(i);
            }
        }
        let mut files = vec![IndexFile {
            path: format!("{dir}meta.js"),
            text: format!(
                "casebookSearch.meta({lang},{{\"v\":{FORMAT_VERSION},\"docs\":{},\"buckets\":{},\"chunk\":{DOC_CHUNK},\"boosts\":{}}});",
                self.docs.len(),
                self.buckets,
                serde_json::to_string(&BOOSTS).unwrap_or_default(),
            ),
        }];
        let term_files: Vec<IndexFile> = by_bucket
            .par_iter()
            .enumerate()
            .map(|(k, members)| {
                let bytes: usize = members
                    .iter()
                    .map(|&i| self.terms[i].0.len() + self.terms[i].1.len() * 5 + 8)
                    .sum();
                let mut text = String::with_capacity(bytes + 48);
                text.push_str("casebookSearch.terms(");
                text.push_str(&lang);
                text.push(',');
                push_number(&mut text, k as u32);
                text.push_str(",{");
                for (n, &i) in members.iter().enumerate() {
                    let (term, postings) = &self.terms[i];
                    if n > 0 {
                        text.push(',');
                    }
                    text.push_str(&json_string(term));
                    text.push_str(":[");
                    for (p, value) in postings.iter().enumerate() {
                        if p > 0 {
                            text.push(',');
                        }
                        push_number(&mut text, *value);
                    }
                    text.push(']');
                }
                text.push_str("});");
                IndexFile {
                    path: format!("{dir}t{k}.js"),
                    text,
                }
            })
            .collect();
        files.extend(term_files);
        let doc_files: Vec<IndexFile> = self
            .docs
            .par_chunks(DOC_CHUNK)
            .enumerate()
            .map(|(j, chunk)| {
                let rows: Vec<[&str; 4]> = chunk
                    .iter()
                    .map(|d| {
                        [
                            d.path.as_str(),
                            d.title.as_str(),
                            d.status.as_str(),
                            d.snippet.as_str(),
                        ]
                    })
                    .collect();
                // Serializing strings cannot fail.
                let rows = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
                IndexFile {
                    path: format!("{dir}d{j}.js"),
                    text: format!("casebookSearch.docs({lang},{j},{rows});"),
                }
            })
            .collect();
        files.extend(doc_files);
        files
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Appends a number in decimal: postings are most of the index's bytes, and this is several
/// times faster than `write!`.
fn push_number(out: &mut String, mut value: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &d in &digits[i..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, title: &str, names: &str, body: &str) -> Document {
        let mut fields: [String; FIELDS] = Default::default();
        fields[Field::Title as usize] = title.into();
        fields[Field::Names as usize] = names.into();
        fields[Field::Body as usize] = body.into();
        Document {
            path: path.into(),
            title: title.into(),
            status: "released".into(),
            snippet: body.into(),
            fields,
        }
    }

    fn postings<'a>(index: &'a Index, term: &str) -> &'a [u32] {
        index
            .terms
            .iter()
            .find(|(t, _)| t == term)
            .map(|(_, p)| p.as_slice())
            .unwrap_or_else(|| panic!("no term {term}"))
    }

    #[test]
    fn terms_and_postings() {
        let docs = vec![
            doc(
                "a/",
                "Maks Bokayev",
                "Макс Бокаев",
                "Sentenced, sentenced again.",
            ),
            doc("b/", "Other", "", "The sentence of Bokayev"),
        ];
        let index = build("en", &docs);
        // Word terms for every field, the stem shared by "sentenced" and "sentence".
        assert_eq!(postings(&index, "wsentenc"), &[0, 5, 2, 1, 5, 1]);
        // Name terms only for title and names; Cyrillic and Latin meet.
        assert_eq!(postings(&index, "nbokaev"), &[0, 0, 1, 0, 1, 1]);
        assert_eq!(postings(&index, "wбока"), &[0, 1, 1]);
        assert!(!index.terms.iter().any(|(t, _)| t == "nsentenced"));
        // "Bokayev" in the body of b is a word, not a name.
        assert_eq!(postings(&index, "wbokayev"), &[0, 0, 1, 1, 5, 1]);
        let keys: Vec<&str> = index.terms.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        assert_eq!(index.buckets, 1);
    }

    #[test]
    fn bucket_counts() {
        assert_eq!(bucket_count(0, 0), 1);
        assert_eq!(bucket_count(400, 1000), 1);
        assert_eq!(bucket_count(401, 1000), 2);
        assert_eq!(bucket_count(1600, 0), 4);
        assert_eq!(bucket_count(1601, 0), 8);
        assert_eq!(bucket_count(10_000_000, 0), 1024);
        // Few terms with long postings: the bytes decide.
        assert_eq!(bucket_count(100, 16_384), 1);
        assert_eq!(bucket_count(100, 16_385), 2);
        assert_eq!(bucket_count(2000, 22_000_000), 1024);
        assert_eq!(term_bytes("wab", &[0, 5, 12]), 3 + 5 + 2 + 2 + 3);
        assert_eq!(decimal_digits(0), 1);
        assert_eq!(decimal_digits(4_294_967_295), 10);
    }

    #[test]
    fn files_are_the_spec_format() {
        let docs = vec![doc("p/", "Maks \"Max\" Bokayev", "", "Body")];
        let index = build("en", &docs);
        let files = index.files();
        let names: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            names,
            ["search/en/meta.js", "search/en/t0.js", "search/en/d0.js"]
        );
        assert_eq!(
            files[0].text,
            r#"casebookSearch.meta("en",{"v":1,"docs":1,"buckets":1,"chunk":32,"boosts":[10,10,4,4,3,1]});"#
        );
        assert!(files[1]
            .text
            .starts_with(r#"casebookSearch.terms("en",0,{"nbokaev":[0,0,1],"nmaks":[0,0,2],"#));
        assert!(files[1].text.ends_with("});"));
        assert_eq!(
            files[2].text,
            r#"casebookSearch.docs("en",0,[["p/","Maks \"Max\" Bokayev","released","Body"]]);"#
        );
    }

    #[test]
    fn empty_buckets_still_get_a_file_and_chunks_hold_32() {
        let docs: Vec<Document> = (0..70)
            .map(|i| doc(&format!("p{i}/"), &format!("word{i} x{i}y"), "", "a"))
            .collect();
        let mut index = build("ru", &docs);
        // 64 buckets for a dozen different first letters: most of them are empty.
        index.buckets = 64;
        let files = index.files();
        let terms = files.iter().filter(|f| f.path.contains("/t")).count();
        assert_eq!(terms, 64);
        let chunks: Vec<&IndexFile> = files.iter().filter(|f| f.path.contains("/d")).collect();
        assert_eq!(chunks.len(), 3);
        assert!(chunks[2]
            .text
            .starts_with("casebookSearch.docs(\"ru\",2,[[\"p64/\""));
        assert!(files.iter().any(|f| f.text.ends_with(",{});")));
    }

    #[test]
    fn the_same_documents_give_the_same_files() {
        // More documents than one run of 512, so several runs are merged.
        let docs: Vec<Document> = (0..1500)
            .map(|i| {
                doc(
                    &format!("p{i:04}/"),
                    &format!("Person {i}"),
                    "Name",
                    &format!("word{} common text {}", i % 17, i % 5),
                )
            })
            .collect();
        let a = build("en", &docs).files();
        let b = build("en", &docs).files();
        assert_eq!(a, b);
        // Postings are in document order even though documents were split between threads.
        let index = build("en", &docs);
        let common = postings(&index, "wcommon");
        let ids: Vec<u32> = common.chunks(3).map(|t| t[0]).collect();
        assert_eq!(ids, (0..1500).collect::<Vec<u32>>());
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        let mut s = String::new();
        for n in [0, 7, 10, 4_294_967_295] {
            push_number(&mut s, n);
            s.push(' ');
        }
        assert_eq!(s, "0 7 10 4294967295 ");
    }
}
