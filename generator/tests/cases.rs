//! The case model's validation rules, one test per rule: the exit code, the file and line of
//! the mistake, and a message that says how to fix it.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cases");

struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(Path::new(FIXTURE), &root);
        Site { _dir: dir, root }
    }

    /// Replaces `from` by `to` in a content file; the text must be there.
    fn edit(&self, file: &str, from: &str, to: &str) -> &Site {
        let path = self.root.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
        self
    }

    /// `casebook check` on 1 June 2021, when the fixture's statuses are fresh.
    fn check(&self) -> (Option<i32>, String) {
        self.check_on("1622505600")
    }

    /// `casebook check` with SOURCE_DATE_EPOCH set to `epoch`: the day staleness is judged by.
    fn check_on(&self, epoch: &str) -> (Option<i32>, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["check", "--root"])
            .arg(&self.root)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("run casebook");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Asserts a failed check that names `location` (file:line) and says `message`.
fn assert_error(site: &Site, location: &str, message: &str) -> String {
    let (code, stderr) = site.check();
    assert_eq!(code, Some(1), "expected exit 1:\n{stderr}");
    assert!(stderr.contains(location), "no {location:?} in:\n{stderr}");
    assert!(stderr.contains(message), "no {message:?} in:\n{stderr}");
    stderr
}

#[test]
fn fixture_is_valid() {
    let (code, stderr) = Site::new().check();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn misspelt_field_is_refused_with_a_suggestion() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "arrested = \"2019-05\"",
        "arested = \"2019-05\"",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:15:1",
        "unknown key `arested`",
    );
    assert!(stderr.contains("did you mean `arrested`?"), "{stderr}");
}

#[test]
fn unknown_status_lists_the_allowed_values() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "status = \"imprisoned\"",
        "status = \"jailed\"",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:7:10",
        "`jailed` is not an allowed value",
    );
    assert!(
        stderr.contains(
            "detained, imprisoned, restricted_freedom, travel_ban, released, deceased, exile"
        ),
        "{stderr}"
    );
}

#[test]
fn unknown_implementation_lists_the_allowed_values() {
    let site = Site::new();
    site.edit(
        "content/decisions/opinion-1.md",
        "implementation = \"not_implemented\"",
        "implementation = \"ignored\"",
    );
    let stderr = assert_error(
        &site,
        "content/decisions/opinion-1.md:8:",
        "`ignored` is not an allowed value",
    );
    assert!(
        stderr.contains("not_implemented, partial, implemented, unknown"),
        "{stderr}"
    );
}

#[test]
fn unknown_un_body_is_refused() {
    let site = Site::new();
    site.edit(
        "content/decisions/opinion-1.md",
        "body = \"wgad\"",
        "body = \"wgda\"",
    );
    let stderr = assert_error(
        &site,
        "content/decisions/opinion-1.md:6:8",
        "`wgda` is not an allowed value",
    );
    assert!(stderr.contains("did you mean `wgad`?"), "{stderr}");
}

#[test]
fn impossible_date_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "date = 2019-05-17",
        "date = \"2019-02-30\"",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:25:8",
        "is not a real date",
    );
}

#[test]
fn impossible_month_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "arrested = \"2019-05\"",
        "arrested = \"2019-13\"",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:15:12",
        "is not a real month",
    );
}

#[test]
fn profile_without_sources_is_refused() {
    let site = Site::new();
    let text = std::fs::read_to_string(site.root.join("content/prisoners/jane-doe.md")).unwrap();
    let sources = &text[text.find("[[extra.sources]]").unwrap()..text.rfind("+++").unwrap()];
    site.edit("content/prisoners/jane-doe.md", sources, "");
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:",
        "this profile has no sources",
    );
}

#[test]
fn decision_without_sources_is_refused() {
    let site = Site::new();
    site.edit(
        "content/decisions/opinion-1.md",
        "[[extra.sources]]\nid = \"opinion\"\ntitle = \"The opinion\"\nurl = \"https://example.org/opinion\"\n",
        "",
    );
    assert_error(
        &site,
        "content/decisions/opinion-1.md:",
        "this decision has no sources",
    );
}

#[test]
fn timeline_entry_must_cite_one_of_the_sources() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "text = \"Arrested.\"\ncite = [\"report-2020\"]",
        "text = \"Arrested.\"\ncite = [\"report-2021\"]",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:27:9",
        "the timeline entry of 2019-05-17 cites \"report-2021\", which is not the id of any source in this file",
    );
    assert!(
        stderr.contains("the sources' ids are: news, report-2020"),
        "{stderr}"
    );
}

