//! The service configuration file: staff tokens (stored as SHA-256 hashes only) and a
//! few limits. Tokens are added with `expertpool token add`, which edits the file in
//! place with toml_edit so that the administrator's comments survive.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Creates and runs draws, records answers (the bureau's clerk).
    Operator,
    /// Reads sealed data (secrets, eligible sets, no-show counts) but changes nothing.
    Auditor,
    /// Everything, including directed selection (art. 9(2)).
    Admin,
}

impl Role {
    /// The role's name in the configuration file.
    pub fn code(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
        }
    }
    /// The role with this name.
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Operator, Role::Auditor, Role::Admin].into_iter().find(|r| r.code() == s)
    }
}

/// One staff member's credential.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub id: String,
    pub role: Role,
    /// Hex SHA-256 of the token; the token itself is never stored.
    pub token_sha256: String,
    #[serde(default)]
    pub created: Option<String>,
}

/// `[beacon]`: the drand HTTP endpoint the service fetches named rounds from. Without
/// it, a draw names a drand round only when staff will paste the round's JSON, and the
/// default beacon of a new draw is `none` (the weaker fallback, spec §10.3).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeaconConfig {
    /// Base URL, e.g. `http://127.0.0.1:8081` (a relay of api.drand.sh); the service
    /// requests `{drand_url}/{chain hash}/public/{round}`. Plain `http://` only: a bureau
    /// reaches drand's HTTPS API through a local relay or pastes the round.
    #[serde(default)]
    pub drand_url: Option<String>,
}

/// The service configuration file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Checkpoint origin line, used when the data folder is first created.
    #[serde(default)]
    pub origin: Option<String>,
    /// Largest N a request may ask for.
    #[serde(default = "default_max_count")]
    pub max_count: u32,
    /// Request body limit in bytes.
    #[serde(default = "default_body_limit")]
    pub body_limit: usize,
    /// Seconds before a request is abandoned with 408.
    #[serde(default = "default_timeout")]
    pub request_timeout_secs: u64,
    /// Seconds a client has to send a request's headers (and an idle connection stays open).
    #[serde(default = "default_header_timeout")]
    pub header_timeout_secs: u64,
    /// Connections served at once (keep it below the process's file limit).
    #[serde(default = "default_max_connections")]
    pub max_connections: usize,
    /// Where the service fetches public randomness (`[beacon]`).
    #[serde(default)]
    pub beacon: BeaconConfig,
    /// Publishing the public log for a static host (see [`crate::publish`]).
    #[serde(default)]
    pub publish: crate::publish::PublishConfig,
    /// Staff members and their token hashes.
    #[serde(default)]
    pub(crate) staff: Vec<Staff>,
    /// Console logins (`expertpool staff add`): argon2id password hashes only.
    #[serde(default, rename = "login")]
    pub(crate) logins: Vec<crate::console::accounts::Login>,
    /// The public site's address, e.g. `https://rsj.example.gov.cn/zjk/`: the console's
    /// QR codes point there, and an `https` address marks its session cookie `Secure`.
    /// Without it the content's `site.toml` `base_url` is used for the QR codes.
    #[serde(default)]
    pub site_url: Option<String>,
    /// Witnesses whose cosignatures of the log's checkpoints are accepted (`[[witness]]`).
    #[serde(default)]
    pub(crate) witness: Vec<crate::cosign::WitnessEntry>,
    /// Parsed `token_sha256` values, in the order of `staff`.
    #[serde(skip)]
    hashes: Vec<[u8; 32]>,
}

fn default_max_count() -> u32 {
    100
}
fn default_body_limit() -> usize {
    64 * 1024
}
fn default_timeout() -> u64 {
    10
}
fn default_header_timeout() -> u64 {
    10
}
fn default_max_connections() -> usize {
    512
}

/// The configuration file could not be read, understood or written.
#[derive(Debug, thiserror::Error)]
#[allow(missing_docs)] // The messages say what each field is.
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the configuration: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    /// The file breaks a rule.
    #[error("{path}: {message}\n  fix: {fix}")]
    Invalid { path: PathBuf, message: String, fix: String },
    /// The file could not be written.
    #[error("{path}: cannot write the configuration: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    /// No random bytes for a new token.
    #[error("cannot get random bytes from the operating system: {0}")]
    Random(String),
}

