//! The instance-wide files of a synthetic instance: site, taxonomy, calendar, pool
//! policies, calls, notices and the policy page.

use super::timeline::{CallDates, Round, Timeline};
use super::words::*;
use expertpool_records::model::*;

/// The holiday schedules, byte for byte the ones in the demo instance.
pub const CALENDAR: &[(i16, &str)] = expertpool_records::skeleton::OFFICIAL_CALENDARS;

pub const SITE_TOML: &str = r#"# The bureau and its public site. Everything here is fictional: 星河市 does not exist,
# and the filing numbers are placeholders in the format real ones use.

[bureau]
name = "星河市人力资源和社会保障局"
address = "星河市星湖区政通路18号"
postcode = "990100"
phone = "0900-86120000"
email = "zjk@rsj.xinghe.example"
sponsor = "星河市人力资源和社会保障局"
organizer = "星河市人力资源和社会保障局办公室"
site_code = "9999000000"
icp_filing = "云ICP备00000000号-1"
police_filing = "云公网安备99990002000000号"

[site]
title = "星河市人力资源和社会保障局专家库"
base_url = "https://rsj.xinghe.example/zjk/"
description = "星河市职业能力建设专家库和高技能人才专家库的专家名录、征集公告、入库公示和管理制度。"
notices_after_period = "keep"
page_size = 50
"#;

pub const ZHINENG_TOML: &str = r#"# 职业能力建设专家库: shaped after seed 000 (a three-year term, 未满70周岁,
# conditions of art. 4(3)).
id = "zhineng"
name = "星河市职业能力建设专家库"
short_name = "职业能力建设专家库"
description = "为职业技能培训课程标准、技能人才评价、技工院校建设和职业技能竞赛等工作提供咨询、评审和督导的专家队伍。"
basis = "星人社规〔2025〕3号"
term_years = 3

[age_limit]
max_age = 70
inclusive = false # 未满70周岁: on the 70th birthday the expert is out

[publicity]
working_days = 5
first_day_counts = true

[draw]
pause_rule = true
employment_recusal_months = 24
collaboration_recusal_years = 3
typical_panel = 5

[review]
yearly_confirmation = true

[[eligibility]]
id = "art4-intermediate"
description = "具有中级专业技术职称或技师职业资格（技能等级）且从事相关领域工作满3年"
kind = "title_or_skill"
min_title = "中级"
min_skill = "二级/技师"
min_years_in_field = 3

[[eligibility]]
id = "art4-senior-title"
description = "具有高级专业技术职称"
kind = "title"
min_title = "副高级"

[[eligibility]]
id = "art4-senior-skill"
description = "具有高级技师职业资格（技能等级）"
kind = "skill"
min_skill = "一级/高级技师"

[[eligibility]]
id = "art4-honour"
description = "获得市级以上荣誉称号、奖项"
kind = "honour"
min_tier = "市级"

[[eligibility]]
id = "art4-backbone"
description = "具备10年以上工作经验的企业技术骨干"
kind = "backbone"
min_years = 10
"#;

pub const GAOJINENG_TOML: &str = r#"# 高技能人才专家库: shaped after seed 002 (a five-year term, 70周岁以内,
# the four professional conditions of §2(二)). 云州技术能手 stands in for the
# provincial award of the seed.
id = "gaojineng"
name = "星河市高技能人才专家库"
short_name = "高技能人才专家库"
description = "参与高技能人才评估评审、培训课程与竞赛技术文件开发、技能人才队伍建设调研和技术指导的专家队伍。"
basis = "星人社函〔2025〕118号"
term_years = 5

[age_limit]
max_age = 70
inclusive = true # 70周岁以内: still in on the 70th birthday, out at 71

[publicity]
working_days = 5
first_day_counts = true

[draw]
pause_rule = true
employment_recusal_months = 24
collaboration_recusal_years = 3
typical_panel = 7

[review]
yearly_confirmation = true
review_cycle_years = 5

[[eligibility]]
id = "s2-senior"
description = "具有本职业（工种）高级以上专业技术职称或技师及以上职业资格，且从事相关领域工作满5年"
kind = "title_or_skill"
min_title = "副高级"
min_skill = "二级/技师"
min_years_in_field = 5

