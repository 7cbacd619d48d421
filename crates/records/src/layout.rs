//! Where each file of an instance lives, relative to the instance's root: the one home of
//! the folder layout. The loader, the synthesizer, the import, the draw service and the
//! site all build their paths here, so moving a folder is a change in one file.
//!
//! ```text
//! site.toml                     specialties.toml
//! calendar/<year>.toml          pools/<pool>/pool.toml
//! pools/<pool>/experts/<id>.toml
//! notices/<slug>.md  calls/<slug>.md  pages/<slug>.md
//! private/experts/<person>.toml draws/log.json  templates/ (overrides)
//! ```
//!
//! Every function returns a relative path; join it to the root (`root.join(layout::site())`).
//! Relative paths are also what messages quote and what git names.

use std::path::PathBuf;

/// The folder of personal data. Only the private crate reads below it.
pub const PRIVATE: &str = "private";
/// The folder holding one folder per pool.
pub const POOLS: &str = "pools";
/// The extension of a record file (site, taxonomy, calendar, pool, expert, person).
pub const RECORD_EXT: &str = "toml";
/// The extension of a document file (notice, call, page): front matter and Markdown.
pub(crate) const DOC_EXT: &str = "md";

/// The entries at the top of an instance; a folder holding any of them holds an instance.
pub const TOP_LEVEL: [&str; 8] = [SITE, SPECIALTIES, CALENDAR, POOLS, NOTICES, CALLS, PAGES, PRIVATE];

const SITE: &str = "site.toml";
const SPECIALTIES: &str = "specialties.toml";
const CALENDAR: &str = "calendar";
const NOTICES: &str = "notices";
const CALLS: &str = "calls";
const PAGES: &str = "pages";
const TEMPLATES: &str = "templates";
const EXPERTS: &str = "experts";
const POOL_FILE: &str = "pool.toml";

fn file(folder: PathBuf, stem: &str, ext: &str) -> PathBuf {
    folder.join(format!("{stem}.{ext}"))
}

/// `site.toml`: the bureau, its base URL, contacts and time zone.
pub fn site() -> PathBuf {
    PathBuf::from(SITE)
}

/// `specialties.toml`: the taxonomy.
pub fn specialties() -> PathBuf {
    PathBuf::from(SPECIALTIES)
}

/// `calendar/`: one holiday schedule per year.
pub fn calendar_dir() -> PathBuf {
    PathBuf::from(CALENDAR)
}

/// `calendar/<year>.toml`.
pub fn calendar_year(year: i16) -> PathBuf {
    file(calendar_dir(), &year.to_string(), RECORD_EXT)
}

/// `pools/`.
pub fn pools_dir() -> PathBuf {
    PathBuf::from(POOLS)
}

/// `pools/<pool>/`.
pub fn pool_dir(pool: &str) -> PathBuf {
    pools_dir().join(pool)
}

/// The policy file of a pool, given the pool's folder (`<pool folder>/pool.toml`).
pub(crate) fn policy_in(pool_dir: &std::path::Path) -> PathBuf {
    pool_dir.join(POOL_FILE)
}

/// `pools/<pool>/pool.toml`.
pub fn pool_policy(pool: &str) -> PathBuf {
    policy_in(&pool_dir(pool))
}

/// The experts folder of a pool, given the pool's folder (`<pool folder>/experts/`).
pub fn experts_in(pool_dir: &std::path::Path) -> PathBuf {
    pool_dir.join(EXPERTS)
}

/// `pools/<pool>/experts/`.
pub fn experts_dir(pool: &str) -> PathBuf {
    experts_in(&pool_dir(pool))
}

/// `pools/<pool>/experts/<id>.toml`: an expert's public record.
pub fn expert(pool: &str, id: &str) -> PathBuf {
    file(experts_dir(pool), id, RECORD_EXT)
}

/// Whether a `/`-separated relative path (as git prints it) is an expert's public record,
/// `pools/<pool>/experts/<id>.toml`, and not `pool.toml` or a file in a deeper folder.
pub(crate) fn is_expert_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), [POOLS, _, EXPERTS, name] if name.ends_with(".toml"))
}

/// `private/experts/`: the personal data, one file per person.
pub fn people_dir() -> PathBuf {
    PathBuf::from(PRIVATE).join(EXPERTS)
}

/// `private/experts/<person>.toml`: a person's private record.
pub fn person(id: &str) -> PathBuf {
    file(people_dir(), id, RECORD_EXT)
}

/// `notices/`.
pub fn notices_dir() -> PathBuf {
    PathBuf::from(NOTICES)
}

/// `notices/<slug>.md`: a publicity notice.
pub fn notice(slug: &str) -> PathBuf {
    file(notices_dir(), slug, DOC_EXT)
}

/// `calls/`.
pub fn calls_dir() -> PathBuf {
    PathBuf::from(CALLS)
}

/// `calls/<slug>.md`: a call for experts.
pub fn call(slug: &str) -> PathBuf {
    file(calls_dir(), slug, DOC_EXT)
}

/// `pages/`.
pub fn pages_dir() -> PathBuf {
    PathBuf::from(PAGES)
}

/// `pages/<slug>.md`: a policy document or the about page.
pub fn page(slug: &str) -> PathBuf {
    file(pages_dir(), slug, DOC_EXT)
}

/// `templates/`: the instance's overrides of the bundled site templates.
pub fn templates_dir() -> PathBuf {
    PathBuf::from(TEMPLATES)
}

/// `draws/log.json`: the exported draw log the site publishes.
pub fn draw_log() -> PathBuf {
    PathBuf::from("draws").join("log.json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_the_documented_ones() {
        assert_eq!(expert("zhineng", "ZN-0001"), PathBuf::from("pools/zhineng/experts/ZN-0001.toml"));
        assert_eq!(pool_policy("zhineng"), PathBuf::from("pools/zhineng/pool.toml"));
        assert_eq!(person("P-1"), PathBuf::from("private/experts/P-1.toml"));
        assert_eq!(calendar_year(2026), PathBuf::from("calendar/2026.toml"));
        assert_eq!(notice("a"), PathBuf::from("notices/a.md"));
        assert_eq!(call("b"), PathBuf::from("calls/b.md"));
        assert_eq!(page("c"), PathBuf::from("pages/c.md"));
        assert_eq!(draw_log(), PathBuf::from("draws/log.json"));
    }

    #[test]
    fn only_expert_records_are_expert_paths() {
        assert!(is_expert_path("pools/zhineng/experts/ZN-0001.toml"));
        assert!(!is_expert_path("pools/zhineng/pool.toml"));
        assert!(!is_expert_path("pools/zhineng/experts/old/ZN-0001.toml"));
        assert!(!is_expert_path("private/experts/P-1.toml"));
    }
}
