//! Bad input: each case builds the good `basic` site first, breaks one thing, and builds again.
//! The second build must exit with 1, start stderr with `error: <file>:<line>:<col>: …`, and
//! leave the first build's output exactly as it was.

mod util;

use std::path::Path;

use util::{assert_same_tree, leftover_temp_folders, Run, TestSite};

/// Builds the fixture, applies `change`, builds again, and checks that the second build failed
/// without touching the output. Returns the failed run for the case's own assertions.
fn break_site(change: impl FnOnce(&TestSite)) -> Run {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = site.output_tree();
    change(&site);
    let run = site.build().code(1);
    assert_same_tree(&before, &site.output_tree());
    assert_eq!(leftover_temp_folders(site.root()), Vec::<String>::new());
    assert!(
        run.summary_line()
            .ends_with("error(s); nothing was written, the previous output is unchanged"),
        "summary line: {}",
        run.summary_line()
    );
    run
}

/// Asserts that the first line of stderr is `error: <location>…` and holds `message`.
fn assert_first_error(run: &Run, location: &str, message: &str) {
    let first = run.first_line();
    assert!(
        first.starts_with(&format!("error: {location}")),
        "expected the first line to start with `error: {location}`:\n{}",
        run.stderr
    );
    assert!(
        first.contains(message),
        "expected the first line to contain {message:?}:\n{}",
        run.stderr
    );
}

fn page(title: &str, extra_front_matter: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{extra_front_matter}+++\n{body}")
}

#[test]
fn invalid_utf8_in_markdown() {
    let run = break_site(|site| {
        let mut bytes = b"+++\ntitle = \"x\"\n+++\nCaf".to_vec();
        bytes.extend_from_slice(&[0xe9, b'\n']); // Latin-1 é
        site.write("content/blog/latin1.md", bytes);
    });
    assert_first_error(&run, "content/blog/latin1.md:4:4: ", "invalid UTF-8");
    assert!(run.stderr.contains("help: save the file as UTF-8"));
}

#[test]
fn empty_markdown_file() {
    let run = break_site(|site| site.write("content/blog/empty.md", ""));
    assert_first_error(&run, "content/blog/empty.md:1:1: ", "empty file");
}

#[test]
fn unterminated_front_matter() {
    let run = break_site(|site| {
        site.write(
            "content/blog/open.md",
            "+++\ntitle = \"x\"\ndate = 2021-01-01\n\nBody without the closing line.\n",
        )
    });
    assert_first_error(
        &run,
        "content/blog/open.md:1:1: ",
        "front matter is not closed",
    );
}

#[test]
fn missing_front_matter() {
    let run = break_site(|site| site.write("content/blog/plain.md", "# Just a heading\n"));
    assert_first_error(&run, "content/blog/plain.md:1:1: ", "no front matter");
}

#[test]
fn binary_file_named_md() {
    let run = break_site(|site| {
        site.write(
            "content/blog/image.md",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
        )
    });
    assert_first_error(&run, "content/blog/image.md:3:1: ", "binary data");
}

#[cfg(unix)]
#[test]
fn symlink_leading_outside_the_root_is_refused() {
    let run = break_site(|site| {
        let outside = site.scratch().join("secret.md");
        std::fs::write(&outside, "+++\ntitle = \"Secret\"\n+++\nSECRET TEXT\n").unwrap();
        std::os::unix::fs::symlink(&outside, site.path("content/blog/link.md")).unwrap();
    });
    // A symlink has no line to point at; the file is named.
    assert_first_error(
        &run,
        "content/blog/link.md: ",
        "symbolic link leads outside the site root",
    );
    assert!(!run.stderr.contains("SECRET TEXT"));
}

