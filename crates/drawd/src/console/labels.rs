//! What the console calls things, in Chinese: roles, fields of the forms, exclusion
//! reasons, answers and draw states. The wire codes stay those of the API and the log.

use expertpool_draw::{Outcome, Reason};

use crate::config::Role;

/// A role as the clerk reads it.
pub fn role(r: Role) -> &'static str {
    match r {
        Role::Operator => "经办人",
        Role::Auditor => "审计",
        Role::Admin => "管理员",
    }
}

/// The levels a request may ask for at least, by rank (`min_level`), as the form lists them.
pub const LEVELS: [&str; 5] = [
    "不限",
    "初级职称，或五级至三级职业技能等级",
    "中级职称，或二级（技师）",
    "副高级职称，或一级（高级技师）",
    "正高级职称",
];

/// A level rank's label.
pub fn level(rank: u64) -> &'static str {
    LEVELS.get(rank as usize).copied().unwrap_or("不限")
}

/// An exclusion reason of the preview's tally.
pub fn reason(r: Reason) -> &'static str {
    match r {
        Reason::Inactive => "暂停、休假或已解聘",
        Reason::NotAppointed => "活动日期不在聘期内",
        Reason::Specialty => "专业类别不符",
        Reason::Level => "等级低于要求",
        Reason::NamedExclusion => "本次抽取点名回避",
        Reason::SameUnit => "与回避单位同属一个单位（第十条第二项）",
        Reason::RecentEmployment => "近期曾在回避单位任职（第十条第二项）",
        Reason::RecentCollaboration => "近期与回避方有合作（第十条第三项）",
        Reason::DeclaredRelation => "申报了与回避方的关系（第十条第五、六项）",
        Reason::Pause => "连续两次被抽中，暂停一次（第九条第一项）",
    }
}

/// An answer as the call sheet shows it.
pub fn outcome(o: Outcome) -> &'static str {
    match o {
        Outcome::Accepted => "同意参加",
        Outcome::Declined => "拒绝",
        Outcome::Recused => "回避",
        Outcome::NoAnswer => "未接通",
        Outcome::Withdrawn => "同意后撤回",
    }
}

/// The recusal codes a called expert may give (art. 10), with their labels.
pub const RECUSAL_KINDS: [(&str, &str); 6] = [
    ("same_unit", "与专家使用方同属一个单位"),
    ("recent_employment", "近两年内曾在专家使用方任职"),
    ("recent_collaboration", "近期与使用方或项目负责人有合作"),
    ("declared_relation", "与项目负责人或单位有亲属、师生或利益关系"),
    ("named_exclusion", "本人在回避名单中"),
    ("other", "其他（请写明）"),
];

/// A recusal reason as recorded (`code` or `code: note`) in Chinese.
pub fn recusal_reason(r: &str) -> String {
    let (code, note) = match r.split_once(':') {
        Some((c, n)) => (c.trim(), n.trim()),
        None => (r.trim(), ""),
    };
    let label = RECUSAL_KINDS.iter().find(|(c, _)| *c == code).map(|(_, l)| *l).unwrap_or(code);
    if note.is_empty() { label.to_owned() } else { format!("{label}：{note}") }
}

/// A draw status code of [`crate::views`] in Chinese.
pub fn status(code: &str) -> &'static str {
    match code {
        "committed" => "已提交，待抽取",
        "calling" => "通知中",
        "complete" => "已满额",
        "exhausted" => "符合条件的专家已全部通知，仍缺额",
        "directed" => "定向选用",
        "cancelled" => "已撤销",
        _ => "未知",
    }
}

/// A request field named by an API error, as the form labels it.
pub fn field(f: &str) -> String {
    let base = f.split(['[', '.']).next().unwrap_or(f);
    let label = match base {
        "pool" => "专家库",
        "specialty" => "专业类别",
        "min_level" => "最低等级",
        "count" => "抽取人数",
        "purpose" => "工作内容",
        "event_date" => "活动日期",
        "reveal_after" => "保密截止时间",
        "recusal" => "回避",
        "experts" => "专家编号",
        "approval_ref" => "审批文号",
        "approved_by" => "审批人",
        "reason" => "原因",
        "position" | "expert" => "被通知专家",
        "outcome" => "答复",
        "csrf" => "表单校验码",
        "for_draw" => "所替代的抽取编号",
        "exception" => "例外理由",
        "using_unit" => "专家使用方",
        "work_content" => "工作内容",
        "supervisor" => "监督人",
        "" => "",
        other => other,
    };
    label.to_owned()
}
