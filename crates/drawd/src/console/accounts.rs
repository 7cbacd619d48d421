//! Console logins: `[[login]]` tables of the service configuration, each with an argon2id
//! hash of the password (PHC string) and never the password itself. Added with
//! `expertpool staff add`, which appends to the file as `token add` does (comments kept).

use std::path::Path;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2};
use serde::Deserialize;

use crate::config::{Config, ConfigError, NEW_CONFIG, Role, STAFF_ID_FIX, valid_staff_id, write_atomically};

/// Shortest password `--password-stdin` accepts.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// One staff member's console login.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Login {
    /// Staff id, recorded as the actor of every entry they cause (as for API tokens).
    pub id: String,
    /// What they may do.
    pub role: Role,
    /// `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
    pub password_argon2id: String,
    /// When the login was added.
    #[serde(default)]
    pub created: Option<String>,
}

/// Checks every `[[login]]` table: valid and distinct ids, argon2id hashes that parse.
pub(crate) fn check_logins(logins: &[Login], path: &Path) -> Result<(), ConfigError> {
    let invalid = |message: String, fix: &str| ConfigError::Invalid { path: path.into(), message, fix: fix.into() };
    let mut seen = std::collections::BTreeSet::new();
    for (i, l) in logins.iter().enumerate() {
        if !valid_staff_id(&l.id) {
            return Err(invalid(format!("login[{i}]: id {:?} is not a valid staff id", l.id), STAFF_ID_FIX));
        }
        if !seen.insert(l.id.as_str()) {
            return Err(invalid(format!("login[{i}]: id {:?} appears twice", l.id), "keep one login per staff member"));
        }
        let ok = PasswordHash::new(&l.password_argon2id).is_ok_and(|h| h.algorithm == Algorithm::Argon2id.ident());
        if !ok {
            return Err(invalid(
                format!("login[{i}] ({}): password_argon2id is not an argon2id hash", l.id),
                "create logins with `expertpool staff add`, never by hand",
            ));
        }
    }
    Ok(())
}

fn random_bytes<const N: usize>() -> Result<[u8; N], ConfigError> {
    let mut b = [0u8; N];
    rand::TryRng::try_fill_bytes(&mut rand::rngs::SysRng, &mut b).map_err(|e| ConfigError::Random(e.to_string()))?;
    Ok(b)
}

/// An argon2id hash (the crate's default parameters: 19 MiB, 2 passes) with a fresh salt.
pub fn hash_password(password: &str) -> Result<String, ConfigError> {
    let salt = SaltString::encode_b64(&random_bytes::<16>()?).map_err(|e| ConfigError::Random(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ConfigError::Random(format!("argon2: {e}")))
}

/// Whether `password` matches the stored hash.
pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// Spends the time of one verification on a hash that matches nothing, so that an unknown
/// account answers as slowly as a wrong password.
pub fn verify_nothing(password: &str) {
    static DUMMY: OnceLock<String> = OnceLock::new();
    let h = DUMMY.get_or_init(|| hash_password("expertpool-no-such-login").unwrap_or_default());
    let _ = verify_password(h, password);
}

/// A password of 20 characters from 32 that cannot be confused (no 0/o, 1/l), in groups of
/// five: 100 bits.
pub fn generate_password() -> Result<String, ConfigError> {
    const ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let bytes = random_bytes::<20>()?;
    let mut out = String::new();
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 5 == 0 {
            out.push('-');
        }
        // 256 is a multiple of 32: no bias.
        out.push(ALPHABET[(*b % 32) as usize] as char);
    }
    Ok(out)
}

