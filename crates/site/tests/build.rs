//! The demo instance builds into a complete, linked, safe site.

mod common;

use common::*;
use expertpool_records::Date;
use expertpool_site::{BuildOptions, SiteFiles, build};
use std::collections::BTreeSet;
use std::path::Path;

/// Every string value of the personal-data fields in `private/experts/*.toml`.
fn private_values() -> Vec<String> {
    const FIELDS: [&str; 5] = ["id_number", "mobile", "office_phone", "email", "address"];
    let mut values = BTreeSet::new();
    let dir = demo().join("private/experts");
    for entry in std::fs::read_dir(&dir).expect("the demo has private records") {
        let path = entry.unwrap().path();
        let table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for field in FIELDS {
            if let Some(toml::Value::String(value)) = table.get(field) {
                values.insert(value.clone());
            }
        }
    }
    values.into_iter().collect()
}

/// A matcher for all values at once (one pass over each file).
fn matcher(values: &[String]) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::new(values).unwrap()
}

/// (file, value) for every private value found in any output byte.
fn leaks(site: &SiteFiles, values: &[String]) -> Vec<(String, String)> {
    let matcher = matcher(values);
    let mut found = Vec::new();
    for (path, bytes) in &site.files {
        for m in matcher.find_overlapping_iter(bytes.as_slice()) {
            found.push((path.clone(), values[m.pattern().as_usize()].clone()));
        }
    }
    found
}

#[test]
fn no_private_value_reaches_any_output_byte() {
    let values = private_values();
    assert!(values.len() > 100, "expected the demo's private records, found {} values", values.len());
    let site = render(&demo(), day()).unwrap();
    let found = leaks(&site, &values);
    assert!(found.is_empty(), "private data in the site: {:?}", &found[..found.len().min(10)]);

    // The scan itself finds a value that is there.
    let mut planted = site.clone();
    planted.files.insert("planted.html".into(), std::sync::Arc::new(format!("x{}y", values[0]).into_bytes()));
    assert_eq!(leaks(&planted, &values).len(), 1);
}

#[test]
fn written_site_has_no_private_value_either() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let options = BuildOptions { content: demo(), templates: Some(templates_dir()), today: day() };
    let report = build(&options, &target).unwrap();
    assert!(report.files > 400, "{} files", report.files);
    let values = private_values();
    let matcher = matcher(&values);
    let mut stack = vec![target.clone()];
    let mut files = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&path).unwrap();
            if let Some(m) = matcher.find(bytes.as_slice()) {
                panic!("{} in {}", values[m.pattern().as_usize()], path.display());
            }
        }
    }
    assert_eq!(files, report.files + 1, "the files plus the marker");
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let site = render(&demo(), day()).unwrap();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, bytes) in site.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        for reference in references(html) {
            if reference.starts_with("https://") || reference.starts_with("http://") {
                // Only the canonical link may be absolute, and it points at the site itself.
                assert!(reference.starts_with("https://rsj.xinghe.example/zjk/"), "{path}: external {reference}");
                continue;
            }
            if reference.starts_with("mailto:") || reference.starts_with("tel:") || reference.starts_with('#') {
                continue;
            }
            let target = resolve(path, &reference);
            checked += 1;
            if !site.files.contains_key(&target) {
                broken.push(format!("{path}: {reference} → {target}"));
            }
        }
    }
    assert!(checked > 5000, "only {checked} links checked");
    assert!(broken.is_empty(), "{} broken links, e.g. {:?}", broken.len(), &broken[..broken.len().min(10)]);
}

/// The output file a link from `page` points at.
fn resolve(page: &str, reference: &str) -> String {
    let reference = reference.split(['?', '#']).next().unwrap();
    let mut parts: Vec<&str> = if let Some(absolute) = reference.strip_prefix("/zjk/") {
        absolute.split('/').collect()
    } else {
        let mut base: Vec<&str> = page.split('/').collect();
        base.pop();
        base.extend(reference.split('/'));
        base
    };
    let mut out: Vec<&str> = Vec::new();
    for part in parts.drain(..) {
        match part {
            ".." => {
                out.pop();
            }
            "." => {}
            p => out.push(p),
        }
    }
    let joined = out.join("/");
    if joined.is_empty() || joined.ends_with('/') { format!("{joined}index.html") } else { joined }
}

#[test]
fn link_resolution_is_right() {
    assert_eq!(resolve("pools/zhineng/index.html", "../../assets/site.css"), "assets/site.css");
    assert_eq!(resolve("index.html", "notices/a/"), "notices/a/index.html");
    assert_eq!(resolve("index.html", ""), "index.html");
    assert_eq!(resolve("404.html", "/zjk/"), "index.html");
}

