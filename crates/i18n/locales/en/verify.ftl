# Messages of the verify area (en).

# expertpool verify: reading the log.
verify-read-failed = cannot read the draw log file `{ $source }`: { $error }. Check the path, or give the draw service's address instead.
verify-http-status = { $url } answered HTTP { $status }: { $detail }
verify-no-such-draw = the log has no entry of draw { $id }: check the draw id on its page.

# Checks added by verify to the protocol verifier's (witnesses' cosignatures, inclusion).
verify-witness-ok = { $name } cosigned size { $size } at { $timestamp }
verify-inclusion-no-checkpoint = no signed checkpoint of this log verifies
verify-inclusion-not-covered = entry { $index } is not covered by the latest checkpoint (size { $size })
verify-inclusion-ok = included in checkpoint[{ $checkpoint }] (size { $size }), audit path of { $hashes ->
        [one] { $hashes } hash
       *[other] { $hashes } hashes
    }
verify-inclusion-bad-path = the audit path does not lead to the root of checkpoint[{ $checkpoint }]

# Names of entry kinds (protocol codes) in the summary.
verify-kind-commit = commit
verify-kind-run = run
verify-kind-call = call
verify-kind-response = response
verify-kind-directed = directed
verify-kind-reveal = reveal

# Names of the checks (spec §6) in the summary: the protocol's own codes.
verify-check-parse = parse
verify-check-seq = seq
verify-check-chain = chain
verify-check-time = time
verify-check-sealed = sealed
verify-check-commit = commit
verify-check-secret = secret
verify-check-inputs = inputs
verify-check-pause = pause
verify-check-before-draw = before_draw
verify-check-called-in-order = called_in_order
verify-check-order = order
verify-check-response = response
verify-check-directed = directed
verify-check-reveal = reveal
verify-check-kind = kind
verify-check-closed = closed
verify-check-format = format
verify-check-public-key = public_key
verify-check-checkpoint = checkpoint
verify-check-inclusion = inclusion
verify-check-witness = witness
# A check name with its index, e.g. witness[0].
verify-check-indexed = { $label }[{ $index }]

# One failed check in the summary.
verify-failure-entry = entry { $number } (seq { $seq }, { $kind }, draw { $draw }) fails `{ $check }`: { $detail }
verify-failure-log = the log fails `{ $check }`: { $detail }

# Summary of the whole log.
verify-verdict-passed = Verdict: PASSED
verify-verdict-failed = Verdict: FAILED
verify-log-line = Log { $origin }: { $size } entries, Merkle root { $root }…
verify-checkpoint-latest = Signed checkpoints: the latest covers { $size } entries; the log's signature is valid
verify-checkpoint-none = Signed checkpoints: none verifies
verify-witnesses-none = Witnesses: the file holds no valid witness cosignature
verify-witnesses-some = Witnesses: { $count ->
        [one] { $count } valid cosignature
       *[other] { $count } valid cosignatures
    }, { $covering } of a checkpoint covering every entry
verify-failed-checks = Failed checks ({ $count }):

# Summary of one draw (--draw).
verify-draw-passed = Draw { $id }: PASSED
verify-draw-failed = Draw { $id }: FAILED
verify-draw-entries = Entries: { $count } ({ $kinds })
# Separator of the entry kinds in verify-draw-entries and of witness names.
verify-list-separator = {", "}
verify-draw-included = Inclusion: every entry is in the latest signed checkpoint ({ $size } entries)
verify-draw-not-included = Inclusion: some entries are not proven in the latest checkpoint ({ $size } entries)
verify-draw-no-checkpoint = Inclusion: no signed checkpoint of the log verifies
verify-draw-witnesses = Witnesses: { $count } cosigned a checkpoint that includes every entry of this draw
verify-draw-witnesses-named = Witnesses: { $count } ({ $names }) cosigned a checkpoint that includes every entry of this draw
verify-draw-elsewhere = Note: { $count ->
        [one] { $count } check fails
       *[other] { $count } checks fail
    } on other draws' entries (not this draw's verdict)
