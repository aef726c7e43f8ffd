//! Value types of the case model: partial dates, web addresses and the enumerations, each
//! refusing bad input while deserializing so the error points at the value.

use std::fmt;

use chrono::NaiveDate;
use serde::{de, Deserialize, Deserializer, Serialize};

/// A date that may be known only to the month or the year: `2016-05-17`, `"2016-05"`, `"2016"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub enum CaseDate {
    Year(i32),
    Month(i32, u32),
    Day(NaiveDate),
}

impl CaseDate {
    pub fn parse(text: &str) -> Result<CaseDate, String> {
        let text = text.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| -> Option<u32> {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let bad = || {
            format!("{text:?} is not a date; write YYYY-MM-DD, or \"YYYY-MM\" / \"YYYY\" when only that is known")
        };
        match parts.as_slice() {
            [y] => number(y, 4)
                .map(|y| CaseDate::Year(y as i32))
                .ok_or_else(bad),
            [y, m] => {
                let (y, m) = (number(y, 4).ok_or_else(bad)?, number(m, 2).ok_or_else(bad)?);
                if (1..=12).contains(&m) {
                    Ok(CaseDate::Month(y as i32, m))
                } else {
                    Err(format!("{text:?} is not a real month"))
                }
            }
            [y, m, d] => {
                let (y, m, d) = (
                    number(y, 4).ok_or_else(bad)?,
                    number(m, 2).ok_or_else(bad)?,
                    number(d, 2).ok_or_else(bad)?,
                );
                NaiveDate::from_ymd_opt(y as i32, m, d)
                    .map(CaseDate::Day)
                    .ok_or_else(|| format!("{text:?} is not a real date"))
            }
            _ => Err(bad()),
        }
    }

    /// The earliest day the date can mean, for ordering and comparisons.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            CaseDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
            CaseDate::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
            CaseDate::Day(d) => d,
        }
    }
}

impl fmt::Display for CaseDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseDate::Year(y) => write!(f, "{y:04}"),
            CaseDate::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            CaseDate::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl From<CaseDate> for String {
    fn from(d: CaseDate) -> String {
        d.to_string()
    }
}

impl<'de> Deserialize<'de> for CaseDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = toml::Value::deserialize(deserializer)?;
        let text = match &value {
            toml::Value::Datetime(dt) => {
                if dt.time.is_some() {
                    return Err(de::Error::custom("write a date without a time: YYYY-MM-DD"));
                }
                dt.to_string()
            }
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(y) => y.to_string(),
            other => {
                return Err(de::Error::custom(format!(
                    "expected a date (YYYY-MM-DD, \"YYYY-MM\" or \"YYYY\"), found {}",
                    other.type_str()
                )))
            }
        };
        CaseDate::parse(&text).map_err(de::Error::custom)
    }
}

/// An http or https address; anything else (javascript:, data:, file:, relative) is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WebUrl(pub String);

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        let host_start = if lower.starts_with("https://") {
            8
        } else if lower.starts_with("http://") {
            7
        } else {
            return Err(de::Error::custom(format!(
                "{trimmed:?} is not a web address: it must start with https:// or http://"
            )));
        };
        let host = trimmed[host_start..]
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("");
        if host.is_empty() || trimmed.chars().any(char::is_whitespace) {
            return Err(de::Error::custom(format!(
                "{trimmed:?} is not a valid web address"
            )));
        }
        Ok(WebUrl(trimmed.to_string()))
    }
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }
    };
}

string_enum!(
    /// Where a person stands, as of `status_as_of`.
    Status {
        Detained = "detained",
        Imprisoned = "imprisoned",
        RestrictedFreedom = "restricted_freedom",
        TravelBan = "travel_ban",
        Released = "released",
        Deceased = "deceased",
        Exile = "exile",
    }
);

string_enum!(
    /// Whether the state did what a UN body asked.
    Implementation {
        NotImplemented = "not_implemented",
        Partial = "partial",
        Implemented = "implemented",
        Unknown = "unknown",
    }
);

string_enum!(
    /// UN bodies and mandates whose decisions the site records; add new ones here.
    UnBody {
        Wgad = "wgad",
        Ccpr = "ccpr",
        SrTorture = "sr_torture",
        Cat = "cat",
        Cescr = "cescr",
        Cedaw = "cedaw",
        Cerd = "cerd",
        SrHumanRightsDefenders = "sr_hrd",
        SrFreedomOfExpression = "sr_expression",
        SrAssembly = "sr_assembly",
        SrJudges = "sr_judges",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(CaseDate::parse("2016").unwrap(), CaseDate::Year(2016));
        assert_eq!(CaseDate::parse("2016-05").unwrap().to_string(), "2016-05");
        assert!(CaseDate::parse("2016-13").is_err());
        assert!(CaseDate::parse("2021-02-30")
            .unwrap_err()
            .contains("not a real date"));
        assert!(CaseDate::parse("May 2016").is_err());
    }
}
