//! Writing files atomically: a build goes into a temporary folder beside the output and is
//! swapped in only when everything succeeded, so a failed build leaves the previous output
//! exactly as it was.

use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// Where rendered files go: a real output folder, or nowhere (for `check`).
pub trait Sink: Sync {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    fn copy(&self, relative: &str, source: &Path) -> Result<(), Diagnostic>;
}

/// Discards everything: `casebook check` renders all pages but writes nothing.
pub struct NullSink;

impl Sink for NullSink {
    fn write(&self, relative: &str, _bytes: &[u8]) -> Result<(), Diagnostic> {
        checked_relative(relative).map(|_| ())
    }

    fn copy(&self, relative: &str, _source: &Path) -> Result<(), Diagnostic> {
        checked_relative(relative).map(|_| ())
    }
}

/// A build in progress: files go into `temp` until [`OutputDir::commit`].
pub struct OutputDir {
    target: PathBuf,
    temp: tempfile::TempDir,
}

impl OutputDir {
    pub fn create(target: &Path) -> Result<Self, Diagnostic> {
        if target.exists() && !target.is_dir() {
            return Err(Diagnostic::error(format!(
                "output {} exists and is not a folder",
                target.display()
            )));
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .map_err(|e| Diagnostic::error(format!("cannot create {}: {e}", parent.display())))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp-"))
            .tempdir_in(&parent)
            .map_err(|e| {
                Diagnostic::error(format!(
                    "cannot create a temporary folder in {}: {e}",
                    parent.display()
                ))
            })?;
        Ok(OutputDir {
            target: target.to_path_buf(),
            temp,
        })
    }

    /// Swaps the finished build in place of the previous output.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let target = self.target.clone();
        let built = self.temp.keep();
        let fail = |what: &str, e: std::io::Error| {
            Diagnostic::error(format!("cannot {what} {}: {e}", target.display()))
        };
        if target.exists() {
            let parent = built.parent().map(Path::to_path_buf).unwrap_or_default();
            let old = tempfile::Builder::new()
                .prefix(".old-output-")
                .tempdir_in(&parent)
                .map_err(|e| fail("make room beside", e))?
                .keep();
            // `old` is an empty folder; rename needs the destination gone.
            std::fs::remove_dir(&old).map_err(|e| fail("make room beside", e))?;
            std::fs::rename(&target, &old).map_err(|e| fail("move aside", e))?;
            if let Err(e) = std::fs::rename(&built, &target) {
                let _ = std::fs::rename(&old, &target);
                let _ = std::fs::remove_dir_all(&built);
                return Err(fail("replace", e));
            }
            std::fs::remove_dir_all(&old).map_err(|e| fail("clean up the previous", e))?;
        } else {
            std::fs::rename(&built, &target).map_err(|e| fail("create", e))?;
        }
        Ok(())
    }

    fn destination(&self, relative: &str) -> Result<PathBuf, Diagnostic> {
        let rel = checked_relative(relative)?;
        let dest = self.temp.path().join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(format!("cannot create folder for {relative}: {e}"))
            })?;
        }
        Ok(dest)
    }
}

impl Sink for OutputDir {
    fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let dest = self.destination(relative)?;
        std::fs::write(&dest, bytes)
            .map_err(|e| Diagnostic::error(format!("cannot write {relative}: {e}")))
    }

    fn copy(&self, relative: &str, source: &Path) -> Result<(), Diagnostic> {
        let dest = self.destination(relative)?;
        std::fs::copy(source, &dest)
            .map(|_| ())
            .map_err(|e| Diagnostic::error(format!("cannot copy {}: {e}", source.display())))
    }
}

/// Refuses any output path that is not a clean relative path: `/`-separated names, none empty,
/// `.` or `..`, no backslash (a separator on Windows).
///
/// Every output path is built by the generator, so anything else is a bug upstream; `..` or an
/// absolute path would write outside the output folder, and `a//b` or `a/./b` would let two
/// different paths name one file.
fn checked_relative(relative: &str) -> Result<PathBuf, Diagnostic> {
    let path = Path::new(relative);
    let clean = !relative.contains('\\')
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != "..")
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if clean {
        Ok(path.to_path_buf())
    } else {
        Err(Diagnostic::error(format!(
            "refusing to write {relative:?}: an output path must be relative, without empty, `.` or `..` parts or backslashes"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_clean_relative_paths() {
        for path in [
            "index.html",
            "a/b.html",
            "prisoners/ә/index.html",
            "a/.well-known/x",
            "..x/y..",
        ] {
            assert_eq!(
                checked_relative(path).unwrap(),
                PathBuf::from(path),
                "{path:?}"
            );
        }
    }

    #[test]
    fn refuses_unclean_paths() {
        for path in [
            "",
            "/",
            "/etc/passwd",
            "//server/share",
            "../x",
            "a/../b",
            "a/..",
            "..",
            ".",
            "./a",
            "a/./b",
            "a/.",
            "a//b",
            "a/",
            "C:\\x",
            "a\\..\\..\\x",
            "\\\\server\\share",
        ] {
            assert!(checked_relative(path).is_err(), "{path:?} was accepted");
        }
    }

    #[test]
    fn commit_swaps_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("old.html"), "old").unwrap();
        let out = OutputDir::create(&target).unwrap();
        out.write("new/index.html", b"new").unwrap();
        out.commit().unwrap();
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read(target.join("new/index.html")).unwrap(),
            b"new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}
