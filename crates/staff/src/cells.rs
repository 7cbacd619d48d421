//! Reading one cell of a summary table into the record model. Each parser is generous in
//! what it accepts (the spellings clerks actually type) and precise in what it rejects:
//! the error says what is wrong and how to write it instead.

use crate::sheet::Cell;
use crate::text::{choices, half_width, is_blank_marker, split_items, split_parenthetical, squeeze};
use expertpool_i18n::t;
use expertpool_records::Date;
use expertpool_records::checksum::{ResidentId, parse_resident_id};
use expertpool_records::model::*;

/// What is wrong with a cell, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) message: String,
    pub(crate) help: Option<String>,
}

impl Problem {
    pub(crate) fn new(message: impl Into<String>) -> Problem {
        Problem { message: message.into(), help: None }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
}

/// A resident ID number: normalised text and what it tells.
pub(crate) fn id_number(cell: &Cell) -> Result<(String, ResidentId), Problem> {
    if let Cell::Number(n) = cell {
        return Err(Problem::new(t!("staff-cell-id-as-number", value = Cell::Number(*n).text()))
            .help(t!("staff-cell-id-as-number-help")));
    }
    let text = squeeze(&cell.text()).to_ascii_uppercase();
    if text.is_empty() {
        return Err(Problem::new(t!("staff-cell-id-missing")).help(t!("staff-cell-id-missing-help")));
    }
    if text.contains("E+") && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'E' | '+')) {
        return Err(
            Problem::new(t!("staff-cell-id-scientific", value = text)).help(t!("staff-cell-id-scientific-help"))
        );
    }
    match parse_resident_id(&text) {
        Ok(id) => Ok((text, id)),
        Err(e) => Err(Problem::new(e.to_string()).help(t!("staff-cell-id-retype"))),
    }
}

/// 性别: 男/女 (also 男性/女性, M/F).
pub(crate) fn gender(text: &str) -> Result<Option<Gender>, Problem> {
    match squeeze(text).to_ascii_uppercase().as_str() {
        "" => Ok(None),
        "男" | "男性" | "M" => Ok(Some(Gender::Male)),
        "女" | "女性" | "F" => Ok(Some(Gender::Female)),
        other => Err(Problem::new(t!("staff-cell-bad-gender", value = other)).help(t!("staff-cell-bad-gender-help"))),
    }
}

/// A date typed as text (2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301) or stored
/// by Excel as a date or as its serial number.
pub(crate) fn date(cell: &Cell) -> Result<Date, Problem> {
    let fix = || t!("staff-cell-date-help");
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) && n.fract() == 0.0 && *n < 100_000.0 => {
            // The 1900 date system: serial 1 is 1900-01-01, and Excel counts a 29 February
            // 1900 that never was, so serials from 61 on are one day ahead.
            let serial = *n as i64;
            let days = if serial >= 61 { serial - 2 } else { serial - 1 };
            Ok(Date::ymd(1900, 1, 1).plus_days(days))
        }
        Cell::Number(n) if n.fract() == 0.0 && (19_000_101.0..21_001_231.0).contains(n) => {
            compact_date(&format!("{}", *n as i64))
                .ok_or_else(|| Problem::new(t!("staff-cell-bad-date", value = n)).help(fix()))
        }
        _ => {
            let text = squeeze(&cell.text());
            let text = text.trim_end_matches('日');
            let parts: Vec<&str> = text.split(['-', '/', '.', '年', '月']).filter(|p| !p.is_empty()).collect();
            let parsed = match parts.as_slice() {
                [single] if single.len() == 8 => compact_date(single),
                [y, m, d] => {
                    let (y, m, d) = (y.parse::<i16>().ok(), m.parse::<i8>().ok(), d.parse::<i8>().ok());
                    match (y, m, d) {
                        (Some(y), Some(m), Some(d)) => jiff::civil::Date::new(y, m, d).ok().map(Date),
                        _ => None,
                    }
                }
                _ => None,
            };
            parsed.ok_or_else(|| Problem::new(t!("staff-cell-bad-date", value = cell.text())).help(fix()))
        }
    }
}

