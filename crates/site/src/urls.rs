//! Where each page lives. Paths are relative to the site root, without a leading slash, and
//! directory pages end in `/` (written as `<dir>/index.html`). Pages link to each other
//! through a `root` prefix of `../` segments, so the site works under any sub-path.

/// `../` repeated once per folder above the file at `path` (`a/b/index.html` → `../../`).
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The file a directory URL is written to: `pools/x/` → `pools/x/index.html`.
pub(crate) fn file_of(url: &str) -> String {
    if url.is_empty() || url.ends_with('/') { format!("{url}index.html") } else { url.to_string() }
}

/// The URL of page `n` (1-based) of a paginated list at `base` (a directory URL).
pub(crate) fn page_url(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

pub(crate) fn pool(pool: &str) -> String {
    format!("pools/{}/", segment(pool))
}

pub(crate) fn expert(pool: &str, id: &str) -> String {
    format!("pools/{}/experts/{}/", segment(pool), segment(id))
}

pub(crate) fn specialty(code: &str) -> String {
    format!("specialties/{}/", segment(code))
}

/// The list of in-service experts whose names start with `letter` (`#`: no readable initial).
pub(crate) fn initial(letter: char) -> String {
    if letter == '#' { "initials/other/".to_string() } else { format!("initials/{letter}/") }
}

pub(crate) fn notice(slug: &str) -> String {
    format!("notices/{}/", segment(slug))
}

pub(crate) fn call(slug: &str) -> String {
    format!("calls/{}/", segment(slug))
}

pub(crate) fn page(slug: &str) -> String {
    format!("pages/{}/", segment(slug))
}

/// The protocol specification's page.
pub(crate) const PROTOCOL: &str = "draws/protocol/";

pub(crate) fn draw(id: &str) -> String {
    format!("draws/{}/", segment(id))
}

/// Makes an id safe as one path segment: ids are ASCII in practice, but a stray `/`, `..`
/// or space in a record must not escape the folder or break a link.
pub(crate) fn segment(id: &str) -> String {
    let cleaned: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' { c } else { '_' })
        .collect();
    if cleaned.chars().all(|c| c == '.') { cleaned.replace('.', "_") } else { cleaned }
}

/// Joins the configured base URL (ending in `/`) with a root-relative path.
pub(crate) fn absolute(base_url: &str, path: &str) -> String {
    let base = base_url.trim_end_matches('/');
    format!("{base}/{path}")
}

/// The path part of the base URL (`https://x.gov.cn/zjk/` → `/zjk/`), for pages such as the
/// 404 page that are served at arbitrary depths and so cannot use relative links.
pub(crate) fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, rest)| rest).unwrap_or(base_url);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/");
    if path.ends_with('/') { path.to_string() } else { format!("{path}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_and_files() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("pools/zhineng/index.html"), "../../");
        assert_eq!(file_of("pools/zhineng/"), "pools/zhineng/index.html");
        assert_eq!(file_of("feed.xml"), "feed.xml");
        assert_eq!(page_url("notices/", 1), "notices/");
        assert_eq!(page_url("notices/", 3), "notices/page/3/");
    }

    #[test]
    fn segments_cannot_escape() {
        assert_eq!(segment("ZN-0042"), "ZN-0042");
        assert_eq!(segment("../etc"), ".._etc");
        assert_eq!(segment(".."), "__");
        assert_eq!(segment("a b/c"), "a_b_c");
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path("https://rsj.example.gov.cn/zjk/"), "/zjk/");
        assert_eq!(base_path("https://rsj.example.gov.cn"), "/");
        assert_eq!(absolute("https://x.cn/zjk/", "notices/a/"), "https://x.cn/zjk/notices/a/");
    }
}
