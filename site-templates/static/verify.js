// Browser verifier of expertpool draw logs, written from the expertpool-draw/v1 specification.
// Vanilla JS and WebCrypto only (SHA-256, HMAC, Ed25519); no libraries, no network
// except the log or vectors file named in the query string (relative URLs).
"use strict";

const TAG = "expertpool-draw/v1/";
const REASONS = ["inactive", "not_appointed", "specialty", "level", "named_exclusion", "same_unit",
  "recent_employment", "recent_collaboration", "declared_relation", "pause"];
const OUTCOMES = ["accepted", "declined", "recused", "no_answer"];
const ENTRY_KEYS = ["seq", "prev", "time", "actor", "kind", "draw", "body"];
const enc = new TextEncoder();
const subtle = crypto.subtle;

const utf8 = (s) => enc.encode(s);
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
function unhex(s) {
  if (typeof s !== "string" || s.length % 2 || /[^0-9a-fA-F]/.test(s)) throw new Error("not hex");
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.substr(i * 2, 2), 16);
  return out;
}
function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
function cmpBytes(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
const cmpUtf8 = (a, b) => cmpBytes(utf8(a), utf8(b));
const asBytes = (f) => (typeof f === "string" ? utf8(f) : f);
function lp(b) {
  const out = new Uint8Array(4 + b.length);
  new DataView(out.buffer).setUint32(0, b.length, false);
  out.set(b, 4);
  return out;
}
const sha256 = async (b) => new Uint8Array(await subtle.digest("SHA-256", b));
const H = (tag, ...fields) => sha256(concat([lp(utf8(TAG + tag)), ...fields.map((f) => lp(asBytes(f)))]));

// Canonical JSON (spec 2.4): integers in 0..2^53 only, keys sorted by UTF-8 bytes.
function cj(v) {
  if (v === null || v === true || v === false) return String(v);
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 0 && v < 2 ** 53) return String(v);
    throw new Error("number is not an integer in 0..2^53");
  }
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return "[" + v.map(cj).join(",") + "]";
  return "{" + Object.keys(v).sort(cmpUtf8).map((k) => JSON.stringify(k) + ":" + cj(v[k])).join(",") + "}";
}
const Hj = (tag, v) => H(tag, utf8(cj(v)));
const nfc = (s) => s.normalize("NFC");
function canonical(ids) {
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === "string" && i && nfc(i) === i)) return false;
  for (let i = 1; i < ids.length; i++) if (cmpUtf8(ids[i - 1], ids[i]) >= 0) return false;
  return true;
}
async function hmac(key, msg) {
  const k = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await subtle.sign("HMAC", k, msg));
}

// Spec 4: sort by HMAC score, ties by id bytes.
async function order(eligible, secret, ctx, beacon) {
  const key = await hmac(secret, concat([lp(utf8(TAG + "order-key")), lp(beacon), lp(ctx)]));
  const k = await subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const label = lp(utf8(TAG + "score"));
  const scored = await Promise.all(eligible.map(async (id) => {
    const n = nfc(id);
    return { id: n, b: utf8(n), s: new Uint8Array(await subtle.sign("HMAC", k, concat([label, lp(utf8(n))]))) };
  }));
  scored.sort((x, y) => cmpBytes(x.s, y.s) || cmpBytes(x.b, y.b));
  return scored.map((x) => x.id);
}

// RFC 9162 Merkle tree (spec 5.5).
const leafHash = (h) => sha256(concat([Uint8Array.of(0), h]));
const nodeHash = (l, r) => sha256(concat([Uint8Array.of(1), l, r]));
async function mroot(leaves) {
  if (leaves.length === 0) return sha256(new Uint8Array(0));
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(await mroot(leaves.slice(0, k)), await mroot(leaves.slice(k)));
}
async function inclusionOk(leaf, i, n, proof, root) {
  if (i >= n) return false;
  let fn = i, sn = n - 1, r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
    } else r = await nodeHash(r, p);
    fn = Math.floor(fn / 2); sn = Math.floor(sn / 2);
  }
  return sn === 0 && cmpBytes(r, root) === 0;
}

const b64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
let ed25519Supported = true;
// Spec 5.5: C2SP signed note with an Ed25519 signature.
async function checkpoint(note, name, pub) {
  const cut = note.indexOf("\n\n");
  if (cut < 0) throw new Error("malformed checkpoint note");
  const body = note.slice(0, cut), lines = body.split("\n");
  if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new Error("malformed checkpoint note");
  const root = b64(lines[2]);
  // Every line after the blank one is a signature line, and the note ends with a newline.
  const sigs = note.slice(cut + 2);
  if (!sigs.endsWith("\n") || !sigs.slice(0, -1).split("\n").every((l) => /^\u2014 [^ ]+ [A-Za-z0-9+/=]+$/.test(l)))
    throw new Error("malformed checkpoint note");
  const kid = (await sha256(concat([utf8(name + "\n"), Uint8Array.of(1), pub]))).slice(0, 4);
  for (const line of note.slice(cut + 2).split("\n")) {
    if (!line.startsWith("\u2014 " + name + " ")) continue;
    const blob = b64(line.split(" ").pop());
    if (blob.length !== 68 || cmpBytes(blob.slice(0, 4), kid) !== 0) continue;
    let ok = null;
    try {
      const key = await subtle.importKey("raw", pub, { name: "Ed25519" }, false, ["verify"]);
      ok = await subtle.verify({ name: "Ed25519" }, key, blob.slice(4), utf8(body + "\n"));
    } catch (e) { ed25519Supported = false; }
    if (ok === false) throw new Error("签名无效");
    return { origin: lines[0], size: Number(lines[1]), root, signed: ok };
  }
  throw new Error("没有该日志密钥的签名");
}

