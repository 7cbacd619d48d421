//! `expertpool export`: a pool's roster as .xlsx or .csv in the annex-2 shape, or the
//! blank annex-2 template.

use crate::cmd_import::load_instance;
use crate::today::today_in;
use expertpool_staff::export;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    pub pool: String,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long)]
    pub include_private: bool,
    #[arg(long, conflicts_with = "include_private")]
    pub template: bool,
    #[arg(long, default_value = "content")]
    pub content: PathBuf,
    #[arg(long)]
    pub today: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let today = today_in(&args.content, args.today.as_deref())?;
    let (instance, private) = load_instance(&args.content)?;
    let Some(pool) = instance.pool(&args.pool) else {
        let known: Vec<&str> = instance.pools.iter().map(|p| p.id()).collect();
        anyhow::bail!("no pool `{}`; use one of: {}", args.pool, known.join(", "));
    };
    if args.template {
        let title = format!("{}推荐（遴选）入库名单汇总表", pool.policy.name);
        export::write_template(&args.out, &title)?;
        say!("wrote the annex-2 template to {}", args.out.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    let roster = export::roster(&instance, args.include_private.then_some(&private), &args.pool, today)?;
    export::write(&roster, &args.out)?;
    say!(
        "wrote {} expert{} of `{}` to {}{}",
        roster.rows.len(),
        if roster.rows.len() == 1 { "" } else { "s" },
        args.pool,
        args.out.display(),
        if args.include_private { " — contains personal data: 内部资料 严禁公开" } else { "" }
    )?;
    Ok(ExitCode::SUCCESS)
}