[[eligibility]]
id = "s2-honour"
description = "获得中华技能大奖、全国技术能手、云州技术能手、全国五一劳动奖章或云州省政府特殊津贴的高技能人才"
kind = "honour"
honours = ["中华技能大奖", "全国技术能手", "云州技术能手", "全国五一劳动奖章", "云州省政府特殊津贴"]

[[eligibility]]
id = "s2-master"
description = "国家级、省级、市级技能大师工作室领办人，或具有绝技绝活的非遗传统技艺传承人"
kind = "role"
roles = ["技能大师工作室领办人", "非遗传承人"]

[[eligibility]]
id = "s2-referee"
description = "担任过省级以上职业技能竞赛裁判员"
kind = "role"
roles = ["职业技能竞赛裁判员"]
min_tier = "省级"
"#;

/// The two demo pools: (id, short name, policy file text, public id prefix, term years).
pub const POOLS: [(&str, &str, &str, &str, i16); 2] = [
    ("zhineng", "职业能力建设专家库", ZHINENG_TOML, "ZN", 3),
    ("gaojineng", "高技能人才专家库", GAOJINENG_TOML, "GJ", 5),
];

pub fn specialties_toml() -> String {
    let mut out = String::from(
        "# The specialty taxonomy shared by both pools (专业类别). Codes are stable: records\n\
         # keep a code after it is retired (art. 16(2)), and URLs use them.\n",
    );
    for s in SPECIALTIES {
        out.push_str("\n[[specialty]]\n");
        out.push_str(&format!("code = \"{}\"\nname = \"{}\"\n", s.code, s.name));
        if let Some(p) = s.parent {
            out.push_str(&format!("parent = \"{p}\"\n"));
        }
        if let Some(a) = s.added {
            out.push_str(&format!("added = {a}\n"));
        }
        if let Some(r) = s.retired {
            out.push_str(&format!("retired = {r}\n"));
        }
    }
    out
}

/// The fictional bureau's hours for objections in person or by phone.
pub const OFFICE_HOURS: &str = "工作日上午8:30—12:00，下午14:30—17:30";

pub fn office_contact() -> Contact {
    Contact {
        name: "星河市人力资源和社会保障局职业能力建设科".into(),
        phone: "0900-86120318".into(),
        email: Some("zyjn@rsj.xinghe.example".into()),
        address: Some(format!("{BUREAU_ADDRESS}3楼312室")),
        office_hours: Some(OFFICE_HOURS.into()),
    }
}

/// A Markdown document with `+++` TOML front matter.
pub fn document<M: serde::Serialize>(meta: &M, body: &str) -> String {
    let front = native_dates(toml::to_string(meta).expect("front matter serialises"));
    format!("+++\n{front}+++\n\n{body}")
}

pub const CLOSED_CALL_SLUG_PREFIX: &str = "zhineng-call-";
pub const OPEN_CALL_SLUG_PREFIX: &str = "gaojineng-call-";

pub fn call_slug(prefix: &str, dates: &CallDates) -> String {
    format!("{prefix}{}", compact(dates.published))
}

/// `20261119`, for slugs.
pub fn compact(date: Date) -> String {
    date.to_string().replace('-', "")
}

