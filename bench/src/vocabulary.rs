//! Word lists the corpus is built from: names in Latin, Russian and Kazakh
//! spellings, regions and courts of Kazakhstan, charges, UN bodies, and plain
//! vocabulary for prose.
//!
//! Everything here is invented for load testing. Names are common names
//! combined at random and describe nobody; article numbers are modelled on the
//! 2014 Criminal Code of Kazakhstan but this is not a legal reference. Links
//! point at `example.org`-style domains reserved for documentation.

/// One part of a name in every spelling the site records.
#[derive(Debug, Clone, Copy)]
pub struct NamePart {
    /// Russian-style transliteration, as in passports: "Kairat".
    pub latin: &'static str,
    /// Kazakh Latin alphabet spelling when it differs ("Qairat"), else "".
    pub latin_kazakh: &'static str,
    /// Russian Cyrillic: "Кайрат".
    pub russian: &'static str,
    /// Kazakh Cyrillic when it differs ("Қайрат"), else "".
    pub kazakh: &'static str,
}

const fn part(
    latin: &'static str,
    latin_kazakh: &'static str,
    russian: &'static str,
    kazakh: &'static str,
) -> NamePart {
    NamePart {
        latin,
        latin_kazakh,
        russian,
        kazakh,
    }
}

impl NamePart {
    pub fn latin_kazakh(&self) -> &'static str {
        if self.latin_kazakh.is_empty() {
            self.latin
        } else {
            self.latin_kazakh
        }
    }

    pub fn kazakh(&self) -> &'static str {
        if self.kazakh.is_empty() {
            self.russian
        } else {
            self.kazakh
        }
    }
}

pub const KAZAKH_MALE_NAMES: &[NamePart] = &[
    part("Askar", "Asqar", "Аскар", "Асқар"),
    part("Nurlan", "Nūrlan", "Нурлан", "Нұрлан"),
    part("Yerlan", "Erlan", "Ерлан", ""),
    part("Serik", "", "Серик", "Серік"),
    part("Marat", "", "Марат", ""),
    part("Aidos", "", "Айдос", ""),
    part("Bolat", "", "Болат", ""),
    part("Daniyar", "Daniar", "Данияр", ""),
    part("Zhanbolat", "Janbolat", "Жанболат", ""),
    part("Kairat", "Qairat", "Кайрат", "Қайрат"),
    part("Yerzhan", "Erjan", "Ержан", ""),
    part("Almas", "", "Алмас", ""),
    part("Arman", "", "Арман", ""),
    part("Galym", "Ğalym", "Галым", "Ғалым"),
    part("Mukhtar", "Mūhtar", "Мухтар", "Мұхтар"),
    part("Nurzhan", "Nūrjan", "Нуржан", "Нұржан"),
    part("Yesbol", "Esbol", "Есбол", ""),
    part("Timur", "", "Тимур", ""),
    part("Beibit", "Beibıt", "Бейбит", "Бейбіт"),
    part("Dauren", "Däuren", "Даурен", "Дәурен"),
];

pub const KAZAKH_FEMALE_NAMES: &[NamePart] = &[
    part("Aigerim", "Aigerım", "Айгерим", "Айгерім"),
    part("Dinara", "", "Динара", ""),
    part("Gulnara", "Gülnara", "Гульнара", "Гүлнара"),
    part("Asel", "Äsel", "Асель", "Әсел"),
    part("Saule", "Säule", "Сауле", "Сәуле"),
    part("Zhanar", "Janar", "Жанар", ""),
    part("Aliya", "Älia", "Алия", "Әлия"),
    part("Botagoz", "Botagöz", "Ботагоз", "Ботагөз"),
    part("Madina", "", "Мадина", ""),
    part("Aruzhan", "Arujan", "Аружан", ""),
    part("Kamila", "", "Камила", ""),
    part("Dana", "", "Дана", ""),
];

