//! Turning content file names into URL paths, and refusing paths that could escape the output.

use crate::config::Config;

/// Splits `prisoners/bokayev.ru.md` into (`prisoners/bokayev`, Some("ru")) when `ru` is a
/// language of the site; a dotted name in another language is an error reported by the caller.
pub fn split_language<'a>(relative: &'a str, config: &Config) -> (&'a str, Option<&'a str>) {
    let stem = relative.strip_suffix(".md").unwrap_or(relative);
    let file_start = stem.rfind('/').map(|i| i + 1).unwrap_or(0);
    if let Some(dot) = stem[file_start..].rfind('.') {
        let lang = &stem[file_start + dot + 1..];
        if !lang.is_empty()
            && (config.languages.contains_key(lang) || lang == config.default_language)
        {
            return (&stem[..file_start + dot], Some(lang));
        }
        if lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase()) {
            // Looks like a language code the config does not declare.
            return (&stem[..file_start + dot], Some(lang));
        }
    }
    (stem, None)
}

/// Zola's default slug: lowercase ASCII, words joined by `-`, Cyrillic transliterated.
pub fn slugify(text: &str) -> String {
    slug::slugify(text)
}

/// Why a path from front matter is refused, if it is.
pub fn unsafe_path_reason(path: &str) -> Option<&'static str> {
    if path.contains('\0') {
        return Some("contains a NUL character");
    }
    if path.contains('\\') {
        return Some("contains a backslash");
    }
    if path.contains("://") || path.starts_with("//") {
        return Some("is an address, not a path inside the site");
    }
    if path.len() >= 2 && path.as_bytes()[1] == b':' {
        return Some("is an absolute file system path");
    }
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Some("contains a `..` or `.` segment");
    }
    None
}

/// Normalises a URL path to `/a/b/` form (or `/a/b.html` for paths with an extension).
pub fn normalize_path(path: &str) -> String {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    let last = trimmed.rsplit('/').next().unwrap_or(trimmed);
    if last.contains('.') {
        format!("/{trimmed}")
    } else {
        format!("/{trimmed}/")
    }
}

/// The language prefix of a path: `/ru/` for a non-default language, `/` otherwise.
pub fn language_prefix(lang: &str, config: &Config) -> String {
    if lang == config.default_language {
        "/".into()
    } else {
        format!("/{lang}/")
    }
}

/// The absolute address of a site path.
pub fn permalink(path: &str, config: &Config) -> String {
    format!("{}{}", config.base(), path)
}

/// The file a URL path is written to: `/a/b/` → `a/b/index.html`.
pub fn output_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if path.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_from_file_names() {
        let mut config = Config::default();
        config.languages.insert("ru".into(), Default::default());
        assert_eq!(split_language("a/b.ru.md", &config), ("a/b", Some("ru")));
        assert_eq!(split_language("a/b.md", &config), ("a/b", None));
        assert_eq!(split_language("a/v1.2.md", &config), ("a/v1.2", None));
        assert_eq!(split_language("a/b.fr.md", &config), ("a/b", Some("fr")));
    }

    #[test]
    fn unsafe_paths() {
        assert!(unsafe_path_reason("../../etc").is_some());
        assert!(unsafe_path_reason("a/../b").is_some());
        assert!(unsafe_path_reason("C:\\x").is_some());
        assert!(unsafe_path_reason("https://x").is_some());
        assert!(unsafe_path_reason("/about/").is_none());
    }

    #[test]
    fn output_files() {
        assert_eq!(output_file("/"), "index.html");
        assert_eq!(output_file("/a/b/"), "a/b/index.html");
        assert_eq!(output_file("/a/b.html"), "a/b.html");
    }
}
