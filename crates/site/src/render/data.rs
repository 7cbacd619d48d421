//! The files made without a template: search index, feed, calendar, sitemap, robots.txt and
//! each call's summary tables.

use crate::views::{CallView, NoticeView};
use crate::{BuildError, annex, feeds, search};
use expertpool_records::PublicInstance;
use expertpool_records::public::PublicExpert;
use std::sync::Arc;

/// Output path and bytes of files made outside the templates.
pub(super) type Files = Vec<(String, Arc<Vec<u8>>)>;

/// The machine-readable files; `pages` are the HTML pages for the sitemap, `annexes` the
/// folder and pool name of each call's downloadable annexes.
pub(super) fn data_files(
    instance: &PublicInstance,
    experts: &[Vec<PublicExpert>],
    notices: &[(usize, NoticeView)],
    calls: &[(usize, CallView)],
    mut pages: Vec<String>,
    annexes: &[(String, String)],
) -> Result<Files, BuildError> {
    let base = &instance.site.site.base_url;
    pages.sort_unstable();
    let pages: Vec<&String> = pages.iter().collect();
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("search-index.json".into(), search::index(instance, experts)),
        ("site-index.json".into(), search::site_index(instance, notices, calls)),
        ("feed.xml".into(), feeds::atom(instance, notices, calls).into_bytes()),
        ("calendar.ics".into(), feeds::ics(instance, notices, calls).into_bytes()),
        ("sitemap.xml".into(), feeds::sitemap(base, &pages).into_bytes()),
        ("robots.txt".into(), feeds::robots(base).into_bytes()),
    ];
    for (folder, pool_name) in annexes {
        let path = format!("{folder}{}", annex::XLSX_NAME);
        let xlsx = annex::summary_xlsx(&annex::summary_table_title(pool_name))
            .map_err(|e| BuildError::Annex { path: path.clone(), message: e.to_string() })?;
        files.push((path, xlsx));
        files.push((format!("{folder}{}", annex::CSV_NAME), annex::summary_csv()));
        let path = format!("{folder}{}", annex::DOCX_NAME);
        let docx = crate::annex_docx::application_form_docx(pool_name)
            .map_err(|e| BuildError::Annex { path: path.clone(), message: e.to_string() })?;
        files.push((path, docx));
    }
    Ok(files.into_iter().map(|(path, bytes)| (path, Arc::new(bytes))).collect())
}