fn compact_date(digits: &str) -> Option<Date> {
    Date::parse(&format!("{}-{}-{}", digits.get(..4)?, digits.get(4..6)?, digits.get(6..8)?)).ok()
}

/// A year such as 2008, 2008年 or a full date (its year).
pub(crate) fn year(cell: &Cell) -> Result<i16, Problem> {
    let text = squeeze(&cell.text());
    let text = text.trim_end_matches('年');
    if let Ok(y) = text.parse::<i16>()
        && (1940..=2100).contains(&y)
    {
        return Ok(y);
    }
    date(cell)
        .map(|d| d.year())
        .map_err(|_| Problem::new(t!("staff-cell-bad-year", value = cell.text())).help(t!("staff-cell-bad-year-help")))
}

/// 联系方式: a mobile number is required (art. 16 confirmations go by text message); an
/// office line may come with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contacts {
    pub(crate) mobile: String,
    pub(crate) office: Option<String>,
}

pub(crate) fn contacts(cell: &Cell) -> Result<Contacts, Problem> {
    let text = half_width(&cell.text());
    let mut mobile = None;
    let mut office = None;
    for token in text.split(|c: char| !(c.is_ascii_digit() || c == '-' || c == ' ')) {
        let digits: String = token.chars().filter(char::is_ascii_digit).collect();
        if digits.is_empty() {
            continue;
        }
        let digits = digits.strip_prefix("86").filter(|d| d.len() == 11).map(str::to_string).unwrap_or(digits);
        if digits.len() == 11 && digits.starts_with('1') && mobile.is_none() {
            mobile = Some(digits);
        } else if (7..=13).contains(&digits.len()) && office.is_none() {
            office = Some(token.trim().to_string());
        }
    }
    match mobile {
        Some(mobile) => Ok(Contacts { mobile, office }),
        None if text.trim().is_empty() => {
            Err(Problem::new(t!("staff-cell-contact-missing")).help(t!("staff-cell-contact-missing-help")))
        }
        None => {
            Err(Problem::new(t!("staff-cell-no-mobile", value = text.trim())).help(t!("staff-cell-no-mobile-help")))
        }
    }
}

/// 工作单位属性 as ticked on annex 1, with the usual short forms.
pub(crate) fn employer_kind(text: &str) -> Result<EmployerKind, Problem> {
    let key = squeeze(text);
    if let Some(kind) = EmployerKind::from_label(&key) {
        return Ok(kind);
    }
    let kind = match key.as_str() {
        "本科" | "高校" | "本科高校" => EmployerKind::University,
        "高职" | "高职院校" | "高职高专" => EmployerKind::VocationalCollege,
        "技工学校" | "技师学院" | "技工" => EmployerKind::TechnicalSchool,
        "企业单位" | "公司" | "民营企业" | "国有企业" => EmployerKind::Enterprise,
        _ => {
            return Err(Problem::new(t!("staff-cell-bad-employer-kind", value = key))
                .help(t!("staff-cell-bad-employer-kind-help", kinds = choices(EmployerKind::labels()))));
        }
    };
    Ok(kind)
}

/// The kind of an employer guessed from its name, for tables without that column.
pub(crate) fn guess_employer_kind(name: &str) -> EmployerKind {
    let name = squeeze(name);
    if name.contains("技师学院") || name.contains("技工学校") || name.contains("技工院校") {
        EmployerKind::TechnicalSchool
    } else if name.contains("职业技术学院") || name.contains("职业学院") || name.contains("高等专科") {
        EmployerKind::VocationalCollege
    } else if name.contains("大学") || name.ends_with("学院") {
        EmployerKind::University
    } else if ["公司", "厂", "集团", "企业", "商行", "工作室", "事务所"].iter().any(|w| name.contains(w))
    {
        EmployerKind::Enterprise
    } else {
        EmployerKind::Other
    }
}

