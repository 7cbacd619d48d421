//! The mutations of the stable fuzzer: byte-level edits, splices between corpus entries,
//! tokens of the target's dictionary, and numbers replaced by boundary values (dates in
//! year 9999, 2^53, negative counts), which is where parsers of records tend to break.

/// A small, seedable generator (SplitMix64): the same seed gives the same run, so a
/// failure seen in CI can be replayed with `EXPERTPOOL_FUZZ_SEED`.
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }
}

/// Numbers that make date and count arithmetic overflow or leave its range.
const BOUNDARY_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "29",
    "31",
    "32",
    "99",
    "255",
    "9999",
    "10000",
    "-9999",
    "32767",
    "32768",
    "65536",
    "2147483648",
    "4294967296",
    "9007199254740992",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "99999999999999999999",
    "1e400",
];

/// Applies one to four random mutations to `input`, using `others` for splices and
/// `dictionary` for inserted tokens; the result is at most `max_len` bytes.
pub fn mutate(input: &[u8], others: &[Vec<u8>], dictionary: &[Vec<u8>], max_len: usize, rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        mutate_once(&mut out, others, dictionary, rng);
    }
    out.truncate(max_len);
    out
}

fn mutate_once(out: &mut Vec<u8>, others: &[Vec<u8>], dictionary: &[Vec<u8>], rng: &mut Rng) {
    let len = out.len();
    match rng.below(10) {
        0 if len > 0 => {
            let i = rng.below(len);
            out[i] ^= 1 << rng.below(8);
        }
        1 if len > 0 => {
            let i = rng.below(len);
            out[i] = [0, 0x7f, 0x80, 0xff, b'"', b'\n', b'=', b'[', b']', b'{', b'}', b',', b'\\'][rng.below(13)];
        }
        2 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(16.min(len - start))).min(len);
            out.drain(start..end);
        }
        3 if len > 0 => {
            let start = rng.below(len);
            let end = (start + 1 + rng.below(64.min(len - start))).min(len);
            let chunk = out[start..end].to_vec();
            let at = rng.below(len + 1);
            out.splice(at..at, chunk);
        }
        4 | 5 if !dictionary.is_empty() => {
            let token = &dictionary[rng.below(dictionary.len())];
            let at = rng.below(len + 1);
            if rng.below(2) == 0 && at < len {
                let end = (at + token.len()).min(len);
                out.splice(at..end, token.iter().copied());
            } else {
                out.splice(at..at, token.iter().copied());
            }
        }
        6 | 7 => replace_number(out, rng),
        8 if !others.is_empty() => {
            let other = &others[rng.below(others.len())];
            if !other.is_empty() {
                let from = rng.below(other.len());
                let to = (from + 1 + rng.below(256)).min(other.len());
                let at = rng.below(len + 1);
                out.truncate(at.max(len / 2).min(out.len()));
                out.extend_from_slice(&other[from..to]);
            }
        }
        _ => {
            let at = rng.below(len + 1);
            let n = 1 + rng.below(8);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
            out.splice(at..at, bytes);
        }
    }
}

/// Replaces one run of ASCII digits with a boundary number.
fn replace_number(out: &mut Vec<u8>, rng: &mut Rng) {
    let starts: Vec<usize> =
        (0..out.len()).filter(|&i| out[i].is_ascii_digit() && (i == 0 || !out[i - 1].is_ascii_digit())).collect();
    if starts.is_empty() {
        return;
    }
    let start = starts[rng.below(starts.len())];
    let end = start + out[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    let number = BOUNDARY_NUMBERS[rng.below(BOUNDARY_NUMBERS.len())];
    out.splice(start..end, number.bytes());
}

/// The tokens of a libFuzzer dictionary file (`name="value"` lines, `\xNN` and `\"` escapes).
pub fn parse_dictionary(text: &str) -> Vec<Vec<u8>> {
    let mut tokens = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        let (Some(open), Some(close)) = (line.find('"'), line.rfind('"')) else { continue };
        if close <= open {
            continue;
        }
        let raw = &line.as_bytes()[open + 1..close];
        let mut token = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            if raw[i] == b'\\' && i + 1 < raw.len() {
                if raw[i + 1] == b'x' && i + 3 < raw.len() {
                    let hex = std::str::from_utf8(&raw[i + 2..i + 4]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                    if let Some(b) = hex {
                        token.push(b);
                        i += 4;
                        continue;
                    }
                }
                token.push(raw[i + 1]);
                i += 2;
            } else {
                token.push(raw[i]);
                i += 1;
            }
        }
        tokens.push(token);
    }
    tokens
}
