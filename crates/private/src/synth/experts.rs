//! Synthetic public records: qualifications from the person's profile, and a history
//! (stages, terms, confirmations, evaluations, misconduct, dismissal) from the cohort.

use super::fixed::{CLOSED_CALL_SLUG_PREFIX, OPEN_CALL_SLUG_PREFIX, POOLS, call_slug};
use super::ids::OrgKind;
use super::people::{Person, Profile, organisation_code};
use super::plan::{Cohort, Plan};
use super::rng::Rng;
use super::timeline::Timeline;
use super::words::*;
use expertpool_records::model::*;

pub const SALT_EXPERT: u64 = 4;

pub fn public_id(pool: usize, number: usize) -> String {
    format!("{}-{number:05}", POOLS[pool].3)
}

pub fn expert_record(seed: u64, k: usize, plan: &Plan, person: &Person, t: &Timeline) -> ExpertRecord {
    let mut rng = Rng::derive(seed, SALT_EXPERT, k as u64);
    let (pool_id, _, _, prefix, term_years) = POOLS[plan.pool];
    let id = public_id(plan.pool, plan.number);
    let mut specialties: Vec<String> = person.specialties.iter().map(|&i| SPECIALTIES[i].code.to_string()).collect();
    if plan.ground == Some(DismissalGround::FieldObsolete) {
        let retired: Vec<&SpecialtyDef> = SPECIALTIES.iter().filter(|s| s.retired.is_some()).collect();
        specialties = vec![rng.pick(&retired).code.to_string()];
    }
    let occupation =
        SPECIALTIES.iter().find(|s| s.code == specialties[0]).map(|s| s.occupation).unwrap_or("企业培训师");
    let mut record = ExpertRecord {
        id,
        person: person.id.clone(),
        name: person.name.clone(),
        gender: person.gender,
        employer: person.employer.name.clone(),
        employer_kind: person.employer.kind,
        employer_credit_code: rng.chance(85).then(|| person.employer.credit_code.clone()),
        position: rng.chance(80).then(|| rng.pick(POSITIONS).to_string()),
        title: None,
        skill: None,
        specialties,
        expertise: Some(format!("{}的技能培训、评价和技术指导", occupation)),
        field_since: Some(person.field_since),
        honours: vec![],
        roles: vec![],
        admission: Admission { channel: Channel::OpenCallSelf, call: None, recommending_unit: None, documents: vec![] },
        stages: vec![],
        appointments: vec![],
        confirmations: vec![],
        evaluations: vec![],
        misconduct: vec![],
        dismissal: None,
        blacklisted: false,
        overrides: vec![],
    };
    qualify(&mut rng, &mut record, person, occupation, t.today);
    admit(&mut rng, &mut record, plan, pool_id, t);
    history(&mut rng, &mut record, plan, person, prefix, term_years, t);
    qualified_before_admission(&mut record);
    record
}

/// Qualifications are drawn relative to today, but an expert admitted years ago must have
/// met the conditions on the day of the first step (records::gate judges each stage on its
/// date): so nothing that qualifies is dated after it. Takes no random numbers, so every
/// other drawn value stays as it was.
fn qualified_before_admission(r: &mut ExpertRecord) {
    let Some(first) = r.stages.iter().filter(|s| s.stage >= Stage::Reviewed).map(|s| s.date).min() else { return };
    let before = first.plus_days(-45);
    for obtained in
        [r.title.as_mut().and_then(|t| t.obtained.as_mut()), r.skill.as_mut().and_then(|s| s.obtained.as_mut())]
            .into_iter()
            .flatten()
    {
        *obtained = (*obtained).min(before);
    }
    for h in &mut r.honours {
        h.year = h.year.map(|y| y.min(first.year() - 1));
    }
    for role in &mut r.roles {
        role.since = role.since.map(|y| y.min(first.year() - 10));
    }
    r.field_since = r.field_since.map(|y| y.min(first.year() - 5));
}