#[test]
fn home_page_shows_notices_calls_and_figures() {
    let site = render(&demo(), day()).unwrap();
    let home = text(&site, "index.html");
    assert!(home.contains("<html lang=\"zh-CN\""));
    assert!(home.contains("正在公示"), "the demo has notices open on {}", day());
    assert!(home.contains("href=\"notices/zhineng-20261119/\""));
    assert!(home.contains("正在征集"));
    assert!(home.contains("专家库概况"));
    assert!(home.contains("云ICP备00000000号-1"), "filing number in the footer");
    assert!(home.contains("主办单位：星河市人力资源和社会保障局"));
    assert!(home.contains("class=\"skip-link\" href=\"#main\""));
    assert!(!home.contains("&#x2F;"), "slashes are not escaped");
}

#[test]
fn notice_page_has_period_list_objections_and_qr() {
    let site = render(&demo(), day()).unwrap();
    let page = text(&site, "notices/zhineng-20261119/index.html");
    assert!(page.contains("2026年11月19日</time>至<time datetime=\"2026-11-25\">2026年11月25日"), "period");
    assert!(page.contains("data-start=\"2026-11-19\" data-end=\"2026-11-25\">公示中"), "status as of 2026-11-23");
    assert!(page.contains("拟入库专家名单（7名）"));
    for header in ["序号", "姓名", "性别", "工作单位", "职称/技能等级", "专业类别", "获得荣誉"]
    {
        assert!(page.contains(&format!("<th scope=\"col\">{header}</th>")), "{header}");
    }
    assert!(page.contains("异议受理") && page.contains("tel:0900-86120318"));
    assert!(page.contains("<svg role=\"img\""), "QR code inline");
    assert!(page.contains("https://rsj.xinghe.example/zjk/notices/zhineng-20261119/"));

    // Masked notices print 张*三 forms: one character kept at each end.
    let masked = text(&site, "notices/gaojineng-20261119/index.html");
    let rows: Vec<&str> = masked.split("data-label=\"姓名\">").skip(1).map(|r| r.split('<').next().unwrap()).collect();
    assert!(!rows.is_empty());
    for name in rows {
        assert!(name.contains('*'), "unmasked name {name}");
    }
}

#[test]
fn notices_offer_the_listed_channels_and_stop_inviting_objections_when_over() {
    let content = copy_demo();
    let ended = content.path().join("notices/zhineng-20261009.md");
    let text_of = std::fs::read_to_string(&ended).unwrap();
    let objections = "\n[[objections]]\nreceived = 2026-10-12\nchannel = \"来信\"\nsummary = \"反映某人业绩材料不实\"\n\
        handling = \"调阅原件核实\"\nhandled = 2026-10-16\nresult = \"不成立\"\n\
        \n[[objections]]\nreceived = 2026-10-14\nchannel = \"电话\"\nsummary = \"反映某人兼职情况\"\n\
        handled = 2026-10-17\nresult = \"不成立\"\n+++";
    std::fs::write(&ended, text_of.replacen("\n+++", objections, 1)).unwrap();
    let site = render(content.path(), day()).unwrap();

    // An open notice offers exactly the ways its contact box lists, until when, and the hours.
    let open = text(&site, "notices/zhineng-20261119/index.html");
    assert!(open.contains("通过电话、电子邮件、来信或来访实名反映"), "ways follow the contact box");
    assert!(open.contains("<dt>受理时间</dt><dd>工作日上午8:30—12:00，下午14:30—17:30</dd>"));
    assert!(
        open.contains("<div class=\"objection-invite\">") && open.contains("<div class=\"objection-closed\" hidden>")
    );

    // An ended one no longer invites objections, and says what followed — never what they said.
    let page = text(&site, "notices/zhineng-20261009/index.html");
    assert!(page.contains("<div class=\"objection-invite\" hidden>"), "the invitation is hidden");
    assert!(page.contains("不再受理异议"));
    assert!(page.contains("公示期内收到异议2件，经核查：不成立 2 件。"), "outcome");
    assert!(page.contains("名已审定入库"));
    assert!(!page.contains("业绩材料不实") && !page.contains("兼职情况"), "summaries stay with the bureau");
    let none = text(&site, "notices/zhineng-20260608/index.html");
    assert!(none.contains("公示期内未收到异议。"));
}

