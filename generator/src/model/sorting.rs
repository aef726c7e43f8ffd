//! Ordering the pages of each section, and the `lower`/`higher` neighbours Zola templates use.

use std::cmp::Ordering;

use super::{Page, Section};
use crate::diagnostics::Diagnostics;
use crate::front_matter::SortBy;

pub fn sort_sections(sections: &mut [Section], pages: &mut [Page], _diags: &mut Diagnostics) {
    // Pages of transparent sections also belong to the parent; deepest sections first so that
    // chains of transparent sections carry their pages all the way up.
    let mut order: Vec<usize> = (0..sections.len()).collect();
    order.sort_by_key(|&i| {
        std::cmp::Reverse(
            sections[i].key.matches('/').count() + !sections[i].key.is_empty() as usize,
        )
    });
    for i in order {
        if sections[i].meta.transparent {
            if let Some(parent) = sections[i].parent {
                let own = sections[i].pages.clone();
                sections[parent].pages.extend(own);
            }
        }
    }

    for (index, section) in sections.iter_mut().enumerate() {
        let sort_by = section.meta.sort_by;
        section
            .pages
            .sort_by(|&a, &b| compare(&pages[a], &pages[b], sort_by));
        section.pages.dedup();
        // Neighbours only within the page's own section.
        let own: Vec<usize> = section
            .pages
            .iter()
            .copied()
            .filter(|&p| pages[p].section == index)
            .collect();
        for (pos, &p) in own.iter().enumerate() {
            pages[p].higher = if pos > 0 { Some(own[pos - 1]) } else { None };
            pages[p].lower = own.get(pos + 1).copied();
        }
    }
}

fn compare(a: &Page, b: &Page, sort_by: SortBy) -> Ordering {
    let by_path = || a.file.relative.cmp(&b.file.relative);
    let primary = match sort_by {
        // Newest first; pages without a date go last.
        SortBy::Date => b
            .date
            .cmp(&a.date)
            .then_with(|| rank_missing(a.date.is_none(), b.date.is_none())),
        SortBy::UpdateDate => {
            let ua = a.updated.or(a.date);
            let ub = b.updated.or(b.date);
            ub.cmp(&ua)
        }
        SortBy::Title => natural(title(a), title(b)),
        SortBy::TitleBytes => title(a).as_bytes().cmp(title(b).as_bytes()),
        // Lighter first; pages without a weight go last.
        SortBy::Weight => match (a.meta.weight, b.meta.weight) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        },
        SortBy::Slug => natural(&a.slug, &b.slug),
        SortBy::None => Ordering::Equal,
    };
    primary.then_with(by_path)
}

fn rank_missing(a_missing: bool, b_missing: bool) -> Ordering {
    a_missing.cmp(&b_missing)
}

fn title(page: &Page) -> &str {
    page.meta.title.as_deref().unwrap_or("")
}

/// Case-insensitive order that puts "Case 2" before "Case 10".
fn natural(a: &str, b: &str) -> Ordering {
    let mut ai = a.chars().peekable();
    let mut bi = b.chars().peekable();
    loop {
        match (ai.peek().copied(), bi.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let na: String =
                    std::iter::from_fn(|| ai.next_if(|c| c.is_ascii_digit())).collect();
                let nb: String =
                    std::iter::from_fn(|| bi.next_if(|c| c.is_ascii_digit())).collect();
                let ord = na
                    .trim_start_matches('0')
                    .len()
                    .cmp(&nb.trim_start_matches('0').len())
                    .then_with(|| na.trim_start_matches('0').cmp(nb.trim_start_matches('0')));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
            (Some(x), Some(y)) => {
                let ord = x.to_lowercase().cmp(y.to_lowercase());
                if ord != Ordering::Equal {
                    return ord;
                }
                ai.next();
                bi.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::natural;
    use std::cmp::Ordering;

    #[test]
    fn natural_order() {
        assert_eq!(natural("Case 2", "Case 10"), Ordering::Less);
        assert_eq!(natural("apple", "Banana"), Ordering::Less);
    }
}
