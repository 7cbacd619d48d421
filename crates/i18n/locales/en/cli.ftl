# Messages of expertpool-cli (en).

# The last line of a command that failed.
cli-failed = error: { $detail }

# check, build, serve, init, hooks, synthesize
cli-check-no-content = content folder `{ $path }` not found; pass --content DIR.
cli-check-summary = checked { $summary } in { $ms } ms: { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
cli-check-hidden-notes = { $count ->
        [one] { $count } note (such as which eligibility rule an applicant meets) not shown; add --verbose to see it
       *[other] { $count } notes (such as which eligibility rule each applicant meets) not shown; add --verbose to see them
    }
cli-check-counted = { $pools ->
        [one] { $pools } pool
       *[other] { $pools } pools
    }, { $experts ->
        [one] { $experts } expert
       *[other] { $experts } experts
    }, { $people ->
        [one] { $people } person
       *[other] { $people } people
    }
cli-check-nothing = nothing (site.toml or specialties.toml unusable)
cli-build-no-content = content folder `{ $path }` not found; pass --content DIR.
cli-build-built = built { $files } files ({ $written } written, { $unchanged } unchanged; { $megabytes } MB, { $experts } experts) into { $out } in { $ms } ms (load and check { $load_ms } ms, render and write { $render_ms } ms, swap and clean up { $swap_ms } ms)
cli-build-failed = build failed; { $out } was left as it was
