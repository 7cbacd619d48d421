//! A bureau's year, as its clerks run it with the `expertpool` binary on a copy of the demo:
//! a unit answers the call with the summary table downloaded from the call page → import →
//! review with the papers → a publicity notice → approval after the period, refused before
//! → admission → `check` → `build`, whose notice and expert pages show the new experts.

use expertpool_records::checksum::resident_id_check_char;
use expertpool_testkit::{InstanceCopy, expertpool};
use std::path::Path;

/// An obviously made-up resident ID number (region 449905) with a correct check digit.
fn synthetic_id(birth: &str, seq: u16) -> String {
    let first17 = format!("449905{birth}{seq:03}");
    let bytes: [u8; 17] = first17.as_bytes().try_into().unwrap();
    format!("{first17}{}", resident_id_check_char(&bytes))
}

/// A synthetic unified social credit code of the demo (both check characters valid).
const UNIT_CREDIT_CODE: &str = "12449901MA6211796G";

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .args(["-c", "user.name=办事员", "-c", "user.email=clerk@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} in {}", dir.display());
}

fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

#[test]
fn a_call_answered_becomes_admitted_experts_on_the_public_site() {
    let copy = InstanceCopy::demo();
    let content = copy.root();
    let scratch = copy.scratch();

    // The call page offers the blank summary table; the unit fills in two rows.
    let site_before = scratch.join("site-before");
    expertpool(&["build", "--content", arg(&content), "--today", "2026-12-03", "--out", arg(&site_before)]).success();
    let blank = std::fs::read_to_string(site_before.join("calls/zhineng-call-20260320/summary-table.csv"))
        .expect("the call page links the annex-2 summary table as CSV");
    let header = blank.trim_start_matches('\u{feff}').lines().next().expect("a header row").to_string();
    assert!(header.starts_with("序号,姓名,性别,身份证号码"), "{header}");
    let rows = [
        [
            "1",
            "林知远",
            "男",
            &synthetic_id("19800304", 1),
            "数控加工",
            "星河市第一机床厂",
            "高级工程师",
            "2020年星河市技术能手",
            "13900000001",
        ],
        [
            "2",
            "苏晓禾",
            "女",
            &synthetic_id("19850612", 2),
            "焊接技术",
            "星河市第一机床厂",
            "高级技师",
            "",
            "13900000002",
        ],
    ];
    let mut table = format!("{header}\n");
    for row in &rows {
        table.push_str(&row.join(","));
        table.push('\n');
    }
    let filled = scratch.join("推荐汇总表.csv");
    std::fs::write(&filled, table).unwrap();

    // Import: a dry run writes nothing, --apply creates both records.
    let import_args = |apply: bool| {
        let mut args = vec![
            "import".to_string(),
            arg(&filled).into(),
            "--pool".into(),
            "zhineng".into(),
            "--call".into(),
            "zhineng-call-20260320".into(),
            "--unit".into(),
            "星河市第一机床厂".into(),
            "--unit-credit-code".into(),
            UNIT_CREDIT_CODE.into(),
            "--content".into(),
            arg(&content).into(),
            "--date".into(),
            "2026-04-10".into(),
        ];
        if apply {
            args.push("--apply".into());
        }
        args
    };
    // The instance is its own git repository, as a bureau keeps it.
    git(&content, &["init", "-q"]);
    git(&content, &["add", "-A"]);
    git(&content, &["commit", "-q", "-m", "demo baseline"]);
    let experts_dir = content.join("pools/zhineng/experts");
    let count = || std::fs::read_dir(&experts_dir).unwrap().count();
    let before = count();
    let dry = import_args(false);
    expertpool(&dry.iter().map(String::as_str).collect::<Vec<_>>()).success();
    assert_eq!(count(), before, "a dry run writes nothing");
    let apply = import_args(true);
    let imported = expertpool(&apply.iter().map(String::as_str).collect::<Vec<_>>()).success();
    assert_eq!(count(), before + 2, "{imported}");
    let ids: Vec<String> = imported
        .stdout
        .split_whitespace()
        .filter(|w| w.starts_with("ZN-") && w.len() == 8)
        .map(str::to_string)
        .collect();
    assert_eq!(ids.len(), 2, "the import names the two new ids: {imported}");
    for id in &ids {
        assert!(experts_dir.join(format!("{id}.toml")).is_file(), "{id}");
    }

    // Review with the papers the channel (单位推荐) requires.
    for id in &ids {
        let mut review = vec!["record", "review", id, "--content", arg(&content), "--date", "2026-04-15"];
        for paper in
            ["入库申请表", "推荐入库名单汇总表", "学历职称等证明材料", "身份证件复印件", "推荐单位营业执照复印件"]
        {
            review.extend(["--document", paper]);
        }
        expertpool(&review).success();
    }

    // The publicity notice, written by the clerk, lists both.
    let notice = format!(
        "+++\ntitle = \"职业能力建设专家库拟入库专家名单公示\"\npool = \"zhineng\"\nnumber = \"星人社公〔2026〕9号\"\n\
         published = 2026-04-20\nstart = 2026-04-20\nexperts = [\"{}\", \"{}\"]\n\n[contact]\n\
         name = \"星河市人力资源和社会保障局职业能力建设科\"\nphone = \"0900-86120318\"\n+++\n\n\
         经单位推荐和资料审核，现将2名拟入库专家名单予以公示。\n",
        ids[0], ids[1]
    );
    std::fs::write(content.join("notices/zhineng-20260420.md"), notice).unwrap();

    for id in &ids {
        let c = arg(&content);
        expertpool(&[
            "record",
            "publicize",
            id,
            "--notice",
            "zhineng-20260420",
            "--content",
            c,
            "--date",
            "2026-04-20",
        ])
        .success();
        // Five working days from Monday 20 April, the first day counted: it ends on the 24th.
        let early = expertpool(&[
            "record",
            "approve",
            id,
            "--meeting",
            "2026年第3次会议",
            "--content",
            c,
            "--date",
            "2026-04-24",
        ])
        .exit(1);
        assert!(early.stderr.contains("2026-04-24"), "the refusal names the period's end: {early}");
        expertpool(&["record", "approve", id, "--meeting", "2026年第3次会议", "--content", c, "--date", "2026-04-28"])
            .success();
        let certificate = format!("ZNZS-2026-{id}");
        let admitted =
            expertpool(&["record", "admit", id, "--certificate", &certificate, "--content", c, "--date", "2026-05-06"])
                .success();
        // The clerk commits with the public change note the step suggests.
        let note = admitted
            .stdout
            .lines()
            .find_map(|l| l.split("-m \"").nth(2).and_then(|n| n.split('"').next()))
            .unwrap_or_else(|| panic!("admit suggests a commit with a 变更说明 line: {admitted}"))
            .to_string();
        assert!(note.starts_with("变更说明："), "{note}");
        git(&content, &["add", "-A"]);
        git(&content, &["commit", "-q", "-m", &format!("{id} admit (internal wording)"), "-m", &note]);
        let record = std::fs::read_to_string(experts_dir.join(format!("{id}.toml"))).unwrap();
        for stage in ["资料审核", "公示", "会议审定", "分类入库"] {
            assert!(record.contains(stage), "{id} records the stage {stage}:\n{record}");
        }
    }

    let check = expertpool(&["check", "--content", arg(&content), "--today", "2026-12-03"]).success();
    assert!(check.stdout.contains("错误 0 处，警告 0 处"), "{check}");

    let site = scratch.join("site");
    expertpool(&["build", "--content", arg(&content), "--today", "2026-12-03", "--out", arg(&site)]).success();
    let notice_page =
        std::fs::read_to_string(site.join("notices/zhineng-20260420/index.html")).expect("the notice page");
    for (row, id) in rows.iter().zip(&ids) {
        let name = row[1];
        assert!(notice_page.contains(name), "the notice lists {name}");
        let page = std::fs::read_to_string(site.join(format!("pools/zhineng/experts/{id}/index.html")))
            .unwrap_or_else(|e| panic!("the expert page of {id}: {e}"));
        assert!(page.contains(name) && page.contains("在库"), "{id} is shown in service");
        assert!(page.contains("分类入库，颁发聘书"), "{id}'s page shows the public change note");
        assert!(!page.contains("internal wording"), "raw commit messages never reach the site");
        // Personal data of the table never reaches the public pages.
        for private in [row[3], row[8]] {
            assert!(!page.contains(private) && !notice_page.contains(private), "{private} leaked");
        }
    }
}
