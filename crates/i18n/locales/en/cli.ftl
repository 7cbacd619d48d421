# Messages of expertpool-cli (en).

# The last line of a command that failed.
cli-failed = error: { $detail }

# check, build, serve, init, hooks, synthesize
cli-check-no-content = content folder `{ $path }` not found; pass --content DIR
cli-check-summary = checked { $summary } in { $ms } ms: { $errors ->
    [one] { $errors } error
   *[other] { $errors } errors
}, { $warnings ->
    [one] { $warnings } warning
   *[other] { $warnings } warnings
}
cli-check-hidden-notes = { $count ->
    [one] 1 more note
   *[other] { $count } more notes
} (such as which condition an applicant meets) not shown; add --verbose to see them
cli-check-scope = { $pools } pools, { $experts } experts, { $people } people
cli-check-scope-nothing = nothing (site.toml or specialties.toml unusable)
# witness and http
cli-http-not-json = the answer of { $url } is not JSON (HTTP { $status })
cli-http-service-error = { $message } ({ $fix })
cli-http-unreachable = cannot reach { $url }: { $error }
cli-http-status = { $url } answered HTTP { $status }: { $detail }
cli-http-read-failed = reading the answer of { $url } failed: { $error }
cli-witness-state-dir-failed = cannot create the state folder { $path }
cli-witness-write-failed = cannot write { $path }
cli-witness-read-failed = cannot read { $path }
cli-witness-retry = witness: this round did not finish, retrying in { $secs } s: { $error }
cli-witness-key-differs-from-state = the key given with --key differs from the log key pinned in the state folder; if the log really changed its key, use a new state folder.
cli-witness-head-no-checkpoint = the answer of { $log }/api/log/head has no checkpoint
cli-witness-bad-log-signature = the checkpoint from { $log } has no valid signature of the log { $key_name }: { $error }
cli-witness-origin-differs = the checkpoint's origin line { $origin } is not the pinned { $pinned }
cli-witness-cosigned = witness: cosigned the checkpoint of { $origin } ({ $size } entries); the service kept it.
cli-witness-already-cosigned = witness: the checkpoint of { $origin } ({ $size } entries) was cosigned before; the service has it.
cli-witness-refused = the service refused this witness's cosignature: { $detail }
    Give the output of `expertpool witness --state { $state } --print-key` to the service's administrator to register.
cli-witness-not-saved = the service did not keep the cosignature (HTTP { $status }): { $detail }
cli-witness-key-answer-missing = the answer of { $log }/api/key has no { $field }
cli-witness-published-key-differs = the log key { $key } published by { $log } differs from the one given with --key: refusing to witness this log.
cli-witness-pinned-key-invalid = the pinned log key { $key } is not an Ed25519 key: check state.json in the state folder, or use a new state folder.
cli-witness-log-key-read-failed = cannot read the log key file { $path }
cli-witness-log-key-invalid = { $path } must hold only the log's Ed25519 public key (64 hex digits: public_key of GET /api/key).
cli-witness-proof-missing = the answer with the consistency proof has no proof list
cli-witness-proof-bad-hash = an item of the consistency proof is not a 32-byte hex hash
cli-witness-evidence-write-failed = cannot write the evidence file { $path }
cli-witness-misbehaved = witness: { $message }
    Refused to cosign. Both signed checkpoints are kept as evidence in { $path }: give it to the pool's supervising department and the discipline inspection office.
cli-witness-misbehaved-proof = witness: { $message }
    Refused to cosign. Both signed checkpoints and the failing consistency proof are kept as evidence in { $path }: give it to the pool's supervising department and the discipline inspection office.
cli-witness-no-randomness = cannot get random numbers from the operating system: { $error }
cli-witness-key-write-failed = cannot write the witness key { $path }
cli-witness-key-read-failed = cannot read the witness key { $path }
cli-witness-key-invalid = { $path } is not 64 hex digits: restore it from a backup.
cli-witness-not-state = { $path } is not a witness state file
cli-witness-state-format = the format of { $path } is { $found }; this program reads only { $expected }.
cli-witness-name-differs = this state folder's witness name is { $kept }, not { $given } given with --name; a new name needs a new state folder and key.
cli-witness-name-invalid = the witness name { $name } cannot be used: no spaces or +, e.g. czj.example.gov.cn/witness.
cli-witness-name-needed = the first run needs the witness's name with --name, e.g. --name czj.example.gov.cn/witness.
cli-witness-fork = the log { $origin } forked: two checkpoints of { $size } entries both carry the log's valid signature but their roots differ (before { $previous }, now { $current }).
cli-witness-rollback = the log { $origin } rolled back: the checkpoint cosigned before has { $previous } entries, the one the log signs now only { $current }.
cli-witness-inconsistent = the log { $origin } forked: the consistency proof from the { $previous }-entry checkpoint cosigned before to the { $current }-entry one fails; the first { $previous } entries were rewritten.
cli-build-no-content = content folder `{ $path }` not found; pass --content DIR.
cli-build-built = built { $files } files ({ $written } written, { $unchanged } unchanged; { $megabytes } MB, { $experts } experts) into { $out } in { $ms } ms (load and check { $load_ms } ms, render and write { $render_ms } ms, swap and clean up { $swap_ms } ms)
cli-build-failed = build failed; { $out } was left as it was

