//! Building the `basic` fixture: where files go, what pages contain, the template context,
//! functions and filters, and Zola's built-in outputs.

mod util;

use util::{element, hrefs, unescape, TestSite};

fn built() -> TestSite {
    let site = TestSite::fixture("basic");
    site.build_ok();
    site
}

#[test]
fn writes_every_page_section_and_builtin_file() {
    let site = built();
    for file in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "atom.xml",
        "rss.xml",
        "style.css",
        "theme.css",
        "about-us/index.html",
        "blog/index.html",
        "blog/page/2/index.html",
        "blog/first/index.html",
        "blog/custom-slug/index.html",
        "blog/third/index.html",
        "blog/third/photo.png",
        "blog/third/notes.txt",
        "blog/archive/index.html",
        "blog/archive/old/index.html",
        "docs/index.html",
        "docs/a/index.html",
        "people/index.html",
        "people/list/2/index.html",
        "hidden/visible/index.html",
        "legacy/index.html",
        "old/second/index.html",
        "tags/index.html",
        "tags/rust/index.html",
        "tags/zola/index.html",
        "status/open/index.html",
        "status/open/p/2/index.html",
        "ru/index.html",
        "ru/blog/index.html",
        "ru/blog/first/index.html",
        "ru/blog/third/index.html",
        "ru/blog/third/photo.png",
        "ru/tags/rust/index.html",
        "ru/atom.xml",
        "ru/rss.xml",
    ] {
        assert!(site.output_exists(file), "{file} was not built");
    }
    // Drafts, sections with render = false and the data folder are not written.
    for file in [
        "blog/draft-post/index.html",
        "hidden/index.html",
        "data/people.json",
        "blog/second/index.html",
    ] {
        assert!(!site.output_exists(file), "{file} should not be built");
    }
}

#[test]
fn summary_line_counts_pages_and_sections() {
    let site = TestSite::fixture("basic");
    let run = site.build_ok();
    let summary = run.summary_line();
    assert!(
        summary.starts_with("Built 16 pages and 8 sections ("),
        "summary: {summary}"
    );
    assert!(
        summary.contains("public"),
        "summary names the output: {summary}"
    );
}

#[test]
fn page_variables_reach_the_template() {
    let site = built();
    let html = site.output("blog/first/index.html");
    assert_eq!(element(&html, "h1", "page-title"), "First post");
    assert_eq!(
        unescape(&element(&html, "p", "meta")),
        "slug=first path=/blog/first/ lang=en date=2021-01-10 updated=2021-03-01 weight=5 \
         extra=An extra value"
    );
    assert!(html.contains("<title>First post</title>"));
    assert!(html.contains("<html lang=\"en\">"));
    assert_eq!(element(&html, "p", "site-title"), "Casebook test");
    assert_eq!(
        unescape(&element(&html, "p", "current-path")),
        "/blog/first/"
    );
    assert_eq!(
        unescape(&element(&html, "p", "current-url")),
        "https://example.org/blog/first/"
    );
}

#[test]
fn slug_path_and_bundles_decide_the_address() {
    let site = built();
    let second = site.output("blog/custom-slug/index.html");
    assert!(unescape(&second).contains("slug=custom-slug path=/blog/custom-slug/"));
    let about = site.output("about-us/index.html");
    assert_eq!(
        unescape(&element(&about, "p", "current-path")),
        "/about-us/"
    );
    let third = site.output("blog/third/index.html");
    assert!(unescape(&third).contains("slug=third path=/blog/third/"));
}