fn qualify(rng: &mut Rng, r: &mut ExpertRecord, person: &Person, occupation: &str, today: Date) {
    let earliest = person.field_since + 3;
    let obtained = |rng: &mut Rng| {
        Date::ymd(
            rng.range(i64::from(earliest), i64::from(today.year() - 2)) as i16,
            rng.range(1, 12) as i8,
            rng.range(1, 28) as i8,
        )
    };
    let title = |rng: &mut Rng, level: TitleLevel| {
        let (series, field) = match person.employer.kind {
            EmployerKind::University => (["助教", "讲师", "副教授", "教授"], "高等学校教师"),
            EmployerKind::VocationalCollege | EmployerKind::TechnicalSchool => {
                (["助理讲师", "讲师", "高级讲师", "正高级讲师"], "技工院校教师")
            }
            _ => (["助理工程师", "工程师", "高级工程师", "正高级工程师"], "工程技术"),
        };
        let index = TitleLevel::ALL.iter().position(|l| *l == level).expect("level listed");
        let authority = if level >= TitleLevel::AssociateSenior {
            format!("{PROVINCE}人力资源和社会保障厅")
        } else {
            BUREAU.to_string()
        };
        Title {
            name: series[index].into(),
            level,
            field: Some(field.into()),
            obtained: Some(obtained(rng)),
            authority: Some(authority),
        }
    };
    let skill = |rng: &mut Rng, level: SkillLevel| Skill {
        occupation: occupation.into(),
        level,
        obtained: Some(obtained(rng)),
    };
    let since = |rng: &mut Rng| (person.field_since + rng.range(0, 2) as i16).min(today.year() - 10);
    match person.profile {
        Profile::MidTitle => r.title = Some(title(rng, TitleLevel::Intermediate)),
        Profile::SeniorTitle => {
            let level = if rng.chance(30) { TitleLevel::Senior } else { TitleLevel::AssociateSenior };
            r.title = Some(title(rng, level));
        }
        Profile::Technician => r.skill = Some(skill(rng, SkillLevel::Level2)),
        Profile::SeniorTechnician => r.skill = Some(skill(rng, SkillLevel::Level1)),
        Profile::Municipal => {
            r.honours.push(Honour {
                name: rng.pick(HONOURS_MUNICIPAL).to_string(),
                tier: Tier::Municipal,
                year: Some(today.year() - rng.range(1, 6) as i16),
            });
            r.skill = Some(skill(rng, SkillLevel::Level3));
        }
        Profile::Named => {
            let (name, tier) = *rng.pick(HONOURS_NAMED);
            r.honours.push(Honour { name: name.into(), tier, year: Some(today.year() - rng.range(1, 8) as i16) });
            let level = if rng.chance(50) { SkillLevel::Level1 } else { SkillLevel::Level2 };
            r.skill = Some(skill(rng, level));
        }
        Profile::Backbone => {
            r.roles.push(Role { kind: RoleKind::EnterpriseBackbone, tier: None, since: Some(since(rng)) });
            r.skill = Some(skill(rng, SkillLevel::Level3));
        }
        Profile::Master => {
            let tier = *rng.pick(&[Tier::Municipal, Tier::Provincial, Tier::National]);
            r.roles.push(Role { kind: RoleKind::MasterStudioLeader, tier: Some(tier), since: Some(since(rng)) });
            r.skill = Some(skill(rng, SkillLevel::Level1));
        }
        Profile::Heritage => {
            let tier = *rng.pick(&[Tier::Municipal, Tier::Provincial]);
            r.roles.push(Role { kind: RoleKind::HeritageInheritor, tier: Some(tier), since: Some(since(rng)) });
        }
        Profile::Referee => {
            let tier = *rng.pick(&[Tier::Provincial, Tier::National]);
            r.roles.push(Role { kind: RoleKind::CompetitionReferee, tier: Some(tier), since: Some(since(rng)) });
            r.skill = Some(skill(rng, SkillLevel::Level3));
        }
    }
}

