//! Synthetic national identifiers with valid check characters.
//!
//! Conventions (documented in docs/content-format.md):
//! - Resident ID numbers use region codes `449901`–`449905`: province 44 is a real
//!   province code, but prefecture 99 is assigned to no city, so no number can belong to a
//!   real person. The 顺序码 (characters 15–17) counts up from 001 per district and birth
//!   date; its last digit is odd for men and even for women, as the standard requires.
//! - Credit codes use the same region codes and an organisation code `MA` + six digits of
//!   a running number, so they look like post-2015 codes but are made up.

use expertpool_records::checksum::{credit_code_check_char, organisation_code_check_char, resident_id_check_char};
use expertpool_records::model::{Date, Gender};

/// Region code of a district of the fictional city (1..=5).
pub fn region(district: u8) -> String {
    format!("4499{district:02}")
}

/// An ID number for someone born on `birth` in `district`, the `serial`-th (0-based)
/// person of that gender born that day there.
pub fn resident_id(district: u8, birth: Date, serial: u16, gender: Gender) -> String {
    let order = serial * 2 + if gender == Gender::Male { 1 } else { 2 }; // 001, 003 … men; 002, 004 … women
    assert!(order < 1000, "too many people born on one day in one district");
    let first17 =
        format!("{}{:04}{:02}{:02}{:03}", region(district), birth.0.year(), birth.0.month(), birth.0.day(), order);
    let bytes: [u8; 17] = first17.as_bytes().try_into().expect("17 digits");
    format!("{first17}{}", resident_id_check_char(&bytes))
}

/// What kind of organisation a credit code registers (characters 1–2 of GB 32100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    /// 11: an organ of government (机关).
    Government,
    /// 12: a public institution (事业单位), e.g. a public college.
    Institution,
    /// 52: a private non-enterprise unit (民办非企业单位), e.g. a private training school.
    NonProfit,
    /// 91: an enterprise (企业).
    Enterprise,
}

/// A credit code for organisation number `serial` of `kind` in `district`.
pub fn credit_code(kind: OrgKind, district: u8, serial: u32) -> String {
    let prefix = match kind {
        OrgKind::Government => "11",
        OrgKind::Institution => "12",
        OrgKind::NonProfit => "52",
        OrgKind::Enterprise => "91",
    };
    let body = format!("MA{:06}", serial % 1_000_000);
    let org_check = organisation_code_check_char(&body.chars().collect::<Vec<_>>()).expect("MA and six digits");
    let first17: Vec<char> = format!("{prefix}{}{body}{org_check}", region(district)).chars().collect();
    let check = credit_code_check_char(&first17).expect("alphabet of digits and A, M, X");
    first17.into_iter().chain(std::iter::once(check)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use expertpool_records::checksum::{parse_resident_id, validate_credit_code};

    #[test]
    fn id_numbers_validate_and_carry_birth_and_gender() {
        let birth = Date::ymd(1975, 2, 28);
        let text = resident_id(3, birth, 4, Gender::Female);
        assert_eq!(&text[..6], "449903");
        assert_eq!(&text[14..17], "010");
        let parsed = parse_resident_id(&text).unwrap();
        assert_eq!((parsed.birth_date, parsed.gender), (birth, Gender::Female));
        assert_eq!(parse_resident_id(&resident_id(1, birth, 0, Gender::Male)).unwrap().gender, Gender::Male);
    }

    #[test]
    fn credit_codes_validate_for_every_kind() {
        for kind in [OrgKind::Government, OrgKind::Institution, OrgKind::NonProfit, OrgKind::Enterprise] {
            for serial in 0..500 {
                let code = credit_code(kind, 1 + (serial % 5) as u8, serial);
                assert_eq!(validate_credit_code(&code), Ok(()), "{code}");
            }
        }
    }
}
