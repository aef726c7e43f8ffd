//! One prisoner profile: `content/prisoners/case-NNNNN.md`, 3–6 KB.
//!
//! The front matter follows casebook's case model (`generator/src/cases/`):
//! names in every spelling, prosecutions as an array of tables with charges
//! and sentences as inline tables, a sourced timeline, sources, and links to
//! the UN decisions about the person. The body has the Markdown constructs a
//! real profile uses: h2/h3 headings, lists, a table, external and internal
//! links, and paragraphs in Russian.

use crate::date::{Date, LATEST};
use crate::decision::{self, Outline};
use crate::flavor::Flavor;
use crate::front_matter::{inline_table, FrontMatter, Value};
use crate::identity::Identity;
use crate::prose::{english_paragraph, russian_paragraph};
use crate::rng::SplitMix64;
use crate::vocabulary::{
    status_english, status_russian, Charge, ACTIVITIES, CHARGES, DISTRICTS, EVENTS, OCCUPATIONS,
    SOURCE_SITES, STATUSES, UN_BODIES,
};

const PROFILE_STREAM: u64 = 2;

/// Smallest and largest file size we aim for, in bytes.
pub const TARGET_MIN_BYTES: usize = 3_500;
pub const TARGET_MAX_BYTES: usize = 5_800;

/// The path of profile `case_number` under `content/`.
pub fn content_path(case_number: u64) -> String {
    format!("prisoners/case-{case_number:05}.md")
}

struct Prosecution {
    arrested: Date,
    charges: Vec<(&'static Charge, &'static str)>,
    court: String,
    verdict: Option<Date>,
    sentence: Option<Sentence>,
    appeal: Option<String>,
    detention_place: Option<String>,
    released: Option<Date>,
}

struct Sentence {
    text: String,
    years: u64,
    months: u64,
}

struct Source {
    title: String,
    publisher: &'static str,
    date: Date,
    url: String,
    archived: bool,
}

