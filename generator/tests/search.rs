//! Search (issue 8, `docs/search.md`): the index a build writes and `casebook search`
//! over it, driven through the real binary.
//!
//! Most tests search the repository's own site, built once per run with
//! `build_search_index = true` from a copy of its config, content and themes: every spelling
//! of every person in `content/prisoners/` must find that person. Ranking and the
//! `in_search_index` rules are checked on small sites written by the tests themselves.

mod util;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use util::{copy_dir, list_files, tree, Run};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn casebook() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Sets `build_search_index = true` in a config text, whatever it said before.
fn with_search_index(config: &str) -> String {
    let is_setting = |line: &str| line.trim_start().starts_with("build_search_index");
    let has_setting = config.lines().any(is_setting);
    let mut lines: Vec<String> = Vec::new();
    for line in config.lines() {
        if is_setting(line) {
            lines.push("build_search_index = true".into());
            continue;
        }
        lines.push(line.to_string());
        // Top-level keys must come before the first table; base_url is the first key.
        if !has_setting && line.starts_with("base_url") {
            lines.push("build_search_index = true".into());
        }
    }
    let text = lines.join("\n") + "\n";
    assert!(
        text.contains("build_search_index = true"),
        "config.toml has no base_url line to put the setting after"
    );
    text
}

/// The repository's site, built once with its search index, in a folder below cargo's
/// test scratch space (named by process, so concurrent runs do not meet).
fn real_site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let scratch = Path::new(env!("CARGO_TARGET_TMPDIR"));
        remove_stale_builds(scratch);
        let root = scratch.join(format!("search-real-site-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create the site copy");
        let repo = repo_root();
        for dir in ["content", "themes", "static"] {
            if repo.join(dir).is_dir() {
                copy_dir(&repo.join(dir), &root.join(dir));
            }
        }
        let config = std::fs::read_to_string(repo.join("config.toml")).expect("config.toml");
        std::fs::write(root.join("config.toml"), with_search_index(&config)).expect("config");
        let public = root.join("public");
        let run = Run::of(
            casebook()
                .args(["build", "--root"])
                .arg(&root)
                .arg("--output")
                .arg(&public),
        );
        assert_eq!(run.code, 0, "the real site does not build:\n{}", run.stderr);
        public
    })
}