function ts(s) {
  if (typeof s !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(s)) return false;
  const d = new Date(s);
  return !isNaN(d) && d.toISOString() === s.replace("Z", ".000Z");
}
const hx = (s) => typeof s === "string" && /^[0-9a-f]{64}$/.test(s);
const isInt = (v) => Number.isInteger(v) && v >= 0;
// Spec 3.1: exactly {pause, employment_months, collaboration_months}, months 0-1200.
const rulesOk = (r) => !!r && typeof r === "object" && !Array.isArray(r) &&
  JSON.stringify(Object.keys(r).sort()) === '["collaboration_months","employment_months","pause"]' &&
  typeof r.pause === "boolean" && [r.employment_months, r.collaboration_months].every((n) => isInt(n) && n <= 1200);

// Spec 6. Returns [{i (null for file-level), name, ok (true/false/null = skipped), detail}].
async function verifyLog(doc) {
  const out = [];
  const ents = doc && doc.entries;
  if (!Array.isArray(ents) || doc.format !== "expertpool-draw-log/v1")
    return [{ i: null, name: "format", ok: false, detail: "不是 expertpool-draw-log/v1 文件" }];
  const hs = [];
  for (const e of ents) {
    try {
      const c = Object.assign({}, e); delete c.payload;
      hs.push(e && typeof e === "object" && !Array.isArray(e) ? await Hj("entry", c) : null);
    } catch (x) { hs.push(null); }
  }
  const revealed = new Set(ents.filter((e) => e && e.kind === "reveal").map((e) => e.draw));
  const draws = new Map(), requestKeys = new Map();
  let prevTime = "";
  for (let i = 0; i < ents.length; i++) {
    const e = ents[i];
    const chk = (name, ok, detail = "") => out.push({ i, name, ok, detail });
    const keys = e && typeof e === "object" ? Object.keys(e) : [];
    const wellFormed = hs[i] && ENTRY_KEYS.every((k) => keys.includes(k)) &&
      keys.every((k) => ENTRY_KEYS.includes(k) || k === "sealed" || k === "payload") &&
      ["prev", "time", "actor", "kind", "draw"].every((k) => typeof e[k] === "string") &&
      isInt(e.seq) && (!("sealed" in e) || typeof e.sealed === "string");
    if (!wellFormed) { chk("parse", false, "条目格式错误"); continue; }
    chk("parse", true);
    chk("seq", e.seq === i);
    const want = i === 0 ? new Uint8Array(32) : hs[i - 1];
    chk("chain", !!want && e.prev === hex(want), i ? "" : "首条");
    chk("time", ts(e.time) && e.time >= prevTime, e.time);
    if (ts(e.time)) prevTime = e.time;
    const pay = e.payload;
    if ("sealed" in e && pay !== undefined) {
      let ok = false;
      try { ok = hex(await Hj("sealed", pay)) === e.sealed; } catch (x) { /* unencodable */ }
      chk("sealed", ok);
    } else if (pay !== undefined) chk("sealed", false, "有内容但无密封哈希");
    else if ("sealed" in e) chk("sealed", revealed.has(e.draw) ? false : null, revealed.has(e.draw) ? "已公开但缺少密封内容" : "公开前保密");
    const b = e.body;
    if (!b || typeof b !== "object" || Array.isArray(b)) { chk("kind", false, "body 不是对象"); continue; }
    try { await verifyEntry(i, e, b, draws, hs, chk, requestKeys); } catch (x) {
      chk(["commit", "directed", "reveal", "response", "cancel", "withdrawal", "attendance"].includes(e.kind) ? e.kind : "called_in_order", false, String(x));
    }
  }
  const leaves = [];
  for (const h of hs) leaves.push(await leafHash(h || new Uint8Array(32)));
  let pub;
  try { pub = unhex(doc.public_key); if (pub.length !== 32) throw 0; } catch (x) {
    return out.concat([{ i: null, name: "public_key", ok: false, detail: "公钥格式错误" }]);
  }
  const notes = Array.isArray(doc.checkpoints) ? doc.checkpoints : [];
  if (!notes.length) out.push({ i: null, name: "checkpoint", ok: false, detail: "没有签名树头" });
  for (let j = 0; j < notes.length; j++) {
    const name = `checkpoint[${j}]`;
    try {
      const cp = await checkpoint(String(notes[j]), String(doc.key_name || ""), pub);
      const ok = cp.origin === doc.origin && cp.size <= leaves.length &&
        cmpBytes(await mroot(leaves.slice(0, cp.size)), cp.root) === 0;
      out.push({ i: null, name, ok, detail: `大小 ${cp.size}` + (cp.signed ? "，签名有效" : "，本浏览器不支持 Ed25519，未验签") });
    } catch (x) { out.push({ i: null, name, ok: false, detail: x.message }); }
  }
  if ("witnesses" in doc) {
    if (!Array.isArray(doc.witnesses)) return out.concat([{ i: null, name: "witnesses", ok: false, detail: "witnesses 不是列表" }]);
    for (let j = 0; j < doc.witnesses.length; j++) {
      const name = `witness[${j}]`;
      try { out.push({ i: null, name, ok: true, detail: await witness(doc.witnesses[j], doc, pub, leaves) }); }
      catch (x) { out.push({ i: null, name, ok: false, detail: x.message }); }
    }
  }
  return out;
}

