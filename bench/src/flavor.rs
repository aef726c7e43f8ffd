//! The flavours of the corpus: two dialects of content, and two sets of Zola
//! templates.
//!
//! Zola (and casebook) read taxonomies from a `[taxonomies]` table and resolve
//! internal links written `@/path.md`. Hugo reads taxonomies from top-level
//! front-matter keys and resolves internal links with the `ref` shortcode.
//! Neither tool accepts the other's form, so the Hugo corpus is written to its
//! own directory with the same pages, words and dates.
//!
//! `zola-content` is the Zola corpus, byte for byte, with templates that list
//! pages with their bodies (`page.content` in `paginator.pages` and
//! `term.pages`), as blog themes do. A generator then has to keep every body
//! until the lists are rendered, which the plain `zola` templates never ask
//! for; the two flavours show what that costs in time and memory.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Zola,
    ZolaContent,
    Hugo,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Zola => "zola",
            Flavor::ZolaContent => "zola-content",
            Flavor::Hugo => "hugo",
        }
    }

    /// Whether pages are written in Zola's dialect (also read by casebook).
    pub fn is_zola(self) -> bool {
        matches!(self, Flavor::Zola | Flavor::ZolaContent)
    }

    /// A Markdown link target for a file under `content/`, e.g.
    /// `prisoners/case-00012.md`.
    pub fn internal_link(self, content_path: &str) -> String {
        match self {
            Flavor::Zola | Flavor::ZolaContent => format!("@/{content_path}"),
            Flavor::Hugo => format!("{{{{< ref \"/{content_path}\" >}}}}"),
        }
    }
}

impl FromStr for Flavor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "zola" => Ok(Flavor::Zola),
            "zola-content" => Ok(Flavor::ZolaContent),
            "hugo" => Ok(Flavor::Hugo),
            other => Err(format!(
                "unknown flavor `{other}`: expected `zola`, `zola-content` (both also read \
                 by casebook) or `hugo`"
            )),
        }
    }
}
