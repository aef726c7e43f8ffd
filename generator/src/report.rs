//! Turning diagnostics into text for a terminal or a log: the one place that formats them.
//!
//! Each problem is shown with its file, line and column and the offending line underlined
//! (miette's graphical style), so a volunteer on GitHub's web editor knows where to look.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use crate::diagnostics::{Diagnostic, Severity};

#[derive(Debug)]
struct Report {
    message: String,
    severity: Severity,
    source: Option<NamedSource<String>>,
    span: Option<(usize, usize)>,
    hint: Option<String>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.hint
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (start, len) = self.span?;
        Some(Box::new(std::iter::once(LabeledSpan::new(
            Some("here".into()),
            start,
            len,
        ))))
    }
}

/// Formats one diagnostic: a `level: file:line:col: message` line, then the snippet.
pub fn format(diagnostic: &Diagnostic, color: bool) -> String {
    let mut out = format!("{diagnostic}\n");
    let report = Report {
        message: match diagnostic.location() {
            Some(loc) => format!("{loc}: {}", diagnostic.message),
            None => diagnostic.message.clone(),
        },
        severity: diagnostic.severity,
        source: diagnostic
            .source
            .as_ref()
            .map(|s| NamedSource::new(s.name.display().to_string(), s.text().into_owned())),
        span: diagnostic
            .span
            .as_ref()
            .map(|s| (s.start, s.end.saturating_sub(s.start))),
        hint: diagnostic.hint.clone(),
    };
    if report.source.is_some() && report.span.is_some() {
        let theme = if color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
        let mut snippet = String::new();
        if handler.render_report(&mut snippet, &report).is_ok() {
            out.push_str(&snippet);
        }
    }
    out
}
