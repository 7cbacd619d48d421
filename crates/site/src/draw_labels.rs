//! What the codes of the draw protocol (docs/draw-protocol.md) say to a citizen: the
//! Chinese label of every entry kind, response outcome, eligibility reason code and public
//! commitment value, with a one-line plain explanation of each value, and protocol times
//! as Beijing time. Pure functions: the draw pages and their tests read the same table.
//!
//! A code the table does not know (a later protocol version) is shown by a neutral Chinese
//! phrase naming the code, never dropped: the page must not hide what the log says.

/// A protocol time (`YYYY-MM-DDTHH:MM:SSZ`, UTC) as a reader in China reads it, with the
/// zone written out; anything else is shown as written.
pub(crate) fn beijing_time(utc: &str) -> String {
    let Ok(timestamp) = utc.parse::<jiff::Timestamp>() else { return utc.to_string() };
    let local = jiff::tz::offset(8).to_datetime(timestamp);
    format!(
        "{}年{}月{}日 {:02}:{:02}（北京时间，UTC+8）",
        local.year(),
        local.month(),
        local.day(),
        local.hour(),
        local.minute()
    )
}

/// A protocol date (`YYYY-MM-DD`) as Chinese documents print it; anything else as written.
pub(crate) fn chinese_date(date: &str) -> String {
    crate::templates::chinese_date(date).unwrap_or_else(|| date.to_string())
}

/// The response outcomes of spec §4.1 with their labels.
pub(crate) const OUTCOMES: [(&str, &str); 4] =
    [("accepted", "同意参加"), ("declined", "拒绝"), ("recused", "回避"), ("no_answer", "未接通")];

/// The eligibility reason codes of spec §3.2, in the order of its table, with their labels.
pub(crate) const REASONS: [(&str, &str); 10] = [
    ("inactive", "暂停、离岗或已解聘"),
    ("not_appointed", "不在聘期内"),
    ("specialty", "专业不符"),
    ("level", "级别不够"),
    ("named_exclusion", "申请单位提出回避"),
    ("same_unit", "本单位"),
    ("recent_employment", "近期曾在该单位任职"),
    ("recent_collaboration", "近期与相关单位或人员有合作"),
    ("declared_relation", "申报有利害关系"),
    ("pause", "连续两次被抽中，本次暂停"),
];

/// The entry kinds of spec §5.2, and those protocol v2 adds, with their labels.
pub(crate) const KINDS: [(&str, &str); 10] = [
    ("commit", "承诺"),
    ("run", "抽取"),
    ("call", "递补通知"),
    ("response", "答复"),
    ("directed", "定向选用"),
    ("reveal", "公布名单"),
    ("cancel", "取消"),
    ("withdrawal", "退出"),
    ("attendance", "到场情况"),
    ("witness", "见证"),
];

fn lookup(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table.iter().find(|(c, _)| *c == code).map(|(_, l)| *l)
}

/// The label of an entry kind.
pub(crate) fn kind_label(code: &str) -> String {
    lookup(&KINDS, code).map_or_else(|| format!("其他记录（{code}）"), str::to_string)
}

/// The label of a reason code of §3.2, `None` for free text.
pub(crate) fn reason_label(code: &str) -> Option<&'static str> {
    lookup(&REASONS, code)
}

/// An outcome with its reason as the call list shows it: 同意参加, 拒绝（出差在外）,
/// 回避（本单位：近期在被评价单位兼职授课）. A reason that starts with a reason code (alone
/// or followed by `:` and text) shows the code's label; other reasons are shown as written.
pub(crate) fn outcome_label(outcome: &str, reason: Option<&str>) -> String {
    let label = lookup(&OUTCOMES, outcome).map_or_else(|| format!("其他答复（{outcome}）"), str::to_string);
    let Some(reason) = reason.map(str::trim).filter(|r| !r.is_empty()) else { return label };
    let (head, rest) = match reason.split_once(':').or_else(|| reason.split_once('：')) {
        Some((head, rest)) => (head.trim(), Some(rest.trim()).filter(|r| !r.is_empty())),
        None => (reason, None),
    };
    match (reason_label(head), rest) {
        (Some(code), Some(text)) => format!("{label}（{code}：{text}）"),
        (Some(code), None) => format!("{label}（{code}）"),
        (None, _) => format!("{label}（{reason}）"),
    }
}