impl Default for Config {
    fn default() -> Self {
        Config {
            origin: None,
            max_count: default_max_count(),
            body_limit: default_body_limit(),
            request_timeout_secs: default_timeout(),
            header_timeout_secs: default_header_timeout(),
            max_connections: default_max_connections(),
            beacon: BeaconConfig::default(),
            publish: Default::default(),
            staff: vec![],
            logins: vec![],
            site_url: None,
            witness: vec![],
            hashes: vec![],
        }
    }
}

pub fn sha256_hex(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl Config {
    /// Reads and checks the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.into(), source })?;
        Self::parse(&text, path)
    }

    /// Parses and checks `text`, read from `path` (named in errors).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let invalid = |message: String, fix: &str| ConfigError::Invalid { path: path.into(), message, fix: fix.into() };
        let mut cfg: Config = toml::from_str(text)
            .map_err(|e| invalid(e.to_string(), "correct the file; see docs/api.md, section Configuration"))?;
        let mut seen = std::collections::BTreeSet::new();
        for (i, s) in cfg.staff.iter().enumerate() {
            let h: [u8; 32] = hex::decode(&s.token_sha256).ok().and_then(|v| v.try_into().ok()).ok_or_else(|| {
                invalid(
                    format!("staff[{i}] ({}): token_sha256 is not 64 hex digits", s.id),
                    "create tokens with `expertpool token add`, never by hand",
                )
            })?;
            if !valid_staff_id(&s.id) {
                return Err(invalid(format!("staff[{i}]: id {:?} is not a valid staff id", s.id), STAFF_ID_FIX));
            }
            if !seen.insert(s.id.clone()) {
                return Err(invalid(
                    format!("staff[{i}]: id {:?} appears twice", s.id),
                    "keep one entry per staff member",
                ));
            }
            cfg.hashes.push(h);
        }
        crate::console::accounts::check_logins(&cfg.logins, path)?;
        crate::cosign::check_witnesses(&cfg.witness).map_err(|(message, fix)| invalid(message, &fix))?;
        if cfg.max_count == 0
            || cfg.body_limit < 1024
            || cfg.request_timeout_secs == 0
            || cfg.header_timeout_secs == 0
            || cfg.max_connections == 0
        {
            return Err(invalid(
                "max_count, request_timeout_secs, header_timeout_secs and max_connections must be positive and body_limit at least 1024".into(),
                "raise the value or remove the line to use the default",
            ));
        }
        if let Some((message, fix)) = cfg.publish.problem() {
            return Err(invalid(message, fix));
        }
        Ok(cfg)
    }

    /// The staff member owning `token`. Every stored hash is compared, in constant
    /// time, whatever matches, so timing reveals neither which nor whether one did.
    pub fn authenticate(&self, token: &str) -> Option<&Staff> {
        let h: [u8; 32] = Sha256::digest(token.as_bytes()).into();
        let mut found = None;
        for (i, stored) in self.hashes.iter().enumerate() {
            if bool::from(stored.ct_eq(&h)) {
                found = Some(i);
            }
        }
        found.map(|i| &self.staff[i])
    }
}

pub(crate) const STAFF_ID_FIX: &str = "use 1-64 letters, digits, '.', '_' or '-' (e.g. wang.li)";

pub fn valid_staff_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Creates a token for `name`, stores its hash in the file at `path` (created if
/// missing, comments kept) and returns the token, which is shown once and never again.
pub fn add_token(path: &Path, name: &str, role: Role, created: &str) -> Result<String, ConfigError> {
    let invalid = |message: String, fix: &str| ConfigError::Invalid { path: path.into(), message, fix: fix.into() };
    if !valid_staff_id(name) {
        return Err(invalid(format!("{name:?} is not a valid staff id"), STAFF_ID_FIX));
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => NEW_CONFIG.to_owned(),
        Err(source) => return Err(ConfigError::Read { path: path.into(), source }),
    };
    // Refuse to extend a file the service would refuse to start with.
    let cfg = Config::parse(&text, path)?;
    if cfg.staff.iter().any(|s| s.id == name) {
        return Err(invalid(
            format!("staff member {name:?} already has a token"),
            "choose another id, or delete their [[staff]] entry first to replace the token",
        ));
    }
    let mut bytes = [0u8; 32];
    // The OS generator, as for draw secrets (see `service::random32`).
    rand::TryRng::try_fill_bytes(&mut rand::rngs::SysRng, &mut bytes)
        .map_err(|e| ConfigError::Random(e.to_string()))?;
    let token = format!("ept_{}", hex::encode(bytes));
    let mut t = toml_edit::Table::new();
    t["id"] = toml_edit::value(name);
    t["role"] = toml_edit::value(role.code());
    t["token_sha256"] = toml_edit::value(sha256_hex(&token));
    t["created"] = toml_edit::value(created);
    let mut aot = toml_edit::ArrayOfTables::new();
    aot.push(t);
    let mut entry = toml_edit::DocumentMut::new();
    entry.insert("staff", toml_edit::Item::ArrayOfTables(aot));
    // Appending the rendered table leaves every byte of the file as it was, comments
    // and layout included; the result is parsed again before it replaces the file.
    let mut out = text.clone();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&entry.to_string());
    out.parse::<toml_edit::DocumentMut>().map_err(|e| {
        invalid(
            format!("cannot add a [[staff]] table to this file: {e}"),
            "write existing staff entries as [[staff]] tables",
        )
    })?;
    let check = Config::parse(&out, path)?;
    if !check.staff.iter().any(|s| s.id == name) {
        return Err(invalid(
            "the new entry did not parse back".into(),
            "write existing staff entries as [[staff]] tables",
        ));
    }
    write_atomically(path, out.as_bytes()).map_err(|source| ConfigError::Write { path: path.into(), source })?;
    Ok(token)
}