// Spec 5.7: one item of the witnesses list — the log's checkpoint, cosigned by the witness.
async function witness(w, doc, pub, leaves) {
  if (!w || typeof w !== "object") throw new Error("见证项不是对象");
  const { name, public_key: keyHex, size, timestamp, checkpoint: note } = w;
  if (typeof name !== "string" || !name) throw new Error("缺少见证方名称");
  if (typeof keyHex !== "string" || !/^[0-9a-f]{64}$/.test(keyHex)) throw new Error("见证方公钥格式错误");
  if (!isInt(size) || !isInt(timestamp) || typeof note !== "string") throw new Error("size、timestamp 或 checkpoint 格式错误");
  const wkey = unhex(keyHex);
  let key;
  try { key = await subtle.importKey("raw", wkey, { name: "Ed25519" }, false, ["verify"]); }
  catch (x) { throw new Error("见证方公钥不是 Ed25519 公钥"); }
  const cp = await checkpoint(note, String(doc.key_name || ""), pub);
  if (cp.origin !== doc.origin || cp.size !== size || size > leaves.length ||
      cmpBytes(await mroot(leaves.slice(0, size)), cp.root) !== 0)
    throw new Error("见证方签署的树头与本日志的记录不符");
  const cut = note.indexOf("\n\n"), body = note.slice(0, cut) + "\n";
  const kid = (await sha256(concat([utf8(name + "\n"), Uint8Array.of(4), wkey]))).slice(0, 4);
  for (const line of note.slice(cut + 2).split("\n")) {
    if (!line.startsWith("\u2014 " + name + " ")) continue;
    let blob;
    try { blob = b64(line.split(" ").pop()); } catch (x) { continue; }
    if (blob.length !== 76 || cmpBytes(blob.slice(0, 4), kid) !== 0) continue;
    const t = new DataView(blob.buffer, blob.byteOffset + 4, 8).getBigUint64(0);
    if (t >= 2n ** 63n) continue;
    const msg = utf8(`cosignature/v1\ntime ${t}\n` + body);
    if (!(await subtle.verify({ name: "Ed25519" }, key, blob.slice(12), msg))) continue;
    if (t !== BigInt(timestamp)) throw new Error("timestamp 与见证签名中的时间不符");
    return `${name} 联署了大小为 ${size} 的树头`;
  }
  throw new Error(`没有 ${name} 的有效见证签名`);
}

// ---- expertpool-draw/v2 (spec 10): same hashes as v1, exact keys, beacons, request keys ----
const V2 = "expertpool-draw/v2";
const COMMIT_V2 = ["algorithm", "eligibility", "pool", "count", "reveal_after", "rules", "request_hash", "snapshot_hash",
  "eligible_count", "eligible_commit", "excluded_count", "excluded_commit", "secret_commit", "beacon", "using_unit",
  "purpose", "work_content", "specialty", "min_level", "event_date", "request_key", "redo_of"];
const REQUEST_V2 = ["draw", "pool", "purpose", "specialty", "min_level", "count", "event_date", "reveal_after", "recusal",
  "rules", "using_unit", "work_content", "project"];
const DIRECTED_V2 = ["algorithm", "pool", "approval_ref", "approved_by", "count", "reveal_after", "request_key",
  "stands_in_for", "exception"];
