//! Problems found in a site, as values.
//!
//! Every stage returns its problems as [`Diagnostic`]s instead of printing or stopping at the first
//! one, so a volunteer sees all mistakes of a build at once, each pointing at a file, a line and a
//! column. Only the reporting module turns them into text.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a problem is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The text of a file a diagnostic points into, shared between all diagnostics of that file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path shown to the user: relative to the site root where possible.
    pub name: PathBuf,
    text: Text,
}

/// A file's text, as read or compressed.
#[derive(Debug, Clone)]
enum Text {
    Plain(Arc<str>),
    /// LZ4 block with the text's length in front (`lz4_flex::block::compress_prepend_size`). Content
    /// files are kept this way for the whole build: their text is read again only to render a
    /// body or to show a diagnostic, and on a 100,000-case site it was half a gigabyte plain.
    Lz4(Arc<[u8]>),
}

impl SourceFile {
    pub fn new(name: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            name: name.into(),
            text: Text::Plain(text.into()),
        }
    }

    /// The same file with its text held compressed; [`SourceFile::text`] gives it back.
    pub fn compressed(&self) -> SourceFile {
        let text = match &self.text {
            Text::Plain(t) => {
                Text::Lz4(lz4_flex::block::compress_prepend_size(t.as_bytes()).into())
            }
            Text::Lz4(bytes) => Text::Lz4(bytes.clone()),
        };
        SourceFile {
            name: self.name.clone(),
            text,
        }
    }

    /// The whole text, decompressed when it is held compressed.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.text {
            Text::Plain(t) => Cow::Borrowed(t),
            // The bytes are our own compression of a `str`, so neither step can fail; an empty
            // text would only lose the snippet of a message, never a page.
            Text::Lz4(bytes) => Cow::Owned(
                lz4_flex::block::decompress_size_prepended(bytes)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .unwrap_or_default(),
            ),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.text(), offset)
    }

    /// Byte offset of the start of a 1-based line.
    pub fn line_offset(&self, line: usize) -> usize {
        line_offset(&self.text(), line)
    }
}

/// 1-based line and column (in characters) of a byte offset of `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// Byte offset of the start of a 1-based line of `text`.
pub fn line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map(|(i, _)| i + 1)
        .unwrap_or(text.len())
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file it is in, when there is one; its text lets the report show the offending line.
    pub file: Option<PathBuf>,
    pub source: Option<SourceFile>,
    /// Byte range inside `source`.
    pub span: Option<Range<usize>>,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            source: None,
            span: None,
            hint: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Points the diagnostic at a file without a position (for whole-file problems).
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Points the diagnostic at a byte range of a file whose text we hold.
    pub fn at(mut self, source: &SourceFile, span: Range<usize>) -> Self {
        self.file = Some(source.name.clone());
        let text = source.text();
        let len = text.len();
        let start = floor_char_boundary(&text, span.start.min(len));
        let end = floor_char_boundary(&text, span.end.min(len)).max(start);
        self.span = Some(start..end);
        self.source = Some(source.clone());
        self
    }

    /// Points the diagnostic at a 1-based line (and optional column) of a file whose text we hold.
    pub fn at_line(self, source: &SourceFile, line: usize, column: Option<usize>) -> Self {
        let text = source.text();
        let start = line_offset(&text, line);
        let line_text = text[start..].lines().next().unwrap_or("");
        let col_bytes: usize = match column {
            Some(c) if c > 1 => line_text
                .char_indices()
                .nth(c - 1)
                .map(|(i, _)| i)
                .unwrap_or(line_text.len()),
            _ => line_text.len() - line_text.trim_start().len(),
        };
        let end = start + line_text.len();
        let span_start = (start + col_bytes).min(end);
        let span_end = if column.is_some() {
            (span_start + 1).min(end).max(span_start)
        } else {
            end
        };
        self.at(source, span_start..span_end)
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:column`, or as much of it as is known.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        match (&self.source, &self.span) {
            (Some(source), Some(span)) => {
                let (line, col) = source.line_col(span.start);
                Some(format!("{}:{}:{}", file.display(), line, col))
            }
            _ => Some(file.display().to_string()),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        match self.location() {
            Some(loc) => write!(f, "{level}: {loc}: {}", self.message)?,
            None => write!(f, "{level}: {}", self.message)?,
        }
        if let Some(hint) = &self.hint {
            write!(f, " (help: {hint})")?;
        }
        Ok(())
    }
}

/// All problems of a build, kept in a deterministic order.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Sorts by file, position and message so that parallel stages report in a stable order.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.severity,
                    d.file.clone(),
                    d.span.as_ref().map(|s| s.start),
                    d.message.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        self.items
            .dedup_by(|a, b| a.message == b.message && a.file == b.file && a.span == b.span);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics { items: vec![d] }
    }
}

/// Suggests the known name closest to a misspelt one, if any is close enough to be a typo.
pub fn did_you_mean<'a>(
    unknown: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(unknown, k), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "+++\ntitle = \"Мадина\"\n+++\n\nСудья **сказал**: «нет».\n";

    #[test]
    fn compressed_text_round_trips() {
        let plain = SourceFile::new("content/a.md", TEXT);
        let compressed = plain.compressed();
        assert!(matches!(compressed.text, Text::Lz4(_)));
        assert_eq!(compressed.text(), TEXT);
        assert_eq!(compressed.compressed().text(), TEXT);
        assert_eq!(SourceFile::new("e.md", "").compressed().text(), "");
    }

    #[test]
    fn compressed_text_gives_the_same_lines_and_columns() {
        let plain = SourceFile::new("content/a.md", TEXT);
        let compressed = plain.compressed();
        let said = TEXT.find("сказал").unwrap();
        for offset in [0, 5, said, said + 1, TEXT.len()] {
            assert_eq!(compressed.line_col(offset), plain.line_col(offset));
        }
        assert_eq!(compressed.line_col(said), (5, 9));
        assert_eq!(compressed.line_offset(5), plain.line_offset(5));

        let d = Diagnostic::error("x").at(&compressed, said..said + "сказал".len());
        assert_eq!(d.location().as_deref(), Some("content/a.md:5:9"));
        let d = Diagnostic::error("x").at_line(&compressed, 2, Some(10));
        assert_eq!(d.location().as_deref(), Some("content/a.md:2:10"));
    }
}
