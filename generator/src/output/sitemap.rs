//! sitemap.xml (every page, section, pager, taxonomy and term) and robots.txt.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use super::jobs::{self, Input, Job};
use super::{Outputs, Renderer};
use crate::diagnostics::Diagnostic;
use crate::model::Site;

pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = Vec::new();
    if site.config.generate_sitemap {
        jobs.push(Job::Sitemap);
    }
    if site.config.generate_robots_txt {
        jobs.push(Job::Robots);
    }
    jobs
}

pub fn render(r: &Renderer, job: &Job) -> Result<Outputs, Diagnostic> {
    jobs::record(Input::AllContent);
    match job {
        Job::Sitemap => sitemap(r),
        Job::Robots => {
            let c = r.base_context(&r.site.config.default_language, "/robots.txt");
            Ok(vec![r.text("robots.txt", c, "/robots.txt")?])
        }
        _ => Ok(Vec::new()),
    }
}

fn sitemap(r: &Renderer) -> Result<Outputs, Diagnostic> {
    let site = r.site;
    let mut entries: BTreeSet<(String, Option<String>)> = BTreeSet::new();
    for page in &site.pages {
        if page.meta.render {
            let updated = page
                .updated
                .or(page.date)
                .map(|d| d.date().format("%Y-%m-%d").to_string());
            entries.insert((page.permalink.clone(), updated));
        }
    }
    for section in &site.sections {
        if section.meta.render && section.meta.redirect_to.is_none() {
            entries.insert((section.permalink.clone(), None));
            for pager in section.pagers.iter().skip(1) {
                entries.insert((pager.permalink.clone(), None));
            }
        }
    }
    for tax in &site.taxonomies {
        if tax.config.render {
            entries.insert((tax.permalink.clone(), None));
            for term in &tax.terms {
                entries.insert((term.permalink.clone(), None));
                for pager in term.pagers.iter().skip(1) {
                    entries.insert((pager.permalink.clone(), None));
                }
            }
        }
    }
    // As big as a list of every page: built while no other such list is (see `huge_list`).
    let _alone = super::pages::huge_list(entries.len());
    let entries: Vec<Value> = entries
        .into_iter()
        .map(|(permalink, updated)| json!({"permalink": permalink, "updated": updated}))
        .collect();
    let mut c = r.base_context(&site.config.default_language, "/sitemap.xml");
    c.insert("entries".into(), Value::Array(entries));
    Ok(vec![r.text("sitemap.xml", c, "/sitemap.xml")?])
}