#[test]
fn timeline_entry_without_source_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "cite = [\"report-2020\"]\n\n[[extra.sources]]",
        "\n[[extra.sources]]",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:",
        "missing field `cite`",
    );
}

#[test]
fn old_timeline_source_field_is_refused_with_the_new_one_named() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "cite = [\"report-2020\"]\n\n[[extra.sources]]",
        "source = \"https://example.org/report\"\n\n[[extra.sources]]",
    );
    assert_error(&site, "content/prisoners/jane-doe.md:27:1", "cite");
}

#[test]
fn unknown_source_id_in_a_field_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "sentence = [\"news\"]",
        "sentence = [\"newz\"]",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:22:13",
        "`sentence` cites \"newz\", which is not the id of any source in this file",
    );
}

#[test]
fn unknown_source_id_in_the_text_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "reported.{{ cite(id=\"news\") }}",
        "reported.{{ cite(id=\"nws\") }}",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:39:82",
        "the text cites \"nws\", which is not the id of any source in this file",
    );
}

#[test]
fn key_fact_without_a_source_is_refused_at_its_line() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "sentence = [\"news\"]\n",
        "",
    );
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "sentence = [\"news\"]\n",
        "",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:17:1",
        "`sentence` has a value but no source",
    );
    assert!(
        stderr.contains("add sentence = [\"<source id>\"] to prosecution 1 ([extra.cases.cite])"),
        "{stderr}"
    );
}

#[test]
fn top_level_and_decision_facts_need_sources_too() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "[extra.cite]\nstatus = [\"report-2020\"]\n",
        "",
    );
    site.edit(
        "content/decisions/opinion-1.md",
        "[extra.cite]\nimplementation = [\"opinion\"]\n",
        "",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:7:1",
        "`status` has a value but no source",
    );
    assert!(
        stderr.contains("content/decisions/opinion-1.md:8:1")
            && stderr.contains("`implementation` has a value but no source"),
        "{stderr}"
    );
}

#[test]
fn citing_a_field_without_a_value_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "sentence = [\"news\"]",
        "sentence = [\"news\"]\nverdict = [\"news\"]",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:23:12",
        "prosecution 1 ([extra.cases.cite]) names sources for `verdict`, which has no value here",
    );
}

#[test]
fn citing_an_unknown_field_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "[extra.cite]\nstatus",
        "[extra.cite]\nstatsu = [\"news\"]\nstatus",
    );
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:12:11",
        "[extra.cite]: `statsu` is not a field that takes sources",
    );
    assert!(
        stderr.contains("born, occupation, region, status, names"),
        "{stderr}"
    );
}

#[test]
fn source_ids_must_be_short_and_unique() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "id = \"news\"",
        "id = \"Report 2020\"",
    );
    site.edit("content/decisions/opinion-1.md", "url = \"https://example.org/opinion\"", "url = \"https://example.org/opinion\"\n[[extra.sources]]\nid = \"opinion\"\ntitle = \"Again\"\nurl = \"https://example.org/again\"");
    let stderr = assert_error(
        &site,
        "content/prisoners/jane-doe.md:35:6",
        "source id \"Report 2020\" is not a short id",
    );
    assert!(
        stderr.contains("two sources have the id \"opinion\""),
        "{stderr}"
    );
}

#[test]
fn a_source_cited_nowhere_is_a_warning() {
    let site = Site::new();
    for file in [
        "content/prisoners/jane-doe.md",
        "content/prisoners/jane-doe.ru.md",
    ] {
        site.edit(file, "{{ cite(id=\"news\") }}", "");
        site.edit(
            file,
            "charges = [\"report-2020\", \"news\"]\nsentence = [\"news\"]",
            "charges = [\"report-2020\"]\nsentence = [\"report-2020\"]",
        );
    }
    let (code, stderr) = site.check();
    assert_eq!(
        code,
        Some(0),
        "a warning must not fail the check:\n{stderr}"
    );
    assert!(
        stderr.contains("content/prisoners/jane-doe.md:35:6")
            && stderr.contains("source \"news\" is listed but no fact cites it"),
        "{stderr}"
    );
}

