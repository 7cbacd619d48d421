//! Each lifecycle step on a copy of the fixture: the TOML it writes matches a golden file
//! (comments and layout kept), and each step out of order is refused with a reason.
//! `UPDATE_GOLDEN=1 cargo test -p expertpool-staff --test lifecycle` rewrites the goldens.

mod common;

use common::*;
use expertpool_records::Date;
use expertpool_records::model::*;
use expertpool_staff::lifecycle::{Step, StepError, check_step, run_step};
use std::path::Path;

fn run(root: &Path, id: &str, step: Step, date: Date) -> Result<String, StepError> {
    let (instance, private) = load(root);
    run_step(&instance, Some(&private), id, &step, date, None, false).map(|done| done.summary)
}

fn refusal(root: &Path, id: &str, step: Step, date: Date) -> String {
    match run(root, id, step, date) {
        Err(StepError::Refused(r)) => r.message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn assert_golden(root: &Path, id: &str, golden: &str) {
    let text = std::fs::read_to_string(root.join(format!("pools/zhineng/experts/{id}.toml"))).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(golden);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing golden {}", path.display()));
    assert_eq!(text, want, "{id} differs from {golden}");
    // The edited record still reads, and the file's comments survived.
    let _: ExpertRecord = toml::from_str(&text).unwrap();
    assert!(text.starts_with("# Fictional"), "leading comment kept");
}

fn d(y: i16, m: i8, day: i8) -> Date {
    Date::ymd(y, m, day)
}

#[test]
fn applicant_goes_from_review_to_admission() {
    let (_dir, root) = copy_fixture();
    // Papers missing for the channel (art. 6) stop the review.
    let short = Step::Review {
        reference: Some("资料审核记录2026-07".into()),
        documents: vec![Document::ApplicationForm, Document::IdentityCopy],
    };
    let refused = refusal(&root, "ZN-0002", short, d(2026, 5, 10));
    assert!(refused.contains("第六条") && refused.contains("学历职称等证明材料"), "{refused}");
    let review = Step::Review {
        reference: Some("资料审核记录2026-07".into()),
        documents: vec![Document::ApplicationForm, Document::IdentityCopy, Document::Credentials],
    };
    let summary = run(&root, "ZN-0002", review, d(2026, 5, 10)).unwrap();
    assert_eq!(summary, "ZN-0002：2026-05-10 完成资料审核");
    assert_golden(&root, "ZN-0002", "review.toml");

    run(&root, "ZN-0002", Step::Publicize { notice: "zhineng-20261116".into() }, d(2026, 11, 16)).unwrap();
    assert_golden(&root, "ZN-0002", "publicize.toml");

    // The notice starts on Monday 16 November: five working days end on Friday the 20th.
    let early = refusal(&root, "ZN-0002", Step::Approve { meeting: "2026年第5次会议".into() }, d(2026, 11, 20));
    assert_eq!(early, "不能在 2026-11-20 执行 `approve`：公示期为 2026-11-16 至 2026-11-20。");
    run(&root, "ZN-0002", Step::Approve { meeting: "2026年第5次会议".into() }, d(2026, 11, 23)).unwrap();
    assert_golden(&root, "ZN-0002", "approve.toml");

    let admit = Step::Admit { certificate: "ZN-2026-002".into(), categories: vec!["DQ-01".into()] };
    let summary = run(&root, "ZN-0002", admit, d(2026, 11, 23)).unwrap();
    assert_eq!(summary, "ZN-0002：2026-11-23 分类入库，聘书编号 ZN-2026-002，聘期 2026-11-23 至 2029-11-22");
    assert_golden(&root, "ZN-0002", "admit.toml");
}

#[test]
fn no_admission_before_the_publicity_period_has_ended() {
    let (_dir, root) = copy_fixture();
    let (instance, private) = load(&root);
    let pool = instance.pool("zhineng").unwrap();
    // ZN-0003 is in the period of notice zhineng-20260601 (1–5 June 2026); pretend a
    // committee approved it early, by hand.
    let mut record = pool.expert("ZN-0003").unwrap().value.clone();
    record.stages.push(StageRecord {
        stage: Stage::Approved,
        date: d(2026, 6, 3),
        reference: None,
        notice: None,
        note: None,
    });
    let step = Step::Admit { certificate: "ZN-2026-003".into(), categories: vec![] };
    let refused = check_step(&instance, Some(&private), pool, &record, &step, d(2026, 6, 5), None).unwrap_err();
    assert_eq!(refused.message, "不能在 2026-06-05 执行 `admit`：公示期为 2026-06-01 至 2026-06-05。");
    assert_eq!(refused.help.as_deref(), Some("请于 2026-06-06 起再执行 `admit`。"));
    let english = expertpool_i18n::scoped(expertpool_i18n::Lang::En, || {
        check_step(&instance, Some(&private), pool, &record, &step, d(2026, 6, 5), None).unwrap_err()
    });
    assert_eq!(english.message, "cannot admit on 2026-06-05: the publicity period runs from 2026-06-01 to 2026-06-05");
    assert_eq!(english.help.as_deref(), Some("admit from 2026-06-06 on"));
    assert!(check_step(&instance, Some(&private), pool, &record, &step, d(2026, 6, 8), None).is_ok());
}

#[test]
fn steps_out_of_order_are_refused() {
    // In English, as `--lang en` shows them; `refusals_are_in_chinese_by_default` checks
    // some of the same in the default language.
    expertpool_i18n::scoped(expertpool_i18n::Lang::En, steps_out_of_order_in_english);
}

#[test]
fn refusals_are_in_chinese_by_default() {
    let (_dir, root) = copy_fixture();
    let admit = || Step::Admit { certificate: "X-1".into(), categories: vec![] };
    assert_eq!(
        refusal(&root, "ZN-0003", admit(), d(2026, 11, 23)),
        "不能对 `ZN-0003` 执行 `admit`：其最近一个阶段是 2026-06-01 的“公示”，而 `admit` 应在“会议审定”之后。"
    );
    assert_eq!(
        refusal(&root, "ZN-0002", Step::Renew { certificate: "R-1".into(), meeting: None }, d(2026, 11, 23)),
        "不能对 `ZN-0002` 执行 `renew`：其最近一个阶段是 2026-04-20 的“申请”，而 `renew` 应在“分类入库或续聘”之后。"
    );
    assert_eq!(
        refusal(&root, "ZN-0004", admit(), d(2026, 6, 9)),
        "日期 2026-06-09 早于最近一个阶段（2026-06-10 的“会议审定”）。"
    );
    assert_eq!(
        refusal(&root, "ZN-0005", Step::ConfirmInfo, d(2026, 11, 23)),
        "`ZN-0005` 已于 2026-02-01 确认 2026 年度信息。"
    );
}

fn steps_out_of_order_in_english() {
    let (_dir, root) = copy_fixture();
    let admit = || Step::Admit { certificate: "X-1".into(), categories: vec![] };
    assert_eq!(
        refusal(&root, "ZN-0003", admit(), d(2026, 11, 23)),
        "cannot admit `ZN-0003`: its last step is 公示 on 2026-06-01, and admit follows 会议审定"
    );
    assert_eq!(
        refusal(&root, "ZN-0003", Step::Review { reference: None, documents: vec![] }, d(2026, 11, 23)),
        "cannot review `ZN-0003`: its last step is 公示 on 2026-06-01, and review follows 申请"
    );
    assert_eq!(
        refusal(&root, "ZN-0002", Step::Publicize { notice: "zhineng-20261116".into() }, d(2026, 11, 23)),
        "cannot publicize `ZN-0002`: its last step is 申请 on 2026-04-20, and publicize follows 资料审核"
    );
    assert_eq!(
        refusal(&root, "ZN-0002", Step::Approve { meeting: "m".into() }, d(2026, 11, 23)),
        "cannot approve `ZN-0002`: its last step is 申请 on 2026-04-20, and approve follows 公示"
    );
    assert_eq!(
        refusal(
            &root,
            "ZN-0004",
            Step::Admit { certificate: "X-1".into(), categories: vec!["DQ-01".into()] },
            d(2026, 11, 23)
        ),
        "category `DQ-01` is not one of the expert's specialties (ZZ-01, ZZ-03)"
    );
    assert_eq!(
        refusal(
            &root,
            "ZN-0004",
            Step::Admit { certificate: "ZN-2024-001".into(), categories: vec![] },
            d(2026, 11, 23)
        ),
        "certificate `ZN-2024-001` is already issued to `ZN-0001`"
    );
    assert_eq!(
        refusal(&root, "ZN-0004", admit(), d(2026, 6, 9)),
        "2026-06-09 is before the last step, 会议审定 on 2026-06-10"
    );
    assert_eq!(
        refusal(&root, "ZN-0001", Step::Renew { certificate: "R-1".into(), meeting: None }, d(2026, 1, 5)),
        "too early to renew: the term runs until 2027-02-28"
    );
    assert_eq!(
        refusal(&root, "ZN-0002", Step::Renew { certificate: "R-1".into(), meeting: None }, d(2026, 11, 23)),
        "cannot renew `ZN-0002`: its last step is 申请 on 2026-04-20, and renew follows 分类入库 or 续聘"
    );
    let evaluate = Step::Evaluate {
        unit: "某单位".into(),
        work: "评审".into(),
        rating: Rating::Competent,
        comment: None,
        draw: None,
    };
    assert_eq!(
        refusal(&root, "ZN-0002", evaluate, d(2026, 11, 23)),
        "cannot evaluate `ZN-0002`: not appointed on 2026-11-23"
    );
    let misconduct =
        Step::Misconduct { kind: MisconductKind::RefusedToAnswer, description: "未答复".into(), reference: None };
    assert_eq!(
        refusal(&root, "ZN-0003", misconduct, d(2026, 11, 23)),
        "cannot misconduct `ZN-0003` on 2026-11-23: status is `公示中`, not `在库`"
    );
    assert_eq!(
        refusal(&root, "ZN-0005", Step::ConfirmInfo, d(2026, 11, 23)),
        "`ZN-0005` already confirmed 2026 on 2026-02-01"
    );
    let dismiss = Step::Dismiss { ground: DismissalGround::ThreeMisconducts, meeting: "m".into(), note: None };
    assert_eq!(
        refusal(&root, "ZN-0001", dismiss, d(2026, 11, 23)),
        "ground 不良行为记录累计三条以上 needs three misconduct records; `ZN-0001` has 0"
    );
    assert!(matches!(run(&root, "ZN-9999", Step::ConfirmInfo, d(2026, 11, 23)), Err(StepError::NotFound { .. })));
}

#[test]
fn in_pool_steps_append_entries_and_keep_comments() {
    let (_dir, root) = copy_fixture();
    run(&root, "ZN-0001", Step::ConfirmInfo, d(2026, 11, 23)).unwrap();
    assert_golden(&root, "ZN-0001", "confirm-info.toml");
    let evaluate = Step::Evaluate {
        unit: "星河市职业技能鉴定中心".into(),
        work: "2026年数控车工竞赛裁判".into(),
        rating: Rating::Excellent,
        comment: Some("评分严谨".into()),
        draw: None,
    };
    run(&root, "ZN-0001", evaluate, d(2026, 11, 23)).unwrap();
    assert_golden(&root, "ZN-0001", "evaluate.toml");
    let misconduct = Step::Misconduct {
        kind: MisconductKind::ThreeNoShows,
        description: "连续三次被抽取后无故不参加".into(),
        reference: Some("draws 2026-031, 2026-044, 2026-050".into()),
    };
    run(&root, "ZN-0001", misconduct, d(2026, 11, 23)).unwrap();
    assert_golden(&root, "ZN-0001", "misconduct.toml");
}

#[test]
fn renewal_and_dismissal() {
    let (_dir, root) = copy_fixture();
    // Three misconduct records call for dismissal (art. 19(7)), not a new term ...
    let renew = Step::Renew { certificate: "ZN-2026-005".into(), meeting: Some("2026年第5次会议".into()) };
    let refused = refusal(&root, "ZN-0005", renew.clone(), d(2026, 11, 23));
    assert!(refused.contains("第十九条第（七）项") && refused.contains("3条不良行为记录"), "{refused}");
    // ... unless an exception is decided, and then it is written into the record.
    let (instance, private) = load(&root);
    let reason = "经2026年第5次会议研究，待调查结论作出前暂予续聘";
    let done = run_step(&instance, Some(&private), "ZN-0005", &renew, d(2026, 11, 23), Some(reason), false).unwrap();
    assert!(done.summary.starts_with("ZN-0005：2026-11-23 续聘，聘书编号 ZN-2026-005，聘期 2026-12-16 至 2029-12-15"));
    assert!(done.summary.contains(reason), "{}", done.summary);
    assert!(done.text.contains("[[overrides]]") && done.text.contains("misconduct-renewal"), "{}", done.text);
    assert_golden(&root, "ZN-0005", "renew.toml");
    let dismiss =
        Step::Dismiss { ground: DismissalGround::ThreeMisconducts, meeting: "2026年第6次会议".into(), note: None };
    run(&root, "ZN-0005", dismiss.clone(), d(2026, 11, 23)).unwrap();
    assert_golden(&root, "ZN-0005", "dismiss.toml");
    let again = refusal(&root, "ZN-0005", dismiss, d(2026, 11, 24));
    assert_eq!(again, "`ZN-0005` 已于 2026-11-23 解聘（不良行为记录累计三条以上）。");
}

#[test]
fn renewal_past_the_age_limit_is_refused() {
    let (_dir, root) = copy_fixture();
    // ZN-0001 turns 70 on 2027-01-10, before a new term would start on 2027-03-01.
    let refused = refusal(&root, "ZN-0001", Step::Renew { certificate: "R-1".into(), meeting: None }, d(2026, 11, 23));
    assert!(refused.contains("“续聘”") && refused.contains("2027年3月1日时年满70周岁"), "{refused}");
    assert!(refused.contains("第四条第（四）项"), "the refusal names the article: {refused}");
}
