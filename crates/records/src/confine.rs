//! Nothing outside the instance folder is read: a symbolic link inside `content/` that leads
//! out of it (to `/etc/passwd`, to another bureau's records) would otherwise be published or
//! quoted in a diagnostic. Links that stay inside the instance are allowed. Every reader of
//! instance files (the loaders here, the site's pages and templates) asks [`Confinement`].

use crate::diagnostic::{Code, Diagnostic};
use std::path::{Path, PathBuf};

/// The instance folder, resolved once, against which paths are checked.
#[derive(Debug, Clone)]
pub struct Confinement {
    root: PathBuf,
}

impl Confinement {
    /// The confinement of the instance at `root`. The root itself may be a link: it is the
    /// folder the clerk named.
    pub fn new(root: &Path) -> Confinement {
        Confinement { root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()) }
    }

    /// `Ok` when `path`, with every symbolic link followed, lies inside the instance (or does
    /// not exist, which its reader reports); otherwise the diagnostic that refuses it.
    pub fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        match std::fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.root) => Ok(()),
            Ok(real) => Err(outside(path, &real)),
            Err(_) => Ok(()),
        }
    }

    /// [`Confinement::check`] for an entry of a folder already checked: only a symbolic link
    /// can lead out, so a plain file costs no extra system call.
    pub fn check_entry(&self, path: &Path, is_symlink: bool) -> Result<(), Diagnostic> {
        if is_symlink { self.check(path) } else { Ok(()) }
    }
}

fn outside(path: &Path, real: &Path) -> Diagnostic {
    Diagnostic::file_error(Code::Io, path, format!("符号链接指向实例文件夹之外（{}），不会读取", real.display()))
        .with_help("把文件本身复制到实例文件夹中，或删除这个链接")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_out_are_refused_and_links_inside_allowed() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("content");
        std::fs::create_dir(&root).unwrap();
        std::fs::write(outer.path().join("secret.md"), "secret").unwrap();
        std::fs::write(root.join("real.md"), "ok").unwrap();
        std::os::unix::fs::symlink(outer.path().join("secret.md"), root.join("leak.md")).unwrap();
        std::os::unix::fs::symlink(root.join("real.md"), root.join("alias.md")).unwrap();
        let confine = Confinement::new(&root);
        let err = confine.check(&root.join("leak.md")).unwrap_err();
        assert!(err.message.contains("实例文件夹之外"), "{}", err.message);
        assert!(confine.check(&root.join("alias.md")).is_ok());
        assert!(confine.check(&root.join("real.md")).is_ok());
        assert!(confine.check_entry(&root.join("leak.md"), true).is_err());
    }
}
