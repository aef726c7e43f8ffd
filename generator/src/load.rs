//! Reading the site's files from disk, safely.
//!
//! This is the only stage that touches `content/`, `templates/` and `static/`. It refuses what
//! could make a build unsafe or non-deterministic: symlinks that lead outside the site root,
//! invalid UTF-8 and binary data in Markdown, unterminated front matter. Directory listings are
//! sorted, so everything after this stage sees files in one fixed order.

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile};

/// A Markdown file from `content/`, split into front matter and body.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// Path relative to `content/`, with `/` separators: `prisoners/bokayev.ru.md`.
    pub relative: String,
    /// The whole file, with the name shown in messages (`content/prisoners/bokayev.ru.md`).
    pub source: SourceFile,
    /// Byte range of the TOML between the `+++` lines.
    pub front_matter: std::ops::Range<usize>,
    /// Byte offset where the body starts.
    pub body_start: usize,
}

impl MarkdownFile {
    /// The TOML between the `+++` lines.
    pub fn front_matter_text(&self) -> Cow<'_, str> {
        slice(self.source.text(), self.front_matter.clone())
    }

    /// Everything after the front matter.
    pub fn body(&self) -> Cow<'_, str> {
        let text = self.source.text();
        let end = text.len();
        slice(text, self.body_start..end)
    }

    /// A span inside the front matter (as toml reports it) as a span of the whole file, where
    /// messages point.
    pub fn in_file(&self, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
        span.start + self.front_matter.start..span.end + self.front_matter.start
    }

    /// Line number (1-based) of the first body line.
    pub fn body_line(&self) -> usize {
        self.source.line_col(self.body_start).0
    }

    /// The same file with its text held compressed, as parsed files keep it.
    pub fn compressed(mut self) -> MarkdownFile {
        self.source = self.source.compressed();
        self
    }
}

/// A part of a text that may be borrowed or owned. The ranges come from splitting the same text
/// ([`split_front_matter`]), so they lie on character boundaries; `get` keeps a wrong one from
/// panicking.
fn slice(text: Cow<'_, str>, range: std::ops::Range<usize>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.get(range).unwrap_or_default()),
        Cow::Owned(t) => Cow::Owned(t.get(range).unwrap_or_default().to_string()),
    }
}

/// A file copied to the output as it is (co-located assets, `static/`).
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Output path relative to the output root, with `/` separators.
    pub relative: String,
    pub absolute: PathBuf,
}

/// A template file, named as Tera will know it (`page.html`, `shortcodes/note.html`).
#[derive(Debug, Clone)]
pub struct TemplateFile {
    pub name: String,
    pub source: SourceFile,
}

/// Everything read from disk for one build.
#[derive(Debug, Default)]
pub struct LoadedSite {
    pub markdown: Vec<MarkdownFile>,
    pub content_assets: Vec<AssetFile>,
    pub static_files: Vec<AssetFile>,
    /// Theme templates first, then the site's, so the site's override by name.
    pub templates: Vec<TemplateFile>,
}

