//! The command line: exit codes (0 success, 1 content errors, 2 usage errors), `check` writing
//! nothing, and the `--root`, `--output`, `--base-url` and `--drafts` flags.

mod util;

use util::{assert_same_tree, leftover_temp_folders, list_files, tree, Run, TestSite};

#[test]
fn build_succeeds_with_a_summary_line_on_stderr() {
    let site = TestSite::fixture("basic");
    let run = site.build().code(0);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    let summary = run.summary_line();
    assert!(
        summary.starts_with("Built 16 pages and 8 sections"),
        "{summary}"
    );
    // One line, and the only one: the fixture has no warnings.
    assert_eq!(run.stderr.trim().lines().count(), 1, "{}", run.stderr);
}

#[test]
fn root_defaults_to_the_working_folder_and_output_to_public() {
    let site = TestSite::fixture("basic");
    site.run(&["build"]).success();
    assert!(site.output_exists("index.html"));
    assert!(site.output_exists("blog/first/index.html"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let site = TestSite::fixture("basic");
    let run = site.run(&["build", "--bogus"]).code(2);
    assert!(run.stderr.contains("--bogus"), "{}", run.stderr);
    assert!(!site.public().exists());
}

#[test]
fn check_does_not_take_output() {
    let site = TestSite::fixture("basic");
    site.run(&["check", "--output", "x"]).code(2);
    assert!(!site.path("x").exists());
}

#[test]
fn missing_subcommand_is_a_usage_error() {
    let site = TestSite::fixture("basic");
    site.run(&[]).code(2);
    site.run(&["publish"]).code(2);
}

#[test]
fn help_and_version_succeed() {
    let site = TestSite::fixture("basic");
    let help = site.run(&["--help"]).success();
    assert!(help.stdout.contains("build"), "{}", help.stdout);
    assert!(help.stdout.contains("check"), "{}", help.stdout);
    let build_help = site.run(&["build", "--help"]).success();
    for flag in ["--root", "--output", "--base-url", "--drafts"] {
        assert!(build_help.stdout.contains(flag), "{}", build_help.stdout);
    }
    let version = site.run(&["--version"]).success();
    assert!(
        version.stdout.starts_with("casebook "),
        "{}",
        version.stdout
    );
}

#[test]
fn missing_root_folder_is_a_usage_error() {
    let site = TestSite::fixture("basic");
    let missing = site.scratch().join("no-such-site");
    let run = site
        .run(&["build", "--root", &missing.to_string_lossy()])
        .code(2);
    assert!(run.stderr.contains("no-such-site"), "{}", run.stderr);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    let run = site
        .run(&["check", "--root", &missing.to_string_lossy()])
        .code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn root_that_is_a_file_is_a_usage_error() {
    let site = TestSite::fixture("basic");
    let config = site.path("config.toml");
    let run = site
        .run(&["build", "--root", &config.to_string_lossy()])
        .code(2);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
}

#[test]
fn folder_without_config_is_a_content_error() {
    let site = TestSite::fixture("basic");
    site.remove("config.toml");
    let run = site.build().code(1);
    assert!(
        run.first_line().starts_with("error: no config.toml"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("basic");
    let before = tree(site.root());
    let run = site.check().success();
    assert!(
        run.summary_line()
            .starts_with("Checked 16 pages and 8 sections"),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
    assert_same_tree(&before, &tree(site.root()));
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
    assert_eq!(list_files(site.scratch()).len(), before.len());
}

#[test]
fn check_leaves_an_existing_output_alone() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = site.output_tree();
    // Even when the content changed, check does not rebuild.
    site.remove("content/people/zed.md");
    site.check().success();
    assert_same_tree(&before, &site.output_tree());
}

#[test]
fn check_reports_errors_with_exit_code_1() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/blog/typo.md",
        "+++\ntitle = \"x\"\ndrat = true\n+++\n",
    );
    // Also an error only found while rendering, which check must reach too.
    site.write(
        "templates/about.html",
        "{% extends \"base.html\" %}{% block content %}{{ page.nope.nope }}{% endblock content %}",
    );
    let run = site.check().code(1);
    assert!(run
        .first_line()
        .starts_with("error: content/blog/typo.md:3:1: unknown key `drat`"));
    assert!(
        run.stderr.contains("templates/about.html"),
        "{}",
        run.stderr
    );
    assert_eq!(
        run.summary_line(),
        "2 error(s); nothing was written",
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
}

#[test]
fn output_flag_writes_elsewhere() {
    let site = TestSite::fixture("basic");
    // A relative --output is relative to the working folder, not to the root.
    let run = Run::of(
        site.command()
            .current_dir(site.scratch())
            .args(["build", "--root", "site", "--output", "dist/www"]),
    )
    .success();
    let out = site.scratch().join("dist/www");
    assert!(
        out.join("blog/first/index.html").is_file(),
        "{}",
        run.stderr
    );
    assert!(!site.public().exists());
    assert!(run.summary_line().contains("dist/www"), "{}", run.stderr);
    // The same site as a build into public/.
    site.build_ok();
    assert_same_tree(&site.output_tree(), &tree(&out));
}

#[test]
fn output_that_is_a_file_is_refused() {
    let site = TestSite::fixture("basic");
    let file = site.scratch().join("taken");
    std::fs::write(&file, "not a folder").unwrap();
    let run = site
        .build_with(&["--output", &file.to_string_lossy()])
        .code(1);
    assert!(run.stderr.contains("is not a folder"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = TestSite::fixture("basic");
    site.build_with(&["--base-url", "https://mirror.example.net"])
        .success();
    let first = site.output("blog/first/index.html");
    assert!(
        first.contains(r#"<link rel="canonical" href="https://mirror.example.net/blog/first/">"#)
    );
    assert!(!first.contains("example.org"), "{first}");
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://mirror.example.net/blog/first/</loc>"));
    assert!(!sitemap.contains("example.org"));
    let atom = site.output("atom.xml");
    assert!(atom.contains("<id>https://mirror.example.net/atom.xml</id>"));
    assert!(site
        .output("robots.txt")
        .contains("Sitemap: https://mirror.example.net/sitemap.xml"));
    // Relative links do not change with the address.
    assert!(first.contains(r#"<a href="../custom-slug/index.html">the second post</a>"#));
}

#[test]
fn drafts_only_with_the_flag() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    assert!(!site.output_exists("blog/draft-post/index.html"));
    assert!(!site.output("atom.xml").contains("Draft post"));
    assert!(!site.output("sitemap.xml").contains("draft-post"));

    let run = site.build_with(&["--drafts"]).success();
    assert!(
        run.summary_line().starts_with("Built 17 pages"),
        "{}",
        run.stderr
    );
    let draft = site.output("blog/draft-post/index.html");
    assert!(draft.contains("Not ready yet."));
    assert!(site.output("blog/index.html").contains("Draft post"));
    assert!(site.output("sitemap.xml").contains("/blog/draft-post/"));

    let check = site.run(&["check", "--drafts"]).success();
    assert!(
        check.summary_line().starts_with("Checked 17 pages"),
        "{}",
        check.stderr
    );
}

#[test]
fn warnings_do_not_fail_the_build() {
    let site = TestSite::fixture("basic");
    site.replace(
        "config.toml",
        "generate_feeds = true\n",
        "generate_feeds = true\nhard_link_static = false\n",
    );
    let run = site.build().code(0);
    assert!(
        run.stderr.starts_with("warning: config.toml:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`hard_link_static`"), "{}", run.stderr);
    assert!(run.summary_line().starts_with("Built "), "{}", run.stderr);
}

#[test]
fn build_shows_the_first_twenty_warnings_and_check_shows_all() {
    let site = TestSite::fixture("basic");
    // Each of these keys is a Zola setting casebook ignores with a warning.
    let keys = [
        "compile_sass = false",
        "hard_link_static = false",
        "preserve_dotfiles_in_output = false",
        "exclude_paginated_pages_in_sitemap = \"none\"",
        "generate_feed = false",
        "feed_filename = \"atom.xml\"",
        "highlight_code = false",
        "highlight_theme = \"base16-ocean-dark\"",
        "check_external_links = false",
        "mode = \"build\"",
        "rss_limit = 10",
        "generate_rss = false",
    ];
    let markdown_keys = [
        "highlight_code = false",
        "highlight_theme = \"base16-ocean-dark\"",
        "highlight_themes_css = []",
        "render_emoji = false",
        "lazy_async_image = false",
        "bottom_footnotes = false",
        "definition_list = false",
        "github_alerts = false",
        "extra_syntaxes_and_themes = []",
    ];
    site.replace(
        "config.toml",
        "generate_feeds = true\n",
        &format!("generate_feeds = true\n{}\n", keys.join("\n")),
    );
    site.replace(
        "config.toml",
        "external_links_target_blank = true\n",
        &format!(
            "external_links_target_blank = true\n{}\n",
            markdown_keys.join("\n")
        ),
    );
    let total = keys.len() + markdown_keys.len();
    let warnings = |stderr: &str| {
        stderr
            .lines()
            .filter(|l| l.starts_with("warning: config.toml:"))
            .count()
    };

    let build = site.build().code(0);
    assert_eq!(warnings(&build.stderr), 20, "{}", build.stderr);
    assert!(
        build.stderr.contains(&format!(
            "warning: {} more warning(s) not shown; `casebook check` prints them all",
            total - 20
        )),
        "{}",
        build.stderr
    );
    assert!(
        build.summary_line().starts_with("Built "),
        "{}",
        build.stderr
    );

    let check = site.check().code(0);
    assert_eq!(warnings(&check.stderr), total, "{}", check.stderr);
    assert!(!check.stderr.contains("not shown"), "{}", check.stderr);
}
