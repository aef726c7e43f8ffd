//! Determinism: the same input gives byte-identical output, wherever and whenever it is built.

mod util;

use util::{assert_same_tree, TestSite};

#[test]
fn two_folders_give_byte_identical_output() {
    let one = TestSite::fixture("basic");
    let two = TestSite::fixture("basic");
    one.build_ok();
    two.build_ok();
    let (left, right) = (one.output_tree(), two.output_tree());
    assert!(left.len() > 40, "only {} files built", left.len());
    assert_same_tree(&left, &right);
    // Nothing of where the site was built leaks into the output.
    for site in [&one, &two] {
        let folder = site.scratch().to_string_lossy().into_owned();
        for (name, bytes) in &left {
            assert!(
                !String::from_utf8_lossy(bytes).contains(&folder),
                "{name} contains the build folder {folder}"
            );
        }
    }
}

#[test]
fn rebuilding_later_gives_the_same_bytes() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let before = site.output_tree();
    // Long enough for any clock time with one-second resolution to change.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build_ok();
    assert_same_tree(&before, &site.output_tree());
}

#[test]
fn feeds_take_their_date_from_content_not_the_clock() {
    let site = TestSite::fixture("basic");
    site.build_ok();
    let atom = site.output("atom.xml");
    // The newest page is from 2021-03-05; `first` was updated 2021-03-01.
    assert!(
        atom.contains("<updated>2021-03-05T00:00:00+00:00</updated>"),
        "{atom}"
    );
    // A site whose pages have no dates uses the Unix epoch, not the time of the build.
    let undated = TestSite::fixture("basic");
    undated.replace(
        "config.toml",
        "[languages.ru]\ntitle = \"Тестовый сайт\"\ngenerate_feeds = true\n",
        "[languages.ru]\ntitle = \"Тестовый сайт\"\ngenerate_feeds = false\n",
    );
    undated.replace(
        "config.toml",
        "generate_feeds = true\n",
        "generate_feeds = false\n",
    );
    undated.replace(
        "content/people/_index.md",
        "sort_by = \"title\"\n",
        "sort_by = \"title\"\ngenerate_feeds = true\n",
    );
    undated.build_ok();
    let people = undated.output("people/atom.xml");
    assert!(
        people.contains("<updated>1970-01-01T00:00:00+00:00</updated>"),
        "{people}"
    );
    assert!(!undated.output_exists("atom.xml"));
}

#[test]
fn builds_in_parallel_threads_are_ordered() {
    // Many pages rendered in parallel must still come out in one order.
    let one = TestSite::fixture("basic");
    let two = TestSite::fixture("basic");
    for site in [&one, &two] {
        site.write(
            "content/crowd/_index.md",
            "+++\ntitle = \"Crowd\"\nsort_by = \"title\"\n+++\n",
        );
        for i in 0..60 {
            site.write(
                &format!("content/crowd/person-{i:02}.md"),
                format!("+++\ntitle = \"Person {i}\"\n+++\nText {i}.\n"),
            );
        }
    }
    one.build_ok();
    two.build_ok();
    assert_same_tree(&one.output_tree(), &two.output_tree());
    let crowd = one.output("crowd/index.html");
    let positions: Vec<usize> = (0..60)
        .map(|i| {
            crowd
                .find(&format!(">Person {i}<"))
                .unwrap_or_else(|| panic!("Person {i} not listed"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{crowd}");
}
