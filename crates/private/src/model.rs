//! The private half of a person (`private/experts/<person>.toml`): identity, contact
//! details, history and declarations. Only `check`, the draw service and staff tools read
//! it; the site crate has no path to this type.

use expertpool_records::model::{Date, Education};
use serde::{Deserialize, Serialize};

/// A person's private record: one per person, however many pools they serve in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivateRecord {
    /// Person id, equal to the file name without `.toml`.
    pub id: String,
    /// 身份证号码 (18 characters, GB 11643).
    pub id_number: String,
    /// 出生年月日 as written on the form; must agree with the ID number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Date>,
    /// 手机
    pub mobile: String,
    /// 办公电话
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_phone: Option<String>,
    /// 电子邮箱
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// 通讯地址
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 邮政编码
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// 最高学历
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<EducationRecord>,
    /// 工作经历, oldest first; used for the 24-month employment recusal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub employment: Vec<Employment>,
    /// 主要专业工作业绩
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub achievements: Vec<Achievement>,
    /// Joint projects, awards, papers, patents (art. 10(3)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub collaborations: Vec<Collaboration>,
    /// Declared relatives, mentors and interests (art. 10(5)–(6)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
}

/// The highest education (最高学历) as the application form asks for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationRecord {
    /// 学历
    pub level: Education,
    /// 毕业院校
    pub school: String,
    /// 所学专业
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub major: Option<String>,
    /// 毕(肄、结)业时间
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graduated: Option<Date>,
    /// 学制 in years
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u8>,
    /// 学位
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
}

/// One employer in the work history (工作经历).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Employment {
    /// The first day with this employer.
    pub from: Date,
    /// Absent for the current employer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// 工作单位
    pub employer: String,
    /// The employer's unified social credit code (统一社会信用代码).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// 所属行业领域
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// 从事何专业技术工作
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// 职务
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
}

/// One main professional achievement (主要专业工作业绩).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Achievement {
    /// When the work began.
    pub from: Date,
    /// When it ended; absent while it goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// 项目/课题/成果名称
    pub name: String,
    /// 主持 / 参加 / 独立
    pub role: String,
    /// 完成情况及效果
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
}

/// Joint work with another person, which may call for recusal (art. 10(3)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Collaboration {
    /// The other person's name as it would appear as a project leader.
    pub with: String,
    /// 共同承担项目 / 获得奖励 / 发表论文 / 申请专利 / 合作
    pub kind: String,
    /// When the joint work took place (the award, publication or filing date).
    pub date: Date,
}

/// A declared relationship or interest (art. 10(5)–(6)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    /// 近亲属 / 师生 / 经济利益 / 股权 / 其他
    pub kind: String,
    /// A person's name or a unit's name.
    pub party: String,
    /// The unit's unified social credit code, when the party is a unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_code: Option<String>,
    /// Anything the person added.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