/// Reads `content/`, the templates and static files of the site and its theme.
pub fn load(root: &Path, theme: Option<&str>) -> (LoadedSite, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut site = LoadedSite::default();
    let canonical_root = match root.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            diags.push(Diagnostic::error(format!(
                "cannot open site root {}: {e}",
                root.display()
            )));
            return (site, diags);
        }
    };

    let content_dir = root.join("content");
    for file in walk(&content_dir, &canonical_root, root, &mut diags) {
        let rel = relative_slash(&file, &content_dir);
        if rel.ends_with(".md") {
            if let Some(md) = read_markdown(&file, root, rel, &mut diags) {
                site.markdown.push(md);
            }
        } else {
            site.content_assets.push(AssetFile {
                relative: rel,
                absolute: file,
            });
        }
    }

    let mut template_dirs = Vec::new();
    let mut static_dirs = Vec::new();
    if let Some(theme) = theme {
        let theme_dir = root.join("themes").join(theme);
        if !theme_dir.is_dir() {
            diags.push(
                Diagnostic::error(format!("theme {theme:?} not found in themes/"))
                    .in_file("config.toml")
                    .with_hint(format!("create themes/{theme}/ or remove the theme key")),
            );
        }
        template_dirs.push(theme_dir.join("templates"));
        static_dirs.push(theme_dir.join("static"));
    }
    template_dirs.push(root.join("templates"));
    static_dirs.push(root.join("static"));

    for dir in &template_dirs {
        for file in walk(dir, &canonical_root, root, &mut diags) {
            let name = relative_slash(&file, dir);
            let shown = relative_display(&file, root);
            match std::fs::read(&file) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => site.templates.push(TemplateFile {
                        name,
                        source: SourceFile::new(shown, text),
                    }),
                    Err(_) => {
                        // Binary files under templates/ (images for a theme's docs) are not
                        // templates; Tera would choke on them.
                        if is_template_name(&name) {
                            diags.push(
                                Diagnostic::error("template is not valid UTF-8").in_file(shown),
                            );
                        }
                    }
                },
                Err(e) => diags.push(Diagnostic::error(format!("cannot read: {e}")).in_file(shown)),
            }
        }
    }
    for dir in &static_dirs {
        for file in walk(dir, &canonical_root, root, &mut diags) {
            site.static_files.push(AssetFile {
                relative: relative_slash(&file, dir),
                absolute: file,
            });
        }
    }
    (site, diags)
}

fn is_template_name(name: &str) -> bool {
    [".html", ".xml", ".txt", ".json", ".css", ".js"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// Lists the files below `dir` in sorted order, refusing symlinks that leave the site root.
fn walk(dir: &Path, canonical_root: &Path, root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let refused = RefCell::new(Vec::new());
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            if entry.depth() > 0 && (name.starts_with('.') || name.ends_with('~')) {
                return false;
            }
            if entry.path_is_symlink() {
                let inside = entry
                    .path()
                    .canonicalize()
                    .map(|target| target.starts_with(canonical_root))
                    .unwrap_or(false);
                if !inside {
                    refused.borrow_mut().push(entry.path().to_path_buf());
                    return false;
                }
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => files.push(entry.into_path()),
            Ok(_) => {}
            Err(e) => {
                let path = e.path().map(|p| relative_display(p, root));
                let mut d = Diagnostic::error(format!("cannot read: {e}"));
                if let Some(p) = path {
                    d = d.in_file(p);
                }
                diags.push(d);
            }
        }
    }
    for path in refused.into_inner() {
        diags.push(
            Diagnostic::error("symbolic link leads outside the site root; refused")
                .in_file(relative_display(&path, root))
                .with_hint("copy the file into the site instead of linking to it"),
        );
    }
    files
}

fn relative_slash(path: &Path, base: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn relative_display(path: &Path, root: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads one content file again (after it changed), with the same checks as a full load.
pub fn read_content_file(root: &Path, relative: &str) -> Result<MarkdownFile, Diagnostics> {
    let mut diags = Diagnostics::default();
    let refused = relative.is_empty()
        || relative.contains('\\')
        || relative
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..");
    if refused {
        diags.push(Diagnostic::error(format!(
            "{relative:?} is not a path below content/"
        )));
        return Err(diags);
    }
    let file = root.join("content").join(relative);
    let inside = match (root.canonicalize(), file.canonicalize()) {
        (Ok(r), Ok(f)) => f.starts_with(r),
        _ => false,
    };
    if !inside {
        diags.push(
            Diagnostic::error("cannot read a file outside the site")
                .in_file(relative_display(&file, root)),
        );
        return Err(diags);
    }
    match read_markdown(&file, root, relative.to_string(), &mut diags) {
        Some(md) if !diags.has_errors() => Ok(md),
        _ => Err(diags),
    }
}

fn read_markdown(
    file: &Path,
    root: &Path,
    relative: String,
    diags: &mut Diagnostics,
) -> Option<MarkdownFile> {
    let shown = relative_display(file, root);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(format!("cannot read: {e}")).in_file(&shown));
            return None;
        }
    };
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        // Point at the first NUL byte, with the text before it as the snippet.
        let before = String::from_utf8_lossy(&bytes[..nul]).into_owned();
        let at = before.len();
        let source = SourceFile::new(&shown, before);
        diags.push(
            Diagnostic::error("binary data in a Markdown file (it contains NUL bytes)")
                .at(&source, at..at)
                .with_hint("rename it if it is not Markdown, or save it again as UTF-8 text"),
        );
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let good = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let source = SourceFile::new(&shown, good);
            let (line, col) = source.line_col(valid);
            diags.push(
                Diagnostic::error(format!(
                    "invalid UTF-8 at line {line}, column {col} (byte {valid})"
                ))
                .at(&source, valid..valid)
                .with_hint("save the file as UTF-8"),
            );
            return None;
        }
    };
    let source = SourceFile::new(&shown, text);
    match split_front_matter(&source.text()) {
        Ok((front_matter, body_start)) => Some(MarkdownFile {
            relative,
            source,
            front_matter,
            body_start,
        }),
        Err(problem) => {
            let d = match problem {
                SplitProblem::Empty => {
                    Diagnostic::error("empty file: a page needs +++ front matter +++")
                        .at(&source, 0..0)
                        .with_hint(
                            "start the file with a line +++, then title = \"…\", then a line +++",
                        )
                }
                SplitProblem::Missing => {
                    Diagnostic::error("no front matter: the file must start with a line +++")
                        .at_line(&source, 1, None)
                        .with_hint(
                            "start the file with a line +++, then title = \"…\", then a line +++",
                        )
                }
                SplitProblem::Yaml => Diagnostic::error("YAML front matter (---) is not supported")
                    .at_line(&source, 1, None)
                    .with_hint("write the front matter in TOML between +++ lines"),
                SplitProblem::Unterminated => {
                    Diagnostic::error("front matter is not closed: no second +++ line")
                        .at_line(&source, 1, None)
                        .with_hint("add a line +++ after the last front matter key")
                }
            };
            diags.push(d);
            None
        }
    }
}