/// Renders profile `case_number` of the corpus with `seed`; `decisions` are
/// the decisions that concern this person.
pub fn render(seed: u64, case_number: u64, decisions: &[&Outline], flavor: Flavor) -> String {
    let mut rng = SplitMix64::for_item(seed, PROFILE_STREAM, case_number);
    let person = Identity::of_case(seed, case_number);
    let status = *rng.pick_weighted(STATUSES);
    let occupation = *rng.pick(OCCUPATIONS);

    // Arrest dates first, so we know which prosecution is the last one.
    // Nobody in the corpus is arrested before turning 18, and no new
    // prosecution starts in the last months before the corpus ends.
    let wanted_cases = *rng.pick_weighted(&[(1u64, 75), (2, 20), (3, 5)]);
    let first_arrest_year = (person.born as u32 + 18).max(2012);
    let mut arrest_dates = vec![Date::random_in_years(&mut rng, first_arrest_year, 2023)];
    while (arrest_dates.len() as u64) < wanted_cases {
        let gap = rng.range(14, 40) as u32;
        let next = arrest_dates[arrest_dates.len() - 1].plus_months(&mut rng, gap);
        if next.months_until(LATEST) < 8 {
            break;
        }
        arrest_dates.push(next);
    }
    let case_count = arrest_dates.len();
    let prosecutions: Vec<Prosecution> = arrest_dates
        .into_iter()
        .enumerate()
        .map(|(index, arrested)| {
            // Later prosecutions are narrower, which also keeps files under 6 KB.
            let most_charges = if index == 0 { 3 } else { 2 };
            let last = index + 1 == case_count;
            prosecution(&mut rng, &person, arrested, status, last, most_charges)
        })
        .collect();
    let last = &prosecutions[prosecutions.len() - 1];
    let latest_event = last.released.or(last.verdict).unwrap_or(last.arrested);
    let months_left = latest_event.months_until(LATEST).max(1);
    let months_since = rng.range(1, months_left.min(24) as u64) as u32;
    let status_as_of = latest_event.plus_months(&mut rng, months_since);

    let sources = sources(&mut rng, &person, case_number, prosecutions[0].arrested);

    // Taxonomy terms: every charge of every prosecution, once each, and the
    // UN bodies of the decisions about the person.
    let mut charge_terms: Vec<&str> = Vec::new();
    for prosecution in &prosecutions {
        for (charge, _) in &prosecution.charges {
            if !charge_terms.contains(&charge.term) {
                charge_terms.push(charge.term);
            }
        }
    }
    let mut un_bodies: Vec<&str> = Vec::new();
    for outline in decisions {
        let term = UN_BODIES[outline.body].1;
        if !un_bodies.contains(&term) {
            un_bodies.push(term);
        }
    }

    let first_charges: Vec<&str> = prosecutions[0]
        .charges
        .iter()
        .map(|(c, _)| c.term)
        .collect();
    let charged_with = match first_charges.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, others)) => format!("{} and {last}", others.join(", ")),
        None => String::new(),
    };
    let description = format!(
        "{}, {occupation} from {}, born {}: {}; charged with {charged_with}.",
        person.full_latin,
        person.region.name,
        person.born,
        status_english(status)
    );

    let mut front = FrontMatter::new();
    front
        .string("title", &person.full_latin)
        .string("description", &description)
        .date("date", status_as_of)
        .taxonomies(
            flavor,
            &[
                ("status", vec![status]),
                ("charges", charge_terms),
                ("regions", vec![person.region.name]),
                ("un_bodies", un_bodies.clone()),
            ],
        );
    front
        .table("extra")
        .strings("names", &person.names)
        .integer("born", person.born)
        .string("occupation", occupation)
        .string("region", person.region.name)
        .string("status", status)
        .date("status_as_of", status_as_of);
    if !decisions.is_empty() {
        let links: Vec<String> = decisions
            .iter()
            .map(|outline| format!("@/{}", decision::content_path(outline.number)))
            .collect();
        front.strings("decisions", &links);
    }
    // Key facts cite the sources by id (docs/case-model.md, "Citing sources").
    let ids: Vec<String> = (1..=sources.len()).map(|i| format!("s{i}")).collect();
    front
        .table("extra.cite")
        .strings("born", &ids[..1])
        .strings("occupation", &ids[..1])
        .strings("region", &ids[..1])
        .strings("status", &ids[ids.len() - 1..]);
    for prosecution in &prosecutions {
        write_prosecution(&mut front, prosecution, &ids);
    }
    // A short sourced timeline: the first arrest, the last verdict, release.
    let mut timeline: Vec<(Date, &str)> = vec![(prosecutions[0].arrested, "Detained")];
    if let Some(verdict) = last.verdict {
        timeline.push((verdict, "Sentenced"));
    }
    if let Some(released) = last.released {
        timeline.push((released, "Released"));
    }
    for (index, (when, text)) in timeline.iter().enumerate() {
        front
            .array_table("extra.timeline")
            .date("date", *when)
            .string("text", text)
            .strings("cite", &ids[index % ids.len()..index % ids.len() + 1]);
    }
    for (source, id) in sources.iter().zip(&ids) {
        front
            .array_table("extra.sources")
            .string("id", id)
            .string("title", &source.title)
            .string("publisher", source.publisher)
            .date("date", source.date)
            .string("url", &source.url);
        if source.archived {
            front.string(
                "archive_url",
                &format!(
                    "https://archive.example.net/web/{}",
                    source.url.trim_start_matches("https://")
                ),
            );
        }
    }

    let target = rng.range(TARGET_MIN_BYTES as u64, TARGET_MAX_BYTES as u64) as usize;
    let front_matter_bytes = front.finished_len();
    let body = body(
        &mut rng,
        &BodyFacts {
            seed,
            case_number,
            person: &person,
            status,
            occupation,
            prosecutions: &prosecutions,
            sources: &sources,
            un_bodies: &un_bodies,
        },
        flavor,
        target.saturating_sub(front_matter_bytes),
    );
    front.finish(&body)
}

