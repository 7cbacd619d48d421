# Messages of expertpool-staff (en).

## Problems of an import, by place (import/issue.rs)
staff-issue-file = { $severity }: { $message }
staff-issue-row = { $severity }: row { $row }: { $message }
staff-issue-cell = { $severity }: row { $row }, column { $column } ({ $header }): { $message }
staff-issue-help = help: { $help }

## Commands (crates/cli)
staff-cli-no-content = Content folder `{ $dir }` not found; pass --content DIR.
staff-cli-instance-unloadable = The instance in `{ $dir }` cannot be loaded; run `expertpool check` to see why.
staff-cli-progress-checking-rows = checking rows
staff-cli-import-summary = { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    } read: { $to_create } to create ({ $new_people } new people), { $rows_with_errors } with errors; { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }; { $skipped ->
        [one] { $skipped } blank or template row
       *[other] { $skipped } blank or template rows
    } skipped
staff-cli-importing = importing { $file }
staff-cli-import-wrote = wrote { $count ->
        [one] { $count } file
       *[other] { $count } files
    }
staff-cli-import-dry-run = dry run: nothing written; run again with --apply to create the records
staff-cli-import-no-level = no level
staff-cli-import-no-name = (no name)
staff-cli-import-row-create-new-person = row { $row }: create { $id } { $name } ({ $gender }, { $employer }, { $kind }; { $specialties }; { $level }) — new person { $person }
staff-cli-import-row-create-existing-person = row { $row }: create { $id } { $name } ({ $gender }, { $employer }, { $kind }; { $specialties }; { $level }) — existing person { $person }
staff-cli-import-row-not-imported = row { $row }: { $name } — not imported
staff-cli-export-template-written = wrote the annex-2 template to { $file }
staff-cli-export-written = wrote { $count ->
        [one] { $count } expert
       *[other] { $count } experts
    } of `{ $pool }` to { $file }
staff-cli-export-written-private = wrote { $count ->
        [one] { $count } expert
       *[other] { $count } experts
    } of `{ $pool }` to { $file } — contains personal data (内部资料 严禁公开): never publish it
staff-cli-report-bad-within = `{ $text }` is not a number of days from 0 to { $max }; for example --within 90 looks 90 days ahead.
staff-cli-update-would-change = would change (not written) { $file }
staff-cli-update-changed = changed { $file }
staff-cli-commit-hint = Commit with a public change note (the expert's page shows only this line under its record changes):
staff-cli-step-dry-run = dry run: { $file } not changed; it would read:
staff-cli-step-updated = updated { $file }
staff-cli-refused = error: { $message }
staff-cli-no-expert = no expert `{ $id }` in any pool
staff-cli-did-you-mean = did you mean `{ $id }`?
staff-cli-new-field-issue = { $severity }: { $flag } ({ $header }): { $message }
staff-cli-new-nothing = nothing to create
staff-cli-new-applied = { $id }: application (申请) on { $date }, { $name } { $file }
staff-cli-new-dry-run = dry run: nothing written
staff-cli-new-created = created { $file }
