//! The admission rules govern (issue #13 item 1): a step they bar exits non-zero naming
//! the rule and its article; `--override` takes it and records the exception, which
//! `check` and `report` then show; and `check` reports a record whose past stages
//! contradict the rules as an error at whatever stage it has reached.

mod common;

use common::*;

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_blacklisted_applicant_is_refused_until_an_exception_is_recorded() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    let record = dir.path().join("pools/zhineng/experts/ZN-00020.toml");
    edit(&record, "[skill]", "blacklisted = true\n\n[skill]");
    let day = "2026-11-30";

    let check = expertpool(&["check", "--content", content, "--today", day]);
    assert_eq!(check.status.code(), Some(1), "a blacklisted applicant in publicity is an error");
    assert!(text(&check.stdout).contains("ZN-00020.toml") && text(&check.stdout).contains("第二十条"));

    let approve =
        ["record", "approve", "ZN-00020", "--meeting", "2026年第5次会议", "--content", content, "--date", day];
    let refused = expertpool(&approve);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stdout));
    let stderr = text(&refused.stderr);
    assert!(stderr.contains("失信联合惩戒对象") && stderr.contains("第二十条"), "{stderr}");
    assert!(stderr.contains("--override"), "the refusal says how an exception is recorded: {stderr}");
    assert!(!std::fs::read_to_string(&record).unwrap().contains("会议审定"), "nothing written");

    let reason = "经市人社局2026年第5次局务会研究，信用修复后同意审定";
    let mut with_override = approve.to_vec();
    with_override.extend(["--override", reason]);
    let taken = expertpool(&with_override);
    assert_eq!(taken.status.code(), Some(0), "{}", text(&taken.stderr));
    let written = std::fs::read_to_string(&record).unwrap();
    assert!(written.contains("[[overrides]]") && written.contains("rules = [\"blacklist\"]"), "{written}");
    assert!(written.contains(reason));

    let check = expertpool(&["check", "--content", content, "--today", day]);
    let out = text(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "the exception is recorded: {out}");
    assert!(out.contains("已记录破例") && out.contains(reason), "check shows the exception: {out}");

    let report = expertpool(&["report", "--content", content, "--today", day]);
    let out = text(&report.stdout);
    assert!(out.contains("破例记录") && out.contains("ZN-00020") && out.contains(reason), "{out}");
}

#[test]
fn an_override_is_refused_where_no_rule_bars_the_step() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    let out = expertpool(&[
        "record",
        "approve",
        "ZN-00020",
        "--meeting",
        "2026年第5次会议",
        "--content",
        content,
        "--date",
        "2026-11-30",
        "--override",
        "无",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("无需 --override"), "{}", text(&out.stderr));
}

#[test]
fn check_reports_an_admission_the_rules_barred_at_whatever_stage() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    // An expert in service whose misconduct predates the admission: the admission was
    // barred (art. 4(1)), and it stays an error now that the expert is 在库.
    let record = dir.path().join("pools/zhineng/experts/ZN-00003.toml");
    let mut text_now = std::fs::read_to_string(&record).unwrap();
    text_now
        .push_str("\n[[misconduct]]\ndate = 2001-05-01\nkind = \"泄露保密文件或评审情况\"\ndescription = \"测试用\"\n");
    std::fs::write(&record, text_now).unwrap();
    let check = expertpool(&["check", "--content", content, "--today", TODAY]);
    let out = text(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("ZN-00003.toml") && l.contains("错误") && l.contains("分类入库"))
        .unwrap_or_else(|| panic!("the admission stage is reported: {out}"));
    assert!(line.contains("第四条第（一）项") && line.contains("不良行为记录"), "{line}");
}

/// The public log's revealed names of the demo's first draw, in calling order.
fn first_draw(content: &std::path::Path) -> (String, Vec<String>) {
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(content.join("draws/log.json")).unwrap()).unwrap();
    let reveal = log["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "reveal").unwrap();
    let names = reveal["body"]["names"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap().to_string());
    (reveal["draw"].as_str().unwrap().to_string(), names.collect())
}

#[test]
fn an_evaluation_names_the_draw_the_expert_served_in() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    let (draw, names) = first_draw(dir.path());
    let evaluate = |id: &str, rating: &str| {
        expertpool(&[
            "record",
            "evaluate",
            id,
            "--draw",
            &draw,
            "--unit",
            "星河市职业技能鉴定指导中心",
            "--work",
            "培训课程标准评审",
            "--rating",
            rating,
            "--content",
            content,
            "--date",
            TODAY,
        ])
    };
    // Position 0 accepted; the evaluation is recorded with the draw.
    let served = evaluate(&names[0], "不称职");
    assert_eq!(served.status.code(), Some(0), "{}", text(&served.stderr));
    let record = std::fs::read_to_string(dir.path().join(format!("pools/zhineng/experts/{}.toml", names[0]))).unwrap();
    assert!(record.contains(&format!("draw = \"{draw}\"")), "{record}");
    // Once per draw.
    let again = evaluate(&names[0], "称职");
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("已有评价"), "{}", text(&again.stderr));
    // Position 1 declined: the log shows the expert did not serve.
    let declined = evaluate(&names[1], "称职");
    assert_eq!(declined.status.code(), Some(1));
    assert!(text(&declined.stderr).contains("拒绝"), "{}", text(&declined.stderr));
    // A 不称职 rating is a proposal in the report.
    let report = text(&expertpool(&["report", "--content", content, "--today", TODAY]).stdout);
    let line =
        report.lines().find(|l| l.contains(&names[0]) && l.contains("不称职")).unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains(&draw) && line.contains("第十八条"), "{line}");
}