pub fn closed_call(t: &Timeline) -> (String, String) {
    let dates = t.closed_call;
    let year = dates.published.year();
    let meta = CallMeta {
        title: format!("星河市人力资源和社会保障局关于征集{year}年度职业能力建设专家库专家的公告"),
        pool: "zhineng".into(),
        number: Some(format!("星人社函〔{year}〕21号")),
        published: dates.published,
        deadline: dates.deadline,
        scope: "本市各类企业、事业单位、社会组织、本科院校、高职院校和技工院校中从事职业技能培训、技能人才评价、技工教育和职业技能竞赛工作的专业技术人员和技能人员。".into(),
        basic_conditions: vec![
            "遵守宪法和法律法规，品行端正，诚实守信，具有良好的职业道德。".into(),
            "具有完全民事行为能力，能以独立身份参加专家工作，服从委派调度，接受监督管理。".into(),
            "未满70周岁，身体健康，能够承担专家工作。".into(),
            "熟悉职业能力建设领域的法律法规和政策。".into(),
        ],
        duties: vec![
            "参与职业技能培训课程标准的研究、编制和评审。".into(),
            "参与技能人才评价、技工院校建设和职业技能竞赛相关工作的评审与督导。".into(),
            "为职业能力建设政策的制定和实施提供咨询意见。".into(),
        ],
        process: vec![
            ProcessStep { name: "个人自荐或单位推荐".into(), description: "申请人填写入库申请表，连同学历、职称或职业资格证书复印件、身份证复印件报送；单位推荐的另附推荐入库名单汇总表和营业执照复印件。".into() },
            ProcessStep { name: "资料审核".into(), description: "市人力资源和社会保障局对申报材料进行审核，提出拟入库人选。".into() },
            ProcessStep { name: "公示".into(), description: "拟入库人选在本网站公示，公示期不少于5个工作日。".into() },
            ProcessStep { name: "会议审定".into(), description: "公示期满无异议的，提交市职业技能专家委员会会议审定。".into() },
            ProcessStep { name: "分类入库".into(), description: "审定通过的专家按专业类别入库，颁发聘书，聘期3年。".into() },
        ],
        contacts: vec![office_contact()],
        submit_to: Some(format!("{BUREAU_ADDRESS}3楼312室（邮编{BUREAU_POSTCODE}）")),
    };
    let body = format!(
        "为加强我市职业能力建设专家队伍，根据《星河市人力资源和社会保障局职业能力建设专家库管理办法》，\
         现面向社会征集{year}年度职业能力建设专家库专家。\n\n\
         ## 申报方式\n\n\
         申报人可通过个人自荐或单位推荐两种方式申报。请于{}前将纸质材料一式两份寄送或送达受理地址，\
         电子版同时发送至联系邮箱。逾期不予受理。\n\n\
         ## 其他事项\n\n\
         1. 申报人对所提交材料的真实性负责，弄虚作假的取消入库资格。\n\
         2. 入库专家不因入库取得任何报酬；参加具体工作的，按有关规定领取劳务费用。\n\
         3. 本次征集不收取任何费用。\n",
        dates.deadline.chinese()
    );
    (call_slug(CLOSED_CALL_SLUG_PREFIX, &dates), document(&meta, &body))
}

pub fn open_call(t: &Timeline) -> (String, String) {
    let dates = t.open_call;
    let year = dates.deadline.year();
    let meta = CallMeta {
        title: "星河市人力资源和社会保障局关于征集高技能人才专家库专家的通知".into(),
        pool: "gaojineng".into(),
        number: Some(format!("星人社函〔{}〕236号", dates.published.year())),
        published: dates.published,
        deadline: dates.deadline,
        scope: "各类企事业单位、非公经济组织、社会组织和大中专院校的专业技术人员和技能人员，以及具有绝技绝活的非遗传统技艺传承人。".into(),
        basic_conditions: vec![
            "遵守宪法和法律，具有良好的职业道德和敬业精神，能够认真、公正、廉洁地履行职责。".into(),
            "熟悉本职业（工种）相关的法律法规、政策和技术规范。".into(),
            "以独立身份参加专家工作，依法履行职责并承担相应责任。".into(),
            "身体健康，年龄原则上在70周岁以内。".into(),
            "在以往专业活动中无不良记录。".into(),
        ],
        duties: vec![
            "参与高技能人才相关工作的评估、评审、督导和检查。".into(),
            "参与职业（工种）培训课程、技能竞赛技术文件和评价标准的研究开发。".into(),
            "参与技能人才队伍建设的调研和规划，提出意见建议。".into(),
            "为我市高技能人才队伍建设提供技术指导、咨询和服务。".into(),
        ],
        process: vec![
            ProcessStep { name: "个人申请".into(), description: "申请人向所在单位提出申请，提交推荐表、身份证复印件、职称或职业技能等级证书复印件及业绩材料。".into() },
            ProcessStep { name: "初审推荐".into(), description: "所在单位和县（市、区）人力资源和社会保障部门进行初审，报送推荐名单和汇总表。".into() },
            ProcessStep { name: "复核审批".into(), description: "市人力资源和社会保障局复核材料，提出拟入库人选。".into() },
            ProcessStep { name: "结果公示".into(), description: "在本网站公示，公示期不少于5个工作日。".into() },
            ProcessStep { name: "入库聘用".into(), description: "公示期满无异议的纳入专家库，颁发聘书，聘期5年，实行动态管理。".into() },
        ],
        contacts: vec![office_contact()],
        submit_to: Some(format!("{BUREAU_ADDRESS}3楼312室（邮编{BUREAU_POSTCODE}）")),
    };
    let body = format!(
        "高技能人才是技术工人队伍的核心骨干。为发挥专家在高技能人才工作中的咨询和评审作用，\
         我局决定继续征集高技能人才专家库专家，实行动态管理。\n\n\
         ## 申报时间\n\n\
         即日起至{year}年{}月{}日止。各县（市、区）人力资源和社会保障部门和市直有关单位请在截止日期前报送推荐材料。\n\n\
         ## 申报材料\n\n\
         - 《星河市高技能人才专家推荐表》一式两份；\n\
         - 身份证复印件；\n\
         - 专业技术职称证书或职业技能等级证书复印件；\n\
         - 获奖证书、工作室认定文件、裁判员聘书等证明材料。\n\n\
         材料不全或逾期报送的不予受理。\n",
        dates.deadline.0.month(),
        dates.deadline.0.day()
    );
    (call_slug(OPEN_CALL_SLUG_PREFIX, &dates), document(&meta, &body))
}

