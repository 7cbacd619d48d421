//! Failed console logins, counted per account and per client address in fixed windows.
//! Past either limit every login for that account (or from that address) is refused until
//! the window ends, the right password included: otherwise a guesser would still learn
//! when a guess was right.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// Failed logins allowed per account within [`WINDOW_SECS`].
pub const PER_ACCOUNT: u32 = 5;
/// Failed logins allowed per client address within [`WINDOW_SECS`] (several clerks may share
/// an office's address, so more than per account).
pub const PER_ADDRESS: u32 = 20;
/// The window, in seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Keys tracked at once; past that, expired windows are dropped first.
const TRACKED: usize = 10_000;

#[derive(Debug, Clone, Copy)]
struct Window {
    start: i64,
    failures: u32,
}

/// What a failure is counted against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Address(Option<IpAddr>),
}

/// The two counts.
#[derive(Default)]
pub struct LoginThrottle {
    windows: Mutex<HashMap<Key, Window>>,
}

impl LoginThrottle {
    /// Seconds to wait before `account` may try again from `ip`, if either is over its limit.
    pub fn blocked(&self, account: &str, ip: Option<IpAddr>, now: i64) -> Option<i64> {
        let m = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let wait = |k: Key, limit: u32| {
            m.get(&k)
                .and_then(|w| (now < w.start + WINDOW_SECS && w.failures >= limit).then(|| w.start + WINDOW_SECS - now))
        };
        let a = wait(Key::Account(account.to_owned()), PER_ACCOUNT);
        let b = wait(Key::Address(ip), PER_ADDRESS);
        a.max(b)
    }

    /// Counts a failed login.
    pub fn failed(&self, account: &str, ip: Option<IpAddr>, now: i64) {
        let mut m = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if m.len() >= TRACKED {
            m.retain(|_, w| now < w.start + WINDOW_SECS);
        }
        for k in [Key::Account(account.to_owned()), Key::Address(ip)] {
            let w = m.entry(k).or_insert(Window { start: now, failures: 0 });
            if now >= w.start + WINDOW_SECS {
                *w = Window { start: now, failures: 0 };
            }
            w.failures = w.failures.saturating_add(1);
        }
    }

    /// A successful login clears its account's count (not the address's).
    pub fn succeeded(&self, account: &str) {
        self.windows.lock().unwrap_or_else(|p| p.into_inner()).remove(&Key::Account(account.to_owned()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_account_and_per_address() {
        let t = LoginThrottle::default();
        let ip: Option<IpAddr> = Some("10.0.0.1".parse().unwrap());
        for _ in 0..PER_ACCOUNT {
            assert!(t.blocked("wang", ip, 0).is_none());
            t.failed("wang", ip, 0);
        }
        assert_eq!(t.blocked("wang", ip, 10), Some(WINDOW_SECS - 10));
        assert!(t.blocked("wang", Some("10.0.0.2".parse().unwrap()), 10).is_some(), "the account, from anywhere");
        assert!(t.blocked("li", ip, 10).is_none(), "another account from the same address");
        assert!(t.blocked("wang", ip, WINDOW_SECS).is_none(), "the window ends");
        for i in 0..PER_ADDRESS {
            t.failed(&format!("guess{i}"), ip, 0);
        }
        assert!(t.blocked("li", ip, 1).is_some(), "the address is over its limit");
    }
}
