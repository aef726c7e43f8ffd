//! The one place every output file goes through: it knows each file written and by which job.
//!
//! Later outputs that describe the whole site (a manifest, archives) read the list from here;
//! two jobs writing the same file is reported instead of one silently replacing the other.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use super::write::Sink;
use crate::diagnostics::Diagnostic;

/// Who wrote a file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Writer {
    /// A static file: a rendered page of the same path replaces it, as in Zola.
    Static,
    Job(String),
}

/// Writes into a [`Sink`] and records every path.
pub struct OutputFiles<'a> {
    sink: &'a dyn Sink,
    written: Mutex<BTreeMap<String, Writer>>,
    /// Whether two jobs writing one file is an error. Off when earlier stages already failed:
    /// the model reports colliding pages at their lines, and the same collision seen here again
    /// would only be a second, vaguer message.
    refuse_collisions: bool,
}

impl<'a> OutputFiles<'a> {
    pub fn new(sink: &'a dyn Sink, refuse_collisions: bool) -> Self {
        OutputFiles {
            sink,
            written: Mutex::new(BTreeMap::new()),
            refuse_collisions,
        }
    }

    /// Writes a rendered file for the job labelled `job`.
    pub fn write(&self, job: &str, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.claim(relative, Writer::Job(job.to_string()))?;
        self.sink.write(relative, bytes)
    }

    /// Copies a static or co-located file.
    pub fn copy(&self, relative: &str, source: &Path) -> Result<(), Diagnostic> {
        self.claim(relative, Writer::Static)?;
        self.sink.copy(relative, source)
    }

    /// Every file written, in path order.
    pub fn paths(&self) -> Vec<String> {
        self.written
            .lock()
            .map(|w| w.keys().cloned().collect())
            .unwrap_or_default()
    }

    fn claim(&self, relative: &str, writer: Writer) -> Result<(), Diagnostic> {
        let Ok(mut written) = self.written.lock() else {
            return Err(Diagnostic::error(
                "internal: the list of output files is unusable",
            ));
        };
        match written.get(relative) {
            Some(Writer::Job(first)) if self.refuse_collisions => {
                let second = match &writer {
                    Writer::Job(label) => label.clone(),
                    Writer::Static => "a static file".into(),
                };
                // Jobs run in parallel: name the two in a fixed order.
                let (a, b) = if first <= &second {
                    (first.clone(), second)
                } else {
                    (second, first.clone())
                };
                Err(
                    Diagnostic::error(format!("{a} and {b} both write {relative}"))
                        .with_hint("give one of them another path, slug or alias"),
                )
            }
            _ => {
                written.insert(relative.to_string(), writer);
                Ok(())
            }
        }
    }
}