pub const RUSSIAN_MALE_NAMES: &[NamePart] = &[
    part("Dmitry", "", "Дмитрий", ""),
    part("Sergei", "", "Сергей", ""),
    part("Alexei", "", "Алексей", ""),
    part("Vladimir", "", "Владимир", ""),
    part("Andrei", "", "Андрей", ""),
    part("Igor", "", "Игорь", ""),
    part("Oleg", "", "Олег", ""),
    part("Maxim", "", "Максим", ""),
];

pub const RUSSIAN_FEMALE_NAMES: &[NamePart] = &[
    part("Yelena", "", "Елена", ""),
    part("Natalia", "", "Наталья", ""),
    part("Olga", "", "Ольга", ""),
    part("Irina", "", "Ирина", ""),
    part("Tatiana", "", "Татьяна", ""),
];

/// Patronymics: male and female Latin, male and female Russian, and the
/// father's name in Kazakh for the Kazakh form (`Серікұлы`, `Серікқызы`);
/// an empty Kazakh stem means the Russian form is used in Kazakh too.
pub struct Patronymic {
    pub latin_male: &'static str,
    pub latin_female: &'static str,
    pub russian_male: &'static str,
    pub russian_female: &'static str,
    pub kazakh_stem: &'static str,
}

const fn patronymic(
    latin_male: &'static str,
    latin_female: &'static str,
    russian_male: &'static str,
    russian_female: &'static str,
    kazakh_stem: &'static str,
) -> Patronymic {
    Patronymic {
        latin_male,
        latin_female,
        russian_male,
        russian_female,
        kazakh_stem,
    }
}

pub const KAZAKH_PATRONYMICS: &[Patronymic] = &[
    patronymic("Serikovich", "Serikovna", "Серикович", "Сериковна", "Серік"),
    patronymic(
        "Nurlanovich",
        "Nurlanovna",
        "Нурланович",
        "Нурлановна",
        "Нұрлан",
    ),
    patronymic("Bolatovich", "Bolatovna", "Болатович", "Болатовна", "Болат"),
    patronymic("Maratovich", "Maratovna", "Маратович", "Маратовна", "Марат"),
    patronymic(
        "Kairatovich",
        "Kairatovna",
        "Кайратович",
        "Кайратовна",
        "Қайрат",
    ),
    patronymic(
        "Yerlanovich",
        "Yerlanovna",
        "Ерланович",
        "Ерлановна",
        "Ерлан",
    ),
    patronymic("Amanovich", "Amanovna", "Аманович", "Амановна", "Аман"),
    patronymic("Askarovich", "Askarovna", "Аскарович", "Аскаровна", "Асқар"),
    patronymic("Temirovich", "Temirovna", "Темирович", "Темировна", "Темір"),
];

pub const RUSSIAN_PATRONYMICS: &[Patronymic] = &[
    patronymic("Sergeyevich", "Sergeyevna", "Сергеевич", "Сергеевна", ""),
    patronymic("Ivanovich", "Ivanovna", "Иванович", "Ивановна", ""),
    patronymic("Viktorovich", "Viktorovna", "Викторович", "Викторовна", ""),
    patronymic(
        "Alexandrovich",
        "Alexandrovna",
        "Александрович",
        "Александровна",
        "",
    ),
    patronymic(
        "Nikolayevich",
        "Nikolayevna",
        "Николаевич",
        "Николаевна",
        "",
    ),
];