#[test]
fn masked_names_are_told_apart_by_their_public_ids() {
    let site = render(&demo(), day()).unwrap();
    let page = text(&site, "notices/gaojineng-20261119/index.html");
    assert!(page.contains("<th scope=\"col\">编号</th>"));
    let ids: Vec<&str> = page.split("data-label=\"编号\">").skip(1).map(|r| r.split('<').next().unwrap()).collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert!(!ids.is_empty() && unique.len() == ids.len(), "{ids:?}");
    assert!(ids.iter().all(|id| id.starts_with("GJ-")));
    // Unmasked notices need no such column.
    assert!(!text(&site, "notices/zhineng-20261119/index.html").contains("<th scope=\"col\">编号</th>"));
}

#[test]
fn notice_status_follows_the_build_day() {
    let status = |today: &str| {
        let site = render(&demo(), Date::parse(today).unwrap()).unwrap();
        let page = text(&site, "notices/zhineng-20261119/index.html");
        let at = page.find("data-end=\"2026-11-25\">").unwrap();
        page[at..].split('>').nth(1).unwrap().split('<').next().unwrap().to_string()
    };
    assert_eq!(status("2026-11-25"), "公示中");
    assert_eq!(status("2026-11-26"), "已结束");
}

#[test]
fn archived_notices_move_and_withdraw_names() {
    let content = copy_demo();
    set_field(&content.path().join("site.toml"), "notices_after_period", "\"archive\"");
    let site = render(content.path(), day()).unwrap();
    let old = text(&site, "notices/zhineng-20250402/index.html");
    assert!(!old.contains("拟入库专家名单（"), "names withdrawn after the period");
    assert!(old.contains("公示名单已按规定撤下"));
    let archive = text(&site, "notices/archive/index.html");
    assert!(archive.contains("notices/zhineng-20250402/"));
    let list = text(&site, "notices/index.html");
    assert!(!list.contains("notices/zhineng-20250402/"), "archived notices leave the main list");
    assert!(list.contains("notices/zhineng-20261119/"), "open notices stay");
    let open = text(&site, "notices/zhineng-20261119/index.html");
    assert!(open.contains("data-withdraw=\"after-end\""), "the script withdraws names once the period ends");
}

#[test]
fn call_page_has_conditions_annexes_and_deadline() {
    let site = render(&demo(), day()).unwrap();
    let slug = "gaojineng-call-20261029";
    let page = text(&site, &format!("calls/{slug}/index.html"));
    assert!(page.contains("截止日期：</strong><time datetime=\"2026-12-28\">"));
    assert!(page.contains(">征集中</span>"));
    assert!(page.contains("专业条件（具备下列条件之一）"));
    assert!(page.contains("征集程序"));
    let form = text(&site, &format!("calls/{slug}/application-form/index.html"));
    for label in
        ["姓名", "身份证号码", "通讯地址", "工作单位属性", "最高学历", "工作经历", "主要专业工作业绩", "单位意见"]
    {
        assert!(form.contains(label), "form lacks {label}");
    }
    let csv = text(&site, &format!("calls/{slug}/summary-table.csv"));
    assert!(csv.contains(&expertpool_records::annex2::HEADERS.join(",")));
    assert_eq!(&site.get(&format!("calls/{slug}/summary-table.xlsx")).unwrap()[..2], b"PK");
    // Annex 1 can be filled in offline; each download is saved under its own Chinese name.
    let docx = site.get(&format!("calls/{slug}/application-form.docx")).unwrap();
    assert_eq!(&docx[..2], b"PK");
    assert!(page.contains("application-form.docx\" download="));
    let names: Vec<&str> = page.split("download=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    assert_eq!(names.len(), 3, "docx, xlsx and csv are offered for download: {names:?}");
    assert!(names[0].starts_with("附件1 ") && names[0].ends_with("入库申请表.docx"), "{names:?}");
    assert!(names[1].starts_with("附件2 ") && names[1].ends_with("入库名单汇总表.xlsx"), "{names:?}");
    assert!(names[2].ends_with(".csv") && names.iter().collect::<std::collections::BTreeSet<_>>().len() == 3);
    // The printed form carries none of the site around it.
    let css = text(&site, "assets/site.css");
    assert!(css.contains("body:has(.form-sheet) .site-header"));
}

#[test]
fn expert_pages_show_term_and_status_and_lists_paginate() {
    let site = render(&demo(), day()).unwrap();
    let experts: Vec<&String> = site.files.keys().filter(|p| p.contains("/experts/")).collect();
    assert!(experts.len() > 300);
    let labels = ["在库", "聘期届满", "已解聘"];
    let mut seen = BTreeSet::new();
    for path in &experts {
        let page = text(&site, path);
        assert!(page.contains("<dt>状态</dt>"));
        for label in labels {
            if page.contains(&format!("<dd>{label}（截至")) {
                seen.insert(label);
            }
        }
    }
    assert!(seen.contains("在库") && seen.contains("聘期届满"), "statuses seen: {seen:?}");
    // 186 listed experts at 50 a page: four pages of the list of all, linked from the first.
    let first = text(&site, "pools/zhineng/status/all/index.html");
    assert!(first.contains("href=\"../../../../pools/zhineng/status/all/page/2/\""));
    assert!(site.files.contains_key("pools/zhineng/status/all/page/4/index.html"));
    assert!(!site.files.contains_key("pools/zhineng/status/all/page/5/index.html"));
}

#[test]
fn no_empty_section_is_rendered() {
    let site = render(&demo(), day()).unwrap();
    for (path, bytes) in site.files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        let squeezed: String = html.split_whitespace().collect();
        for empty in
            ["<ulclass=\"item-list\"></ul>", "<tbody></tbody>", "<ol></ol>", "<ul></ul>", "<dlclass=\"facts\"></dl>"]
        {
            assert!(!squeezed.contains(empty), "{path} has an empty list {empty}");
        }
    }
    // The draws section exists exactly when the instance publishes a draw log.
    let has_log = demo().join("draws/log.json").is_file();
    assert_eq!(site.files.keys().any(|p| p.starts_with("draws/")), has_log);
    assert_eq!(text(&site, "index.html").contains("draws/"), has_log);
    let without_log = copy_demo();
    let _ = std::fs::remove_dir_all(without_log.path().join("draws"));
    let bare = render(without_log.path(), day()).unwrap();
    assert!(!bare.files.keys().any(|p| p.starts_with("draws/")));
    assert!(!text(&bare, "index.html").contains("draws/"));
}

