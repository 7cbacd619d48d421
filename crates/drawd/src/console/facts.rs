//! One draw as the console's pages need it, read from the acknowledged log: the request,
//! the commitment, and the calls in calling order with answers and their times. Built from
//! the staff view of [`crate::views`] (so status and counts are the API's own) plus the
//! entries' times. Never the eligible set, the full order or the secret: only the positions
//! the draw has called, which exist only after its run.

use std::collections::BTreeMap;

use expertpool_draw::{Body, Outcome};
use serde_json::Value;

use super::details::DrawDetails;
use super::{Console, labels, names};
use crate::config::Role;
use crate::views::{self, Access};

/// One called expert, in calling order.
#[derive(Debug, Clone)]
pub struct Call {
    /// Position in the order (0-based).
    pub position: u64,
    /// Public id and name.
    pub expert: String,
    pub name: String,
    /// Employer and phones from the records (phones from the private half).
    pub employer: String,
    pub mobile: Option<String>,
    pub office: Option<String>,
    /// When the service called them.
    pub called_at: String,
    /// The answer, its reason, when and by whom it was recorded.
    pub outcome: Option<Outcome>,
    pub reason: Option<String>,
    pub answered_at: Option<String>,
    pub answered_by: Option<String>,
}

impl Call {
    /// The answer as the sheet and the record show it.
    pub fn answer_label(&self) -> String {
        match (self.outcome, &self.reason) {
            (None, _) => "待答复".to_owned(),
            (Some(Outcome::Recused), Some(r)) => format!("回避（{}）", labels::recusal_reason(r)),
            (Some(o), Some(r)) => format!("{}（{r}）", labels::outcome(o)),
            (Some(o), None) => labels::outcome(o).to_owned(),
        }
    }
}

/// A draw for the console.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub id: String,
    pub pool_name: String,
    pub directed: bool,
    pub status: String,
    pub message: Option<String>,
    pub run: bool,
    pub revealed: bool,
    pub reveal_after: String,
    /// The request's public fields (`purpose`, `specialty`, `min_level`, `count`, `event_date`).
    pub request: Value,
    /// The commit (or directed) entry's body.
    pub commitment: Value,
    pub commit_seq: u64,
    pub committed_at: String,
    pub committed_by: String,
    /// The run entry's body and time.
    pub run_body: Option<Value>,
    pub run_at: Option<String>,
    pub wanted: u64,
    pub eligible: u64,
    pub accepted: u64,
    pub awaiting: u64,
    pub calls: Vec<Call>,
    /// The public reason of a cancelled draw.
    pub cancelled: Option<String>,
    /// The console's details of the request, when it was made here.
    pub details: Option<DrawDetails>,
    pub specialty: String,
}

