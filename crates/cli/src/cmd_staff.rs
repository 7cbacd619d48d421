//! `expertpool staff add`: creates a console login (`/staff/`) for a staff member. The
//! configuration keeps only an argon2id hash of the password; a generated password is
//! printed once, as the last line of the output.

use std::io::Read as _;
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
        #[arg(long)]
        password_stdin: bool,
    },
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Add { name, role, config, password_stdin } => {
            let role = Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role}"))?;
            let given = if password_stdin {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                Some(s)
            } else {
                None
            };
            let now = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
            let password = expertpool_drawd::add_login(&config, &name, role, given.as_deref(), &now)?;
            println!(
                "已为 {name}（{}）在 {} 中添加工作台登录账号；重启抽取服务后生效。",
                role.code(),
                config.display()
            );
            if given.is_none() {
                println!("初始密码只显示这一次，请立即转交本人：");
                println!("{password}");
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