fn write_prosecution(front: &mut FrontMatter, prosecution: &Prosecution, ids: &[String]) {
    let charges: Vec<String> = prosecution
        .charges
        .iter()
        .map(|(charge, part)| {
            inline_table(&[
                ("article", Value::Text(charge.article)),
                ("part", Value::Text(part)),
                ("name", Value::Text(charge.term)),
            ])
        })
        .collect();
    front
        .array_table("extra.cases")
        .date("arrested", prosecution.arrested)
        .raw("charges", &format!("[{}]", charges.join(", ")))
        .string("court", &prosecution.court);
    if let Some(verdict) = prosecution.verdict {
        front.date("verdict", verdict);
    }
    if let Some(sentence) = &prosecution.sentence {
        let mut fields = vec![
            ("text", Value::Text(&sentence.text)),
            ("years", Value::Integer(sentence.years)),
        ];
        if sentence.months > 0 {
            fields.push(("months", Value::Integer(sentence.months)));
        }
        front.raw("sentence", &inline_table(&fields));
    }
    if let Some(appeal) = &prosecution.appeal {
        front.string("appeal", appeal);
    }
    if let Some(place) = &prosecution.detention_place {
        front.string("detention_place", place);
    }
    if let Some(released) = prosecution.released {
        front.date("released", released);
    }
    let mut cited = vec!["arrested", "charges", "court"];
    cited.extend(prosecution.verdict.map(|_| "verdict"));
    cited.extend(prosecution.sentence.as_ref().map(|_| "sentence"));
    cited.extend(prosecution.appeal.as_ref().map(|_| "appeal"));
    cited.extend(
        prosecution
            .detention_place
            .as_ref()
            .map(|_| "detention_place"),
    );
    cited.extend(prosecution.released.map(|_| "released"));
    front.table("extra.cases.cite");
    for (index, field) in cited.iter().enumerate() {
        front.strings(field, &ids[index % ids.len()..index % ids.len() + 1]);
    }
}

fn prosecution(
    rng: &mut SplitMix64,
    person: &Identity,
    arrested: Date,
    status: &str,
    last: bool,
    most_charges: u64,
) -> Prosecution {
    let charge_count = rng.range(1, most_charges) as usize;
    let charges = rng
        .pick_distinct(CHARGES, charge_count)
        .into_iter()
        .map(|charge| (charge, *rng.pick(charge.parts)))
        .collect();
    let city = person.region.city;
    let court = if rng.chance(50) {
        format!("Specialised Inter-District Criminal Court of {city}")
    } else {
        format!(
            "{} District Court No. {} of {city}",
            rng.pick(DISTRICTS),
            rng.range(1, 3)
        )
    };

    // The last prosecution explains the current status.
    let pending = last && status == "detained";
    let kind = match (last, status) {
        (true, "restricted_freedom") => 1,
        (true, "travel_ban") => 2,
        (true, _) => 0,
        (false, _) => rng.range(0, 2),
    };
    let years = rng.range(2, 10);
    let months = if rng.chance(30) { rng.range(1, 11) } else { 0 };
    let term = if months > 0 {
        let unit = if months == 1 { "month" } else { "months" };
        format!("{years} years {months} {unit}")
    } else {
        format!("{years} years")
    };
    let text = match kind {
        0 => format!("{term} in a medium-security institution"),
        1 => format!("{term} of restricted freedom"),
        _ => format!("{term} of probation with a travel ban"),
    };
    let months_to_verdict = rng.range(3, 12) as u32;
    let verdict = (!pending).then(|| arrested.plus_months(rng, months_to_verdict));
    let appeal = match verdict {
        Some(verdict) if rng.chance(60) => {
            let months_to_appeal = rng.range(1, 4) as u32;
            Some(format!(
                "Upheld by the {} appeal board on {}",
                person.region.name,
                verdict.plus_months(rng, months_to_appeal)
            ))
        }
        _ => None,
    };
    let imprisoned = kind == 0 && !pending;
    let detention_place = (imprisoned && last && status == "imprisoned").then(|| {
        format!(
            "Institution EC-166/{}, {}",
            rng.range(1, 30),
            rng.pick(crate::vocabulary::REGIONS).city
        )
    });
    let released = match verdict {
        Some(verdict) if last && status == "released" => {
            let served = rng.range(6, 30) as u32;
            Some(verdict.plus_months(rng, served))
        }
        _ => None,
    };
    Prosecution {
        arrested,
        charges,
        court,
        verdict,
        sentence: (!pending).then_some(Sentence {
            text,
            years,
            months,
        }),
        appeal,
        detention_place,
        released,
    }
}

