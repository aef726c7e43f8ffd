//! Client-side search: an inverted index written at build time as small script files, and the
//! query that runs over them, in the browser (`client.js`) and in `casebook search`.
//!
//! - [`normalize`]: folding, tokens, the transliteration key of names, stemming, buckets; the
//!   part both sides must compute identically (`docs/search.md` §1–§2);
//! - [`index`]: documents → terms and postings → the files of a language's index (§3–§4);
//! - [`query`]: a query over those files, best results first (§5, §7).
//!
//! The output stage that turns the site model into documents is
//! [`crate::output::search`].

pub mod index;
pub mod normalize;
pub mod query;

/// The browser client, served as `/search.js`. The transliteration table is written into it
/// at build time in place of [`TRANSLIT_PLACEHOLDER`].
pub const CLIENT_SCRIPT: &str = include_str!("client.js");

/// Where the client script expects the table of [`normalize::TRANSLIT`], as JSON.
pub const TRANSLIT_PLACEHOLDER: &str = "__CASEBOOK_TRANSLIT__";

/// The client script as served: the placeholder replaced by the table, or `None` when the
/// script lacks the placeholder (the build reports that rather than ship a client whose names
/// cannot meet the index's).
pub fn client_script() -> Option<String> {
    CLIENT_SCRIPT
        .contains(TRANSLIT_PLACEHOLDER)
        .then(|| CLIENT_SCRIPT.replace(TRANSLIT_PLACEHOLDER, &normalize::translit_json()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_client_receives_the_table() {
        let script = super::client_script().expect("client.js has the placeholder");
        assert!(!script.contains(super::TRANSLIT_PLACEHOLDER));
        assert!(script.contains(&super::normalize::translit_json()));
    }
}
