//! `expertpool token add`: creates a staff token for the draw service. The token is
//! printed once; the configuration keeps only its SHA-256 hash.

use std::path::PathBuf;
use std::process::ExitCode;

use expertpool_drawd::Role;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(clap::Subcommand)]
pub enum Action {
    Add {
        name: String,
        #[arg(long, value_parser = ["operator", "auditor", "admin"])]
        role: String,
        #[arg(long)]
        config: PathBuf,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Add { name, role, config } => {
            let role = Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role}"))?;
            let now = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            let token = expertpool_drawd::add_token(&config, &name, role, &now)?;
            eprintln!("token for {name} ({}) added to {}; it is shown only now:", role.code(), config.display());
            say!("{token}")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
