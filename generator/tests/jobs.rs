//! Output jobs: what each job of a fixture site reads and writes, and an incremental rebuild
//! (one file changed, parsed again alone and linked) giving the same output as a full build.

mod util;

use casebook::output::Input;
use casebook::{BuildOptions, JobRecord, NoProgress, Project};
use util::{assert_same_tree, tree, TestSite};

fn options(site: &TestSite, output: &str) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(site.scratch().join(output)),
        record_jobs: true,
        ..BuildOptions::default()
    }
}

fn job<'a>(jobs: &'a [JobRecord], label: &str) -> &'a JobRecord {
    jobs.iter().find(|j| j.label == label).unwrap_or_else(|| {
        let labels: Vec<&str> = jobs.iter().map(|j| j.label.as_str()).collect();
        panic!("no job {label:?} among {labels:#?}")
    })
}

fn content(path: &str) -> Input {
    Input::Content(path.into())
}

fn template(name: &str) -> Input {
    Input::Template(name.into())
}

#[test]
fn job_list_of_a_fixture_site() {
    let site = TestSite::fixture("basic");
    let (summary, _) = casebook::build(&options(&site, "out"), &NoProgress).expect("build");
    let labels: Vec<&str> = summary.jobs.iter().map(|j| j.label.as_str()).collect();

    // Static files come first, then pages and sections, taxonomies, 404, feeds, sitemap.
    let position = |label: &str| {
        labels
            .iter()
            .position(|l| *l == label)
            .unwrap_or_else(|| panic!("no job {label:?} in {labels:#?}"))
    };
    assert!(position("copy style.css") < position("page blog/first.md"));
    assert!(position("page blog/first.md") < position("section blog/_index.md"));
    assert!(position("section blog/_index.md") < position("404"));
    assert!(position("404") < position("sitemap"));
    // Every pager of a paginated section is a job of its own, and so is its `page/1/` alias.
    assert!(labels.contains(&"section blog/_index.md 2"), "{labels:#?}");
    assert!(labels.contains(&"alias /blog/page/1/"), "{labels:#?}");
    // Drafts are not built; a page with render = false still has its body checked.
    assert!(!labels.iter().any(|l| l.contains("draft-post")));
    // Labels are unique, so a job can be found again in the next build.
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), labels.len());
    // Every file written belongs to exactly one job.
    assert!(summary.files > 40);
    let written: usize = summary.jobs.iter().map(|j| j.outputs.len()).sum();
    assert_eq!(written, summary.files);
    assert_eq!(written, tree(&site.scratch().join("out")).len());
}

#[test]
fn a_page_job_records_its_templates_and_the_pages_it_pulled_in() {
    let site = TestSite::fixture("basic");
    let (summary, _) = casebook::build(&options(&site, "out"), &NoProgress).expect("build");

    let page = job(&summary.jobs, "page blog/first.md");
    assert_eq!(page.outputs, vec!["blog/first/index.html".to_string()]);
    for input in [
        content("blog/first.md"),
        template("page.html"),
        template("base.html"),
        // The body uses the `note` shortcode.
        template("shortcodes/note.html"),
        // Its `lower`/`higher` neighbours are shown.
        content("blog/second.md"),
    ] {
        assert!(
            page.inputs.contains(&input),
            "{input:?} not in {:#?}",
            page.inputs
        );
    }
    // A page job reads no template of another kind and no unrelated page.
    assert!(!page.inputs.contains(&template("section.html")));
    assert!(!page.inputs.contains(&content("docs/a.md")));
    // base.html links to the about page with get_url: its address is an input.
    assert!(page.inputs.contains(&content("about.md")));

    // The home page pulls pages in through get_section and get_page.
    let home = job(&summary.jobs, "section _index.md");
    for input in [
        content("_index.md"),
        content("blog/_index.md"),
        content("blog/first.md"),
        template("index.html"),
    ] {
        assert!(
            home.inputs.contains(&input),
            "{input:?} not in {:#?}",
            home.inputs
        );
    }

    // A term page depends on its taxonomy and the pages listed.
    let term = job(&summary.jobs, "term tags@en rust");
    assert!(term.inputs.contains(&Input::Taxonomy("tags@en".into())));
    assert!(term.inputs.contains(&content("blog/first.md")));
    assert!(term.inputs.contains(&template("taxonomy_single.html")));

    // The sitemap depends on every address.
    assert!(job(&summary.jobs, "sitemap")
        .inputs
        .contains(&Input::AllContent));
    // A static file is its own job.
    assert_eq!(
        job(&summary.jobs, "copy style.css").outputs,
        vec!["style.css".to_string()]
    );
}

#[test]
fn one_changed_file_parsed_again_and_relinked_gives_the_same_output_as_a_full_build() {
    let site = TestSite::fixture("basic");
    let mut project = Project::load(&options(&site, "incremental")).expect("load");
    project.render(&NoProgress, true).expect("first build");
    let before = tree(&site.scratch().join("incremental"));

    // A title that lists, neighbours, feeds and get_page show elsewhere, a new date that moves
    // the page in its section's order, a new tag, and a new body.
    site.replace(
        "content/blog/first.md",
        "title = \"First post\"",
        "title = \"Renamed post\"",
    );
    site.replace(
        "content/blog/first.md",
        "date = 2021-01-10",
        "date = 2021-06-10",
    );
    site.replace(
        "content/blog/first.md",
        "tags = [\"Rust\", \"Zola\"]",
        "tags = [\"Rust\", \"Tera\"]",
    );
    site.replace(
        "content/blog/first.md",
        "## Background",
        "## Background, revised",
    );
    project.reload_content_file("blog/first.md");
    // A page removed, and a page added.
    site.remove("content/docs/d.md");
    project.reload_content_file("docs/d.md");
    site.write(
        "content/docs/e.md",
        "+++\ntitle = \"E\"\nweight = 5\n+++\nA new page linking [home](@/_index.md).\n",
    );
    project.reload_content_file("docs/e.md");
    project
        .render(&NoProgress, true)
        .expect("incremental build");
    let incremental = tree(&site.scratch().join("incremental"));

    let (_, _) = casebook::build(&options(&site, "full"), &NoProgress).expect("full build");
    let full = tree(&site.scratch().join("full"));

    assert_same_tree(&incremental, &full);
    assert_ne!(before, incremental, "the change must show in the output");
    let home = String::from_utf8_lossy(&incremental["index.html"]).into_owned();
    assert!(
        home.contains("Renamed post"),
        "get_page saw the old page: {home}"
    );
    assert!(incremental.contains_key("tags/tera/index.html"));
    assert!(!incremental.contains_key("docs/d/index.html"));
    assert!(incremental.contains_key("docs/e/index.html"));
}

#[test]
fn a_file_broken_by_a_change_is_reported_and_fixed_by_the_next() {
    let site = TestSite::fixture("basic");
    let mut project = Project::load(&options(&site, "out")).expect("load");
    project.render(&NoProgress, true).expect("first build");

    site.replace("content/blog/second.md", "+++\ntitle", "+++\ntitel");
    project.reload_content_file("blog/second.md");
    let errors = project
        .render(&NoProgress, true)
        .expect_err("a misspelt key must fail the build");
    let message = format!("{:?}", errors.items);
    assert!(message.contains("titel"), "{message}");

    site.replace("content/blog/second.md", "+++\ntitel", "+++\ntitle");
    project.reload_content_file("blog/second.md");
    project.render(&NoProgress, true).expect("fixed build");
}
