//! The weekly report over the fixture: each section finds what it should, and only that.

mod common;

use common::*;
use expertpool_records::Date;
use expertpool_records::model::*;
use expertpool_staff::report::{self, NoShow, NoShows};

#[test]
fn sections_find_the_fixture_cases() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let r = report::build(&instance, Some(&private), &NoShows::new(), TODAY, 90);

    let ending: Vec<(&str, i64)> = r.terms_ending.iter().map(|t| (t.who.id.as_str(), t.days_left)).collect();
    assert_eq!(ending, vec![("ZN-0005", 22)]);

    // ZN-0001 turns 70 on 2027-01-10, inside the term ending 2027-02-28 (未满70周岁).
    assert_eq!(r.age_limit.len(), 1);
    assert_eq!(
        (r.age_limit[0].who.id.as_str(), r.age_limit[0].out_from, r.age_limit[0].reached),
        ("ZN-0001", Date::ymd(2027, 1, 10), false)
    );

    let missing: Vec<(&str, Option<i16>)> =
        r.confirmations_missing.iter().map(|c| (c.who.id.as_str(), c.last_confirmed)).collect();
    assert_eq!(missing, vec![("ZN-0001", Some(2025))]);

    assert_eq!(r.dismissal_proposals.len(), 1);
    let p = &r.dismissal_proposals[0];
    assert_eq!((p.who.id.as_str(), p.ground), ("ZN-0005", Some(DismissalGround::ThreeMisconducts)));
    assert_eq!(p.reasons.len(), 3);

    let zz01 = r.coverage.iter().find(|c| c.specialty == "ZZ-01").unwrap();
    assert_eq!((zz01.active, zz01.largest_group, zz01.available, zz01.fillable), (1, 1, 0, false));
    assert_eq!(zz01.largest_employer.as_deref(), Some("星河示例数控有限公司"));
    assert!(r.needs_action());
    assert!(r.to_text().contains("ZN-0005 戊五 [zhineng]：聘书 ZN-2023-005 于 2026-12-15 届满（还有 22 天）"));
    let english = expertpool_i18n::scoped(expertpool_i18n::Lang::En, || r.to_text());
    assert!(english.contains("ZN-0005 戊五 [zhineng]: certificate ZN-2023-005 ends 2026-12-15 (in 22 days)"));
    assert!(english.starts_with("Report for 2026-11-23 (looking 90 days ahead)"), "{english}");
}

#[test]
fn window_and_later_dates_change_the_findings() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let r = report::build(&instance, Some(&private), &NoShows::new(), TODAY, 10);
    assert!(r.terms_ending.is_empty(), "22 days away is outside a 10-day window");

    // After the 70th birthday the age limit is reached and dismissal proposed on it.
    let later = Date::ymd(2027, 1, 15);
    let r = report::build(&instance, Some(&private), &NoShows::new(), later, 90);
    assert!(r.age_limit.iter().any(|a| a.who.id == "ZN-0001" && a.reached));
    assert!(r.dismissal_proposals.iter().any(|p| p.who.id == "ZN-0001" && p.ground == Some(DismissalGround::AgeLimit)));
    // ZN-0005's term ended on 2026-12-15: no longer active, so no longer reported.
    assert!(r.dismissal_proposals.iter().all(|p| p.who.id != "ZN-0005"));

    // Without private data the age section is not checked, and says so.
    let r = report::build(&instance, None, &NoShows::new(), TODAY, 90);
    assert!(r.age_limit.is_empty());
    assert!(r.to_text().contains("（未核查：无法读取内部资料）"));
}

