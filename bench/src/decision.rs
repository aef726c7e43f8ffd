//! One decision of a UN body about one to three profiles:
//! `content/decisions/d-NNNN.md`, 2–3.5 KB.
//!
//! casebook checks that decisions and profiles name each other both ways
//! (`extra.persons` here, `extra.decisions` in the profile), so who a decision
//! concerns is drawn first, from its own random stream, as an `Outline` that
//! the profiles can read without rendering the decision.

use std::collections::BTreeMap;

use crate::date::Date;
use crate::flavor::Flavor;
use crate::front_matter::FrontMatter;
use crate::identity::Identity;
use crate::profile;
use crate::prose::{english_paragraph, russian_paragraph};
use crate::rng::SplitMix64;
use crate::vocabulary::UN_BODIES;

const OUTLINE_STREAM: u64 = 3;
const DECISION_STREAM: u64 = 4;

/// Rights whose violation a decision may find: (provision, right).
const FINDINGS: &[(&str, &str)] = &[
    ("ICCPR art. 7", "freedom from torture and ill-treatment"),
    ("ICCPR art. 9", "liberty and security of person"),
    ("ICCPR art. 10", "humane conditions of detention"),
    ("ICCPR art. 14", "a fair trial"),
    ("ICCPR art. 18", "freedom of religion"),
    ("ICCPR art. 19", "freedom of expression"),
    ("ICCPR art. 21", "peaceful assembly"),
    ("ICCPR art. 22", "freedom of association"),
    ("ICCPR art. 26", "equality before the law"),
];

const REQUESTS: &[&str] = &[
    "Release the person immediately and unconditionally.",
    "Grant an enforceable right to compensation.",
    "Investigate the allegations of ill-treatment.",
    "Bring article 174 of the Criminal Code in line with the Covenant.",
    "Publish the decision in Kazakh and Russian.",
    "Report on the measures taken within 180 days.",
];

const STATE_RESPONSES: &[&str] = &[
    "The Government did not reply within the deadline.",
    "The Government replied that the prosecution was lawful.",
    "The Government replied that the person had been released on parole.",
    "The Government contested the admissibility of the communication.",
];

/// Implementation status values of casebook's case model, with frequencies.
const IMPLEMENTATION: &[(&str, u64)] = &[
    ("not_implemented", 55),
    ("partial", 15),
    ("implemented", 5),
    ("unknown", 25),
];

/// What a profile needs to know about a decision before it is rendered.
pub struct Outline {
    pub number: u64,
    /// Index into `UN_BODIES`.
    pub body: usize,
    /// Profile numbers, ascending.
    pub persons: Vec<u64>,
}

/// The path of decision `number` under `content/`.
pub fn content_path(number: u64) -> String {
    format!("decisions/d-{number:04}.md")
}

pub fn outline(seed: u64, number: u64, case_total: u64) -> Outline {
    let mut rng = SplitMix64::for_item(seed, OUTLINE_STREAM, number);
    let weighted: Vec<(usize, u64)> = UN_BODIES
        .iter()
        .enumerate()
        .map(|(index, (_, _, weight))| (index, *weight))
        .collect();
    let body = *rng.pick_weighted(&weighted);
    let wanted = (*rng.pick_weighted(&[(1u64, 70), (2, 20), (3, 10)])).min(case_total);
    let mut persons: Vec<u64> = Vec::new();
    while (persons.len() as u64) < wanted {
        let case_number = rng.range(1, case_total);
        if !persons.contains(&case_number) {
            persons.push(case_number);
        }
    }
    persons.sort_unstable();
    Outline {
        number,
        body,
        persons,
    }
}

/// For every profile, the outlines of the decisions that concern it, in
/// decision order.
pub fn outlines_by_case(outlines: &[Outline]) -> BTreeMap<u64, Vec<&Outline>> {
    let mut by_case: BTreeMap<u64, Vec<&Outline>> = BTreeMap::new();
    for outline in outlines {
        for &case_number in &outline.persons {
            by_case.entry(case_number).or_default().push(outline);
        }
    }
    by_case
}

