//! Bad input never panics: whatever text reaches the stages that read what volunteers write
//! (front matter splitting and parsing, shortcodes, Markdown, the link rewriter and minifier),
//! each returns output or an error value.
//!
//! Inputs are random strings, strings built from the tokens these stages look for, cuts of the
//! real case files at any character, and deep nesting. Runs are deterministic (a fixed seed, no
//! failure files written); a failure prints the smallest input found.

use std::sync::OnceLock;

use casebook::config::Config;
use casebook::diagnostics::SourceFile;
use casebook::front_matter::{self, AnchorLinks, PageFrontMatter, SectionFrontMatter};
use casebook::load::{split_front_matter, MarkdownFile};
use casebook::markdown::{LinkResolver, MarkdownRenderer, ShortcodeOutput, ShortcodeRenderer};
use casebook::output::{finish_html, links::relativize};
use casebook::shortcodes::{self, Call, Piece};
use proptest::prelude::*;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};

/// What the lookups of the stages react to.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "+++", "+++\n", "---\n", "\u{feff}", "\r\n", "\n", "\n\n", " ", "\t", "\0",
    "{{", "}}", "{%", "%}", "{{/*", "*/}}", "{%/*", "*/%}", "{% end %}", "note(", "quote()",
    "a=", "=", ",", "(", ")", "[", "]", "\"", "'", "`", "```\n",
    "<!--", "-->", "<!-->", "<!-- more -->", ">", "> ", "- ", "1. ", "*", "_", "#", "## ",
    "{#id}", "|", "![", "](", "@/", "@/blog/first.md", "#top",
    "<a href=", "<a href=\"/a/\">", "</a>", "<div>", "</div>", "<p>", "<li>", "<svg>", "/>",
    "<script>", "</script", "<meta http-equiv=refresh content=\"0;url=/x/\">", "srcset=",
    "&", "&amp;", "&#x2F;", "&#99999999;", "&#x110000;", "https://example.org", "/", "..",
    "url=", "ә", "ү", "Қ", "🙂", "👩‍⚖️", "\u{301}",
];

/// Markup that nests once per repetition, after an opening that lets it.
const NESTING: &[(&str, &str)] = &[
    ("", ">"),
    ("", "> "),
    ("", "- "),
    ("", "1. "),
    ("", "*"),
    ("", "_"),
    ("", "!["),
    ("", "["),
    ("", "<div>"),
    ("", "<b>"),
    ("", "<span>"),
    ("", "<p>"),
    ("", "<li>"),
    ("", "<!--"),
    ("<svg>", "<g>"),
    ("{{ a(b=", "["),
    ("{% a(b=", "["),
];

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x6361_7365_626f_6f6b),
        ..ProptestConfig::default()
    }
}

fn tricky() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..40).prop_map(|t| t.concat())
}

fn deep() -> impl Strategy<Value = String> {
    (
        prop::sample::select(NESTING),
        prop_oneof![1usize..300, 300usize..25_000],
        tricky(),
    )
        .prop_map(|((opening, token), n, tail)| format!("{opening}{}{tail}", token.repeat(n)))
}

/// The case files of the site, as written.
fn real_files() -> &'static [String] {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let content = concat!(env!("CARGO_MANIFEST_DIR"), "/../content");
        let mut files: Vec<String> = walk(std::path::Path::new(content))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        files.sort();
        assert!(files.len() > 10, "the case files are missing");
        files
    })
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// A real file cut at a character boundary, sometimes with tokens spliced in at the cut.
fn cut_real_file() -> impl Strategy<Value = String> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        tricky(),
    )
        .prop_map(|(file, cut, tail)| {
            let files = real_files();
            let text = &files[file.index(files.len())];
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            format!("{}{tail}", &text[..boundaries[cut.index(boundaries.len())]])
        })
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), tricky(), cut_real_file(), deep()]
}

struct SomeLinks;

impl LinkResolver for SomeLinks {
    fn resolve(&self, file: &str, _lang: &str) -> Option<String> {
        file.starts_with("blog")
            .then(|| format!("https://example.org/{file}/"))
    }
}

/// Answers in each way a template can: HTML, Markdown (the body, which may hold anything),
/// unknown name, failure.
struct SomeShortcodes;

