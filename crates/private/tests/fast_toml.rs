//! The fast TOML path may decline any file, but whatever it accepts must read exactly as the
//! `toml` crate reads it. Checked on every file of the demo instance (typed and as generic
//! TOML values) and on thousands of randomly damaged copies of them.

use expertpool_private::PrivateRecord;
use expertpool_records::fast_toml;
use expertpool_records::model::*;
use expertpool_records::source::split_front_matter;
use serde::de::DeserializeOwned;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content")
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The TOML of a `.toml` file, or the front matter of a `.md` file.
fn toml_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "md") {
        let (start, body) = split_front_matter(&text).expect("front matter");
        let end = text[..body].trim_end().rfind('\n').unwrap() + 1;
        text[start..end].to_string()
    } else {
        text
    }
}

/// Asserts that the fast path accepts `text` as `T` and reads what `toml` reads.
fn agrees<T: DeserializeOwned + Debug>(text: &str, origin: &str) {
    let fast = fast_toml::from_str::<T>(text);
    let reference = toml::from_str::<T>(text).map_err(|e| e.to_string());
    match (fast, reference) {
        (Some(fast), Ok(reference)) => assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "{origin}"),
        (None, Ok(_)) => panic!("{origin}: the fast path declined a file that toml reads"),
        (Some(fast), Err(e)) => panic!("{origin}: the fast path read {fast:?} where toml says: {e}"),
        (None, Err(e)) => panic!("{origin}: demo file does not parse: {e}"),
    }
}

/// Asserts only the safety property: if the fast path reads `text`, toml reads the same.
fn never_disagrees<T: DeserializeOwned + Debug>(text: &str, origin: &str) -> bool {
    let Some(fast) = fast_toml::from_str::<T>(text) else { return false };
    match toml::from_str::<T>(text) {
        Ok(reference) => {
            assert_eq!(format!("{fast:?}"), format!("{reference:?}"), "{origin}:\n{text}");
            true
        }
        Err(e) => panic!("{origin}: the fast path accepted what toml rejects ({e}):\n{text}"),
    }
}

#[test]
fn every_demo_file_reads_the_same_both_ways() {
    let root = demo();
    let mut count = 0;
    for path in files(&root, "toml").into_iter().chain(files(&root, "md")) {
        let text = toml_of(&path);
        let origin = path.display().to_string();
        agrees::<toml::Value>(&text, &origin);
        let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        match relative.as_str() {
            "site.toml" => agrees::<SiteConfig>(&text, &origin),
            "specialties.toml" => agrees::<SpecialtyFile>(&text, &origin),
            r if r.starts_with("calendar/") => agrees::<CalendarYear>(&text, &origin),
            r if r.starts_with("private/") => agrees::<PrivateRecord>(&text, &origin),
            r if r.ends_with("/pool.toml") => agrees::<PoolPolicy>(&text, &origin),
            r if r.starts_with("pools/") => agrees::<ExpertRecord>(&text, &origin),
            r if r.starts_with("notices/") => agrees::<NoticeMeta>(&text, &origin),
            r if r.starts_with("calls/") => agrees::<CallMeta>(&text, &origin),
            r if r.starts_with("pages/") => agrees::<PageMeta>(&text, &origin),
            other => panic!("no model for {other}"),
        }
        count += 1;
    }
    assert!(count > 700, "expected the whole demo, read {count} files");
}

/// A small deterministic generator, so a failure reproduces.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters that matter to TOML's grammar, plus a CJK one and a control character.
const PIECES: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "#",
    "\n",
    "\\",
    " ",
    "0",
    "9",
    "-",
    ":",
    "T",
    "Z",
    "+",
    "_",
    "e",
    "\"\"\"",
    "'''",
    "\\u00e9",
    "\\x41",
    "\\e",
    "nan",
    "inf",
    "true",
    "1979-05-27",
    "07:32:00",
    "\r\n",
    "\t",
    "\u{0}",
    "张",
    "a.b",
    "[[x]]",
    "{ a = 1 }",
];

fn mutate(text: &str, rng: &mut Xorshift) -> String {
    let mut bytes: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 if at < bytes.len() => {
                bytes.remove(at);
            }
            1 if at < bytes.len() => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at + 1, piece.chars());
            }
            2 => {
                // Repeat a line: duplicate keys and tables are a classic divergence.
                let line_start = bytes[..at].iter().rposition(|&c| c == '\n').map_or(0, |i| i + 1);
                let line_end = bytes[at..].iter().position(|&c| c == '\n').map_or(bytes.len(), |i| at + i + 1);
                let line: Vec<char> = bytes[line_start..line_end].to_vec();
                bytes.splice(line_end..line_end, line);
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())];
                bytes.splice(at..at, piece.chars());
            }
        }
    }
    bytes.into_iter().collect()
}

#[test]
fn damaged_files_never_read_differently() {
    let root = demo();
    let samples: Vec<(PathBuf, String)> =
        ["site.toml", "specialties.toml", "calendar/2026.toml", "pools/zhineng/pool.toml", "pools/gaojineng/pool.toml"]
            .iter()
            .map(|p| root.join(p))
            .chain(files(&root.join("pools/zhineng/experts"), "toml").into_iter().step_by(40))
            .chain(files(&root.join("private/experts"), "toml").into_iter().step_by(40))
            .map(|p| {
                let text = toml_of(&p);
                (p, text)
            })
            .collect();
    let mut rng = Xorshift(0x5eed_2026_1123);
    let (mut accepted, mut total) = (0, 0);
    for round in 0..300 {
        for (path, text) in &samples {
            let damaged = mutate(text, &mut rng);
            let origin = format!("{} (round {round})", path.display());
            let relative = path.strip_prefix(&root).unwrap().to_string_lossy().into_owned();
            let typed = match relative.as_str() {
                "site.toml" => never_disagrees::<SiteConfig>(&damaged, &origin),
                "specialties.toml" => never_disagrees::<SpecialtyFile>(&damaged, &origin),
                r if r.starts_with("calendar/") => never_disagrees::<CalendarYear>(&damaged, &origin),
                r if r.starts_with("private/") => never_disagrees::<PrivateRecord>(&damaged, &origin),
                r if r.ends_with("pool.toml") => never_disagrees::<PoolPolicy>(&damaged, &origin),
                _ => never_disagrees::<ExpertRecord>(&damaged, &origin),
            };
            never_disagrees::<toml::Value>(&damaged, &origin);
            accepted += usize::from(typed);
            total += 1;
        }
    }
    // Many mutations land in strings or comments and leave a valid record: those must have
    // gone through the fast path, or the test would prove nothing.
    assert!(accepted * 10 > total, "only {accepted} of {total} damaged files were read by the fast path");
}