#[test]
fn feeds_sitemap_calendar_and_robots() {
    let site = render(&demo(), day()).unwrap();
    let feed = text(&site, "feed.xml");
    assert!(feed.starts_with("<?xml"));
    assert!(feed.contains("<id>https://rsj.xinghe.example/zjk/notices/zhineng-20261119/</id>"));
    assert!(feed.contains("<id>https://rsj.xinghe.example/zjk/calls/gaojineng-call-20261029/</id>"));
    let sitemap = text(&site, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://rsj.xinghe.example/zjk/</loc>"));
    assert!(!sitemap.contains("404"));
    let ics = text(&site, "calendar.ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20261119\r\nDTEND;VALUE=DATE:20261126\r\n"),
        "all-day period, end exclusive"
    );
    assert!(ics.contains("DTSTART;VALUE=DATE:20261228"));
    assert!(text(&site, "robots.txt").contains("Sitemap: https://rsj.xinghe.example/zjk/sitemap.xml"));
    let index: serde_json::Value = serde_json::from_slice(site.get("search-index.json").unwrap()).unwrap();
    assert_eq!(index["experts"].as_array().unwrap().len(), 366, "every listed expert, no one else");
}

#[test]
fn same_input_same_bytes() {
    let a = render(&demo(), day()).unwrap();
    let b = render(&demo(), day()).unwrap();
    assert_eq!(a.files.len(), b.files.len());
    for (path, bytes) in &a.files {
        assert_eq!(Some(bytes), b.files.get(path), "{path} differs between two builds");
    }
}

#[test]
fn failed_build_leaves_the_previous_site() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let options = BuildOptions { content: demo(), templates: Some(templates_dir()), today: day() };
    build(&options, &target).unwrap();
    let before = std::fs::read(target.join("index.html")).unwrap();

    let content = copy_demo();
    let broken =
        std::fs::read_dir(content.path().join("pools/zhineng/experts")).unwrap().next().unwrap().unwrap().path();
    set_field(&broken, "gender", "\"M\"");
    let options = BuildOptions { content: content.path().to_path_buf(), ..options };
    let error = build(&options, &target).unwrap_err();
    assert!(error.report().contains("gender"), "{}", error.report());
    assert_eq!(std::fs::read(target.join("index.html")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "no staging folder left behind: {leftovers:?}");
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("precious.txt"), "keep me").unwrap();
    let options = BuildOptions { content: demo(), templates: Some(templates_dir()), today: day() };
    let error = build(&options, out.path()).unwrap_err();
    assert!(error.report().contains("不是由 `expertpool build` 生成的"), "{}", error.report());
    assert!(Path::new(&out.path().join("precious.txt")).is_file());
}