/// Channel, call, recommending unit and papers.
fn admit(rng: &mut Rng, r: &mut ExpertRecord, plan: &Plan, pool_id: &str, t: &Timeline) {
    let publicised = plan.round.is_some();
    let channel = match (plan.cohort, publicised, pool_id) {
        (Cohort::Applicant, _, "gaojineng") | (_, true, _) => {
            let unit_share = if pool_id == "gaojineng" { 75 } else { 40 };
            if rng.chance(unit_share) { Channel::OpenCallUnit } else { Channel::OpenCallSelf }
        }
        _ => {
            if rng.chance(70) {
                Channel::MutualSelection
            } else {
                Channel::SpecialInvitation
            }
        }
    };
    r.admission.channel = channel;
    r.admission.call = match (pool_id, plan.cohort, plan.round) {
        ("gaojineng", Cohort::Applicant, _) => Some(call_slug(OPEN_CALL_SLUG_PREFIX, &t.open_call)),
        ("zhineng", _, Some(round)) if round >= 2 => Some(call_slug(CLOSED_CALL_SLUG_PREFIX, &t.closed_call)),
        _ => None,
    };
    r.admission.recommending_unit = match channel {
        Channel::OpenCallUnit => Some(Unit {
            name: r.employer.clone(),
            credit_code: Some(organisation_code(&r.employer, org_kind(r.employer_kind))),
        }),
        Channel::MutualSelection => {
            let name = rng.pick(PEER_BUREAUS).to_string();
            let credit_code = Some(organisation_code(&name, OrgKind::Government));
            Some(Unit { name, credit_code })
        }
        _ => None,
    };
    r.admission.documents = channel.required_documents().to_vec();
}

fn org_kind(kind: EmployerKind) -> OrgKind {
    match kind {
        EmployerKind::Enterprise => OrgKind::Enterprise,
        EmployerKind::Other => OrgKind::NonProfit,
        _ => OrgKind::Institution,
    }
}

fn stage(stage: Stage, date: Date) -> StageRecord {
    StageRecord { stage, date, reference: None, notice: None, note: None }
}

fn meeting(date: Date) -> String {
    format!("{COMMITTEE}{}年第{}次会议", date.year(), (date.0.month() + 2) / 3)
}