pub(crate) const NEW_CONFIG: &str = "\
# expertpool draw service configuration.
# Staff tokens are added with `expertpool token add NAME --role ROLE --config FILE`;
# only their SHA-256 hashes are kept here. Roles: operator, auditor, admin.
# Console logins (/staff/) are added with `expertpool staff add NAME --role ROLE --config FILE`;
# only argon2id hashes of their passwords are kept ([[login]] tables).

# origin = \"draws.example.gov.cn\"   # checkpoint origin, fixed when the data folder is created
# max_count = 100                    # largest number of experts one request may ask for
# body_limit = 65536                 # bytes
# request_timeout_secs = 10
# header_timeout_secs = 10           # time to send request headers; idle connections close after it
# max_connections = 512              # connections served at once; keep below `ulimit -n`
# site_url = \"https://rsj.example.gov.cn/zjk/\"   # public site: QR codes; https marks the console cookie Secure

# Public randomness (docs/draw-protocol.md §10.3). With drand_url set, new draws name the
# first drand quicknet round 60 s after their commit and the service fetches it at the run
# (plain http://: reach api.drand.sh through a local relay). Without it, draws default to
# no beacon (weaker), and staff may still choose a lottery beacon or paste a drand round.
# [beacon]
# drand_url = \"http://127.0.0.1:8081\"

# [publish]                          # for a static host: after every durable batch
# log_path = \"/srv/site/content/draws/log.json\"   # the public log, replaced atomically
# command = [\"/usr/local/bin/publish-site\"]       # then run (no shell; never two at once)

# Witnesses whose cosignatures are accepted (see docs/operations.md, Witnesses):
# [[witness]]
# name = \"czj.example.gov.cn/witness\"
# public_key = \"<64 hex digits, from `expertpool witness --state DIR --print-key`>\"
";

/// Writes through a temporary file and a rename, so a crash leaves the old or the
/// new file, never half of one. The file holds hashes only but is kept private.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    expertpool_records::fsio::replace(path, bytes, expertpool_records::fsio::WriteMode::Private)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_roundtrip_keeps_comments_and_authenticates() {
        let dir = std::env::temp_dir().join(format!("drawd-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("drawd.toml");
        let _ = std::fs::remove_file(&path);
        let a = add_token(&path, "wang", Role::Operator, "2026-01-01T00:00:00Z").unwrap();
        let b = add_token(&path, "li", Role::Admin, "2026-01-01T00:00:00Z").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# expertpool draw service configuration."));
        assert!(!text.contains(&a) && !text.contains(&b), "tokens must not be stored");
        let cfg = Config::load(&path).unwrap();
        assert_eq!(cfg.authenticate(&a).map(|s| s.id.as_str()), Some("wang"));
        assert_eq!(cfg.authenticate(&b).map(|s| s.role), Some(Role::Admin));
        assert!(cfg.authenticate("ept_0000").is_none());
        assert!(add_token(&path, "wang", Role::Admin, "x").is_err(), "duplicate id");
        assert!(add_token(&path, "bad name", Role::Admin, "x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn malformed_hash_is_rejected_with_the_entry() {
        let e = Config::parse("[[staff]]\nid='a'\nrole='admin'\ntoken_sha256='zz'\n", Path::new("c.toml")).unwrap_err();
        assert!(e.to_string().contains("staff[0] (a)"), "{e}");
    }
}