#[test]
fn a_translation_citing_other_sources_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "charges = [\"report-2020\", \"news\"]",
        "charges = [\"news\"]",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.ru.md:",
        "this translation differs from content/prisoners/jane-doe.md in the sources cited for case-1-charges (here news; there news, report-2020)",
    );
}

#[test]
fn a_status_older_than_two_years_is_a_warning() {
    let site = Site::new();
    let (code, stderr) = site.check();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        !stderr.contains("re-verify"),
        "fresh on 1 June 2021:\n{stderr}"
    );
    // 1 February 2022: 31 January 2020 is two years and a day ago.
    let (code, stderr) = site.check_on("1643673600");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("content/prisoners/jane-doe.md:8:1")
            && stderr.contains("the status was last confirmed on 2020-01-31, more than two years ago: re-verify it"),
        "{stderr}"
    );
}

#[test]
fn translated_from_must_name_an_existing_version() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "decisions = [",
        "translated_from = \"kk\"\ndecisions = [",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.ru.md:9:19",
        "translated_from = \"kk\", but this page has no version in \"kk\"",
    );
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "decisions = [",
        "translated_from = \"en\"\ndecisions = [",
    );
    let (code, stderr) = site.check();
    assert_eq!(code, Some(0), "{stderr}");
}

#[test]
fn urls_must_be_web_addresses() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "url = \"https://example.org/report\"",
        "url = \"javascript:alert(1)\"",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:32:7",
        "must start with https:// or http://",
    );
}

#[test]
fn decision_naming_a_person_whose_profile_does_not_list_it_names_both_files() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "decisions = [\"@/decisions/opinion-1.md\"]\n",
        "",
    );
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "decisions = [\"@/decisions/opinion-1.md\"]\n",
        "",
    );
    let stderr = assert_error(
        &site,
        "content/decisions/opinion-1.md:7:12",
        "content/prisoners/jane-doe.md does not name this decision in its decisions",
    );
    assert!(
        stderr.contains("names @/prisoners/jane-doe.md in persons"),
        "{stderr}"
    );
}

#[test]
fn profile_listing_a_decision_that_does_not_name_the_person_is_refused() {
    let site = Site::new();
    site.edit(
        "content/decisions/opinion-1.md",
        "persons = [\"@/prisoners/jane-doe.md\"]\n",
        "",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:9:14",
        "content/decisions/opinion-1.md does not name this person in its persons",
    );
}

#[test]
fn link_to_a_missing_decision_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "@/decisions/opinion-1.md",
        "@/decisions/opinion-2.md",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:9:14",
        "@/decisions/opinion-2.md points to no file",
    );
}

#[test]
fn taxonomy_status_must_match_extra_status() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "status = [\"imprisoned\"]",
        "status = [\"released\"]",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:",
        "taxonomies.status is [\"released\"] but extra.status is \"imprisoned\"",
    );
}

#[test]
fn translations_must_agree_on_facts() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "status_as_of = 2020-01-31",
        "status_as_of = 2020-02-01",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.ru.md:",
        "this translation differs from content/prisoners/jane-doe.md in status_as_of",
    );
}

#[test]
fn implementation_needs_an_as_of_date() {
    let site = Site::new();
    site.edit(
        "content/decisions/opinion-1.md",
        "implementation_as_of = \"2020\"\n",
        "",
    );
    assert_error(
        &site,
        "content/decisions/opinion-1.md:",
        "needs implementation_as_of",
    );
}

#[test]
fn sentence_months_below_twelve() {
    let site = Site::new();
    site.edit("content/prisoners/jane-doe.md", "months = 0", "months = 14");
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:17:",
        "months must be below 12",
    );
}

#[test]
fn missing_required_field_is_named() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "status_as_of = 2020-01-31\n",
        "",
    );
    site.edit(
        "content/prisoners/jane-doe.ru.md",
        "status_as_of = 2020-01-31\n",
        "",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:",
        "missing field `status_as_of`",
    );
}

#[test]
fn build_reports_errors_of_all_files_at_once() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "status = \"imprisoned\"",
        "status = \"jailed\"",
    );
    site.edit(
        "content/decisions/opinion-1.md",
        "body = \"wgad\"",
        "body = \"wgda\"",
    );
    let (code, stderr) = site.check();
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("jane-doe.md:7:10") && stderr.contains("opinion-1.md:6:8"),
        "{stderr}"
    );
    assert!(stderr.contains("2 error(s)"), "{stderr}");
}
