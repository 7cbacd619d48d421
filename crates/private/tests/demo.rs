//! The demo instance in content/ is clean, and shows every state the records can be in.

use expertpool_private::load_private;
use expertpool_private::validate;
use expertpool_records::calendar::{Period, Phase};
use expertpool_records::diagnostic::Severity;
use expertpool_records::load::load_public;
use expertpool_records::model::*;
use expertpool_records::status::{Status, status_on};
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

fn content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn today() -> Date {
    Date::ymd(2026, 11, 23)
}

#[test]
fn demo_instance_has_no_error_and_no_warning() {
    let public = load_public(&content());
    let private = load_private(&content());
    let mut diagnostics = public.diagnostics;
    diagnostics.extend(private.diagnostics);
    let instance = public.value.expect("site.toml and specialties.toml load");
    diagnostics.extend(validate(&instance, private.value.as_ref(), today()));
    let problems: Vec<String> =
        diagnostics.iter().filter(|d| d.severity != Severity::Note).map(|d| d.render()).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let experts: usize = instance.pools.iter().map(|p| p.experts.len()).sum();
    assert!(experts >= 300, "only {experts} experts");
}

#[test]
fn demo_instance_shows_every_state() {
    let instance = load_public(&content()).value.unwrap();
    let private = load_private(&content()).value.unwrap();
    let ids: Vec<&str> = instance.pools.iter().map(|p| p.id()).collect();
    assert_eq!(ids, ["gaojineng", "zhineng"]);

    let mut statuses = BTreeSet::new();
    let mut kinds = BTreeSet::new();
    let mut stages = BTreeSet::new();
    let mut grounds = BTreeSet::new();
    let mut channels = BTreeSet::new();
    let mut per_person: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    let (mut misconduct, mut evaluated, mut confirmed) = (0, 0, 0);
    for (pool, e) in instance.experts() {
        statuses.insert(status_on(e, today()));
        kinds.insert(e.employer_kind);
        stages.extend(e.stages.iter().map(|s| s.stage));
        grounds.extend(e.dismissal.as_ref().map(|d| d.ground));
        channels.insert(e.admission.channel);
        per_person.entry(e.person.as_str()).or_default().insert(pool.id());
        misconduct += usize::from(!e.misconduct.is_empty());
        evaluated += usize::from(!e.evaluations.is_empty());
        confirmed += usize::from(!e.confirmations.is_empty());
    }
    for status in Status::ALL {
        // 已出库 and 已解聘 and every other status appear at least once.
        assert!(statuses.contains(&status), "no expert is {}", status.label());
    }
    assert_eq!(kinds.len(), EmployerKind::ALL.len(), "{kinds:?}");
    assert_eq!(stages.len(), Stage::ALL.len(), "{stages:?}");
    assert_eq!(grounds.len(), DismissalGround::ALL.len(), "{grounds:?}");
    assert_eq!(channels.len(), Channel::ALL.len(), "{channels:?}");
    assert!(misconduct > 0 && evaluated > 0 && confirmed > 0);
    let shared: Vec<_> = per_person.iter().filter(|(_, pools)| pools.len() == 2).collect();
    assert!(!shared.is_empty(), "no person serves in both pools");
    for (person, _) in shared {
        assert!(private.person(person).is_some());
    }
}

#[test]
fn demo_instance_has_an_open_and_an_ended_notice_and_call() {
    let instance = load_public(&content()).value.unwrap();
    let phases: Vec<(Phase, Date)> = instance
        .notices
        .iter()
        .map(|n| {
            let pool = instance.pool(&n.meta.pool).unwrap();
            let period =
                Period::compute(&instance.calendar, n.meta.start, pool.policy.publicity.working_days, true).unwrap();
            (period.phase(today()), n.meta.start)
        })
        .collect();
    assert!(phases.iter().any(|(p, _)| *p == Phase::Open));
    assert!(phases.iter().any(|(p, start)| *p == Phase::Ended && start.year() == 2026));
    assert!(instance.calls.iter().any(|c| c.meta.deadline > today()));
    assert!(instance.calls.iter().any(|c| c.meta.deadline < today()));
    assert!(!instance.pages.is_empty());
}