/// What an accepted expert did at the event (spec §10.9), with the reason they gave; no
/// reason on an absence, lateness or early departure is 无故, and the page says so.
pub(crate) fn attendance_label(outcome: &str, reason: Option<&str>) -> String {
    let label = match outcome {
        "present" => "到场",
        "absent" => "缺席",
        "late" => "迟到",
        "left_early" => "早退",
        other => return format!("其他到场情况（{other}）"),
    };
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => format!("{label}（{r}）"),
        None if outcome == "present" => label.to_string(),
        None => format!("{label}（无故）"),
    }
}

/// The level rank of a request (`min_level`, spec §3.1) by name: the service ranks titles
/// and skill levels on one ladder (crates/drawd directory.rs).
pub(crate) fn level_label(rank: u64) -> String {
    match rank {
        0 => "不限".to_string(),
        1 => "初级职称或三级/高级工及以上".to_string(),
        2 => "中级职称或二级/技师及以上".to_string(),
        3 => "副高级职称或一级/高级技师及以上".to_string(),
        4 => "正高级职称".to_string(),
        other => format!("级别 {other} 及以上"),
    }
}

/// One public value of a commit or directed entry as a citizen reads it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub(crate) struct LabelledValue {
    /// The protocol's key, kept for the page's `data-key` (tests and the curious).
    pub(crate) key: String,
    /// Its Chinese label.
    pub(crate) label: String,
    /// The value in words (a sentence for rules, Beijing time for times, the hash as is).
    pub(crate) value: String,
    /// What the value is for, in one plain line.
    pub(crate) explanation: String,
    /// Whether `value` is a hash or other code, set in a monospace font and wrapped anywhere.
    pub(crate) code: bool,
}

/// The label and explanation of a commit or directed body key; `None` for a key this
/// version does not know (shown under a neutral label).
fn commitment_text(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "algorithm" => ("抽取算法", "计算专家顺序所用的公开算法及其版本，规范见本站“抽取协议规范”。"),
        "eligibility" => ("资格规则版本", "判断专家是否符合本次条件、是否需要回避的规则版本。"),
        "pool" => ("专家库", "本次从哪个专家库中抽取。"),
        "count" => ("抽取人数", "需要多少名专家参加。"),
        "reveal_after" => ("名单公布时间", "在此时间之前名单保密，之后公布名单和密钥，任何人可复核。"),
        "rules" => ("适用规则", "本次抽取适用的暂停和回避规则，抽取前即公开。"),
        "request_hash" => ("申请内容哈希", "申请单位的完整申请（含回避名单）的指纹；公布后可核对申请未被改动。"),
        "snapshot_hash" => ("专家库快照哈希", "抽取时专家库公开信息的指纹，防止临时修改专家信息来影响结果。"),
        "eligible_count" => ("符合条件人数", "符合本次条件、参加排序的专家人数。"),
        "eligible_commit" => ("符合条件名单承诺值", "符合条件专家名单的指纹；名单公布后可核对与抽取前所定一致。"),
        "excluded_count" => ("排除人数", "因专业、级别、回避等原因未参加排序的专家人数。"),
        "excluded_commit" => ("排除名单承诺值", "被排除专家及其原因的指纹；公布后可核对。"),
        "secret_commit" => ("密钥承诺值", "抽取前锁定的随机密钥的指纹；公布的密钥必须与它相符，事后无法更换。"),
        "beacon" => ("公共随机信标", "抽取前指定的、事后才产生的公开随机数；有了它，局内任何人都无法事先算出顺序。"),
        "approval_ref" => ("批准文号", "定向选用须经专家库管理部门批准，这是批准文件的编号。"),
        "approved_by" => ("批准人", "批准本次定向选用的负责人或部门。"),
        "request" => ("公开申请信息", "申请单位、用途、专业、人数和活动日期。"),
        "redo_of" => ("重新抽取自", "本次抽取重新办理的前一次抽取；前一次被放弃的原因见其页面。"),
        "stands_in_for" => ("替代的抽取", "本次定向选用所替代的、未能完成的随机抽取。"),
        "reason" => ("原因", "登记的原因。"),
        _ => return None,
    })
}

/// The rules of §3.1 as a sentence: 适用暂停规则；24 个月内在相关单位任职的回避；36 个月内有合作的回避。
pub(crate) fn rules_sentence(rules: &serde_json::Value) -> String {
    let pause = rules.get("pause").and_then(serde_json::Value::as_bool);
    let months = |k: &str| rules.get(k).and_then(serde_json::Value::as_u64);
    let mut parts = Vec::new();
    match pause {
        Some(true) => parts.push("适用暂停规则（连续两次被抽中的专家本次暂停）".to_string()),
        Some(false) => parts.push("不适用暂停规则".to_string()),
        None => {}
    }
    if let Some(m) = months("employment_months") {
        parts.push(if m == 0 {
            "仅现任职单位回避".to_string()
        } else {
            format!("近 {m} 个月内在被评审或申请单位任职的专家回避")
        });
    }
    if let Some(m) = months("collaboration_months") {
        parts.push(if m == 0 {
            "不因合作经历回避".to_string()
        } else {
            format!("近 {m} 个月内与相关单位或人员有合作的专家回避")
        });
    }
    if parts.is_empty() {
        return "（规则格式无法识别，请用验证工具核对）".to_string();
    }
    format!("{}。", parts.join("；"))
}

