//! Which fact cites which source, both ways: the numbered references after a fact and the
//! back-links from the source list to the facts that cite it.
//!
//! The anchors named here are the theme's contract: `fact-<field>` for a field of the profile or
//! decision, `case-<n>-<field>` for a field of the n-th prosecution, `timeline-<n>` for the n-th
//! timeline entry and `cite-<n>` for the n-th `cite` shortcode of the body (its `nth`). Sources
//! are numbered by their order in `[[extra.sources]]`, from 1, and their anchor is `source-<n>`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{json, Value};

use super::{
    BodyCite, CaseDate, CaseFacts, Cites, Source, TimelineEntry, CASE_CITED, DECISION_CITED,
    PROFILE_CITABLE,
};

/// A place that cites a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citing {
    /// The anchor of the fact on the page, without `#`.
    pub anchor: String,
    /// `field`, `timeline` or `text`.
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The prosecution the field belongs to, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<usize>,
    /// The date of a timeline entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<CaseDate>,
    /// Which citation of the body this is, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nth: Option<usize>,
}

/// How long a status may go unconfirmed before the page says when it was last confirmed.
pub const STATUS_FRESH_YEARS: i32 = 2;

/// The day a build judges staleness by: `SOURCE_DATE_EPOCH` when set (reproducible builds),
/// otherwise today (UTC).
pub fn reference_date() -> NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

/// Whether a status confirmed `as_of` is more than two years old on `today`. A partial date
/// counts from its last possible day, so "2021" is stale only from 2024-01-01.
pub fn is_stale(as_of: &CaseDate, today: NaiveDate) -> bool {
    let latest = match *as_of {
        CaseDate::Day(d) => d,
        CaseDate::Month(y, m) => {
            let next = if m == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, m + 1, 1)
            };
            next.and_then(|d| d.pred_opt()).unwrap_or(as_of.earliest())
        }
        CaseDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(as_of.earliest()),
    };
    let limit = today
        .with_year(today.year() - STATUS_FRESH_YEARS)
        .or_else(|| {
            today
                .pred_opt()
                .and_then(|d| d.with_year(d.year() - STATUS_FRESH_YEARS))
        })
        .unwrap_or(today);
    latest < limit
}

fn anchor_field(field: &str) -> String {
    field.replace('_', "-")
}

/// Every place of a case file that cites a source, in page order: the facts of the file, each
/// prosecution, the timeline, then the body.
pub fn citing(facts: &CaseFacts) -> Vec<(String, Citing)> {
    let mut out = Vec::new();
    let mut fields = |cites: &Cites, order: &[&str], case: Option<usize>| {
        for field in order {
            for id in cites.get(*field).into_iter().flatten() {
                let anchor = match case {
                    Some(n) => format!("case-{n}-{}", anchor_field(field)),
                    None => format!("fact-{}", anchor_field(field)),
                };
                out.push((
                    id.get_ref().clone(),
                    Citing {
                        anchor,
                        kind: "field",
                        field: Some((*field).to_string()),
                        case,
                        date: None,
                        nth: None,
                    },
                ));
            }
        }
    };
    let (timeline, body): (&[TimelineEntry], &[BodyCite]) = match facts {
        CaseFacts::Profile(p) => {
            let p = p.get_ref();
            fields(&p.cite, PROFILE_CITABLE, None);
            for (i, case) in p.cases.iter().enumerate() {
                fields(&case.get_ref().cite, CASE_CITED, Some(i + 1));
            }
            (&p.timeline, &p.body_cites)
        }
        CaseFacts::Decision(d) => {
            let d = d.get_ref();
            fields(&d.cite, DECISION_CITED, None);
            (&[], &d.body_cites)
        }
    };
    for (i, entry) in timeline.iter().enumerate() {
        for id in entry.cite.get_ref() {
            out.push((
                id.get_ref().clone(),
                Citing {
                    anchor: format!("timeline-{}", i + 1),
                    kind: "timeline",
                    field: None,
                    case: None,
                    date: Some(entry.date),
                    nth: None,
                },
            ));
        }
    }
    for cite in body {
        out.push((
            cite.id.clone(),
            Citing {
                anchor: format!("cite-{}", cite.nth),
                kind: "text",
                field: None,
                case: None,
                date: None,
                nth: Some(cite.nth),
            },
        ));
    }
    out
}

fn sources_of(facts: &CaseFacts) -> &[Source] {
    match facts {
        CaseFacts::Profile(p) => &p.get_ref().sources,
        CaseFacts::Decision(d) => &d.get_ref().sources,
    }
}

/// The facts as templates see them: the fields as written, plus `source_numbers` (id → number),
/// each source's `number` and `cited_by`, and for a profile `status_stale`.
pub fn template_value(facts: &CaseFacts, today: NaiveDate) -> Value {
    let mut value = match facts {
        CaseFacts::Profile(p) => serde_json::to_value(p.get_ref()),
        CaseFacts::Decision(d) => serde_json::to_value(d.get_ref()),
    }
    .unwrap_or_default();
    let sources = sources_of(facts);
    let mut by_source: BTreeMap<String, Vec<Citing>> = BTreeMap::new();
    for (id, place) in citing(facts) {
        by_source.entry(id).or_default().push(place);
    }
    let numbers: serde_json::Map<String, Value> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.get_ref().clone(), json!(i + 1)))
        .collect();
    let Value::Object(map) = &mut value else {
        return value;
    };
    if let Some(Value::Array(list)) = map.get_mut("sources") {
        for (i, (item, source)) in list.iter_mut().zip(sources).enumerate() {
            if let Value::Object(item) = item {
                item.insert("number".into(), json!(i + 1));
                let cited = by_source.remove(source.id.get_ref()).unwrap_or_default();
                item.insert("cited_by".into(), json!(cited));
            }
        }
    }
    map.insert("source_numbers".into(), Value::Object(numbers));
    if let CaseFacts::Profile(p) = facts {
        map.insert(
            "status_stale".into(),
            json!(is_stale(&p.get_ref().status_as_of, today)),
        );
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_status_is_stale_after_two_years_counted_from_its_last_possible_day() {
        let today = day("2026-12-02");
        let stale = |s: &str| is_stale(&CaseDate::parse(s).unwrap(), today);
        assert!(stale("2024-12-01"));
        assert!(!stale("2024-12-02"));
        assert!(!stale("2024-12"));
        assert!(stale("2024-11"));
        assert!(!stale("2025"));
        assert!(stale("2023"));
        // 29 February has no twin two years later; the limit falls back to the day before.
        assert!(!is_stale(
            &CaseDate::parse("2022-02-28").unwrap(),
            day("2024-02-29")
        ));
    }
}
