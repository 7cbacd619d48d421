#!/usr/bin/env python3
"""Independent verifier of expertpool draw logs, written from docs/draw-protocol.md.

Standard library only. Usage:
  verify_draws.py LOG.json             verify a public draw log; exit 1 on any failure
  verify_draws.py --vectors FILE.json  check the published test vectors (and the logs they list)
"""
import base64, calendar, hashlib, hmac, json, os, re, sys, unicodedata
from datetime import date, datetime, timezone

TAG = b"expertpool-draw/v1/"
REASONS = ["inactive", "not_appointed", "specialty", "level", "named_exclusion", "same_unit",
           "recent_employment", "recent_collaboration", "declared_relation", "pause"]
OUTCOMES = {"accepted", "declined", "recused", "no_answer"}
ENTRY_KEYS = {"seq", "prev", "time", "actor", "kind", "draw", "body"}
V2 = "expertpool-draw/v2"  # spec 10: same hashes and tags as v1, stricter entries, beacons
COMMIT_V2 = {"algorithm", "eligibility", "pool", "count", "reveal_after", "rules", "request_hash", "snapshot_hash",
             "eligible_count", "eligible_commit", "excluded_count", "excluded_commit", "secret_commit", "beacon",
             "using_unit", "purpose", "work_content", "specialty", "min_level", "event_date", "request_key", "redo_of"}
REQUEST_V2 = {"draw", "pool", "purpose", "specialty", "min_level", "count", "event_date", "reveal_after", "recusal",
              "rules", "using_unit", "work_content", "project"}
DIRECTED_V2 = {"algorithm", "pool", "approval_ref", "approved_by", "count", "reveal_after", "request_key",
               "stands_in_for", "exception"}