/// Why a Markdown file has no usable front matter.
#[derive(Debug, PartialEq)]
pub enum SplitProblem {
    Empty,
    Missing,
    Yaml,
    Unterminated,
}

/// Finds the `+++` lines; returns the byte range of the TOML and where the body starts.
pub fn split_front_matter(text: &str) -> Result<(std::ops::Range<usize>, usize), SplitProblem> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    if rest.trim().is_empty() {
        return Err(SplitProblem::Empty);
    }
    let first_line_end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
    let first_line = rest[..first_line_end].trim_end();
    if first_line == "---" {
        return Err(SplitProblem::Yaml);
    }
    if first_line != "+++" {
        return Err(SplitProblem::Missing);
    }
    let fm_start = start + first_line_end;
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Ok((fm_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    Err(SplitProblem::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter() {
        let text = "+++\ntitle = \"a\"\n+++\nbody\n";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[fm], "title = \"a\"\n");
        assert_eq!(&text[body..], "body\n");
    }

    #[test]
    fn reports_problems() {
        assert_eq!(split_front_matter(""), Err(SplitProblem::Empty));
        assert_eq!(
            split_front_matter("+++\ntitle=1\n"),
            Err(SplitProblem::Unterminated)
        );
        assert_eq!(
            split_front_matter("---\na: 1\n---\n"),
            Err(SplitProblem::Yaml)
        );
        assert_eq!(split_front_matter("# hi"), Err(SplitProblem::Missing));
        assert!(split_front_matter("+++\r\ntitle=1\r\n+++\r\n").is_ok());
    }
}
