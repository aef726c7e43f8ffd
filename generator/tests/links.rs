//! Relative links: every internal URL in HTML output is relative to its page, so the site works
//! from disk, under a sub path and at any address. Absolute URLs stay only where a standard
//! asks for them: sitemap, feeds, `<link rel="canonical">` and `og:url`.

mod util;

use util::{html_files, TestSite, Tree};

/// Attributes that hold a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "srcset", "action", "poster", "data", "cite"];

/// Every tag of an HTML text, as written (`<a href="…">`).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        out.push(&rest[start..start + len + 1]);
        rest = &rest[start + len + 1..];
    }
    out
}

/// The value of an attribute in one tag, if present (double quotes only).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// (file, tag) pairs where an internal URL is still absolute.
fn absolute_internal_urls(tree: &Tree, base: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (name, html) in html_files(tree) {
        for tag in tags(&html) {
            let canonical = tag.starts_with("<link") && tag.contains("rel=\"canonical\"");
            for attr in URL_ATTRIBUTES {
                let Some(value) = attribute(tag, attr) else {
                    continue;
                };
                let absolute = value.starts_with(base)
                    || (value.starts_with('/') && !value.starts_with("//"))
                    || value.starts_with("https:&#x2F;&#x2F;example.org")
                    || value.starts_with("&#x2F;");
                if absolute && !canonical {
                    found.push((name.clone(), tag.to_string()));
                }
            }
            // A refresh redirect's URL lives in `content`.
            if tag.contains("http-equiv=\"refresh\"") {
                let content = attribute(tag, "content").unwrap_or("");
                if content.contains(base) || content.contains("url=/") {
                    found.push((name.clone(), tag.to_string()));
                }
            }
            // og:url is the one `content` that keeps the absolute address.
            if let Some(content) = attribute(tag, "content") {
                if content.starts_with(base) && !tag.contains("property=\"og:url\"") {
                    found.push((name.clone(), tag.to_string()));
                }
            }
        }
    }
    found
}

