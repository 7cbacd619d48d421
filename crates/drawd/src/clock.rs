//! Where the service's time comes from: the system clock in production, a settable
//! one in tests (so confidentiality times can pass without waiting).

use std::sync::{Arc, Mutex};

use expertpool_records::Date;
use jiff::Timestamp;
use jiff::tz::{TimeZone, offset};

/// Where the service reads the time: the system clock, or one that tests set by hand.
#[derive(Clone, Debug, Default)]
pub enum Clock {
    /// The operating system's clock.
    #[default]
    System,
    /// A clock that moves only when told to.
    Manual(Arc<Mutex<Timestamp>>),
}

impl Clock {
    /// A manual clock showing `start`.
    pub fn manual(start: Timestamp) -> Clock {
        Clock::Manual(Arc::new(Mutex::new(start)))
    }

    /// The current time.
    pub fn now(&self) -> Timestamp {
        match self {
            Clock::System => Timestamp::now(),
            Clock::Manual(t) => *t.lock().unwrap_or_else(|p| p.into_inner()),
        }
    }

    /// Moves a manual clock forward; the system clock ignores this.
    pub fn advance(&self, secs: i64) {
        if let Clock::Manual(t) = self {
            let mut g = t.lock().unwrap_or_else(|p| p.into_inner());
            *g = g.checked_add(jiff::SignedDuration::from_secs(secs)).unwrap_or(*g);
        }
    }

    /// The protocol's time format, `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn stamp(&self) -> String {
        stamp(self.now())
    }

    /// The civil date in the bureau's zone (UTC+8), for "dates in the past".
    pub fn today(&self) -> Date {
        Date(self.now().to_zoned_datetime(beijing()).date())
    }
}

pub fn beijing() -> TimeZone {
    TimeZone::fixed(offset(8))
}

pub fn stamp(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Midnight (UTC+8) starting the day after `d`: the default confidentiality time,
/// when an event of day `d` is over.
pub fn end_of_day(d: Date) -> Option<String> {
    let next = d.0.checked_add(jiff::Span::new().days(1)).ok()?;
    let z = next.to_zoned_datetime(beijing()).ok()?;
    Some(stamp(z.timestamp()))
}

pub fn parse_stamp(s: &str) -> Option<Timestamp> {
    if !expertpool_draw::encoding::is_timestamp(s) {
        return None;
    }
    s.parse().ok()
}