const QUICKNET = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971";
const GENESIS = 1692803367, PERIOD = 3;
// Unicode White_Space (spec 10.1); a blank text is empty after trimming it.
const WS = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
const blank = (t) => typeof t !== "string" || WS.test(t);
const hasWs = (t) => /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(t);
const isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
const keysAre = (v, want) => isObj(v) && JSON.stringify(Object.keys(v).sort()) === JSON.stringify([...want].sort());
const lhex = (t, n) => typeof t === "string" && t.length === 2 * n && /^[0-9a-f]*$/.test(t);
function isDate(t) {
  if (typeof t !== "string" || !/^\d{4}-\d\d-\d\d$/.test(t)) return false;
  const d = new Date(t + "T00:00:00Z");
  return !isNaN(d) && d.toISOString().slice(0, 10) === t;
}
const unixOf = (t) => Date.parse(t) / 1000;
const beijingDate = (t) => new Date((unixOf(t) + 8 * 3600) * 1000).toISOString().slice(0, 10);
const roundTime = (r) => GENESIS + (r - 1) * PERIOD;
function lotteryNorm(t) {
  const nums = (t.normalize("NFKC").match(/[0-9]+/g) || []).map((x) => x.replace(/^0+(?=.)/, ""));
  if (!nums.length) throw new Error("开奖结果中没有号码");
  return nums.join(",");
}
function beaconNamedOk(bc, t) {
  if (!isObj(bc)) return false;
  if (bc.kind === "drand") return keysAre(bc, ["kind", "chain_hash", "round"]) && bc.chain_hash === QUICKNET &&
    isInt(bc.round) && bc.round > 0 && bc.round < 2 ** 53 && roundTime(bc.round) > unixOf(t);
  if (bc.kind === "lottery") return keysAre(bc, ["kind", "lottery", "issue", "draw_date", "url"]) &&
    ["lottery", "issue", "draw_date", "url"].every((k) => typeof bc[k] === "string") && !blank(bc.lottery) &&
    !blank(bc.issue) && (bc.url.startsWith("https://") || bc.url.startsWith("http://")) && !hasWs(bc.url) &&
    isDate(bc.draw_date) && bc.draw_date > beijingDate(t);
  if (bc.kind === "none") return keysAre(bc, ["kind"]);
  return false;
}
function commitV2Ok(b, t) {
  if (!keysAre(b, COMMIT_V2)) return false;
  if (!["using_unit", "purpose", "work_content", "specialty", "event_date"].every((k) => typeof b[k] === "string" && !blank(b[k]))) return false;
  if (!isDate(b.event_date) || !isInt(b.min_level) || b.count === 0 || !hx(b.request_key)) return false;
  const r = b.redo_of;
  if (r !== null && !(keysAre(r, ["draw", "reason"]) && typeof r.draw === "string" && typeof r.reason === "string")) return false;
  return beaconNamedOk(b.beacon, t);
}
function unfilled(d) {
  if (d.kind !== "commit") return false;
  const acc = [...d.out.values()].filter((o) => o === "accepted").length;
  const pend = d.called.filter((p) => !d.out.has(p)).length;
  return d.cancelled || (d.ran && acc < d.body.count && pend === 0 && d.called.length >= d.body.eligible_count);
}
// Spec 10.3: the beacon value follows from the evidence (all but the BLS pairing).
async function runBeacon(bc, b, t) {
  const v = b.beacon_value, ev = b.beacon_evidence;
  if (bc.kind === "none") {
    if (v !== null || ev !== null) throw new Error("未指定信标：beacon_value 与 beacon_evidence 应为 null");
    return { value: new Uint8Array(0), round: null };
  }
  if (!lhex(v, 32)) throw new Error("beacon_value 应为 64 位小写十六进制");
  if (bc.kind === "drand") {
    if (!keysAre(ev, ["round", "signature"]) || ev.round !== bc.round || !lhex(ev.signature, 48)) throw new Error("drand 证据格式错误");
    if (hex(await sha256(unhex(ev.signature))) !== v) throw new Error("beacon_value 不是签名的 SHA-256");
    if (unixOf(t) < roundTime(bc.round)) throw new Error("抽取早于该轮信标产生");
    return { value: unhex(v), round: bc.round };
  }
  if (!keysAre(ev, ["result"]) || typeof ev.result !== "string") throw new Error("开奖证据格式错误");
  if (hex(await H("lottery", bc.lottery, bc.issue, lotteryNorm(ev.result))) !== v) throw new Error("beacon_value 与开奖结果不符");
  if (beijingDate(t) < bc.draw_date) throw new Error("抽取早于开奖日");
  return { value: unhex(v), round: null };
}
function committedName(d, id) {
  const ids = d.kind === "directed" ? d.experts : (d.pay ? d.pay.eligible : null);
  if (!ids || !d.names) return undefined;
  const k = ids.indexOf(id);
  return k < 0 ? undefined : d.names[k];
}
async function inputsV2Ok(b, pay) {
  const r = pay.request, nm = pay.names;
  if (!keysAre(r, REQUEST_V2)) return false;
  if (!["using_unit", "purpose", "work_content", "specialty", "min_level", "event_date"].every((k) => cj(r[k]) === cj(b[k]))) return false;
  if (!["using_unit", "purpose", "event_date", "project"].every((k) => typeof r[k] === "string")) return false;
  if (hex(await H("request-key", r.using_unit, r.purpose, r.event_date, r.project)) !== b.request_key) return false;
  return Array.isArray(nm) && nm.length === pay.eligible.length && nm.every((x) => typeof x === "string" && !blank(x));
}

