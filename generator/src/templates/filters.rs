//! Zola's template filters: markdown, num_format, regex_replace, base64_encode, base64_decode;
//! and Tera's `truncate` and `striptags`, with the same output, made fast.

use std::collections::HashMap;
use std::sync::Arc;

use base64::Engine;
use tera::{Filter, Result as TeraResult, Value};

use crate::markdown::MarkdownRenderer;

pub fn register(tera: &mut tera::Tera, markdown: Arc<MarkdownRenderer>, default_lang: &str) {
    tera.register_filter("markdown", MarkdownFilter(markdown));
    tera.register_filter(
        "num_format",
        NumFormat {
            default_locale: default_lang.to_string(),
        },
    );
    tera.register_filter("regex_replace", RegexReplace);
    tera.register_filter("base64_encode", base64_encode);
    tera.register_filter("base64_decode", base64_decode);
    tera.register_filter("escape_xml", escape_xml);
    tera.register_filter("truncate", truncate);
    tera.register_filter("striptags", striptags);
}

/// The message Tera's own filters give for a value of the wrong type.
fn expected(filter: &str, name: &str, value: &Value, ty: &str) -> tera::Error {
    if name == "value" {
        tera::Error::msg(format!(
            "Filter `{filter}` was called on an incorrect value: got `{value}` but expected a {ty}"
        ))
    } else {
        tera::Error::msg(format!(
            "Filter `{filter}` received an incorrect type for arg `{name}`: got `{value}` but expected a {ty}"
        ))
    }
}

/// Tera's `truncate`: the first `length` grapheme clusters, then `end` ("…") if anything was cut.
///
/// Tera's own collects the grapheme boundaries of the whole string first. Blog-style lists call
/// it on every listed page's whole body (`page.content | striptags | truncate(length=280)`):
/// on the 10,000-case `zola-content` bench corpus that was an eighth of the build. This one stops
/// after `length` clusters.
pub fn truncate(value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
    use unicode_segmentation::UnicodeSegmentation;

    let text = value
        .as_str()
        .ok_or_else(|| expected("truncate", "value", value, "String"))?;
    let length = match args.get("length") {
        Some(l) => l
            .as_u64()
            .and_then(|l| usize::try_from(l).ok())
            .ok_or_else(|| expected("truncate", "length", l, "usize"))?,
        None => 255,
    };
    let end = match args.get("end") {
        Some(e) => e
            .as_str()
            .ok_or_else(|| expected("truncate", "end", e, "String"))?,
        None => "…",
    };
    Ok(Value::String(
        match text.grapheme_indices(true).nth(length) {
            Some((cut, _)) => format!("{}{end}", &text[..cut]),
            None => text.to_string(),
        },
    ))
}

/// Tera's `striptags`: removes what its pattern `(<!--.*?-->|<[^>]*>)` matches, scanning for `<`
/// instead of running the regex (the regex was 6% of the build described at [`truncate`]).
///
/// At each `<`, in the pattern's order of preference: a comment `<!-- … -->` that does not cross a
/// line break (`.` does not match `\n`), else everything up to the next `>`. Without a `>` after
/// it, no later `<` can match either.
pub fn striptags(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| expected("striptags", "value", value, "String"))?;
    Ok(Value::String(strip_tags(text)))
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        let tag = &rest[start..];
        let Some(end) = comment_len(tag).or_else(|| tag.find('>').map(|i| i + 1)) else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// The length of the comment `tag` starts with, when it closes on the same line.
fn comment_len(tag: &str) -> Option<usize> {
    let body = tag.strip_prefix("<!--")?;
    let close = body.find("-->")?;
    (!body[..close].contains('\n')).then_some(4 + close + 3)
}

struct MarkdownFilter(Arc<MarkdownRenderer>);

