//! Filler prose: sentences and paragraphs made from the word lists.
//!
//! The text is nonsense, but it has the shape that matters to a static site
//! generator: mixed scripts, punctuation, emphasis, inline links and lengths
//! typical of real case descriptions.

use crate::rng::SplitMix64;
use crate::vocabulary::{ENGLISH_WORDS, RUSSIAN_WORDS};

/// One sentence of `words` random words, capitalised, ending with a period.
fn sentence(rng: &mut SplitMix64, vocabulary: &[&str], words: u64) -> String {
    let mut text = String::new();
    for position in 0..words {
        let word = rng.pick(vocabulary);
        if position == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push(' ');
            // Occasional emphasis exercises the inline Markdown parser.
            if rng.chance(3) {
                text.push('*');
                text.push_str(word);
                text.push('*');
            } else {
                text.push_str(word);
            }
            if position + 1 < words && rng.chance(8) {
                text.push(',');
            }
        }
    }
    text.push('.');
    text
}

pub fn english_sentence(rng: &mut SplitMix64) -> String {
    let words = rng.range(7, 18);
    sentence(rng, ENGLISH_WORDS, words)
}

pub fn russian_sentence(rng: &mut SplitMix64) -> String {
    let words = rng.range(6, 15);
    sentence(rng, RUSSIAN_WORDS, words)
}

/// A paragraph of random English sentences, optionally opened by `lead`.
pub fn english_paragraph(rng: &mut SplitMix64, lead: Option<&str>, sentences: u64) -> String {
    let mut parts: Vec<String> = lead.map(str::to_string).into_iter().collect();
    for _ in 0..sentences {
        parts.push(english_sentence(rng));
    }
    parts.join(" ")
}

/// A paragraph of random Russian sentences, optionally opened by `lead`.
pub fn russian_paragraph(rng: &mut SplitMix64, lead: Option<&str>, sentences: u64) -> String {
    let mut parts: Vec<String> = lead.map(str::to_string).into_iter().collect();
    for _ in 0..sentences {
        parts.push(russian_sentence(rng));
    }
    parts.join(" ")
}
