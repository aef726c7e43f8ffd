//! Zola shortcodes in Markdown: `{{ name(arg=1) }}` inline and `{% name() %}body{% end %}`.
//!
//! Shortcodes are found before Markdown is parsed. An HTML shortcode's output is kept out of the
//! Markdown and out of the sanitizer: it is replaced by a placeholder word that is swapped back
//! once the page's own HTML has been rendered and cleaned. Shortcode templates live in the
//! repository and are reviewed like code; the text of case files is not, which is why only the
//! latter is sanitized.

use serde_json::{Map, Value};

/// A shortcode call found in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: String,
    pub args: Map<String, Value>,
    pub body: Option<String>,
    /// Byte range of the whole call in the text.
    pub range: std::ops::Range<usize>,
}

/// A piece of Markdown text: either plain text or a shortcode call.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Call(Call),
}

/// A malformed call: an opening `{% name() %}` without `{% end %}`, or bad arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
}

/// Splits text into plain pieces and shortcode calls. `{{/* … */}}` and `{%/* … */%}` are
/// Zola's escapes and come out as the literal `{{ … }}` and `{% … %}`.
pub fn split(text: &str) -> Result<Vec<Piece>, ParseError> {
    if !text.contains("{{") && !text.contains("{%") {
        return Ok(vec![Piece::Text(text.to_string())]);
    }
    let mut pieces = Vec::new();
    let mut plain = String::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    // Once an escape `{{/*` has no `*/}}` after it, no later one has: without this, a text
    // full of `{{/*` would be searched to its end from each of them.
    let mut unclosed_escape = [false, false];
    while i < text.len() {
        if bytes[i] == b'{' && i + 1 < text.len() && (bytes[i + 1] == b'{' || bytes[i + 1] == b'%')
        {
            let open = &text[i..i + 2];
            let close = if open == "{{" { "}}" } else { "%}" };
            // Escaped form.
            let kind = usize::from(open == "{%");
            if text[i + 2..].starts_with("/*") && !unclosed_escape[kind] {
                match text[i + 4..].find(&format!("*/{close}")) {
                    Some(end) => {
                        plain.push_str(open);
                        plain.push_str(&text[i + 4..i + 4 + end]);
                        plain.push_str(close);
                        i = i + 4 + end + 4;
                        continue;
                    }
                    None => unclosed_escape[kind] = true,
                }
            }
            if let Some((name, args, after)) = parse_call(text, i + 2, close)? {
                if open == "{{" {
                    flush(&mut plain, &mut pieces);
                    pieces.push(Piece::Call(Call {
                        name,
                        args,
                        body: None,
                        range: i..after,
                    }));
                    i = after;
                    continue;
                }
                if name != "end" {
                    let Some((body_end, end_after)) = find_end(text, after) else {
                        return Err(ParseError {
                            offset: i,
                            message: format!("shortcode `{name}` is opened with {{% … %}} but never closed with {{% end %}}"),
                        });
                    };
                    flush(&mut plain, &mut pieces);
                    let body = text[after..body_end]
                        .trim_start_matches('\n')
                        .trim_end()
                        .to_string();
                    pieces.push(Piece::Call(Call {
                        name,
                        args,
                        body: Some(body),
                        range: i..end_after,
                    }));
                    i = end_after;
                    continue;
                }
            }
        }
        let ch = text[i..].chars().next().map(char::len_utf8).unwrap_or(1);
        plain.push_str(&text[i..i + ch]);
        i += ch;
    }
    flush(&mut plain, &mut pieces);
    Ok(pieces)
}

fn flush(plain: &mut String, pieces: &mut Vec<Piece>) {
    if !plain.is_empty() {
        pieces.push(Piece::Text(std::mem::take(plain)));
    }
}

/// Finds `{% end %}` after `from`; returns where the body ends and where the tag ends.
fn find_end(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut search = from;
    while let Some(pos) = text[search..].find("{%") {
        let start = search + pos;
        let rest = &text[start + 2..];
        let trimmed = rest.trim_start();
        if let Some(after_end) = trimmed.strip_prefix("end") {
            let after_ws = after_end.trim_start();
            if after_ws.starts_with("%}") {
                let consumed = rest.len() - after_ws.len() + 2;
                return Some((start, start + 2 + consumed));
            }
        }
        search = start + 2;
    }
    None
}

/// A call's name, its arguments, and the offset just past its closing braces.
type ParsedCall = (String, Map<String, Value>, usize);

/// Parses `name(args) }}` starting after the opening braces. `Ok(None)` when the text is not a
/// shortcode call at all (ordinary text with braces).
fn parse_call(text: &str, start: usize, close: &str) -> Result<Option<ParsedCall>, ParseError> {
    let mut p = Parser {
        text,
        pos: start,
        depth: 0,
    };
    p.skip_ws();
    let name = p.ident();
    if name.is_empty() {
        return Ok(None);
    }
    p.skip_ws();
    if name == "end" && close == "%}" {
        return Ok(None);
    }
    if !p.eat("(") {
        return Ok(None);
    }
    let mut args = Map::new();
    loop {
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        let key = p.ident();
        if key.is_empty() {
            return Ok(None);
        }
        p.skip_ws();
        if !p.eat("=") {
            return Err(ParseError {
                offset: p.pos,
                message: format!("shortcode `{name}`: expected `=` after argument `{key}`"),
            });
        }
        p.skip_ws();
        let value = p.value().ok_or_else(|| ParseError {
            offset: p.pos,
            message: if p.depth > MAX_LIST_DEPTH {
                format!("shortcode `{name}`: argument `{key}` nests lists more than {MAX_LIST_DEPTH} deep")
            } else {
                format!(
                    "shortcode `{name}`: argument `{key}` needs a value: a quoted string, a number, true/false or [a, list]"
                )
            },
        })?;
        args.insert(key, value);
        p.skip_ws();
        if p.eat(",") {
            continue;
        }
        p.skip_ws();
        if p.eat(")") {
            break;
        }
        return Err(ParseError {
            offset: p.pos,
            message: format!("shortcode `{name}`: expected `,` or `)` in the arguments"),
        });
    }
    p.skip_ws();
    if !p.eat(close) {
        return Ok(None);
    }
    Ok(Some((name, args, p.pos)))
}

