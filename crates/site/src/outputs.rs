//! Every record's output folder is its own: checked before a single file is rendered or
//! written, so two sources never overwrite each other's page.
//!
//! The naming rule of `check` (`expertpool_records::names`) already keeps names apart, but a
//! site is built from whatever passed validation, and [`crate::urls::segment`] still maps any
//! character it does not trust to `_`. This check compares the folders as written, with
//! ASCII letters folded to lower case: the bureau's web server may sit on a file system that
//! ignores case, where `ZN-1/` and `zn-1/` are one folder.

use crate::BuildError;
use crate::urls;
use expertpool_records::PublicInstance;
use std::collections::HashMap;
use std::path::PathBuf;

/// Fails with the first output folder two sources map to, naming both.
pub(crate) fn check_unique(instance: &PublicInstance) -> Result<(), BuildError> {
    let mut seen: HashMap<String, (String, PathBuf)> = HashMap::new();
    let mut claim = |url: String, source: PathBuf| -> Result<(), BuildError> {
        match seen.entry(url.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Occupied(first) => {
                let (first_url, first_source) = first.get().clone();
                Err(BuildError::Collision { path: first_url, first: first_source, second: source })
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert((url, source));
                Ok(())
            }
        }
    };
    for pool in &instance.pools {
        let folder = pool.policy.file.path.parent().map(|p| p.to_path_buf()).unwrap_or_default();
        claim(urls::pool(pool.id()), folder)?;
        for expert in &pool.experts {
            claim(urls::expert(pool.id(), &expert.id), expert.file.path.clone())?;
        }
    }
    let specialties = &instance.specialties;
    let mut codes = std::collections::HashSet::new();
    for s in &specialties.specialties {
        // A code listed twice is one specialty, reported by `check`; only distinct codes collide.
        if codes.insert(s.code.as_str()) {
            let source = PathBuf::from(format!("{}（专业代码 `{}`）", specialties.file.path.display(), s.code));
            claim(urls::specialty(&s.code), source)?;
        }
    }
    for doc in &instance.notices {
        claim(urls::notice(&doc.slug), doc.file.path.clone())?;
    }
    for doc in &instance.calls {
        claim(urls::call(&doc.slug), doc.file.path.clone())?;
    }
    for doc in &instance.pages {
        claim(urls::page(&doc.slug), doc.file.path.clone())?;
    }
    Ok(())
}

/// Fails if two pages of one render have the same file (ASCII case folded): the net under
/// [`check_unique`], for pages that come from no single record.
pub(crate) fn check_pages<'a>(paths: impl Iterator<Item = &'a str>) -> Result<(), BuildError> {
    let mut seen = std::collections::HashSet::new();
    for path in paths {
        if !seen.insert(path.to_ascii_lowercase()) {
            return Err(BuildError::Collision {
                path: path.to_string(),
                first: PathBuf::from("（同一次生成中的另一页）"),
                second: PathBuf::from("（同一次生成中的另一页）"),
            });
        }
    }
    Ok(())
}