fn history(
    rng: &mut Rng,
    r: &mut ExpertRecord,
    plan: &Plan,
    person: &Person,
    prefix: &str,
    term_years: i16,
    t: &Timeline,
) {
    let today = t.today;
    let term = |start: Date| (start, start.plus_years(term_years).plus_days(-1));
    // The first day past the pool's age limit (未满70 / 70周岁以内): no term is renewed
    // from then on, as the admission rules require (records::gate).
    let past_age = person.birth.plus_years(if plan.pool == 0 { 70 } else { 71 });
    // Terms from `start` until one reaches `until`; the first is the admission.
    let terms_until = |start: Date, until: Date| {
        let mut terms = vec![term(start)];
        while terms.last().expect("one term").1 < until && terms.last().expect("one term").1.plus_days(1) < past_age {
            terms.push(term(terms.last().expect("one term").1.plus_days(1)));
        }
        terms
    };
    let mut terms: Vec<(Date, Date)> = Vec::new();
    let mut exit: Option<Date> = None;
    let mut dismissed_on: Option<Date> = None;
    match (plan.cohort, plan.round) {
        (Cohort::Applicant, _) => {
            let applied = if r.admission.call.is_some() {
                t.open_call.published.plus_days(rng.range(1, days(t.open_call.published, today).max(1)))
            } else {
                today.plus_days(-rng.range(3, 40))
            };
            r.stages.push(stage(Stage::Applied, applied));
            if rng.chance(50) {
                r.stages.push(stage(Stage::Reviewed, applied.plus_days(rng.range(0, days(applied, today).max(0)))));
            }
        }
        (_, Some(round)) => {
            let rd = t.rounds[round];
            // Those answering the closed call applied before its deadline.
            let applied = match &r.admission.call {
                Some(_) => t.closed_call.deadline.plus_days(-rng.range(1, 40)),
                None => rd.start.plus_days(-rng.range(25, 60)),
            };
            r.stages.push(stage(Stage::Applied, applied));
            r.stages.push(StageRecord {
                reference: Some(format!("资料审核记录{}-{:03}", rd.start.year(), rng.range(1, 200))),
                ..stage(Stage::Reviewed, rd.start.plus_days(-rng.range(3, 20)))
            });
            r.stages.push(StageRecord { notice: plan.notice.clone(), ..stage(Stage::Publicity, rd.start) });
            if plan.cohort != Cohort::Publicity {
                r.stages
                    .push(StageRecord { reference: Some(meeting(rd.approved)), ..stage(Stage::Approved, rd.approved) });
            }
            match plan.cohort {
                Cohort::Publicity | Cohort::Approved => {}
                Cohort::Appointed => {
                    r.stages.push(stage(Stage::Admitted, rd.admitted));
                    terms.push(term(today.plus_days(rng.range(5, 30))));
                }
                _ => {
                    r.stages.push(stage(Stage::Admitted, rd.admitted));
                    terms.push(term(rd.admitted));
                    if plan.cohort == Cohort::Dismissed {
                        dismissed_on =
                            Some(rd.admitted.plus_days(rng.range(60, (days(rd.admitted, today) - 10).max(61))));
                    }
                }
            }
        }
        (Cohort::Veteran, None) => {
            let start = today.plus_days(-rng.range(400, 3000));
            terms = terms_until(start, today);
        }
        (Cohort::Expired, None) => {
            let count = rng.range(1, 2);
            let start = today.plus_years(-(term_years * count as i16)).plus_days(-rng.range(30, 700));
            terms = terms_until(start, start.plus_years(term_years * count as i16).plus_days(-2));
        }
        (Cohort::Exited, None) => {
            let start = today.plus_days(-rng.range(800, 3000));
            let left = start.plus_days(rng.range(200, (days(start, today) - 20).max(201)));
            terms = terms_until(start, left);
            exit = Some(left);
        }
        (Cohort::Dismissed, None) => {
            let ground = plan.ground.expect("dismissed records have a ground");
            let (start, on) = match ground {
                DismissalGround::AgeLimit => {
                    let limit_years = if plan.pool == 0 { 70 } else { 71 };
                    let on = person.birth.plus_years(limit_years);
                    (on.plus_days(-rng.range(900, 2400)), on)
                }
                DismissalGround::FieldObsolete => {
                    let retired = SPECIALTIES
                        .iter()
                        .find(|s| s.code == r.specialties[0])
                        .and_then(|s| s.retired)
                        .expect("retired code");
                    let on = Date::parse(retired).expect("valid constant").plus_days(rng.range(20, 90));
                    (on.plus_days(-rng.range(500, 2000)), on)
                }
                _ => {
                    let start = today.plus_days(-rng.range(500, 3000));
                    (start, start.plus_days(rng.range(120, (days(start, today) - 10).max(121))))
                }
            };
            terms = terms_until(start, on);
            dismissed_on = Some(on);
        }
        (_, None) => unreachable!("every other cohort has a round"),
    }
    if plan.round.is_none() && !terms.is_empty() {
        let start = terms[0].0;
        r.stages.push(stage(Stage::Applied, start.plus_days(-rng.range(60, 120))));
        r.stages.push(stage(Stage::Reviewed, start.plus_days(-rng.range(30, 55))));
        r.stages.push(StageRecord {
            reference: Some(meeting(start.plus_days(-20))),
            ..stage(Stage::Approved, start.plus_days(-20))
        });
        r.stages.push(stage(Stage::Admitted, start));
    }
    for (start, _) in terms.iter().skip(1) {
        r.stages.push(StageRecord { reference: Some(meeting(start.plus_days(-15))), ..stage(Stage::Renewed, *start) });
    }
    if let Some(left) = exit {
        let note = if rng.chance(50) { "本人书面申请退出" } else { "聘期内工作调动离开本市" };
        r.stages.push(StageRecord {
            note: Some(note.into()),
            reference: Some(meeting(left)),
            ..stage(Stage::Exited, left)
        });
    }
    r.appointments = terms
        .iter()
        .map(|&(start, end)| Appointment {
            certificate: format!("{prefix}-{}-{:05}", start.year(), plan.number),
            start,
            end,
            categories: if rng.chance(30) { vec![r.specialties[0].clone()] } else { vec![] },
        })
        .collect();
    let Some(&(first_start, _)) = terms.first() else { return };
    let served_until =
        [Some(today), dismissed_on, exit, terms.last().map(|t| t.1)].into_iter().flatten().min().expect("today");
    if first_start > today {
        return;
    }
    // Yearly confirmations in March of each full year served.
    for year in first_start.year() + 1..=served_until.year() {
        let date = Date::ymd(year, 3, rng.range(1, 28) as i8);
        if date <= served_until && rng.chance(85) {
            r.confirmations.push(Confirmation { year, date });
        }
    }
    let span = days(first_start, served_until).max(1);
    let mut dates: Vec<Date> = (0..rng.range(0, 3)).map(|_| first_start.plus_days(rng.range(0, span))).collect();
    dates.sort();
    for date in dates {
        let rating = match rng.below(20) {
            0 => Rating::BasicallyCompetent,
            1..=8 => Rating::Excellent,
            _ => Rating::Competent,
        };
        r.evaluations.push(Evaluation {
            date,
            unit: rng.pick(EVALUATION_UNITS).to_string(),
            work: rng.pick(EVALUATION_WORKS).to_string(),
            rating,
            comment: (rating == Rating::Excellent).then(|| "工作认真，意见专业，按时完成评审任务".to_string()),
            draw: None,
        });
    }
    let misconducts = match (plan.cohort, plan.ground) {
        (Cohort::Misconduct, _) => rng.range(1, 2),
        (_, Some(DismissalGround::ThreeMisconducts)) => 3,
        _ => 0,
    };
    let mut dates: Vec<Date> = (0..misconducts).map(|_| first_start.plus_days(rng.range(0, span - 1))).collect();
    dates.sort();
    for date in dates {
        let kind = *rng.pick(&[
            MisconductKind::ThreeNoShows,
            MisconductKind::ThreeLateOrEarly,
            MisconductKind::ImproperProcedure,
            MisconductKind::FailedToRecuse,
        ]);
        r.misconduct.push(Misconduct {
            date,
            kind,
            description: misconduct_text(kind).into(),
            reference: Some(format!("星人社专函〔{}〕{}号", date.year(), rng.range(1, 90))),
        });
    }
    if let Some(on) = dismissed_on {
        let ground = plan.ground.expect("dismissed records have a ground");
        r.blacklisted = ground == DismissalGround::Penalty && rng.chance(30);
        r.dismissal = Some(Dismissal {
            date: on,
            ground,
            meeting: meeting(on),
            note: dismissal_note(ground).map(str::to_string),
        });
    }
}

