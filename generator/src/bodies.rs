//! Page bodies, rendered where they are used.
//!
//! A rendered case body is over ten kilobytes; holding every one until the build ends made memory
//! grow with the archive (4.5 GiB at 100,000 cases). Instead the job that writes a page renders
//! its body, and the other readers of `content`, `toc` or `summary` (lists and feeds whose
//! templates read them, `get_page`) go through a cache bounded in bytes. A body evicted from the
//! cache is simply rendered again: rendering is deterministic, so every reader sees the same HTML.
//!
//! Summaries are the one part lists read often, and they are short: each is kept once computed.
//! Word counts come from the Markdown source and live in the model.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, OnceLock};

use crate::diagnostics::Diagnostic;
use crate::front_matter::AnchorLinks;
use crate::markdown::{LinkResolver, MarkdownRenderer, ShortcodeOutput, ShortcodeRenderer};
use crate::model::{Heading, Site};
use crate::output::jobs::{self, Input};
use crate::shortcodes::Call;

/// A page's rendered body.
#[derive(Debug)]
pub struct Body {
    pub content: String,
    pub summary: Option<String>,
    pub toc: Vec<Heading>,
    /// Shortcode templates the body used: a job that shows the body depends on them.
    pub templates: Vec<String>,
}

/// How many bytes of rendered bodies the cache keeps when only `get_page` and the like read
/// bodies besides their own pages: those are few and often the same (the decisions profiles link
/// to), and the cache stays small beside the model.
pub const DEFAULT_CACHE_BYTES: usize = 16 << 20;

/// The budget when lists or feeds show whole bodies, so that every body is read again after its
/// own page (by a section pager and each of its terms). On the 10,000-case `zola-content` bench
/// corpus, whose whole output is 133 MB, a 16 MiB cache made the build about half again as slow
/// by rendering bodies again. Still bounded: a larger site renders some bodies again rather than
/// holding all.
pub const LISTS_CACHE_BYTES: usize = 160 << 20;

/// Renders page bodies on demand; shared by every job of a build.
pub struct Bodies {
    site: Arc<Site>,
    markdown: Arc<MarkdownRenderer>,
    shortcodes: Arc<dyn ShortcodeRenderer + Send>,
    summaries: Vec<OnceLock<Option<String>>>,
    cache: Mutex<Cache>,
    /// Whether a page's own job keeps its body in the cache: only when templates that list pages
    /// read their bodies; otherwise nobody would read it again.
    share_own: bool,
    /// Problems found while rendering bodies (broken `@/` links, unknown shortcodes); a body
    /// rendered twice reports them twice, and the build's final sort removes the repeats.
    diagnostics: Mutex<Vec<Diagnostic>>,
}

#[derive(Default)]
struct Cache {
    entries: HashMap<usize, Arc<Body>>,
    /// Insertion order: the oldest entry is evicted first.
    order: VecDeque<usize>,
    bytes: usize,
    budget: usize,
}

impl Cache {
    fn insert(&mut self, index: usize, body: Arc<Body>) {
        if self.entries.contains_key(&index) {
            return;
        }
        self.bytes += body_bytes(&body);
        self.entries.insert(index, body);
        self.order.push_back(index);
        while self.bytes > self.budget && self.order.len() > 1 {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(old) = self.entries.remove(&oldest) {
                self.bytes -= body_bytes(&old);
            }
        }
    }
}

fn body_bytes(body: &Body) -> usize {
    fn toc_bytes(toc: &[Heading]) -> usize {
        toc.iter()
            .map(|h| {
                std::mem::size_of::<Heading>()
                    + h.id.len()
                    + h.permalink.len()
                    + h.title.len()
                    + toc_bytes(&h.children)
            })
            .sum()
    }
    body.content.len() + body.summary.as_ref().map_or(0, String::len) + toc_bytes(&body.toc)
}

impl Bodies {
    /// `share_own`: whether templates that list pages read their bodies (see
    /// [`crate::output::pages::lists_read_bodies`]); it also picks the cache budget.
    pub fn new(
        site: Arc<Site>,
        markdown: Arc<MarkdownRenderer>,
        shortcodes: Arc<dyn ShortcodeRenderer + Send>,
        share_own: bool,
    ) -> Self {
        let cache_bytes = if share_own {
            LISTS_CACHE_BYTES
        } else {
            DEFAULT_CACHE_BYTES
        };
        let summaries = (0..site.pages.len()).map(|_| OnceLock::new()).collect();
        Bodies {
            site,
            markdown,
            shortcodes,
            summaries,
            cache: Mutex::new(Cache {
                budget: cache_bytes,
                ..Cache::default()
            }),
            diagnostics: Mutex::new(Vec::new()),
            share_own,
        }
    }

    /// The body of page `index`, from the cache or rendered now and kept there. The current job
    /// records the page and the shortcode templates as its inputs.
    pub fn body(&self, index: usize) -> Arc<Body> {
        self.get(index, true)
    }

    /// The body for the job that writes page `index` itself.
    pub fn own_body(&self, index: usize) -> Arc<Body> {
        self.get(index, self.share_own)
    }

