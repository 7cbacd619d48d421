//! `expertpool export`: a pool's roster as .xlsx or .csv in the annex-2 shape, or the
//! blank annex-2 template.

use crate::cmd_import::load_instance;
use crate::today::today_in;
use expertpool_i18n::t;
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
    let pool_id = expertpool_records::lookup::pool(&instance, &args.pool)
        .map_err(|e| anyhow::anyhow!("{}", t!("staff-cli-flag-error", flag = "--pool", error = e)))?;
    let pool = instance.pool(&pool_id).expect("the lookup returns the id of a loaded pool");
    if args.template {
        let title = format!("{}推荐（遴选）入库名单汇总表", pool.policy.name);
        export::write_template(&args.out, &title)?;
        say!("{}", t!("staff-cli-export-template-written", file = args.out.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    let roster = export::roster(&instance, args.include_private.then_some(&private), &pool_id, today)?;
    export::write(&roster, &args.out)?;
    let (count, file) = (roster.rows.len(), args.out.display());
    let line = if args.include_private {
        t!("staff-cli-export-written-private", count = count, pool = pool_id, file = file)
    } else {
        t!("staff-cli-export-written", count = count, pool = pool_id, file = file)
    };
    say!("{line}")?;
    Ok(ExitCode::SUCCESS)
}