fn sources(
    rng: &mut SplitMix64,
    person: &Identity,
    case_number: u64,
    first_arrest: Date,
) -> Vec<Source> {
    let count = rng.range(2, 3) as usize;
    rng.pick_distinct(SOURCE_SITES, count)
        .into_iter()
        .map(|(publisher, base)| {
            let months_later = rng.range(0, 18) as u32;
            Source {
                title: format!("{publisher}: the case of {}", person.short_latin),
                publisher,
                date: first_arrest.plus_months(rng, months_later),
                url: format!("{base}{}-{case_number}", person.slug()),
                archived: rng.chance(30),
            }
        })
        .collect()
}

struct BodyFacts<'a> {
    seed: u64,
    case_number: u64,
    person: &'a Identity,
    status: &'a str,
    occupation: &'a str,
    prosecutions: &'a [Prosecution],
    sources: &'a [Source],
    un_bodies: &'a [&'a str],
}

/// The Markdown body, padded with notes until it is about `target_bytes`.
fn body(rng: &mut SplitMix64, facts: &BodyFacts, flavor: Flavor, target_bytes: usize) -> String {
    let person = facts.person;
    let pronoun = if person.female { "She" } else { "He" };
    let mut blocks: Vec<String> = Vec::new();
    // Blocks that may be dropped again if the fixed part alone overshoots.
    let mut optional_blocks: Vec<usize> = Vec::new();

    blocks.push("## Summary".to_string());
    let lead = format!(
        "**{}** ({}), a {} born in {}, lives in {}, {}. Status: *{}*.",
        person.full_latin,
        person.full_russian,
        facts.occupation,
        person.born,
        person.region.city,
        person.region.name,
        status_english(facts.status)
    );
    // Profiles with several prosecutions have long front matter; keep their
    // summaries short so the file stays under 6 KB.
    let most_sentences = if facts.prosecutions.len() > 2 { 1 } else { 3 };
    let sentences = rng.range(1, most_sentences);
    blocks.push(english_paragraph(rng, Some(&lead), sentences));
    let lead_russian = format!(
        "{} {} в {} году; регион: {}, город {}. Статус: {}.",
        person.short_russian,
        if person.female {
            "родилась"
        } else {
            "родился"
        },
        person.born,
        person.region.name_russian,
        person.region.city_russian,
        status_russian(facts.status)
    );
    let sentences = rng.range(1, most_sentences);
    blocks.push(russian_paragraph(rng, Some(&lead_russian), sentences));

    let activity_count = rng.range(2, 4) as usize;
    let activities: Vec<String> = rng
        .pick_distinct(ACTIVITIES, activity_count)
        .into_iter()
        .map(|a| format!("- {pronoun} {a}."))
        .collect();
    optional_blocks.push(blocks.len());
    blocks.push(format!("## Background\n\n{}", activities.join("\n")));

    blocks.push("## Prosecution".to_string());
    for (index, prosecution) in facts.prosecutions.iter().enumerate() {
        let articles: Vec<String> = prosecution
            .charges
            .iter()
            .map(|(c, part)| format!("art. {}({part})", c.article))
            .collect();
        blocks.push(format!(
            "### Case {}: {} ({})",
            index + 1,
            articles.join(", "),
            prosecution.arrested.year
        ));
        let sentence = prosecution
            .sentence
            .as_ref()
            .map_or("pending", |s| s.text.as_str());
        let mut facts_list = vec![
            format!("- **Arrested:** {}", prosecution.arrested),
            format!("- **Court:** {}", prosecution.court),
            format!("- **Sentence:** {sentence}"),
        ];
        for (charge, part) in &prosecution.charges {
            // The Russian name only for the first case, to bound the size.
            let russian = if index == 0 {
                format!(" (*{}*)", charge.russian)
            } else {
                String::new()
            };
            facts_list.push(format!(
                "- Article {} part {part} — {}{russian}",
                charge.article, charge.term
            ));
        }
        blocks.push(facts_list.join("\n"));
        let sentences = rng.range(1, 3);
        optional_blocks.push(blocks.len());
        blocks.push(english_paragraph(rng, None, sentences));
    }

    blocks.push("### Хронология".to_string());
    let mut table = vec![
        "| Date | Event | Событие |".to_string(),
        "|------|-------|---------|".to_string(),
    ];
    let mut when = facts.prosecutions[0].arrested;
    let row_count = if facts.prosecutions.len() > 1 {
        3
    } else {
        rng.range(3, 6) as usize
    };
    for (english, russian) in rng.pick_distinct(EVENTS, row_count) {
        table.push(format!("| {when} | {english} | {russian} |"));
        let gap = rng.range(1, 8) as u32;
        when = when.plus_months(rng, gap);
    }
    blocks.push(table.join("\n"));

    if !facts.un_bodies.is_empty() {
        blocks.push("## International attention".to_string());
        blocks.push(format!(
            "The case was examined by the {}.",
            facts.un_bodies.join(" and the ")
        ));
    }

    // A co-defendant from an earlier profile.
    if facts.case_number > 1 && rng.chance(30) {
        let other = rng.range(1, facts.case_number - 1);
        let other_person = Identity::of_case(facts.seed, other);
        blocks.push(format!(
            "See also the case of [{}]({}), prosecuted in the same investigation.",
            other_person.short_latin,
            flavor.internal_link(&content_path(other))
        ));
    }

    blocks.push("## Sources".to_string());
    let links: Vec<String> = facts
        .sources
        .iter()
        .map(|s| format!("- [{}]({}) ({})", s.title, s.url, s.date))
        .collect();
    blocks.push(links.join("\n"));

    let mut size: usize = blocks.iter().map(|b| b.len() + 2).sum();
    while size > target_bytes {
        let Some(index) = optional_blocks.pop() else {
            break;
        };
        size -= blocks.remove(index).len() + 2;
    }

    // Notes in both languages until the page reaches its target size.
    let mut notes = Vec::new();
    let mut russian = rng.chance(50);
    let mut sentences = rng.range(2, 4);
    loop {
        let paragraph = if russian {
            russian_paragraph(rng, None, sentences)
        } else {
            english_paragraph(rng, None, sentences)
        };
        if size + paragraph.len() + 2 > target_bytes {
            // Close the gap with shorter paragraphs; stop when even one
            // sentence does not fit.
            if sentences == 1 {
                break;
            }
            sentences = 1;
            continue;
        }
        sentences = rng.range(2, 4);
        size += paragraph.len() + 2;
        notes.push(paragraph);
        russian = !russian;
    }
    if !notes.is_empty() {
        blocks.push("## Notes / Примечания".to_string());
        blocks.extend(notes);
    }

    let mut text = blocks.join("\n\n");
    text.push('\n');
    text
}
