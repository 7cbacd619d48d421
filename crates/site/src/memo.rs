//! A small process-wide memo for pure, costly string functions (Markdown sanitising, QR
//! codes), keyed by the full input text so a hit is always exact. Bounded: it is cleared
//! when it grows past a limit, so a long `serve` session cannot grow without end.

use std::collections::HashMap;
use std::sync::Mutex;

const LIMIT: usize = 4096;

pub(crate) struct Memo(Mutex<Option<HashMap<String, Option<String>>>>);

impl Memo {
    pub(crate) const fn new() -> Memo {
        Memo(Mutex::new(None))
    }

    pub(crate) fn get_or_insert(&self, key: &str, make: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(hit) = self.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().and_then(|m| m.get(key)) {
            return hit.clone();
        }
        let value = make();
        let mut guard = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let map = guard.get_or_insert_with(HashMap::new);
        if map.len() >= LIMIT {
            map.clear();
        }
        map.insert(key.to_string(), value.clone());
        value
    }
}
