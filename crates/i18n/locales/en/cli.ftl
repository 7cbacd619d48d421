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
