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

    fn check(&self) -> (Option<i32>, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["check", "--root"])
            .arg(&self.root)
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
        "content/prisoners/jane-doe.md:12:1",
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
        "content/prisoners/jane-doe.md:17:8",
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
        "content/prisoners/jane-doe.md:12:12",
        "is not a real month",
    );
}

#[test]
fn profile_without_sources_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "[[extra.timeline]]\ndate = 2019-05-17\ntext = \"Arrested.\"\nsource = \"https://example.org/report\"\n\n[[extra.sources]]\ntitle = \"A report\"\nurl = \"https://example.org/report\"\n",
        "",
    );
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
        "[[extra.sources]]\ntitle = \"The opinion\"\nurl = \"https://example.org/opinion\"\n",
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
        "source = \"https://example.org/report\"",
        "source = \"https://example.org/elsewhere\"",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:19:10",
        "which is not among this file's sources",
    );
}

#[test]
fn timeline_entry_without_source_is_refused() {
    let site = Site::new();
    site.edit(
        "content/prisoners/jane-doe.md",
        "source = \"https://example.org/report\"\n",
        "",
    );
    assert_error(
        &site,
        "content/prisoners/jane-doe.md:",
        "missing field `source`",
    );
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
        "content/prisoners/jane-doe.md:23:7",
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
        "content/prisoners/jane-doe.md:14:",
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