async function verifyEntry(i, e, b, draws, hs, chk, keys) {
  const d = draws.get(e.draw), pay = e.payload, kind = e.kind;
  if (kind === "commit" || kind === "directed") {
    const v2 = b.algorithm === V2;
    const nd = { kind, seq: i, body: b, ctx: hs[i], ran: false, order: null, called: [], out: new Map(), acc: [],
      v2, names: null, cancelled: false, rk: v2 ? b.request_key : null, pay: undefined };
    if (kind === "directed") {
      let ok = !d;
      if (ok && v2) {
        ok = keysAre(b, DIRECTED_V2) && hx(b.request_key);
        const si = b.stands_in_for, ex = b.exception;
        if (ok && typeof si === "string" && ex === null) {
          const t = draws.get(si);
          ok = !!t && t.kind === "commit" && t.rk === b.request_key && unfilled(t);
        } else if (ok) ok = si === null && typeof ex === "string" && !blank(ex);
      }
      ok = ok && typeof b.approval_ref === "string" && b.approval_ref.trim() !== "" &&
        typeof b.approved_by === "string" && b.approved_by.trim() !== "" && "sealed" in e &&
        ts(b.reveal_after) && isInt(b.count) && typeof b.pool === "string";
      chk("directed", ok, `定向选用，批准文号 ${b.approval_ref}` + (v2 && b.stands_in_for ? `，替代未满额的抽取 ${b.stands_in_for}` : v2 && b.exception ? `，例外理由：${b.exception}` : ""));
      if (!ok) return;
      nd.experts = null;
      if (pay !== undefined) {
        let good = canonical(pay.experts) && pay.experts.length === b.count;
        if (v2) {
          const nm = pay.names;
          good = good && keysAre(pay, ["salt", "experts", "reason", "names"]) && Array.isArray(nm) &&
            nm.length === pay.experts.length && nm.every((x) => typeof x === "string" && !blank(x));
          nd.names = good ? nm : null;
        } else if ("names" in pay) good = false;
        chk("inputs", good);
        if (good) nd.experts = pay.experts;
      }
      draws.set(e.draw, nd);
      return;
    }
    const ok = !d && (b.algorithm === "expertpool-draw/v1" || v2) && ts(b.reveal_after) && typeof b.pool === "string" &&
      ["request_hash", "snapshot_hash", "eligible_commit", "excluded_commit", "secret_commit"].every((k) => hx(b[k])) &&
      ["count", "eligible_count", "excluded_count"].every((k) => isInt(b[k])) && rulesOk(b.rules) &&
      (v2 ? commitV2Ok(b, e.time) : (b.beacon === null || (typeof b.beacon.source === "string" && isInt(b.beacon.round))));
    chk("commit", ok, v2 && isObj(b.beacon) ? `信标类型 ${b.beacon.kind}` : (b.beacon ? `预先指定信标 ${b.beacon.source} 第 ${b.beacon.round} 轮` : ""));
    if (!ok) return;
    if (v2) {
      const latest = keys.get(b.request_key), r = b.redo_of;
      chk("redo", (latest === undefined && r === null) || (latest !== undefined && r !== null && r.draw === latest && !blank(r.reason)),
        r ? `重新抽取，替代 ${r.draw}：${r.reason}` : "");
      keys.set(b.request_key, e.draw);
    }
    nd.pay = pay;
    if (pay === undefined) { chk("secret", null, "尚未公开"); chk("inputs", null, "尚未公开"); }
    else {
      const sec = unhex(pay.secret);
      chk("secret", sec.length === 32 && hex(await H("secret", sec)) === b.secret_commit);
      let good = await inputsOk(e, b, pay);
      if (v2) good = good && await inputsV2Ok(b, pay);
      else if ("names" in pay) good = false;
      chk("inputs", good);
      pauseCheck(b, pay, draws, chk);
      nd.names = pay.names || null;
    }
    draws.set(e.draw, nd);
  } else if (kind === "run") {
    if (!d || d.kind !== "commit" || d.ran) return chk("before_draw", false, "没有先行承诺或重复抽取");
    if (d.cancelled) return chk("before_draw", false, "该次抽取已取消");
    if (d.v2 && !keysAre(b, ["beacon_value", "beacon_evidence", "order_hash", "called", "shortfall"])) return chk("before_draw", false, "run 条目的字段不符合 v2");
    d.ran = true;
    let beacon = new Uint8Array(0), checkable = true;
    if (d.v2) {
      chk("before_draw", true, `承诺在第 ${d.seq} 条`);
      try {
        const r = await runBeacon(d.body.beacon, b, e.time);
        beacon = r.value;
        chk("beacon", true);
        if (r.round !== null) chk("beacon_signature", null, `未在浏览器中验证 drand 第 ${r.round} 轮的 BLS12-381 签名（浏览器没有该算法）：请用 expertpool verify 核对`);
      } catch (x) { chk("beacon", false, x.message); checkable = false; }
    } else {
      const named = d.body.beacon !== null, given = b.beacon_value !== null && b.beacon_value !== undefined;
      let bok = true;
      try { if (given) beacon = unhex(b.beacon_value); } catch (x) { bok = false; }
      chk("before_draw", named === given && bok, `承诺在第 ${d.seq} 条`);
    }
    const n = d.body.count, el = d.body.eligible_count, want = [...Array(Math.min(n, el)).keys()];
    const ok = Array.isArray(b.called) && JSON.stringify(b.called) === JSON.stringify(want) && b.shortfall === Math.max(0, n - el);
    chk("called_in_order", ok, n > el ? `符合条件的专家不足，缺 ${n - el} 名` : "");
    if (ok) d.called = b.called.slice();
    if (d.pay === undefined) return chk("order", null, "尚未公开");
    if (!checkable) return chk("order", null, "信标值未能确认");
    const o = await order(d.pay.eligible, unhex(d.pay.secret), d.ctx, beacon);
    const good = hex(await H("order", unhex(d.pay.salt), ...o)) === b.order_hash;
    chk("order", good, "顺序开头：" + o.slice(0, 3).join("、"));
    if (good) d.order = o;
  } else if (kind === "call") {
    if (!d || d.kind !== "commit" || !d.ran) return chk("called_in_order", false);
    if (d.cancelled || (d.v2 && !keysAre(b, ["positions"]))) return chk("called_in_order", false, d.cancelled ? "该次抽取已取消" : "字段不符合 v2");
    const acc = [...d.out.values()].filter((o) => o === "accepted").length;
    const pend = d.called.filter((p) => !d.out.has(p)).length;
    const c = d.called.length, k = Math.min(d.body.count - acc - pend, d.body.eligible_count - c);
    const want = [...Array(Math.max(k, 0)).keys()].map((x) => x + c);
    const ok = k > 0 && JSON.stringify(b.positions) === JSON.stringify(want);
    chk("called_in_order", ok, `递补位次 ${JSON.stringify(b.positions)}`);
    if (ok) d.called.push(...b.positions);
  } else if (kind === "response") {
    if (d && d.kind === "commit" && (d.cancelled || (d.v2 && !keysAre(b, ["position", "outcome", "reason"]))))
      return chk("response", false, d.cancelled ? "该次抽取已取消" : "字段不符合 v2");
    const p = b.position, o = b.outcome, r = b.reason;
    const ok = !!d && d.kind === "commit" && isInt(p) && d.called.includes(p) && !d.out.has(p) && OUTCOMES.includes(o) &&
      (r === null || r === undefined || typeof r === "string") && ((o === "declined" || o === "recused") === !!r);
    chk("response", ok, `位次 ${p}：${o}${r ? "（" + r + "）" : ""}`);
    if (ok) { d.out.set(p, o); if (o === "accepted") d.acc.push(p); }
  } else if (kind === "reveal") {
    if (!d) return chk("reveal", false);
    d.revealed = true;
    if (e.time < d.body.reveal_after) return chk("reveal", false, "早于保密期结束");
    if (d.v2 && !keysAre(b, ["names"])) return chk("reveal", false, "字段不符合 v2");
    const ids = d.kind === "directed" ? d.experts : (d.v2 && !d.ran) ? (d.pay !== undefined ? [] : null)
      : (d.order ? d.called.map((p) => d.order[p]) : null);
    const names = b.names;
    if (ids && d.v2 && Array.isArray(names) && names.every(isObj) && names.some((x) => committedName(d, x.id) !== x.name))
      return chk("reveal", false, "公布的姓名与承诺的姓名不符");
    const ok = !!ids && Array.isArray(names) &&
      JSON.stringify(names.map((x) => x.id)) === JSON.stringify(ids) && names.every((x) => typeof x.name === "string" && x.name);
    chk("reveal", ok, Array.isArray(names) ? names.map((x) => `${x.id}=${x.name}`).join("，") : "");
  } else if (kind === "cancel") {
    const ok = keysAre(b, ["reason"]) && !!d && d.kind === "commit" && d.v2 && !d.cancelled && typeof b.reason === "string" && !blank(b.reason);
    chk("cancel", ok, `已取消：${b.reason}`);
    if (ok) d.cancelled = true;
  } else if (kind === "withdrawal" || kind === "attendance") {
    // Spec §10.9: an accepted position of a run, not cancelled v2 random draw.
    const p = b.position;
    const accepted = !!d && d.kind === "commit" && d.v2 && !d.cancelled && d.ran && Number.isInteger(p) && d.out.get(p) === "accepted";
    if (kind === "withdrawal") {
      const ok = keysAre(b, ["position", "reason"]) && accepted && !d.revealed && typeof b.reason === "string" && !blank(b.reason);
      chk("withdrawal", ok, `位次 ${p} 撤回（${b.reason}）`);
      if (ok) d.out.set(p, "withdrawn");
    } else {
      const attended = d ? (d.attended ||= new Set()) : new Set();
      const r = b.reason;
      const ok = keysAre(b, ["position", "outcome", "reason"]) && accepted && !attended.has(p) &&
        ["present", "absent", "late", "left_early"].includes(b.outcome) &&
        (r === null || (typeof r === "string" && !blank(r) && b.outcome !== "present"));
      chk("attendance", ok, `位次 ${p}：${b.outcome}${r ? "（" + r + "）" : ""}`);
      if (ok) attended.add(p);
    }
  } else chk("kind", false, "未知条目类型");
}

