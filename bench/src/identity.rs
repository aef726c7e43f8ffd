//! Who a profile is about: name in every spelling, year of birth, region.
//!
//! Identities come from their own random stream, separate from the profile
//! text, so a decision can name the people it concerns without generating
//! their whole profiles.

use crate::rng::SplitMix64;
use crate::vocabulary::{
    feminine_surname, NamePart, Patronymic, Region, KAZAKH_FEMALE_NAMES, KAZAKH_MALE_NAMES,
    KAZAKH_PATRONYMICS, KAZAKH_SURNAMES, REGIONS, RUSSIAN_FEMALE_NAMES, RUSSIAN_MALE_NAMES,
    RUSSIAN_PATRONYMICS, RUSSIAN_SURNAMES,
};

const IDENTITY_STREAM: u64 = 1;

pub struct Identity {
    /// "Askar Serikovich Zhaksybekov"
    pub full_latin: String,
    /// "Askar Zhaksybekov"
    pub short_latin: String,
    /// Every spelling, most common first, without repeats: Latin short and
    /// full, Kazakh Latin, Russian and Kazakh Cyrillic (surname first in the
    /// full Cyrillic forms, as in documents).
    pub names: Vec<String>,
    /// "Аскар Жаксыбеков"
    pub short_russian: String,
    /// "Жаксыбеков Аскар Серикович"
    pub full_russian: String,
    pub female: bool,
    pub born: u64,
    pub region: &'static Region,
}

impl Identity {
    /// The identity of profile number `case_number` in a corpus with `seed`.
    pub fn of_case(seed: u64, case_number: u64) -> Identity {
        let mut rng = SplitMix64::for_item(seed, IDENTITY_STREAM, case_number);
        let female = rng.chance(30);
        let kazakh = rng.chance(75);
        let (given_names, patronymics, surnames): (&[NamePart], &[Patronymic], &[NamePart]) =
            match (kazakh, female) {
                (true, false) => (KAZAKH_MALE_NAMES, KAZAKH_PATRONYMICS, KAZAKH_SURNAMES),
                (true, true) => (KAZAKH_FEMALE_NAMES, KAZAKH_PATRONYMICS, KAZAKH_SURNAMES),
                (false, false) => (RUSSIAN_MALE_NAMES, RUSSIAN_PATRONYMICS, RUSSIAN_SURNAMES),
                (false, true) => (RUSSIAN_FEMALE_NAMES, RUSSIAN_PATRONYMICS, RUSSIAN_SURNAMES),
            };
        let given = *rng.pick(given_names);
        let patronymic = rng.pick(patronymics);
        let masculine_surname = *rng.pick(surnames);
        let born = rng.range(1950, 2004);
        let region = rng.pick(REGIONS);

        let (surname_latin, surname_latin_kazakh, surname_russian, surname_kazakh) = if female {
            feminine_surname(masculine_surname)
        } else {
            (
                masculine_surname.latin.to_string(),
                masculine_surname.latin_kazakh().to_string(),
                masculine_surname.russian.to_string(),
                masculine_surname.kazakh().to_string(),
            )
        };
        let (patronymic_latin, patronymic_russian) = if female {
            (patronymic.latin_female, patronymic.russian_female)
        } else {
            (patronymic.latin_male, patronymic.russian_male)
        };
        let patronymic_kazakh = match (patronymic.kazakh_stem, female) {
            ("", _) => patronymic_russian.to_string(),
            (stem, false) => format!("{stem}ұлы"),
            (stem, true) => format!("{stem}қызы"),
        };

        let short_latin = format!("{} {surname_latin}", given.latin);
        let full_latin = format!("{} {patronymic_latin} {surname_latin}", given.latin);
        let short_russian = format!("{} {surname_russian}", given.russian);
        let full_russian = format!("{surname_russian} {} {patronymic_russian}", given.russian);
        let candidates = [
            short_latin.clone(),
            full_latin.clone(),
            format!("{} {surname_latin_kazakh}", given.latin_kazakh()),
            short_russian.clone(),
            full_russian.clone(),
            format!("{} {surname_kazakh}", given.kazakh()),
            format!("{surname_kazakh} {} {patronymic_kazakh}", given.kazakh()),
        ];
        let mut names: Vec<String> = Vec::new();
        for name in candidates {
            if !names.contains(&name) {
                names.push(name);
            }
        }

        Identity {
            full_latin,
            short_latin,
            names,
            short_russian,
            full_russian,
            female,
            born,
            region,
        }
    }

    /// A URL-friendly form of the short Latin name, for source addresses.
    pub fn slug(&self) -> String {
        self.short_latin
            .to_ascii_lowercase()
            .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
    }
}
