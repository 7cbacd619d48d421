//! What a citizen sees: experts in service by default with a status filter, lists by
//! pinyin initial and by specialty that work without JavaScript, paging, the site-wide
//! search's index and no-JS page, the government-site items and one name per pool.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn index(site: &expertpool_site::SiteFiles) -> Value {
    serde_json::from_slice(site.get("search-index.json").unwrap()).unwrap()
}

/// Experts of the index as (name, pool position, status label), read without the scopes.
fn rows(ix: &Value) -> Vec<(String, u64, String, String)> {
    let fields: Vec<&str> = ix["fields"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    let at = |n: &str| fields.iter().position(|f| *f == n).unwrap();
    ix["experts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let status = ix["statuses"][e[at("status")].as_u64().unwrap() as usize].as_str().unwrap().to_string();
            (
                e[at("name")].as_str().unwrap().into(),
                e[at("pool")].as_u64().unwrap(),
                status,
                e[at("initials")].as_str().unwrap().into(),
            )
        })
        .collect()
}

/// In service, by the labels: appointed (待聘任) or in a term (在库).
fn serving(label: &str) -> bool {
    label == "在库" || label == "待聘任"
}

/// The status cells of an expert table.
fn status_cells(html: &str) -> Vec<String> {
    html.split("data-label=\"状态\"><span class=\"")
        .skip(1)
        .map(|rest| {
            let text = &rest[rest.find('>').unwrap() + 1..];
            text[..text.find('<').unwrap()].to_string()
        })
        .collect()
}

/// Every page of a paginated list, from its first page.
fn all_pages(site: &expertpool_site::SiteFiles, base: &str) -> Vec<String> {
    let mut out = vec![text(site, &format!("{base}index.html"))];
    let mut n = 2;
    while let Some(bytes) = site.get(&format!("{base}page/{n}/index.html")) {
        out.push(String::from_utf8(bytes.to_vec()).unwrap());
        n += 1;
    }
    out
}

#[test]
fn counts_and_lists_show_experts_in_service_with_a_filter_for_the_others() {
    let site = render(&demo(), day()).unwrap();
    let ix = index(&site);
    let all = rows(&ix);
    let in_service = all.iter().filter(|r| serving(&r.2)).count();
    assert!(in_service < all.len(), "the demo has expired, exited and dismissed experts");
    let home = text(&site, "index.html");
    assert!(home.contains(&format!("目前共有在库专家<strong>{in_service}</strong>名")), "home counts in service");
    assert!(home.contains(&format!("专家{}名", all.len() - in_service)), "and says how many others");

    // The pool directory: in service by default, each other status behind a link.
    let position = ix["pools"].as_array().unwrap().iter().position(|p| p[0] == "zhineng").unwrap() as u64;
    let zhineng = all.iter().filter(|r| r.1 == position).collect::<Vec<_>>();
    let pages = all_pages(&site, "pools/zhineng/");
    let cells: Vec<String> = pages.iter().flat_map(|p| status_cells(p)).collect();
    assert_eq!(cells.len(), zhineng.iter().filter(|r| serving(&r.2)).count());
    assert!(cells.iter().all(|c| serving(c)), "{cells:?}");
    // Paging: the page size of site.toml (50) over the in-service experts.
    assert_eq!(pages.len(), cells.len().div_ceil(50));
    assert!(pages.len() > 1 && pages[0].contains("href=\"../../pools/zhineng/page/2/\""));

    let first = &pages[0];
    for (code, label) in [("expired", "聘期届满"), ("exited", "已出库"), ("dismissed", "已解聘")] {
        let count = zhineng.iter().filter(|r| r.2 == label).count();
        assert!(count > 0, "the demo pool has {label} experts");
        assert!(
            first.contains(&format!("href=\"../../pools/zhineng/status/{code}/\">{label}（{count}名）</a>")),
            "filter link for {label}"
        );
        let listed: Vec<String> =
            all_pages(&site, &format!("pools/zhineng/status/{code}/")).iter().flat_map(|p| status_cells(p)).collect();
        assert_eq!(listed.len(), count, "{label}");
        assert!(listed.iter().all(|c| c == label), "{label}: {listed:?}");
    }
    let everyone: usize = all_pages(&site, "pools/zhineng/status/all/").iter().map(|p| status_cells(p).len()).sum();
    assert_eq!(everyone, zhineng.len());

    // Specialty pages count and list in service too; the tree says so.
    let tree = text(&site, "specialties/index.html");
    assert!(tree.contains("（在库"));
    let spec = ix["specialties"][0][0].as_str().unwrap();
    let listed: Vec<String> =
        all_pages(&site, &format!("specialties/{spec}/")).iter().flat_map(|p| status_cells(p)).collect();
    assert!(listed.iter().all(|c| serving(c)), "{listed:?}");

    // The index carries the records' rule: its default scope admits exactly these labels.
    let default: BTreeSet<&str> = ix["scopes"][0][2]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| ix["statuses"][i.as_u64().unwrap() as usize].as_str().unwrap())
        .collect();
    assert_eq!(default, BTreeSet::from(["在库", "待聘任"]));
}

