//! Static files (the theme's, then the site's `static/`) and co-located content assets, copied
//! as they are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::jobs::{self, Input, Job};
use super::{Outputs, Produced, Renderer};
use crate::diagnostics::Diagnostic;
use crate::load::AssetFile;
use crate::model::Site;

/// One copy job per output file. The site's static files come after the theme's, and the one
/// listed last for a path wins, so the site overrides its theme whatever order threads run in.
pub fn jobs(site: &Site, static_files: &[AssetFile]) -> Vec<Job> {
    let mut by_path: BTreeMap<&str, &Path> = BTreeMap::new();
    for file in static_files.iter().chain(site.content_assets.iter()) {
        by_path.insert(&file.relative, &file.absolute);
    }
    by_path
        .into_iter()
        .map(|(to, from)| Job::Copy {
            from: from.to_path_buf(),
            to: to.to_string(),
        })
        .collect()
}

pub fn render(_r: &Renderer, from: &Path, to: &str) -> Result<Outputs, Diagnostic> {
    jobs::record(Input::Static(to.to_string()));
    Ok(vec![Produced::Copy(to.to_string(), PathBuf::from(from))])
}