/// A publicity notice for one batch of one round.
pub fn notice(
    pool: usize,
    round: &Round,
    open: bool,
    batch: usize,
    batches: usize,
    experts: Vec<String>,
    serial: u32,
) -> String {
    let (pool_id, short, ..) = POOLS[pool];
    let year = round.start.year();
    let batch_text = if batches > 1 { format!("（第{}批）", batch + 1) } else { String::new() };
    let meta = NoticeMeta {
        title: format!("{short}拟入库专家名单公示{batch_text}"),
        pool: pool_id.into(),
        number: Some(format!("星人社公〔{year}〕{serial}号")),
        published: round.start,
        start: round.start,
        working_days: None,
        experts,
        mask_names: pool_id == "gaojineng",
        contact: office_contact(),
        objections: vec![],
    };
    let count = meta.experts.len();
    let body = format!(
        "根据{short}管理的有关规定，经个人申报（单位推荐）和资料审核，现将{count}名拟入库专家名单予以公示。\n\n\
         公示期自{}起至{}止，共5个工作日。公示期间，任何单位和个人对公示人选有异议的，可通过电话、信函或电子邮件向我局反映。\
         反映问题应当实事求是，并提供具体事实和联系方式；以单位名义反映的应加盖公章，以个人名义反映的应署真实姓名。\n\n\
         公示期满无异议的，提交{COMMITTEE}会议审定后分类入库{}。\n",
        round.start.chinese(),
        round.end.chinese(),
        if open { "；公示期间本页名单保持公开" } else { "" }
    );
    document(&meta, &body)
}

/// Slug of batch `batch` of the notice of `pool` for a round starting on `start`.
pub fn notice_slug(pool: usize, start: Date, batch: usize) -> String {
    let base = format!("{}-{}", POOLS[pool].0, compact(start));
    if batch == 0 { base } else { format!("{base}-{}", batch + 1) }
}

pub fn policy_page(t: &Timeline) -> String {
    let published = t.rounds[0].start.plus_days(-60);
    let meta = PageMeta {
        title: "星河市人力资源和社会保障局职业能力建设专家库管理办法".into(),
        published,
        updated: Some(t.rounds[2].start.plus_days(-90)),
        number: Some("星人社规〔2025〕3号".into()),
        issuer: Some(BUREAU.into()),
        weight: 10,
    };
    document(&meta, POLICY_BODY)
}

const POLICY_BODY: &str = include_str!("policy.md");

/// Serialises a record and writes its dates as TOML dates (`start = 2026-11-19`) rather
/// than strings, as a clerk would type them.
pub fn record_toml<T: serde::Serialize>(value: &T) -> String {
    native_dates(toml::to_string(value).expect("records serialise"))
}

/// Unquotes every `key = "YYYY-MM-DD"` line.
fn native_dates(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        match line.split_once(" = \"") {
            Some((key, rest)) if rest.len() == 11 && rest.ends_with('"') && Date::parse(&rest[..10]).is_ok() => {
                out.push_str(key);
                out.push_str(" = ");
                out.push_str(&rest[..10]);
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}