/// Surnames in their masculine form; see `feminine_surname`.
pub const KAZAKH_SURNAMES: &[NamePart] = &[
    part("Zhaksybekov", "Jaqsybekov", "Жаксыбеков", "Жақсыбеков"),
    part(
        "Nurmagambetov",
        "Nūrmağambetov",
        "Нурмагамбетов",
        "Нұрмағамбетов",
    ),
    part("Akhmetov", "Ahmetov", "Ахметов", ""),
    part("Suleimenov", "Süleimenov", "Сулейменов", "Сүлейменов"),
    part(
        "Baimukhamedov",
        "Baimūhamedov",
        "Баймухамедов",
        "Баймұхамедов",
    ),
    part("Abenov", "Äbenov", "Абенов", "Әбенов"),
    part("Iskakov", "Ysqaqov", "Искаков", "Ысқақов"),
    part("Kaliyev", "Qaliev", "Калиев", "Қалиев"),
    part("Omarov", "", "Омаров", ""),
    part("Sarsenbayev", "Särsenbaev", "Сарсенбаев", "Сәрсенбаев"),
    part("Zhumabayev", "Jūmabaev", "Жумабаев", "Жұмабаев"),
    part("Tulegenov", "Tölegenov", "Тулегенов", "Төлегенов"),
    part("Yessenov", "Esenov", "Есенов", ""),
    part("Mukanov", "Mūqanov", "Муканов", "Мұқанов"),
    part("Serikbayev", "Serıkbaev", "Серикбаев", "Серікбаев"),
    part("Amanov", "", "Аманов", ""),
    part("Kenzhebekov", "Kenjebekov", "Кенжебеков", ""),
    part("Shaikenov", "", "Шайкенов", ""),
    part("Utegenov", "Ötegenov", "Утегенов", "Өтегенов"),
    part("Baitursynov", "Baitūrsynov", "Байтурсынов", "Байтұрсынов"),
    part(
        "Dosmukhamedov",
        "Dosmūhamedov",
        "Досмухамедов",
        "Досмұхамедов",
    ),
    part("Kassymov", "Qasymov", "Касымов", "Қасымов"),
    part("Yermekov", "Ermekov", "Ермеков", ""),
    part("Tokhtarov", "Toqtarov", "Тохтаров", "Тоқтаров"),
    part(
        "Abdrakhmanov",
        "Äbdırahmanov",
        "Абдрахманов",
        "Әбдірахманов",
    ),
    part("Sadykov", "Sadyqov", "Садыков", "Садықов"),
    part("Zhakenov", "Jakenov", "Жакенов", ""),
    part("Beisenov", "", "Бейсенов", ""),
    part("Mamyrov", "", "Мамыров", ""),
    part("Ospanov", "", "Оспанов", ""),
];

pub const RUSSIAN_SURNAMES: &[NamePart] = &[
    part("Petrov", "", "Петров", ""),
    part("Ivanov", "", "Иванов", ""),
    part("Smirnov", "", "Смирнов", ""),
    part("Kuznetsov", "", "Кузнецов", ""),
    part("Popov", "", "Попов", ""),
    part("Volkov", "", "Волков", ""),
    part("Kozlov", "", "Козлов", ""),
    part("Novikov", "", "Новиков", ""),
    part("Kim", "", "Ким", ""),
    part("Tsoi", "", "Цой", ""),
    part("Li", "", "Ли", ""),
    part("Shevchenko", "", "Шевченко", ""),
];

/// The feminine form of a surname: -ov/-ev/-in take -a in every script;
/// Korean and Ukrainian surnames do not change.
pub fn feminine_surname(masculine: NamePart) -> (String, String, String, String) {
    let changes = ["ov", "ev", "in"]
        .iter()
        .any(|end| masculine.latin.ends_with(end));
    let suffix = |text: &str, ending: &str| {
        if changes {
            format!("{text}{ending}")
        } else {
            text.to_string()
        }
    };
    (
        suffix(masculine.latin, "a"),
        suffix(masculine.latin_kazakh(), "a"),
        suffix(masculine.russian, "а"),
        suffix(masculine.kazakh(), "а"),
    )
}

/// A region of Kazakhstan: name and main city, in English and Russian.
pub struct Region {
    pub name: &'static str,
    pub name_russian: &'static str,
    pub city: &'static str,
    pub city_russian: &'static str,
}