#[cfg(unix)]
#[test]
fn symlinked_folder_leading_outside_the_root_is_refused() {
    let run = break_site(|site| {
        let outside = site.scratch().join("elsewhere");
        std::fs::create_dir(&outside).unwrap();
        std::fs::write(outside.join("a.md"), "+++\ntitle = \"A\"\n+++\n").unwrap();
        std::os::unix::fs::symlink(&outside, site.path("content/linked")).unwrap();
    });
    assert_first_error(
        &run,
        "content/linked: ",
        "symbolic link leads outside the site root",
    );
}

#[cfg(unix)]
#[test]
fn symlink_inside_the_root_is_followed() {
    let site = TestSite::fixture("basic");
    site.write(
        "shared/guest.md",
        "+++\ntitle = \"Guest page\"\n+++\nShared text.\n",
    );
    std::os::unix::fs::symlink(
        site.path("shared/guest.md"),
        site.path("content/blog/guest.md"),
    )
    .unwrap();
    site.build_ok();
    assert!(site
        .output("blog/guest/index.html")
        .contains("Shared text."));
}

#[test]
fn two_files_writing_one_output_path() {
    let run = break_site(|site| {
        site.write(
            "content/blog/custom-slug.md",
            page("Clash", "", "Same address as second.md.\n"),
        )
    });
    // The page whose slug claims the address is pointed at; the message names both files.
    assert_first_error(
        &run,
        "content/blog/second.md:4:8: ",
        "both write blog/custom-slug/index.html",
    );
    assert!(run.first_line().contains("content/blog/second.md"));
    assert!(run.first_line().contains("content/blog/custom-slug.md"));
}

#[test]
fn alias_colliding_with_a_page() {
    let run = break_site(|site| {
        site.replace(
            "content/docs/a.md",
            "weight = 3\n",
            "weight = 3\naliases = [\"blog/first/\"]\n",
        )
    });
    assert_first_error(
        &run,
        "content/docs/a.md:4:12: ",
        "both write blog/first/index.html",
    );
    assert!(run.first_line().contains("content/blog/first.md"));
}