/// The title and skill level a 职业资格等级/职称 cell names. `occupation` is used for a
/// skill level written without its trade (`技师`): the 职业、专业 cell of the row.
pub(crate) fn levels(text: &str, occupation: &str) -> Result<(Option<Title>, Option<Skill>), Problem> {
    let mut title: Option<Title> = None;
    let mut skill: Option<Skill> = None;
    let items = split_items(text);
    if items.is_empty() || is_blank_marker(text) {
        return Ok((None, None));
    }
    for item in items {
        let (bare, note) = split_parenthetical(&item);
        let pieces: Vec<String> = if SkillLevel::from_label(&squeeze(&bare)).is_some() || !bare.contains('/') {
            vec![item.clone()]
        } else {
            bare.split('/').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
        };
        let mut understood = false;
        for piece in &pieces {
            match level_of(piece, note.as_deref().filter(|_| pieces.len() == 1), occupation) {
                Some(Level::Title(t)) => {
                    understood = true;
                    if title.as_ref().is_none_or(|old| t.level > old.level) {
                        title = Some(t);
                    }
                }
                Some(Level::Skill(s)) => {
                    understood = true;
                    if skill.as_ref().is_none_or(|old| s.level > old.level) {
                        skill = Some(s);
                    }
                }
                None => {}
            }
        }
        if !understood {
            return Err(unknown_level(&item));
        }
    }
    Ok((title, skill))
}

enum Level {
    Title(Title),
    Skill(Skill),
}

fn level_of(piece: &str, note: Option<&str>, occupation: &str) -> Option<Level> {
    let (bare, inner) = split_parenthetical(piece);
    let inner = inner.or(note.map(str::to_string));
    let bare = squeeze(&bare);
    if bare.is_empty() {
        return None;
    }
    let title = |level: TitleLevel| {
        Some(Level::Title(Title { name: bare.clone(), level, field: None, obtained: None, authority: None }))
    };
    // An explicit level in brackets wins: 高级讲师（副高级）.
    if let Some(level) = inner.as_deref().and_then(|i| TitleLevel::from_label(&squeeze(i))) {
        return title(level);
    }
    if !bare.contains("工程师")
        && let Some((level, rest)) = skill_level_in(&bare)
    {
        let trade = inner.filter(|i| !i.is_empty()).or_else(|| (!rest.is_empty()).then_some(rest));
        let trade = trade.unwrap_or_else(|| squeeze(occupation));
        let occupation = if trade.is_empty() { bare.clone() } else { trade };
        return Some(Level::Skill(Skill { occupation, level, obtained: None }));
    }
    title_level_of(&bare).and_then(title)
}

/// Finds a skill level in `text`, returning it with the rest of the text (the trade).
fn skill_level_in(text: &str) -> Option<(SkillLevel, String)> {
    if let Some(level) = SkillLevel::from_label(text) {
        return Some((level, String::new()));
    }
    const WORDS: [(&str, SkillLevel); 13] = [
        ("一级/高级技师", SkillLevel::Level1),
        ("二级/技师", SkillLevel::Level2),
        ("三级/高级工", SkillLevel::Level3),
        ("四级/中级工", SkillLevel::Level4),
        ("五级/初级工", SkillLevel::Level5),
        ("高级技师", SkillLevel::Level1),
        ("技师", SkillLevel::Level2),
        ("高级工", SkillLevel::Level3),
        ("中级工", SkillLevel::Level4),
        ("初级工", SkillLevel::Level5),
        ("一级", SkillLevel::Level1),
        ("二级", SkillLevel::Level2),
        ("三级", SkillLevel::Level3),
    ];
    const LOWER: [(&str, SkillLevel); 2] = [("四级", SkillLevel::Level4), ("五级", SkillLevel::Level5)];
    for (word, level) in WORDS.iter().chain(LOWER.iter()) {
        let Some(at) = text.find(word) else { continue };
        let rest = format!("{}{}", &text[..at], &text[at + word.len()..]);
        // 高级工艺美术师, 一级教师: a word of the skill ladder inside a title's name.
        if !word.ends_with('师') && rest.contains('师') {
            continue;
        }
        let rest = rest.trim_end_matches("职业技能等级").trim_end_matches("职业资格");
        let rest = rest.trim_matches(|c: char| c == '/' || c == '-' || c == '(' || c == ')').to_string();
        return Some((*level, rest));
    }
    None
}

