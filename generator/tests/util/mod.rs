//! A small harness for driving the real `casebook` binary, after ripgrep's `tests/util.rs`.
//!
//! Each test copies a fixture site from `tests/fixtures/<name>/` into a fresh temporary folder,
//! changes what it needs there (a broken file, a symlink, a config key), runs the binary and
//! asserts on its exit code, its stderr and the files it wrote. Nothing is shared between tests
//! and nothing touches the fixtures themselves or the network.

// Every test file includes this module and uses a different part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder holding the fixture sites.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// A copy of a fixture site in a temporary folder, removed when the value is dropped.
pub struct TestSite {
    /// Holds the temporary folder; the site itself is `root`, one level down, so that the build
    /// can put its temporary output folder beside `public/` without touching anything else.
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl TestSite {
    /// Copies `tests/fixtures/<name>/` to a fresh temporary folder.
    pub fn fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        let root = dir.path().join("site");
        copy_dir(&fixtures_dir().join(name), &root);
        TestSite { dir, root }
    }

    /// The temporary folder that holds the site folder (a place for other files).
    pub fn scratch(&self) -> &Path {
        self.dir.path()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path inside the site.
    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    /// Writes a file inside the site, creating its folders.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&path, contents).unwrap_or_else(|e| panic!("write {relative}: {e}"));
    }

    /// Reads a source file of the site.
    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative))
            .unwrap_or_else(|e| panic!("read {relative}: {e}"))
    }

    /// Rewrites a file of the site; panics if `from` is not in it, so a fixture change cannot
    /// silently turn a test into one that tests nothing.
    pub fn replace(&self, relative: &str, from: &str, to: &str) {
        let text = self.read(relative);
        assert!(
            text.contains(from),
            "{relative} does not contain {from:?}; the fixture changed"
        );
        self.write(relative, text.replacen(from, to, 1));
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative))
            .unwrap_or_else(|e| panic!("remove {relative}: {e}"));
    }

    /// A `casebook` command with the site as its working folder and a clean environment.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_casebook"));
        cmd.current_dir(&self.root)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs `casebook` with these arguments (the working folder is the site).
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(self.command().args(args))
    }

    /// `casebook build --root SITE` plus extra arguments.
    pub fn build_with(&self, extra: &[&str]) -> Run {
        let root = self.root.to_string_lossy().into_owned();
        let mut args = vec!["build", "--root", root.as_str()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// `casebook build --root SITE`.
    pub fn build(&self) -> Run {
        self.build_with(&[])
    }

    /// Builds and fails the test, showing stderr, unless the build succeeded.
    pub fn build_ok(&self) -> Run {
        self.build().success()
    }

    /// `casebook check --root SITE`.
    pub fn check(&self) -> Run {
        let root = self.root.to_string_lossy().into_owned();
        self.run(&["check", "--root", root.as_str()])
    }

    /// The default output folder, `SITE/public`.
    pub fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// A built file, as text.
    pub fn output(&self, relative: &str) -> String {
        let path = self.public().join(relative);
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "read output {relative}: {e}\nfiles built:\n{}",
                list_files(&self.public()).join("\n")
            )
        })
    }

    pub fn output_exists(&self, relative: &str) -> bool {
        self.public().join(relative).exists()
    }

    /// Every built file with its bytes.
    pub fn output_tree(&self) -> Tree {
        tree(&self.public())
    }
}

/// The outcome of one run of the binary.
#[derive(Debug)]
pub struct Run {
    /// The exit code; -1 when the process was killed by a signal.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut Command) -> Run {
        let out = cmd.output().expect("run the casebook binary");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts exit code 0.
    pub fn success(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success, got exit code {}\nstderr:\n{}",
            self.code, self.stderr
        );
        self
    }

    /// Asserts an exit code other than 0.
    pub fn code(self, expected: i32) -> Run {
        assert_eq!(
            self.code, expected,
            "expected exit code {expected}, got {}\nstderr:\n{}",
            self.code, self.stderr
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn stderr_has(self, needle: &str) -> Run {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    /// The lines of stderr that start a diagnostic (`error: …`), without the snippets.
    pub fn error_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("error: "))
            .collect()
    }

    /// The first stderr line, which must be the first diagnostic.
    pub fn first_line(&self) -> &str {
        self.stderr.lines().next().unwrap_or("")
    }

    /// The last non-empty stderr line: the one-line summary.
    pub fn summary_line(&self) -> &str {
        self.stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
    }
}