#[test]
fn slug_with_dot_dot_is_refused() {
    let run = break_site(|site| {
        site.write(
            "content/blog/escape.md",
            page("x", "slug = \"../../etc\"\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/escape.md:3:8: ",
        "slug \"../../etc\" is refused",
    );
}

#[test]
fn path_with_dot_dot_is_refused() {
    let run = break_site(|site| {
        site.write(
            "content/blog/escape.md",
            page("x", "path = \"docs/../../outside\"\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/escape.md:3:8: ",
        "path \"docs/../../outside\" is refused",
    );
}

#[test]
fn alias_with_dot_dot_is_refused() {
    let run = break_site(|site| {
        site.write(
            "content/blog/escape.md",
            page("x", "aliases = [\"fine/\", \"../../evil/\"]\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/escape.md:3:21: ",
        "alias \"../../evil/\" is refused",
    );
    assert_eq!(run.error_lines().len(), 1, "{}", run.stderr);
}

#[test]
fn invalid_toml_in_front_matter() {
    let run = break_site(|site| {
        site.write(
            "content/blog/bad-toml.md",
            "+++\ntitle = \"x\"\ndescription = \"never closed\nweight = 1\n+++\n",
        )
    });
    assert_first_error(&run, "content/blog/bad-toml.md:3:", "");
    assert!(
        run.stderr.contains("description = \"never closed"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    let run = break_site(|site| site.write("content/blog/typo.md", page("x", "drat = true\n", "")));
    assert_first_error(
        &run,
        "content/blog/typo.md:3:1: ",
        "unknown key `drat` (help: did you mean `draft`?)",
    );
    // The snippet shows the offending line and the hint.
    assert!(run.stderr.contains("3 │ drat = true"), "{}", run.stderr);
    assert!(
        run.stderr.contains("help: did you mean `draft`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_section_key_suggests_the_right_one() {
    let run = break_site(|site| {
        site.replace(
            "content/blog/_index.md",
            "sort_by = \"date\"",
            "sort_bi = \"date\"",
        )
    });
    assert_first_error(
        &run,
        "content/blog/_index.md:3:1: ",
        "unknown key `sort_bi` (help: did you mean `sort_by`?)",
    );
}

#[test]
fn unknown_sort_by_value_lists_the_allowed_ones() {
    let run = break_site(|site| {
        site.replace(
            "content/blog/_index.md",
            "sort_by = \"date\"",
            "sort_by = \"dat\"",
        )
    });
    assert_first_error(
        &run,
        "content/blog/_index.md:3:11: ",
        "`dat` is not an allowed value",
    );
    assert!(
        run.first_line().contains("did you mean `date`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn impossible_date() {
    let run =
        break_site(|site| site.write("content/blog/leap.md", page("x", "date = 2021-02-30\n", "")));
    assert_first_error(&run, "content/blog/leap.md:3:", "date");
    assert!(run.stderr.contains("date = 2021-02-30"), "{}", run.stderr);
}

#[test]
fn impossible_date_in_a_string() {
    let run = break_site(|site| {
        site.write(
            "content/blog/leap.md",
            page("x", "updated = \"2021-02-30\"\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/leap.md:3:11: ",
        "\"2021-02-30\" is not a real date",
    );
}

#[test]
fn missing_internal_link_target() {
    let run = break_site(|site| {
        site.write(
            "content/blog/links.md",
            page(
                "x",
                "",
                "First paragraph.\n\nSee [the report](@/reports/2020.md) for more.\n",
            ),
        )
    });
    assert_first_error(
        &run,
        "content/blog/links.md:6:18: ",
        "internal link @/reports/2020.md points to no page or section",
    );
}

#[test]
fn missing_internal_link_target_with_anchor() {
    let run = break_site(|site| {
        site.replace(
            "content/blog/second.md",
            "The second body.",
            "The second body.\n\nBack to [first](@/blog/frist.md#background).",
        )
    });
    assert_first_error(
        &run,
        "content/blog/second.md:14:",
        "internal link @/blog/frist.md#background points to no page or section",
    );
}

#[test]
fn missing_template_named_in_front_matter() {
    let run = break_site(|site| {
        site.write(
            "content/blog/special.md",
            page("x", "template = \"special.html\"\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/special.md:3:12: ",
        "template special.html not found",
    );
}

#[test]
fn tera_syntax_error_points_at_the_template_line() {
    let run = break_site(|site| {
        site.write(
            "templates/about.html",
            "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title </h1>\n{% endblock content %}\n",
        )
    });
    assert_first_error(&run, "templates/about.html:3:", "template about.html");
    // One error, not one more for every page that uses a shortcode.
    assert_eq!(run.error_lines().len(), 1, "{}", run.stderr);
}

#[test]
fn tera_syntax_error_in_a_shortcode() {
    let run = break_site(|site| {
        site.write(
            "templates/shortcodes/note.html",
            "<div class=\"note\">\n{% if kind %}{{ text }}\n</div>\n",
        )
    });
    assert_first_error(
        &run,
        "templates/shortcodes/note.html:",
        "template shortcodes/note.html",
    );
}

#[test]
fn tera_render_error_names_the_template() {
    let run = break_site(|site| {
        site.write(
            "templates/about.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ page.nothing.here }}{% endblock content %}\n",
        )
    });
    assert_first_error(&run, "templates/about.html", "template about.html");
    assert!(
        run.first_line().contains("page.nothing.here"),
        "{}",
        run.stderr
    );
}

#[test]
fn failing_template_function_names_the_template_and_the_cause() {
    let run = break_site(|site| {
        site.write(
            "templates/about.html",
            "{% extends \"base.html\" %}\n{% block content %}{{ get_page(path=\"blog/nope.md\") }}{% endblock content %}\n",
        )
    });
    assert_first_error(
        &run,
        "templates/about.html",
        "get_page: no page blog/nope.md",
    );
}

#[test]
fn unknown_shortcode() {
    let run = break_site(|site| {
        site.write(
            "content/blog/sc.md",
            page("x", "", "Text.\n\n{{ youtube(id=\"abc\") }}\n"),
        )
    });
    assert_first_error(
        &run,
        "content/blog/sc.md:6:1: ",
        "unknown shortcode `youtube`",
    );
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    let run = break_site(|site| {
        site.replace(
            "config.toml",
            "title = \"Casebook test\"",
            "titel = \"Casebook test\"",
        )
    });
    assert_first_error(
        &run,
        "config.toml:4:1: ",
        "unknown key `titel` (help: did you mean `title`?)",
    );
}

#[test]
fn unknown_nested_config_key_suggests_the_right_one() {
    let run = break_site(|site| {
        site.replace(
            "config.toml",
            "external_links_target_blank = true",
            "external_links_target_blnk = true",
        )
    });
    assert_first_error(
        &run,
        "config.toml:16:1: ",
        "unknown key `markdown.external_links_target_blnk`",
    );
    assert!(run
        .first_line()
        .contains("did you mean `markdown.external_links_target_blank`?"));
}

#[test]
fn invalid_toml_in_config() {
    let run = break_site(|site| {
        site.replace(
            "config.toml",
            "title = \"Casebook test\"",
            "title = Casebook",
        )
    });
    assert_first_error(&run, "config.toml:4:", "invalid TOML");
}

#[test]
fn undeclared_taxonomy_suggests_a_declared_one() {
    let run = break_site(|site| {
        site.write(
            "content/blog/tax.md",
            page("x", "[taxonomies]\ntagz = [\"rust\"]\n", ""),
        )
    });
    assert_first_error(
        &run,
        "content/blog/tax.md:4:1: ",
        "taxonomy `tagz` is not declared for language `en`",
    );
    assert!(run.first_line().contains("did you mean `tags`?"));
}

#[test]
fn file_in_an_undeclared_language() {
    let run = break_site(|site| site.write("content/blog/first.fr.md", page("Premier", "", "")));
    assert_first_error(
        &run,
        "content/blog/first.fr.md",
        "language `fr`, which config.toml does not declare",
    );
}

#[test]
fn every_error_of_a_build_is_reported_at_once() {
    let run = break_site(|site| {
        site.write("content/blog/a.md", page("a", "drat = true\n", ""));
        site.write("content/blog/b.md", page("b", "", "[x](@/nowhere.md)\n"));
        site.write(
            "content/blog/c.md",
            page("c", "template = \"none.html\"\n", ""),
        );
        site.write(
            "content/blog/d.md",
            page("d", "date = \"2021-13-01\"\n", ""),
        );
        site.write("content/blog/e.md", "");
    });
    let lines = run.error_lines();
    let files: Vec<&str> = lines
        .iter()
        .map(|l| l.trim_start_matches("error: ").split(':').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "content/blog/a.md",
            "content/blog/b.md",
            "content/blog/c.md",
            "content/blog/d.md",
            "content/blog/e.md"
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.summary_line().starts_with("5 error(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn file_names_are_relative_to_the_root_wherever_casebook_runs() {
    let site = TestSite::fixture("basic");
    site.write("content/blog/typo.md", page("x", "drat = true\n", ""));
    let root = site.root().to_string_lossy().into_owned();
    let run = Run::of(
        site.command()
            .current_dir(site.scratch())
            .args(["build", "--root", &root]),
    )
    .code(1);
    assert_first_error(&run, "content/blog/typo.md:3:1: ", "unknown key `drat`");
    assert!(!run.stderr.contains(&root), "{}", run.stderr);
    assert!(!Path::new(&site.public()).exists());
}

#[test]
fn error_report_layout() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/blog/typo.md",
        page("x", "drat = true\nweight = 1\n", ""),
    );
    let run = site.build().code(1);
    insta::assert_snapshot!("unknown_key_report", run.stderr);
}

/// Nesting 20,000 deep, in each way Markdown and HTML allow, with minification on as on the
/// real site. A render thread has 2 MiB of stack; before the nesting limit minify-html's
/// recursion overflowed it and aborted the whole process (exit code -1 here, by signal)
/// instead of reporting anything.
#[test]
fn deeply_nested_input_is_an_error_at_its_line() {
    let n = 20_000;
    let cases = [
        (
            "quotes.md",
            format!("Intro.\n\n{} x\n", ">".repeat(n)),
            "6:101",
        ),
        (
            "spaced-quotes.md",
            format!("{} x\n", "> ".repeat(n)),
            "4:201",
        ),
        ("lists.md", format!("{}x\n", "- ".repeat(n)), "4:"),
        ("ordered.md", format!("{}x\n", "1. ".repeat(n)), "4:"),
        (
            "emphasis.md",
            format!("{}a{}\n", "*".repeat(n), "*".repeat(n)),
            "4:",
        ),
        (
            "images.md",
            format!("{}a{}\n", "![".repeat(n), "](x.png)".repeat(n)),
            "4:",
        ),
        (
            "divs.md",
            format!("Intro.\n\n{}\n", "<div>".repeat(n)),
            "6:1",
        ),
        ("div-blocks.md", "<div>\n\n".repeat(200), "204:1"),
    ];
    let run = break_site(|site| {
        minify(site);
        for (name, body, _) in &cases {
            site.write(&format!("content/blog/{name}"), page("Deep", "", body));
        }
    });
    let errors = run.error_lines();
    assert_eq!(errors.len(), cases.len(), "{}", run.stderr);
    for (name, _, position) in &cases {
        let location = format!("error: content/blog/{name}:{position}");
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with(&location) && e.contains("nested more than 100 levels deep")),
            "no error at {location}:\n{}",
            run.stderr
        );
    }
    assert!(run.stderr.contains("help: a page nests a few levels"));
}

fn minify(site: &TestSite) {
    site.replace(
        "config.toml",
        "theme = \"simple\"\n",
        "theme = \"simple\"\nminify_html = true\n",
    );
}

/// Brackets that do not nest in the output (a link cannot hold a link) and nesting up to the
/// limit build as usual.
#[test]
fn nesting_within_the_limit_builds() {
    let site = TestSite::fixture("basic");
    minify(&site);
    site.write(
        "content/blog/brackets.md",
        page(
            "Brackets",
            "",
            &format!("{}a{}\n", "[".repeat(20_000), "](x)".repeat(20_000)),
        ),
    );
    site.write(
        "content/blog/ninety-eight.md",
        page("Quotes", "", &format!("{} x\n", ">".repeat(98))),
    );
    site.build_ok();
    let html = site.output("blog/ninety-eight/index.html");
    assert_eq!(html.matches("<blockquote>").count(), 98);
}

/// HTML made by a template rather than written in a case file: too deep for minify-html's
/// recursive parser is refused by name; without minification (lol_html streams) it builds.
#[test]
fn deep_html_from_a_shortcode() {
    let deep = |site: &TestSite| {
        site.write(
            "templates/shortcodes/deep.html",
            "{% for i in range(end=n) %}<div>{% endfor %}x{% for i in range(end=n) %}</div>{% endfor %}",
        );
        site.write(
            "content/blog/deep.md",
            page("Deep", "", "{{ deep(n=20000) }}\n"),
        );
    };
    let site = TestSite::fixture("basic");
    deep(&site);
    site.build_ok();
    assert!(site
        .output("blog/deep/index.html")
        .contains(&format!("{}x</div>", "<div>".repeat(100))));

    let run = break_site(|site| {
        deep(site);
        minify(site);
    });
    assert_first_error(
        &run,
        "content/blog/deep.md: ",
        "elements deep, more than the 256 a page may have",
    );
}
