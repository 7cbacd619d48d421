//! The machine-readable files: Atom feed, iCalendar of dated windows, sitemap, robots.txt.
//! All are short, fixed formats written by hand; every text value is escaped for its format.

use crate::urls;
use crate::views::{CallView, NoticeView};
use expertpool_records::{Date, PublicInstance};
use std::fmt::Write as _;

/// Escapes text for XML character data and attribute values.
pub(crate) fn xml_escape(text: &str) -> String {
    crate::escape::escape_html(text).replace("&#39;", "&apos;")
}

/// Midnight in China of `date`, in RFC 3339: every item is dated by day.
fn rfc3339(date: Date) -> String {
    format!("{date}T00:00:00+08:00")
}

struct FeedItem<'a> {
    title: &'a str,
    url: &'a str,
    published: Date,
    summary: String,
}

/// The Atom feed of notices and calls, newest first.
pub(crate) fn atom(instance: &PublicInstance, notices: &[(usize, NoticeView)], calls: &[(usize, CallView)]) -> String {
    let base = &instance.site.site.base_url;
    let mut items: Vec<FeedItem> = notices
        .iter()
        .map(|(_, n)| FeedItem {
            title: &n.title,
            url: &n.url,
            published: n.published,
            summary: format!("{}：公示期{}至{}", n.pool_name, n.window.start.chinese(), n.window.end.chinese()),
        })
        .chain(calls.iter().map(|(_, c)| FeedItem {
            title: &c.title,
            url: &c.url,
            published: c.published,
            summary: format!("{}：截止日期{}", c.pool_name, c.deadline.chinese()),
        }))
        .collect();
    items.sort_by(|a, b| b.published.cmp(&a.published).then(a.url.cmp(b.url)));
    let updated = items.iter().map(|i| i.published).max();

    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n",
    );
    let _ = writeln!(out, "  <title>{}</title>", xml_escape(&instance.site.site.title));
    let _ = writeln!(out, "  <id>{}</id>", xml_escape(&urls::absolute(base, "")));
    let _ = writeln!(
        out,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        xml_escape(&urls::absolute(base, ""))
    );
    let _ = writeln!(
        out,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        xml_escape(&urls::absolute(base, "feed.xml"))
    );
    let _ = writeln!(out, "  <author><name>{}</name></author>", xml_escape(&instance.site.bureau.name));
    // A feed must carry a date; with nothing published yet the calendar's first year is as
    // good as any and stays stable between builds.
    let _ = writeln!(out, "  <updated>{}</updated>", rfc3339(updated.unwrap_or(Date::ymd(2000, 1, 1))));
    for item in &items {
        let url = urls::absolute(base, item.url);
        let _ = write!(
            out,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{}</published>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(item.title),
            xml_escape(&url),
            xml_escape(&url),
            rfc3339(item.published),
            rfc3339(item.published),
            xml_escape(&item.summary),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// An iCalendar file with one all-day event per publicity period and per call deadline.
pub(crate) fn ics(instance: &PublicInstance, notices: &[(usize, NoticeView)], calls: &[(usize, CallView)]) -> String {
    let base = &instance.site.site.base_url;
    let host = base.split_once("://").map(|(_, r)| r).unwrap_or(base).split('/').next().unwrap_or("expertpool");
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//expertpool//site//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", ics_text(&format!("{}：公示与征集", instance.site.site.title))),
    ];
    for (_, n) in notices {
        event(
            &mut lines,
            &format!("notice-{}@{host}", n.slug),
            n.published,
            n.window.start,
            n.window.end,
            &format!("公示期：{}", n.title),
            &format!(
                "{}，公示期{}个工作日，{}至{}。",
                n.pool_name,
                n.working_days,
                n.window.start.chinese(),
                n.window.end.chinese()
            ),
            &urls::absolute(base, &n.url),
        );
    }
    for (_, c) in calls {
        event(
            &mut lines,
            &format!("call-{}@{host}", c.slug),
            c.published,
            c.deadline,
            c.deadline,
            &format!("征集截止：{}", c.title),
            &format!("{}，{}截止，逾期不予受理。", c.pool_name, c.deadline.chinese()),
            &urls::absolute(base, &c.url),
        );
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn event(
    lines: &mut Vec<String>,
    uid: &str,
    stamp: Date,
    first: Date,
    last: Date,
    summary: &str,
    description: &str,
    url: &str,
) {
    let compact = |d: Date| d.to_string().replace('-', "");
    lines.push("BEGIN:VEVENT".into());
    lines.push(format!("UID:{}", ics_text(uid)));
    lines.push(format!("DTSTAMP:{}T000000Z", compact(stamp)));
    lines.push(format!("DTSTART;VALUE=DATE:{}", compact(first)));
    // All-day events end on the day after the last day (RFC 5545 §3.6.1).
    lines.push(format!("DTEND;VALUE=DATE:{}", compact(last.plus_days(1))));
    lines.push(format!("SUMMARY:{}", ics_text(summary)));
    lines.push(format!("DESCRIPTION:{}", ics_text(description)));
    lines.push(format!("URL;VALUE=URI:{url}"));
    lines.push("END:VEVENT".into());
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn ics_text(text: &str) -> String {
    text.replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace("\r\n", "\\n").replace('\n', "\\n")
}

/// Folds a content line at 75 octets without splitting a UTF-8 character, CRLF-terminated.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The sitemap of every HTML page (directory pages by their directory URL).
pub(crate) fn sitemap(base_url: &str, pages: &[&String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in pages {
        let url = path.strip_suffix("index.html").unwrap_or(path);
        let _ = writeln!(out, "  <url><loc>{}</loc></url>", xml_escape(&urls::absolute(base_url, url)));
    }
    out.push_str("</urlset>\n");
    out
}

pub(crate) fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}\n", urls::absolute(base_url, "sitemap.xml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_characters_whole() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "公示".repeat(40)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), format!("SUMMARY:{}", "公示".repeat(40)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(ics_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(xml_escape("<a & 'b'>"), "&lt;a &amp; &apos;b&apos;&gt;");
    }
}