/// Resolves a relative URL from a page's file to a file path in the output.
fn resolve(page: &str, url: &str) -> String {
    let url = url.split(['#', '?']).next().unwrap_or("");
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in url.split('/') {
        match segment {
            ".." => {
                assert!(parts.pop().is_some(), "{url} on {page} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn no_internal_url_stays_absolute_in_html() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let tree = site.output_tree();
    assert!(html_files(&tree).count() > 30);
    let found = absolute_internal_urls(&tree, "https://example.org");
    assert!(
        found.is_empty(),
        "absolute internal URLs:\n{}",
        found
            .iter()
            .map(|(file, tag)| format!("{file}: {tag}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The plain-text check from the issue: no href to the site's address or its root.
    for (name, html) in html_files(&tree) {
        for (i, _) in html.match_indices("href=\"https://example.org") {
            let tag_start = html[..i].rfind('<').unwrap();
            assert!(
                html[tag_start..i].contains("rel=\"canonical\""),
                "{name}: absolute href outside canonical: {}",
                &html[tag_start..i + 40]
            );
        }
        assert!(!html.contains("href=\"/"), "{name} has href=\"/…");
        assert!(!html.contains("src=\"/"), "{name} has src=\"/…");
    }
}

#[test]
fn every_relative_link_points_at_a_built_file() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let tree = site.output_tree();
    let mut checked = 0;
    for (name, html) in html_files(&tree) {
        for tag in tags(&html) {
            if tag.contains("rel=\"canonical\"") {
                continue;
            }
            for attr in ["href", "src"] {
                let Some(url) = attribute(tag, attr) else {
                    continue;
                };
                if url.starts_with('#') || url.contains(':') {
                    continue;
                }
                let target = resolve(name, url);
                assert!(
                    tree.contains_key(&target),
                    "{name}: {attr}=\"{url}\" points at {target}, which was not built"
                );
                if !url.contains('.') || url.ends_with('/') {
                    panic!("{name}: folder link {url} does not end in index.html");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 250, "only {checked} links checked");
}

#[test]
fn links_are_relative_to_the_page() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let first = site.output("blog/first/index.html");
    assert!(first.contains(r#"<link rel="stylesheet" href="../../style.css">"#));
    assert!(first.contains(r#"<a id="home" href="../../index.html">"#));
    assert!(first.contains(r#"<a id="blog-link" href="../index.html">"#));
    assert!(first.contains(r#"<a id="about-link" href="../../about-us/index.html">"#));
    // From the site root.
    let index = site.output("index.html");
    assert!(index.contains(r#"<link rel="stylesheet" href="style.css">"#));
    assert!(index.contains(r#"<a id="home" href="index.html">"#));
    // From a pager two levels down.
    let pager = site.output("blog/page/2/index.html");
    assert!(pager.contains(r#"<link rel="stylesheet" href="../../../style.css">"#));
    assert!(pager.contains(r#"<a id="prev" href="../../index.html">"#));
    // Between languages.
    let ru = site.output("ru/blog/first/index.html");
    assert!(ru.contains(r#"<a hreflang="en" href="../../../blog/first/index.html">"#));
    assert!(ru.contains(r#"<a href="../../../blog/custom-slug/index.html">второй пост</a>"#));
    // Root-relative and absolute links written in Markdown.
    let about = site.output("about-us/index.html");
    assert!(about.contains(r#"<a href="../blog/index.html">the blog</a>"#));
    assert!(about.contains(r#"<a href="../style.css">stylesheet</a>"#));
    // 404.html sits at the root.
    assert!(site
        .output("404.html")
        .contains(r#"<a id="back" href="index.html">"#));
}

#[test]
fn canonical_og_url_sitemap_and_feeds_stay_absolute() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let first = site.output("blog/first/index.html");
    assert!(first.contains(r#"<link rel="canonical" href="https://example.org/blog/first/">"#));
    assert!(first.contains(r#"<meta property="og:url" content="https://example.org/blog/first/">"#));
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/blog/first/</loc>"));
    assert!(!sitemap.contains("index.html"));
    let atom = site.output("atom.xml");
    assert!(atom.contains(r#"href="https://example.org/blog/first/""#));
    // Links inside feed content are absolute too: a feed reader has no page to be relative to.
    let rss = site.output("ru/rss.xml");
    assert!(
        rss.contains("href=&quot;https:&#x2F;&#x2F;example.org&#x2F;blog&#x2F;custom-slug&#x2F;"),
        "{rss}"
    );
    assert!(!rss.contains("index.html"));
}

#[test]
fn a_base_url_with_a_sub_path_still_gives_relative_links() {
    let site = TestSite::fixture("basic");
    site.build_with(&["--base-url", "https://mirror.example.net/casebook/"])
        .success();
    let tree = site.output_tree();
    let found = absolute_internal_urls(&tree, "https://mirror.example.net");
    assert!(found.is_empty(), "{found:?}");
    let first = site.output("blog/first/index.html");
    assert!(first.contains(r#"<link rel="stylesheet" href="../../style.css">"#));
    assert!(first.contains(
        r#"<link rel="canonical" href="https://mirror.example.net/casebook/blog/first/">"#
    ));
    assert!(!first.contains("example.org"), "{first}");
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://mirror.example.net/casebook/blog/first/</loc>"));
}

#[test]
fn external_links_are_left_alone() {
    let site = TestSite::fixture("basic");
    site.write(
        "content/links.md",
        "+++\ntitle = \"Links\"\n+++\n[a](https://example.org.evil.net/x) \
         [b](//cdn.example.com/x.js) [c](mailto:someone@example.org) [d](#top) [e](?q=1)\n",
    );
    site.build_ok();
    let html = site.output("links/index.html");
    assert!(
        html.contains(r#"href="https://example.org.evil.net/x""#),
        "{html}"
    );
    assert!(html.contains(r#"href="//cdn.example.com/x.js""#), "{html}");
    assert!(
        html.contains(r#"href="mailto:someone@example.org""#),
        "{html}"
    );
    assert!(html.contains(r##"href="#top""##), "{html}");
    assert!(html.contains(r#"href="?q=1""#), "{html}");
}