impl Filter for MarkdownFilter {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("filter `markdown` needs a string"))?;
        let inline = args.get("inline").and_then(Value::as_bool).unwrap_or(false);
        Ok(Value::String(self.0.render_inline(text, inline)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

struct NumFormat {
    default_locale: String,
}

impl Filter for NumFormat {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
        use num_format::{Locale, ToFormattedString};

        let name = match args.get("locale") {
            Some(v) => v.as_str().ok_or_else(|| {
                tera::Error::msg("filter `num_format`: `locale` must be a string")
            })?,
            None => &self.default_locale,
        };
        // An unknown name is a mistake in the template or config.toml: grouping digits the
        // English way on a Russian page would hide it.
        let locale = Locale::from_name(name).map_err(|_| {
            tera::Error::msg(format!(
                "filter `num_format`: unknown locale `{name}` (use a CLDR name such as `en`, `ru`, `kk` or `de-CH`)"
            ))
        })?;
        let number = value.as_i64().ok_or_else(|| {
            tera::Error::msg(format!(
                "filter `num_format` needs a whole number, got {value}"
            ))
        })?;
        Ok(Value::String(number.to_formatted_string(&locale)))
    }
}

struct RegexReplace;

impl Filter for RegexReplace {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("filter `regex_replace` needs a string"))?;
        let pattern = args
            .get("pattern")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("filter `regex_replace` needs pattern=\"…\""))?;
        let rep = args
            .get("rep")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("filter `regex_replace` needs rep=\"…\""))?;
        let re = regex::Regex::new(pattern)
            .map_err(|e| tera::Error::msg(format!("regex_replace: bad pattern: {e}")))?;
        Ok(Value::String(re.replace_all(text, rep).into_owned()))
    }
}

fn base64_encode(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("filter `base64_encode` needs a string"))?;
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
    ))
}

fn base64_decode(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("filter `base64_decode` needs a string"))?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text.as_bytes())
        .map_err(|e| tera::Error::msg(format!("base64_decode: {e}")))?;
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

