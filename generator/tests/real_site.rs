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
    assert!(
        !stderr.contains("warning:"),
        "warnings on the real site:\n{stderr}"
    );
}

#[test]
fn every_profile_is_within_fourteen_kilobytes_compressed() {
    let out = build_real_site();
    let public = out.path().join("public");
    let mut checked = 0;
    for lang_prefix in ["", "ru/"] {
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
            let html = std::fs::read(&page).expect("read page");
            // Stylesheets are inlined: the page is the whole transfer.
            assert!(!String::from_utf8_lossy(&html).contains("rel=stylesheet"));
            let size = gzip_size(&html);
            assert!(
                size <= 14 * 1024,
                "{} is {size} bytes gzip-compressed",
                page.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} profiles found");
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
    // The switcher says when a translation is missing and links the languages that exist.
    assert!(en.contains("not translated"));
    assert!(en.contains("href=../../ru/prisoners/maks-bokayev/index.html"));
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
        for needle in [
            "<script",
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
    // The Kazakh home page lists statuses as of a day and as of a month, in Kazakh order.
    expect(
        "kk/index.html",
        &[
            "<time datetime=2021-09-27>2021 ж. 27 қыркүйек</time>",
            "<time datetime=2018-06>2018 ж. маусым</time>",
        ],
    );
}
