//! Generates the demo instance's public draw log through the service's own code paths.
//!
//! ```text
//! cargo run -p expertpool-drawd --example demo_log -- \
//!     --content content --out content/draws/log.json [--seed expertpool-demo-2026]
//! ```
//!
//! A fresh data folder in the temp dir gets a fixed DEMO signing key (derived from a
//! public label: it is not secret and must never sign a real bureau's log), the clock is
//! set by hand to days of 2026 before 2026-11-23, and every secret and salt is derived
//! from `--seed`, so running it twice on the same content gives the same file. Requests
//! are validated by `request::validate_create` / `validate_directed` / `validate_response`
//! and written by the service's journal writer, exactly as the HTTP handlers do; only the
//! staff tokens are skipped.
//!
//! The scenario: a random draw of the 职业能力 pool answered with an acceptance, a
//! decline, a no-answer and a recusal (each replaced strictly in order) until it is
//! complete; a directed selection with its approval reference; a draw of the 高技能 pool;
//! a second draw of the 职业能力 pool to which the pause rule applies; all revealed after
//! their confidentiality time. A last draw is committed and run but stays sealed until
//! 2026-12-31.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use expertpool_draw::encoding::tagged_hash;
use expertpool_drawd::{
    Clock, Config, CreateBody, DirectedBody, Directory, Op, Options, RecusalBody, ResponseBody, Service, Target,
    candidate, validate_create, validate_directed, validate_response,
};
use expertpool_records::Date;

/// Public label of the demo key. Anyone can derive the key from it: it only shows how a
/// signed log looks.
const DEMO_KEY_LABEL: &str = "expertpool DEMO signing key (public, not secret; never use for a real log)";
const DEMO_KEY_NAME: &str = "DEMO-KEY-NOT-SECRET+rsj.xinghe.example/zjk";
const DEMO_ORIGIN: &str = "rsj.xinghe.example/zjk/draws (DEMO)";

fn arg(name: &str, default: &str) -> String {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned()).unwrap_or_else(|| default.to_owned())
}

/// Demo randomness: `H("test-vector", seed, what)`, the protocol's tag for derived test
/// inputs, so nobody mistakes these for operating-system randomness.
fn derived(seed: &str, what: &str) -> [u8; 32] {
    tagged_hash("test-vector", [seed.as_bytes(), what.as_bytes()])
}

/// Writes the fixed demo identity into a fresh data folder before the service opens it.
fn demo_identity(data: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(data)?;
    let seed = tagged_hash("test-vector", [DEMO_KEY_LABEL.as_bytes()]);
    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
    let key_path = data.join("signing.key");
    std::fs::write(&key_path, format!("{}\n", hex::encode(seed)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o600))?;
    }
    let id = format!(
        "origin = {:?}\nkey_name = {:?}\npublic_key = {:?}\n",
        DEMO_ORIGIN,
        DEMO_KEY_NAME,
        hex::encode(key.verifying_key().to_bytes())
    );
    std::fs::write(data.join("identity.toml"), id)
}

struct Demo {
    service: Arc<Service>,
    clock: Clock,
    seed: String,
    made: usize,
}

fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    eprintln!("demo_log: {what}: {e}");
    std::process::exit(1)
}

impl Demo {
    /// Sets the manual clock (UTC).
    fn at(&self, time: &str) {
        let t: jiff::Timestamp = time.parse().unwrap_or_else(|e| fail(time, e));
        let now = self.clock.now();
        self.clock.advance(t.as_second() - now.as_second());
    }

    fn dir(&self) -> Arc<Directory> {
        self.service.directory()
    }

    async fn create(&mut self, actor: &str, body: CreateBody) -> String {
        let draw = validate_create(body, &self.dir(), &self.clock, self.service.config.max_count, false)
            .unwrap_or_else(|e| fail("create", e));
        self.made += 1;
        let (secret, salt) = (
            derived(&self.seed, &format!("secret {}", self.made)),
            derived(&self.seed, &format!("salt {}", self.made)),
        );
        let done = self
            .service
            .submit(Op::Create { actor: actor.into(), draw, secret, salt })
            .await
            .unwrap_or_else(|e| fail("create", e));
        done.draw
    }