const fn region(
    name: &'static str,
    name_russian: &'static str,
    city: &'static str,
    city_russian: &'static str,
) -> Region {
    Region {
        name,
        name_russian,
        city,
        city_russian,
    }
}

pub const REGIONS: &[Region] = &[
    region("Almaty", "Алматы", "Almaty", "Алматы"),
    region("Astana", "Астана", "Astana", "Астана"),
    region("Shymkent", "Шымкент", "Shymkent", "Шымкент"),
    region("Almaty Region", "Алматинская область", "Konaev", "Конаев"),
    region(
        "Zhetysu Region",
        "область Жетісу",
        "Taldykorgan",
        "Талдыкорган",
    ),
    region(
        "Akmola Region",
        "Акмолинская область",
        "Kokshetau",
        "Кокшетау",
    ),
    region("Aktobe Region", "Актюбинская область", "Aktobe", "Актобе"),
    region("Atyrau Region", "Атырауская область", "Atyrau", "Атырау"),
    region(
        "Mangystau Region",
        "Мангистауская область",
        "Aktau",
        "Актау",
    ),
    region(
        "West Kazakhstan Region",
        "Западно-Казахстанская область",
        "Oral",
        "Уральск",
    ),
    region(
        "East Kazakhstan Region",
        "Восточно-Казахстанская область",
        "Oskemen",
        "Усть-Каменогорск",
    ),
    region("Abai Region", "область Абай", "Semey", "Семей"),
    region(
        "Karaganda Region",
        "Карагандинская область",
        "Karaganda",
        "Караганда",
    ),
    region("Ulytau Region", "область Улытау", "Zhezkazgan", "Жезказган"),
    region(
        "Kostanay Region",
        "Костанайская область",
        "Kostanay",
        "Костанай",
    ),
    region(
        "Pavlodar Region",
        "Павлодарская область",
        "Pavlodar",
        "Павлодар",
    ),
    region(
        "North Kazakhstan Region",
        "Северо-Казахстанская область",
        "Petropavl",
        "Петропавловск",
    ),
    region(
        "Kyzylorda Region",
        "Кызылординская область",
        "Kyzylorda",
        "Кызылорда",
    ),
    region(
        "Turkistan Region",
        "Туркестанская область",
        "Turkistan",
        "Туркестан",
    ),
    region("Zhambyl Region", "Жамбылская область", "Taraz", "Тараз"),
];

/// City districts, for district courts.
pub const DISTRICTS: &[&str] = &[
    "Almaly",
    "Auezov",
    "Bostandyk",
    "Medeu",
    "Yesil",
    "Saryarka",
    "Abai",
    "Kazybek Bi",
    "Al-Farabi",
];

/// A criminal charge: the taxonomy term, article and part of the Criminal
/// Code, and the Russian name.
pub struct Charge {
    pub term: &'static str,
    pub article: &'static str,
    pub parts: &'static [&'static str],
    pub russian: &'static str,
}

const fn charge(
    term: &'static str,
    article: &'static str,
    parts: &'static [&'static str],
    russian: &'static str,
) -> Charge {
    Charge {
        term,
        article,
        parts,
        russian,
    }
}