QUICKNET = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
GENESIS, PERIOD = 1692803367, 3
# Unicode White_Space (spec 10.1): a blank text is empty after trimming these
WS = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | {chr(c) for c in range(0x2000, 0x200b)}
def blank(t): return not isinstance(t, str) or all(ch in WS for ch in t)
def lhex(t, n): return isinstance(t, str) and re.fullmatch("[0-9a-f]{%d}" % (2 * n), t) is not None
def is_date(t):
    try: return isinstance(t, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", t) and date.fromisoformat(t) is not None
    except ValueError: return False
def unix(t): return calendar.timegm(datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ").timetuple())
def beijing_date(t): return datetime.fromtimestamp(unix(t) + 8 * 3600, timezone.utc).date().isoformat()
def round_time(r): return GENESIS + (r - 1) * PERIOD
def lottery_norm(t):  # spec 10.3: NFKC, runs of ASCII digits without leading zeros, joined by ","
    nums = [str(int(x)) for x in re.findall("[0-9]+", unicodedata.normalize("NFKC", t))]
    if not nums: raise ValueError("no numbers")
    return ",".join(nums)
def request_key(r): return H("request-key", r["using_unit"], r["purpose"], r["event_date"], r["project"]).hex()

def lp(b): return len(b).to_bytes(4, "big") + b
def u8(x): return x.encode() if isinstance(x, str) else x
def H(tag, *fields): return hashlib.sha256(lp(TAG + tag.encode()) + b"".join(lp(u8(f)) for f in fields)).digest()

def cj(v):  # spec 2.4: canonical JSON, integers only
    if v is None or isinstance(v, bool): return {None: "null", True: "true", False: "false"}[v]
    if isinstance(v, int):
        if 0 <= v < 2**53: return str(v)
        raise ValueError("integer out of range")
    if isinstance(v, str): return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list): return "[" + ",".join(cj(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(cj(k) + ":" + cj(v[k]) for k in sorted(v, key=lambda k: k.encode())) + "}"
    raise ValueError("number is not an integer")

def Hj(tag, v): return H(tag, cj(v).encode())
def nfc(s): return unicodedata.normalize("NFC", s)
def canonical(ids):
    b = [i.encode() for i in ids]
    return all(isinstance(i, str) and i and nfc(i) == i for i in ids) and all(x < y for x, y in zip(b, b[1:]))

def order(eligible, secret, ctx, beacon):  # spec 4
    key = hmac.new(secret, lp(TAG + b"order-key") + lp(beacon) + lp(ctx), "sha256").digest()
    ids = [nfc(i) for i in eligible]
    return sorted(ids, key=lambda i: (hmac.new(key, lp(TAG + b"score") + lp(i.encode()), "sha256").digest(), i.encode()))

# RFC 9162 Merkle tree over entry hashes (spec 5.5)
def leaf(h): return hashlib.sha256(b"\0" + h).digest()
def node(l, r): return hashlib.sha256(b"\1" + l + r).digest()
def mroot(leaves):
    if not leaves: return hashlib.sha256(b"").digest()
    if len(leaves) == 1: return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return node(mroot(leaves[:k]), mroot(leaves[k:]))

def inclusion_ok(lf, i, n, proof, root):
    if i >= n: return False
    fn, sn, r = i, n - 1, lf
    for p in proof:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            r = node(p, r)
            while not fn & 1 and fn: fn, sn = fn >> 1, sn >> 1
        else: r = node(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root

def consistency_ok(m, n, proof, old, new):
    if m == 0 or m > n: return False
    if m == n: return not proof and old == new
    if m & (m - 1) == 0: proof = [old] + proof
    if not proof: return False
    fn, sn = m - 1, n - 1
    while fn & 1: fn, sn = fn >> 1, sn >> 1
    fr = sr = proof[0]
    for c in proof[1:]:
        if sn == 0: return False
        if fn & 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while not fn & 1 and fn: fn, sn = fn >> 1, sn >> 1
        else: sr = node(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old and sr == new

# Ed25519 verification, RFC 8032 section 5.1.7, in extended coordinates
P = 2**255 - 19; L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P; SQRT_M1 = pow(2, (P - 1) // 4, P)
def padd(a, b):
    A, B = (a[1] - a[0]) * (b[1] - b[0]) % P, (a[1] + a[0]) * (b[1] + b[0]) % P
    C, Dd = 2 * D * a[3] * b[3] % P, 2 * a[2] * b[2] % P
    E, F, G, Hh = B - A, Dd - C, Dd + C, B + A
    return (E * F % P, G * Hh % P, F * G % P, E * Hh % P)
def pmul(s, q):
    r = (0, 1, 1, 0)
    while s:
        if s & 1: r = padd(r, q)
        q, s = padd(q, q), s >> 1
    return r
def penc(q):
    zi = pow(q[2], P - 2, P); x, y = q[0] * zi % P, q[1] * zi % P
    return (y | (x & 1) << 255).to_bytes(32, "little")
def pdec(b):
    y = int.from_bytes(b, "little"); sign = y >> 255; y &= (1 << 255) - 1
    if y >= P: return None
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P: x = x * SQRT_M1 % P
    if (x * x - x2) % P or (x == 0 and sign): return None
    if x & 1 != sign: x = P - x
    return (x, y, 1, x * y % P)
BASE = pdec((4 * pow(5, P - 2, P) % P).to_bytes(32, "little"))
def ed25519_ok(pub, msg, sig):
    A, R = pdec(pub), pdec(sig[:32]); S = int.from_bytes(sig[32:], "little")
    if A is None or R is None or S >= L or len(sig) != 64: return False
    k = int.from_bytes(hashlib.sha512(sig[:32] + pub + msg).digest(), "little") % L
    return penc(pmul(S, BASE)) == penc(padd(R, pmul(k, A)))

def checkpoint(note, name, pub):  # spec 5.5; returns (size, root) or raises
    body, _, sigs = note.partition("\n\n")
    lines = body.split("\n")
    if len(lines) < 3 or not re.fullmatch(r"0|[1-9][0-9]*", lines[1]): raise ValueError("malformed checkpoint note")
    root = base64.b64decode(lines[2], validate=True)
    # every line after the blank one is a signature line, and the note ends with a newline
    if not sigs.endswith("\n") or not all(re.fullmatch("\u2014 [^ ]+ [A-Za-z0-9+/=]+", l) for l in sigs[:-1].split("\n")):
        raise ValueError("malformed checkpoint note")
    kid = hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4]
    for line in sigs.split("\n"):
        if line.startswith("\u2014 " + name + " "):
            blob = base64.b64decode(line.split(" ")[-1])
            if len(blob) == 68 and blob[:4] == kid:
                if not ed25519_ok(pub, (body + "\n").encode(), blob[4:]): raise ValueError("signature does not verify")
                return lines[0], int(lines[1]), root
    raise ValueError("no signature from the log's key")

def ts(s):
    try: return len(s) == 20 and datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ") is not None
    except (TypeError, ValueError): return False

def verify_log(doc):
    """Returns a list of (entry index or None, check, ok or None for skipped, detail)."""
    out, ents = [], doc.get("entries") if isinstance(doc, dict) else None
    if not isinstance(ents, list) or doc.get("format") != "expertpool-draw-log/v1":
        return [(None, "format", False, "not an expertpool-draw-log/v1 file")]
    def hashes(e):
        try: return Hj("entry", {k: v for k, v in e.items() if k != "payload"}) if isinstance(e, dict) else None
        except ValueError: return None
    hs = [hashes(e) for e in ents]
    revealed = {e.get("draw") for e in ents if isinstance(e, dict) and e.get("kind") == "reveal"}
    draws, prev_time, keys = {}, "", {}
    for i, e in enumerate(ents):
        def chk(name, ok, detail=""): out.append((i, name, ok, detail))
        keys_ok = isinstance(e, dict) and ENTRY_KEYS <= set(e) <= ENTRY_KEYS | {"sealed", "payload"}
        if not keys_ok or hs[i] is None or not all(isinstance(e[k], str) for k in ENTRY_KEYS - {"seq", "body"}) \
                or type(e["seq"]) is not int or not isinstance(e.get("sealed", ""), str):
            chk("parse", False, "malformed entry"); continue
        chk("parse", True)
        b, kind, did = e["body"], e["kind"], e["draw"]
        chk("seq", e["seq"] == i)
        chk("chain", e["prev"] == (hs[i - 1] if i else bytes(32)).hex() if (i == 0 or hs[i - 1]) else False)
        chk("time", ts(e["time"]) and e["time"] >= prev_time)
        if ts(e["time"]): prev_time = e["time"]
        pay = e.get("payload")
        if "sealed" in e and pay is not None:
            try: chk("sealed", Hj("sealed", pay).hex() == e["sealed"])
            except ValueError: chk("sealed", False)
        elif pay is not None: chk("sealed", False, "payload without seal")
        elif "sealed" in e: chk("sealed", False if did in revealed else None)
        if not isinstance(b, dict): chk("kind", False, "body is not an object"); continue
        d = draws.get(did)
        try: verify_entry(i, e, b, kind, did, d, draws, hs, chk, keys)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as x:
            chk(kind if kind in ("commit", "directed", "reveal", "response", "cancel", "withdrawal", "attendance") else "called_in_order", False, repr(x))
    leaves = [leaf(h or bytes(32)) for h in hs]
    try: pub = bytes.fromhex(doc["public_key"]); assert len(pub) == 32
    except Exception: return out + [(None, "public_key", False, "bad key")]
    if not doc.get("checkpoints"): out.append((None, "checkpoint", False, "no checkpoint"))
    for j, note in enumerate(doc.get("checkpoints") or []):
        try:
            origin, size, root = checkpoint(note, doc.get("key_name", ""), pub)
            ok = origin == doc.get("origin") and size <= len(leaves) and mroot(leaves[:size]) == root
            out.append((None, "checkpoint[%d]" % j, ok, "size %d" % size))
        except (ValueError, TypeError, AttributeError) as x: out.append((None, "checkpoint[%d]" % j, False, str(x)))
    if "witnesses" in doc:
        ws = doc["witnesses"]
        if not isinstance(ws, list): return out + [(None, "witnesses", False, "not a list")]
        for j, w in enumerate(ws):
            try: out.append((None, "witness[%d]" % j, True, witness(w, doc, pub, leaves)))
            except (ValueError, TypeError, AttributeError, KeyError) as x: out.append((None, "witness[%d]" % j, False, str(x)))
    return out

def u64(n): return type(n) is int and 0 <= n < 2**64
def witness(w, doc, pub, leaves):  # spec 5.7: one item of the witnesses list; returns a detail or raises
    name, key, size, stamp, note = (w[k] for k in ("name", "public_key", "size", "timestamp", "checkpoint"))
    if not isinstance(name, str) or not name: raise ValueError("name must be a non-empty string")
    if not lhex(key, 32) or pdec(bytes.fromhex(key)) is None: raise ValueError("public_key is not an Ed25519 key")
    if not u64(size) or not u64(stamp) or not isinstance(note, str): raise ValueError("size, timestamp or checkpoint malformed")
    origin, cp_size, root = checkpoint(note, doc.get("key_name", ""), pub)
    if origin != doc.get("origin") or cp_size != size or size > len(leaves) or mroot(leaves[:size]) != root:
        raise ValueError("the cosigned checkpoint is not of these entries")
    wkey = bytes.fromhex(key)
    kid = hashlib.sha256(name.encode() + b"\n\x04" + wkey).digest()[:4]
    body = note.partition("\n\n")[0] + "\n"
    for line in note.partition("\n\n")[2].split("\n"):
        if not line.startswith("\u2014 " + name + " "): continue
        try: blob = base64.b64decode(line.split(" ")[-1], validate=True)
        except ValueError: continue
        if len(blob) != 76 or blob[:4] != kid: continue
        t = int.from_bytes(blob[4:12], "big")
        if t < 2**63 and ed25519_ok(wkey, ("cosignature/v1\ntime %d\n" % t + body).encode(), blob[12:]):
            if t != stamp: raise ValueError("timestamp differs from the cosigned one")
            return "%s cosigned size %d" % (name, size)
    raise ValueError("no valid cosignature of %s" % name)

def hx(s): return isinstance(s, str) and re.fullmatch("[0-9a-f]{64}", s) is not None
def months_ok(n): return type(n) is int and 0 <= n <= 1200
def rules_ok(r):  # spec 3.1: exactly {pause, employment_months, collaboration_months}
    return isinstance(r, dict) and set(r) == {"pause", "employment_months", "collaboration_months"} \
        and isinstance(r["pause"], bool) and months_ok(r["employment_months"]) and months_ok(r["collaboration_months"])

def beacon_named_ok(bc, t):  # spec 10.3; returns None when well-formed, else why not
    if not isinstance(bc, dict): return "beacon is not an object"
    k = bc.get("kind")
    if k == "drand":
        if set(bc) != {"kind", "chain_hash", "round"}: return "drand beacon keys"
        r = bc["round"]
        if bc["chain_hash"] != QUICKNET: return "not quicknet"
        if type(r) is not int or not 0 < r < 2**53: return "round out of range"
        if round_time(r) <= unix(t): return "round not after the commit"
    elif k == "lottery":
        if set(bc) != {"kind", "lottery", "issue", "draw_date", "url"}: return "lottery beacon keys"
        if not all(isinstance(bc[x], str) for x in ("lottery", "issue", "draw_date", "url")): return "lottery fields"
        if blank(bc["lottery"]) or blank(bc["issue"]): return "lottery and issue"
        if not bc["url"].startswith(("https://", "http://")) or any(ch in WS for ch in bc["url"]): return "url"
        if not is_date(bc["draw_date"]): return "draw_date"
        if bc["draw_date"] <= beijing_date(t): return "lottery not after the commit"
    elif k == "none":
        if set(bc) != {"kind"}: return "none beacon keys"
    else: return "unknown beacon kind"
    return None

def commit_v2_ok(b, t):
    if set(b) != COMMIT_V2: return False
    if not all(isinstance(b[k], str) and not blank(b[k]) for k in ("using_unit", "purpose", "work_content", "specialty", "event_date")): return False
    if not is_date(b["event_date"]) or type(b["min_level"]) is not int or b["count"] == 0 or not hx(b["request_key"]): return False
    r = b["redo_of"]
    if r is not None and not (isinstance(r, dict) and set(r) == {"draw", "reason"} and isinstance(r["draw"], str) and isinstance(r["reason"], str)): return False
    return beacon_named_ok(b["beacon"], t) is None

def unfilled(d):  # spec 10.5: cancelled, or every callable position called and answered with fewer than N accepted
    if d["kind"] != "commit": return False
    acc = sum(1 for o in d["out"].values() if o == "accepted")
    pend = sum(1 for p in d["called"] if p not in d["out"])
    return d["cancelled"] or (d["ran"] and acc < d["body"]["count"] and pend == 0 and len(d["called"]) >= d["body"]["eligible_count"])

def run_beacon(bc, b, t):  # spec 10.3: (value bytes, drand (round, sig) or None) or raises ValueError
    v, ev = b["beacon_value"], b["beacon_evidence"]
    if bc["kind"] == "none":
        if v is not None or ev is not None: raise ValueError("none: value and evidence must be null")
        return b"", None
    if not lhex(v, 32): raise ValueError("beacon_value must be 64 lower-case hex digits")
    if bc["kind"] == "drand":
        if not isinstance(ev, dict) or set(ev) != {"round", "signature"} or ev["round"] != bc["round"] or type(ev["round"]) is not int: raise ValueError("evidence")
        if not lhex(ev["signature"], 48): raise ValueError("signature hex")
        if hashlib.sha256(bytes.fromhex(ev["signature"])).hexdigest() != v: raise ValueError("value is not SHA-256 of the signature")
        if unix(t) < round_time(bc["round"]): raise ValueError("run before the round")
        return bytes.fromhex(v), bc["round"]
    if not isinstance(ev, dict) or set(ev) != {"result"} or not isinstance(ev["result"], str): raise ValueError("evidence")
    want = H("lottery", bc["lottery"], bc["issue"], lottery_norm(ev["result"])).hex()
    if want != v: raise ValueError("value is not the hash of the lottery result")
    if beijing_date(t) < bc["draw_date"]: raise ValueError("run before the lottery draw")
    return bytes.fromhex(v), None

def committed_name(d, i):
    ids = d.get("experts") if d["kind"] == "directed" else (d["pay"] or {}).get("eligible")
    if ids is None or d.get("names") is None or i not in ids: return None
    k = ids.index(i)
    return d["names"][k] if k < len(d["names"]) else None

def verify_entry(i, e, b, kind, did, d, draws, hs, chk, keys):
    pay = e.get("payload")
    if kind in ("commit", "directed"):
        v2 = b.get("algorithm") == V2
        new = {"kind": kind, "seq": i, "body": b, "ctx": hs[i], "ran": False, "order": None, "called": [], "out": {}, "acc": [],
               "v2": v2, "names": None, "cancelled": False, "rk": b.get("request_key") if v2 else None, "pay": None}
        if kind == "directed":
            ok = d is None
            if ok and v2:
                ok = set(b) == DIRECTED_V2 and hx(b["request_key"])
                si, ex = b.get("stands_in_for"), b.get("exception")
                if ok and isinstance(si, str) and ex is None:
                    t = draws.get(si)
                    ok = t is not None and t["kind"] == "commit" and t["rk"] == b["request_key"] and unfilled(t)
                elif ok: ok = si is None and isinstance(ex, str) and not blank(ex)
            ok = ok and b["approval_ref"].strip() != "" and b["approved_by"].strip() != "" and "sealed" in e \
                and ts(b["reveal_after"]) and type(b["count"]) is int and isinstance(b["pool"], str)
            chk("directed", ok, "DIRECTED selection, approval %s" % b.get("approval_ref"))
            if not ok: return
            new["experts"] = None
            if pay is not None:
                ex = pay["experts"]; good = canonical(ex) and len(ex) == b["count"]
                if v2:
                    nm = pay.get("names")
                    good = good and set(pay) == {"salt", "experts", "reason", "names"} and isinstance(nm, list) \
                        and len(nm) == len(ex) and all(isinstance(x, str) and not blank(x) for x in nm)
                    new["names"] = nm if good else None
                elif "names" in pay: good = False
                chk("inputs", good); new["experts"] = ex if good else None
            draws[did] = new; return
        ok = d is None and b["algorithm"] in ("expertpool-draw/v1", V2) and ts(b["reveal_after"]) and isinstance(b["pool"], str) \
            and all(hx(b[k]) for k in ("request_hash", "snapshot_hash", "eligible_commit", "excluded_commit", "secret_commit")) \
            and all(type(b[k]) is int for k in ("count", "eligible_count", "excluded_count")) and rules_ok(b.get("rules")) \
            and (commit_v2_ok(b, e["time"]) if v2 else
                 (b["beacon"] is None or (isinstance(b["beacon"]["source"], str) and type(b["beacon"]["round"]) is int)))
        chk("commit", ok)
        if not ok: return
        if v2:
            latest, r = keys.get(b["request_key"]), b["redo_of"]
            chk("redo", (latest is None and r is None) or (latest is not None and r is not None and r["draw"] == latest and not blank(r["reason"])))
            keys[b["request_key"]] = did
        new["pay"] = pay
        if pay is None: chk("secret", None); chk("inputs", None)
        else:
            sec = bytes.fromhex(pay["secret"])
            chk("secret", len(sec) == 32 and H("secret", sec).hex() == b["secret_commit"])
            good = inputs_ok(e, b, pay)
            if v2: good = good and inputs_v2_ok(b, pay)
            elif "names" in pay: good = False
            chk("inputs", good)
            pause(b, pay, draws, chk)
            new["names"] = pay.get("names")
        draws[did] = new
    elif kind == "run":
        if d is None or d["kind"] != "commit" or d["ran"]: return chk("before_draw", False, "no commit, or run twice")
        if d["cancelled"]: return chk("before_draw", False, "cancelled")
        if d["v2"] and set(b) != {"beacon_value", "beacon_evidence", "order_hash", "called", "shortfall"}:
            return chk("before_draw", False, "run body keys")
        d["ran"] = True
        checkable = True
        if d["v2"]:
            chk("before_draw", True)
            try:
                beacon, rnd = run_beacon(d["body"]["beacon"], b, e["time"]); chk("beacon", True)
                if rnd is not None:
                    chk("beacon_signature", None, "BLS12-381 pairing of drand round %d not checked here: use the Rust verifier (expertpool verify)" % rnd)
            except (ValueError, TypeError, KeyError, AttributeError) as x:
                chk("beacon", False, str(x)); beacon, checkable = b"", False
        else:
            named, given = d["body"]["beacon"] is not None, b.get("beacon_value") is not None
            try: beacon, bok = (bytes.fromhex(b["beacon_value"]) if given else b""), True
            except (ValueError, TypeError): beacon, bok = b"", False
            chk("before_draw", named == given and bok)
        n, el = d["body"]["count"], d["body"]["eligible_count"]
        ok = b.get("called") == list(range(min(n, el))) and b.get("shortfall") == max(0, n - el)
        chk("called_in_order", ok)
        if ok: d["called"] = list(b["called"])
        if d["pay"] is None: return chk("order", None)
        if not checkable: return chk("order", None, "beacon value not established")
        o = order(d["pay"]["eligible"], bytes.fromhex(d["pay"]["secret"]), d["ctx"], beacon)
        good = H("order", bytes.fromhex(d["pay"]["salt"]), *o).hex() == b.get("order_hash")
        chk("order", good, "starts " + ", ".join(o[:3]))
        if good: d["order"] = o
    elif kind == "call":
        if d is None or d["kind"] != "commit" or not d["ran"]: return chk("called_in_order", False)
        if d["cancelled"] or (d["v2"] and set(b) != {"positions"}): return chk("called_in_order", False)
        acc = sum(1 for o in d["out"].values() if o == "accepted")
        pend = sum(1 for p in d["called"] if p not in d["out"])
        c = len(d["called"]); k = min(d["body"]["count"] - acc - pend, d["body"]["eligible_count"] - c)
        ok = k > 0 and b["positions"] == list(range(c, c + k))
        chk("called_in_order", ok)
        if ok: d["called"] += b["positions"]
    elif kind == "response":
        if d is not None and d["kind"] == "commit" and (d["cancelled"] or (d["v2"] and set(b) != {"position", "outcome", "reason"})):
            return chk("response", False)
        p, o, r = b["position"], b["outcome"], b.get("reason")
        ok = d is not None and d["kind"] == "commit" and type(p) is int and p in d["called"] and p not in d["out"] \
            and o in OUTCOMES and (r is None or isinstance(r, str)) and ((o in ("declined", "recused")) == bool(r))
        chk("response", ok, "position %s: %s" % (p, o))
        if ok:
            d["out"][p] = o
            if o == "accepted": d["acc"].append(p)
    elif kind == "reveal":
        if d is None: return chk("reveal", False)
        d["revealed"] = True
        if e["time"] < d["body"]["reveal_after"]: return chk("reveal", False, "before reveal_after")
        if d["v2"] and set(b) != {"names"}: return chk("reveal", False, "reveal body keys")
        if d["kind"] == "directed": ids = d.get("experts")
        elif d["v2"] and not d["ran"]: ids = [] if d["pay"] is not None else None
        else: ids = [d["order"][p] for p in d["called"]] if d["order"] else None
        names = b["names"]
        if ids is not None and d["v2"] and isinstance(names, list) and all(isinstance(n, dict) for n in names) \
                and any(committed_name(d, n.get("id")) != n.get("name") for n in names):
            return chk("reveal", False, "a revealed name is not the committed one")
        ok = ids is not None and [n["id"] for n in names] == ids \
            and all(isinstance(n["name"], str) and n["name"] for n in names)
        chk("reveal", ok, ", ".join("%s=%s" % (n.get("id"), n.get("name")) for n in names))
    elif kind == "cancel":
        ok = set(b) == {"reason"} and d is not None and d["kind"] == "commit" and d["v2"] and not d["cancelled"] \
            and isinstance(b["reason"], str) and not blank(b["reason"])
        chk("cancel", ok, "CANCELLED: %s" % b.get("reason"))
        if ok: d["cancelled"] = True
    elif kind in ("withdrawal", "attendance"):  # spec 10.9
        seated = d is not None and d["kind"] == "commit" and d["v2"] and not d["cancelled"] and d["ran"]
        p = b.get("position")
        accepted = seated and type(p) is int and d["out"].get(p) == "accepted"
        if kind == "withdrawal":
            r = b.get("reason")
            ok = set(b) == {"position", "reason"} and accepted and not d.get("revealed") \
                and isinstance(r, str) and not blank(r)
            chk("withdrawal", ok, "position %s withdrew (%s)" % (p, r))
            if ok: d["out"][p] = "withdrawn"
        else:
            o, r = b.get("outcome"), b.get("reason")
            attended = d.setdefault("attended", set()) if d is not None else set()
            ok = set(b) == {"position", "outcome", "reason"} and accepted and p not in attended \
                and o in ("present", "absent", "late", "left_early") \
                and (r is None or (isinstance(r, str) and not blank(r) and o != "present"))
            chk("attendance", ok, "position %s: %s" % (p, o))
            if ok: attended.add(p)
    else: chk("kind", False, "unknown kind")

def inputs_v2_ok(b, pay):  # spec 10.2: the request's v2 keys, its public fields, its key, the committed names
    r, nm = pay["request"], pay.get("names")
    return isinstance(r, dict) and set(r) == REQUEST_V2 \
        and all(cj(r[k]) == cj(b[k]) for k in ("using_unit", "purpose", "work_content", "specialty", "min_level", "event_date")) \
        and all(isinstance(r[k], str) for k in ("using_unit", "purpose", "event_date", "project")) \
        and request_key(r) == b["request_key"] \
        and isinstance(nm, list) and len(nm) == len(pay["eligible"]) and all(isinstance(x, str) and not blank(x) for x in nm)

def inputs_ok(e, b, pay):
    salt, r, el, ex = bytes.fromhex(pay["salt"]), pay["request"], pay["eligible"], pay["excluded"]
    ids = [x["id"] for x in ex]
    codes_ok = all(x["reasons"] and all(c in REASONS for c in x["reasons"]) and
                   [REASONS.index(c) for c in x["reasons"]] == sorted(set(REASONS.index(c) for c in x["reasons"])) for x in ex)
    return len(salt) == 32 and Hj("request", r).hex() == b["request_hash"] and r["draw"] == e["draw"] \
        and r["pool"] == b["pool"] and r["reveal_after"] == b["reveal_after"] and r["count"] == b["count"] \
        and "rules" in r and cj(r["rules"]) == cj(b["rules"]) \
        and canonical(el) and canonical(ids) and not set(el) & set(ids) and codes_ok \
        and len(el) == b["eligible_count"] and len(ex) == b["excluded_count"] \
        and H("eligible", salt, *el).hex() == b["eligible_commit"] \
        and H("excluded", salt, *[f for x in ex for f in (x["id"], ",".join(x["reasons"]))]).hex() == b["excluded_commit"]

def pause(b, pay, draws, chk):  # spec 3.2
    uses = sorted((d for d in draws.values() if d["body"]["pool"] == b["pool"] and (d["ran"] or d["kind"] == "directed")),
                  key=lambda d: d["seq"])
    def drawn(d):
        if d["kind"] == "directed": return set(d["experts"]) if d["experts"] is not None else None
        # a withdrawn expert did not serve (spec 10.9)
        return {d["order"][p] for p in d["acc"] if d["out"].get(p) == "accepted"} if d["order"] else None
    paused = set()
    if b["rules"]["pause"] and len(uses) >= 2:
        a, c = drawn(uses[-1]), drawn(uses[-2])
        if a is None or c is None: return chk("pause", None)
        paused = a & c
    flagged = {x["id"] for x in pay["excluded"] if "pause" in x["reasons"]}
    chk("pause", not (paused & set(pay["eligible"])) and flagged <= paused, "%d paused" % len(flagged))

def months_before(d, k):  # spec 3.2: calendar months back, day clamped to the month's end
    y, m = divmod(d.year * 12 + d.month - 1 - k, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))

def eligibility(cands, req, hist):  # spec 3.2, for auditors holding the private records
    day, rec = date.fromisoformat, req["recusal"]
    U = {nfc(x) for x in rec["units"]}; Pp = U | {nfc(x) for x in rec["people"]}
    D, R = day(req["event_date"]), req["rules"]
    paused = set(map(nfc, hist[-1])) & set(map(nfc, hist[-2])) if R["pause"] and len(hist) >= 2 else set()
    rules = [("inactive", lambda c, i: not c.get("active", True)),
             ("not_appointed", lambda c, i: not day(c["appointment_start"]) <= D <= day(c["appointment_end"])),
             ("specialty", lambda c, i: nfc(req["specialty"]) not in map(nfc, c["specialties"])),
             ("level", lambda c, i: c["level"] < req["min_level"]),
             ("named_exclusion", lambda c, i: i in map(nfc, rec["experts"])),
             ("same_unit", lambda c, i: any(nfc(u) in U for u in c.get("units", []))),
             ("recent_employment", lambda c, i: any(nfc(e["unit"]) in U and (e.get("end") is None or day(e["end"]) >= months_before(D, R["employment_months"]))
                                                for e in c.get("employment", []))),
             ("recent_collaboration", lambda c, i: any(nfc(k["with"]) in Pp and day(k["date"]) >= months_before(D, R["collaboration_months"])
                                                  for k in c.get("collaborations", []))),
             ("declared_relation", lambda c, i: any(nfc(k) in Pp for k in c.get("relations", []))),
             ("pause", lambda c, i: i in paused)]
    seen = {}
    for c in cands:
        i = nfc(c["id"])
        if i and i not in seen: seen[i] = [code for code, rule in rules if rule(c, i)]
    ids = sorted(seen, key=str.encode)
    return {"eligible": [i for i in ids if not seen[i]], "excluded": [{"id": i, "reasons": seen[i]} for i in ids if seen[i]]}

def first_failure(res):
    f = [r for r in res if r[2] is False]
    f.sort(key=lambda r: (r[0] is None, r[0] or 0))
    return None if not f else ("log: %s" % f[0][1] if f[0][0] is None else "entry %d: %s" % (f[0][0], f[0][1]))

def check_vectors(path):
    v, bad = json.load(open(path, encoding="utf-8")), []
    for c in v["order"]:
        pat = c.get("eligible_pattern")
        el = c["eligible"] if not pat else ["%s%0*d" % (pat["prefix"], pat["width"], pat["start"] + k) for k in range(pat["count"])]
        o = order(el, bytes.fromhex(c["secret"]), bytes.fromhex(c["context"]), bytes.fromhex(c["beacon"]))
        if (o[:20] != c["order_first_20"] if pat else o != c["order"]) or H("order", bytes.fromhex(c["salt"]), *o).hex() != c["order_hash"]:
            bad.append("order " + c["name"])
    for c in v["canonical_json"]:
        if cj(c["value"]) != c["canonical"] or Hj(c["hash_tag"], c["value"]).hex() != c["hash"]: bad.append("cj")
    s = v["snapshot"]["records"]
    recs = sorted((cj(dict(r, id=nfc(r["id"]), specialties=sorted({nfc(x) for x in r["specialties"]}, key=str.encode))) for r in s),
                  key=lambda j: json.loads(j)["id"].encode())
    if H("snapshot", *[r.encode() for r in recs]).hex() != v["snapshot"]["hash"]: bad.append("snapshot")
    lv = [leaf(bytes.fromhex(h)) for h in v["merkle"]["leaf_data"]]
    for c in v["merkle"]["inclusion"]:
        pr = [bytes.fromhex(x) for x in c["proof"]]; rt = bytes.fromhex(c["root"])
        if mroot(lv[:c["size"]]) != rt or not inclusion_ok(lv[c["index"]], c["index"], c["size"], pr, rt): bad.append("inclusion")
    for c in v["merkle"]["consistency"]:
        if not consistency_ok(c["old_size"], c["new_size"], [bytes.fromhex(x) for x in c["proof"]],
                              bytes.fromhex(c["old_root"]), bytes.fromhex(c["new_root"])): bad.append("consistency")
    for c in v["eligibility"]:
        if eligibility(c["candidates"], c["request"], c["history"]) != c["result"]: bad.append("eligibility " + c["name"])
    cp = v["checkpoint"]
    try: checkpoint(cp["note"], cp["key_name"], bytes.fromhex(cp["public_key"]))
    except ValueError: bad.append("checkpoint")
    for lg in v["logs"]:
        res = verify_log(json.load(open(os.path.join(os.path.dirname(path), lg["file"]), encoding="utf-8")))
        got = first_failure(res)
        # this verifier has no BLS12-381: a log only that check fails names its next failure
        ok = got is None if lg["verdict"] == "ok" else got == lg.get("first_failure_without_bls", lg["first_failure"])
        print("%-48s %s" % (lg["file"], "ok" if ok else "MISMATCH (got %s)" % got))
        if not ok: bad.append(lg["file"])
    print("VECTORS: " + ("OK" if not bad else "FAILED " + ", ".join(bad)))
    return not bad

def load(path):
    try: return json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError): return None

def main(argv):
    if len(argv) == 3 and argv[1] == "--vectors": return 0 if check_vectors(argv[2]) else 1
    if len(argv) > 2 and argv[1] == "--first-failure":  # one line per file, for agreement tests
        for f in argv[2:]:
            doc = load(f)
            print("%s\t%s" % (f, "log: format" if doc is None else first_failure(verify_log(doc)) or "OK"))
        return 0
    if len(argv) != 2: print(__doc__); return 2
    try: doc = json.load(open(argv[1], encoding="utf-8"))
    except (OSError, ValueError) as x:
        print("cannot read %s: %s" % (argv[1], x)); print("VERDICT: FAILED (first: log: format)"); return 1
    res = verify_log(doc)
    for i, name, ok, detail in res:
        print("%-9s %-16s %-5s %s" % ("log" if i is None else "entry %d" % i, name, {True: "ok", False: "FAIL", None: "skip"}[ok], detail))
    f = first_failure(res)
    print("VERDICT: OK" if f is None else "VERDICT: FAILED (first: %s)" % f)
    return 0 if f is None else 1

if __name__ == "__main__": sys.exit(main(sys.argv))
