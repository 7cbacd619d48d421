//! Allocating new ids after the highest existing one (`ZN-0042` → `ZN-0043`), so imports
//! never reuse an id, even one whose file was deleted out of order.

use std::collections::HashSet;

/// Hands out `<prefix><number>` ids above every id already using `prefix`.
#[derive(Debug, Clone)]
pub(crate) struct IdAllocator {
    prefix: String,
    next: u64,
    width: usize,
    taken: HashSet<String>,
}

impl IdAllocator {
    /// `existing` are all ids in use (any prefix); `prefix` e.g. `ZN-`.
    pub(crate) fn new<'a>(prefix: &str, existing: impl IntoIterator<Item = &'a str>) -> IdAllocator {
        let mut highest = 0;
        let mut width = 4;
        let mut taken = HashSet::new();
        for id in existing {
            taken.insert(id.to_string());
            if let Some(digits) = id.strip_prefix(prefix)
                && let Ok(n) = digits.parse::<u64>()
            {
                highest = highest.max(n);
                width = width.max(digits.len());
            }
        }
        IdAllocator { prefix: prefix.to_string(), next: highest + 1, width, taken }
    }

    pub(crate) fn next_id(&mut self) -> String {
        loop {
            let id = format!("{}{:0width$}", self.prefix, self.next, width = self.width);
            self.next += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

/// The prefix most existing ids share (`ZN-` of `ZN-0001`), or `fallback`.
pub(crate) fn common_prefix<'a>(ids: impl IntoIterator<Item = &'a str>, fallback: &str) -> String {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for id in ids {
        let prefix = id.trim_end_matches(|c: char| c.is_ascii_digit());
        if prefix.len() < id.len() {
            *counts.entry(prefix.to_string()).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(p, _)| p).unwrap_or_else(|| fallback.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continues_after_the_highest() {
        let mut ids = IdAllocator::new("ZN-", ["ZN-0002", "ZN-0010", "GJ-0099"]);
        assert_eq!(ids.next_id(), "ZN-0011");
        assert_eq!(ids.next_id(), "ZN-0012");
        let mut fresh = IdAllocator::new("P-", []);
        assert_eq!(fresh.next_id(), "P-0001");
    }

    #[test]
    fn prefix_is_the_usual_one() {
        assert_eq!(common_prefix(["ZN-0001", "ZN-0002", "X9"], "Q-"), "ZN-");
        assert_eq!(common_prefix([], "Q-"), "Q-");
    }
}
