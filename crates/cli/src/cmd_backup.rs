//! `expertpool backup` and `expertpool restore`: a verified copy of the draw service's data
//! folder, and its verified return. The rules live in `expertpool_drawd::backup`.

use std::path::PathBuf;
use std::process::ExitCode;

use expertpool_drawd::backup::{self, Manifest};

#[derive(clap::Args)]
pub struct BackupArgs {
    pub data: PathBuf,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub config: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct RestoreArgs {
    pub backup: PathBuf,
    #[arg(long)]
    pub data: PathBuf,
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long)]
    pub force: bool,
}

#[derive(clap::Args)]
pub struct VerifyBackupArgs {
    pub backup: PathBuf,
}

fn summary(m: &Manifest) -> String {
    let head = if m.journal.head_hash.is_empty() { "（空日志）" } else { m.journal.head_hash.as_str() };
    format!("日志 {} 条，末条哈希 {head}，共 {} 个文件，均已核对校验值", m.journal.entries, m.files.len())
}

pub fn run_backup(args: BackupArgs) -> anyhow::Result<ExitCode> {
    let now = jiff::Timestamp::now();
    let target = backup::resolve_out(&args.out, &now.strftime("%Y%m%dT%H%M%SZ").to_string())?;
    let manifest = backup::backup(&args.data, args.config.as_deref(), &target, &now.to_string())?;
    say!("已备份到 {}：{}。", target.display(), summary(&manifest))?;
    if args.config.is_none() {
        say!("注意：未包含抽取服务的配置文件（工作人员令牌），需要时加 --config 文件路径。")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn run_restore(args: RestoreArgs) -> anyhow::Result<ExitCode> {
    let (manifest, aside) = backup::restore(&args.backup, &args.data, args.config.as_deref(), args.force)?;
    say!("已从 {} 恢复到 {}：{}。", args.backup.display(), args.data.display(), summary(&manifest))?;
    if let Some(aside) = aside {
        say!("原数据文件夹已移到 {}，确认无误后可自行删除。", aside.display())?;
    }
    match (manifest.config(), &args.config) {
        (Some(_), Some(config)) => say!("配置文件已写到 {}。", config.display())?,
        (Some(entry), None) => say!("备份中有配置文件 {}，未恢复；需要时加 --config 文件路径。", entry.path)?,
        (None, _) => {}
    }
    say!("下一步：启动抽取服务，再用 expertpool export-log 导出日志并用 expertpool verify 核验。")?;
    Ok(ExitCode::SUCCESS)
}

pub fn run_verify(args: VerifyBackupArgs) -> anyhow::Result<ExitCode> {
    let manifest = backup::verify(&args.backup)?;
    say!("备份 {} 完好（{}）：{}。", args.backup.display(), manifest.created, summary(&manifest))?;
    Ok(ExitCode::SUCCESS)
}