/// Renders the decision described by `outline` in a corpus with `seed`.
pub fn render(seed: u64, outline: &Outline, flavor: Flavor) -> String {
    let number = outline.number;
    let mut rng = SplitMix64::for_item(seed, DECISION_STREAM, number);
    let (body_code, body_name, _) = UN_BODIES[outline.body];
    let adopted = Date::random_in_years(&mut rng, 2014, 2025);
    let people: Vec<Identity> = outline
        .persons
        .iter()
        .map(|&case_number| Identity::of_case(seed, case_number))
        .collect();
    let names: Vec<&str> = people.iter().map(|p| p.short_latin.as_str()).collect();

    let sequence = number % 90 + 1;
    let (symbol, opinion_number, reference) = match body_code {
        "wgad" => (
            format!("A/HRC/WGAD/{}/{sequence}", adopted.year),
            Some(format!("{sequence}/{}", adopted.year)),
            format!("Opinion No. {sequence}/{}", adopted.year),
        ),
        "ccpr" | "cat" => {
            let committee = if body_code == "ccpr" { "CCPR" } else { "CAT" };
            let communication = format!("{}/{}", 2000 + number, adopted.year.saturating_sub(3));
            (
                format!(
                    "{committee}/C/{}/D/{communication}",
                    100 + adopted.year % 50
                ),
                None,
                format!("Communication No. {communication}"),
            )
        }
        _ => {
            let communication = format!("KAZ {}/{}", number % 40 + 1, adopted.year);
            (
                format!("AL {communication}"),
                None,
                format!("Communication {communication}"),
            )
        }
    };
    let title = format!("{reference} concerning {}", names.join(", "));
    let mut regions: Vec<&str> = Vec::new();
    for person in &people {
        if !regions.contains(&person.region.name) {
            regions.push(person.region.name);
        }
    }

    let finding_count = rng.range(2, 4) as usize;
    let findings: Vec<(&str, &str, bool)> = rng
        .pick_distinct(FINDINGS, finding_count)
        .into_iter()
        .map(|(provision, right)| (*provision, *right, rng.chance(85)))
        .collect();
    let request_count = rng.range(2, 4) as usize;
    let requests: Vec<&str> = rng
        .pick_distinct(REQUESTS, request_count)
        .into_iter()
        .copied()
        .collect();
    let state_response = *rng.pick(STATE_RESPONSES);
    let implementation = *rng.pick_weighted(IMPLEMENTATION);
    let months_later = rng.range(3, 24) as u32;
    let implementation_as_of = adopted.plus_months(&mut rng, months_later);
    let document_slug = symbol.replace(['/', ' '], "-");

    let mut front = FrontMatter::new();
    front
        .string("title", &title)
        .string(
            "description",
            &format!("{body_name}, {reference}, adopted {adopted}."),
        )
        .date("date", adopted)
        .taxonomies(
            flavor,
            &[("regions", regions), ("un_bodies", vec![body_name])],
        );
    front
        .table("extra")
        .string("body", body_code)
        .string("symbol", &symbol);
    if let Some(opinion_number) = &opinion_number {
        front.string("opinion_number", opinion_number);
    }
    front
        .date("adopted", adopted)
        .string("session", &format!("{}th session", 70 + adopted.year % 40))
        .strings(
            "persons",
            &outline
                .persons
                .iter()
                .map(|&n| format!("@/{}", profile::content_path(n)))
                .collect::<Vec<_>>(),
        )
        .strings(
            "findings",
            &findings
                .iter()
                .filter(|(_, _, violated)| *violated)
                .map(|(provision, right, _)| format!("Violation of {provision} ({right})"))
                .collect::<Vec<_>>(),
        )
        .strings("requests", &requests)
        .string("state_response", state_response)
        .string("implementation", implementation);
    if implementation != "unknown" {
        front.date("implementation_as_of", implementation_as_of);
    }
    front.string(
        "document_url",
        &format!("https://docs.example.org/{document_slug}"),
    );
    // Every key fact cites the decision's own document, as the case model asks.
    let cited = ["un"];
    front.table("extra.cite").strings("symbol", &cited);
    if opinion_number.is_some() {
        front.strings("opinion_number", &cited);
    }
    front
        .strings("adopted", &cited)
        .strings("session", &cited)
        .strings("requests", &cited)
        .strings("state_response", &cited)
        .strings("implementation", &cited);
    if findings.iter().any(|(_, _, violated)| *violated) {
        front.strings("findings", &cited);
    }
    front
        .array_table("extra.sources")
        .string("id", "un")
        .string("title", &format!("{body_name}: {reference}"))
        .string("publisher", "United Nations (example mirror)")
        .date("date", adopted)
        .string("url", &format!("https://docs.example.org/{document_slug}"));
    if rng.chance(50) {
        front
            .array_table("extra.sources")
            .string("id", "news")
            .string(
                "title",
                &format!("UN body finds violations in the case of {}", names[0]),
            )
            .string("publisher", "Independent news")
            .string(
                "url",
                &format!("https://news.example.com/un-{}-{number}", people[0].slug()),
            );
    }

    let mut blocks = vec!["## Summary".to_string()];
    let links: Vec<String> = people
        .iter()
        .zip(&outline.persons)
        .map(|(person, &n)| {
            format!(
                "[{}]({})",
                person.short_latin,
                flavor.internal_link(&profile::content_path(n))
            )
        })
        .collect();
    let lead = format!(
        "On {adopted} the {body_name} adopted {reference} concerning {}.",
        links.join(", ")
    );
    let sentences = rng.range(2, 4);
    blocks.push(english_paragraph(&mut rng, Some(&lead), sentences));

    blocks.push("## Findings".to_string());
    let mut table = vec![
        "| Provision | Right | Violated |".to_string(),
        "|-----------|-------|----------|".to_string(),
    ];
    for (provision, right, violated) in &findings {
        let answer = if *violated { "yes" } else { "no" };
        table.push(format!("| {provision} | {right} | {answer} |"));
    }
    blocks.push(table.join("\n"));

    blocks.push("## Requested measures".to_string());
    let numbered: Vec<String> = requests
        .iter()
        .enumerate()
        .map(|(index, request)| format!("{}. {request}", index + 1))
        .collect();
    blocks.push(numbered.join("\n"));

    blocks.push("## Решение".to_string());
    let sentences = rng.range(2, 5);
    blocks.push(russian_paragraph(&mut rng, None, sentences));

    let mut body = blocks.join("\n\n");
    body.push('\n');
    front.finish(&body)
}