#[test]
fn pinyin_initials_are_in_the_index_and_file_the_no_js_lists() {
    let site = render(&demo(), day()).unwrap();
    let ix = index(&site);
    let all = rows(&ix);
    let zhang = all.iter().find(|r| r.0.starts_with('张') && r.0.chars().count() >= 2).expect("a 张 in the demo");
    assert!(zhang.3.starts_with('z') && zhang.3.len() == zhang.0.chars().count(), "{zhang:?}");

    // Without JavaScript: one list per initial of the in-service experts, linked from the
    // directory and the site-wide search page; together they hold each of them once.
    let directory = text(&site, "search/index.html");
    let find = text(&site, "find/index.html");
    let mut total = 0;
    let mut names = Vec::new();
    for letter in 'a'..='z' {
        let base = format!("initials/{letter}/");
        if site.get(&format!("{base}index.html")).is_none() {
            continue;
        }
        assert!(directory.contains(&format!("href=\"../{base}\"")), "directory links {base}");
        assert!(find.contains(&format!("href=\"../{base}\"")), "find page links {base}");
        for page in all_pages(&site, &base) {
            let cells = status_cells(&page);
            assert!(cells.iter().all(|c| serving(c)));
            total += cells.len();
            for rest in page.split("<th scope=\"row\" data-label=\"姓名\"><a href=\"").skip(1) {
                let name = &rest[rest.find('>').unwrap() + 1..];
                names.push((letter, name[..name.find('<').unwrap()].to_string()));
            }
        }
    }
    assert_eq!(total, all.iter().filter(|r| serving(&r.2)).count());
    assert!(names.iter().any(|(l, n)| *l == 'z' && n == &zhang.0) || !serving(&zhang.2));
    for (letter, name) in &names {
        let row = all.iter().find(|r| &r.0 == name).unwrap();
        assert!(row.3.starts_with(*letter), "{name} filed under {letter}: {row:?}");
    }
    assert!(directory.contains("href=\"../specialties/\""), "the directory links the specialty lists");
}

#[test]
fn site_wide_search_has_an_index_and_a_page_that_works_without_javascript() {
    let site = render(&demo(), day()).unwrap();
    let home = text(&site, "index.html");
    assert!(home.contains("<form class=\"site-search\" action=\"find/\""), "search box in the header");
    let deep = text(&site, "pools/zhineng/index.html");
    assert!(deep.contains("<form class=\"site-search\" action=\"../../find/\""));
    let find = text(&site, "find/index.html");
    assert!(
        find.contains("<noscript>")
            && find.contains("href=\"../notices/\"")
            && find.contains("href=\"../specialties/\"")
    );
    let ix: Value = serde_json::from_slice(site.get("site-index.json").unwrap()).unwrap();
    let docs = ix["documents"].as_array().unwrap();
    let kinds: BTreeSet<&str> = docs.iter().map(|d| d[0].as_str().unwrap()).collect();
    assert_eq!(kinds, BTreeSet::from(["call", "notice", "page"]));
    for d in docs {
        let url = d[2].as_str().unwrap();
        assert!(site.get(&format!("{url}index.html")).is_some(), "{url} is a page");
    }
    assert!(docs.iter().any(|d| d[4].as_str().unwrap().contains("星人社公〔2026〕15号")), "numbers are searchable");
}

