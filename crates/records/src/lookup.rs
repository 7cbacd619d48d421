//! Finding a pool or a specialty from what a clerk types: its code, or its Chinese name,
//! whole or in part. Clerks know a pool as 职业能力建设专家库, not as its folder name, so
//! every command that takes `--pool` or a specialty code takes either.
//!
//! The order is fixed so that an answer never depends on the order of the candidates:
//! an exact code, then an exact name, then the one name that contains the text. Several
//! such names are an error listing them; no match is an error naming the nearest ones.

use crate::PublicInstance;
use expertpool_i18n::t;
use std::fmt;

/// What is looked up; it chooses the wording of the errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A pool (`pools/<id>/pool.toml`).
    Pool,
    /// A specialty of `specialties.toml`.
    Specialty,
}

/// One thing that can be found: its code and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The code, e.g. `vocational` or `ZZ-03`.
    pub code: String,
    /// The name, e.g. 职业能力建设专家库.
    pub name: String,
}

/// Why nothing (or nothing single) was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// The text is part of several names.
    Ambiguous {
        /// What was looked up.
        kind: Kind,
        /// The text as typed.
        input: String,
        /// Every candidate whose name contains it.
        matches: Vec<Candidate>,
    },
    /// No code or name matches.
    Unknown {
        /// What was looked up.
        kind: Kind,
        /// The text as typed.
        input: String,
        /// The closest candidates by edit distance, nearest first (may be empty).
        nearest: Vec<Candidate>,
        /// Every candidate, for the help when none is near.
        all: Vec<Candidate>,
    },
}

/// How many near candidates an error names: enough to spot a typo, few enough to read.
const NEAREST: usize = 3;

/// The code of the candidate `input` names.
pub fn resolve(kind: Kind, input: &str, candidates: &[Candidate]) -> Result<String, LookupError> {
    let key = input.trim();
    if let Some(c) = candidates.iter().find(|c| c.code == key) {
        return Ok(c.code.clone());
    }
    if let Some(c) = candidates.iter().find(|c| c.name == key) {
        return Ok(c.code.clone());
    }
    let containing: Vec<&Candidate> =
        if key.is_empty() { Vec::new() } else { candidates.iter().filter(|c| c.name.contains(key)).collect() };
    match containing.as_slice() {
        [one] => Ok(one.code.clone()),
        [] => Err(LookupError::Unknown {
            kind,
            input: input.to_owned(),
            nearest: nearest(key, candidates),
            all: candidates.to_vec(),
        }),
        many => Err(LookupError::Ambiguous {
            kind,
            input: input.to_owned(),
            matches: many.iter().map(|c| (*c).clone()).collect(),
        }),
    }
}

/// The candidates whose code or name is within a typo's distance of `key`, nearest first.
fn nearest(key: &str, candidates: &[Candidate]) -> Vec<Candidate> {
    let close = |text: &str| {
        let d = strsim::damerau_levenshtein(key, text);
        (d <= 2.max(text.chars().count() / 3) && d < key.chars().count().max(1)).then_some(d)
    };
    let mut scored: Vec<(usize, &Candidate)> = candidates
        .iter()
        .filter_map(|c| match (close(&c.code), close(&c.name)) {
            (None, None) => None,
            (a, b) => Some((a.unwrap_or(usize::MAX).min(b.unwrap_or(usize::MAX)), c)),
        })
        .collect();
    // Stable: equal distances keep the candidates' own order.
    scored.sort_by_key(|(d, _)| *d);
    scored.into_iter().take(NEAREST).map(|(_, c)| c.clone()).collect()
}

/// The instance's pools as candidates (folder name and full name).
pub fn pools(instance: &PublicInstance) -> Vec<Candidate> {
    instance.pools.iter().map(|p| Candidate { code: p.id().to_owned(), name: p.policy.name.clone() }).collect()
}

/// The instance's specialties as candidates.
pub fn specialties(instance: &PublicInstance) -> Vec<Candidate> {
    instance.specialties.specialties.iter().map(|s| Candidate { code: s.code.clone(), name: s.name.clone() }).collect()
}

/// The id of the pool `input` names (its folder name or its name).
pub fn pool(instance: &PublicInstance, input: &str) -> Result<String, LookupError> {
    resolve(Kind::Pool, input, &pools(instance))
}

/// The code of the specialty `input` names (its code or its name).
pub fn specialty(instance: &PublicInstance, input: &str) -> Result<String, LookupError> {
    resolve(Kind::Specialty, input, &specialties(instance))
}

/// `name (`code`)`, the way each language writes a parenthesis and a list.
fn listed(candidates: &[Candidate]) -> String {
    let (item, separator): (fn(&Candidate) -> String, &str) = match expertpool_i18n::current() {
        expertpool_i18n::Lang::Zh => (|c| format!("{}（`{}`）", c.name, c.code), "；"),
        // In English the Chinese name is a value to copy, so it is quoted like the code.
        expertpool_i18n::Lang::En => (|c| format!("`{}` (`{}`)", c.name, c.code), "; "),
    };
    candidates.iter().map(item).collect::<Vec<_>>().join(separator)
}

