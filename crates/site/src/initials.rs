//! Pinyin initials of names, for the directory search (`zs` finds 张三) and the no-JS lists
//! by initial. Computed at build time with the `pinyin` crate's table of each character's
//! most common reading.
//!
//! Polyphonic surnames: a character's most common reading is often not its reading as a
//! surname (曾 is mostly céng, as a surname Zēng; 单 dān / Shàn; 解 jiě / Xiè). The first
//! character, or the first two for a compound surname, is read from [`SURNAMES`] /
//! [`COMPOUND_SURNAMES`] when listed there, as a clerk would say the name. When that gives
//! other initials than the plain table, both are kept, so a reader who types the common
//! reading still finds the expert; the list by initial files the expert under the surname
//! reading.

use pinyin::ToPinyin;

/// Compound surnames whose reading differs from their characters' common readings.
const COMPOUND_SURNAMES: [(&str, &str); 7] =
    [("万俟", "mq"), ("尉迟", "yc"), ("长孙", "zs"), ("单于", "cy"), ("澹台", "tt"), ("令狐", "lh"), ("中行", "zh")];

/// Single-character surnames with more than one reading, and the initial of the surname
/// reading. Written for this project from the common readings of these surnames.
const SURNAMES: [(char, char); 32] = [
    ('曾', 'z'),
    ('单', 's'),
    ('解', 'x'),
    ('仇', 'q'),
    ('朴', 'p'),
    ('区', 'o'),
    ('查', 'z'),
    ('乐', 'y'),
    ('尉', 'y'),
    ('盖', 'g'),
    ('缪', 'm'),
    ('覃', 'q'),
    ('翟', 'z'),
    ('秘', 'b'),
    ('召', 's'),
    ('员', 'y'),
    ('繁', 'p'),
    ('宿', 's'),
    ('车', 'c'),
    ('沈', 's'),
    ('柏', 'b'),
    ('种', 'c'),
    ('黑', 'h'),
    ('重', 'c'),
    ('句', 'g'),
    ('牟', 'm'),
    ('隗', 'w'),
    ('藏', 'z'),
    ('曲', 'q'),
    ('折', 's'),
    ('贲', 'b'),
    ('薄', 'b'),
];

/// The initial of one character: a Latin letter or digit as it is (lower case), a Han
/// character by its common reading; `None` for anything else (`·`, spaces).
fn letter(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_ascii_lowercase());
    }
    c.to_pinyin().and_then(|p| p.first_letter().chars().next())
}

/// The initials of `name`: first as the surname is read, then, if different, by the
/// characters' common readings. Empty for a name with nothing to read.
pub(crate) fn initials(name: &str) -> Vec<String> {
    let plain: String = name.chars().filter_map(letter).collect();
    let mut by_surname = plain.clone();
    if let Some((surname, letters)) = COMPOUND_SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        let rest: String = name[surname.len()..].chars().filter_map(letter).collect();
        by_surname = format!("{letters}{rest}");
    } else if let Some((first, initial)) =
        name.chars().next().and_then(|first| SURNAMES.iter().find(|(c, _)| *c == first))
    {
        let rest: String = name[first.len_utf8()..].chars().filter_map(letter).collect();
        by_surname = format!("{initial}{rest}");
    }
    let mut out = vec![by_surname];
    if plain != out[0] {
        out.push(plain);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The letter a name is filed under in the lists by initial: `a`–`z`, or `#` for a name
/// that does not start with a readable letter.
pub(crate) fn filing_letter(initials: &[String]) -> char {
    initials.first().and_then(|s| s.chars().next()).filter(|c| c.is_ascii_lowercase()).unwrap_or('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_names_read_by_their_characters() {
        assert_eq!(initials("张三"), ["zs"]);
        assert_eq!(initials("王小明"), ["wxm"]);
        assert_eq!(initials("阿依古丽·买买提"), ["ayglmmt"]);
    }

    #[test]
    fn polyphonic_surnames_read_as_surnames_and_keep_the_common_reading() {
        // 曾: céng in most words, Zēng as a surname.
        let zeng = initials("曾国强");
        assert_eq!(zeng[0], "zgq");
        assert_eq!(filing_letter(&zeng), 'z');
        assert!(zeng.len() <= 2);
        assert_eq!(initials("单田芳")[0], "stf");
        assert_eq!(initials("解放")[0], "xf");
        assert_eq!(initials("尉迟恭")[0], "ycg");
        // The surname's reading applies to the first character only.
        assert_eq!(initials("李曾")[0], initials("李曾").last().unwrap().as_str());
    }

    #[test]
    fn unreadable_names_file_under_hash() {
        assert_eq!(initials("·"), Vec::<String>::new());
        assert_eq!(filing_letter(&initials("·")), '#');
    }
}