/// A beacon named in a commit (`null` or `{source, round}`) in words.
pub(crate) fn beacon_sentence(beacon: &serde_json::Value) -> String {
    match beacon {
        serde_json::Value::Null => "未使用（密钥在服务内生成，公布前对所有人保密）".to_string(),
        serde_json::Value::Object(map) => {
            let source = map.get("source").and_then(|v| v.as_str()).unwrap_or("未知来源");
            let name = match source {
                s if s.starts_with("drand") => format!("drand 公共随机信标（{s}）"),
                s if s.starts_with("lottery") => format!("公开彩票开奖结果（{s}）"),
                s => s.to_string(),
            };
            match map.get("round").and_then(|v| v.as_u64()) {
                Some(round) => format!("{name} 第 {round} 轮"),
                None => name,
            }
        }
        other => other.to_string(),
    }
}

/// The public values of a commit or directed body, labelled and explained, in the order a
/// reader needs them (what, then the commitments). Keys not known here come last, under
/// a neutral label, so nothing the log says is hidden.
pub(crate) fn commitments(body: &serde_json::Value, pool_name: &str) -> Vec<LabelledValue> {
    const ORDER: [&str; 17] = [
        "pool",
        "count",
        "reveal_after",
        "rules",
        "beacon",
        "approval_ref",
        "approved_by",
        "redo_of",
        "stands_in_for",
        "algorithm",
        "eligibility",
        "eligible_count",
        "excluded_count",
        "request_hash",
        "snapshot_hash",
        "eligible_commit",
        "excluded_commit",
    ];
    let Some(map) = body.as_object() else { return Vec::new() };
    let rank = |k: &str| {
        if k == "secret_commit" {
            return ORDER.len();
        }
        ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len() + 1)
    };
    let mut keys: Vec<&String> = map.keys().filter(|k| k.as_str() != "request").collect();
    keys.sort_by_key(|k| (rank(k), (*k).clone()));
    keys.into_iter()
        .map(|key| {
            let value = &map[key];
            let (label, explanation) =
                commitment_text(key).unwrap_or(("其他公开值", "本版本网站尚不能解释的公开值，原样列出。"));
            let (text, code) = match (key.as_str(), value) {
                ("rules", v) => (rules_sentence(v), false),
                ("beacon", v) => (beacon_sentence(v), false),
                ("pool", serde_json::Value::String(_)) => (pool_name.to_string(), false),
                ("reveal_after", serde_json::Value::String(s)) => (beijing_time(s), false),
                (k, serde_json::Value::Number(n)) if k.ends_with("count") => (format!("{n} 名"), false),
                (_, serde_json::Value::String(s)) => {
                    (s.clone(), s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
                }
                (_, serde_json::Value::Null) => ("无".to_string(), false),
                (_, other) => (other.to_string(), true),
            };
            LabelledValue {
                key: key.clone(),
                label: label.to_string(),
                value: text,
                explanation: explanation.to_string(),
                code,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn utc_times_read_as_beijing_time() {
        assert_eq!(beijing_time("2026-03-02T01:30:00Z"), "2026年3月2日 09:30（北京时间，UTC+8）");
        assert_eq!(beijing_time("2026-12-31T16:00:00Z"), "2027年1月1日 00:00（北京时间，UTC+8）");
        assert_eq!(beijing_time("2026-02-28T20:05:59Z"), "2026年3月1日 04:05（北京时间，UTC+8）");
        assert_eq!(beijing_time("not a time"), "not a time");
        assert_eq!(chinese_date("2026-03-12"), "2026年3月12日");
    }

    /// Every outcome and reason code of the spec has a label, and the tables name exactly
    /// the codes the protocol crate knows (so a code added there fails here until labelled).
    #[test]
    fn every_protocol_code_has_a_chinese_label() {
        for kind in expertpool_draw::Kind::ALL {
            assert!(lookup(&KINDS, kind.code()).is_some(), "kind {} has no label", kind.code());
        }
        // Exhaustive on purpose: an outcome or reason the protocol crate adds stops this
        // test compiling until it has a label here.
        let outcome_codes = |o: expertpool_draw::Outcome| match o {
            expertpool_draw::Outcome::Accepted
            | expertpool_draw::Outcome::Declined
            | expertpool_draw::Outcome::Recused
            | expertpool_draw::Outcome::NoAnswer => o.code(),
            // Not a response's answer: a withdrawal entry records it, labelled as a kind.
            expertpool_draw::Outcome::Withdrawn => "withdrawal",
        };
        for (code, _) in OUTCOMES {
            let outcome = expertpool_draw::Outcome::from_code(code).expect("an outcome of the protocol");
            assert_eq!(outcome_codes(outcome), code);
        }
        use expertpool_draw::Reason as R;
        let every_reason = [
            R::Inactive,
            R::NotAppointed,
            R::Specialty,
            R::Level,
            R::NamedExclusion,
            R::SameUnit,
            R::RecentEmployment,
            R::RecentCollaboration,
            R::DeclaredRelation,
            R::Pause,
        ];
        let _exhaustive = |r: R| match r {
            R::Inactive
            | R::NotAppointed
            | R::Specialty
            | R::Level
            | R::NamedExclusion
            | R::SameUnit
            | R::RecentEmployment
            | R::RecentCollaboration
            | R::DeclaredRelation
            | R::Pause => (),
        };
        let reasons: Vec<&str> = every_reason.iter().map(|r| r.code()).collect();
        assert_eq!(
            REASONS.map(|(c, _)| c).to_vec(),
            reasons,
            "reason codes differ from the protocol's, or their order"
        );
        for (_, label) in OUTCOMES.iter().chain(REASONS.iter()).chain(KINDS.iter()) {
            assert!(label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{label} is not Chinese");
        }
    }

    #[test]
    fn outcomes_read_in_chinese_with_their_reasons() {
        assert_eq!(outcome_label("accepted", None), "同意参加");
        assert_eq!(outcome_label("no_answer", None), "未接通");
        assert_eq!(outcome_label("declined", Some("出差在外，无法到场")), "拒绝（出差在外，无法到场）");
        assert_eq!(outcome_label("recused", Some("same_unit")), "回避（本单位）");
        assert_eq!(
            outcome_label("recused", Some("same_unit: 近期在被评价单位兼职授课")),
            "回避（本单位：近期在被评价单位兼职授课）"
        );
        assert_eq!(outcome_label("recused", Some("declared_relation：亲属")), "回避（申报有利害关系：亲属）");
        assert_eq!(outcome_label("recused", Some("亲属在申请单位")), "回避（亲属在申请单位）");
        assert_eq!(outcome_label("late", None), "其他答复（late）");
        assert_eq!(kind_label("cancel"), "取消");
        assert_eq!(kind_label("future_kind"), "其他记录（future_kind）");
    }

    #[test]
    fn commitments_have_labels_and_sentences_not_keys_or_json() {
        let body = json!({"algorithm": "expertpool-draw/v1", "pool": "zhineng", "count": 3,
            "reveal_after": "2026-03-12T16:00:00Z", "beacon": null, "eligible_count": 7,
            "rules": {"pause": true, "employment_months": 24, "collaboration_months": 36},
            "secret_commit": "b6de1e89fdb3b584cbc7ebd3068e8a9b0d2153c78ca83b0e4c80885a14ba8b4a"});
        let values = commitments(&body, "智能制造专家库");
        let get = |k: &str| values.iter().find(|v| v.key == k).unwrap();
        assert_eq!(get("pool").value, "智能制造专家库");
        assert_eq!(get("count").value, "3 名");
        assert_eq!(get("reveal_after").value, "2026年3月13日 00:00（北京时间，UTC+8）");
        assert_eq!(
            get("rules").value,
            "适用暂停规则（连续两次被抽中的专家本次暂停）；近 24 个月内在被评审或申请单位任职的专家回避；近 36 个月内与相关单位或人员有合作的专家回避。"
        );
        assert!(get("beacon").value.starts_with("未使用"));
        assert!(get("secret_commit").code);
        assert_eq!(values.last().unwrap().key, "secret_commit");
        for v in &values {
            assert!(!v.label.contains('_') && !v.value.contains('{'), "{v:?}");
            assert!(!v.explanation.is_empty());
        }
        assert_eq!(
            beacon_sentence(&json!({"source": "drand/quicknet", "round": 12})),
            "drand 公共随机信标（drand/quicknet） 第 12 轮"
        );
        assert_eq!(level_label(2), "中级职称或二级/技师及以上");
    }
}
