//! Atomic output: a failed build leaves the previous output byte for byte as it was, and no
//! build leaves temporary folders behind.

mod util;

use util::{assert_same_tree, leftover_temp_folders, list_files, tree, TestSite};

#[test]
fn a_content_error_leaves_the_previous_output_unchanged() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = site.output_tree();
    site.replace("content/blog/first.md", "weight = 5\n", "wieght = 5\n");
    let run = site.build().code(1);
    assert!(
        run.stderr.contains("content/blog/first.md:6:1"),
        "{}",
        run.stderr
    );
    assert!(
        run.summary_line()
            .contains("nothing was written, the previous output is unchanged"),
        "{}",
        run.stderr
    );
    assert_same_tree(&before, &site.output_tree());
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
}

#[test]
fn an_error_while_rendering_leaves_the_previous_output_unchanged() {
    // This error is only found while pages are being written into the temporary folder.
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = site.output_tree();
    site.write(
        "templates/about.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.missing.field }}{% endblock content %}",
    );
    site.build().code(1).stderr_has("about.html");
    assert_same_tree(&before, &site.output_tree());
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
}

#[test]
fn a_first_build_that_fails_creates_no_output() {
    let site = TestSite::fixture("basic");
    site.write("content/blog/broken.md", "+++\ntitle = \"x\"\n");
    site.build().code(1);
    assert!(!site.public().exists());
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
}

#[test]
fn a_successful_build_replaces_the_whole_output() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    // A stray file and a removed page must both be gone after the next build.
    std::fs::write(site.public().join("stray.html"), "old").unwrap();
    site.remove("content/people/zed.md");
    site.build_ok();
    assert!(!site.output_exists("stray.html"));
    assert!(!site.output_exists("people/zed/index.html"));
    assert!(!site.output_exists("people/list/2/index.html"));
    assert!(site.output_exists("blog/first/index.html"));
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
}

#[test]
fn a_failed_build_into_another_folder_leaves_it_unchanged() {
    let site = TestSite::fixture("basic");
    let out = site.scratch().join("elsewhere").join("www");
    let out_arg = out.to_string_lossy().into_owned();
    site.build_with(&["--output", &out_arg]).success();
    let before = tree(&out);
    assert!(before.contains_key("blog/first/index.html"));
    site.write(
        "content/blog/bad.md",
        "+++\ntitle = \"x\"\ndate = 2021-02-30\n+++\n",
    );
    site.build_with(&["--output", &out_arg]).code(1);
    assert_same_tree(&before, &tree(&out));
    assert_eq!(
        leftover_temp_folders(out.parent().unwrap()),
        Vec::<String>::new()
    );
    assert!(!site.public().exists());
    assert_eq!(list_files(out.parent().unwrap()).len(), before.len());
}
