//! Front matter of the Markdown documents: notices, calls and pages.

use super::date::Date;
use super::levels::{ObjectionChannel, ObjectionResult};
use serde::{Deserialize, Serialize};

/// A publicity notice (公示), `notices/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeMeta {
    /// Title.
    pub title: String,
    /// The pool whose experts it lists.
    pub pool: String,
    /// 发文字号, optional for web notices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// 发布日期
    pub published: Date,
    /// First day of the publicity period.
    pub start: Date,
    /// Length in working days; defaults to the pool's minimum and may not be shorter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_days: Option<u8>,
    /// Public ids of the proposed experts, in the order the notice lists them.
    pub experts: Vec<String>,
    /// Print names masked (张*三) instead of in full.
    #[serde(default)]
    pub mask_names: bool,
    /// Where objections go (异议受理).
    pub contact: Contact,
    /// Objections received (异议), each with how it was handled. The site shows only
    /// their number and the notice's outcome, never a summary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objections: Vec<Objection>,
}

/// One objection to a publicity notice and its handling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// The expert it concerns (a public id on the notice); absent when it concerns the
    /// whole notice, which then holds up every expert on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expert: Option<String>,
    /// The day it was received.
    pub received: Date,
    /// How it came.
    pub channel: ObjectionChannel,
    /// What it says, in a line (for the bureau; never published).
    pub summary: String,
    /// How it was looked into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling: Option<String>,
    /// The day the handling ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled: Option<Date>,
    /// What was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<ObjectionResult>,
}

impl Objection {
    /// Whether it concerns `expert` (an objection to the whole notice concerns everyone).
    pub fn concerns(&self, expert: &str) -> bool {
        self.expert.as_deref().is_none_or(|e| e == expert)
    }

    /// Whether it is handled (a result and its date) by `on`.
    pub fn handled_by(&self, on: Date) -> bool {
        self.result.is_some() && self.handled.is_some_and(|h| h <= on)
    }
}

/// A call for experts (征集), `calls/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallMeta {
    /// Title.
    pub title: String,
    /// The pool it recruits for.
    pub pool: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// 发文字号, if any.
    pub number: Option<String>,
    /// 发布日期
    pub published: Date,
    /// Last day applications are accepted (逾期不予受理).
    pub deadline: Date,
    /// 征集范围
    pub scope: String,
    /// 基本条件; the professional conditions come from the pool's eligibility rules.
    pub basic_conditions: Vec<String>,
    /// 主要工作职责
    pub duties: Vec<String>,
    /// 征集程序, in order.
    pub process: Vec<ProcessStep>,
    /// Whom to ask (咨询).
    pub contacts: Vec<Contact>,
    /// Address applications are sent to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submit_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One step of a call's process.
pub struct ProcessStep {
    /// Step name, e.g. 资格审查.
    pub name: String,
    /// What happens.
    pub description: String,
}

/// An office contact printed on a notice or call: an office line, never a mobile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Office or person handling the matter.
    pub name: String,
    /// Office line.
    pub phone: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Office e-mail.
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Office address.
    pub address: Option<String>,
    /// When objections are taken in person or by phone (受理时间), e.g.
    /// `工作日上午8:30—12:00，下午14:30—17:30`: a notice says until when on its last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_hours: Option<String>,
}

impl Contact {
    /// The ways this contact takes objections, as a notice offers them: one per field
    /// given (电话, 电子邮件, 来信, 来访), so that the text never offers a channel the
    /// contact box does not list.
    pub fn objection_ways(&self) -> Vec<&'static str> {
        let mut ways = Vec::new();
        if !self.phone.trim().is_empty() {
            ways.push("电话");
        }
        if self.email.as_deref().is_some_and(|e| !e.trim().is_empty()) {
            ways.push("电子邮件");
        }
        if self.address.as_deref().is_some_and(|a| !a.trim().is_empty()) {
            ways.extend(["来信", "来访"]);
        }
        ways
    }
}

/// A policy document or other page, `pages/<slug>.md`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// Title.
    pub title: String,
    /// 发布日期
    pub published: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// Last revised, if ever.
    pub updated: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    /// 发文字号, if any.
    pub number: Option<String>,
    /// 发文机关
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Position in the navigation; lower first.
    #[serde(default)]
    pub weight: i32,
}
