//! Who a validated request may draw: the pool's prepared candidates against the request and
//! the pool's pause history in a log. One function, so that the console's preview (against
//! the acknowledged log, writing nothing) and the writer's commit (against its staging log)
//! cannot disagree about the rule.

use expertpool_draw::{Eligibility, Log, LogError, eligibility_prepared};

use crate::request::NewDraw;

/// The eligible and excluded experts of `draw` if it were committed to `log` now.
pub(crate) fn eligibility_of(log: &Log, draw: &NewDraw) -> Result<Eligibility, LogError> {
    // Without the pause rule the history is not needed: skip recomputing orders.
    let history = if draw.request.rules.pause { log.recent_pause_history(&draw.request.pool, 2)? } else { vec![] };
    Ok(eligibility_prepared(&draw.candidates.0, &draw.request, &history))
}