pub const CHARGES: &[Charge] = &[
    charge(
        "inciting discord",
        "174",
        &["1", "2"],
        "возбуждение социальной, национальной, родовой, расовой, сословной или религиозной розни",
    ),
    charge(
        "banned extremist organization",
        "405",
        &["1", "2"],
        "участие в деятельности запрещённого общественного объединения",
    ),
    charge(
        "false information",
        "274",
        &["2", "3", "4"],
        "распространение заведомо ложной информации",
    ),
    charge("mass riots", "272", &["1", "2"], "массовые беспорядки"),
    charge(
        "calls to seize power",
        "179",
        &["1", "2"],
        "пропаганда или публичные призывы к захвату власти",
    ),
    charge(
        "extremist group",
        "182",
        &["1", "2"],
        "создание, руководство экстремистской группой или участие в ней",
    ),
    charge(
        "financing extremism",
        "258",
        &["1"],
        "финансирование экстремистской деятельности",
    ),
    charge(
        "propaganda of terrorism",
        "256",
        &["1", "2"],
        "пропаганда терроризма",
    ),
    charge("treason", "175", &["1"], "государственная измена"),
    charge(
        "violence against an official",
        "380",
        &["1"],
        "применение насилия в отношении представителя власти",
    ),
    charge(
        "insulting an official",
        "378",
        &["1"],
        "оскорбление представителя власти",
    ),
    charge("fraud", "190", &["2", "3", "4"], "мошенничество"),
    charge(
        "embezzlement",
        "189",
        &["2", "3", "4"],
        "присвоение или растрата вверенного чужого имущества",
    ),
    charge("hooliganism", "293", &["1", "2"], "хулиганство"),
    charge(
        "drug trafficking",
        "297",
        &["2", "3"],
        "незаконный оборот наркотических средств",
    ),
];

/// Status values of casebook's case model, with their relative frequency.
pub const STATUSES: &[(&str, u64)] = &[
    ("detained", 15),
    ("imprisoned", 45),
    ("restricted_freedom", 15),
    ("travel_ban", 5),
    ("released", 12),
    ("exile", 5),
    ("deceased", 3),
];

pub fn status_english(status: &str) -> &'static str {
    match status {
        "detained" => "in pre-trial detention",
        "imprisoned" => "imprisoned",
        "restricted_freedom" => "serving restricted freedom",
        "travel_ban" => "under a travel ban",
        "released" => "released",
        "exile" => "in exile",
        _ => "died in custody",
    }
}

pub fn status_russian(status: &str) -> &'static str {
    match status {
        "detained" => "под стражей до суда",
        "imprisoned" => "в заключении",
        "restricted_freedom" => "ограничение свободы",
        "travel_ban" => "запрет на выезд",
        "released" => "освобождён",
        "exile" => "в эмиграции",
        _ => "умер в заключении",
    }
}

/// UN bodies: casebook's code for `extra.body`, the taxonomy term, and the
/// relative frequency of their decisions in the corpus.
pub const UN_BODIES: &[(&str, &str, u64)] = &[
    ("wgad", "Working Group on Arbitrary Detention", 55),
    ("ccpr", "Human Rights Committee", 20),
    ("cat", "Committee against Torture", 5),
    ("sr_hrd", "Special Rapporteur on human rights defenders", 8),
    (
        "sr_expression",
        "Special Rapporteur on freedom of expression",
        6,
    ),
    (
        "sr_assembly",
        "Special Rapporteur on freedom of assembly",
        4,
    ),
    ("sr_torture", "Special Rapporteur on torture", 2),
];

pub const OCCUPATIONS: &[&str] = &[
    "journalist",
    "lawyer",
    "civil activist",
    "blogger",
    "trade union leader",
    "oil worker",
    "teacher",
    "imam",
    "entrepreneur",
    "poet",
    "student",
    "pensioner",
];

/// Source publishers; every address is on a reserved example domain.
pub const SOURCE_SITES: &[(&str, &str)] = &[
    ("Rights monitor", "https://monitor.example.org/persons/"),
    ("Court records", "https://courts.example.net/cases/"),
    ("Independent news", "https://news.example.com/"),
    ("Bureau archive", "https://archive.example.org/prisoners/"),
    ("Defence lawyers' notes", "https://lawyers.example.net/"),
];

/// Things a person did before arrest, for bullet lists.
pub const ACTIVITIES: &[&str] = &[
    "organised single-person pickets in the city centre",
    "ran a local news channel with several thousand subscribers",
    "volunteered as an election observer",
    "collected signatures against a local construction project",
    "wrote posts criticising the authorities",
    "helped political prisoners' families with parcels",
    "worked as a defence lawyer in political cases",
    "took part in the January 2022 protests",
    "translated foreign reporting into Kazakh and Russian",
    "supported an unregistered opposition party",
    "taught history at a secondary school",
    "was a member of a religious community",
    "led a strike committee at an oil field",
    "filmed police detentions at protests",
];

