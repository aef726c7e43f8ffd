//! Zola's template filters: markdown, num_format, regex_replace, base64_encode, base64_decode.

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
        let locale = args
            .get("locale")
            .and_then(Value::as_str)
            .unwrap_or(&self.default_locale);
        let number = value
            .as_i64()
            .or_else(|| value.as_f64().map(|f| f.round() as i64))
            .ok_or_else(|| tera::Error::msg("filter `num_format` needs a number"))?;
        Ok(Value::String(group_thousands(number, separator(locale))))
    }
}

/// Thousands separator by language: the common ones of our readers, and a comma otherwise.
fn separator(locale: &str) -> &'static str {
    let lang = locale.split(['-', '_']).next().unwrap_or(locale);
    match lang {
        "ru" | "kk" | "uk" | "fr" | "pl" | "cs" | "sv" | "fi" | "nb" => "\u{a0}",
        "de" | "es" | "it" | "nl" | "tr" | "pt" | "da" | "id" => ".",
        "ch" => "'",
        _ => ",",
    }
}

fn group_thousands(number: i64, sep: &str) -> String {
    let digits = number.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    if number < 0 {
        format!("-{out}")
    } else {
        out
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

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(1234567, ","), "1,234,567");
        assert_eq!(group_thousands(-1000, "."), "-1.000");
        assert_eq!(group_thousands(999, ","), "999");
    }
}
