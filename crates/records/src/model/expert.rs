//! The public half of an expert (`pools/<pool>/experts/<id>.toml`): what the bureau may
//! show, plus the lifecycle it manages. Nothing here identifies a person beyond what a
//! publicity notice prints; the private half lives in [`super::private`].

use super::date::Date;
use super::levels::*;
use serde::{Deserialize, Serialize};

/// One expert's record in one pool.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpertRecord {
    /// Public id, equal to the file name without `.toml` (e.g. `ZN-0042`).
    pub id: String,
    /// Id of the private record (`private/experts/<person>.toml`); one person serving in
    /// two pools has two public records pointing at the same private one.
    pub person: String,
    /// 姓名
    pub name: String,
    /// 性别
    pub gender: Gender,
    /// 现工作单位
    pub employer: String,
    /// 工作单位属性
    pub employer_kind: EmployerKind,
    /// Unified social credit code of the employer, when known: recusal by legal entity
    /// (art. 10(1)) is exact with it and falls back to the name without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer_credit_code: Option<String>,
    /// 职务
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// 职称 (专业技术职务任职资格)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Title>,
    /// 职业资格 / 职业技能等级
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skill: Option<Skill>,
    /// Specialty codes (专业类别), from `specialties.toml`.
    pub specialties: Vec<String>,
    /// 专业特长/研究领域
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expertise: Option<String>,
    /// Year the expert started working in the field (从事相关领域工作起始年份).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_since: Option<i16>,
    /// 获得荣誉
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub honours: Vec<Honour>,
    /// Qualifying roles: master studio, heritage inheritor, referee, enterprise backbone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// How the expert came in (入库方式) and with which papers.
    pub admission: Admission,
    /// Lifecycle steps with dates and references, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRecord>,
    /// Appointment terms (聘书), oldest first; a renewal adds one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appointments: Vec<Appointment>,
    /// Yearly information confirmations (art. 16(1)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmations: Vec<Confirmation>,
    /// Evaluations by the units that used the expert (art. 17).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<Evaluation>,
    /// Misconduct records (不良行为记录, art. 18).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub misconduct: Vec<Misconduct>,
    /// Dismissal (解聘, art. 19), once decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dismissal: Option<Dismissal>,
    /// On the credit blacklist (失信联合惩戒对象, art. 20): never eligible.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub blacklisted: bool,
    /// Steps taken although a rule barred them, each with the decision that allowed it
    /// (`expertpool record … --override`); `check` and `report` list them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<Override>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// An explicit, recorded exception to the admission rules for one stage.
pub struct Override {
    /// The stage written despite the rules.
    pub stage: Stage,
    /// When the override was given.
    pub date: Date,
    /// The codes of the rules overridden (`crate::gate::BarrierKind::code`: conditions,
    /// age, blacklist, misconduct, misconduct-renewal, papers).
    pub rules: Vec<String>,
    /// Why, and on whose decision (a meeting, a letter).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A professional title (职称).
pub struct Title {
    /// e.g. 高级工程师
    pub name: String,
    /// Where it stands on the ladder.
    pub level: TitleLevel,
    /// 专业领域, e.g. 工程技术
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// 取得时间
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obtained: Option<Date>,
    /// 审批机关
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authority: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A vocational skill level (职业资格/技能等级).
pub struct Skill {
    /// 职业（工种）, e.g. 电工
    pub occupation: String,
    /// Where it stands on the ladder.
    pub level: SkillLevel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// 取得时间
    pub obtained: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// An honour or award.
pub struct Honour {
    /// e.g. 全国技术能手
    pub name: String,
    /// Who awarded it: national, provincial, municipal.
    pub tier: Tier,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Year awarded.
    pub year: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A role held, e.g. a skills-competition judge.
pub struct Role {
    /// Which role.
    pub kind: RoleKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// At what level, if the role has one.
    pub tier: Option<Tier>,
    /// First year in the role (for the backbone rule: years as technical backbone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<i16>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// How the expert applied and what was received.
pub struct Admission {
    /// 入库渠道: self-application, unit recommendation or mutual selection.
    pub channel: Channel,
    /// The call for experts (`calls/<slug>.md`) the application answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub call: Option<String>,
    /// The recommending unit (单位推荐 / 互通遴选).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommending_unit: Option<Unit>,
    /// Papers received (art. 6 checklist).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A unit named on a record.
pub struct Unit {
    /// Its registered name.
    pub name: String,
    /// 统一社会信用代码 (GB 32100)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One lifecycle step, as recorded.
pub struct StageRecord {
    /// Which step.
    pub stage: Stage,
    /// When it happened.
    pub date: Date,
    /// Meeting minutes, approval number or similar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// For the 公示 stage: the notice (`notices/<slug>.md`) that listed the expert.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Anything the clerk added.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// An appointment term (聘期).
pub struct Appointment {
    /// 聘书编号
    pub certificate: String,
    /// First day of the term.
    pub start: Date,
    /// Last day of the term (inclusive).
    pub end: Date,
    /// Specialty codes the expert was filed under (分类入库); empty means all of theirs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A yearly confirmation of the expert's information (art. 16(1)).
pub struct Confirmation {
    /// The year confirmed.
    pub year: i16,
    /// The day confirmed.
    pub date: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// An evaluation by a unit that used the expert.
pub struct Evaluation {
    /// When it was given.
    pub date: Date,
    /// The unit that used the expert (谁使用、谁评价).
    pub unit: String,
    /// What the expert did for it.
    pub work: String,
    /// The rating.
    pub rating: Rating,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The unit's words, if any.
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// The draw the expert was used through (its id in the public draw log), when the
    /// work came through a draw; `record evaluate --draw` checks the expert served in it.
    pub draw: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A recorded misconduct (art. 19).
pub struct Misconduct {
    /// When it happened.
    pub date: Date,
    /// What kind.
    pub kind: MisconductKind,
    /// What happened.
    pub description: String,
    /// Where it was recorded: a draw id, a letter, a meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// A dismissal (解聘).
pub struct Dismissal {
    /// When it took effect.
    pub date: Date,
    /// On which ground of art. 19.
    pub ground: DismissalGround,
    /// The committee meeting that decided it (会议审定).
    pub meeting: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Anything the clerk added.
    pub note: Option<String>,
}
