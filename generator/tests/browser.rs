//! Every page type of the real site, in each language, loaded in headless Chromium (Debian's
//! package) with axe-core: no serious or critical accessibility violation, nothing requested
//! from a third party, no horizontal scrolling at 320 px, and the page usable from file://; on
//! pages with citations, a reference read as "source N" in the page's language that leads to
//! the source list, and a back-link from there to the fact.
//!
//! Needs `chromium` and `tests/browser/node_modules` (installed by `bash scripts/test.sh`).
//! Outside CI a missing piece skips the test with a message; with CI=true it fails.

mod util;

use std::path::Path;
use std::process::Command;

const PAGES: &[&str] = &[
    "/",
    "/ru/",
    "/kk/",
    "/prisoners/",
    "/ru/prisoners/",
    "/prisoners/maks-bokayev/",
    "/ru/prisoners/maks-bokayev/",
    "/prisoners/aron-atabek/",
    "/ru/prisoners/iskander-yerimbetov/",
    "/kk/prisoners/",
    "/kk/prisoners/maks-bokayev/",
    "/kk/prisoners/aron-atabek/",
    "/decisions/",
    "/ru/decisions/",
    "/decisions/wgad-opinion-16-2017/",
    "/ru/decisions/ccpr-views-2304-2013/",
    "/about/",
    "/ru/about/",
    "/kk/about/",
    "/open-letter/",
    "/ru/open-letter/",
    "/status/",
    "/ru/status/",
    "/status/released/",
    "/charges/",
    "/ru/regions/",
    "/un-bodies/wgad/",
    "/search/",
    "/ru/search/",
    "/kk/search/",
    "/404.html",
];

#[test]
fn every_page_type_passes_axe_in_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let browser_dir = root.join("tests/browser");
    let Some(chromium) = util::browser_ready("browser test") else {
        return;
    };

    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["build", "--root"])
        .arg(&root)
        .arg("--output")
        .arg(&site)
        .output()
        .expect("run casebook");
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let run = Command::new("node")
        .arg(browser_dir.join("check-site.mjs"))
        .arg(&site)
        .args(PAGES)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "browser checks failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains(&format!("{} passed, 0 failed", PAGES.len())),
        "{stdout}"
    );
}