#[test]
fn no_shows_from_the_draw_service_are_proposed() {
    let (dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    std::fs::write(
        dir.path().join("no-shows.json"),
        r#"{"ZN-0001": {"consecutive_no_shows": 3, "draws": ["D-31", "D-44", "D-50"]}, "ZN-0004": {"consecutive_no_shows": 2, "draws": []}}"#,
    )
    .unwrap();
    let no_shows = report::read_no_shows(dir.path()).unwrap();
    assert_eq!(
        no_shows["ZN-0001"],
        NoShow {
            consecutive_no_shows: 3,
            draws: vec!["D-31".into(), "D-44".into(), "D-50".into()],
            late_or_early: Default::default()
        }
    );
    let r = report::build(&instance, Some(&private), &no_shows, TODAY, 90);
    let p: Vec<_> = r.dismissal_proposals.iter().filter(|p| p.who.id == "ZN-0001").collect();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].ground, None, "a first misconduct record is due, not yet a dismissal");
    assert!(p[0].reasons[0].starts_with("抽取服务报告连续 3 次未到场（D-31, D-44, D-50）"), "{}", p[0].reasons[0]);
    assert!(r.dismissal_proposals.iter().all(|p| p.who.id != "ZN-0004"), "two no-shows are not enough");

    assert!(report::read_no_shows(&dir.path().join("nowhere")).unwrap().is_empty());
    std::fs::write(dir.path().join("no-shows.json"), "{\"ZN-0001\": 3}").unwrap();
    assert!(report::read_no_shows(dir.path()).unwrap_err().contains("consecutive_no_shows"));
}

/// Art. 18(8): three unexplained late arrivals or early departures in one calendar year
/// are proposed; two, or three spread over two years, are not.
#[test]
fn lateness_in_a_year_from_the_draw_service_is_proposed() {
    let (dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    std::fs::write(
        dir.path().join("no-shows.json"),
        r#"{"ZN-0001": {"consecutive_no_shows": 0, "draws": [], "late_or_early": {"2026": ["D-1", "D-2", "D-3"]}},
            "ZN-0004": {"consecutive_no_shows": 0, "draws": [], "late_or_early": {"2025": ["D-4"], "2026": ["D-5", "D-6"]}}}"#,
    )
    .unwrap();
    let no_shows = report::read_no_shows(dir.path()).unwrap();
    let r = report::build(&instance, Some(&private), &no_shows, TODAY, 90);
    let p: Vec<_> = r.dismissal_proposals.iter().filter(|p| p.who.id == "ZN-0001").collect();
    assert_eq!(p.len(), 1, "{:?}", r.dismissal_proposals);
    assert!(p[0].reasons[0].contains("2026 年累计 3 次无故迟到或早退（D-1, D-2, D-3）"), "{}", p[0].reasons[0]);
    assert!(p[0].reasons[0].contains("第十八条第（八）项"), "{}", p[0].reasons[0]);
    assert!(r.dismissal_proposals.iter().all(|p| p.who.id != "ZN-0004"), "not three in one year");
}

#[test]
fn csv_and_json_carry_every_finding() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let r = report::build(&instance, Some(&private), &NoShows::new(), TODAY, 90);
    let csv = r.to_csv().unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "section,pool,id,name,date,detail");
    assert!(lines.contains(&"term_ending,zhineng,ZN-0005,戊五,2026-12-15,ZN-2023-005"));
    assert!(lines.contains(&"confirmation_missing,zhineng,ZN-0001,甲一,,2026"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["terms_ending"][0]["id"], "ZN-0005");
    assert_eq!(json["dismissal_proposals"][0]["ground"], "不良行为记录累计三条以上");
}

/// The whole-pool review (seed 002: "5年组织开展一次专家复审工作") is listed from 180 days
/// before it is due, and when none was ever recorded.
#[test]
fn whole_pool_review_is_listed_when_due() {
    let (_dir, root) = copy_fixture();
    let (mut instance, private) = load(&root);
    instance.pools[0].policy.value.review.review_cycle_years = Some(5);
    let run = |instance: &expertpool_records::PublicInstance| {
        report::build(instance, Some(&private), &NoShows::new(), TODAY, 90).reviews_due
    };
    assert_eq!(run(&instance).len(), 1, "never recorded: listed");
    instance.pools[0].policy.value.review.last_review = Some(TODAY.plus_years(-5).plus_days(179));
    let due = run(&instance);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due, Some(TODAY.plus_days(179)));
    instance.pools[0].policy.value.review.last_review = Some(TODAY.plus_years(-5).plus_days(181));
    assert!(run(&instance).is_empty(), "not yet within 180 days");
    instance.pools[0].policy.value.review.review_cycle_years = None;
    assert!(run(&instance).is_empty(), "no cycle, nothing due");
}