impl LookupError {
    /// The sentence naming the problem.
    pub fn message(&self) -> String {
        match self {
            LookupError::Ambiguous { kind: Kind::Pool, input, matches } => {
                t!("lookup-pool-ambiguous", input = input, count = matches.len())
            }
            LookupError::Ambiguous { kind: Kind::Specialty, input, matches } => {
                t!("lookup-specialty-ambiguous", input = input, count = matches.len())
            }
            LookupError::Unknown { kind: Kind::Pool, input, .. } => t!("lookup-pool-unknown", input = input),
            LookupError::Unknown { kind: Kind::Specialty, input, .. } => t!("lookup-specialty-unknown", input = input),
        }
    }

    /// The fix: the names to choose from.
    pub fn help(&self) -> String {
        match self {
            LookupError::Ambiguous { matches, .. } => t!("lookup-help-choose-one", choices = listed(matches)),
            LookupError::Unknown { nearest, .. } if !nearest.is_empty() => {
                t!("lookup-help-did-you-mean", choices = listed(nearest))
            }
            LookupError::Unknown { kind: Kind::Pool, all, .. } => t!("lookup-help-pools", choices = listed(all)),
            LookupError::Unknown { kind: Kind::Specialty, .. } => t!("lookup-help-specialties"),
        }
    }
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  {}", self.message(), t!("lookup-help-line", help = self.help()))
    }
}

impl std::error::Error for LookupError {}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_i18n::{Lang, scoped};

    fn pools() -> Vec<Candidate> {
        [
            ("vocational", "星河市职业能力建设专家库"),
            ("skills", "星河市技能人才评价专家库"),
            ("health", "星河市卫生健康专家库"),
        ]
        .iter()
        .map(|(code, name)| Candidate { code: (*code).into(), name: (*name).into() })
        .collect()
    }

    #[test]
    fn a_code_or_a_whole_name_is_found() {
        assert_eq!(resolve(Kind::Pool, "skills", &pools()).unwrap(), "skills");
        assert_eq!(resolve(Kind::Pool, " skills ", &pools()).unwrap(), "skills");
        assert_eq!(resolve(Kind::Pool, "星河市卫生健康专家库", &pools()).unwrap(), "health");
    }

    #[test]
    fn a_unique_part_of_a_name_is_found() {
        assert_eq!(resolve(Kind::Pool, "职业能力建设", &pools()).unwrap(), "vocational");
        assert_eq!(resolve(Kind::Pool, "卫生", &pools()).unwrap(), "health");
    }

    #[test]
    fn a_part_of_several_names_lists_them() {
        let err = resolve(Kind::Pool, "星河市", &pools()).unwrap_err();
        let LookupError::Ambiguous { matches, .. } = &err else { panic!("{err:?}") };
        assert_eq!(matches.len(), 3);
        let text = scoped(Lang::Zh, || err.to_string());
        assert!(text.contains("星河市技能人才评价专家库（`skills`）"), "{text}");
        assert!(text.contains("3"), "{text}");
        let text = scoped(Lang::En, || err.to_string());
        assert!(text.contains("3 pools"), "{text}");
    }

    #[test]
    fn a_typo_names_the_nearest() {
        let err = resolve(Kind::Pool, "skils", &pools()).unwrap_err();
        let LookupError::Unknown { nearest, .. } = &err else { panic!("{err:?}") };
        assert_eq!(nearest[0].code, "skills");
        let text = scoped(Lang::En, || err.to_string());
        assert!(text.contains("Did you mean") && text.contains("`skills`"), "{text}");
        // A misspelt Chinese name is near the right one too.
        let err = resolve(Kind::Pool, "星河市卫生建康专家库", &pools()).unwrap_err();
        let LookupError::Unknown { nearest, .. } = &err else { panic!("{err:?}") };
        assert_eq!(nearest[0].code, "health");
    }

    #[test]
    fn nothing_near_lists_every_pool() {
        let err = resolve(Kind::Pool, "xyzzy", &pools()).unwrap_err();
        let LookupError::Unknown { nearest, .. } = &err else { panic!("{err:?}") };
        assert!(nearest.is_empty());
        let text = scoped(Lang::Zh, || err.to_string());
        assert!(text.contains("`xyzzy`") && text.contains("`vocational`") && text.contains("`health`"), "{text}");
        assert!(!text.contains('⟦'), "{text}");
    }

    #[test]
    fn empty_input_matches_nothing() {
        assert!(matches!(resolve(Kind::Specialty, "", &pools()), Err(LookupError::Unknown { .. })));
    }

    #[test]
    fn a_code_wins_over_a_name_containing_it() {
        let candidates = vec![
            Candidate { code: "电工".into(), name: "电工电子".into() },
            Candidate { code: "ZZ-02".into(), name: "电工".into() },
        ];
        assert_eq!(resolve(Kind::Specialty, "电工", &candidates).unwrap(), "电工");
    }
}
