//! The repository's own site (config.toml, content/, themes/default/): it must pass
//! `casebook check`, build, and stay light enough for a slow phone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn casebook() -> Command {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
}

/// Builds the real site once per test into a fresh folder.
fn build_real_site() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let status = casebook()
        .args(["build", "--root"])
        .arg(repo_root())
        .arg("--output")
        .arg(out.path().join("public"))
        .output()
        .expect("run casebook");
    assert!(
        status.status.success(),
        "the real site does not build:\n{}",
        String::from_utf8_lossy(&status.stderr)
    );
    out
}

fn gzip_size(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut child = Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(bytes)
        .expect("write");
    child.wait_with_output().expect("gzip output").stdout.len()
}

#[test]
fn real_content_passes_check() {
    let output = casebook()
        .args(["check", "--root"])
        .arg(repo_root())
        .output()
        .expect("run casebook");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "casebook check failed:\n{stderr}"
    );
    // The only warnings allowed are the list of statuses to re-verify (they depend on the day
    // of the check, not on a mistake in the content).
    let other: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:") && !l.contains("re-verify it"))
        .collect();
    assert!(other.is_empty(), "warnings on the real site:\n{stderr}");
}

/// Every key fact, status and timeline entry of every profile and decision page carries a
/// numbered reference to a source of the page, every in-page link lands, and every source
/// links back to what cites it.
#[test]
fn every_key_fact_on_every_case_page_cites_a_source() {
    let out = build_real_site();
    let public = out.path().join("public");
    let attr = |name: &str| regex::Regex::new(&format!(r#"{name}="?([^"\s>]+)"?"#)).unwrap();
    let (id_re, href_re) = (attr("id"), attr("href"));
    let fact =
        regex::Regex::new(r#"(?s)<dt id="?((?:fact|case)-[^"\s>]+)"?>.*?</dt><dd>(.*?)</dd>"#)
            .unwrap();
    let timeline = regex::Regex::new(r#"(?s)<li id="?(timeline-\d+)"?>(.*?)</li>"#).unwrap();
    let source = regex::Regex::new(r#"(?s)<li id="?(source-\d+)"?>(.*?)</li>"#).unwrap();
    let status = regex::Regex::new(r#"(?s)<p id="?fact-status"?>(.*?)</p>"#).unwrap();
    let (mut pages, mut facts) = (0, 0);
    for lang_prefix in ["", "ru/", "kk/"] {
        for folder in ["prisoners", "decisions"] {
            let dir = public.join(format!("{lang_prefix}{folder}"));
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut entries: Vec<_> = entries.flatten().collect();
            entries.sort_by_key(|e| e.file_name());
            for entry in entries {
                let path = entry.path().join("index.html");
                let Ok(html) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let name = path.display().to_string();
                pages += 1;
                let ids: std::collections::BTreeSet<&str> = id_re
                    .captures_iter(&html)
                    .map(|c| c.get(1).unwrap().as_str())
                    .collect();
                for c in href_re.captures_iter(&html) {
                    if let Some(anchor) = c[1].strip_prefix('#') {
                        assert!(
                            ids.contains(anchor),
                            "{name}: link to #{anchor}, which is not on the page"
                        );
                    }
                }
                for c in fact.captures_iter(&html) {
                    facts += 1;
                    assert!(
                        c[2].contains("unknown") || c[2].contains("class=ref "),
                        "{name}: the fact {} has a value but no source reference: {}",
                        &c[1],
                        &c[2]
                    );
                }
                for c in timeline.captures_iter(&html) {
                    assert!(
                        c[2].contains("class=ref "),
                        "{name}: {} cites no source",
                        &c[1]
                    );
                }
                if folder == "prisoners" {
                    let s = status
                        .captures(&html)
                        .unwrap_or_else(|| panic!("{name}: no status"));
                    assert!(
                        s[1].contains("class=ref "),
                        "{name}: the status cites no source"
                    );
                }
                let sources: Vec<_> = source.captures_iter(&html).collect();
                assert!(!sources.is_empty(), "{name}: no sources");
                for c in sources {
                    assert!(
                        c[2].contains("cited-by"),
                        "{name}: {} is cited by nothing",
                        &c[1]
                    );
                }
            }
        }
    }
    assert!(pages >= 30, "only {pages} case pages");
    assert!(facts >= 200, "only {facts} facts");
}

/// A profile loads in one round trip: its styles, header, name, status and every key-fact box
/// arrive in the first 14 KB of the compressed page (a slow phone's first TCP window), so a
/// reader sees the facts while the text, timeline and cited sources stream in after them. The
/// whole page stays within 20 KB compressed.
#[test]
fn every_profile_shows_its_key_facts_within_the_first_fourteen_kilobytes() {
    let out = build_real_site();
    let public = out.path().join("public");
    let mut checked = 0;
    for lang_prefix in ["", "ru/", "kk/"] {
        let dir = public.join(format!("{lang_prefix}prisoners"));
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("prisoners")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let page = entry.path().join("index.html");
            if !page.is_file() {
                continue;
            }
            let html = std::fs::read_to_string(&page).expect("read page");
            // Stylesheets are inlined: the page is the whole transfer.
            assert!(!html.contains("rel=stylesheet"));
            let facts_end = html
                .find("<div class=text>")
                .unwrap_or_else(|| panic!("{}: no text after the key facts", page.display()));
            let first = gzip_size(&html.as_bytes()[..facts_end]);
            assert!(
                first <= 14 * 1024,
                "{}: the key facts end {first} bytes into the compressed page",
                page.display()
            );
            let size = gzip_size(html.as_bytes());
            assert!(
                size <= 20 * 1024,
                "{} is {size} bytes gzip-compressed",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 26, "only {checked} profiles found");
}

#[test]
fn profiles_show_unknown_facts_as_not_known_and_cite_sources() {
    let out = build_real_site();
    let public = out.path().join("public");
    let en =
        std::fs::read_to_string(public.join("prisoners/maks-bokayev/index.html")).expect("profile");
    assert!(
        en.contains("not known"),
        "a missing field must say not known"
    );
    assert!(en.contains("id=source-1"), "sources are numbered");
    assert!(en.contains("Атырау") || en.contains("Atyrau"));
    let ru = std::fs::read_to_string(public.join("ru/prisoners/maks-bokayev/index.html"))
        .expect("ru profile");
    assert!(ru.contains("неизвестно"));
    assert!(ru.contains("lang=ru"));
    // The switcher links the languages that exist and says when a translation is missing.
    assert!(en.contains("href=../../ru/prisoners/maks-bokayev/index.html"));
    assert!(en.contains("href=../../kk/prisoners/maks-bokayev/index.html"));
    let ayan = std::fs::read_to_string(public.join("prisoners/talgat-ayan/index.html"))
        .expect("profile without a Kazakh version");
    assert!(ayan.contains("not translated"));
    // The four Kazakh profiles say they are translations and which version prevails.
    for slug in [
        "maks-bokayev",
        "iskander-yerimbetov",
        "mukhtar-dzhakishev",
        "aron-atabek",
    ] {
        let kk = std::fs::read_to_string(public.join(format!("kk/prisoners/{slug}/index.html")))
            .unwrap_or_else(|e| panic!("Kazakh profile of {slug}: {e}"));
        assert!(kk.contains("lang=kk"), "{slug}");
        assert!(
            kk.contains("Бұл бет ағылшын тілінен аударылған") && kk.contains("ағылшын тіліндегі нұсқа басым"),
            "{slug}: the Kazakh profile must say it is a translation and that the English version prevails"
        );
        assert!(
            kk.contains("aria-label=\"дереккөз 1\"")
                || kk.contains("aria-label=дереккөз 1")
                || kk.contains("дереккөз 1"),
            "{slug}"
        );
    }
    // Kazakh interface on the Kazakh home page.
    let kk = std::fs::read_to_string(public.join("kk/index.html")).expect("kk home");
    assert!(kk.contains("lang=kk"));
    assert!(kk.contains("Басты бет") || kk.contains("Адамдар"));
}

#[test]
fn nothing_loads_from_third_parties() {
    let out = build_real_site();
    let public = out.path().join("public");
    for entry in walk(&public) {
        if entry.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = std::fs::read_to_string(&entry).expect("read");
        // Scripts only on the search pages, and only the site's own (relative addresses).
        if html.contains("<script") {
            assert!(
                entry.ends_with("search/index.html"),
                "{} contains <script",
                entry.display()
            );
            for tag in html.split("<script").skip(1) {
                let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                let src = tag
                    .split_whitespace()
                    .find_map(|a| a.strip_prefix("src="))
                    .map(|v| v.trim_matches('"'));
                assert!(
                    src.is_some_and(|v| !v.contains(':') && !v.starts_with("//")),
                    "{}: a script that is not one of the site's files: <script{tag}>",
                    entry.display()
                );
            }
        }
        for needle in [
            "src=http",
            "src=\"http",
            "@import",
            "fonts.googleapis",
            "<iframe",
        ] {
            assert!(
                !html.contains(needle),
                "{} contains {needle}",
                entry.display()
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_page_type_renders_its_parts() {
    let out = build_real_site();
    let public = out.path().join("public");
    let read = |path: &str| {
        std::fs::read_to_string(public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    // Home: counts by status, people at a glance, latest updates.
    let home = read("index.html");
    for needle in [
        "People by status",
        "All people",
        "Latest updates",
        "href=status/released/index.html",
    ] {
        assert!(home.contains(needle), "home lacks {needle}");
    }
    // Profile: status badge with its date, key facts per prosecution, timeline, decisions, sources.
    let profile = read("prisoners/maks-bokayev/index.html");
    for needle in [
        "class=\"badge s-released\"",
        "Prosecution 2",
        "article 174",
        "id=timeline",
        "WGAD Opinion No. 16/2017",
        "href=#source-1",
        "How to cite",
        "Report a correction",
    ] {
        assert!(profile.contains(needle), "profile lacks {needle}");
    }
    // Decision: body, findings, requests, implementation, persons both linked.
    let decision = read("decisions/wgad-opinion-16-2017/index.html");
    for needle in [
        "UN Working Group on Arbitrary Detention",
        "ICCPR art. 26",
        "Not implemented",
        "href=../../prisoners/maks-bokayev/index.html",
        "href=../../prisoners/talgat-ayan/index.html",
    ] {
        assert!(decision.contains(needle), "decision lacks {needle}");
    }
    // Lists by status, charge, region and UN body, readable without JavaScript.
    let statuses = read("status/index.html");
    assert!(statuses.contains("Released") && statuses.contains("href=released/index.html"));
    assert!(read("status/released/index.html").contains("Maks Bokayev"));
    assert!(read("un-bodies/wgad/index.html").contains("WGAD Opinion No. 16/2017"));
    assert!(read("charges/index.html").contains("Article 174"));
    assert!(read("regions/index.html").contains("Atyrau Region"));
    // About and the open letter, in Russian too; Kazakh about page.
    assert!(read("about/index.html").contains("id=corrections"));
    assert!(read("ru/about/index.html").contains("Как цитировать"));
    assert!(read("kk/about/index.html").contains("lang=kk"));
    assert!(read("open-letter/index.html").contains("Thomas Greminger"));
    assert!(read("ru/open-letter/index.html").contains("Гремингер"));
    // The 404 page and the Russian profile's own switcher.
    assert!(read("404.html").contains("Page not found"));
    let ru = read("ru/prisoners/maks-bokayev/index.html");
    assert!(
        ru.contains("href=../../../prisoners/maks-bokayev/index.html"),
        "ru switcher"
    );
}

/// Dates read as readers of each language write them, with the ISO form kept for machines;
/// dates known only to the month or the year read as such (content/prisoners/*.md).
#[test]
fn dates_read_as_readers_write_them() {
    let out = build_real_site();
    let public = out.path().join("public");
    let read = |path: &str| {
        std::fs::read_to_string(public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let expect = |path: &str, needles: &[&str]| {
        let html = read(path);
        for needle in needles {
            assert!(html.contains(needle), "{path} lacks {needle}");
        }
        // No date is left in its ISO form for a reader.
        assert!(!html.contains(">2016-11-28<"), "{path} shows an ISO date");
    };
    // Maks Bokayev: verdict of 28 November 2016; the WGAD opinion in the timeline as "2017-04".
    expect(
        "prisoners/maks-bokayev/index.html",
        &[
            "<time datetime=2016-11-28>28 November 2016</time>",
            "<time datetime=2017-04>April 2017</time>",
            "<time datetime=2021-02-04>4 February 2021</time>",
        ],
    );
    expect(
        "ru/prisoners/maks-bokayev/index.html",
        &[
            // The genitive month after a day, the nominative without one.
            "<time datetime=2016-11-28>28 ноября 2016 г.</time>",
            "<time datetime=2017-04>апрель 2017 г.</time>",
            "<time datetime=2021-02-04>4 февраля 2021 г.</time>",
        ],
    );
    // Mukhtar Dzhakishev: a verdict known only to the year.
    expect(
        "prisoners/mukhtar-dzhakishev/index.html",
        &["<time datetime=2012>2012</time>"],
    );
    expect(
        "ru/prisoners/mukhtar-dzhakishev/index.html",
        &["<time datetime=2012>2012 г.</time>"],
    );
    // The Kazakh home page lists everyone's status (from the default language while not every
    // profile is in Kazakh) as of a day and as of a month, in Kazakh order, and links the
    // Kazakh profiles that exist.
    expect(
        "kk/index.html",
        &[
            "<time datetime=2021-09-27>2021 ж. 27 қыркүйек</time>",
            "<time datetime=2018-06>2018 ж. маусым</time>",
            "href=prisoners/maks-bokayev/index.html>Макс Боқаев</a>",
            "hreflang=en lang=en>Talgat Ayan</a>",
        ],
    );
    expect(
        "kk/prisoners/maks-bokayev/index.html",
        &[
            "<time datetime=2016-11-28>2016 ж. 28 қараша</time>",
            "<time datetime=2017-04>2017 ж. сәуір</time>",
        ],
    );
}

/// The theme's `cite` shortcode on a page without a source list is an error at its line, not
/// a reference to nowhere.
#[test]
fn a_citation_outside_a_case_file_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    let copy = Command::new("cp")
        .arg("-r")
        .args(["config.toml", "content", "themes"].map(|p| repo_root().join(p)))
        .arg(root)
        .status()
        .expect("cp");
    assert!(copy.success());
    let about = root.join("content/about.md");
    let text = std::fs::read_to_string(&about).expect("about");
    let text = text.trim_end();
    let line = text.lines().count() + 2;
    std::fs::write(&about, format!("{text}\n\nSee.{{{{ cite(id=\"x\") }}}}\n")).expect("write");
    let out = casebook()
        .args(["check", "--root"])
        .arg(root)
        .output()
        .expect("run casebook");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("content/about.md:{line}:"))
            && stderr.contains("only profiles and decisions have a source list to cite from"),
        "{stderr}"
    );
}