/// Copies of earlier runs whose process is gone (Linux: no /proc/<pid>).
fn remove_stale_builds(scratch: &Path) {
    let Ok(entries) = std::fs::read_dir(scratch) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(pid) = name.strip_prefix("search-real-site-") {
            if Path::new("/proc").is_dir() && !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

/// `casebook search --site SITE [EXTRA] -- QUERY`: after `--`, a query such as `--` or `-x`
/// is a query and never an option.
fn search(site: &Path, query: &str, extra: &[&str]) -> Run {
    Run::of(
        casebook()
            .arg("search")
            .arg("--site")
            .arg(site)
            .args(extra)
            .arg("--")
            .arg(query),
    )
}

/// The result paths of a successful search, best first.
fn paths(site: &Path, query: &str, extra: &[&str]) -> Vec<String> {
    let run = search(site, query, extra).success();
    run.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

fn json(site: &Path, query: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["--format", "json"];
    args.extend_from_slice(extra);
    let run = search(site, query, &args).success();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// A profile of content/prisoners/: its language, its path and the spellings of its name.
struct Profile {
    file: String,
    lang: String,
    path: String,
    names: Vec<String>,
}

fn profiles() -> Vec<Profile> {
    let dir = repo_root().join("content").join("prisoners");
    let mut found = Vec::new();
    for file in list_files(&dir) {
        if !file.ends_with(".md") || file.starts_with('_') || file.contains('/') {
            continue;
        }
        let text = std::fs::read_to_string(dir.join(&file)).expect("read profile");
        let front = text
            .strip_prefix("+++")
            .and_then(|rest| rest.split_once("\n+++"))
            .map(|(front, _)| front)
            .unwrap_or_else(|| panic!("{file} has no +++ front matter"));
        let table: toml::Table = toml::from_str(front).expect("front matter is TOML");
        let names: Vec<String> = table
            .get("extra")
            .and_then(|e| e.get("names"))
            .and_then(|n| n.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let stem = file.trim_end_matches(".md");
        let (slug, lang) = match stem.rsplit_once('.') {
            Some((slug, lang)) => (slug, lang),
            None => (stem, "en"),
        };
        let prefix = if lang == "en" {
            String::new()
        } else {
            format!("{lang}/")
        };
        found.push(Profile {
            file: file.clone(),
            lang: lang.to_string(),
            path: format!("{prefix}prisoners/{slug}/"),
            names,
        });
    }
    assert!(
        found.len() >= 20,
        "expected the site's profiles, found {}",
        found.len()
    );
    found
}

#[test]
fn every_spelling_of_a_person_finds_their_profile() {
    let site = real_site();
    let mut checked = 0;
    let mut failures = Vec::new();
    for profile in profiles() {
        assert!(
            site.join(&profile.path).join("index.html").is_file(),
            "{} is not built at {}",
            profile.file,
            profile.path
        );
        assert!(!profile.names.is_empty(), "{} has no names", profile.file);
        for name in &profile.names {
            let found = paths(site, name, &["--lang", &profile.lang]);
            checked += 1;
            if found.first() != Some(&profile.path) {
                failures.push(format!(
                    "{name:?} ({}) finds {found:?}, not {} first",
                    profile.lang, profile.path
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 80, "only {checked} spellings checked");
}

/// The spellings the issue and the spec name, each with the person it must find first, in
/// every language that has the profile.
const SPELLINGS: &[(&str, &[&str])] = &[
    (
        "maks-bokayev",
        &[
            "Бокаев",
            "Bokayev",
            "Bokaev",
            "Boqaev",
            "Bokaïev",
            "Боқаев",
            "Макс",
            "Maks",
            "Max",
        ],
    ),
    (
        "mukhtar-dzhakishev",
        &["Джакишев", "Dzhakishev", "Jakishev", "Djakishev", "Жәкішев"],
    ),
    (
        "iskander-yerimbetov",
        &[
            "Еримбетов",
            "Yerimbetov",
            "Erimbetov",
            "Ерімбетов",
            "Erimbetow",
        ],
    ),
    (
        "aron-atabek",
        &["Атабек", "Edigeev", "Едигеев", "Едігеев", "Едыгеев"],
    ),
];

#[test]
fn spellings_named_in_the_spec_meet() {
    let site = real_site();
    for (slug, spellings) in SPELLINGS {
        for lang in ["en", "ru", "kk"] {
            let prefix = if lang == "en" { "" } else { lang };
            let expected = format!(
                "{prefix}{}prisoners/{slug}/",
                if lang == "en" { "" } else { "/" }
            );
            if !site.join(&expected).is_dir() {
                continue;
            }
            for spelling in *spellings {
                let found = paths(site, spelling, &["--lang", lang]);
                assert_eq!(
                    found.first(),
                    Some(&expected),
                    "{spelling:?} in {lang} finds {found:?}"
                );
            }
        }
    }
}

#[test]
fn typos_still_find_the_person() {
    let site = real_site();
    for (query, slug) in [
        ("Erimbetow", "iskander-yerimbetov"),
        ("Едыгеев", "aron-atabek"),
        // One edit away from every key of the name: only typo tolerance finds these.
        ("Erimbetof", "iskander-yerimbetov"),
        ("Bokaeb", "maks-bokayev"),
        ("Jakishef", "mukhtar-dzhakishev"),
    ] {
        let found = paths(site, query, &[]);
        assert_eq!(
            found.first().map(String::as_str),
            Some(format!("prisoners/{slug}/").as_str()),
            "{query:?} finds {found:?}"
        );
    }
}

#[test]
fn an_exact_name_scores_above_a_typo() {
    let site = real_site();
    let top = |query: &str| {
        let answer = json(site, query, &[]);
        let first = &answer["results"][0];
        (
            first["path"].as_str().unwrap_or("").to_string(),
            first["score"].as_f64().unwrap_or(0.0),
        )
    };
    let (exact_path, exact) = top("Erimbetov");
    let (typo_path, typo) = top("Erimbetof");
    assert_eq!(exact_path, typo_path);
    assert!(exact > typo, "exact {exact} should beat typo {typo}");
}

#[test]
fn prefixes_find_names_as_you_type() {
    let site = real_site();
    for (query, expected, lang) in [
        ("Bok", "prisoners/maks-bokayev/", "en"),
        ("Boka", "prisoners/maks-bokayev/", "en"),
        ("Yerimb", "prisoners/iskander-yerimbetov/", "en"),
        ("Джаки", "prisoners/mukhtar-dzhakishev/", "en"),
        ("Бока", "ru/prisoners/maks-bokayev/", "ru"),
        ("Tungish", "ru/prisoners/muratbek-tungishbayev/", "ru"),
    ] {
        let found = paths(site, query, &["--lang", lang]);
        assert_eq!(
            found.first().map(String::as_str),
            Some(expected),
            "{query:?} finds {found:?}"
        );
    }
    // Two letters find words that start with them; one letter is too little for a prefix.
    assert!(!paths(site, "Bo", &[]).is_empty());
}

#[test]
fn results_come_from_the_language_asked() {
    let site = real_site();
    let en = paths(site, "Bokayev", &[]);
    assert_eq!(
        en.first().map(String::as_str),
        Some("prisoners/maks-bokayev/")
    );
    assert!(
        en.iter()
            .all(|p| !p.starts_with("ru/") && !p.starts_with("kk/")),
        "{en:?}"
    );
    for lang in ["ru", "kk"] {
        let found = paths(site, "Бокаев", &["--lang", lang]);
        assert_eq!(
            found.first(),
            Some(&format!("{lang}/prisoners/maks-bokayev/")),
            "{found:?}"
        );
        assert!(
            found.iter().all(|p| p.starts_with(&format!("{lang}/"))),
            "{found:?}"
        );
    }
    // Russian words are stemmed on Russian pages: another form of the word still finds it.
    let text = paths(site, "приговорён", &["--lang", "ru"]);
    assert!(!text.is_empty());
    search(site, "Bokayev", &["--lang", "de"])
        .code(2)
        .stderr_has("no language \"de\"");
    // Options may also follow the query, as people type them.
    let run =
        Run::of(
            casebook()
                .args(["search", "--site"])
                .arg(site)
                .args(["Бокаев", "--lang", "ru"]),
        )
        .success();
    assert!(
        run.stdout.starts_with("ru/prisoners/maks-bokayev/\t"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_input_finds_nothing_without_error() {
    let site = real_site();
    let long = "x".repeat(10_000);
    let mixed: String = "🙂 שלום עולם ".repeat(800);
    for query in [
        "",
        "   ",
        "!!! ... ??? — «»",
        "🙂🙂🙂",
        "\u{200F}\u{202E}",
        "שלום עולם",
        "مرحبا",
        long.as_str(),
        mixed.as_str(),
        "-",
        "--",
    ] {
        let run = search(site, query, &[]).success();
        assert_eq!(
            run.stdout,
            "",
            "{:?}…",
            query.chars().take(20).collect::<String>()
        );
    }
    // A long query is cut to its first 12 words; it still finds what they find.
    let many = "Bokayev ".repeat(1_300);
    assert!(many.len() >= 10_000);
    let found = paths(site, &many, &[]);
    assert_eq!(
        found.first().map(String::as_str),
        Some("prisoners/maks-bokayev/")
    );
}

#[test]
fn json_lists_the_files_a_browser_loads() {
    let site = real_site();
    let answer = json(site, "Maks Bokayev", &[]);
    assert_eq!(answer["query"], "Maks Bokayev");
    assert_eq!(answer["lang"], "en");
    let first = &answer["results"][0];
    assert_eq!(first["path"], "prisoners/maks-bokayev/");
    assert_eq!(first["title"], "Maks Bokayev");
    assert_eq!(first["status"], "released");
    assert!(first["score"].as_f64().unwrap_or(0.0) > 0.0);
    let files: Vec<(String, u64)> = answer["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or("").to_string(),
                f["bytes"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let names: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names[..2], ["search.js", "search/en/meta.js"]);
    assert!(
        names[2..].iter().any(|f| f.starts_with("search/en/t")),
        "{names:?}"
    );
    assert!(
        names.last().is_some_and(|f| f.starts_with("search/en/d")),
        "{names:?}"
    );
    // A term file for each bucket of "maks" and "bokayev" (words and names), at most four.
    let buckets = names
        .iter()
        .filter(|f| f.starts_with("search/en/t"))
        .count();
    assert!((1..=4).contains(&buckets), "{names:?}");
    for (file, bytes) in &files {
        let size = std::fs::metadata(site.join(file))
            .expect("listed file exists")
            .len();
        assert_eq!(*bytes, size, "{file}");
    }
}

/// A copy of the built site's index, to break without disturbing the other tests.
fn index_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().expect("temp dir");
    let site = real_site();
    copy_dir(&site.join("search"), &copy.path().join("search"));
    std::fs::copy(site.join("search.js"), copy.path().join("search.js")).expect("copy");
    for lang in ["ru", "kk"] {
        std::fs::create_dir_all(copy.path().join(lang)).expect("folder");
        std::fs::copy(
            site.join(lang).join("opensearch.xml"),
            copy.path().join(lang).join("opensearch.xml"),
        )
        .expect("copy");
    }
    copy
}

#[test]
fn a_missing_or_broken_shard_is_an_error_naming_it() {
    let copy = index_copy();
    let answer = json(copy.path(), "Bokayev", &[]);
    let term_file = answer["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .find(|f| f.starts_with("search/en/t"))
        .expect("a term file")
        .to_string();
    std::fs::write(copy.path().join(&term_file), "").expect("empty it");
    let run = search(copy.path(), "Bokayev", &[]).code(1);
    assert!(run.stderr.contains(&term_file), "{}", run.stderr);
    assert_eq!(run.stdout, "");
    std::fs::remove_file(copy.path().join(&term_file)).expect("remove it");
    search(copy.path(), "Bokayev", &[])
        .code(1)
        .stderr_has(&format!("{term_file}: is missing"));
    std::fs::remove_file(copy.path().join("search/en/d0.js")).expect("remove chunk");
    search(copy.path(), "Bokayev", &["--lang", "ru"]).success();
    std::fs::write(
        copy.path().join("search/ru/meta.js"),
        "casebookSearch.meta(",
    )
    .expect("cut");
    search(copy.path(), "Bokayev", &["--lang", "ru"])
        .code(1)
        .stderr_has("search/ru/meta.js");
    // A site without an index.
    let empty = tempfile::tempdir().expect("temp dir");
    search(empty.path(), "Bokayev", &[])
        .code(1)
        .stderr_has("search/");
    search(&empty.path().join("nowhere"), "Bokayev", &[]).code(2);
}

#[test]
fn the_build_writes_the_client_and_opensearch_descriptions() {
    let site = real_site();
    let client = std::fs::read_to_string(site.join("search.js")).expect("search.js");
    assert!(!client.contains("__CASEBOOK_TRANSLIT__"));
    assert!(
        client.contains(r#"{"cyr":{"а":"a","#),
        "the table is written into the client"
    );
    assert!(client.contains(r#"["dzh","j"]"#));
    for (file, lang) in [
        ("opensearch.xml", ""),
        ("ru/opensearch.xml", "ru/"),
        ("kk/opensearch.xml", "kk/"),
    ] {
        let xml = std::fs::read_to_string(site.join(file)).expect(file);
        assert!(
            xml.contains(&format!(
                r#"template="https://casebook.example.org/{lang}search/index.html?q={{searchTerms}}""#
            )),
            "{file}: {xml}"
        );
    }
    // The file count is bounded: meta, at most 1024 term files and one chunk per 32 pages.
    for lang in ["en", "ru", "kk"] {
        let files = list_files(&site.join("search").join(lang));
        let docs = files.iter().filter(|f| f.starts_with('d')).count();
        let terms = files.iter().filter(|f| f.starts_with('t')).count();
        assert!(files.contains(&"meta.js".to_string()));
        assert!(
            terms.is_power_of_two() && terms <= 1024,
            "{lang}: {files:?}"
        );
        assert_eq!(files.len(), 1 + terms + docs);
    }
}

// ---------------------------------------------------------------------------------------------
// Small sites written by the tests.

/// A site with plain pages (not case files) whose `[extra] names` are indexed too.
fn mini_site(pages: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, text).expect("write");
    };
    write(
        "config.toml",
        "base_url = \"https://example.org\"\ntitle = \"Mini\"\nbuild_search_index = true\n",
    );
    write("templates/index.html", "<html><body>home</body></html>");
    write(
        "templates/section.html",
        "<html><body>{{ section.title }}</body></html>",
    );
    write(
        "templates/page.html",
        "<html><body>{{ page.title }}</body></html>",
    );
    write("content/_index.md", "+++\n+++\n");
    write("content/people/_index.md", "+++\ntitle = \"People\"\n+++\n");
    write(
        "content/hidden/_index.md",
        "+++\ntitle = \"Hidden\"\nin_search_index = false\n+++\n",
    );
    for (file, text) in pages {
        write(&format!("content/{file}"), text);
    }
    let run = Run::of(casebook().args(["build", "--root"]).arg(root));
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn page(title: &str, names: &[&str], body: &str) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    format!(
        "+++\ntitle = {title:?}\n[extra]\nnames = [{}]\n+++\n{body}\n",
        names.join(", ")
    )
}

#[test]
fn names_and_titles_rank_above_typos_and_body_text() {
    let exact = page("Talgat Ayan", &["Talgat Ayan"], "");
    let typo = page("Another person", &["Talghat Ayanov"], "");
    let body = page("News", &[], "Talgat talgat talgat spoke at the rally.");
    let hidden = page("Talgat in a hidden section", &["Talgat"], "");
    let unlisted = "+++\ntitle = \"Talgat unlisted\"\nin_search_index = false\n+++\n";
    let dir = mini_site(&[
        ("people/exact.md", exact.as_str()),
        ("people/typo.md", typo.as_str()),
        ("people/body.md", body.as_str()),
        ("people/unlisted.md", unlisted),
        ("hidden/secret.md", hidden.as_str()),
    ]);
    let public = dir.path().join("public");
    // Exact name (10) above a name one edit away (0.4 × 10) above three body mentions
    // (1 + ln 3); pages outside the index are not found at all.
    assert_eq!(
        paths(&public, "Talgat", &[]),
        ["people/exact/", "people/typo/", "people/body/"]
    );
    // A word of the title beats the same word five times in a body.
    let dir = mini_site(&[
        ("people/a.md", &page("Zhanaozen events", &[], "")),
        ("people/b.md", &page("Other", &[], &"zhanaozen ".repeat(5))),
    ]);
    let public = dir.path().join("public");
    assert_eq!(paths(&public, "zhanaozen", &[]), ["people/a/", "people/b/"]);
}

#[test]
fn the_index_is_the_same_on_every_build() {
    let pages: Vec<(String, String)> = (0..80)
        .map(|i| {
            (
                format!("people/p{i:02}.md"),
                page(
                    &format!("Person {i}"),
                    &[&format!("Name{i} Surname")],
                    "Common words here.",
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = pages
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let first = mini_site(&refs);
    let second = mini_site(&refs);
    let index = |dir: &Path| tree(&dir.join("public").join("search"));
    let a = index(first.path());
    assert!(
        a.contains_key("en/d2.js"),
        "{:?}",
        a.keys().collect::<Vec<_>>()
    );
    assert_eq!(a, index(second.path()));
}

#[test]
fn no_index_without_the_setting() {
    let dir = mini_site(&[("people/a.md", &page("A", &[], ""))]);
    let config = dir.path().join("config.toml");
    let text = std::fs::read_to_string(&config).expect("config");
    std::fs::write(&config, text.replace("build_search_index = true", "")).expect("config");
    let run = Run::of(casebook().args(["build", "--root"]).arg(dir.path()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = dir.path().join("public");
    assert!(!public.join("search").exists());
    assert!(!public.join("search.js").exists());
    assert!(!public.join("opensearch.xml").exists());
}