/// The level of a professional title by its name (职称名称).
fn title_level_of(name: &str) -> Option<TitleLevel> {
    if let Some(level) = TitleLevel::from_label(name) {
        return Some(level);
    }
    let deputy = name.contains('副');
    let senior_words =
        ["正高", "教授级", "教授", "研究员", "主任医师", "主任技师", "编审", "研究馆员", "译审", "正高级"];
    if !deputy && senior_words.iter().any(|w| name.contains(w)) {
        return Some(TitleLevel::Senior);
    }
    if deputy || name.starts_with("高级") || name.contains("副高") {
        return Some(TitleLevel::AssociateSenior);
    }
    if name.contains("中级") || name.contains("主治") {
        return Some(TitleLevel::Intermediate);
    }
    if name.contains("初级") || name.contains("助理") || name.ends_with('员') {
        return Some(TitleLevel::Junior);
    }
    // Only the intermediate grade of a known series: a name merely ending in 师 (特级大师,
    // 工艺美术大师) is no title the table can rank, and a guess would rank it 中级 unseen.
    if !name.contains("特级") && INTERMEDIATE_TITLES.iter().any(|base| name.ends_with(base)) {
        return Some(TitleLevel::Intermediate);
    }
    None
}

/// The intermediate-grade names of the professional-title series a bureau's tables show;
/// `一级教师`, `会计师`, `主管护师` end in one of them.
const INTERMEDIATE_TITLES: &[&str] = &[
    "工程师",
    "讲师",
    "教师",
    "会计师",
    "经济师",
    "统计师",
    "审计师",
    "农艺师",
    "畜牧师",
    "兽医师",
    "医师",
    "护师",
    "药师",
    "技师",
    "实验师",
    "工艺美术师",
    "政工师",
    "规划师",
];

/// The error for a 职业资格等级/职称 item whose level cannot be told: the allowed levels,
/// how to state one, and the likeliest meant name.
fn unknown_level(item: &str) -> Problem {
    let known: Vec<String> = ["初级", "中级", "副高级", "正高级"]
        .iter()
        .map(|l| l.to_string())
        .chain(
            ["助理工程师", "工程师", "高级工程师", "正高级工程师", "讲师", "高级讲师", "正高级讲师"].map(String::from),
        )
        .chain(SkillLevel::labels().into_iter().map(String::from))
        .chain(["高级工", "技师", "高级技师"].map(String::from))
        .collect();
    let titles = choices(TitleLevel::labels());
    let skills = choices(SkillLevel::labels());
    let help = match expertpool_records::load::suggest(&squeeze(item), &known) {
        Some(best) => t!("staff-cell-level-help-suggest", best = best, item = item, titles = titles, skills = skills),
        None => t!("staff-cell-level-help", item = item, titles = titles, skills = skills),
    };
    Problem::new(t!("staff-cell-unknown-level", value = item)).help(help)
}

