//! Writing `+++`-delimited TOML front matter by hand.
//!
//! A TOML library would reorder keys and tables; writing the text directly
//! keeps the layout a person would write and keeps the output stable.

use crate::date::Date;
use crate::flavor::Flavor;

/// A TOML basic string, with the few escapes our vocabulary can need.
pub fn toml_string(value: &str) -> String {
    let mut quoted = String::with_capacity(value.len() + 2);
    quoted.push('"');
    for character in value.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            other => quoted.push(other),
        }
    }
    quoted.push('"');
    quoted
}

fn toml_string_array<S: AsRef<str>>(values: &[S]) -> String {
    let items: Vec<String> = values.iter().map(|v| toml_string(v.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A value inside an inline table.
pub enum Value<'a> {
    Text(&'a str),
    Integer(u64),
}

/// An inline table: `{ article = "174", part = "2" }`.
pub fn inline_table(fields: &[(&str, Value)]) -> String {
    let items: Vec<String> = fields
        .iter()
        .map(|(key, value)| {
            let text = match value {
                Value::Text(text) => toml_string(text),
                Value::Integer(number) => number.to_string(),
            };
            format!("{key} = {text}")
        })
        .collect();
    format!("{{ {} }}", items.join(", "))
}

/// Builds front matter line by line. Keys go to whatever table was opened last.
pub struct FrontMatter {
    text: String,
}

impl FrontMatter {
    pub fn new() -> Self {
        FrontMatter {
            text: String::from("+++\n"),
        }
    }

    pub fn string(&mut self, key: &str, value: &str) -> &mut Self {
        self.line(key, &toml_string(value))
    }

    pub fn strings<S: AsRef<str>>(&mut self, key: &str, values: &[S]) -> &mut Self {
        self.line(key, &toml_string_array(values))
    }

    pub fn date(&mut self, key: &str, value: Date) -> &mut Self {
        self.line(key, &value.to_string())
    }

    pub fn integer(&mut self, key: &str, value: u64) -> &mut Self {
        self.line(key, &value.to_string())
    }

    /// A key whose value is already TOML text (an inline table, an array of
    /// inline tables).
    pub fn raw(&mut self, key: &str, toml_value: &str) -> &mut Self {
        self.line(key, toml_value)
    }

    pub fn table(&mut self, name: &str) -> &mut Self {
        self.text.push_str(&format!("\n[{name}]\n"));
        self
    }

    pub fn array_table(&mut self, name: &str) -> &mut Self {
        self.text.push_str(&format!("\n[[{name}]]\n"));
        self
    }

    /// Taxonomy terms: a `[taxonomies]` table for Zola, top-level keys for
    /// Hugo. Must be called before any other table is opened, because Hugo's
    /// keys are top-level. Empty term lists are left out.
    pub fn taxonomies(&mut self, flavor: Flavor, kinds: &[(&str, Vec<&str>)]) -> &mut Self {
        if flavor.is_zola() {
            self.table("taxonomies");
        }
        for (kind, terms) in kinds {
            if !terms.is_empty() {
                self.strings(kind, terms);
            }
        }
        self
    }

    /// The length `finish` would give with an empty body.
    pub fn finished_len(&self) -> usize {
        self.text.len() + "+++\n\n".len()
    }

    /// Closes the front matter and appends the Markdown body.
    pub fn finish(mut self, body: &str) -> String {
        self.text.push_str("+++\n\n");
        self.text.push_str(body);
        if !body.ends_with('\n') {
            self.text.push('\n');
        }
        self.text
    }

    fn line(&mut self, key: &str, value: &str) -> &mut Self {
        self.text.push_str(key);
        self.text.push_str(" = ");
        self.text.push_str(value);
        self.text.push('\n');
        self
    }
}
