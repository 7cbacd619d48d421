//! Withdrawal and attendance (spec §10.9) as the service's log writes them and as the
//! journal verifier (which closes revealed draws) checks them.

mod common;

use common::*;
use expertpool_draw::*;

#[test]
fn the_log_refuses_what_the_spec_forbids_naming_the_rule() {
    let b = full_log_v2();
    let mut l = b.log;
    let at = Stamp::new("2023-09-23T00:00:00Z", "staff-li");
    let len = l.len();
    // A v1 draw has no withdrawal or attendance.
    assert_eq!(
        l.attend(at, "2023-0001", 0, Attendance::Present, None).unwrap_err(),
        LogError::NotV2("2023-0001".into())
    );
    // Position 1 declined; position 2 withdrew already.
    assert_eq!(l.attend(at, "2023-0002", 1, Attendance::Present, None).unwrap_err(), LogError::NotAccepted(1));
    assert_eq!(l.attend(at, "2023-0002", 2, Attendance::Absent, None).unwrap_err(), LogError::NotAccepted(2));
    // Revealed: no more withdrawals (the reveal's names would miss the replacement).
    assert_eq!(l.withdraw(at, "2023-0002", 3, "临时有事").unwrap_err(), LogError::AlreadyRevealed("2023-0002".into()));
    // Attendance once per position; present takes no reason.
    assert_eq!(l.attend(at, "2023-0002", 0, Attendance::Late, None).unwrap_err(), LogError::AlreadyAttended(0));
    // A cancelled draw and a directed selection take neither.
    assert_eq!(
        l.attend(at, "2023-0003", 0, Attendance::Present, None).unwrap_err(),
        LogError::Cancelled("2023-0003".into())
    );
    assert_eq!(
        l.attend(at, "2023-0005", 0, Attendance::Present, None).unwrap_err(),
        LogError::Directed("2023-0005".into())
    );
    // A response cannot say withdrawn.
    assert!(l.respond(at, "2023-0002", 9, Outcome::Withdrawn, None).is_err());
    assert_eq!(l.len(), len, "nothing refused was written");
}

#[test]
fn a_withdrawal_opens_the_seat_and_the_withdrawn_expert_is_not_drawn() {
    let l = full_log_v2().log;
    let st = l.draw("2023-0002").unwrap();
    assert_eq!(st.outcomes.get(&2), Some(&Outcome::Withdrawn));
    assert_eq!(st.accepted(), 2, "positions 0 and 3 serve");
    assert_eq!(st.attendance.get(&3), Some(&Attendance::Late));
    let order = l.order_of("2023-0002").unwrap();
    let drawn: Vec<Vec<String>> = l.pause_history("jineng").unwrap();
    assert!(drawn.iter().any(|d| d.contains(&order[3])), "the replacement is drawn");
    assert!(!drawn.iter().any(|d| d.contains(&order[2])), "the withdrawn expert is not: {drawn:?}");
}

#[test]
fn the_journal_verifier_takes_attendance_after_it_closed_the_draw() {
    let l = full_log_v2().log;
    let mut v = Verifier::journal();
    for e in l.entries() {
        let plain: LogEntry<String> = serde_json::from_value(serde_json::to_value(&**e).unwrap()).unwrap();
        let (report, _) = v.check_entry(&plain);
        let failed: Vec<_> = report.checks.iter().filter(|c| c.status == Status::Fail).collect();
        assert!(failed.is_empty(), "entry {} ({}): {failed:?}", e.seq, e.kind);
    }
    // A second attendance of a closed draw's position fails there too.
    let last = l.entries().last().unwrap();
    let mut again: LogEntry<String> = serde_json::from_value(serde_json::to_value(&**last).unwrap()).unwrap();
    again.seq += 1;
    again.prev = expertpool_draw::encoding::to_hex(&l.head_hash());
    let (report, _) = v.check_entry(&again);
    assert!(report.checks.iter().any(|c| c.name == "attendance" && c.status == Status::Fail), "{:?}", report.checks);
}
