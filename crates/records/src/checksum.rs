//! Check characters of the two national identifiers the records carry:
//! the resident ID number (GB 11643, ISO 7064 MOD 11-2) and the unified social credit
//! code of organisations (GB 32100, with the GB 11714 organisation code inside).

use crate::model::{Date, Gender};

/// What an 18-character resident ID number tells, once its check character is right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResidentId {
    /// The birth date in characters 7–14.
    pub birth_date: Date,
    /// The gender from the 17th character (odd for men).
    pub gender: Gender,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Why a resident ID number is not valid.
pub enum ResidentIdError {
    #[error("{}", expertpool_i18n::t!("records-id-number-length", found = .0))]
    /// Not 18 characters long; holds the length found.
    Length(usize),
    #[error("{}", expertpool_i18n::t!("records-id-number-character", character = .0, position = .1))]
    /// A character not allowed at its position (character, 1-based position).
    Character(char, usize),
    #[error("{}", expertpool_i18n::t!("records-id-number-check-digit", expected = .expected, found = .found))]
    /// The check digit is not the one computed from the first 17.
    CheckDigit {
        /// The check digit computed.
        expected: char,
        /// The check digit written.
        found: char,
    },
    #[error("{}", expertpool_i18n::t!("records-id-number-birth-date", digits = .0))]
    /// Characters 7–14 are not a real date.
    BirthDate(String),
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// The check character for the first 17 digits of a resident ID number.
pub fn resident_id_check_char(first17: &[u8; 17]) -> char {
    let sum: u32 = first17.iter().zip(ID_WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    ID_CHECK[(sum % 11) as usize] as char
}

/// Validates an ID number and reads its birth date and gender (17th digit: odd = male).
pub fn parse_resident_id(text: &str) -> Result<ResidentId, ResidentIdError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 18 {
        return Err(ResidentIdError::Length(chars.len()));
    }
    for (i, c) in chars.iter().enumerate() {
        let ok = c.is_ascii_digit() || (i == 17 && (*c == 'X' || *c == 'x'));
        if !ok {
            return Err(ResidentIdError::Character(*c, i + 1));
        }
    }
    let bytes = text.as_bytes();
    let first17: &[u8; 17] = bytes[..17].try_into().expect("checked length");
    let expected = resident_id_check_char(first17);
    let found = chars[17].to_ascii_uppercase();
    if expected != found {
        return Err(ResidentIdError::CheckDigit { expected, found });
    }
    let birth = &text[6..14];
    let birth_date = Date::parse(&format!("{}-{}-{}", &birth[..4], &birth[4..6], &birth[6..]))
        .map_err(|_| ResidentIdError::BirthDate(birth.to_string()))?;
    let gender = if (bytes[16] - b'0') % 2 == 1 { Gender::Male } else { Gender::Female };
    Ok(ResidentId { birth_date, gender })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
/// Why a unified social credit code is not valid.
pub enum CreditCodeError {
    #[error("{}", expertpool_i18n::t!("records-credit-code-length", found = .0))]
    /// Not 18 characters long; holds the length found.
    Length(usize),
    #[error("{}", expertpool_i18n::t!("records-credit-code-character", character = .0, position = .1))]
    /// A character not allowed at its position (character, 1-based position).
    Character(char, usize),
    #[error("{}", expertpool_i18n::t!("records-credit-code-check-char", expected = .expected, found = .found))]
    /// The check character is not the one computed from the first 17.
    CheckChar {
        /// The check character computed.
        expected: char,
        /// The check character written.
        found: char,
    },
    #[error("{}", expertpool_i18n::t!("records-credit-code-organisation", expected = .expected, found = .found))]
    /// The organisation code inside has a wrong check character.
    OrganisationCode {
        /// The check character computed.
        expected: char,
        /// The check character written.
        found: char,
    },
}

const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// Each ASCII character's value in the credit-code alphabet, or `NOT_IN_ALPHABET`: a table,
/// because `check` validates tens of thousands of codes and a search per character shows.
const USCC_VALUES: [u8; 128] = {
    let mut table = [NOT_IN_ALPHABET; 128];
    let alphabet = USCC_ALPHABET.as_bytes();
    let mut i = 0;
    while i < alphabet.len() {
        table[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const NOT_IN_ALPHABET: u8 = u8::MAX;

fn uscc_value(c: char) -> Option<u32> {
    let value = *USCC_VALUES.get(c as usize)?;
    (value != NOT_IN_ALPHABET).then_some(u32::from(value))
}

/// The GB 32100 check character for the first 17 characters of a credit code.
pub fn credit_code_check_char(first17: &[char]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.iter().zip(USCC_WEIGHTS) {
        sum += uscc_value(*c)? * w;
    }
    let index = (31 - sum % 31) % 31;
    USCC_ALPHABET.as_bytes().get(index as usize).map(|&b| char::from(b))
}

/// The GB 11714 check character (a digit or `X`) of an 8-character organisation code
/// body; `None` unless the body is 8 ASCII letters or digits. The one home of this rule:
/// the validator reads it, the synthesizer writes it.
pub fn organisation_code_check_char(body: &[char]) -> Option<char> {
    if body.len() != ORG_WEIGHTS.len() {
        return None;
    }
    let mut sum = 0;
    for (c, w) in body.iter().zip(ORG_WEIGHTS) {
        if !c.is_ascii_alphanumeric() {
            return None;
        }
        sum += c.to_digit(36)? * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from_digit(n, 10)?,
    })
}

/// Validates a unified social credit code: alphabet, its own check character and the
/// organisation code's (GB 11714) check character at position 17.
pub fn validate_credit_code(text: &str) -> Result<(), CreditCodeError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeError::Length(chars.len()));
    }
    for (i, c) in chars.iter().enumerate() {
        if uscc_value(*c).is_none() {
            return Err(CreditCodeError::Character(*c, i + 1));
        }
    }
    let expected = credit_code_check_char(&chars[..17]).expect("alphabet checked");
    if expected != chars[17] {
        return Err(CreditCodeError::CheckChar { expected, found: chars[17] });
    }
    // Positions 9–16 are the organisation code body, 17 its check (digit or X).
    if let Some(expected) = organisation_code_check_char(&chars[8..16])
        && expected != chars[16]
    {
        return Err(CreditCodeError::OrganisationCode { expected, found: chars[16] });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_id_with_x_check() {
        let id = parse_resident_id("11010519491231002X").unwrap();
        assert_eq!(id.birth_date, Date::ymd(1949, 12, 31));
        assert_eq!(id.gender, Gender::Female);
        assert!(parse_resident_id("11010519491231002x").is_ok(), "lower-case x is the same character");
    }

    #[test]
    fn resident_id_errors() {
        assert_eq!(
            parse_resident_id("110105194912310021"),
            Err(ResidentIdError::CheckDigit { expected: 'X', found: '1' })
        );
        assert_eq!(parse_resident_id("1101051949123100"), Err(ResidentIdError::Length(16)));
        assert_eq!(parse_resident_id("1101051949123100A2"), Err(ResidentIdError::Character('A', 17)));
        // 1949-02-30 does not exist; compute a matching check digit so only the date is wrong.
        let mut first17 = *b"11010519490230002";
        let check = resident_id_check_char(&first17);
        let text = format!("{}{}", std::str::from_utf8(&mut first17).unwrap(), check);
        assert_eq!(parse_resident_id(&text), Err(ResidentIdError::BirthDate("19490230".into())));
    }

    #[test]
    fn male_from_odd_seventeenth_digit() {
        let first17 = *b"44190019800101001";
        let text = format!("{}{}", std::str::from_utf8(&first17).unwrap(), resident_id_check_char(&first17));
        assert_eq!(parse_resident_id(&text).unwrap().gender, Gender::Male);
    }

    #[test]
    fn credit_code_valid_and_invalid() {
        assert_eq!(validate_credit_code("91350200776049653A"), Ok(()));
        assert_eq!(
            validate_credit_code("91350200776049653B"),
            Err(CreditCodeError::CheckChar { expected: 'A', found: 'B' })
        );
        assert_eq!(validate_credit_code("9135020077604965"), Err(CreditCodeError::Length(16)));
        assert_eq!(validate_credit_code("91350200776049653I"), Err(CreditCodeError::Character('I', 18)));
        assert_eq!(validate_credit_code("91350200776049653a"), Err(CreditCodeError::Character('a', 18)));
        assert_eq!(validate_credit_code("9135020077604965３A"), Err(CreditCodeError::Character('３', 17)));
    }

    #[test]
    fn organisation_code_check_char_of_known_codes() {
        let body = |s: &str| s.chars().collect::<Vec<char>>();
        assert_eq!(organisation_code_check_char(&body("77604965")), Some('3'));
        // M = 22, A = 10: 66 + 70 + 2 = 138, 138 mod 11 = 6, 11 - 6 = 5.
        assert_eq!(organisation_code_check_char(&body("MA000001")), Some('5'));
        assert_eq!(organisation_code_check_char(&body("00000006")), Some('X'), "remainder 1 is written X");
        assert_eq!(organisation_code_check_char(&body("00000000")), Some('0'), "remainder 0 is written 0");
        assert_eq!(organisation_code_check_char(&body("7760496")), None);
        assert_eq!(organisation_code_check_char(&body("7760496-")), None);
    }

    #[test]
    fn credit_code_inner_organisation_code_is_checked() {
        // Change the organisation check digit and recompute the outer check so only the
        // inner one is wrong.
        let mut chars: Vec<char> = "91350200776049652".chars().collect();
        let outer = credit_code_check_char(&chars).unwrap();
        chars.push(outer);
        let text: String = chars.into_iter().collect();
        assert_eq!(validate_credit_code(&text), Err(CreditCodeError::OrganisationCode { expected: '3', found: '2' }));
    }
}
