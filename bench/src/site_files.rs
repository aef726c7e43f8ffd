//! The fixed files of a corpus: configuration, section indexes, templates and
//! the stylesheet. Templates live as real files under `bench/site/` so they
//! can be read and edited as HTML; they are compiled into the binary.

use crate::flavor::Flavor;

/// `(path relative to the corpus root, contents)` for every fixed file.
pub fn fixed_files(flavor: Flavor) -> Vec<(&'static str, String)> {
    let mut files = vec![
        (
            "static/style.css",
            include_str!("../site/static/style.css").to_string(),
        ),
        (
            "content/_index.md",
            section_index(flavor, "Political prisoners: case files", None, HOME_TEXT),
        ),
        (
            "content/prisoners/_index.md",
            section_index(flavor, "Prisoners", Some(("date", 50)), PRISONERS_TEXT),
        ),
        (
            "content/decisions/_index.md",
            section_index(
                flavor,
                "Decisions of UN bodies",
                Some(("date", 50)),
                DECISIONS_TEXT,
            ),
        ),
    ];
    match flavor {
        Flavor::Zola | Flavor::ZolaContent => {
            files.push(("config.toml", ZOLA_CONFIG.to_string()));
            for (name, text) in ZOLA_TEMPLATES {
                let text = match flavor {
                    Flavor::ZolaContent => ZOLA_CONTENT_TEMPLATES
                        .iter()
                        .find(|(replacement, _)| *replacement == name)
                        .map_or(text, |(_, replacement)| replacement),
                    _ => text,
                };
                files.push((name, text.to_string()));
            }
        }
        Flavor::Hugo => {
            files.push(("hugo.toml", HUGO_CONFIG.to_string()));
            for (name, text) in HUGO_LAYOUTS {
                files.push((name, text.to_string()));
            }
        }
    }
    files
}

const ZOLA_CONFIG: &str = r#"# Benchmark corpus written by `cargo run -p bench -- corpus`. Read by zola and casebook.
base_url = "https://example.org"
title = "Casebook benchmark"
description = "Invented case files for load testing."
default_language = "en"
minify_html = false
build_search_index = false
generate_feeds = false
taxonomies = [
    { name = "status" },
    { name = "charges" },
    { name = "regions" },
    { name = "un_bodies" },
]
"#;

// Hugo 0.111 reads `paginate`; Hugo 0.128 and later read `[pagination]`.
// RSS is off because the Zola config has `generate_feeds = false`.
const HUGO_CONFIG: &str = r#"# Benchmark corpus written by `cargo run -p bench -- corpus --flavor hugo`.
baseURL = "https://example.org/"
title = "Casebook benchmark"
languageCode = "en"
defaultContentLanguage = "en"
paginate = 50
disableKinds = ["RSS"]

[pagination]
pagerSize = 50

[taxonomies]
status = "status"
charges = "charges"
regions = "regions"
un_bodies = "un_bodies"
"#;

const ZOLA_TEMPLATES: [(&str, &str); 6] = [
    (
        "templates/base.html",
        include_str!("../site/zola/templates/base.html"),
    ),
    (
        "templates/index.html",
        include_str!("../site/zola/templates/index.html"),
    ),
    (
        "templates/section.html",
        include_str!("../site/zola/templates/section.html"),
    ),
    (
        "templates/page.html",
        include_str!("../site/zola/templates/page.html"),
    ),
    (
        "templates/taxonomy_list.html",
        include_str!("../site/zola/templates/taxonomy_list.html"),
    ),
    (
        "templates/taxonomy_single.html",
        include_str!("../site/zola/templates/taxonomy_single.html"),
    ),
];

/// The templates `zola-content` writes instead of the `zola` ones of the same
/// name: lists that show every page's body.
const ZOLA_CONTENT_TEMPLATES: [(&str, &str); 2] = [
    (
        "templates/section.html",
        include_str!("../site/zola-content/templates/section.html"),
    ),
    (
        "templates/taxonomy_single.html",
        include_str!("../site/zola-content/templates/taxonomy_single.html"),
    ),
];

const HUGO_LAYOUTS: [(&str, &str); 6] = [
    (
        "layouts/_default/baseof.html",
        include_str!("../site/hugo/layouts/_default/baseof.html"),
    ),
    (
        "layouts/index.html",
        include_str!("../site/hugo/layouts/index.html"),
    ),
    (
        "layouts/_default/list.html",
        include_str!("../site/hugo/layouts/_default/list.html"),
    ),
    (
        "layouts/_default/single.html",
        include_str!("../site/hugo/layouts/_default/single.html"),
    ),
    (
        "layouts/_default/terms.html",
        include_str!("../site/hugo/layouts/_default/terms.html"),
    ),
    (
        "layouts/_default/taxonomy.html",
        include_str!("../site/hugo/layouts/_default/taxonomy.html"),
    ),
];

const HOME_TEXT: &str = "Invented case files of political prisoners, written to measure \
how fast static site generators build a large, bilingual site.\n\n\
Вымышленные дела политических заключённых для измерения скорости сборки сайта.\n";

const PRISONERS_TEXT: &str = "Profiles, newest update first.\n";

const DECISIONS_TEXT: &str = "Opinions, views and communications of UN human-rights bodies.\n";

/// A section's `_index.md`. Sorting and pagination keys are Zola's; Hugo
/// paginates in the template and does not know them, so they are left out.
fn section_index(
    flavor: Flavor,
    title: &str,
    sort_and_paginate: Option<(&str, u64)>,
    text: &str,
) -> String {
    let mut front = crate::front_matter::FrontMatter::new();
    front.string("title", title);
    if let Some((sort_by, paginate_by)) = sort_and_paginate.filter(|_| flavor.is_zola()) {
        front
            .string("sort_by", sort_by)
            .integer("paginate_by", paginate_by);
    }
    front.finish(text)
}
