//! `expertpool init DIR`: write a new, empty but valid instance for a bureau to fill in.
//! The skeleton itself is data in `expertpool_records::skeleton`.

use expertpool_records::skeleton;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The folder to create; it must be missing or empty.
    pub dir: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let written = skeleton::write_new(&args.dir)?;
    let dir = args.dir.display();
    println!("已在 {dir} 中建立新的专家库数据，共 {} 个文件。", written.len());
    println!("下一步：");
    println!("  1. 打开 {dir}/README.md，按说明修改 site.toml 等文件中标有【请修改】的内容；");
    println!("  2. 运行 expertpool check --content {dir} 检查；");
    println!("  3. 运行 expertpool serve --content {dir} 预览网站。");
    Ok(ExitCode::SUCCESS)
}