async function inputsOk(e, b, pay) {
  const salt = unhex(pay.salt), r = pay.request, el = pay.eligible, ex = pay.excluded;
  const ids = ex.map((x) => x.id);
  const codesOk = ex.every((x) => Array.isArray(x.reasons) && x.reasons.length && x.reasons.every((c, k) =>
    REASONS.includes(c) && (k === 0 || REASONS.indexOf(x.reasons[k - 1]) < REASONS.indexOf(c))));
  const elSet = new Set(el);
  if (!(salt.length === 32 && hex(await Hj("request", r)) === b.request_hash && r.draw === e.draw && r.pool === b.pool &&
    r.reveal_after === b.reveal_after && r.count === b.count && r.rules !== undefined && cj(r.rules) === cj(b.rules) && canonical(el) && canonical(ids) &&
    !ids.some((x) => elSet.has(x)) && codesOk && el.length === b.eligible_count && ex.length === b.excluded_count)) return false;
  const exFields = ex.flatMap((x) => [x.id, x.reasons.join(",")]);
  return hex(await H("eligible", salt, ...el)) === b.eligible_commit &&
    hex(await H("excluded", salt, ...exFields)) === b.excluded_commit;
}

function pauseCheck(b, pay, draws, chk) {
  const uses = [...draws.values()].filter((d) => d.body.pool === b.pool && (d.ran || d.kind === "directed"))
    .sort((x, y) => x.seq - y.seq);
  const drawn = (d) => d.kind === "directed" ? (d.experts ? new Set(d.experts) : null)
    // A withdrawn expert did not serve (spec §10.9).
    : (d.order ? new Set(d.acc.filter((p) => d.out.get(p) === "accepted").map((p) => d.order[p])) : null);
  let paused = new Set();
  if (b.rules.pause && uses.length >= 2) {
    const a = drawn(uses[uses.length - 1]), c = drawn(uses[uses.length - 2]);
    if (!a || !c) return chk("pause", null, "此前的抽取尚未公开");
    paused = new Set([...a].filter((x) => c.has(x)));
  }
  const flagged = pay.excluded.filter((x) => x.reasons.includes("pause")).map((x) => x.id);
  chk("pause", !pay.eligible.some((x) => paused.has(x)) && flagged.every((x) => paused.has(x)), `暂停 ${flagged.length} 名`);
}