impl ShortcodeRenderer for SomeShortcodes {
    fn render(
        &self,
        call: &Call,
        nth: usize,
        _lang: &str,
    ) -> Result<Option<ShortcodeOutput>, String> {
        Ok(Some(match nth % 4 {
            0 => ShortcodeOutput::Html(format!("<div class=\"{}\">", call.name)),
            1 => ShortcodeOutput::Markdown(call.body.clone().unwrap_or_else(|| "> ә\n".into())),
            2 => return Ok(None),
            _ => return Err("failed".into()),
        }))
    }
}

fn renderer() -> &'static MarkdownRenderer {
    static RENDERER: OnceLock<MarkdownRenderer> = OnceLock::new();
    RENDERER.get_or_init(|| {
        let mut config = Config {
            base_url: "https://example.org".into(),
            ..Config::default()
        };
        config.markdown.external_links_target_blank = true;
        config.markdown.smart_punctuation = true;
        MarkdownRenderer::new(&config)
    })
}

/// A file as the loader makes it: the front matter split off, or the whole text as the body
/// when there is none (the loader would refuse that file; the renderer must not care).
fn markdown_file(text: String) -> MarkdownFile {
    let (front_matter, body_start) = split_front_matter(&text).unwrap_or((0..0, 0));
    MarkdownFile {
        relative: "blog/x.md".into(),
        source: SourceFile::new("content/blog/x.md", text),
        front_matter,
        body_start,
    }
}

fn check_front_matter(text: &str) {
    if let Ok((front_matter, body_start)) = split_front_matter(text) {
        assert!(text.get(front_matter.clone()).is_some(), "{front_matter:?}");
        assert!(text.get(body_start..).is_some(), "{body_start}");
        assert!(front_matter.end <= body_start);
    }
}

fn check_shortcodes(text: &str) {
    match shortcodes::split(text) {
        Ok(pieces) => {
            for piece in pieces {
                if let Piece::Call(call) = piece {
                    assert!(text.get(call.range.clone()).is_some(), "{:?}", call.range);
                }
            }
        }
        Err(e) => assert!(e.offset <= text.len()),
    }
}

fn check_markdown(text: String) {
    let file = markdown_file(text);
    for d in [
        front_matter::parse::<PageFrontMatter>(&file).err(),
        front_matter::parse::<SectionFrontMatter>(&file).err(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = d.to_string();
    }
    let (rendered, diags) = renderer().render_page(
        &file,
        "en",
        "https://example.org/blog/x/",
        AnchorLinks::Left,
        &SomeLinks,
        &SomeShortcodes,
    );
    for d in &diags {
        if let Some(span) = &d.span {
            assert!(file.source.text().get(span.clone()).is_some(), "{d}");
        }
        let _ = d.to_string();
    }
    check_html(&rendered.content, "/blog/x/");
}

fn check_html(html: &str, page_path: &str) {
    let _ = relativize(html, page_path, "https://example.org");
    for minify_html in [false, true] {
        let config = Config {
            base_url: "https://example.org/".into(),
            minify_html,
            ..Config::default()
        };
        let _ = finish_html(html, page_path, &config);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn front_matter_splitter(text in any_text()) {
        check_front_matter(&text);
    }

    #[test]
    fn shortcode_parser(text in any_text()) {
        check_shortcodes(&text);
    }

    #[test]
    fn markdown(text in any_text()) {
        check_markdown(text);
    }

    #[test]
    fn front_matter_then_markdown(front in tricky(), body in any_text()) {
        check_markdown(format!("+++\n{front}\n+++\n{body}"));
    }

    #[test]
    fn links_and_minifier(html in any_text(), page in tricky()) {
        check_html(&html, &page);
        check_html(&html, "/a/b/");
    }
}

/// Every cut of the largest case file through the cheap stages, as the generators above only
/// sample cuts.
#[test]
fn every_cut_of_a_real_file() {
    let text = real_files()
        .iter()
        .max_by_key(|t| t.len())
        .expect("case files");
    for (i, _) in text.char_indices() {
        check_front_matter(&text[..i]);
        check_shortcodes(&text[..i]);
    }
}