/// 获得荣誉: items with their tier read from the awarding level in the name
/// (全国/国家 → 国家级, 省 → 省级, 市 → 市级, 县/区 → 县级) or given in brackets.
pub(crate) fn honours(text: &str) -> Result<Vec<Honour>, Problem> {
    if is_blank_marker(text) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for item in split_items(text) {
        let (bare, note) = split_parenthetical(&item);
        let (year, name) = leading_year(&squeeze(&bare));
        let tier = note.as_deref().and_then(|n| Tier::from_label(&squeeze(n))).or_else(|| tier_of(&name));
        let Some(tier) = tier else {
            return Err(Problem::new(t!("staff-cell-honour-tier-unknown", value = item)).help(t!(
                "staff-cell-honour-tier-help",
                name = name,
                tiers = choices(Tier::labels())
            )));
        };
        if name.is_empty() {
            return Err(
                Problem::new(t!("staff-cell-honour-unnamed", value = item)).help(t!("staff-cell-honour-unnamed-help"))
            );
        }
        out.push(Honour { name, tier, year });
    }
    Ok(out)
}

/// `2019年全国技术能手` → (2019, 全国技术能手).
fn leading_year(text: &str) -> (Option<i16>, String) {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4
        && let Ok(y) = digits.parse::<i16>()
    {
        let rest = text[4..].trim_start_matches('年').trim_start_matches("度").to_string();
        return (Some(y), rest);
    }
    (None, text.to_string())
}

fn tier_of(name: &str) -> Option<Tier> {
    if ["全国", "国家", "中华", "国务院", "中国"].iter().any(|w| name.contains(w)) {
        Some(Tier::National)
    } else if name.contains('省') || name.contains("南粤") {
        Some(Tier::Provincial)
    } else if name.contains('市') {
        Some(Tier::Municipal)
    } else if ["县", "区", "镇", "街道"].iter().any(|w| name.contains(w)) {
        Some(Tier::County)
    } else {
        None
    }
}

/// The result of matching a 职业、专业 cell against the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SpecialtyMatch {
    pub(crate) codes: Vec<String>,
    /// Loose matches accepted, to show the clerk (`电工 → 电工电子 (ZZ-03)`).
    pub(crate) notes: Vec<String>,
}

/// Maps specialty names (or codes) to codes: exact names first, then a unique name that
/// contains the text or is contained in it; retired specialties are refused.
pub(crate) fn specialties(text: &str, taxonomy: &SpecialtyFile, on: Date) -> Result<SpecialtyMatch, Problem> {
    let whole = squeeze(text);
    if whole.is_empty() {
        return Err(Problem::new(t!("staff-cell-specialty-missing")).help(t!("staff-cell-specialty-missing-help")));
    }
    let items = if find_exact(&whole, taxonomy).is_some() { vec![whole] } else { split_items(text) };
    let mut codes = Vec::new();
    let mut notes = Vec::new();
    for item in items {
        let key = squeeze(&item);
        let found = match find_exact(&key, taxonomy) {
            Some(s) => s,
            None => {
                let loose: Vec<&Specialty> = taxonomy
                    .specialties
                    .iter()
                    .filter(|s| s.retired.is_none_or(|r| r > on))
                    .filter(|s| s.name.contains(key.as_str()) || key.contains(s.name.as_str()))
                    .collect();
                if loose.len() == 1 {
                    notes.push(t!(
                        "staff-cell-specialty-read-as",
                        value = key,
                        name = loose[0].name,
                        code = loose[0].code
                    ));
                    loose[0]
                } else {
                    let names: Vec<String> = taxonomy.specialties.iter().map(|s| s.name.clone()).collect();
                    let mut problem = Problem::new(t!("staff-cell-specialty-unknown", value = key));
                    problem = match expertpool_records::load::suggest(&key, &names) {
                        Some(best) => problem.help(t!("staff-cell-specialty-did-you-mean", name = best)),
                        None if loose.len() > 1 => problem.help(t!(
                            "staff-cell-specialty-ambiguous",
                            names = choices(loose.iter().map(|s| s.name.as_str()))
                        )),
                        None => problem.help(t!("staff-cell-specialty-missing-help")),
                    };
                    return Err(problem);
                }
            }
        };
        if let Some(retired) = found.retired.filter(|r| *r <= on) {
            return Err(Problem::new(t!(
                "staff-cell-specialty-retired",
                name = found.name,
                code = found.code,
                date = retired
            ))
            .help(t!("staff-cell-specialty-retired-help")));
        }
        if !codes.contains(&found.code) {
            codes.push(found.code.clone());
        }
    }
    Ok(SpecialtyMatch { codes, notes })
}

