//! Console sessions: a random token in an HttpOnly, SameSite=Strict cookie, held here only
//! as its SHA-256 (a memory dump does not hand out live sessions), ended by logout or after
//! [`IDLE_SECS`] without a request. Each session has its own CSRF token, which every form
//! carries and every post must return.

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::config::Role;
use crate::error::ApiError;

/// A session ends after this many seconds without a request.
pub const IDLE_SECS: i64 = 30 * 60;
/// The session cookie.
pub const COOKIE: &str = "ep_staff";
/// The cookie of the login form's CSRF token (there is no session yet to hold it).
pub const LOGIN_COOKIE: &str = "ep_login";

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Session {
    /// Staff id: the actor of every entry this session causes.
    pub staff: String,
    /// What they may do.
    pub role: Role,
    /// The token every form of this session carries.
    pub csrf: String,
    last_seen: i64,
}

impl Session {
    /// Whether this member may record changes of a draw (create, run, answer).
    pub fn operates(&self) -> bool {
        matches!(self.role, Role::Operator | Role::Admin)
    }
    /// Whether the form's token is this session's.
    pub fn csrf_ok(&self, given: &str) -> bool {
        bool::from(self.csrf.as_bytes().ct_eq(given.as_bytes()))
    }
}

/// Live sessions by token hash.
#[derive(Default)]
pub struct Sessions {
    live: Mutex<HashMap<[u8; 32], Session>>,
}

fn key(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// 32 random bytes as hex.
pub fn random_token() -> Result<String, ApiError> {
    Ok(hex::encode(crate::service::random32()?))
}

impl Sessions {
    /// Starts a session for `staff`; returns the cookie token.
    pub fn start(&self, staff: &str, role: Role, now: i64) -> Result<String, ApiError> {
        let token = random_token()?;
        let s = Session { staff: staff.to_owned(), role, csrf: random_token()?, last_seen: now };
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        // Expired sessions are dropped whenever one starts, so the map cannot grow without end.
        live.retain(|_, s| now - s.last_seen <= IDLE_SECS);
        live.insert(key(&token), s);
        Ok(token)
    }

    /// The session of `token`, its idle time reset; `None` (and the session gone) once it
    /// has been idle too long.
    pub fn touch(&self, token: &str, now: i64) -> Option<Session> {
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let k = key(token);
        let s = live.get_mut(&k)?;
        if now - s.last_seen > IDLE_SECS {
            live.remove(&k);
            return None;
        }
        s.last_seen = now;
        Some(s.clone())
    }

    /// Ends the session of `token`.
    pub fn end(&self, token: &str) {
        self.live.lock().unwrap_or_else(|p| p.into_inner()).remove(&key(token));
    }
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').map(str::trim).find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// A `Set-Cookie` value for the console's paths.
pub fn set_cookie(name: &str, value: &str, secure: bool, clear: bool) -> String {
    let mut c = format!("{name}={value}; Path=/staff; HttpOnly; SameSite=Strict");
    if secure {
        c.push_str("; Secure");
    }
    if clear {
        c.push_str("; Max-Age=0");
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_expire_after_idle_time_and_end_on_logout() {
        let s = Sessions::default();
        let t = s.start("wang", Role::Operator, 1000).unwrap();
        assert_eq!(s.touch(&t, 1000 + IDLE_SECS).unwrap().staff, "wang", "just in time, and reset");
        assert!(s.touch(&t, 1000 + 2 * IDLE_SECS).is_some());
        assert!(s.touch(&t, 1000 + 3 * IDLE_SECS + 1).is_none(), "idle too long");
        assert!(s.touch(&t, 1000 + 3 * IDLE_SECS + 2).is_none(), "and gone");
        let t = s.start("wang", Role::Operator, 0).unwrap();
        s.end(&t);
        assert!(s.touch(&t, 1).is_none());
        assert!(s.touch("forged", 1).is_none());
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        assert_eq!(cookie("a=1; ep_staff=xyz; ep_staffx=2", COOKIE), Some("xyz"));
        assert_eq!(cookie("ep_staffx=2", COOKIE), None);
        assert!(set_cookie(COOKIE, "v", true, false).ends_with("SameSite=Strict; Secure"));
    }
}
