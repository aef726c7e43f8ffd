//! The write stage: where every output file goes, and the one place that knows them all.

pub mod links;
mod write;

pub use write::{NullSink, OutputDir, Sink};

use crate::config::Config;

/// Prepares an HTML page for the output: relative internal links, then minification.
pub fn finish_html(html: &str, page_path: &str, config: &Config) -> Result<Vec<u8>, String> {
    let relative = links::relativize(html, page_path, config.base())?;
    if config.minify_html {
        let depth = crate::nesting::html_depth(&relative);
        if depth > crate::nesting::MAX_HTML_DEPTH {
            return Err(format!(
                "its HTML nests {depth} elements deep, more than the {} a page may have",
                crate::nesting::MAX_HTML_DEPTH
            ));
        }
        let mut cfg = minify_html::Cfg::new();
        cfg.keep_closing_tags = true;
        cfg.keep_html_and_head_opening_tags = true;
        // lightningcss rewrites media queries to range syntax that older phones do not read.
        cfg.minify_css = false;
        cfg.minify_js = false;
        cfg.keep_input_type_text_attr = true;
        Ok(minify_html::minify(relative.as_bytes(), &cfg))
    } else {
        Ok(relative.into_bytes())
    }
}