    async fn run(&self, actor: &str, draw: &str) {
        self.service
            .submit(Op::Run { actor: actor.into(), draw: draw.into(), evidence: None })
            .await
            .unwrap_or_else(|e| fail("run", e));
    }

    async fn answer(&self, actor: &str, draw: &str, position: u64, outcome: &str, reason: Option<&str>) {
        let b = ResponseBody {
            position: Some(position),
            expert: None,
            outcome: outcome.into(),
            reason: reason.map(String::from),
        };
        let (outcome, reason) = validate_response(&b).unwrap_or_else(|e| fail("response", e));
        let op =
            Op::Respond { actor: actor.into(), draw: draw.into(), target: Target::Position(position), outcome, reason };
        self.service.submit(op).await.unwrap_or_else(|e| fail("response", e));
    }

    /// Positions called and not answered yet, in calling order.
    fn awaiting(&self, draw: &str) -> Vec<u64> {
        let sh = self.service.shared.read().unwrap_or_else(|p| p.into_inner());
        let st = sh.log.draw(draw).unwrap_or_else(|| fail("draw", draw));
        st.called.iter().copied().filter(|p| !st.outcomes.contains_key(p)).collect()
    }

    /// Ids drawn (accepted) in a draw, in position order.
    fn accepted(&self, draw: &str) -> Vec<String> {
        let sh = self.service.shared.read().unwrap_or_else(|p| p.into_inner());
        let st = sh.log.draw(draw).unwrap_or_else(|| fail("draw", draw));
        let order = sh.log.order_of(draw).unwrap_or_else(|e| fail("order", e));
        st.outcomes
            .iter()
            .filter(|(_, o)| **o == expertpool_draw::Outcome::Accepted)
            .filter_map(|(p, _)| order.get(*p as usize).cloned())
            .collect()
    }

    async fn reveal_due(&self) {
        for r in self.service.reveal_due().await {
            r.unwrap_or_else(|e| fail("reveal", e));
        }
    }
}

/// The specialty with the most experts holding an active appointment on `on` (ties by
/// code), so the scenario has enough eligible experts whatever the demo content is.
fn busiest_specialty(dir: &Directory, pool: &str, on: Date) -> String {
    let p = dir.pools.get(pool).unwrap_or_else(|| fail("pool", pool));
    let mut count: std::collections::BTreeMap<String, usize> = Default::default();
    for e in &p.experts {
        if let Some(c) =
            candidate(e, on).filter(|c| c.active && c.appointment_start <= on.0 && on.0 <= c.appointment_end)
        {
            for s in c.specialties {
                *count.entry(s).or_default() += 1;
            }
        }
    }
    let best = count.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)));
    best.map(|(s, _)| s.clone())
        .unwrap_or_else(|| fail("specialty", format!("no appointed expert in pool {pool} on {}", on.0)))
}

/// The employer of the first expert of the pool with `specialty`: a unit under review
/// that some experts of the panel must recuse from.
fn some_employer(dir: &Directory, pool: &str, specialty: &str) -> String {
    let p = &dir.pools[pool];
    p.experts
        .iter()
        .find(|e| e.public.specialties.iter().any(|s| s == specialty))
        .map(|e| e.public.employer.clone())
        .unwrap_or_else(|| "星河市示例职业技能鉴定所".into())
}

fn body(
    pool: &str,
    purpose: &str,
    specialty: &str,
    count: i64,
    event: &str,
    reveal_after: Option<&str>,
    recusal: RecusalBody,
) -> CreateBody {
    CreateBody {
        pool: pool.into(),
        purpose: purpose.into(),
        using_unit: "星城市职业技能鉴定指导中心".into(),
        work_content: format!("{purpose}（{event}）"),
        project: format!("{pool} {purpose} {event}"),
        redo_of: None,
        specialty: specialty.into(),
        min_level: Some(serde_json::json!("中级")),
        count,
        event_date: event.into(),
        reveal_after: reveal_after.map(String::from),
        recusal,
        beacon: None,
    }
}

