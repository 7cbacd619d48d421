//! Writes the seed corpus of every fuzz target into `fuzz/corpus/<target>/` from the demo
//! content, the test instances and the published log vectors:
//! `cargo run -p expertpool-fuzz --example seed_corpus`. The committed corpus is these
//! seeds plus the inputs libFuzzer found that reach new code, minimised (`cargo fuzz cmin`).

use std::path::{Path, PathBuf};

fn main() {
    let root = expertpool_testkit::repo_root();
    let corpus = root.join("fuzz/corpus");
    let content = root.join("content");

    // records_parse: one byte naming the kind of file, then a file of that kind.
    let mut seeds = Vec::new();
    let kinds: [(u8, Vec<PathBuf>); 9] = [
        (
            0,
            pick(&content.join("pools/zhineng/experts"), 3)
                .into_iter()
                .chain(pick(&content.join("pools/gaojineng/experts"), 3))
                .collect(),
        ),
        (1, vec![content.join("pools/zhineng/pool.toml"), content.join("pools/gaojineng/pool.toml")]),
        (2, pick(&content.join("calendar"), 2)),
        (3, vec![content.join("site.toml")]),
        (4, vec![content.join("specialties.toml")]),
        (5, pick(&content.join("notices"), 2)),
        (6, pick(&content.join("calls"), 2)),
        (7, pick(&content.join("pages"), 1)),
        (8, pick(&content.join("private/experts"), 3)),
    ];
    for (kind, files) in kinds {
        for file in files {
            seeds.push(prefixed(kind, &std::fs::read(&file).unwrap()));
        }
    }
    write(&corpus.join("records_parse"), "seed", &seeds);

    // records_check: one byte naming the file of the small instance (in name order), then
    // its own bytes — each seed is the unchanged instance seen through one file.
    let small = root.join("crates/staff/tests/fixtures/instance");
    let mut files = Vec::new();
    collect(&small, &mut files);
    files.sort();
    let seeds: Vec<Vec<u8>> =
        files.iter().enumerate().map(|(i, f)| prefixed(i as u8, &std::fs::read(f).unwrap())).collect();
    write(&corpus.join("records_check"), "seed", &seeds);

    // import_sheet: CSV and .xlsx tables (flags byte: bit 0 xlsx, bit 1 unit given).
    let headers = [
        "序号",
        "姓名",
        "性别",
        "身份证号码",
        "职业/专业",
        "工作单位",
        "职称/职业资格等级",
        "获得荣誉",
        "联系电话",
        "出生年月",
    ];
    let rows = vec![
        person(1, "张一", "男", "19780601", "数控加工", "星河示例机械有限公司", "高级工程师"),
        person(2, "李二", "女", "19850312", "模具设计与制造", "星河示例机械有限公司", "一级/高级技师"),
    ];
    let mut csv = String::from("\u{feff}附件2 推荐汇总表\r\n推荐单位：星河示例机械有限公司\r\n\r\n");
    csv += &headers.join(",");
    csv += "\r\n";
    for row in &rows {
        csv += &row.join(",");
        csv += "\r\n";
    }
    let mut xlsx = rust_xlsxwriter::Workbook::new();
    let sheet = xlsx.add_worksheet();
    sheet.write_string(0, 0, "推荐单位：星河示例机械有限公司").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(2 + r as u32, c as u16, cell).unwrap();
        }
    }
    sheet.merge_range(4, 5, 5, 5, "星河示例机械有限公司", &rust_xlsxwriter::Format::new()).unwrap();
    let seeds = vec![
        prefixed(0, csv.as_bytes()),
        prefixed(2, csv.replace("推荐单位：星河示例机械有限公司\r\n", "").as_bytes()),
        prefixed(0, &expertpool_records::annex2::blank_csv()),
        prefixed(1, &xlsx.save_to_buffer().unwrap()),
        prefixed(3, &expertpool_records::annex2::blank_xlsx("推荐汇总表").unwrap()),
    ];
    write(&corpus.join("import_sheet"), "seed", &seeds);

    // api_bodies: one byte naming the endpoint (create, run, responses, directed), then a body.
    let bodies: [(u8, &str); 10] = [
        (
            0,
            r#"{"pool": "zhineng", "purpose": "技能人才评价", "specialty": "ZZ-01", "min_level": "中级", "count": 3, "event_date": "2026-12-01", "recusal": {"units": ["91990000MA0000001X", "云港模具厂"], "people": ["张项目"], "experts": ["ZN-T01"]}}"#,
        ),
        (
            0,
            r#"{"pool": "zhineng", "purpose": "项目评审", "specialty": "ZZ-02", "min_level": 3, "count": 2, "event_date": "2026-12-24", "reveal_after": "2026-12-25T10:00:00Z", "beacon": {"source": "drand/quicknet", "round": 123}}"#,
        ),
        (1, r#"{"beacon_value": "00ff10ab"}"#),
        (1, "{}"),
        (2, r#"{"expert": "ZN-T02", "outcome": "declined", "reason": "出差在外"}"#),
        (2, r#"{"position": 3, "outcome": "recused", "reason": "same_unit: 曾在申报单位兼职"}"#),
        (2, r#"{"expert": "ZN-T03", "outcome": "no_answer"}"#),
        (2, r#"{"position": 1, "outcome": "accepted"}"#),
        (
            3,
            r#"{"experts": ["ZN-T01", "ZN-T02"], "approval_ref": "星人社批〔2026〕8号", "approved_by": "局长办公会", "reason": "评价急需", "event_date": "2026-12-01"}"#,
        ),
        (
            3,
            r#"{"pool": "zhineng", "experts": ["ZN-T05"], "approval_ref": "批〔2026〕9号", "approved_by": "局长办公会", "reason": "急需", "event_date": "2026-12-02", "reveal_after": "2026-12-03T00:00:00Z"}"#,
        ),
    ];
    let seeds: Vec<Vec<u8>> = bodies.iter().map(|(e, b)| prefixed(*e, b.as_bytes())).collect();
    write(&corpus.join("api_bodies"), "seed", &seeds);

    // verify_log: the valid logs and a few tampered ones of the published vectors.
    let logs = root.join("crates/draw/tests/vectors/logs");
    let names = [
        "log-ok.json",
        "log-before-reveal.json",
        "tampered-edit-checkpoint.json",
        "tampered-swap-entries.json",
        "tampered-pause-ignored.json",
        "tampered-directed-unapproved.json",
    ];
    let seeds: Vec<Vec<u8>> = names.iter().map(|n| std::fs::read(logs.join(n)).unwrap()).collect();
    write(&corpus.join("verify_log"), "seed", &seeds);

    // verify_mutation: base log, place (u32 LE), change kind, replacement text.
    let mut seeds = Vec::new();
    for (i, place) in [0u32, 3, 17, 40, 99, 150, 301, 555, 1000, 2024].iter().enumerate() {
        let mut seed = vec![(i % 2) as u8];
        seed.extend_from_slice(&place.to_le_bytes());
        seed.push((i % 4) as u8);
        seed.extend_from_slice(["", "x", "2026-01-01", "ZN-T01", "0"][i % 5].as_bytes());
        seeds.push(seed);
    }
    write(&corpus.join("verify_mutation"), "seed", &seeds);

    // journal: the entries of the revealed log, one compact JSON line each, as the service
    // writes them, up to the first whose payload the public file withholds; and the same
    // journal with a torn last line, as a crash mid-write leaves it.
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(logs.join("log-ok.json")).unwrap()).unwrap();
    let mut lines = String::new();
    for entry in log["entries"].as_array().unwrap() {
        if entry.get("sealed").is_some_and(|s| !s.is_null()) && entry.get("payload").is_none_or(|p| p.is_null()) {
            break;
        }
        lines += &serde_json::to_string(entry).unwrap();
        lines.push('\n');
    }
    let torn = lines.as_bytes()[..lines.len() - 40].to_vec();
    let seeds = vec![lines.into_bytes(), torn];
    write(&corpus.join("journal"), "seed", &seeds);
}

/// The first `n` files of a folder in name order.
fn pick(dir: &Path, n: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_file()).collect();
    files.sort();
    files.truncate(n);
    files
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() { collect(&path, out) } else { out.push(path) }
    }
}

fn prefixed(first: u8, bytes: &[u8]) -> Vec<u8> {
    let mut out = vec![first];
    out.extend_from_slice(bytes);
    out
}

/// An annex-2 row of a fictional person with a valid resident id number.
fn person(n: u16, name: &str, gender: &str, birth: &str, occupation: &str, employer: &str, level: &str) -> Vec<String> {
    let first17 = format!("449905{birth}{:03}", 2 * n + u16::from(gender == "男"));
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize] as char;
    [
        &n.to_string(),
        name,
        gender,
        &format!("{first17}{check}"),
        occupation,
        employer,
        level,
        "无",
        &format!("1380000000{n}"),
        &birth[..6],
    ]
    .map(String::from)
    .to_vec()
}

fn write(dir: &Path, prefix: &str, seeds: &[Vec<u8>]) {
    std::fs::create_dir_all(dir).unwrap();
    for (i, seed) in seeds.iter().enumerate() {
        std::fs::write(dir.join(format!("{prefix}-{i:02}")), seed).unwrap();
    }
    println!("{}: {} seeds", dir.display(), seeds.len());
}