#[test]
fn government_site_items_come_from_site_toml() {
    let site = render(&demo(), day()).unwrap();
    let home = text(&site, "index.html");
    assert!(home.contains("class=\"identity-badge\" href=\"https://rsj.xinghe.example/zjk/pages/guanli-banfa/\""));
    assert!(home.contains("标识码：bm99000001"));
    assert!(home.contains("<svg viewBox=\"0 0 40 40\""), "badge drawn inline, no image file");
    assert!(home.contains("class=\"error-report\" href=\"mailto:zjk@rsj.xinghe.example?subject="));
    assert!(home.contains(">找错</a>"));
    for (path, title) in [("copyright/", "版权声明"), ("privacy/", "隐私声明")] {
        assert!(home.contains(&format!("href=\"{path}\">{title}</a>")));
        let page = text(&site, &format!("{path}index.html"));
        assert!(page.contains(&format!("<h1>{title}</h1>")) && page.contains("星河市人力资源和社会保障局"));
    }
    assert!(home.contains("云ICP备00000000号-1") && home.contains("云公网安备99990002000000号"));

    // A bureau's own texts replace the defaults; without a badge there is none.
    let content = copy_demo();
    let site_toml = content.path().join("site.toml");
    let text_of = std::fs::read_to_string(&site_toml).unwrap();
    let edited = text_of
        .lines()
        .filter(|l| !l.starts_with("identity = ") && !l.starts_with("error_report = "))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("page_size = 50", "page_size = 50\nprivacy = \"本局自己的隐私声明。\"");
    std::fs::write(&site_toml, edited).unwrap();
    let own = render(content.path(), day()).unwrap();
    let home = text(&own, "index.html");
    assert!(!home.contains("identity-badge"));
    assert!(home.contains("href=\"mailto:zjk@rsj.xinghe.example?subject="), "找错 falls back to the bureau's e-mail");
    assert!(text(&own, "privacy/index.html").contains("本局自己的隐私声明。"));
}

#[test]
fn a_pool_has_one_name_everywhere() {
    let site = render(&demo(), day()).unwrap();
    let ix = index(&site);
    for id in ["zhineng", "gaojineng"] {
        let pool_toml = std::fs::read_to_string(demo().join(format!("pools/{id}/pool.toml"))).unwrap();
        let value: toml::Value = toml::from_str(&pool_toml).unwrap();
        let name = value["name"].as_str().unwrap();
        let in_index = ix["pools"].as_array().unwrap().iter().find(|p| p[0] == id).unwrap()[1].as_str().unwrap();
        assert_eq!(in_index, name, "directory search");
        assert!(text(&site, "index.html").contains(&format!(">{name}</a></h3>")), "home");
        assert!(text(&site, &format!("pools/{id}/index.html")).contains(&format!("<h1>{name}</h1>")), "pool page");
        let notice =
            site.files.keys().find(|p| p.starts_with(&format!("notices/{id}-")) && p.ends_with("index.html")).unwrap();
        assert!(text(&site, notice).contains(&format!(">{name}</a></span>")), "{notice}");
    }
}

#[test]
fn the_demo_is_pinned_to_its_day_and_says_so() {
    assert_eq!(expertpool_records::demo::pinned_today(&demo()), Some(day()));
    let site = render(&demo(), day()).unwrap();
    let home = text(&site, "index.html");
    assert!(home.contains(&format!("data-pinned-today=\"{}\"", day())));
    assert!(home.contains("本站为演示站点"));
    assert!(home.contains("正在公示") && home.contains("正在征集"), "an open notice and an open call");
    let content = copy_demo();
    let site_toml = content.path().join("site.toml");
    let text_of = std::fs::read_to_string(&site_toml).unwrap();
    let (without, _) = text_of.split_once("[demo]").unwrap();
    std::fs::write(&site_toml, without).unwrap();
    assert_eq!(expertpool_records::demo::pinned_today(content.path()), None);
    let real = render(content.path(), day()).unwrap();
    let home = text(&real, "index.html");
    assert!(!home.contains("data-pinned-today") && !home.contains("本站为演示站点"));
}