/// The draw `id`, or `None` if there is none.
pub fn load(c: &Console, id: &str) -> Option<Facts> {
    let dir = c.service.cached_directory();
    let sh = c.service.shared.read().unwrap_or_else(|p| p.into_inner());
    // Names but not sealed data: the view an operator's token gets.
    let v = views::draw_view(&sh, &dir, id, Access::Staff(Role::Operator))?;
    let meta = sh.meta(id)?.clone();
    let entries: Vec<_> = meta.seqs.iter().filter_map(|s| sh.entry(*s).ok()).collect();
    drop(sh);
    let first = entries.first()?;
    let mut called_at: BTreeMap<u64, String> = BTreeMap::new();
    let mut answered: BTreeMap<u64, (String, String)> = BTreeMap::new();
    let mut run_body = None;
    let mut run_at = None;
    let mut cancelled = None;
    for e in &entries {
        match e.typed() {
            Ok(Body::Cancel(b)) => cancelled = Some(b.reason),
            Ok(Body::Run(b)) => {
                run_body = Some(e.body.clone());
                run_at = Some(e.time.clone());
                for p in b.called {
                    called_at.entry(p).or_insert_with(|| e.time.clone());
                }
            }
            Ok(Body::Call(b)) => {
                for p in b.positions {
                    called_at.entry(p).or_insert_with(|| e.time.clone());
                }
            }
            Ok(Body::Response(b)) => {
                answered.insert(b.position, (e.time.clone(), e.actor.clone()));
            }
            _ => {}
        }
    }
    let pool = dir.pools.get(&meta.pool);
    let person = |x: &str| pool.and_then(|p| p.expert(x));
    let mut calls = Vec::new();
    if meta.directed {
        for x in v["experts"].as_array().into_iter().flatten() {
            let id = x["id"].as_str().unwrap_or_default();
            let e = person(id);
            calls.push(Call {
                position: calls.len() as u64,
                expert: id.to_owned(),
                name: x["name"].as_str().unwrap_or(id).to_owned(),
                employer: e.map(|e| e.public.employer.clone()).unwrap_or_default(),
                mobile: e.and_then(|e| e.private.as_ref()).map(|p| p.mobile.clone()),
                office: e.and_then(|e| e.private.as_ref()).and_then(|p| p.office_phone.clone()),
                called_at: first.time.clone(),
                outcome: None,
                reason: None,
                answered_at: None,
                answered_by: None,
            });
        }
    } else {
        let mut positions: Vec<&Value> = v["positions"].as_array().map(|a| a.iter().collect()).unwrap_or_default();
        // Calling order: the order the service called them in, which is the order of the
        // log (a replacement is called after the answer that needed it).
        positions.sort_by_key(|p| {
            let pos = p["position"].as_u64().unwrap_or(u64::MAX);
            (called_at.get(&pos).cloned().unwrap_or_default(), pos)
        });
        for p in positions {
            let pos = p["position"].as_u64().unwrap_or(u64::MAX);
            let id = p["expert"].as_str().unwrap_or_default();
            let e = person(id);
            let (at, by) = answered.get(&pos).cloned().unzip();
            calls.push(Call {
                position: pos,
                expert: id.to_owned(),
                name: p["name"].as_str().unwrap_or(id).to_owned(),
                employer: e.map(|e| e.public.employer.clone()).unwrap_or_default(),
                mobile: e.and_then(|e| e.private.as_ref()).map(|p| p.mobile.clone()),
                office: e.and_then(|e| e.private.as_ref()).and_then(|p| p.office_phone.clone()),
                called_at: called_at.get(&pos).cloned().unwrap_or_default(),
                outcome: p["outcome"].as_str().and_then(Outcome::from_code),
                reason: p["reason"].as_str().map(str::to_owned),
                answered_at: at,
                answered_by: by,
            });
        }
    }
    let counts = &v["counts"];
    let request = v.get("request").cloned().unwrap_or(Value::Null);
    let specialty = request["specialty"].as_str().map(|s| names::specialty_name(&dir, s)).unwrap_or_default();
    let details = c.details.find(|d| d.draw == id).pop();
    Some(Facts {
        id: id.to_owned(),
        pool_name: names::pool_name(&dir, &meta.pool),
        directed: meta.directed,
        status: v["status"].as_str().unwrap_or_default().to_owned(),
        message: v["message"].as_str().map(str::to_owned),
        run: run_body.is_some(),
        revealed: v["revealed"].as_bool().unwrap_or(false),
        reveal_after: meta.reveal_after.clone(),
        commitment: if meta.directed { v["directed"].clone() } else { v["commitment"].clone() },
        request,
        commit_seq: first.seq,
        committed_at: first.time.clone(),
        committed_by: first.actor.clone(),
        run_body,
        run_at,
        wanted: counts["wanted"].as_u64().unwrap_or(calls.len() as u64),
        eligible: counts["eligible"].as_u64().unwrap_or(0),
        accepted: if meta.directed { calls.len() as u64 } else { counts["accepted"].as_u64().unwrap_or(0) },
        awaiting: counts["awaiting"].as_u64().unwrap_or(0),
        calls,
        cancelled,
        details,
        specialty,
    })
}
