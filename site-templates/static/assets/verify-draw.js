// Verifying one draw on its page, from the draw's proof file (draws/<id>/proof.json): its
// entries, each entry's hash with an inclusion proof in the tree of the latest signed
// checkpoint, and that checkpoint. Needs verify.js (loaded before it) for the protocol's
// functions: hashing (Hj, H), the Merkle proof (leafHash, inclusionOk), the checkpoint
// signature (checkpoint) and the entry checks (verifyEntry), which it reuses unchanged.
//
// Each entry is checked in this order, and the verdict names the first entry that fails,
// with the first of its checks that fails (never a later entry for an earlier one's fault):
// parse, draw, seq, hash (content against the stated hash), inclusion (stated hash in the
// signed tree), sealed (payload against its seal), time, then the protocol's checks of the
// entry's kind. A content/hash mismatch names, where the entry's own checks can tell, the
// field that is wrong.
"use strict";

const DRAW_KINDS = { commit: "承诺", run: "抽取", call: "递补通知", response: "答复", directed: "定向选用",
  reveal: "公布名单", cancel: "取消", withdrawal: "退出", attendance: "到场情况" };
// What each failing check says about its entry, and the field it names.
const DRAW_FAILS = {
  parse: ["格式不正确", "格式"],
  draw: ["不属于本次抽取", "所属抽取"],
  seq: ["的序号与其在日志中的位置不符", "序号"],
  hash: ["的内容与其哈希不符", "内容"],
  inclusion: ["不在局方签名的日志树中（包含证明不成立）", "包含证明"],
  uncovered: ["尚未纳入签名树头", "包含证明"],
  sealed: ["的密封内容与其密封哈希不符", "密封内容"],
  time: ["的时间格式错误或早于前一条", "时间"],
  commit: ["的承诺内容格式不正确或重复", "承诺内容"],
  secret: ["公开的密钥与密钥承诺值不符", "密钥"],
  inputs: ["公开的名单或申请与承诺值不符", "名单与申请"],
  pause: ["的暂停规则核对不符", "暂停规则"],
  before_draw: ["的信标值或承诺顺序不符", "信标值"],
  called_in_order: ["通知的顺位不符合按序通知规则", "通知顺位"],
  order: ["的顺序哈希与复算出的顺序不符", "顺序哈希"],
  response: ["的答复内容不合规则", "答复内容"],
  directed: ["的批准信息不完整", "批准信息"],
  reveal: ["公布的名单与抽取顺序不符", "公布的名单"],
  kind: ["的类型无法识别", "类型"],
};
const DRAW_CHECKS = { parse: "格式", draw: "所属抽取", seq: "序号", hash: "内容与哈希一致", inclusion: "包含在签名日志树中",
  sealed: "密封内容", time: "时间", commit: "承诺内容", secret: "密钥与承诺一致", inputs: "名单与申请与承诺一致",
  pause: "暂停规则", before_draw: "先承诺后抽取", called_in_order: "严格按序通知", order: "排序可复算",
  response: "答复", directed: "定向选用（已批准）", reveal: "公布名单", kind: "条目类型" };
const DRAW_ENTRY_KEYS = ["seq", "prev", "time", "actor", "kind", "draw", "body"];

const kindName = (k) => DRAW_KINDS[k] || `其他记录（${k}）`;
const isHex64 = (s) => typeof s === "string" && /^[0-9a-f]{64}$/.test(s);

function entryShapeOk(e) {
  if (!e || typeof e !== "object" || Array.isArray(e)) return false;
  const keys = Object.keys(e);
  return DRAW_ENTRY_KEYS.every((k) => keys.includes(k)) &&
    keys.every((k) => DRAW_ENTRY_KEYS.includes(k) || k === "sealed" || k === "payload") &&
    ["prev", "time", "actor", "kind", "draw"].every((k) => typeof e[k] === "string") &&
    Number.isInteger(e.seq) && e.seq >= 0 && e.body && typeof e.body === "object" && !Array.isArray(e.body);
}