fn misconduct_text(kind: MisconductKind) -> &'static str {
    match kind {
        MisconductKind::ThreeNoShows => "连续三次被抽取通知后未说明理由未参加评审工作",
        MisconductKind::ThreeLateOrEarly => "当年累计三次无故迟到或早退",
        MisconductKind::ImproperProcedure => "评审时未按评分细则打分，经使用单位复核后更正",
        MisconductKind::FailedToRecuse => "与被评审机构存在合作关系未主动申请回避",
        _ => "经核实的其他不良行为",
    }
}

fn dismissal_note(ground: DismissalGround) -> Option<&'static str> {
    Some(match ground {
        DismissalGround::JobChange => "调任行政管理岗位，不再从事相关专业工作",
        DismissalGround::Health => "本人因健康原因提出，经核实",
        DismissalGround::OwnRequest => "本人书面申请不再担任专家",
        DismissalGround::Penalty => "受到行业主管部门通报处理",
        DismissalGround::AgeLimit => "达到本库年龄上限",
        DismissalGround::FieldObsolete => "所属专业类别已调整移除",
        DismissalGround::ThreeMisconducts => "不良行为记录累计三条",
    })
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub fn days(from: Date, to: Date) -> i64 {
    i64::from((to.0 - from.0).get_days())
}