function firstFailure(res) {
  const f = res.filter((r) => r.ok === false);
  const e = f.find((r) => r.i !== null) || f[0];
  return !e ? null : e.i === null ? `log: ${e.name}` : `entry ${e.i}: ${e.name}`;
}

// ---- vectors mode: the same vectors the Rust and Python verifiers check ----
async function checkVectors(v, base) {
  const rows = [];
  for (const c of v.order) {
    const p = c.eligible_pattern;
    const el = p ? Array.from({ length: p.count }, (_, k) => p.prefix + String(p.start + k).padStart(p.width, "0")) : c.eligible;
    const o = await order(el, unhex(c.secret), unhex(c.context), unhex(c.beacon));
    const ok = JSON.stringify(p ? o.slice(0, 20) : o) === JSON.stringify(p ? c.order_first_20 : c.order) &&
      hex(await H("order", unhex(c.salt), ...o)) === c.order_hash;
    rows.push({ what: "排序 " + c.name, ok });
  }
  for (const c of v.canonical_json)
    rows.push({ what: "规范 JSON", ok: cj(c.value) === c.canonical && hex(await Hj(c.hash_tag, c.value)) === c.hash });
  const lv = [];
  for (const h of v.merkle.leaf_data) lv.push(await leafHash(unhex(h)));
  for (const c of v.merkle.inclusion) {
    const rt = unhex(c.root);
    rows.push({ what: `包含证明 ${c.index}/${c.size}`, ok: cmpBytes(await mroot(lv.slice(0, c.size)), rt) === 0 &&
      await inclusionOk(lv[c.index], c.index, c.size, c.proof.map(unhex), rt) });
  }
  for (const lg of v.logs) {
    const text = await (await fetch(new URL(lg.file, base))).text();
    let doc = null;
    try { doc = JSON.parse(text); } catch (x) { /* reported as a format failure */ }
    const got = doc === null ? "log: format" : firstFailure(await verifyLog(doc));
    // No BLS12-381 in the browser: a log only that check fails names its next failure.
    const want = lg.first_failure_without_bls || lg.first_failure;
    rows.push({ what: lg.file, ok: lg.verdict === "ok" ? got === null : got === want, detail: got || "通过" });
  }
  return rows;
}