// Returns { entries: [{ number, seq, kind, checks: [{name, ok, detail}] }], checkpoint: {...} }.
async function verifyDraw(file) {
  if (!file || file.format !== "expertpool-draw-proof/v1" || !Array.isArray(file.entries))
    throw new Error("不是抽取证明文件（expertpool-draw-proof/v1）");
  // The checkpoint first: every inclusion proof is checked against its root.
  let cp = null, cpError = null;
  try {
    const pub = unhex(String(file.public_key));
    if (pub.length !== 32) throw new Error("公钥格式错误");
    if (typeof file.checkpoint !== "string") throw new Error("没有签名树头");
    cp = await checkpoint(file.checkpoint, String(file.key_name || ""), pub);
    if (cp.origin !== file.origin) { cpError = "签名树头不属于本日志（来源不符）"; cp = null; }
  } catch (x) { cpError = x.message === "签名无效" ? "签名树头的签名无效" : `签名树头无法验证：${x.message}`; }

  const revealed = file.entries.some((it) => it && it.entry && it.entry.kind === "reveal");
  const draws = new Map(), hs = [], out = [];
  let prevTime = "";
  for (let n = 0; n < file.entries.length; n++) {
    const item = file.entries[n] || {}, e = item.entry;
    const row = { number: n + 1, seq: e && e.seq, kind: e && e.kind, checks: [] };
    out.push(row);
    const chk = (name, ok, detail = "") => row.checks.push({ name, ok, detail });
    if (!entryShapeOk(e)) { chk("parse", false, "条目格式错误"); continue; }
    chk("parse", true);
    chk("draw", e.draw === file.draw, e.draw);
    chk("seq", e.seq === item.index, `日志序号 ${e.seq}`);
    const copy = Object.assign({}, e); delete copy.payload;
    let own = null;
    try { own = await Hj("entry", copy); } catch (x) { /* unencodable: fails below */ }
    hs[e.seq] = own;
    chk("hash", !!own && isHex64(item.hash) && hex(own) === item.hash, own ? hex(own).slice(0, 16) + "…" : "无法计算哈希");
    if (!cp) chk("inclusion", null, cpError || "");
    else if (!Array.isArray(item.proof)) chk("inclusion", e.seq < cp.size ? false : null, "尚未纳入签名树头");
    else {
      let ok = false;
      try {
        ok = isHex64(item.hash) && await inclusionOk(await leafHash(unhex(item.hash)), e.seq, cp.size,
          item.proof.map(unhex), cp.root);
      } catch (x) { ok = false; }
      chk("inclusion", ok, `签名树头大小 ${cp.size}`);
    }
    if ("sealed" in e && e.payload !== undefined) {
      let ok = false;
      try { ok = hex(await Hj("sealed", e.payload)) === e.sealed; } catch (x) { /* unencodable */ }
      chk("sealed", ok);
    } else if (e.payload !== undefined) chk("sealed", false, "有内容但无密封哈希");
    else if ("sealed" in e) chk("sealed", revealed ? false : null, revealed ? "已公布但缺少密封内容" : "公布前保密");
    chk("time", ts(e.time) && e.time >= prevTime, beijingTime(e.time));
    if (ts(e.time)) prevTime = e.time;
    // The protocol's checks of this kind, against this draw's earlier entries only. The
    // pause rule depends on other draws: it is checked on the whole log (verify page).
    const kindChk = (name, ok, detail = "") =>
      name === "pause" ? chk("pause", null, "暂停规则涉及其他抽取，请在验证工具中核对整个日志") : chk(name, ok, detail);
    try { await verifyEntry(e.seq, e, e.body, draws, hs, kindChk); } catch (x) {
      chk(["commit", "directed", "reveal", "response"].includes(e.kind) ? e.kind : "called_in_order", false, String(x));
    }
  }
  return { entries: out, checkpoint: cp, checkpointError: cpError };
}