#[test]
fn instance_templates_override_defaults() {
    let content = copy_demo();
    std::fs::create_dir_all(content.path().join("templates")).unwrap();
    std::fs::write(
        content.path().join("templates/404.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>本地化的404</h1>{% endblock content %}",
    )
    .unwrap();
    let site = render(content.path(), day()).unwrap();
    assert!(text(&site, "404.html").contains("本地化的404"));
    assert!(text(&site, "404.html").contains("href=\"/zjk/assets/site.css\""), "404 links through the base path");
}

#[test]
fn draw_records_render_from_the_public_log() {
    let content = copy_demo();
    let log = Path::new(env!("CARGO_MANIFEST_DIR")).join("../draw/tests/vectors/logs/log-ok.json");
    std::fs::create_dir_all(content.path().join("draws")).unwrap();
    std::fs::copy(&log, content.path().join("draws/log.json")).unwrap();
    let site = render(content.path(), day()).unwrap();
    let list = text(&site, "draws/index.html");
    assert!(list.contains("专家抽取记录"));
    let pages: Vec<&String> = site
        .files
        .keys()
        .filter(|p| p.starts_with("draws/") && p.ends_with("/index.html") && *p != "draws/index.html")
        .collect();
    assert!(!pages.is_empty(), "one page per draw");
    let page = text(&site, pages[0]);
    assert!(page.contains("承诺值") && page.contains("日志条目"));
    if site.files.contains_key("verify.html") {
        assert!(page.contains("verify.html"), "draw pages link to the verifier");
    }
    assert_eq!(site.get("draws/log.json").unwrap().as_slice(), std::fs::read(&log).unwrap().as_slice());
    assert!(text(&site, "index.html").contains("href=\"draws/\""), "the section is in the navigation");

    // The demo's own log: results carry each called expert's outcome, the pool's name
    // is shown, and the verify button loads this log.
    let demo_site = render(&demo(), day()).unwrap();
    let pages: Vec<String> = demo_site
        .files
        .keys()
        .filter(|p| p.starts_with("draws/") && p.ends_with("/index.html") && *p != "draws/index.html")
        .filter(|p| *p != "draws/protocol/index.html")
        .map(|p| text(&demo_site, p))
        .collect();
    let all = pages.concat();
    for outcome in ["同意参加", "拒绝（", "回避（本单位：", "未接通", "定向选用", "第 1 位", "（北京时间，UTC+8）"]
    {
        assert!(all.contains(outcome), "no draw page shows {outcome}");
    }
    for status in ["已公布", "保密期内"] {
        assert!(all.contains(status), "no draw page has the status {status}");
    }
    // Commitments by Chinese label with an explanation; no raw keys, no JSON, no UTC times.
    assert!(all.contains("密钥承诺值") && all.contains("抽取前锁定的随机密钥的指纹"));
    for raw in [
        ">eligible_commit<",
        ">secret_commit<",
        "{\"pause\"",
        "&quot;pause&quot;",
        ">declined",
        "declined<",
        "T16:00:00Z<",
    ] {
        assert!(!all.contains(raw), "a draw page shows {raw}");
    }
    // The v1 demo publishes the request with the reveal: purpose, specialty by name, date.
    assert!(all.contains("技能人才评价") && all.contains("2026年3月12日"));
    assert!(all.contains("verify.html?log=draws/log.json"));
    assert!(all.contains("href=\"../../draws/protocol/\""), "draw pages link the protocol page");
    assert!(all.contains("data-proof=\"../../draws/20260302-000000/proof.json\""));
    let proof: serde_json::Value =
        serde_json::from_slice(demo_site.get("draws/20260302-000000/proof.json").unwrap()).unwrap();
    assert_eq!(proof["format"], "expertpool-draw-proof/v1");
    assert_eq!(proof["entries"].as_array().unwrap().len(), 12, "the draw's entries only");
    let protocol = text(&demo_site, "draws/protocol/index.html");
    assert!(protocol.contains("expertpool-draw/v1") && protocol.contains("site-header"));
    let verify = text(&demo_site, "verify.html");
    assert!(verify.contains("site-header") && verify.contains("site-footer"), "the verify page has the site's chrome");
    assert!(verify.contains("async function verifyLog"), "the verifier is inside the page, for use offline");
    assert!(!verify.contains("docs/draw-protocol.md"), "no repository path on the verify page");
    assert!(!all.contains("<dd>zhineng</dd>") && all.contains("职业能力建设专家库"));

    // A log that is not one stops the build with the file named.
    std::fs::write(content.path().join("draws/log.json"), "{\"format\": \"something-else\"}").unwrap();
    let error = render(content.path(), day()).unwrap_err().report();
    assert!(error.contains("draws/log.json"), "{error}");
}
