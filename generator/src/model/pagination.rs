//! Pagination: which pages each pager of a section or taxonomy term lists, and at which path.
//!
//! Pagers are part of the model, not of rendering, so that the sitemap, the page outputs and a
//! later incremental rebuild all agree on them without re-deriving the arithmetic.

use super::paths;
use crate::config::Config;

/// One page of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based, as Zola's `paginator.current_index`.
    pub number: usize,
    /// URL path of this pager: the list's own path for the first, `…/page/2/` after it.
    pub path: String,
    pub permalink: String,
    /// Zola's `paginator.base_url`: the address pager numbers are appended to (`…/page/`).
    pub base_url: String,
    pub per_page: usize,
    /// Indices of the pages this pager shows, in order.
    pub pages: Vec<usize>,
}

/// The pagers of a list of `pages` shown `per_page` at a time below `base_path`.
///
/// An empty list still has one (empty) pager, as in Zola.
pub fn paginate(
    pages: &[usize],
    per_page: usize,
    base_path: &str,
    paginate_path: &str,
    config: &Config,
) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let total = pages.len().div_ceil(per_page).max(1);
    let base_url = format!("{}{paginate_path}/", paths::permalink(base_path, config));
    (1..=total)
        .map(|number| {
            let path = pager_path(base_path, paginate_path, number);
            Pager {
                number,
                permalink: paths::permalink(&path, config),
                base_url: base_url.clone(),
                per_page,
                path,
                pages: pages
                    .iter()
                    .skip((number - 1) * per_page)
                    .take(per_page)
                    .copied()
                    .collect(),
            }
        })
        .collect()
}

/// `/blog/` for the first pager, `/blog/page/N/` for the others.
pub fn pager_path(base_path: &str, paginate_path: &str, number: usize) -> String {
    if number == 1 {
        base_path.to_string()
    } else {
        format!("{base_path}{paginate_path}/{number}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_pages_into_pagers() {
        let config = Config::default();
        let pagers = paginate(&[5, 6, 7, 8, 9], 2, "/blog/", "page", &config);
        let shape: Vec<(usize, &str, &[usize])> = pagers
            .iter()
            .map(|p| (p.number, p.path.as_str(), p.pages.as_slice()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (1, "/blog/", &[5, 6][..]),
                (2, "/blog/page/2/", &[7, 8][..]),
                (3, "/blog/page/3/", &[9][..]),
            ]
        );
    }

    #[test]
    fn an_empty_list_has_one_pager() {
        let pagers = paginate(&[], 10, "/x/", "p", &Config::default());
        assert_eq!(pagers.len(), 1);
        assert!(pagers[0].pages.is_empty());
    }
}