fn escape_xml(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let text = value.as_str().unwrap_or_default();
    Ok(Value::String(
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
            .replace('\'', "&apos;"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num_format(value: Value, locale: Option<&str>) -> TeraResult<Value> {
        let mut args = HashMap::new();
        if let Some(locale) = locale {
            args.insert("locale".to_string(), Value::from(locale));
        }
        NumFormat {
            default_locale: "en".to_string(),
        }
        .filter(&value, &args)
    }

    #[test]
    fn num_format_groups_digits_by_locale() {
        assert_eq!(num_format(1234567.into(), None).unwrap(), "1,234,567");
        assert_eq!(num_format(1234567.into(), Some("en")).unwrap(), "1,234,567");
        assert_eq!(num_format((-1000).into(), Some("de")).unwrap(), "-1.000");
        // Russian and Kazakh group with a no-break space, so a number never breaks across lines.
        assert_eq!(
            num_format(1234567.into(), Some("ru")).unwrap(),
            "1\u{a0}234\u{a0}567"
        );
        assert_eq!(
            num_format(1234567.into(), Some("kk")).unwrap(),
            "1\u{a0}234\u{a0}567"
        );
        assert_eq!(num_format(999.into(), Some("ru")).unwrap(), "999");
    }

    #[test]
    fn num_format_refuses_an_unknown_locale_by_name() {
        let err = num_format(1000.into(), Some("xx-NOPE")).unwrap_err();
        assert!(err.to_string().contains("`xx-NOPE`"), "{err}");
        let err = NumFormat {
            default_locale: "klingon".to_string(),
        }
        .filter(&1000.into(), &HashMap::new())
        .unwrap_err();
        assert!(err.to_string().contains("`klingon`"), "{err}");
    }

    #[test]
    fn num_format_needs_a_whole_number() {
        assert!(num_format(Value::from(1.5), None).is_err());
        assert!(num_format(Value::from("1000"), None).is_err());
    }

    fn render(template: &str, context: &tera::Context) -> String {
        let mut tera = tera::Tera::default();
        tera.add_raw_template("t", template).unwrap();
        tera.render("t", context).unwrap()
    }

    /// Tera's own `date` filter, built with the `date-locale` feature as Zola builds it.
    #[test]
    fn date_filter_speaks_russian_and_kazakh() {
        let none = tera::Context::new();
        assert_eq!(
            render(
                r#"{{ "2021-02-04" | date(format="%-d %B %Y", locale="ru_RU") }}"#,
                &none
            ),
            "4 февраля 2021"
        );
        assert_eq!(
            render(
                r#"{{ "2021-02-04" | date(format="%-d %B %Y", locale="en_GB") }}"#,
                &none
            ),
            "4 February 2021"
        );
        assert_eq!(
            render(
                r#"{{ "2021-02-04" | date(format="%B", locale="kk_KZ") }}"#,
                &none
            ),
            "Ақпан"
        );
    }

    /// With `preserve_order`, a map is walked in the order it was written, not sorted.
    #[test]
    fn maps_keep_their_order() {
        let value: Value = serde_json::from_str(r#"{"m": {"zh": 1, "en": 2, "kk": 3}}"#).unwrap();
        let context = tera::Context::from_value(value).unwrap();
        assert_eq!(
            render("{% for k, v in m %}{{ k }}{% endfor %}", &context),
            "zhenkk"
        );
    }

    /// What Tera's own filter gives, rendered by a Tera without casebook's filters.
    fn tera_builtin(expression: &str, text: &str) -> String {
        let mut context = tera::Context::new();
        context.insert("s", text);
        tera::Tera::one_off(&format!("{{{{ {expression} }}}}"), &context, false)
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    fn ours(
        filter: fn(&Value, &HashMap<String, Value>) -> TeraResult<Value>,
        text: &str,
        args: &[(&str, Value)],
    ) -> String {
        let args = args
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        match filter(&Value::from(text), &args) {
            Ok(Value::String(s)) => s,
            other => format!("unexpected: {other:?}"),
        }
    }

    #[test]
    fn striptags_and_truncate_edges() {
        let cases = [
            "",
            "<",
            ">",
            "<>",
            "a<b",
            "<!-->",
            "<!--->",
            "<!-- a -->b",
            "<!-- a\n -->b<i>c</i>",
            "<!-- <b> -->x",
            "x<!--y",
            "<p>é\u{301}</p>",
            "👩‍👩‍👧 family",
            "a < b > c",
        ];
        for text in cases {
            assert_eq!(
                ours(striptags, text, &[]),
                tera_builtin("s | striptags", text),
                "{text:?}"
            );
            for length in [0, 1, 2, 5, 100] {
                assert_eq!(
                    ours(truncate, text, &[("length", Value::from(length))]),
                    tera_builtin(&format!("s | truncate(length={length})"), text),
                    "{text:?} {length}"
                );
            }
            assert_eq!(
                ours(
                    truncate,
                    text,
                    &[("length", Value::from(1)), ("end", Value::from("..."))]
                ),
                tera_builtin("s | truncate(length=1, end=\"...\")", text),
            );
        }
        assert_eq!(
            ours(truncate, &"x".repeat(300), &[]),
            tera_builtin("s | truncate", &"x".repeat(300))
        );
        assert!(truncate(&Value::from(3), &HashMap::new()).is_err());
        assert!(striptags(&Value::Null, &HashMap::new()).is_err());
        let negative = [("length".to_string(), Value::from(-1))]
            .into_iter()
            .collect();
        assert!(truncate(&Value::from("abc"), &negative).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 512,
            failure_persistence: None,
            rng_seed: proptest::test_runner::RngSeed::Fixed(0x7472_756e_6361_7465),
            ..Default::default()
        })]

        /// Built from the characters the pattern and grapheme rules turn on, so that tags,
        /// comments, line breaks and multi-character clusters meet in every order.
        #[test]
        fn same_output_as_teras_own(
            text in "(<|>|!|-|-->|<!--|\n|a|é|e\u{301}|👩\u{200d}👧|\r\n| ){0,40}",
            length in 0usize..45,
        ) {
            proptest::prop_assert_eq!(ours(striptags, &text, &[]), tera_builtin("s | striptags", &text));
            proptest::prop_assert_eq!(
                ours(truncate, &text, &[("length", Value::from(length))]),
                tera_builtin(&format!("s | truncate(length={length})"), &text)
            );
        }
    }
}