#[test]
fn update_info_changes_both_halves_keeps_the_old_employer_and_confirms_the_year() {
    let dir = demo_copy();
    let content = dir.path().to_str().unwrap();
    let report = text(&expertpool(&["report", "--content", content, "--today", TODAY]).stdout);
    let id = report
        .lines()
        .skip_while(|l| !l.starts_with("2026 年度信息尚未确认"))
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("the demo has an expert without this year's confirmation")
        .to_string();
    let pool = if id.starts_with("GJ") { "gaojineng" } else { "zhineng" };
    let public_path = dir.path().join(format!("pools/{pool}/experts/{id}.toml"));
    let public: expertpool_records::model::ExpertRecord =
        toml::from_str(&std::fs::read_to_string(&public_path).unwrap()).unwrap();
    let private_path = dir.path().join(format!("private/experts/{}.toml", public.person));

    let bad = expertpool(&["record", "update-info", &id, "--mobile", "12345", "--content", content, "--date", TODAY]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(text(&bad.stderr).contains("不是 11 位手机号码"), "{}", text(&bad.stderr));

    let out = expertpool(&[
        "record",
        "update-info",
        &id,
        "--employer",
        "星河市第二职业技术学校",
        "--mobile",
        "13900001111",
        "--content",
        content,
        "--date",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("变更说明：2026 年度信息确认，更新工作单位"), "{stdout}");
    assert!(!stdout.contains("13900001111"), "a phone number never goes into the public note: {stdout}");
    let public_now = std::fs::read_to_string(&public_path).unwrap();
    assert!(public_now.contains("employer = \"星河市第二职业技术学校\""), "{public_now}");
    assert!(public_now.contains("year = 2026"), "the year's confirmation: {public_now}");
    assert!(!public_now.contains("13900001111"));
    let private_now = std::fs::read_to_string(&private_path).unwrap();
    assert!(private_now.contains("mobile = \"13900001111\""), "{private_now}");
    let record: expertpool_private::PrivateRecord = toml::from_str(&private_now).unwrap();
    let last = record.employment.last().unwrap();
    assert_eq!(last.employer, "星河市第二职业技术学校");
    let previous = &record.employment[record.employment.len() - 2];
    assert_eq!(previous.employer, public.employer, "the old employer stays in the history");
    assert!(previous.to.is_some(), "and is closed the day before");
    // The instance still checks clean, and a second update this year is refused.
    let check = expertpool(&["check", "--content", content, "--today", TODAY]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    let again = expertpool(&["record", "update-info", &id, "--content", content, "--date", TODAY]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("已于"), "{}", text(&again.stderr));
}

/// Adds an objection to the demo notice that publicises ZN-00020 (2026-11-19 to 11-25).
fn object(dir: &std::path::Path, extra: &str) {
    let notice = dir.join("notices/zhineng-20261119.md");
    let text = std::fs::read_to_string(&notice).unwrap();
    let end = text[3..].find("+++").unwrap() + 3;
    let objection = format!(
        "\n[[objections]]\nexpert = \"ZN-00020\"\nreceived = 2026-11-20\nchannel = \"电话\"\nsummary = \"反映业绩材料与实际不符\"\n{extra}"
    );
    std::fs::write(&notice, format!("{}{objection}{}", &text[..end], &text[end..])).unwrap();
}

#[test]
fn an_objection_holds_up_approval_until_it_is_handled_and_unfounded() {
    let approve = |content: &str| {
        expertpool(&[
            "record",
            "approve",
            "ZN-00020",
            "--meeting",
            "2026年第5次会议",
            "--content",
            content,
            "--date",
            "2026-11-30",
        ])
    };
    // Received, not handled: approval waits.
    let dir = demo_copy();
    object(dir.path(), "");
    let content = dir.path().to_str().unwrap();
    let held = approve(content);
    assert_eq!(held.status.code(), Some(1), "{}", text(&held.stdout));
    assert!(text(&held.stderr).contains("公示期满无异议") && text(&held.stderr).contains("尚未处理完毕"));
    // Found to hold: refused.
    let dir = demo_copy();
    object(dir.path(), "handling = \"调阅原件核实\"\nhandled = 2026-11-27\nresult = \"成立\"\n");
    let founded = approve(dir.path().to_str().unwrap());
    assert_eq!(founded.status.code(), Some(1));
    assert!(text(&founded.stderr).contains("经核查成立"), "{}", text(&founded.stderr));
    // Unfounded: approval goes ahead, and check is clean.
    let dir = demo_copy();
    object(dir.path(), "handling = \"调阅原件核实\"\nhandled = 2026-11-27\nresult = \"不成立\"\n");
    let content = dir.path().to_str().unwrap();
    let ok = approve(content);
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
    let check = expertpool(&["check", "--content", content, "--today", "2026-11-30"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    // A result without its date is an error naming the field.
    let dir = demo_copy();
    object(dir.path(), "result = \"不成立\"\n");
    let check = expertpool(&["check", "--content", dir.path().to_str().unwrap(), "--today", "2026-11-30"]);
    assert_eq!(check.status.code(), Some(1));
    assert!(text(&check.stdout).contains("objections[0].result"), "{}", text(&check.stdout));
}