/// Adds a console login for `name` to the configuration at `path` (created if missing,
/// every existing byte kept) and returns the password: `password` if given (checked for
/// length), else a generated one, which is shown once and never stored.
pub fn add_login(
    path: &Path,
    name: &str,
    role: Role,
    password: Option<&str>,
    created: &str,
) -> Result<String, ConfigError> {
    let invalid = |message: String, fix: &str| ConfigError::Invalid { path: path.into(), message, fix: fix.into() };
    if !valid_staff_id(name) {
        return Err(invalid(format!("{name:?} is not a valid staff id"), STAFF_ID_FIX));
    }
    let password = match password {
        Some(p) => {
            let p = p.trim_end_matches(['\r', '\n']);
            if p.chars().count() < MIN_PASSWORD_CHARS {
                return Err(invalid(
                    format!("the password given on standard input has fewer than {MIN_PASSWORD_CHARS} characters"),
                    "give a longer password, or leave out --password-stdin to get a generated one",
                ));
            }
            p.to_owned()
        }
        None => generate_password()?,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => NEW_CONFIG.to_owned(),
        Err(source) => return Err(ConfigError::Read { path: path.into(), source }),
    };
    let cfg = Config::parse(&text, path)?;
    if cfg.logins.iter().any(|l| l.id == name) {
        return Err(invalid(
            format!("staff member {name:?} already has a console login"),
            "choose another id, or delete their [[login]] entry first to replace the password",
        ));
    }
    let mut t = toml_edit::Table::new();
    t["id"] = toml_edit::value(name);
    t["role"] = toml_edit::value(role.code());
    t["password_argon2id"] = toml_edit::value(hash_password(&password)?);
    t["created"] = toml_edit::value(created);
    let mut aot = toml_edit::ArrayOfTables::new();
    aot.push(t);
    let mut entry = toml_edit::DocumentMut::new();
    entry.insert("login", toml_edit::Item::ArrayOfTables(aot));
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&entry.to_string());
    let check = Config::parse(&out, path)?;
    if !check.logins.iter().any(|l| l.id == name) {
        return Err(invalid(
            "the new [[login]] entry did not parse back".into(),
            "write existing login entries as [[login]] tables",
        ));
    }
    write_atomically(path, out.as_bytes()).map_err(|source| ConfigError::Write { path: path.into(), source })?;
    Ok(password)
}

impl Config {
    /// The console login `id`, if there is one.
    pub fn login(&self, id: &str) -> Option<&Login> {
        self.logins.iter().find(|l| l.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_is_stored_as_argon2id_only_and_keeps_comments() {
        let dir = std::env::temp_dir().join(format!("drawd-login-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("drawd.toml");
        std::fs::write(&path, "# 本局配置\nmax_count = 50\n").unwrap();
        let pw = add_login(&path, "wang", Role::Operator, None, "2026-01-01T00:00:00Z").unwrap();
        assert_eq!(pw.len(), 23, "{pw}");
        let own = add_login(&path, "li", Role::Admin, Some("correct horse battery\n"), "x").unwrap();
        assert_eq!(own, "correct horse battery");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# 本局配置\nmax_count = 50\n"), "{text}");
        assert!(!text.contains(&pw) && !text.contains("correct horse"), "no password is stored");
        assert!(text.contains("$argon2id$"), "{text}");
        let cfg = Config::load(&path).unwrap();
        assert!(verify_password(&cfg.login("wang").unwrap().password_argon2id, &pw));
        assert!(!verify_password(&cfg.login("wang").unwrap().password_argon2id, "wrong password"));
        assert_eq!(cfg.login("li").unwrap().role, Role::Admin);
        assert!(add_login(&path, "wang", Role::Admin, None, "x").is_err(), "duplicate");
        assert!(add_login(&path, "zhou", Role::Admin, Some("short"), "x").unwrap_err().to_string().contains("fewer"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_hand_written_hash_of_another_kind_is_refused() {
        let text = "[[login]]\nid = 'a'\nrole = 'admin'\npassword_argon2id = '5f4dcc3b5aa765d61d8327deb882cf99'\n";
        let e = Config::parse(text, Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("login[0] (a)"), "{e}");
    }
}
