//! The log's identity, kept in the data folder: the Ed25519 signing key
//! (`signing.key`, hex seed, mode 0600, created on first start) and the checkpoint
//! origin and key name (`identity.toml`). Keeping both beside the journal means an
//! export made from the data folder alone signs exactly what the service signs.

use std::io::Write;
use std::path::Path;

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

pub const DEFAULT_ORIGIN: &str = "expertpool-drawd";

#[derive(Debug, Clone)]
pub struct Identity {
    pub origin: String,
    pub key_name: String,
    pub key: SigningKey,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IdentityFile {
    origin: String,
    key_name: String,
    /// For the operator's reference; the key file is authoritative.
    public_key: String,
}

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("{path}: {message}\n  fix: {fix}")]
    Invalid { path: String, message: String, fix: String },
}

impl Identity {
    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// Loads the identity, creating it when `create` is set and none exists yet.
    pub fn open(data: &Path, origin: Option<&str>, create: bool) -> Result<Identity, IdentityError> {
        let key_path = data.join("signing.key");
        let id_path = data.join("identity.toml");
        let io = |p: &Path| {
            let p = p.display().to_string();
            move |e| IdentityError::Io(p, e)
        };
        if !key_path.exists() {
            if !create {
                return Err(IdentityError::Invalid {
                    path: key_path.display().to_string(),
                    message: "no signing key in this data folder".into(),
                    fix: "point --data at the folder the draw service uses".into(),
                });
            }
            let mut seed = [0u8; 32];
            // The OS generator, as for draw secrets (see `service::random32`).
            rand::TryRng::try_fill_bytes(&mut rand::rngs::SysRng, &mut seed)
                .map_err(|e| IdentityError::Io("operating system RNG".into(), std::io::Error::other(e.to_string())))?;
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
            let mut f = opts.open(&key_path).map_err(io(&key_path))?;
            f.write_all(format!("{}\n", hex::encode(seed)).as_bytes()).map_err(io(&key_path))?;
            f.sync_all().map_err(io(&key_path))?;
            let origin = origin.unwrap_or(DEFAULT_ORIGIN).to_owned();
            let key = SigningKey::from_bytes(&seed);
            let file = IdentityFile {
                origin: origin.clone(),
                key_name: origin,
                public_key: hex::encode(key.verifying_key().to_bytes()),
            };
            let text = toml::to_string(&file)
                .map_err(|e| IdentityError::Io(id_path.display().to_string(), std::io::Error::other(e)))?;
            crate::config::write_atomically(&id_path, text.as_bytes()).map_err(io(&id_path))?;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key_path).map_err(io(&key_path))?.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(IdentityError::Invalid {
                    path: key_path.display().to_string(),
                    message: format!("the signing key is readable by other users (mode {:o})", mode & 0o777),
                    fix: format!("chmod 600 {}", key_path.display()),
                });
            }
        }
        let text = std::fs::read_to_string(&key_path).map_err(io(&key_path))?;
        let seed: [u8; 32] =
            hex::decode(text.trim()).ok().and_then(|v| v.try_into().ok()).ok_or_else(|| IdentityError::Invalid {
                path: key_path.display().to_string(),
                message: "the signing key is not 64 hex digits".into(),
                fix: "restore the file from backup; a new key would not match published checkpoints".into(),
            })?;
        let key = SigningKey::from_bytes(&seed);
        let id_text = std::fs::read_to_string(&id_path).map_err(io(&id_path))?;
        let file: IdentityFile = toml::from_str(&id_text).map_err(|e| IdentityError::Invalid {
            path: id_path.display().to_string(),
            message: e.to_string(),
            fix: "restore origin, key_name and public_key lines".into(),
        })?;
        Ok(Identity { origin: file.origin, key_name: file.key_name, key })
    }
}
