//! `write-floor`: how long only writing a built site's files takes.
//!
//! No generator can build a site faster than it can create the site's folders
//! and write its bytes. This reads a finished output folder into memory, then
//! times creating the same folders and writing the same files, with the same
//! bytes, into a new folder, on every core as the generators do. `run.sh`
//! sets the generators' times against it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A built site held in memory. Paths are relative to the site's root;
/// `folders` is sorted so that a folder comes after its parent.
pub struct Site {
    pub folders: Vec<PathBuf>,
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

impl Site {
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, bytes)| bytes.len() as u64).sum()
    }
}

/// Reads every folder and file under `root`. Symbolic links are not followed:
/// generators write plain files.
pub fn read_site(root: &Path) -> io::Result<Site> {
    let mut site = Site {
        folders: Vec::new(),
        files: Vec::new(),
    };
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        let folder = root.join(&relative);
        let mut entries = fs::read_dir(&folder)
            .map_err(|error| annotate(error, &folder))?
            .collect::<io::Result<Vec<_>>>()
            .map_err(|error| annotate(error, &folder))?;
        entries.sort_by_key(|entry| entry.file_name());
        for entry in entries {
            let path = relative.join(entry.file_name());
            let kind = entry.file_type().map_err(|error| annotate(error, &path))?;
            if kind.is_dir() {
                site.folders.push(path.clone());
                pending.push(path);
            } else if kind.is_file() {
                let full = root.join(&path);
                let bytes = fs::read(&full).map_err(|error| annotate(error, &full))?;
                site.files.push((path, bytes));
            }
        }
    }
    // Fewer components first: every parent is created before its children.
    site.folders
        .sort_by(|a, b| (a.components().count(), a).cmp(&(b.components().count(), b)));
    site.files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(site)
}

/// Creates `to` and writes `site` into it on `threads` threads; returns the
/// time from the first folder to the last file. `to` must not exist or be
/// empty, so every folder is new and nothing is overwritten.
pub fn write_site(site: &Site, to: &Path, threads: usize) -> io::Result<Duration> {
    if to.exists() && fs::read_dir(to)?.next().is_some() {
        return Err(io::Error::other(format!(
            "{} is not empty; write-floor only writes into a new folder",
            to.display()
        )));
    }
    let started = Instant::now();
    fs::create_dir_all(to).map_err(|error| annotate(error, to))?;
    // Folders one depth at a time, so that each one's parent exists.
    let mut level_start = 0;
    while level_start < site.folders.len() {
        let depth = site.folders[level_start].components().count();
        let level_len = site.folders[level_start..]
            .iter()
            .take_while(|folder| folder.components().count() == depth)
            .count();
        let level = &site.folders[level_start..level_start + level_len];
        in_parallel(level.len(), threads, |index| {
            let path = to.join(&level[index]);
            fs::create_dir(&path).map_err(|error| annotate(error, &path))
        })?;
        level_start += level_len;
    }
    in_parallel(site.files.len(), threads, |index| {
        let (relative, bytes) = &site.files[index];
        let path = to.join(relative);
        fs::write(&path, bytes).map_err(|error| annotate(error, &path))
    })?;
    Ok(started.elapsed())
}

/// Runs `task(0..count)` on `threads` threads, handing out indexes in small
/// batches so that a thread held up by a slow file does not hold up the rest.
/// Returns the first error.
fn in_parallel<F>(count: usize, threads: usize, task: F) -> io::Result<()>
where
    F: Fn(usize) -> io::Result<()> + Sync,
{
    const BATCH: usize = 32;
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                scope.spawn(|| -> io::Result<()> {
                    loop {
                        let start = next.fetch_add(BATCH, Ordering::Relaxed);
                        if start >= count {
                            return Ok(());
                        }
                        for index in start..count.min(start + BATCH) {
                            task(index)?;
                        }
                    }
                })
            })
            .collect();
        let mut result = Ok(());
        for worker in workers {
            let outcome = worker
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a writing thread panicked")));
            if result.is_ok() {
                result = outcome;
            }
        }
        result
    })
}

fn annotate(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bench-write-floor-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_the_same_tree() {
        let from = scratch("from");
        for (path, text) in [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("a/b/c/index.html", "deep"),
            ("z/style.css", "body {}"),
        ] {
            let full = from.join(path);
            fs::create_dir_all(full.parent().unwrap()).unwrap();
            fs::write(full, text).unwrap();
        }
        fs::create_dir_all(from.join("empty")).unwrap();

        let site = read_site(&from).unwrap();
        assert_eq!(site.files.len(), 4);
        assert_eq!(site.folders.len(), 5);
        assert_eq!(site.bytes(), 4 + 1 + 4 + 7);

        let to = scratch("to");
        write_site(&site, &to, 3).unwrap();
        let copy = read_site(&to).unwrap();
        assert_eq!(copy.folders, site.folders);
        assert_eq!(copy.files, site.files);

        // A second write into the now full folder is refused.
        assert!(write_site(&site, &to, 2).is_err());
        fs::remove_dir_all(&from).unwrap();
        fs::remove_dir_all(&to).unwrap();
    }
}