/// Timeline events (English, Russian).
pub const EVENTS: &[(&str, &str)] = &[
    ("Search of the apartment", "Обыск в квартире"),
    ("Detained by the police", "Задержание полицией"),
    ("Remanded in custody", "Арест по решению суда"),
    ("Charges brought", "Предъявлено обвинение"),
    ("Case sent to court", "Дело передано в суд"),
    ("First hearing", "Первое заседание"),
    ("Verdict announced", "Оглашён приговор"),
    ("Appeal rejected", "Апелляция отклонена"),
    ("Transferred to a penal colony", "Этапирован в колонию"),
    ("Placed in a punishment cell", "Помещён в ШИЗО"),
    ("Hunger strike", "Голодовка"),
    ("Complaint to the UN", "Жалоба в ООН"),
];

pub const ENGLISH_WORDS: &[&str] = &[
    "the",
    "court",
    "hearing",
    "appeal",
    "lawyer",
    "investigator",
    "colony",
    "detention",
    "sentence",
    "prosecutor",
    "witness",
    "testimony",
    "case",
    "charges",
    "evidence",
    "judge",
    "defence",
    "protest",
    "post",
    "channel",
    "family",
    "letter",
    "prison",
    "transfer",
    "complaint",
    "custody",
    "search",
    "arrest",
    "statement",
    "rights",
    "torture",
    "pressure",
    "verdict",
    "term",
    "years",
    "regime",
    "visit",
    "health",
    "conditions",
    "cell",
    "isolation",
    "expert",
    "examination",
    "video",
    "message",
    "support",
    "campaign",
    "observers",
    "journalists",
    "was",
    "were",
    "had",
    "after",
    "before",
    "during",
    "without",
    "against",
    "under",
    "with",
    "of",
    "in",
    "and",
    "to",
    "that",
    "for",
    "by",
    "on",
    "from",
    "a",
    "his",
    "her",
    "their",
    "reported",
    "denied",
    "refused",
    "claimed",
    "requested",
    "ordered",
    "extended",
    "recognised",
    "political",
    "criminal",
    "administrative",
    "regional",
    "specialised",
    "unlawful",
    "arbitrary",
    "closed",
    "public",
    "several",
    "repeated",
    "lengthy",
    "formal",
    "independent",
];

pub const RUSSIAN_WORDS: &[&str] = &[
    "суд",
    "заседание",
    "апелляция",
    "адвокат",
    "следователь",
    "колония",
    "задержание",
    "приговор",
    "прокурор",
    "свидетель",
    "показания",
    "дело",
    "обвинение",
    "доказательства",
    "судья",
    "защита",
    "протест",
    "пост",
    "канал",
    "семья",
    "письмо",
    "тюрьма",
    "этап",
    "жалоба",
    "стража",
    "обыск",
    "арест",
    "заявление",
    "права",
    "пытки",
    "давление",
    "срок",
    "лет",
    "режим",
    "свидание",
    "здоровье",
    "условия",
    "камера",
    "изоляция",
    "экспертиза",
    "видео",
    "сообщение",
    "поддержка",
    "кампания",
    "наблюдатели",
    "журналисты",
    "был",
    "была",
    "были",
    "после",
    "до",
    "во",
    "время",
    "без",
    "против",
    "под",
    "с",
    "в",
    "и",
    "к",
    "что",
    "для",
    "по",
    "на",
    "от",
    "его",
    "её",
    "их",
    "сообщили",
    "отказал",
    "отклонил",
    "заявил",
    "потребовал",
    "продлил",
    "признал",
    "политический",
    "уголовный",
    "административный",
    "закрытый",
    "публичный",
    "несколько",
    "повторный",
    "длительный",
    "независимый",
];