/// How deeply list arguments may nest (`[[1, 2], [3]]` is two). Values are read recursively,
/// so `[[[[…` twenty thousand deep would overflow the stack; real arguments nest once or twice.
const MAX_LIST_DEPTH: usize = 16;

struct Parser<'a> {
    text: &'a str,
    pos: usize,
    /// Lists open around the value being read.
    depth: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let trimmed = self.rest().trim_start();
        self.pos = self.text.len() - trimmed.len();
    }

    fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> String {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|(i, c)| {
                !(c.is_ascii_alphanumeric() || *c == '_') || (*i == 0 && c.is_ascii_digit())
            })
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let id = rest[..len].to_string();
        self.pos += len;
        id
    }

    fn value(&mut self) -> Option<Value> {
        let rest = self.rest();
        let first = rest.chars().next()?;
        match first {
            '"' | '\'' | '`' => {
                let end = rest[1..].find(first)?;
                let s = rest[1..1 + end].to_string();
                self.pos += end + 2;
                Some(Value::String(s))
            }
            '[' => {
                self.depth += 1;
                if self.depth > MAX_LIST_DEPTH {
                    return None;
                }
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    if self.eat("]") {
                        self.depth -= 1;
                        return Some(Value::Array(items));
                    }
                    items.push(self.value()?);
                    self.skip_ws();
                    if self.eat(",") {
                        continue;
                    }
                    self.skip_ws();
                    if self.eat("]") {
                        self.depth -= 1;
                        return Some(Value::Array(items));
                    }
                    return None;
                }
            }
            _ => {
                let len = rest
                    .find(|c: char| {
                        !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '+')
                    })
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                let value = match word {
                    "true" => Value::Bool(true),
                    "false" => Value::Bool(false),
                    _ => {
                        if let Ok(i) = word.parse::<i64>() {
                            Value::from(i)
                        } else if let Ok(f) = word.parse::<f64>() {
                            serde_json::Number::from_f64(f).map(Value::Number)?
                        } else {
                            return None;
                        }
                    }
                };
                self.pos += len;
                Some(value)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_and_body_calls() {
        let pieces = split("a {{ note(text=\"hi\", n=2, flag=true, xs=[1, 'b']) }} b\n{% quote(by=\"x\") %}\nbody\n{% end %}\nc").unwrap();
        assert_eq!(pieces.len(), 5);
        match &pieces[1] {
            Piece::Call(c) => {
                assert_eq!(c.name, "note");
                assert_eq!(c.args["text"], "hi");
                assert_eq!(c.args["n"], 2);
                assert_eq!(c.args["xs"][1], "b");
            }
            _ => panic!("expected a call"),
        }
        match &pieces[3] {
            Piece::Call(c) => assert_eq!(c.body.as_deref(), Some("body")),
            _ => panic!("expected a call"),
        }
    }

    #[test]
    fn braces_that_are_not_calls_stay() {
        let pieces = split("{{ just text }} and {% not a call %}").unwrap();
        assert_eq!(
            pieces,
            vec![Piece::Text("{{ just text }} and {% not a call %}".into())]
        );
    }

    #[test]
    fn escapes() {
        let pieces = split("{{/* note(a=1) */}}").unwrap();
        assert_eq!(pieces, vec![Piece::Text("{{ note(a=1) }}".into())]);
    }

    #[test]
    fn unclosed_body() {
        assert!(split("{% quote() %} never closed").is_err());
    }

    #[test]
    fn deeply_nested_list_argument() {
        // Read recursively: 20,000 levels overflowed the stack.
        let deep = format!(
            "{{{{ a(b={}1{}) }}}}",
            "[".repeat(20_000),
            "]".repeat(20_000)
        );
        let e = split(&deep).unwrap_err();
        assert_eq!(
            e.message,
            "shortcode `a`: argument `b` nests lists more than 16 deep"
        );
        let ok = format!("{{{{ a(b={}1{}) }}}}", "[".repeat(16), "]".repeat(16));
        match &split(&ok).unwrap()[0] {
            Piece::Call(c) => assert_eq!(
                c.args["b"].to_string(),
                format!("{}1{}", "[".repeat(16), "]".repeat(16))
            ),
            other => panic!("expected a call, got {other:?}"),
        }
    }

    #[test]
    fn many_unclosed_escapes_take_linear_time() {
        // Each `{{/*` used to search the rest of the text for its end: 50,000 of them took
        // minutes. They stay as written.
        let text = "{{/* ".repeat(50_000);
        assert_eq!(split(&text).unwrap(), vec![Piece::Text(text.clone())]);
        let text = format!("{}{{{{/* a() */}}}}", "{%/* ".repeat(50_000));
        let pieces = split(&text).unwrap();
        assert_eq!(pieces.len(), 1);
        match &pieces[0] {
            Piece::Text(t) => assert!(t.ends_with("{%/* {{ a() }}"), "{}", &t[t.len() - 20..]),
            other => panic!("expected text, got {other:?}"),
        }
    }
}