/// Stops with a clear message when the content no longer lets a draw fill its panel.
fn complete(d: &Demo, draw: &str) {
    let sh = d.service.shared.read().unwrap_or_else(|p| p.into_inner());
    let st = sh.log.draw(draw).unwrap_or_else(|| fail("draw", draw));
    if st.accepted() < st.count {
        fail(
            draw,
            format!(
                "only {} of {} seats filled: too few eligible experts in the demo content",
                st.accepted(),
                st.count
            ),
        );
    }
}

fn recusal(units: Vec<String>, people: Vec<String>) -> RecusalBody {
    RecusalBody { units, people, experts: vec![] }
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| fail(s, e))
}

async fn scenario(d: &mut Demo) {
    let dir = d.dir();
    // 1. 职业能力建设专家库: a skills-assessment panel of 3; every kind of answer.
    d.at("2026-03-02T01:30:00Z");
    let zn = busiest_specialty(&dir, "zhineng", day("2026-03-12"));
    let unit = some_employer(&dir, "zhineng", &zn);
    let d1 = d
        .create(
            "clerk.wang",
            body(
                "zhineng",
                "技能人才评价",
                &zn,
                3,
                "2026-03-12",
                None,
                recusal(vec![unit], vec!["赵立新（项目负责人）".into()]),
            ),
        )
        .await;
    d.at("2026-03-02T01:32:00Z");
    d.run("clerk.wang", &d1).await;
    let answers = [
        ("accepted", None),
        ("declined", Some("出差在外，无法到场")),
        ("no_answer", None),
        ("recused", Some("same_unit: 近期在被评价单位兼职授课")),
    ];
    for (k, (outcome, reason)) in answers.into_iter().enumerate() {
        d.at(&format!("2026-03-02T0{}:00:00Z", 2 + k));
        let p = d.awaiting(&d1)[0];
        d.answer("clerk.wang", &d1, p, outcome, reason).await;
    }
    // The substitutes called in order accept until the panel is complete (the demo
    // content has enough eligible experts; the check below says so if it changes).
    let mut minute = 0;
    while let Some(p) = d.awaiting(&d1).first().copied() {
        minute += 7;
        d.at(&format!("2026-03-02T06:{minute:02}:00Z"));
        d.answer("clerk.wang", &d1, p, "accepted", None).await;
    }

    complete(d, &d1);

    // 2. A directed selection (art. 9(2)) of two experts of the first panel for an urgent
    //    follow-up assessment, with the approval reference.
    d.at("2026-03-09T02:00:00Z");
    let chosen: Vec<String> = d.accepted(&d1).into_iter().take(2).collect();
    let sel = validate_directed(
        DirectedBody {
            pool: Some("zhineng".into()),
            experts: chosen,
            approval_ref: "星人社专审〔2026〕7号".into(),
            approved_by: "市人力资源和社会保障局分管领导".into(),
            reason: "同一评价项目的复核，需原评价组专家参加".into(),
            event_date: "2026-03-16".into(),
            reveal_after: None,
            exception: Some("同一评价项目的复核，需原评价组专家参加".into()),
        },
        &d.dir(),
        &d.clock,
    )
    .unwrap_or_else(|e| fail("directed", e));
    let mut sel = sel;
    sel.for_draw = d1.clone();
    d.made += 1;
    let salt = derived(&d.seed, &format!("salt {}", d.made));
    d.service
        .submit(Op::Directed { actor: "admin.zhao".into(), sel, salt })
        .await
        .unwrap_or_else(|e| fail("directed", e));

    // Names of both are published once their confidentiality time has passed.
    d.at("2026-03-17T01:00:00Z");
    d.reveal_due().await;

    // 3. 高技能人才专家库: a competition jury of 5.
    d.at("2026-05-11T02:00:00Z");
    let gj = busiest_specialty(&dir, "gaojineng", day("2026-05-26"));
    let d3 = d
        .create("clerk.wang", body("gaojineng", "职业技能竞赛评委", &gj, 5, "2026-05-26", None, RecusalBody::default()))
        .await;
    d.at("2026-05-11T02:01:00Z");
    d.run("clerk.wang", &d3).await;
    let mut step = 0;
    while let Some(p) = d.awaiting(&d3).first().copied() {
        step += 1;
        d.at(&format!("2026-05-11T03:{:02}:00Z", step * 3));
        if step == 3 {
            d.answer("clerk.wang", &d3, p, "declined", Some("已受聘担任同期其他赛项裁判")).await;
        } else {
            d.answer("clerk.wang", &d3, p, "accepted", None).await;
        }
    }

    // 4. 职业能力 pool again: whoever was drawn in both of its last two uses (the first
    //    panel and the directed selection) sits this draw out under the pause rule.
    d.at("2026-06-15T01:00:00Z");
    let d4 = d
        .create("clerk.li", body("zhineng", "培训课程标准评审", &zn, 3, "2026-06-24", None, RecusalBody::default()))
        .await;
    d.at("2026-06-15T01:02:00Z");
    d.run("clerk.li", &d4).await;
    let mut step = 0;
    while let Some(p) = d.awaiting(&d4).first().copied() {
        step += 1;
        d.at(&format!("2026-06-15T02:{:02}:00Z", step * 5));
        d.answer("clerk.li", &d4, p, "accepted", None).await;
    }
    complete(d, &d3);
    complete(d, &d4);
    d.at("2026-06-25T01:00:00Z");
    d.reveal_due().await;

    // 5. Committed and run, answers recorded, still sealed until 2026-12-31.
    d.at("2026-11-16T02:00:00Z");
    let d5 = d
        .create(
            "clerk.wang",
            body(
                "gaojineng",
                "技能大师工作室评审",
                &gj,
                5,
                "2026-12-28",
                Some("2026-12-31T00:00:00Z"),
                RecusalBody::default(),
            ),
        )
        .await;
    d.at("2026-11-16T02:03:00Z");
    d.run("clerk.wang", &d5).await;
    for (k, p) in d.awaiting(&d5).into_iter().take(2).enumerate() {
        d.at(&format!("2026-11-16T0{}:00:00Z", 3 + k));
        d.answer("clerk.wang", &d5, p, "accepted", None).await;
    }
    d.at("2026-11-20T01:00:00Z");
    d.reveal_due().await;
}

