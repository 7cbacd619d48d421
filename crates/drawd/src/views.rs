//! What each reader may see of a draw. The public view is built only from the public
//! log entries (bodies), plus the request's non-confidential fields; names, the order,
//! the secret and the sets appear only once the draw is revealed. Staff views add the
//! called experts; auditors and admins also get the sealed payloads, but only once the
//! run entry is in the log: before it, the secret and the eligible set would let anyone
//! who reads them compute the order (and abandon a draw whose order they dislike), so no
//! role at all sees them (spec §5.4).

use expertpool_draw::{Body, Kind, LogEntry};
use serde_json::{Value, json};

use crate::config::Role;
use crate::directory::Directory;
use crate::service::Shared;

/// Who is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Public,
    Staff(Role),
}

impl Access {
    fn sees_names(self) -> bool {
        matches!(self, Access::Staff(_))
    }
    /// Whether this role may read sealed payloads of a draw that has been run (or of a
    /// directed selection, which has no order to protect). Before the run nobody may.
    fn sees_sealed_after_run(self) -> bool {
        matches!(self, Access::Staff(Role::Auditor | Role::Admin))
    }
}

/// A log entry as the public may read it: the payload only once its draw is revealed.
pub fn public_entry(sh: &Shared, e: &LogEntry) -> Value {
    let mut v = json!({
        "seq": e.seq, "prev": e.prev, "time": e.time, "actor": e.actor,
        "kind": e.kind, "draw": e.draw, "body": e.body,
    });
    if let Some(s) = &e.sealed {
        v["sealed"] = json!(s);
        if let Some(p) = &e.payload
            && sh.log.draw(&e.draw).is_some_and(|s| s.revealed)
        {
            v["payload"] = p.clone();
        }
    }
    v
}

fn status(sh: &Shared, id: &str) -> (&'static str, Option<&'static str>) {
    let Some(st) = sh.log.draw(id) else { return ("unknown", None) };
    if st.directed {
        return ("directed", None);
    }
    if st.cancelled {
        return (
            "cancelled",
            Some("this draw was cancelled (see its cancel entry); a new draw for the same request names it in redo_of"),
        );
    }
    if !st.run {
        return ("committed", None);
    }
    if st.accepted() >= st.count {
        return ("complete", None);
    }
    if st.pending() > 0 {
        return ("calling", None);
    }
    (
        "exhausted",
        Some(
            "every eligible expert has been called and too few accepted: the unit may invite experts specially (art. 9) and draw again",
        ),
    )
}

/// One draw, for `access`.
pub fn draw_view(sh: &Shared, dir: &Directory, id: &str, access: Access) -> Option<Value> {
    let meta = sh.meta(id)?;
    let st = sh.log.draw(id)?;
    // Open draws' entries are in memory; closed ones' are read back from the journal.
    let entries: Vec<std::sync::Arc<LogEntry>> = meta.seqs.iter().filter_map(|s| sh.entry(*s).ok()).collect();
    let first = entries.first()?;
    let order = if meta.directed || !(st.revealed || access.sees_names()) { None } else { sh.order(id) };
    let (status, message) = status(sh, id);
    let mut v = json!({
        "id": id,
        "kind": if meta.directed { "directed" } else { "random" },
        "pool": meta.pool,
        "status": status,
        "revealed": st.revealed,
        "reveal_after": meta.reveal_after,
        "entries": entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
    });
    if let Some(m) = message {
        v["message"] = json!(m);
    }
    let payload = first.payload.as_ref();
    if meta.directed {
        v["directed"] = first.body.clone();
    } else {
        v["commitment"] = first.body.clone();
        // The request without its recusal lists: those may name people and units
        // under review, which is nobody else's business before the event.
        if let Some(r) = payload.and_then(|p| p.get("request")) {
            v["request"] = json!({
                "purpose": r["purpose"], "specialty": r["specialty"], "min_level": r["min_level"],
                "count": r["count"], "event_date": r["event_date"],
            });
        }
        if let Some(run) = entries.iter().find(|e| e.kind == Kind::Run) {
            v["run"] = run.body.clone();
            let short = match run.typed() {
                Ok(Body::Run(b)) => b.shortfall,
                _ => 0,
            };
            if short > 0 && v.get("message").is_none() {
                v["message"] = json!(format!(
                    "too few eligible experts: {short} short of the {} asked for; once these answer, the unit may invite experts specially (art. 9) and draw again",
                    st.count
                ));
            }
        }
        let answers: Vec<_> = entries
            .iter()
            .filter_map(|e| match e.typed() {
                Ok(Body::Response(b)) => Some(b),
                _ => None,
            })
            .collect();
        let positions: Vec<Value> = st
            .called
            .iter()
            .map(|p| {
                let resp = answers.iter().find(|b| b.position == *p);
                json!({
                    "position": p,
                    "outcome": resp.map(|b| b.outcome.code()),
                    "reason": resp.and_then(|b| b.reason.as_deref()),
                })
            })
            .collect();
        let count = |o: &str| positions.iter().filter(|p| p["outcome"] == json!(o)).count();
        v["counts"] = json!({
            "wanted": st.count, "eligible": st.eligible_count, "called": st.called.len(),
            "accepted": count("accepted"), "declined": count("declined"), "recused": count("recused"),
            "no_answer": count("no_answer"), "awaiting": st.pending(),
        });
        v["positions"] = Value::Array(positions);
    }
    let names_visible = st.revealed || access.sees_names();
    if names_visible {
        let pool = dir.pools.get(&meta.pool);
        let name_of =
            |x: &str| pool.and_then(|p| p.expert(x)).map(|e| e.public.name.clone()).unwrap_or_else(|| x.to_owned());
        if meta.directed {
            let experts: Vec<Value> = payload
                .and_then(|p| p["experts"].as_array())
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|x| json!({"id": x, "name": name_of(x)}))
                .collect();
            v["experts"] = Value::Array(experts);
        } else if let Some(ord) = &order
            && let Some(ps) = v["positions"].as_array_mut()
        {
            for p in ps {
                let pos = p["position"].as_u64().unwrap_or(u64::MAX) as usize;
                if let Some(x) = ord.get(pos) {
                    p["expert"] = json!(x);
                    p["name"] = json!(name_of(x));
                }
            }
        }
    }
    // The order is fixed by the run entry: until it is written, the secret and the sets
    // stay sealed from every role, auditors and admins included.
    let order_fixed = st.run || st.directed;
    if st.revealed || (order_fixed && access.sees_sealed_after_run()) {
        let sealed: Vec<Value> =
            entries.iter().filter_map(|e| e.payload.clone().map(|p| json!({"seq": e.seq, "payload": p}))).collect();
        v["sealed"] = Value::Array(sealed);
        if !meta.directed
            && let Some(ord) = &order
        {
            v["order"] = json!(ord);
        }
    }
    Some(v)
}

/// The public list of draws, newest last.
pub fn draw_list(sh: &Shared) -> Value {
    let list: Vec<Value> = sh
        .draws
        .iter()
        .map(|m| {
            json!({
                "id": m.id, "kind": if m.directed { "directed" } else { "random" }, "pool": m.pool,
                "status": status(sh, &m.id).0, "revealed": sh.log.draw(&m.id).is_some_and(|s| s.revealed),
                "reveal_after": m.reveal_after, "seq": m.seq,
            })
        })
        .collect();
    json!({ "draws": list })
}
