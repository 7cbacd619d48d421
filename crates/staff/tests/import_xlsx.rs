//! Importing annex-2 tables with the quirks real ones have: merged title rows, the unit
//! line, full-width characters, dates as text and as Excel serials, blank and template
//! rows, a wrong check digit, duplicates within the file and against the instance.

mod common;

use common::*;
use expertpool_private::validate;
use expertpool_records::Date;
use expertpool_records::model::*;
use expertpool_staff::import::{self, ApplyError, ImportOptions, Plan, Severity};
use expertpool_staff::progress::Progress;
use expertpool_staff::sheet;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use std::path::Path;

enum V {
    S(&'static str),
    O(String),
    N(f64),
    D(u16, u8, u8),
}
use V::*;

fn write_table(path: &Path, rows: &[(u32, Vec<V>)]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.merge_range(0, 0, 0, 9, "星河市职业能力建设专家库推荐（遴选）入库名单汇总表", &Format::new()).unwrap();
    sheet.merge_range(1, 0, 1, 9, "单位：（盖章）星河示例机械有限公司        填报人：李四", &Format::new()).unwrap();
    let headers = [
        "序号",
        "姓　名",
        "性别",
        "身份证号码",
        "职业／专业",
        "工作单位",
        "职称／职业资格等级",
        "获得荣誉",
        "联系电话",
        "出生年月",
    ];
    for (i, h) in headers.iter().enumerate() {
        sheet.write_string(3, i as u16, *h).unwrap();
    }
    for (row, values) in rows {
        for (col, v) in values.iter().enumerate() {
            let (r, c) = (*row - 1, col as u16);
            match v {
                S(s) if s.is_empty() => {}
                S(s) => {
                    sheet.write_string(r, c, *s).unwrap();
                }
                O(s) => {
                    sheet.write_string(r, c, s).unwrap();
                }
                N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                D(y, m, d) => {
                    sheet
                        .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                        .unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap() } else { c })
        .collect()
}

fn options() -> ImportOptions {
    ImportOptions {
        pool: "zhineng".into(),
        channel: Channel::OpenCallUnit,
        call: None,
        late_reason: None,
        unit: None,
        unit_credit_code: None,
        received: TODAY,
        source_name: "推荐汇总表.xlsx".into(),
        id_prefix: None,
    }
}

fn issues_of(plan: &Plan, row: u32) -> Vec<String> {
    plan.rows.iter().find(|r| r.row == row).map(|r| r.issues.iter().map(|i| i.headline()).collect()).unwrap_or_default()
}

struct Case {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    plan: Plan,
    wrong: (char, char),
}

fn quirky_case() -> Case {
    let (dir, root) = copy_fixture();
    let (bad_id, right, wrong) = wrong_check_digit("19780512", 13);
    let zhang = synthetic_id("19780601", 11);
    let existing = std::fs::read_to_string(root.join("private/experts/P-0002.toml")).unwrap();
    let existing_id =
        existing.lines().find_map(|l| l.strip_prefix("id_number = \"")).unwrap().trim_end_matches('"').to_string();
    let rows = vec![
        // A valid row typed with full-width digits; birth date as an Excel date.
        (
            5,
            vec![
                N(1.0),
                S("张明"),
                S("男"),
                O(full_width(&zhang)),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S("2019年全国技术能手"),
                S("138 0000 0001"),
                D(1978, 6, 1),
            ],
        ),
        // Valid, a skill level without years in the field: a warning; birth date as text.
        (
            6,
            vec![
                N(2.0),
                S("李红"),
                S("女"),
                O(synthetic_id("19800315", 24)),
                S("焊接技术"),
                S("星河示例机械有限公司"),
                S("技师"),
                S("无"),
                S("13800000002"),
                S("1980/3/15"),
            ],
        ),
        (
            7,
            vec![
                N(3.0),
                S("王强"),
                S("男"),
                O(bad_id),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000003"),
                S(""),
            ],
        ),
        // Row 8 left empty.
        (
            9,
            vec![
                N(5.0),
                S("张明"),
                S("男"),
                O(zhang.clone()),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000001"),
                S(""),
            ],
        ),
        (
            10,
            vec![
                N(6.0),
                S("赵六"),
                S("男"),
                O(synthetic_id("19700101", 31)),
                S("数空加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000006"),
                S(""),
            ],
        ),
        (
            11,
            vec![
                N(7.0),
                S("乙二"),
                S("女"),
                O(existing_id),
                S("电工"),
                S("星河技师学院"),
                S("高级技师"),
                S(""),
                S("13900000002"),
                S(""),
            ],
        ),
        (
            12,
            vec![
                N(8.0),
                S("钱七"),
                S("男"),
                N(449905197001010313.0),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000008"),
                S(""),
            ],
        ),
        (
            13,
            vec![
                N(9.0),
                S("孙八"),
                S("女"),
                O(synthetic_id("19750505", 41)),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000009"),
                S(""),
            ],
        ),
        // Birth date as a bare Excel serial number (27485 = 1975-04-01).
        (
            14,
            vec![
                N(10.0),
                S("周九"),
                S("男"),
                O(synthetic_id("19750401", 51)),
                S("模具设计与制造"),
                S("星河示例机械有限公司"),
                S("正高级工程师"),
                S(""),
                S("13800000010"),
                N(27485.0),
            ],
        ),
        (
            15,
            vec![
                N(11.0),
                S("吴十"),
                S("男"),
                O(synthetic_id("19500101", 61)),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S(""),
                S("13800000011"),
                S(""),
            ],
        ),
        (
            16,
            vec![
                N(12.0),
                S("郑十一"),
                S("男"),
                O(synthetic_id("19720101", 71)),
                S("数控加工"),
                S("星河示例机械有限公司"),
                S("高级工程师"),
                S("优秀员工"),
                S("13800000012"),
                S(""),
            ],
        ),
        // A numbered template row with nothing else.
        (17, vec![N(13.0)]),
    ];
    let path = dir.path().join("推荐汇总表.xlsx");
    write_table(&path, &rows);
    let (instance, private) = load(&root);
    let grid = sheet::read(&path).unwrap();
    let plan = import::plan(&instance, &private, &grid, &options(), &mut Progress::hidden());
    Case { _dir: dir, root, plan, wrong: (right, wrong) }
}

#[test]
fn every_problem_is_named_by_cell() {
    // In English, as `--lang en` shows them; `problems_are_in_chinese_by_default` reads
    // the same table in the default language.
    expertpool_i18n::scoped(expertpool_i18n::Lang::En, every_problem_in_english);
}

fn every_problem_in_english() {
    let case = quirky_case();
    let plan = &case.plan;
    let (right, wrong) = case.wrong;
    assert!(plan.file_issues.iter().all(|i| i.severity != Severity::Error), "{:?}", plan.file_issues);
    assert_eq!(plan.skipped_rows, vec![8, 17]);
    assert_eq!(issues_of(plan, 5), Vec::<String>::new());
    assert_eq!(
        issues_of(plan, 6),
        vec![
            "warning: row 6, column G (职称/职业资格等级): eligibility depends on years in the field, which the table does not give"
        ]
    );
    assert_eq!(
        issues_of(plan, 7),
        vec![format!("error: row 7, column D (身份证号码): check digit should be {right}, found {wrong}")]
    );
    assert_eq!(issues_of(plan, 9), vec!["error: row 9, column D (身份证号码): the same ID number is on row 5"]);
    assert_eq!(issues_of(plan, 10), vec!["error: row 10, column E (职业/专业): no specialty is named `数空加工`"]);
    let help = plan.rows.iter().find(|r| r.row == 10).unwrap().issues[0].help.clone();
    assert_eq!(help.as_deref(), Some("did you mean `数控加工`?"));
    assert_eq!(
        issues_of(plan, 11),
        vec![
            "error: row 11, column D (身份证号码): this person is already in pool `zhineng` as ZN-0002 (private record P-0002)"
        ]
    );
    assert!(
        issues_of(plan, 12)[0].starts_with("error: row 12, column D (身份证号码): the ID number is stored as a number")
    );
    assert_eq!(issues_of(plan, 13), vec!["error: row 13, column C (性别): is `女` but the ID number says `男`"]);
    assert_eq!(issues_of(plan, 14), Vec::<String>::new());
    assert!(
        issues_of(plan, 15)[0]
            .starts_with("error: row 15, column D (身份证号码): not eligible: 2026-11-23时年满76周岁"),
        "{:?}",
        issues_of(plan, 15)
    );
    assert_eq!(
        issues_of(plan, 16),
        vec!["error: row 16, column H (获得荣誉): cannot tell the level of the honour `优秀员工`"]
    );
    let summary = plan.summary();
    assert_eq!((summary.rows, summary.to_create, summary.rows_with_errors), (11, 3, 8));
}

#[test]
fn problems_are_in_chinese_by_default() {
    let case = quirky_case();
    let plan = &case.plan;
    assert_eq!(issues_of(plan, 9), vec!["错误：第 9 行 D 列（身份证号码）：第 5 行已有相同的身份证号码。"]);
    assert_eq!(issues_of(plan, 10), vec!["错误：第 10 行 E 列（职业/专业）：没有名为 `数空加工` 的专业。"]);
    let help = plan.rows.iter().find(|r| r.row == 10).unwrap().issues[0].help.clone();
    assert_eq!(help.as_deref(), Some("是否指 数控加工？"));
    assert_eq!(issues_of(plan, 13), vec!["错误：第 13 行 C 列（性别）：填写为 女，而身份证号码显示为 男。"]);
    assert_eq!(issues_of(plan, 16), vec!["错误：第 16 行 H 列（获得荣誉）：无法判断荣誉 `优秀员工` 的级别。"]);
    let rendered = plan.rows.iter().find(|r| r.row == 16).unwrap().issues[0].render();
    assert!(rendered.contains("\n  修改方法：请在括号中注明级别，如 `优秀员工（市级）`"), "{rendered}");
}

#[test]
fn dry_run_refuses_to_apply_with_errors_and_writes_nothing() {
    let case = quirky_case();
    let before = std::fs::read_dir(case.root.join("pools/zhineng/experts")).unwrap().count();
    let err = import::apply(&case.plan, false, "推荐汇总表.xlsx", TODAY).unwrap_err();
    assert!(matches!(err, ApplyError::HasErrors(8)), "{err}");
    assert_eq!(std::fs::read_dir(case.root.join("pools/zhineng/experts")).unwrap().count(), before);
}

#[test]
fn valid_rows_are_written_as_records_that_check_clean() {
    let case = quirky_case();
    let written = import::apply(&case.plan, true, "推荐汇总表.xlsx", TODAY).unwrap();
    assert_eq!(written.len(), 6, "three people, a public and a private file each");
    let (instance, private) = load(&case.root);
    let pool = instance.pool("zhineng").unwrap();
    let zhang = pool.expert("ZN-0006").expect("ids continue after ZN-0005");
    assert_eq!(zhang.name, "张明");
    assert_eq!(zhang.person, "P-0006");
    assert_eq!(zhang.specialties, vec!["ZZ-01"]);
    assert_eq!(
        zhang.title.as_ref().map(|t| (t.name.as_str(), t.level)),
        Some(("高级工程师", TitleLevel::AssociateSenior))
    );
    assert_eq!(zhang.honours, vec![Honour { name: "全国技术能手".into(), tier: Tier::National, year: Some(2019) }]);
    assert_eq!(zhang.employer_kind, EmployerKind::Enterprise);
    assert_eq!(zhang.admission.channel, Channel::OpenCallUnit);
    assert_eq!(zhang.admission.recommending_unit.as_ref().map(|u| u.name.as_str()), Some("星河示例机械有限公司"));
    assert_eq!(zhang.stages.len(), 1);
    assert_eq!(zhang.stages[0].stage, Stage::Applied);
    assert_eq!(zhang.stages[0].reference.as_deref(), Some("推荐汇总表.xlsx 第5行"));
    let li = pool.expert("ZN-0007").unwrap();
    assert_eq!(li.skill.as_ref().map(|s| (s.occupation.as_str(), s.level)), Some(("焊接技术", SkillLevel::Level2)));
    let zhou = pool.expert("ZN-0008").unwrap();
    assert_eq!(zhou.name, "周九");
    let person = private.person("P-0006").unwrap();
    assert_eq!(person.id_number, synthetic_id("19780601", 11));
    assert_eq!(person.birth_date, Some(Date::ymd(1978, 6, 1)));
    assert_eq!(person.mobile, "13800000001");
    let text = std::fs::read_to_string(case.root.join("pools/zhineng/experts/ZN-0006.toml")).unwrap();
    assert!(text.starts_with("# Imported from 推荐汇总表.xlsx, row 5, on 2026-11-23."));
    let errors: Vec<String> =
        validate(&instance, Some(&private), TODAY).iter().filter(|d| d.is_error()).map(|d| d.render()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // Importing the same table again finds every person already there and writes nothing.
    let path = case._dir.path().join("推荐汇总表.xlsx");
    let plan = import::plan(&instance, &private, &sheet::read(&path).unwrap(), &options(), &mut Progress::hidden());
    assert!(issues_of(&plan, 5).iter().any(|i| i.contains("此人已在专家库 `zhineng` 中，专家编号 ZN-0006")));
    assert_eq!(plan.summary().to_create, 0);
}

#[test]
fn a_late_table_needs_a_recorded_reason() {
    let (dir, root) = copy_fixture();
    let path = dir.path().join("late.csv");
    let id = synthetic_id("19800101", 11);
    std::fs::write(
        &path,
        format!("序号,姓名,性别,身份证号码,职业、专业,工作单位,职业资格等级/职称,获得荣誉,联系方式\n1,陈晨,男,{id},电工,星河电力有限公司,高级技师,,13800000021\n"),
    )
    .unwrap();
    let (instance, private) = load(&root);
    let grid = sheet::read(&path).unwrap();
    let mut late = options();
    late.call = Some("zhineng-call-2026".into());
    late.unit = Some("星河电力有限公司".into());
    late.received = Date::ymd(2026, 5, 11);
    let plan = import::plan(&instance, &private, &grid, &late, &mut Progress::hidden());
    assert_eq!(
        plan.file_issues[0].headline(),
        "错误：收到日期 2026-05-11 晚于征集公告 `zhineng-call-2026` 的截止日期 2026-05-09（逾期不予受理）。"
    );
    assert!(plan.has_errors());

    late.late_reason = Some("邮寄延误，有邮戳为证".into());
    let plan = import::plan(&instance, &private, &grid, &late, &mut Progress::hidden());
    assert!(!plan.has_errors(), "{:?}", plan.file_issues);
    let record = &plan.records().next().unwrap().public;
    assert_eq!(record.admission.call.as_deref(), Some("zhineng-call-2026"));
    assert_eq!(
        record.stages[0].note.as_deref(),
        Some("逾期提交（截止2026年5月9日），经同意受理：邮寄延误，有邮戳为证")
    );

    let mut on_time = late.clone();
    on_time.late_reason = None;
    on_time.received = Date::ymd(2026, 5, 9);
    assert!(!import::plan(&instance, &private, &grid, &on_time, &mut Progress::hidden()).has_errors());
}

#[test]
fn a_table_without_the_key_headers_is_refused_as_a_whole() {
    let (dir, root) = copy_fixture();
    let path = dir.path().join("wrong.csv");
    std::fs::write(&path, "序号,姓名,身份证号码,备注\n1,陈晨,449905198001010110,\n").unwrap();
    let (instance, private) = load(&root);
    let plan = import::plan(&instance, &private, &sheet::read(&path).unwrap(), &options(), &mut Progress::hidden());
    assert_eq!(
        plan.file_issues[0].headline(),
        "错误：表头行（第 1 行）缺少：职业、专业、工作单位、职业资格等级/职称、联系方式"
    );
    assert!(plan.rows.is_empty());
}

#[test]
fn unit_channel_needs_a_unit() {
    let (dir, root) = copy_fixture();
    let path = dir.path().join("nounit.csv");
    std::fs::write(&path, "序号,姓名,性别,身份证号码,职业、专业,工作单位,职业资格等级/职称,获得荣誉,联系方式\n")
        .unwrap();
    let (instance, private) = load(&root);
    let plan = import::plan(&instance, &private, &sheet::read(&path).unwrap(), &options(), &mut Progress::hidden());
    assert!(plan.file_issues[0].message.contains("须写明推荐单位"), "{:?}", plan.file_issues);
}