fn main() {
    let content = PathBuf::from(arg("--content", "content"));
    let out = PathBuf::from(arg("--out", "content/draws/log.json"));
    let seed = arg("--seed", "expertpool-demo-2026");
    let data = std::env::temp_dir().join(format!("expertpool-demo-log-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    demo_identity(&data).unwrap_or_else(|e| fail(&data.display().to_string(), e));
    let clock = Clock::manual("2026-03-02T01:00:00Z".parse().unwrap_or_else(|e| fail("clock", e)));
    let service = Service::open(Options {
        config: Config::default(),
        data: data.clone(),
        content: content.clone(),
        clock: clock.clone(),
    })
    .unwrap_or_else(|e| fail(&content.display().to_string(), e));
    if !service.directory().problems.is_empty() {
        fail("content has errors", service.directory().problems.join("; "));
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap_or_else(|e| fail("runtime", e));
    let mut demo = Demo { service: service.clone(), clock, seed, made: 0 };
    rt.block_on(scenario(&mut demo));
    let export = service.public_export();
    service.shutdown();
    let _ = std::fs::remove_dir_all(&data);

    let text = serde_json::to_string_pretty(&export).unwrap_or_else(|e| fail("export", e)) + "\n";
    let report = expertpool_draw::verify_log(&text);
    if !report.ok() {
        fail("the generated log does not verify", report);
    }
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(&dir.display().to_string(), e));
    }
    std::fs::write(&out, text).unwrap_or_else(|e| fail(&out.display().to_string(), e));
    println!("wrote {} ({} entries, verified)", out.display(), report.size);
}