    fn get(&self, index: usize, keep: bool) -> Arc<Body> {
        let cached = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.entries.get(&index).cloned());
        let body = match cached {
            Some(b) => b,
            None => {
                let body = Arc::new(self.render(index));
                if keep {
                    if let Ok(mut cache) = self.cache.lock() {
                        cache.insert(index, body.clone());
                    }
                }
                body
            }
        };
        if let Some(page) = self.site.pages.get(index) {
            jobs::record(Input::Content(page.file.relative.clone()));
        }
        for t in &body.templates {
            jobs::record(Input::Template(t.clone()));
        }
        body
    }

    /// The summary of page `index` (the part before `<!-- more -->`), kept once computed.
    pub fn summary(&self, index: usize) -> Option<String> {
        let page = self.site.pages.get(index)?;
        jobs::record(Input::Content(page.file.relative.clone()));
        self.summaries
            .get(index)?
            .get_or_init(|| {
                // Without a possible marker there is no need to render the body to know.
                if !page.may_have_summary {
                    return None;
                }
                self.body(index).summary.clone()
            })
            .clone()
    }

    /// Everything reported while rendering so far.
    pub fn take_diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .lock()
            .map(|mut d| std::mem::take(&mut *d))
            .unwrap_or_default()
    }

    fn render(&self, index: usize) -> Body {
        let site: &Site = &self.site;
        let page = &site.pages[index];
        let recorder = RecordingShortcodes {
            inner: self.shortcodes.as_ref(),
            used: Mutex::new(Vec::new()),
            page: OnceLock::new(),
            make_page: &|| crate::templates::context::shortcode_page(site, self, index),
        };
        let (rendered, diags) = self.markdown.render_page(
            &page.file,
            &page.lang,
            &page.permalink,
            anchors_for(site, page.section),
            &ModelLinks(site),
            &recorder,
        );
        if !diags.is_empty() {
            if let Ok(mut all) = self.diagnostics.lock() {
                all.extend(diags);
            }
        }
        let mut templates = recorder.used.into_inner().unwrap_or_default();
        templates.sort();
        templates.dedup();
        Body {
            content: rendered.content,
            summary: rendered.summary,
            toc: rendered.toc,
            templates,
        }
    }
}

/// Notes which shortcode templates a body used.
struct RecordingShortcodes<'a> {
    inner: &'a (dyn ShortcodeRenderer + Send),
    used: Mutex<Vec<String>>,
    /// The page as its shortcodes see it, made when the first shortcode asks.
    page: OnceLock<serde_json::Value>,
    make_page: &'a (dyn Fn() -> serde_json::Value + Sync),
}

impl ShortcodeRenderer for RecordingShortcodes<'_> {
    fn render(
        &self,
        call: &Call,
        nth: usize,
        lang: &str,
    ) -> Result<Option<ShortcodeOutput>, String> {
        let page = self.page.get_or_init(|| (self.make_page)());
        let out = self.inner.render_in(call, nth, lang, Some(page))?;
        if let Some(out) = &out {
            let ext = match out {
                ShortcodeOutput::Html(_) => "html",
                ShortcodeOutput::Markdown(_) => "md",
            };
            if let Ok(mut used) = self.used.lock() {
                used.push(format!("shortcodes/{}.{ext}", call.name));
            }
        }
        Ok(out)
    }
}

/// `@/` links resolved against the model.
pub struct ModelLinks<'a>(pub &'a Site);

impl LinkResolver for ModelLinks<'_> {
    fn resolve(&self, file: &str, lang: &str) -> Option<String> {
        self.0
            .resolve(file, lang)
            .map(|t| self.0.permalink_of(t).to_string())
    }
}

/// Anchor links as the nearest section (or the config) asks for them.
pub fn anchors_for(site: &Site, section: usize) -> AnchorLinks {
    let mut current = Some(section);
    while let Some(i) = current {
        if let Some(a) = site.sections[i].meta.insert_anchor_links {
            return a;
        }
        current = site.sections[i].parent;
    }
    match site.config.markdown.insert_anchor_links.as_deref() {
        Some("left") => AnchorLinks::Left,
        Some("right") => AnchorLinks::Right,
        Some("heading") => AnchorLinks::Heading,
        _ => AnchorLinks::None,
    }
}

/// Renders the bodies of sections into the model: there are few of them, and every list of
/// their pages shows their content.
pub fn render_sections(
    site: &mut Site,
    markdown: &MarkdownRenderer,
    shortcodes: &dyn ShortcodeRenderer,
) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let results: Vec<_> = {
        let site_ref: &Site = site;
        site_ref
            .sections
            .par_iter()
            .enumerate()
            .map(|(i, section)| {
                section.file.as_ref().map(|file| {
                    markdown.render_page(
                        file,
                        &section.lang,
                        &section.permalink,
                        anchors_for(site_ref, i),
                        &ModelLinks(site_ref),
                        shortcodes,
                    )
                })
            })
            .collect()
    };
    let mut diags = Vec::new();
    for (section, result) in site.sections.iter_mut().zip(results) {
        if let Some((rendered, d)) = result {
            section.rendered = rendered;
            diags.extend(d);
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(bytes: usize) -> Arc<Body> {
        Arc::new(Body {
            content: "x".repeat(bytes),
            summary: None,
            toc: Vec::new(),
            templates: Vec::new(),
        })
    }

    #[test]
    fn the_cache_keeps_within_its_budget_and_evicts_the_oldest() {
        let mut cache = Cache {
            budget: 250,
            ..Cache::default()
        };
        for i in 0..10 {
            cache.insert(i, body(100));
            assert!(cache.bytes <= 250, "{} bytes after {i}", cache.bytes);
        }
        let mut kept: Vec<usize> = cache.entries.keys().copied().collect();
        kept.sort();
        assert_eq!(kept, vec![8, 9]);
        // A body larger than the whole budget is still kept until the next one arrives.
        cache.insert(10, body(1000));
        assert_eq!(cache.entries.len(), 1);
        assert!(cache.entries.contains_key(&10));
    }
}
