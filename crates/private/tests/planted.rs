//! One planted mistake per kind of diagnostic in a copy of a small synthesized instance:
//! each must be reported with its code, file, field, message and position, and nothing
//! else may be reported as an error.

use expertpool_private::synth::{Options, synthesize};
use expertpool_private::validate;
use expertpool_private::{load_private, load_private_with};
use expertpool_records::calendar::Period;
use expertpool_records::checksum::resident_id_check_char;
use expertpool_records::diagnostic::{Code, Diagnostic, Severity};
use expertpool_records::load::{load_public, load_public_with};
use expertpool_records::model::*;
use expertpool_records::source::KeepText;
use expertpool_records::status::{Status, status_on};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

fn today() -> Date {
    Date::ymd(2026, 11, 23)
}

fn run_check(root: &Path) -> Vec<Diagnostic> {
    run_check_keeping(root, KeepText::Always)
}

fn run_check_keeping(root: &Path, keep: KeepText) -> Vec<Diagnostic> {
    let public = load_public_with(root, keep);
    let private = load_private_with(root, keep);
    let mut out = public.diagnostics;
    out.extend(private.diagnostics);
    let instance = public.value.expect("site and specialties load");
    out.extend(validate(&instance, private.value.as_ref(), today()));
    out
}

/// Replaces the only occurrence of `from` in `path` with `to`.
fn replace(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "`{from}` in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// 1-based line and column (in characters) of the first `needle` in `path`, shifted by
/// `skip` characters (to point past a key at its value).
fn position(path: &Path, needle: &str, skip: usize) -> (usize, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` in {}", path.display()));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, text[line_start..at].chars().count() + 1 + skip)
}

fn value_line(path: &Path, key: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("{key} in {}", path.display()))
        .to_string()
}

fn err(list: &mut Vec<Expect>, file: PathBuf, code: Code, field: &str, message: String, at: (usize, usize)) {
    list.push(Expect { file, code, severity: Severity::Error, field: field.into(), message, at, help: None });
}

struct Expect {
    file: PathBuf,
    code: Code,
    severity: Severity,
    field: String,
    message: String,
    at: (usize, usize),
    help: Option<&'static str>,
}

/// Hands out distinct records, each of a person nobody else points at.
struct Picker<'a> {
    experts: Vec<&'a Loaded<ExpertRecord>>,
    used: HashSet<String>,
}

impl<'a> Picker<'a> {
    fn take(&mut self, what: &str, ok: impl Fn(&ExpertRecord) -> bool) -> &'a Loaded<ExpertRecord> {
        let found = *self
            .experts
            .iter()
            .find(|e| !self.used.contains(&e.id) && ok(e))
            .unwrap_or_else(|| panic!("no record for {what}"));
        self.used.insert(found.id.clone());
        found
    }
}

use expertpool_records::Loaded;

#[test]
fn every_planted_mistake_is_reported_precisely() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    synthesize(root, &Options { experts: 240, seed: 11, today: today() }).unwrap();
    let clean = run_check(root);
    assert!(clean.iter().all(|d| d.severity == Severity::Note), "synthesized instance not clean");

    let instance = load_public(root).value.unwrap();
    let private = load_private(root).value.unwrap();
    let mut persons: HashMap<&str, usize> = HashMap::new();
    for (_, e) in instance.experts() {
        *persons.entry(e.person.as_str()).or_default() += 1;
    }
    let zhineng = instance.pool("zhineng").unwrap();
    let mut pick = Picker {
        experts: zhineng.experts.iter().filter(|e| persons[e.person.as_str()] == 1).collect(),
        used: HashSet::new(),
    };
    let publicised = |e: &ExpertRecord| e.stages.iter().any(|s| s.stage == Stage::Publicity);
    let settled = |e: &ExpertRecord| {
        !publicised(e)
            && matches!(status_on(e, today()), Status::Active | Status::Expired | Status::Exited | Status::Dismissed)
    };
    let no_categories = |e: &ExpertRecord| e.appointments.iter().all(|a| a.categories.is_empty());
    let expert_path = |e: &ExpertRecord| root.join(format!("pools/zhineng/experts/{}.toml", e.id));
    let person_path = |id: &str| root.join(format!("private/experts/{id}.toml"));
    let mut expected: Vec<Expect> = Vec::new();

    // Resident ID with a wrong check digit.
    let e = pick.take("wrong check digit", |e| settled(e));
    let path = person_path(&e.person);
    let number = private.person(&e.person).unwrap().id_number.clone();
    let good = number.chars().last().unwrap();
    let bad = if good == '1' { '2' } else { '1' };
    let wrong = format!("{}{bad}", &number[..17]);
    replace(&path, &number, &wrong);
    err(
        &mut expected,
        path.clone(),
        Code::IdNumber,
        "id_number",
        format!("校验码应为 {good}，实为 {bad}"),
        position(&path, "id_number = ", 12),
    );

    // Resident ID whose birth date is 31 February (with a correct check digit).
    let e = pick.take("impossible birth date", |e| settled(e));
    let path = person_path(&e.person);
    let number = private.person(&e.person).unwrap().id_number.clone();
    let first17 = format!("{}19780231{}", &number[..6], &number[14..17]);
    let check = resident_id_check_char(first17.as_bytes().try_into().unwrap());
    replace(&path, &number, &format!("{first17}{check}"));
    err(
        &mut expected,
        path.clone(),
        Code::BirthDate,
        "id_number",
        "第 7–14 位应为出生日期，但 19780231 不是真实存在的日期".into(),
        position(&path, "id_number = ", 12),
    );

    // birth_date disagreeing with the ID number.
    let e = pick.take("birth date mismatch", |e| settled(e) && private.person(&e.person).unwrap().birth_date.is_some());
    let path = person_path(&e.person);
    let born = private.person(&e.person).unwrap().birth_date.unwrap();
    let written = born.plus_days(1);
    replace(&path, &format!("birth_date = {born}"), &format!("birth_date = {written}"));
    err(
        &mut expected,
        path.clone(),
        Code::BirthDate,
        "birth_date",
        format!("填写为 {written}，但身份证号码显示为 {born}"),
        position(&path, "birth_date = ", 13),
    );

    // Gender disagreeing with the 17th digit.
    let e = pick.take("gender mismatch", |e| settled(e));
    let path = expert_path(e);
    let (from, to, whose) = if e.gender == Gender::Male { ("男", "女", "男性") } else { ("女", "男", "女性") };
    replace(&path, &format!("gender = \"{from}\""), &format!("gender = \"{to}\""));
    err(
        &mut expected,
        path.clone(),
        Code::Gender,
        "gender",
        format!("填写为{to}，但 `{}` 的身份证号码属于{whose}", e.person),
        position(&path, "gender = ", 9),
    );

    // Credit code with a wrong check character.
    let e = pick.take("bad credit code", |e| settled(e) && e.employer_credit_code.is_some());
    let path = expert_path(e);
    let code = e.employer_credit_code.clone().unwrap();
    let good = code.chars().last().unwrap();
    let bad = if good == '0' { '1' } else { '0' };
    replace(
        &path,
        &format!("employer_credit_code = \"{code}\""),
        &format!("employer_credit_code = \"{}{bad}\"", &code[..17]),
    );
    err(
        &mut expected,
        path.clone(),
        Code::CreditCode,
        "employer_credit_code",
        format!("校验码应为 {good}，实为 {bad}"),
        position(&path, "employer_credit_code = ", 23),
    );

    // A private record's employer with a wrong credit code (its own check character).
    let e = pick.take("bad private credit code", |e| {
        settled(e) && private.person(&e.person).unwrap().employment.iter().any(|j| j.credit_code.is_some())
    });
    let path = person_path(&e.person);
    let person = private.person(&e.person).unwrap();
    let (i, code) =
        person.employment.iter().enumerate().find_map(|(i, j)| j.credit_code.clone().map(|c| (i, c))).unwrap();
    let good = code.chars().last().unwrap();
    let bad = if good == '0' { '1' } else { '0' };
    let text = std::fs::read_to_string(&path).unwrap();
    let line = format!("credit_code = \"{code}\"");
    assert_eq!(text.matches(&line).count(), 1, "one employer with this code in {}", path.display());
    let damaged = format!("credit_code = \"{}{bad}\"", &code[..17]);
    replace(&path, &line, &damaged);
    err(
        &mut expected,
        path.clone(),
        Code::CreditCode,
        &format!("employment[{i}].credit_code"),
        format!("校验码应为 {good}，实为 {bad}"),
        position(&path, &damaged, "credit_code = ".len()),
    );

    // Unknown field, with a did-you-mean.
    let e = pick.take("unknown field", |e| settled(e) && e.expertise.is_some());
    let path = expert_path(e);
    replace(&path, "\nexpertise = ", "\nexpertize = ");
    let at = position(&path, "expertize = ", 0);
    expected.push(Expect {
        file: path,
        code: Code::UnknownField,
        severity: Severity::Error,
        field: "expertize".into(),
        message: "没有字段 `expertize`".into(),
        at,
        help: Some("是否要写 `expertise`？"),
    });

    // Wrong type: a year written as a string.
    let e = pick.take("wrong type", |e| settled(e) && e.field_since.is_some());
    let path = expert_path(e);
    let year = e.field_since.unwrap();
    replace(&path, &format!("field_since = {year}"), &format!("field_since = \"{year}\""));
    let d_at = position(&path, "field_since = ", 14);
    err(
        &mut expected,
        path.clone(),
        Code::WrongType,
        "field_since",
        format!("此处应写年份，写的却是 \"{year}\""),
        d_at,
    );

    // A date that does not exist.
    let e = pick.take("bad date", |e| settled(e));
    let path = expert_path(e);
    let first = e.stages[0].date;
    replace(&path, &format!("date = {first}\n"), "date = \"2025-02-30\"\n");
    err(
        &mut expected,
        path.clone(),
        Code::BadDate,
        "stages[0].date",
        "`2025-02-30` 不是真实存在的日期（日期写作 YYYY-MM-DD）".into(),
        position(&path, "date = \"2025-02-30\"", 7),
    );

    // Stages out of date order.
    let e =
        pick.take("dates out of order", |e| settled(e) && e.stages.len() >= 2 && e.stages[0].date < e.stages[1].date);
    let path = expert_path(e);
    let (applied, reviewed) = (e.stages[0].date, e.stages[1].date);
    let early = applied.plus_days(-3);
    replace(&path, &format!("date = {reviewed}\n"), &format!("date = {early}\n"));
    err(
        &mut expected,
        path.clone(),
        Code::DateOrder,
        "stages[1].date",
        format!("{early} 的“{}”早于上一环节 {applied} 的“{}”", e.stages[1].stage, e.stages[0].stage),
        position(&path, &format!("date = {early}"), 7),
    );

    // A specialty code that does not exist.
    let e = pick.take("dangling specialty", |e| settled(e) && no_categories(e));
    let path = expert_path(e);
    let line = value_line(&path, "specialties");
    replace(&path, &line, "specialties = [\"ZZ-33\"]");
    let at = position(&path, "specialties = ", 15);
    expected.push(Expect {
        file: path,
        code: Code::UnknownReference,
        severity: Severity::Error,
        field: "specialties[0]".into(),
        message: "没有代码为 `ZZ-33` 的专业类别".into(),
        at,
        help: Some("是否要写 `ZZ-03`？"),
    });

    // A notice naming a pool that does not exist.
    let notice = instance.notices.iter().find(|n| n.meta.pool == "zhineng").unwrap();
    let path = root.join(format!("notices/{}.md", notice.slug));
    replace(&path, "pool = \"zhineng\"", "pool = \"zhinen\"");
    let at = position(&path, "pool = ", 7);
    expected.push(Expect {
        file: path,
        code: Code::UnknownReference,
        severity: Severity::Error,
        field: "pool".into(),
        message: "没有专家库 `zhinen`".into(),
        at,
        help: Some("是否要写 `zhineng`？"),
    });
    let renamed_notice = notice.slug.clone();

    // A 公示 stage pointing at a notice that does not exist.
    let e = pick.take("dangling notice", |e| {
        publicised(e) && e.stages.iter().any(|s| s.notice.as_deref().is_some_and(|n| n != renamed_notice))
    });
    let path = expert_path(e);
    let (i, stage) = e.stages.iter().enumerate().find(|(_, s)| s.stage == Stage::Publicity).unwrap();
    let slug = stage.notice.clone().unwrap();
    replace(&path, &format!("notice = \"{slug}\""), "notice = \"zhineng-20990101\"");
    err(
        &mut expected,
        path.clone(),
        Code::UnknownReference,
        &format!("stages[{i}].notice"),
        "没有公示通知 `notices/zhineng-20990101.md`".into(),
        position(&path, "notice = ", 9),
    );

    // A record pointing at a person with no private record.
    let e = pick.take("dangling person", |e| settled(e));
    let path = expert_path(e);
    replace(&path, &format!("person = \"{}\"", e.person), "person = \"P-999999\"");
    err(
        &mut expected,
        path.clone(),
        Code::UnknownReference,
        "person",
        "没有个人信息记录 `private/experts/P-999999.toml`".into(),
        position(&path, "person = ", 9),
    );

    // A retired specialty on an active expert (a warning).
    let e =
        pick.take("retired specialty", |e| settled(e) && no_categories(e) && status_on(e, today()) == Status::Active);
    let path = expert_path(e);
    let line = value_line(&path, "specialties");
    replace(&path, &line, "specialties = [\"ZZ-07\"]");
    let at = position(&path, "specialties = ", 15);
    expected.push(Expect {
        file: path,
        code: Code::RetiredSpecialty,
        severity: Severity::Warning,
        field: "specialties[0]".into(),
        message: "专业类别 `ZZ-07`（胶片冲洗）已于 2025-06-30 停用".into(),
        at,
        help: None,
    });

    // The same public id in two pools (and so the same certificate).
    // One that the other pool's admission rules would also have let in, so that the copy
    // adds the duplicate and nothing else.
    let other: PoolPolicy =
        toml::from_str(&std::fs::read_to_string(root.join("pools/gaojineng/pool.toml")).unwrap()).unwrap();
    let other_rules = expertpool_records::eligibility::rules_of(&other);
    let admissible_there = |e: &ExpertRecord| {
        e.stages.iter().filter(|s| expertpool_records::gate::is_gated(s.stage)).all(|s| {
            let inputs = expertpool_records::gate::GateInputs {
                stage: s.stage,
                conditions_on: s.date,
                age_on: s.date,
                birth: None,
                papers: &e.admission.documents,
                objections: &[],
            };
            expertpool_records::gate::barriers(&other, &other_rules, e, &inputs).is_empty()
        })
    };
    let e = pick.take("duplicate id", |e| {
        settled(e) && e.appointments.len() == 1 && e.admission.call.is_none() && admissible_there(e)
    });
    let path = expert_path(e);
    let copy = root.join(format!("pools/gaojineng/experts/{}.toml", e.id));
    std::fs::copy(&path, &copy).unwrap();
    err(
        &mut expected,
        path.clone(),
        Code::Duplicate,
        "id",
        format!("id `{}` 已被 {} 使用", e.id, copy.display()),
        position(&path, "id = ", 5),
    );
    err(
        &mut expected,
        path.clone(),
        Code::Duplicate,
        "appointments[0].certificate",
        format!("证书编号 `{}` 已发给 `{}`", e.appointments[0].certificate, e.id),
        position(&path, "certificate = ", 14),
    );

    // One ID number in two private records.
    let e = pick.take("shared ID number", |e| settled(e));
    let original = person_path(&e.person);
    let twin = person_path("P-999000");
    let text =
        std::fs::read_to_string(&original).unwrap().replace(&format!("id = \"{}\"", e.person), "id = \"P-999000\"");
    std::fs::write(&twin, text).unwrap();
    err(
        &mut expected,
        twin.clone(),
        Code::SharedIdNumber,
        "id_number",
        format!("个人信息记录 `{}` 中已有相同的身份证号码", e.person),
        position(&twin, "id_number = ", 12),
    );

    // Admission before the publicity period has ended.
    let e = pick.take("admitted during publicity", |e| {
        publicised(e)
            && e.appointments.len() == 1
            && e.appointments[0].start <= today()
            && e.stages.iter().all(|s| s.notice.as_deref() != Some(renamed_notice.as_str()))
    });
    let path = expert_path(e);
    let stage = e.stages.iter().find(|s| s.stage == Stage::Publicity).unwrap();
    let notice = instance.notice(stage.notice.as_deref().unwrap()).unwrap();
    let period = Period::compute(&instance.calendar, notice.meta.start, 5, true).unwrap();
    let term = &e.appointments[0];
    let (start, end) = (period.end, period.end.plus_years(3).plus_days(-1));
    replace(&path, &format!("start = {}\nend = {}", term.start, term.end), &format!("start = {start}\nend = {end}"));
    err(
        &mut expected,
        path.clone(),
        Code::Publicity,
        "appointments[0].start",
        format!("{start} 即已入库，但 `{}` 的公示期到 {} 才结束", notice.slug, period.end),
        position(&path, &format!("start = {start}"), 8),
    );

    // A value outside an enumeration.
    let e = pick.take("unknown enum value", |e| settled(e));
    let path = expert_path(e);
    let line = value_line(&path, "employer_kind");
    replace(&path, &line, "employer_kind = \"公司\"");
    err(
        &mut expected,
        path.clone(),
        Code::BadValue,
        "employer_kind",
        "`公司` 不是允许的值".into(),
        position(&path, "employer_kind = ", 16),
    );

    // Malformed TOML: an unterminated string.
    let e = pick.take("malformed TOML", |e| settled(e));
    let path = expert_path(e);
    replace(&path, &format!("name = \"{}\"\n", e.name), &format!("name = \"{}\n", e.name));
    let d_line = position(&path, "name = ", 0).0;
    let text_len = e.name.chars().count();
    err(
        &mut expected,
        path.clone(),
        Code::Syntax,
        "",
        "invalid basic string, expected `\"`".into(),
        (d_line, 8 + text_len + 1),
    );

    let found = run_check(root);
    let mut matched = HashSet::new();
    for want in &expected {
        let hits: Vec<(usize, &Diagnostic)> = found
            .iter()
            .enumerate()
            .filter(|(_, d)| d.file == want.file && d.code == want.code && d.field == want.field)
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "{:?} {} in {}: {:#?}",
            want.code,
            want.field,
            want.file.display(),
            found.iter().filter(|d| d.file == want.file).map(|d| d.headline()).collect::<Vec<_>>()
        );
        let (index, d) = hits[0];
        matched.insert(index);
        assert_eq!(d.severity, want.severity, "{}", d.headline());
        assert_eq!(d.message, want.message, "{}", d.headline());
        assert_eq!((d.line, d.column), want.at, "{}", d.render());
        if let Some(help) = want.help {
            assert_eq!(d.help.as_deref(), Some(help), "{}", d.headline());
        }
    }
    let unexpected: Vec<String> = found
        .iter()
        .enumerate()
        .filter(|(i, d)| d.severity == Severity::Error && !matched.contains(i))
        .map(|(_, d)| d.headline())
        .collect();
    assert!(unexpected.is_empty(), "errors nobody planted:\n{}", unexpected.join("\n"));

    // `expertpool check` does not keep the text of records that parsed; it reads a file
    // again to quote it. What it reports must be the same, down to the quoted lines.
    let rendered = |found: &[Diagnostic]| {
        let mut all: Vec<String> = found.iter().map(|d| d.render()).collect();
        all.sort();
        all
    };
    assert_eq!(rendered(&run_check_keeping(root, KeepText::OnlyBroken)), rendered(&found));
}