fn find_exact<'a>(key: &str, taxonomy: &'a SpecialtyFile) -> Option<&'a Specialty> {
    taxonomy.specialties.iter().find(|s| squeeze(&s.name) == key || s.code == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn levels_of(text: &str) -> (Option<(String, TitleLevel)>, Option<(String, SkillLevel)>) {
        let (t, s) = levels(text, "电工").unwrap();
        (t.map(|t| (t.name, t.level)), s.map(|s| (s.occupation, s.level)))
    }

    #[test]
    fn titles_keep_their_name() {
        assert_eq!(levels_of("高级工程师").0, Some(("高级工程师".into(), TitleLevel::AssociateSenior)));
        assert_eq!(levels_of("正高级工程师").0, Some(("正高级工程师".into(), TitleLevel::Senior)));
        assert_eq!(levels_of("教授").0, Some(("教授".into(), TitleLevel::Senior)));
        assert_eq!(levels_of("副教授").0, Some(("副教授".into(), TitleLevel::AssociateSenior)));
        assert_eq!(levels_of("工程师").0, Some(("工程师".into(), TitleLevel::Intermediate)));
        assert_eq!(levels_of("助理工程师").0, Some(("助理工程师".into(), TitleLevel::Junior)));
        assert_eq!(levels_of("高级讲师（副高级）").0, Some(("高级讲师".into(), TitleLevel::AssociateSenior)));
        assert_eq!(
            levels_of("一级实习指导教师（中级）").0,
            Some(("一级实习指导教师".into(), TitleLevel::Intermediate))
        );
    }

    #[test]
    fn skill_levels_on_both_ladders() {
        assert_eq!(levels_of("技师").1, Some(("电工".into(), SkillLevel::Level2)));
        assert_eq!(levels_of("高级技师").1, Some(("电工".into(), SkillLevel::Level1)));
        assert_eq!(levels_of("三级/高级工").1, Some(("电工".into(), SkillLevel::Level3)));
        assert_eq!(levels_of("焊工高级技师").1, Some(("焊工".into(), SkillLevel::Level1)));
        assert_eq!(levels_of("二级/技师（钳工）").1, Some(("钳工".into(), SkillLevel::Level2)));
        assert_eq!(levels_of("二级").1, Some(("电工".into(), SkillLevel::Level2)));
    }

    #[test]
    fn both_ladders_in_one_cell() {
        let (t, s) = levels_of("高级工程师/高级技师");
        assert_eq!(t.unwrap().1, TitleLevel::AssociateSenior);
        assert_eq!(s.unwrap().1, SkillLevel::Level1);
        let (t, s) = levels_of("工程师、技师");
        assert_eq!(t.unwrap().1, TitleLevel::Intermediate);
        assert_eq!(s.unwrap().1, SkillLevel::Level2);
    }

    #[test]
    fn unknown_level_is_an_error() {
        let err = levels("很厉害", "电工").unwrap_err();
        assert!(err.message.contains("很厉害"));
        // A name ending in 师 is not thereby an intermediate title.
        let err = levels("特级大师", "电工").unwrap_err();
        assert!(err.message.contains("特级大师"), "{}", err.message);
        let help = err.help.unwrap();
        assert!(help.contains("正高级、副高级") || help.contains("副高级"), "{help}");
        assert!(help.contains("一级/高级技师"), "{help}");
        assert!(levels("特级教师", "电工").is_err());
        assert!(levels("特级大师（正高级）", "电工").unwrap().0.is_some());
        assert_eq!(levels_of("会计师").0, Some(("会计师".into(), TitleLevel::Intermediate)));
        assert_eq!(levels_of("一级教师").0, Some(("一级教师".into(), TitleLevel::Intermediate)));
        let help = levels("工程帅", "电工").unwrap_err().help.unwrap();
        assert!(help.starts_with("是否应为 `工程师`"), "{help}");
        assert!(levels("无", "电工").unwrap() == (None, None));
    }

    #[test]
    fn honours_get_tier_and_year() {
        let h = honours("2019年全国技术能手、广东省技术能手；东莞市优秀工匠（市级）").unwrap();
        assert_eq!(h.len(), 3);
        assert_eq!((h[0].name.as_str(), h[0].tier, h[0].year), ("全国技术能手", Tier::National, Some(2019)));
        assert_eq!(h[1].tier, Tier::Provincial);
        assert_eq!(h[2].tier, Tier::Municipal);
        let err = honours("优秀员工").unwrap_err();
        assert!(err.help.unwrap().contains("优秀员工（市级）"));
        assert!(honours("无").unwrap().is_empty());
    }

    #[test]
    fn contacts_find_the_mobile() {
        let c = contacts(&Cell::Text("0769-22123456；138 0013 8000".into())).unwrap();
        assert_eq!(c.mobile, "13800138000");
        assert_eq!(c.office.as_deref(), Some("0769-22123456"));
        assert_eq!(contacts(&Cell::Number(13900139000.0)).unwrap().mobile, "13900139000");
        assert!(contacts(&Cell::Text("0769-22123456".into())).unwrap_err().message.contains("11 位手机号码"));
        let en = expertpool_i18n::scoped(expertpool_i18n::Lang::En, || contacts(&Cell::Text("0769-22123456".into())));
        assert!(en.unwrap_err().message.contains("no 11-digit mobile number"));
    }

    #[test]
    fn dates_as_text_and_serials() {
        let want = Date::ymd(1975, 3, 8);
        assert_eq!(date(&Cell::Text("1975-03-08".into())).unwrap(), want);
        assert_eq!(date(&Cell::Text("1975/3/8".into())).unwrap(), want);
        assert_eq!(date(&Cell::Text("1975年3月8日".into())).unwrap(), want);
        assert_eq!(date(&Cell::Text("19750308".into())).unwrap(), want);
        assert_eq!(date(&Cell::Number(27461.0)).unwrap(), want);
        assert_eq!(date(&Cell::Number(45658.0)).unwrap(), Date::ymd(2025, 1, 1));
        assert!(date(&Cell::Text("1975-02-30".into())).is_err());
    }

    #[test]
    fn id_number_as_number_is_refused() {
        let err = id_number(&Cell::Number(4.419001975030812e17)).unwrap_err();
        assert!(err.message.contains("存成了数字"), "{err:?}");
        let err = id_number(&Cell::Text("4.49905E+17".into())).unwrap_err();
        assert!(err.message.contains("科学计数法"), "{err:?}");
        let err = expertpool_i18n::scoped(expertpool_i18n::Lang::En, || id_number(&Cell::Text("4.49905E+17".into())));
        assert!(err.unwrap_err().message.contains("scientific notation"));
    }

    #[test]
    fn employer_kinds_are_guessed() {
        assert_eq!(guess_employer_kind("东莞市技师学院"), EmployerKind::TechnicalSchool);
        assert_eq!(guess_employer_kind("某某职业技术学院"), EmployerKind::VocationalCollege);
        assert_eq!(guess_employer_kind("某某理工大学"), EmployerKind::University);
        assert_eq!(guess_employer_kind("示例机械有限公司"), EmployerKind::Enterprise);
        assert_eq!(guess_employer_kind("某某协会"), EmployerKind::Other);
    }
}