// ---- page ----
// A protocol time (UTC, YYYY-MM-DDTHH:MM:SSZ) as Beijing time, as every page of the site
// shows times; anything else unchanged.
function beijingTime(t) {
  if (!ts(t)) return t || "";
  const d = new Date(Date.parse(t) + 8 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}（北京时间，UTC+8）`;
}
const LABELS = { parse: "条目格式", seq: "序号", chain: "哈希链", time: "时间", sealed: "密封内容", commit: "事前承诺",
  secret: "密钥与承诺一致", inputs: "输入与承诺一致", pause: "暂停规则", before_draw: "先承诺后抽取",
  called_in_order: "严格按序通知", order: "排序可复算", response: "答复", directed: "定向选用（已批准）",
  reveal: "公开姓名", kind: "条目类型", format: "文件格式", public_key: "公钥", checkpoint: "签名树头" };
const STATUS = { true: ["ok", "通过"], false: ["fail", "不通过"], null: ["skip", "暂不可验"] };
const $ = (id) => document.getElementById(id);
function el(tag, attrs, ...kids) {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
  for (const k of kids) n.append(k);
  return n;
}

function showVerdict(ok, first, text) {
  const v = $("verdict");
  v.setAttribute("data-verdict", ok ? "ok" : "fail");
  v.setAttribute("data-first-failure", first || "");
  v.className = ok ? "verdict ok" : "verdict fail";
  v.textContent = text;
}

function render(res, doc) {
  const out = $("report");
  out.replaceChildren();
  const groups = new Map();
  for (const r of res) {
    const k = r.i === null ? "log" : r.i;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  for (const [k, rows] of groups) {
    const e = k === "log" ? null : doc.entries[k];
    const title = k === "log" ? "整个日志" : `第 ${k} 条 · ${e && e.kind} · 抽取 ${e && e.draw} · ${e && beijingTime(e.time)}`;
    const bad = rows.some((r) => r.ok === false);
    const tbody = el("tbody");
    for (const r of rows) {
      const [cls, word] = STATUS[r.ok];
      const base = r.name.replace(/\[\d+\]$/, "");
      tbody.append(el("tr", { "data-check": r.name, "data-status": cls, class: cls },
        el("td", {}, (LABELS[base] || r.name) + (base !== r.name ? r.name.slice(base.length) : "")), el("td", {}, word),
        el("td", {}, r.name === "time" ? beijingTime(r.detail) : r.detail || "")));
    }
    out.append(el("section", { class: "entry" + (bad ? " bad" : ""), "data-entry": String(k) },
      el("h3", {}, title), el("table", {}, tbody)));
  }
}

// "entry 4: chain" -> "第 4 条记录的“哈希链”检查"
function describe(first) {
  const m = /^entry (\d+): (.*)$/.exec(first);
  const label = (n) => (LABELS[n.replace(/\[\d+\]$/, "")] || n) + (n.match(/\[\d+\]$/) || [""])[0];
  return m ? `第 ${m[1]} 条记录的“${label(m[2])}”检查` : `日志的“${label(first.replace(/^log: /, ""))}”检查`;
}

async function runLog(text) {
  let doc;
  try { doc = JSON.parse(text); } catch (x) {
    showVerdict(false, "log: format", "无法解析：不是有效的 JSON。");
    return;
  }
  const res = await verifyLog(doc);
  render(res, doc);
  const first = firstFailure(res);
  const nFail = res.filter((r) => r.ok === false).length;
  showVerdict(first === null, first, first === null
    ? `验证通过：全部 ${doc.entries.length} 条记录的承诺、排序、按序通知、公开与哈希链均核对无误。` + (ed25519Supported ? "" : "（本浏览器不支持 Ed25519，签名未验证）")
    : `验证失败：共 ${nFail} 项不通过，首个问题：${describe(first)}。`);
}

async function runVectors(url) {
  const base = new URL(url, location.href);
  const rows = await checkVectors(await (await fetch(base)).json(), base);
  const tbody = el("tbody");
  for (const r of rows) tbody.append(el("tr", { "data-status": r.ok ? "ok" : "fail", class: r.ok ? "ok" : "fail" },
    el("td", {}, r.what), el("td", {}, r.ok ? "一致" : "不一致"), el("td", {}, r.detail || "")));
  $("report").replaceChildren(el("table", {}, tbody));
  const bad = rows.filter((r) => !r.ok);
  showVerdict(!bad.length, bad.length ? bad[0].what : "", bad.length ? `测试向量不一致：${bad.map((r) => r.what).join("，")}` : `全部 ${rows.length} 组测试向量一致。`);
}

async function guarded(f) {
  $("verdict").textContent = "正在验证……";
  try { await f(); } catch (x) { showVerdict(false, "error", "验证出错：" + x.message); }
}

window.addEventListener("DOMContentLoaded", () => {
  // A draw page loads this file for its functions only (verify-draw.js runs it there).
  if (!$("run")) return;
  $("run").addEventListener("click", () => guarded(() => runLog($("input").value)));
  $("file").addEventListener("change", async (ev) => {
    const f = ev.target.files[0];
    if (f) { $("input").value = await f.text(); guarded(() => runLog($("input").value)); }
  });
  const q = new URLSearchParams(location.search);
  if (q.get("log")) guarded(async () => runLog(await (await fetch(q.get("log"))).text()));
  else if (q.get("vectors")) guarded(() => runVectors(q.get("vectors")));
});