// The first failure: entries in order, the first failing check of that entry; a failing
// checkpoint only when no entry fails (a bad signature fails every inclusion with it).
function firstDrawFailure(result) {
  for (const row of result.entries) {
    const bad = row.checks.find((c) => c.ok === false);
    if (!bad) continue;
    let text = `第 ${row.number} 条（${kindName(row.kind)}）${DRAW_FAILS[bad.name] ? DRAW_FAILS[bad.name][0] : "未通过“" + bad.name + "”检查"}`;
    if (bad.name === "hash") {
      // Which field: the entry's own checks that fail say what is wrong with it.
      const hint = row.checks.find((c) => c.ok === false && c.name !== "hash" && c.name !== "inclusion");
      if (hint && DRAW_FAILS[hint.name]) text += `：${DRAW_FAILS[hint.name][1]}有误（${DRAW_FAILS[hint.name][0].replace(/^的/, "")}）`;
      return { row, check: hint ? hint.name : "hash", hashMismatch: true, text };
    }
    return { row, check: bad.name, text };
  }
  if (result.checkpointError) return { row: null, check: "checkpoint", text: result.checkpointError };
  return null;
}

function showDrawVerdict(result, ms) {
  const v = $("verdict"), first = firstDrawFailure(result);
  v.setAttribute("data-ms", String(Math.round(ms)));
  v.setAttribute("data-verdict", first ? "fail" : "ok");
  v.setAttribute("data-failed-entry", first && first.row ? String(first.row.number) : "");
  v.setAttribute("data-failed-seq", first && first.row ? String(first.row.seq) : "");
  v.setAttribute("data-failed-check", first ? first.check : "");
  v.setAttribute("data-first-failure", first ? (first.row ? `entry ${first.row.number}: ${first.hashMismatch ? "hash" : first.check}` : "log: checkpoint") : "");
  v.className = first ? "verdict fail" : "verdict ok";
  if (first) { v.textContent = `验证失败：${first.text}。`; return; }
  const n = result.entries.length, skipped = result.entries.some((r) => r.checks.some((c) => c.ok === null && c.name !== "pause"));
  const cp = result.checkpoint;
  v.textContent = `验证通过：本次抽取的全部 ${n} 条记录与其哈希一致，均包含在局方签名的日志树中（签名树头共 ${cp.size} 条，` +
    (cp.signed ? "签名有效" : "本浏览器不支持 Ed25519，签名未验证") + "），承诺、排序与按序通知核对无误。" +
    (skipped ? "部分内容在名单公布前暂不可验。" : "");
}

function renderDrawReport(result) {
  const status = { true: ["ok", "通过"], false: ["fail", "不通过"], null: ["skip", "暂不可验"] };
  const out = $("report");
  out.replaceChildren();
  for (const row of result.entries) {
    const tbody = el("tbody");
    for (const c of row.checks) {
      const [cls, word] = status[c.ok];
      tbody.append(el("tr", { "data-check": c.name, "data-status": cls, class: cls },
        el("td", { "data-label": "检查" }, DRAW_CHECKS[c.name] || c.name), el("td", { "data-label": "结果" }, word),
        el("td", { "data-label": "说明" }, c.detail || "")));
    }
    const bad = row.checks.some((c) => c.ok === false);
    out.append(el("section", { class: "entry" + (bad ? " bad" : ""), "data-entry": String(row.number) },
      el("h3", {}, `第 ${row.number} 条 · ${kindName(row.kind)} · 日志序号 ${row.seq}`),
      el("table", { class: "list-table checks" }, tbody)));
  }
}

async function verifyThisDraw() {
  const section = document.querySelector("[data-proof]");
  const v = $("verdict");
  v.textContent = "正在验证……";
  const started = performance.now();
  try {
    const response = await fetch(section.getAttribute("data-proof"), { cache: "no-store" });
    if (!response.ok) throw new Error(`无法下载证明文件（${response.status}）`);
    const file = await response.json();
    const result = await verifyDraw(file);
    renderDrawReport(result);
    showDrawVerdict(result, performance.now() - started);
  } catch (x) {
    v.setAttribute("data-verdict", "fail");
    v.setAttribute("data-first-failure", "error");
    v.className = "verdict fail";
    v.textContent = "验证出错：" + x.message;
  }
}

window.addEventListener("DOMContentLoaded", () => {
  const button = $("verify-draw");
  if (!button) return;
  button.addEventListener("click", verifyThisDraw);
  if (location.hash === "#verify") verifyThisDraw();
});
