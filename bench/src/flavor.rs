//! The two dialects of the corpus.
//!
//! Zola (and casebook) read taxonomies from a `[taxonomies]` table and resolve
//! internal links written `@/path.md`. Hugo reads taxonomies from top-level
//! front-matter keys and resolves internal links with the `ref` shortcode.
//! Neither tool accepts the other's form, so the Hugo corpus is written to its
//! own directory with the same pages, words and dates.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Zola,
    Hugo,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Zola => "zola",
            Flavor::Hugo => "hugo",
        }
    }

    /// A Markdown link target for a file under `content/`, e.g.
    /// `prisoners/case-00012.md`.
    pub fn internal_link(self, content_path: &str) -> String {
        match self {
            Flavor::Zola => format!("@/{content_path}"),
            Flavor::Hugo => format!("{{{{< ref \"/{content_path}\" >}}}}"),
        }
    }
}

impl FromStr for Flavor {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "zola" => Ok(Flavor::Zola),
            "hugo" => Ok(Flavor::Hugo),
            other => Err(format!(
                "unknown flavor `{other}`: expected `zola` (also read by casebook) or `hugo`"
            )),
        }
    }
}