/// Files of a folder, by path relative to it (with `/`), with their bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

pub fn tree(dir: &Path) -> Tree {
    let mut files = Tree::new();
    for path in list_files(dir) {
        let bytes = std::fs::read(dir.join(&path)).expect("read output file");
        files.insert(path, bytes);
    }
    files
}

/// Relative paths (with `/`) of all files below `dir`, sorted.
pub fn list_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if dir.is_dir() {
        collect(dir, dir, &mut out);
    }
    out.sort();
    out
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("list folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).expect("below base");
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
}

/// Asserts that two trees hold the same files with the same bytes, naming the first difference.
pub fn assert_same_tree(left: &Tree, right: &Tree) {
    let left_names: Vec<&String> = left.keys().collect();
    let right_names: Vec<&String> = right.keys().collect();
    assert_eq!(
        left_names, right_names,
        "the two trees hold different files"
    );
    for (name, bytes) in left {
        if bytes != &right[name] {
            panic!(
                "{name} differs:\n--- left\n{}\n--- right\n{}",
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&right[name])
            );
        }
    }
}

/// The HTML files of a tree.
pub fn html_files(tree: &Tree) -> impl Iterator<Item = (&String, String)> {
    tree.iter()
        .filter(|(name, _)| name.ends_with(".html"))
        .map(|(name, bytes)| (name, String::from_utf8_lossy(bytes).into_owned()))
}

/// Names in `dir` (not recursive) that look like a build's temporary folders.
pub fn leftover_temp_folders(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.starts_with(".old-output-"))
        .collect()
}

/// Copies a folder recursively (the fixtures hold no symlinks).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// The text between `<tag id="ID"` … and its closing `</tag>`, for asserting on one element of
/// a page without depending on the rest. Elements of the same tag must not nest inside it.
pub fn element(html: &str, tag: &str, id: &str) -> String {
    let open = format!("<{tag} id=\"{id}\"");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no <{tag} id=\"{id}\"> in:\n{html}"));
    let content_start = start + html[start..].find('>').expect("tag closes") + 1;
    let close = format!("</{tag}>");
    let end = content_start
        + html[content_start..]
            .find(&close)
            .unwrap_or_else(|| panic!("<{tag} id=\"{id}\"> is not closed"));
    html[content_start..end].to_string()
}

/// All `href` values of `<a>` elements in a piece of HTML, in order.
pub fn hrefs(html: &str) -> Vec<String> {
    attribute_values(html, "href")
}

/// All values of an attribute in a piece of HTML (double-quoted only), in order.
pub fn attribute_values(html: &str, attribute: &str) -> Vec<String> {
    let needle = format!(" {attribute}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(pos) = rest.find(&needle) {
        let value_start = pos + needle.len();
        let Some(len) = rest[value_start..].find('"') else {
            break;
        };
        out.push(rest[value_start..value_start + len].to_string());
        rest = &rest[value_start + len..];
    }
    out
}

/// Undoes the escaping Tera's autoescape applies to text (`/` becomes `&#x2F;` …).
pub fn unescape(text: &str) -> String {
    text.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Whether the real-browser tests can run: Debian's Chromium (or `$CHROMIUM`), the npm packages
/// in `tests/browser/node_modules` and node. Returns the Chromium path; when something is
/// missing, a test skips with a message outside CI and fails under `CI=true`.
pub fn browser_ready(test: &str) -> Option<String> {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = if !Path::new(&chromium).exists() {
        Some(format!("no Chromium at {chromium}"))
    } else if !browser_dir.join("node_modules/playwright-core").is_dir()
        || !browser_dir.join("node_modules/axe-core").is_dir()
    {
        Some("tests/browser/node_modules is not installed".to_string())
    } else if Command::new("node").arg("--version").output().is_err() {
        Some("node is not installed".to_string())
    } else {
        None
    };
    match missing {
        None => Some(chromium),
        Some(what) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{test} cannot run: {what} (scripts/test.sh installs it)")
        }
        Some(what) => {
            eprintln!("SKIPPED {test}: {what}; run `bash scripts/test.sh` to install it");
            None
        }
    }
}
