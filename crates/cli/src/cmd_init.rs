//! `expertpool init DIR`: write a new, empty but valid instance for a bureau to fill in,
//! with what its own content repository needs (.gitignore, CI templates). The skeleton itself
//! is data in `expertpool_records::skeleton`. With `--git` the folder also becomes a git
//! repository with the pre-commit check installed.

use anyhow::Context;
use expertpool_records::skeleton;
use std::path::PathBuf;
use std::process::{Command, ExitCode};

#[derive(clap::Args)]
pub struct Args {
    pub dir: PathBuf,
    #[arg(long)]
    pub git: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let written = skeleton::write_new(&args.dir)?;
    let dir = args.dir.display();
    say!("已在 {dir} 中建立新的专家库数据，共 {} 个文件。", written.len())?;
    if args.git {
        let status = match Command::new("git").args(["init", "-q"]).arg(&args.dir).status() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                anyhow::bail!(
                    "数据已写好，但找不到 git 程序：请安装 git 后在 {dir} 中运行 git init 和 expertpool hooks install"
                )
            }
            other => other.context("无法运行 git init")?,
        };
        if !status.success() {
            anyhow::bail!("数据已写好，但 git init 失败：请在 {dir} 中手动运行 git init 和 expertpool hooks install");
        }
        let binary = std::env::current_exe().context("无法确定 expertpool 程序的位置")?;
        let (hook, _) = crate::cmd_hooks::install_hook(&args.dir, &binary, false)?;
        say!("已建立 git 仓库，并安装提交前检查 {}。", hook.display())?;
    }
    say!("下一步：")?;
    say!("  1. 打开 {dir}/README.md，按说明修改 site.toml 等文件中标有【请修改】的内容；")?;
    say!("  2. 运行 expertpool check --content {dir} 检查；")?;
    say!("  3. 运行 expertpool serve --content {dir} 预览网站；")?;
    if args.git {
        say!("  4. 提交第一个版本：cd {dir} && git add -A && git commit -m 初始化；")?;
    } else {
        say!("  4. 用 git 管理这个文件夹：cd {dir} && git init && expertpool hooks install；")?;
    }
    say!("  5. 持续集成和发布网站：见 {dir}/ci/publish.sh 和 {dir}/.gitlab-ci.yml。")?;
    Ok(ExitCode::SUCCESS)
}