#[test]
fn colocated_assets_are_copied_and_listed() {
    let site = built();
    assert_eq!(
        std::fs::read(site.public().join("blog/third/photo.png")).unwrap(),
        std::fs::read(site.path("content/blog/third/photo.png")).unwrap()
    );
    let html = site.output("blog/third/index.html");
    assert!(
        html.contains(r#"<img src="photo.png" alt="A photo""#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a class="asset" href="notes.txt">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<a class="asset" href="photo.png">"#),
        "{html}"
    );
    // A translation of the bundle gets its own copy, so its relative links work too.
    assert_eq!(
        std::fs::read(site.public().join("ru/blog/third/photo.png")).unwrap(),
        std::fs::read(site.path("content/blog/third/photo.png")).unwrap()
    );
    let ru = site.output("ru/blog/third/index.html");
    assert!(ru.contains(r#"<img src="photo.png" alt="Фото""#), "{ru}");
    assert!(ru.contains(r#"<a class="asset" href="photo.png">"#), "{ru}");
}

#[test]
fn headings_get_ids_anchor_links_and_a_table_of_contents() {
    let site = built();
    let html = site.output("blog/first/index.html");
    let content = element(&html, "main", "content");
    // Duplicate headings get -1, as in Zola; the blog section asks for anchors on the right.
    assert!(content.contains(
        r##"<h2 id="background">Background<a class="zola-anchor" href="#background" aria-label="Anchor link for: background">#</a></h2>"##
    ), "{content}");
    assert!(content.contains(r#"<h2 id="background-1">"#), "{content}");
    assert!(content.contains(r#"<h3 id="deeper-level">"#), "{content}");
    // The toc nests h3 under h2; its permalinks become links within the page.
    assert_eq!(
        element(&html, "nav", "toc"),
        r##"<a href="index.html#background">Background</a><a class="sub" href="index.html#deeper-level">Deeper level</a><a href="index.html#background-1">Background</a>"##
    );
    // Outside the blog no anchors are inserted.
    let about = site.output("about-us/index.html");
    assert!(about.contains(r#"<h1 id="about-this-site">About this site</h1>"#));
    // Cyrillic headings get transliterated ids.
    let ru = site.output("ru/blog/first/index.html");
    assert!(
        ru.contains(r#"<h2 id="predystoriia">Предыстория</h2>"#),
        "{ru}"
    );
}

#[test]
fn more_marker_cuts_the_summary() {
    let site = built();
    let html = site.output("blog/first/index.html");
    let summary = element(&html, "div", "summary");
    assert!(summary.contains("The summary links to"), "{summary}");
    assert!(!summary.contains("Background"), "{summary}");
    let content = element(&html, "main", "content");
    assert!(content.contains("<span id=\"continue-reading\"></span>"));
    assert!(!content.contains("more -->"));
    // A page without the marker has no summary.
    let second = site.output("blog/custom-slug/index.html");
    assert!(!second.contains("id=\"summary\""));
}

#[test]
fn at_links_resolve_with_and_without_anchor() {
    let site = built();
    let html = site.output("blog/first/index.html");
    let content = element(&html, "main", "content");
    assert!(content.contains(r#"<a href="../custom-slug/index.html">the second post</a>"#));
    assert!(content.contains(r#"<a href="../custom-slug/index.html#details">its details</a>"#));
    // In a section body too, and to sections.
    let index = site.output("index.html");
    assert!(index.contains(r#"<a href="blog/first/index.html">the first post</a>"#));
    let about = site.output("about-us/index.html");
    assert!(about.contains(r#"<a href="../index.html">Home</a>"#));
    assert!(about.contains(r#"<a href="../docs/index.html">docs</a>"#));
    // From a translation, a link prefers the page in the same language.
    let ru_index = site.output("ru/index.html");
    assert!(
        ru_index.contains(r#"<a href="blog/first/index.html">первый пост</a>"#),
        "{ru_index}"
    );
}

#[test]
fn shortcodes_inline_with_body_and_markdown() {
    let site = built();
    let content = element(&site.output("blog/first/index.html"), "main", "content");
    assert!(content.contains(r#"<div class="note" data-kind="info">noted</div>"#));
    assert!(content.contains(
        r#"<blockquote class="quote"><p>Quoted body text</p><cite>A witness</cite></blockquote>"#
    ));
    // A .md shortcode is Markdown, rendered with the page; nth counts calls.
    assert!(content.contains("<p><strong>Hello World</strong> (call 1)</p>"));
    assert!(!content.contains("{{"), "{content}");
    assert!(!content.contains("{%"), "{content}");
}

#[test]
fn raw_html_in_markdown_is_sanitized() {
    let site = built();
    let content = element(&site.output("blog/first/index.html"), "main", "content");
    for banned in [
        "<script",
        "alert(",
        "onclick",
        "steal()",
        "<iframe",
        "evil.example",
        "<object",
        "<embed",
        "movie",
        "javascript:",
        "data:",
    ] {
        assert!(!content.contains(banned), "{banned} survived:\n{content}");
    }
    // What is harmless stays.
    assert!(
        content.contains(r#"<p class="raw">Click me</p>"#),
        "{content}"
    );
    assert!(
        content.contains(r#"<a id="js-link">js link</a>"#),
        "{content}"
    );
    assert!(content.contains(r#"<img alt="inline data">"#), "{content}");
    // The feeds carry the same cleaned HTML.
    let atom = site.output("atom.xml");
    assert!(!atom.contains("&lt;script"), "{atom}");
}

#[test]
fn sanitizer_refuses_common_script_vectors() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/xss.md",
        r#"+++
title = "Vectors"
+++
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](data:text/html;base64,PHNjcmlwdD4=)

<img src="x.png" onerror="alert(3)">
<a href="&#106;avascript:alert(4)">e</a>
<svg onload="alert(5)"><script>alert(6)</script></svg>
<style>body { display: none }</style>
<form action="https://evil.example/"><input type="text" name="q"></form>
<base href="https://evil.example/">
<meta http-equiv="refresh" content="0; url=https://evil.example/">
<div style="background:url(javascript:alert(7))">styled</div>
<a href=" javascript:alert(8)">f</a>
<iframe srcdoc="<script>alert(9)</script>"></iframe>
<details open ontoggle="alert(10)">g</details>
"#,
    );
    site.build_ok();
    let content = element(&site.output("xss/index.html"), "main", "content");
    for banned in [
        "alert",
        "javascript",
        "data:",
        "evil",
        "<script",
        "<style",
        "<svg",
        "<form",
        "<base",
        "<meta",
        "<iframe",
        "onerror",
        "onload",
        "ontoggle",
        "style=",
    ] {
        assert!(
            !content.to_ascii_lowercase().contains(banned),
            "{banned} survived:\n{content}"
        );
    }
    assert!(content.contains(r#"<img src="x.png">"#), "{content}");
    assert!(content.contains("<div>styled</div>"), "{content}");
}

#[test]
fn external_links_get_target_and_rel() {
    let site = built();
    let content = element(&site.output("blog/first/index.html"), "main", "content");
    assert!(content.contains(
        r#"<a href="https://other.example.net/page" target="_blank" rel="noopener">external link</a>"#
    ), "{content}");
    // Internal links do not.
    assert!(content.contains(r#"<a href="../custom-slug/index.html">"#));
}

#[test]
fn sections_sort_by_date_weight_and_title() {
    let site = built();
    // By date, newest first; the transparent archive's page is part of the blog.
    let blog = site.output("blog/index.html");
    assert!(blog.contains(
        r#"<ol id="pages"><li><a href="third/index.html">Third post</a></li><li><a href="custom-slug/index.html">Second post</a></li></ol>"#
    ), "{blog}");
    let page2 = site.output("blog/page/2/index.html");
    assert!(page2.contains(
        r#"<ol id="pages"><li><a href="../../first/index.html">First post</a></li><li><a href="../../archive/old/index.html">Old post</a></li></ol>"#
    ), "{page2}");
    // By weight, lightest first, pages without a weight last.
    let docs = site.output("docs/index.html");
    let titles: Vec<&str> = ["Doc B", "Doc C", "Doc A", "Doc D"]
        .into_iter()
        .filter(|t| docs.contains(t))
        .collect();
    assert_eq!(titles.len(), 4, "{docs}");
    let positions: Vec<usize> = titles.iter().map(|t| docs.find(t).unwrap()).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{docs}");
    // By title: case-insensitive and natural ("Case 2" before "Case 10"), paginated by 3.
    let people = site.output("people/index.html");
    assert!(people.contains(
        r#"<ol id="pages"><li><a href="alpha/index.html">alpha</a></li><li><a href="case-2/index.html">Case 2</a></li><li><a href="case-10/index.html">Case 10</a></li></ol>"#
    ), "{people}");
    let people2 = site.output("people/list/2/index.html");
    assert!(
        people2.contains(r#"<a href="../../zed/index.html">Zed</a>"#),
        "{people2}"
    );
}

#[test]
fn pagination_writes_pagers_and_links_them() {
    let site = built();
    let first = site.output("blog/index.html");
    assert_eq!(element(&first, "p", "pager"), "page 1 of 2");
    assert!(first.contains(r#"<a id="next" href="page/2/index.html">next</a>"#));
    assert!(!first.contains(r#"id="prev""#));
    let second = site.output("blog/page/2/index.html");
    assert_eq!(element(&second, "p", "pager"), "page 2 of 2");
    assert!(second.contains(r#"<a id="prev" href="../../index.html">previous</a>"#));
    assert!(second.contains(r#"<a id="first" href="../../index.html">first</a>"#));
    assert!(!second.contains(r#"id="next""#));
    // page/1/ redirects to the section, as in Zola.
    let redirect = site.output("blog/page/1/index.html");
    assert!(redirect.contains(r#"<meta http-equiv="refresh" content="0; url=../../index.html">"#));
    assert!(!site.output_exists("blog/page/3/index.html"));
}

#[test]
fn page_neighbours_follow_section_order() {
    let site = built();
    let second = site.output("blog/custom-slug/index.html");
    assert!(second.contains(r#"<a id="lower" href="../first/index.html">First post</a>"#));
    assert!(second.contains(r#"<a id="higher" href="../third/index.html">Third post</a>"#));
}

#[test]
fn section_context_lists_subsections_and_translations() {
    let site = built();
    let blog = site.output("blog/index.html");
    assert_eq!(element(&blog, "h1", "section-title"), "Blog");
    assert_eq!(
        element(&blog, "div", "section-content").trim(),
        "<p>All the posts.</p>"
    );
    assert_eq!(
        element(&blog, "ul", "subsections"),
        r#"<li><a href="archive/index.html">Archive</a></li>"#
    );
    assert_eq!(
        element(&blog, "ul", "translations"),
        r#"<li><a hreflang="en" href="index.html">en</a></li><li><a hreflang="ru" href="../ru/blog/index.html">ru</a></li>"#
    );
}

#[test]
fn redirect_to_and_aliases_write_redirect_pages() {
    let site = built();
    let legacy = site.output("legacy/index.html");
    assert!(legacy.contains(r#"<meta http-equiv="refresh" content="0; url=../blog/index.html">"#));
    assert!(legacy.contains(r#"<link rel="canonical" href="https://example.org/blog/">"#));
    let alias = site.output("old/second/index.html");
    assert!(alias.contains(
        r#"<meta http-equiv="refresh" content="0; url=../../blog/custom-slug/index.html">"#
    ));
    assert!(alias.contains(r#"<a href="../../blog/custom-slug/index.html">"#));
}

#[test]
fn render_false_skips_the_section_but_not_its_pages() {
    let site = built();
    assert!(!site.output_exists("hidden/index.html"));
    let page = site.output("hidden/visible/index.html");
    assert!(page.contains("Still rendered."));
}

#[test]
fn template_and_page_template_choose_the_template() {
    let site = built();
    let about = site.output("about-us/index.html");
    assert_eq!(
        element(&about, "h1", "about-title"),
        "ABOUT TEMPLATE: About"
    );
    for doc in ["a", "b", "c", "d"] {
        let html = site.output(&format!("docs/{doc}/index.html"));
        assert!(html.contains("DOC TEMPLATE: Doc "), "docs/{doc}: {html}");
    }
    // Blog pages use page.html.
    assert!(!site.output("blog/first/index.html").contains("TEMPLATE"));
}

#[test]
fn site_templates_override_the_theme_and_theme_fills_the_rest() {
    let site = built();
    let page = site.output("blog/first/index.html");
    assert!(!page.contains("THEME PAGE TEMPLATE"), "{page}");
    assert!(page.contains(r#"<footer id="footer">THEME FOOTER</footer>"#));
    // The theme's 404.html replaces the built-in one.
    let not_found = site.output("404.html");
    assert!(not_found.contains(r#"<h1 id="not-found">THEME 404</h1>"#));
    assert!(not_found.contains(r#"<a id="back" href="index.html">"#));
    assert_eq!(site.output("theme.css"), "nav { margin: 0; }\n");
    assert_eq!(site.output("style.css"), "body { color: black; }\n");
}

#[test]
fn builtin_404_is_used_without_a_theme() {
    let site = TestSite::fixture("basic");
    site.replace("config.toml", "theme = \"simple\"\n", "");
    site.write(
        "templates/footer.html",
        "<footer id=\"footer\">SITE FOOTER</footer>\n",
    );
    site.build_ok();
    let not_found = site.output("404.html");
    assert!(not_found.contains("<h1>404 Not Found</h1>"), "{not_found}");
    assert!(not_found.contains(r#"<a href="index.html">Casebook test</a>"#));
    assert!(!site.output_exists("theme.css"));
}

#[test]
fn translations_get_their_own_pages_config_and_strings() {
    let site = built();
    let ru = site.output("ru/blog/first/index.html");
    assert!(ru.contains("<html lang=\"ru\">"));
    assert_eq!(element(&ru, "h1", "page-title"), "Первый пост");
    // config.title is the language's title; trans() the language's string.
    assert_eq!(element(&ru, "p", "site-title"), "Тестовый сайт");
    assert!(ru.contains(r#"<a id="home" href="../../index.html">Главная</a>"#));
    assert_eq!(
        element(&ru, "ul", "translations"),
        r#"<li><a hreflang="en" href="../../../blog/first/index.html">en</a></li><li><a hreflang="ru" href="index.html">ru</a></li>"#
    );
    let ru_index = site.output("ru/index.html");
    assert_eq!(element(&ru_index, "p", "hello"), "Привет");
    assert_eq!(element(&ru_index, "p", "get-page"), "Первый пост");
    let en_index = site.output("index.html");
    assert_eq!(element(&en_index, "p", "hello"), "Hello");
    assert_eq!(element(&en_index, "p", "get-page"), "First post");
}

#[test]
fn taxonomies_list_terms_and_their_pages_per_language() {
    let site = built();
    let tags = site.output("tags/index.html");
    assert_eq!(element(&tags, "h1", "taxonomy"), "tags");
    // "Rust" and "rust" are one term.
    assert_eq!(
        element(&tags, "ul", "terms"),
        r#"<li><a href="rust/index.html">Rust</a> (2)</li><li><a href="zola/index.html">Zola</a> (1)</li>"#
    );
    let rust = site.output("tags/rust/index.html");
    assert_eq!(element(&rust, "h1", "term"), "tags: Rust");
    assert_eq!(
        hrefs(&element(&rust, "ul", "pages")),
        [
            "../../blog/custom-slug/index.html",
            "../../blog/first/index.html"
        ]
    );
    let ru_tags = site.output("ru/tags/index.html");
    assert_eq!(
        element(&ru_tags, "ul", "terms"),
        r#"<li><a href="rust/index.html">Rust</a> (1)</li>"#
    );
    // Page templates link to terms of their own language.
    let ru_page = site.output("ru/blog/first/index.html");
    assert_eq!(
        element(&ru_page, "ul", "tags"),
        r#"<li><a href="../../tags/rust/index.html">Rust</a></li>"#
    );
    // Russian has no `status` taxonomy.
    assert!(!site.output_exists("ru/status/index.html"));
}

#[test]
fn taxonomy_pagination_and_feeds() {
    let site = built();
    let open = site.output("status/open/index.html");
    assert_eq!(element(&open, "p", "pager"), "page 1 of 2");
    assert!(
        open.contains(r#"<a id="next" href="p/2/index.html">next</a>"#),
        "{open}"
    );
    let open2 = site.output("status/open/p/2/index.html");
    assert_eq!(
        hrefs(&element(&open2, "ul", "pages")),
        ["../../../../blog/first/index.html"]
    );
    // `feed = true` on tags: a feed per term, with the term's pages only.
    let feed = site.output("tags/zola/atom.xml");
    assert!(feed.contains("<id>https://example.org/tags/zola/atom.xml</id>"));
    assert_eq!(feed.matches("<entry").count(), 1, "{feed}");
    assert!(feed.contains("<title>First post</title>"));
    assert!(site.output_exists("tags/rust/rss.xml"));
    assert!(!site.output_exists("status/open/atom.xml"));
}

#[test]
fn template_functions() {
    let site = built();
    let index = site.output("index.html");
    // get_section with its pages, in section order (the draft is not there).
    assert_eq!(
        element(&index, "ul", "recent"),
        "<li>Third post</li><li>Second post</li><li>First post</li><li>Old post</li>"
    );
    assert_eq!(element(&index, "p", "get-page"), "First post");
    assert_eq!(element(&index, "p", "hello"), "Hello");
    assert_eq!(element(&index, "p", "motto"), "Every case counts");
    // load_data: JSON, TOML and CSV from the site folder.
    assert_eq!(element(&index, "p", "json"), "Ann;Bob;");
    assert_eq!(element(&index, "p", "toml"), "from toml");
    assert_eq!(element(&index, "p", "csv"), "name,year|Ann,2020;Bob,2021;");
    // get_hash of a static file and of a literal (sha256, hex).
    use sha2::Digest;
    let style = std::fs::read(site.path("static/style.css")).unwrap();
    let expected: String = sha2::Sha256::digest(&style)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(element(&index, "p", "hash"), expected);
    assert_eq!(
        element(&index, "p", "hash-literal"),
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    );
    // Taxonomy functions.
    assert_eq!(
        element(&index, "ul", "tag-list"),
        "<li>Rust=2</li><li>Zola=1</li>"
    );
    assert_eq!(element(&index, "p", "term"), "Rust:2");
    assert!(index.contains(r#"<a id="tag-url" href="tags/rust/index.html">"#));
    // get_url with @/ and with a language.
    assert!(index.contains(r#"<a id="blog-link" href="blog/index.html">"#));
    let ru = site.output("ru/index.html");
    assert!(ru.contains(r#"<a id="blog-link" href="blog/index.html">"#));
    assert!(ru.contains(r#"<a id="tag-url" href="tags/rust/index.html">"#));
    assert_eq!(element(&ru, "p", "term"), "Rust:1");
}

#[test]
fn template_filters() {
    let site = built();
    let index = site.output("index.html");
    assert_eq!(element(&index, "p", "num"), "1,234,567");
    assert_eq!(element(&index, "p", "num-ru"), "1\u{a0}234\u{a0}567");
    assert_eq!(element(&index, "p", "date-ru"), "4 февраля 2021");
    // Maps keep the order they were written in (Tera's and toml's preserve_order, as in Zola).
    assert_eq!(element(&index, "p", "map-order"), "zh en kk ");
    assert_eq!(element(&index, "p", "regex"), "a+b+c");
    assert_eq!(element(&index, "p", "b64"), "aGVsbG8= hello");
    // The markdown filter renders and sanitizes.
    assert_eq!(element(&index, "div", "md").trim(), "<em>emph</em>");
}

#[test]
fn feeds_per_language_use_absolute_links_and_content_dates() {
    let site = built();
    let atom = site.output("atom.xml");
    assert!(atom.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">"#));
    assert!(atom.contains("<updated>2021-03-05T00:00:00+00:00</updated>"));
    let entries: Vec<&str> = atom
        .match_indices("<title>")
        .map(|(i, _)| {
            let rest = &atom[i + 7..];
            &rest[..rest.find('<').unwrap()]
        })
        .collect();
    assert_eq!(
        entries,
        [
            "Casebook test",
            "Third post",
            "Second post",
            "First post",
            "Old post"
        ]
    );
    assert!(atom.contains(
        r#"<link rel="alternate" type="text/html" href="https://example.org/blog/first/"/>"#
    ));
    // A page with <!-- more --> is summarised.
    assert!(atom.contains("<summary type=\"html\">"));
    assert!(!atom.contains("Первый"));
    let rss = site.output("rss.xml");
    assert!(rss.contains("<link>https://example.org/blog/custom-slug/</link>"));
    assert!(rss.contains("<lastBuildDate>Fri, 05 Mar 2021 00:00:00 +0000</lastBuildDate>"));
    let ru = site.output("ru/atom.xml");
    assert!(ru.contains("<title>Первый пост</title>"), "{ru}");
    assert!(ru.contains("<title>Тестовый сайт</title>"), "{ru}");
    assert!(!ru.contains("Second post"));
    assert!(ru.contains("<id>https://example.org/ru/atom.xml</id>"));
}

#[test]
fn sitemap_lists_every_rendered_address() {
    let site = built();
    insta::assert_snapshot!("sitemap", site.output("sitemap.xml"));
}

#[test]
fn robots_txt_points_at_the_sitemap() {
    let site = built();
    assert_eq!(
        site.output("robots.txt"),
        "User-agent: *\nDisallow:\nAllow: /\nSitemap: https://example.org/sitemap.xml\n"
    );
}

#[test]
fn rendered_markdown_of_a_page() {
    let site = built();
    let content = element(&site.output("blog/first/index.html"), "main", "content");
    insta::assert_snapshot!("first_post_content", content);
}

#[test]
fn zola_toml_is_read_and_zola_only_keys_warn() {
    let site = TestSite::fixture("basic");
    let config = site.read("config.toml");
    site.remove("config.toml");
    let config = config.replace("[markdown]\n", "[markdown]\nhighlight_code = true\n");
    site.write(
        "zola.toml",
        format!("compile_sass = true\n{config}\n[link_checker]\nskip_prefixes = []\n"),
    );
    let run = site.build_ok();
    assert!(run.stderr.contains(
        "warning: zola.toml:1:1: `compile_sass` is a Zola setting that casebook does not implement"
    ), "{}", run.stderr);
    assert!(run.stderr.contains("`link_checker`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("`markdown.highlight_code`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    assert!(site.output_exists("blog/first/index.html"));
}

#[test]
fn minify_html_minifies_pages() {
    let site = TestSite::fixture("basic");
    let plain = {
        site.build_ok();
        site.output("blog/first/index.html")
    };
    site.replace(
        "config.toml",
        "generate_feeds = true\n",
        "generate_feeds = true\nminify_html = true\n",
    );
    site.build_ok();
    let minified = site.output("blog/first/index.html");
    assert!(minified.len() < plain.len(), "{minified}");
    assert!(plain.lines().count() > 30);
    assert!(!minified.trim_end().contains('\n'), "{minified}");
    assert!(
        minified.contains("<p id=site-title>Casebook test</p>"),
        "{minified}"
    );
    assert!(minified.starts_with("<!doctype html>"), "{minified}");
    // Still the same page, with relative links.
    assert!(minified.contains("First post"));
    assert!(minified.contains("href=../../style.css"), "{minified}");
    assert!(
        minified.contains("href=../custom-slug/index.html#details"),
        "{minified}"
    );
}
