//! `expertpool hooks install`: a git pre-commit hook in the instance's repository that runs
//! `expertpool check` on the instance, so a commit with a broken record is refused.
//!
//! The hook names this binary by its absolute path (falling back to `expertpool` on PATH
//! if that path is gone) and the instance by its path inside the repository, so it works
//! from any folder and for an instance below the repository's top. A line in the hook marks
//! it as ours: installing again updates our hook, and a hook of anyone else is kept unless
//! `--force`, which moves it aside rather than deleting it.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};
use expertpool_records::fsio::{WriteMode, replace};

/// The line that marks a pre-commit hook as written by this command.
pub const MARKER: &str = "# expertpool-hook: pre-commit";

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(clap::Subcommand)]
pub enum Action {
    Install(InstallArgs),
}

#[derive(clap::Args)]
pub struct InstallArgs {
    #[arg(long, default_value = ".")]
    pub content: PathBuf,
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Install(args) => install(args),
    }
}

/// What installing did.
#[derive(Debug, PartialEq, Eq)]
pub enum Installed {
    New,
    Updated,
    Unchanged,
    /// A foreign hook was moved to this path first.
    Replaced(PathBuf),
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<String> {
    let out = match Command::new("git").arg("-C").arg(dir).args(args).output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("找不到 git 程序。请先安装 git（例如 apt-get install git），再运行本命令")
        }
        Err(e) => return Err(e).context("无法运行 git"),
    };
    if !out.status.success() {
        bail!(
            "{} 不在 git 仓库中（git 说：{}）。请先在专家库文件夹中运行 git init，或用 expertpool init --git 新建",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_owned())
}

/// Quotes `s` for a POSIX shell: inside single quotes, each `'` as `'\''`.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The hook's text: pure, so a test can read what a clerk's repository gets.
pub fn hook_text(binary: &str, instance: &str) -> String {
    format!(
        r#"#!/bin/sh
{MARKER}
# Written by `expertpool hooks install`: checks the instance before every commit and
# refuses the commit when `expertpool check` finds an error. Run the command again after
# moving the expertpool binary. To commit once without the check: git commit --no-verify
expertpool_bin={binary}
instance={instance}
if [ ! -x "$expertpool_bin" ]; then
  expertpool_bin=$(command -v expertpool 2>/dev/null) || {{
    echo "expertpool 提交前检查：找不到 expertpool 程序（原来在 {binary_shown}）。请重新运行 expertpool hooks install。" >&2
    exit 1
  }}
fi
top=$(git rev-parse --show-toplevel) || exit 1
if [ "$instance" = . ]; then content=$top; else content=$top/$instance; fi
if ! "$expertpool_bin" check --content "$content"; then
  echo "expertpool 提交前检查未通过，本次提交已取消：请按上面的说明改正记录，再提交。" >&2
  exit 1
fi
"#,
        binary = shell_quote(binary),
        instance = shell_quote(instance),
        binary_shown = binary.replace(['"', '`', '$', '\\'], "_"),
    )
}

/// Installs the hook for the instance at `content`, run by `binary`.
pub fn install_hook(content: &Path, binary: &Path, force: bool) -> anyhow::Result<(PathBuf, Installed)> {
    if !content.join("site.toml").is_file() {
        bail!("{} 不是专家库文件夹（其中没有 site.toml）。请用 --content 指定专家库文件夹", content.display());
    }
    let top = PathBuf::from(git(content, &["rev-parse", "--show-toplevel"])?);
    let hooks = PathBuf::from(git(content, &["rev-parse", "--git-path", "hooks"])?);
    let hooks = if hooks.is_absolute() { hooks } else { content.join(hooks) };
    let canonical = |p: &Path| p.canonicalize().with_context(|| format!("无法读取 {}", p.display()));
    let instance = canonical(content)?;
    let relative = instance
        .strip_prefix(canonical(&top)?)
        .map(|r| r.to_path_buf())
        .with_context(|| format!("{} 不在仓库 {} 之内", content.display(), top.display()))?;
    let relative = if relative.as_os_str().is_empty() { ".".to_owned() } else { relative.display().to_string() };
    let binary = canonical(binary)?;
    let text = hook_text(&binary.display().to_string(), &relative);
    let hook = hooks.join("pre-commit");
    let outcome = match std::fs::read_to_string(&hook) {
        Ok(existing) if existing == text => Installed::Unchanged,
        Ok(existing) if existing.lines().any(|l| l == MARKER) => Installed::Updated,
        Ok(_) if !force => bail!(
            "{} 已有一个不是 expertpool 写的提交前钩子，未作改动。请把其中的命令并入，或加 --force（原钩子改名为 pre-commit.before-expertpool 保留）",
            hook.display()
        ),
        Ok(_) => {
            let mut aside = hooks.join("pre-commit.before-expertpool");
            let mut n = 1;
            while aside.exists() {
                aside = hooks.join(format!("pre-commit.before-expertpool.{n}"));
                n += 1;
            }
            std::fs::rename(&hook, &aside).with_context(|| format!("无法把 {} 改名", hook.display()))?;
            Installed::Replaced(aside)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Installed::New,
        Err(e) => return Err(e).with_context(|| format!("无法读取 {}", hook.display())),
    };
    if outcome != Installed::Unchanged {
        replace(&hook, text.as_bytes(), WriteMode::Shared).with_context(|| format!("无法写入 {}", hook.display()))?;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("无法把 {} 设为可执行", hook.display()))?;
    }
    Ok((hook, outcome))
}

fn install(args: InstallArgs) -> anyhow::Result<ExitCode> {
    let binary = std::env::current_exe().context("无法确定 expertpool 程序的位置")?;
    let (hook, outcome) = install_hook(&args.content, &binary, args.force)?;
    match outcome {
        Installed::New => say!("已安装提交前钩子 {}：每次提交前运行 expertpool check。", hook.display())?,
        Installed::Updated => say!("已更新提交前钩子 {}。", hook.display())?,
        Installed::Unchanged => say!("提交前钩子 {} 已是最新，未作改动。", hook.display())?,
        Installed::Replaced(aside) => {
            say!("已安装提交前钩子 {}；原来的钩子已改名为 {}。", hook.display(), aside.display())?
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hook_quotes_paths_for_the_shell() {
        let text = hook_text("/opt/it's here/expertpool", "专家 库");
        assert!(text.contains(r"expertpool_bin='/opt/it'\''s here/expertpool'"), "{text}");
        assert!(text.contains("instance='专家 库'"), "{text}");
        assert!(text.lines().any(|l| l == MARKER));
    }
}
