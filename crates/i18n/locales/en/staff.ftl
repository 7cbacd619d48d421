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
    } read: { $to_create } to create ({ $new_people ->
        [one] { $new_people } new person
       *[other] { $new_people } new people
    }), { $rows_with_errors } with errors; { $errors ->
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
## Lifecycle steps (lifecycle.rs)
staff-step-publicity-no-notice = the publicity stage (公示) names no notice
staff-step-publicity-no-notice-help = add notice = "<slug>" to the publicity stage (公示)
staff-step-publicity-notice-missing = the publicity stage (公示) names notice `{ $slug }`, which does not exist
staff-step-publicity-notice-missing-help = check the slug, or write and commit the notice in notices/ first
staff-step-publicity-period-error = cannot compute the publicity period of `{ $slug }`: { $error }
staff-step-publicity-period-error-help = check the notice's start date and the working-day calendar in calendar/
staff-step-publicity-running = cannot { $step } on { $date }: the publicity period runs from { $start } to { $end }
staff-step-publicity-running-help = { $step } from { $from } on
staff-step-open-call-unpublicised = cannot { $step }: an open-call applicant must be publicised (公示) first
staff-step-open-call-unpublicised-help = run `expertpool record publicize <ID> --notice <slug>` once the notice is published
staff-step-or = { " " }or{ " " }
staff-step-out-of-order = cannot { $step } `{ $id }`: its last step is { $stage } on { $date }, and { $step } follows { $need }
staff-step-out-of-order-no-stage = cannot { $step } `{ $id }`: it has no stage yet, and { $step } follows { $need }
staff-step-order-help = stages go `申请` → `资料审核` → `公示` → `会议审定` → `分类入库` → `续聘` → `出库`
staff-step-dismissed = cannot { $step } `{ $id }`: dismissed on { $date }
staff-step-not-in-pool = cannot { $step } `{ $id }` on { $date }: status is `{ $status }`, not `在库`
staff-step-not-in-pool-help = only experts in an appointment term can be evaluated, recorded or confirmed
staff-step-override-not-gated = { $step } is not barred by the admission rules; --override is not needed
staff-step-override-drop = run it again without --override
staff-step-override-unneeded = `{ $id }` meets the admission rules; --override is not needed: an exception is recorded only where a rule bars the step
staff-step-barred = cannot take `{ $id }` through { $stage }:
staff-step-barred-help = correct the record or add the missing papers; if a competent body approved an exception, add --override "decision and reason" (written into the record's [[overrides]] and listed by check and report). Rule codes: { $rules }
staff-step-override-recorded = ; exception recorded ({ $barriers }): { $reason }
staff-step-already-evaluated = `{ $id }` already has an evaluation for draw { $draw }
staff-step-already-evaluated-help = one evaluation per expert and draw; to correct it, edit that evaluation
staff-step-draw-log-unreadable = cannot read the draw log { $file }: { $error }
staff-step-draw-log-unreadable-help = export it from the draw service: expertpool export-log --data <DIR> --out draws/log.json
staff-step-before-last = { $date } is before the last step, { $stage } on { $last }
staff-step-before-last-help = give --date { $last } or later
staff-step-was-dismissed = `{ $id }` was dismissed on { $date } ({ $ground })
staff-step-reviewed = { $id }: reviewed (资料审核) on { $date }
staff-step-reviewed-missing = { $id }: reviewed (资料审核) on { $date } (papers still missing: { $missing })
staff-step-no-notice = no notice `{ $file }`
staff-step-no-notice-help = write and commit the notice first
staff-step-notice-other-pool = notice `{ $notice }` is for pool `{ $notice_pool }`, not `{ $pool }`
staff-step-notice-other-pool-help = use a notice of this pool
staff-step-notice-lacks-expert = notice `{ $notice }` does not list `{ $id }`
staff-step-notice-lacks-expert-help = add "{ $id }" to the notice's experts list
staff-step-publicized = { $id }: publicised (公示) from { $start } (notice { $notice })
staff-step-approved = { $id }: approved (会议审定) on { $date } ({ $meeting })
staff-step-category-not-specialty = category `{ $code }` is not one of the expert's specialties ({ $specialties })
staff-step-category-not-specialty-help = choose --category among the expert's specialties, or change the specialties first
staff-step-admitted = { $id }: admitted (分类入库) on { $date }, certificate { $certificate }, term { $date } – { $end }
staff-step-nothing-to-renew = `{ $id }` has no appointment to renew
staff-step-renew-too-early = too early to renew: the term runs until { $end }
staff-step-renew-too-early-help = renew from { $earliest } on (within 180 days of the end)
staff-step-renewed = { $id }: renewed (续聘) on { $date }, certificate { $certificate }, term { $start } – { $end }
staff-step-evaluate-not-appointed = cannot evaluate `{ $id }`: not appointed on { $date }
staff-step-evaluated = { $id }: evaluated { $rating } by { $unit }
staff-step-misconduct = { $id }: misconduct record { $count } ({ $kind })
staff-step-misconduct-dismissal-due = { $id }: misconduct record { $count } ({ $kind }); { $count } records: dismissal on art. 19(7) is due
staff-step-dismiss-never-appointed = cannot dismiss `{ $id }`: never appointed (before { $date })
staff-step-dismiss-too-few-misconduct = ground { $ground } needs three misconduct records; `{ $id }` has { $count }
staff-step-dismiss-too-few-misconduct-help = check the ground, or record the misconduct first
staff-step-dismissed-summary = { $id }: dismissed on { $date } ({ $ground }; { $meeting })
staff-step-already-confirmed = `{ $id }` already confirmed { $year } on { $date }
staff-step-confirmed = { $id }: information confirmed for { $year }
staff-step-certificate-empty = the certificate number is empty
staff-step-certificate-empty-help = give the certificate number with --certificate
staff-step-certificate-taken = certificate `{ $certificate }` is already issued to `{ $id }`
staff-step-certificate-taken-help = each certificate number is used once; check the number
staff-edit-invalid-toml = the file is not valid TOML: { $error }
staff-edit-no-admission = the record has no [admission] table
staff-edit-documents-not-list = admission.documents is not a list
staff-edit-key-exists = the record already has `{ $key }`
staff-edit-not-table-list = `{ $array }` is not a list of tables
staff-edit-would-not-parse = the edited record would not parse ({ $error }); nothing written
staff-edit-id-changed = the edited record changed its id; nothing written
staff-choice-unknown = `{ $text }` is not a { $what }; use a number or a label: { $options }
staff-choice-document = document
staff-choice-rating = rating
staff-choice-misconduct = misconduct kind (art. 18)
staff-choice-dismissal = dismissal ground (art. 19)

## The weekly report (report.rs)
staff-report-no-shows-invalid = { $file }: { $error }; expected {"{"}"<expert id>": {"{"}"consecutive_no_shows": 3, "draws": ["…"]{"}"}{"}"}. Export the file from the draw service again.
staff-report-no-shows-unreadable = cannot read { $file }: { $error }
staff-report-reason-age-inclusive = past the age limit ({ $limit } years inclusive) since { $date }
staff-report-reason-age-under = past the age limit (under { $limit } years) since { $date }
staff-report-reason-no-shows = { $count } consecutive no-shows reported by the draw service ({ $draws }): record misconduct { $kind } (art. 18(7))
staff-report-reason-incompetent = rated incompetent by { $unit } on { $date } ({ $work }): look into it and decide whether to record misconduct (art. 18(1))
staff-report-reason-incompetent-draw = rated incompetent by { $unit } on { $date } ({ $work }, draw { $draw }): look into it and decide whether to record misconduct (art. 18(1))
staff-report-reason-retired = { $name } ({ $code }) retired on { $date }
staff-report-reason-separator = ;{ " " }
staff-report-title = Report for { $today } (looking { $days } days ahead)
staff-report-section = { $title } ({ $count })
staff-report-none = none
staff-report-terms-ending = Terms ending within { $days } days
staff-report-term-ends = { $id } { $name } [{ $pool }]: certificate { $certificate } ends { $end } (in { $days } days)
staff-report-age-reached = { $id } { $name } [{ $pool }]: past the age limit since { $date }
staff-report-age-before-term-end = { $id } { $name } [{ $pool }]: reaches the age limit on { $date }, before the term ends { $end }
staff-report-age-unchecked = (not checked: private records unavailable)
staff-report-age-limit = Age limit
staff-report-confirmations-missing = Yearly confirmation missing for { $year }
staff-report-last-confirmed = { $id } { $name } [{ $pool }]: last confirmed { $year }
staff-report-never-confirmed = { $id } { $name } [{ $pool }]: never confirmed
staff-report-dismissal-proposals = Dismissal proposals
staff-report-ground = art. 19: { $ground }
staff-report-misconduct-to-record = misconduct to record
staff-report-proposal = { $id } { $name } [{ $pool }]: { $ground } — { $reasons }
staff-report-coverage = Specialties too thin for a typical draw
staff-report-nobody = nobody
staff-report-coverage-line = [{ $pool }] { $code } { $name }: { $active } active, { $available } after recusing { $employer } ({ $group }), panel of { $panel }
staff-report-reviews-due = Whole-pool review due
staff-report-review-due = [{ $pool }] { $name }: reviewed every { $years } years, last { $last }, due before { $due }
staff-report-review-never = [{ $pool }] { $name }: reviewed every { $years } years, no last review recorded (write last_review under [review] in pool.toml)
staff-report-overrides = Recorded exceptions to the admission rules
staff-report-override = { $id } { $name } [{ $pool }]: { $stage } { $date } — { $rules }: { $reason }
## Reading a spreadsheet (sheet.rs)
staff-sheet-cannot-open = { $path }: cannot open the spreadsheet: { $message }. Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), then import that.
staff-sheet-no-worksheet = { $path }: the workbook has no worksheet. Check that this is the filled-in summary table.
staff-sheet-not-utf8 = { $path }: not UTF-8 text; in Excel choose "CSV UTF-8 (逗号分隔)" when saving, or send the .xlsx
staff-sheet-not-spreadsheet = { $path }: not a valid .{ $ext } file (its content is not a spreadsheet: another file renamed, or a damaged one). { $hint }
staff-sheet-unsupported = { $path }: unsupported file type; use .xlsx, .xls, .ods or .csv
staff-sheet-hint-really-xls = It is in fact an old Excel 97-2003 (.xls) file: rename it to .xls to import it, or save it as .xlsx.
staff-sheet-hint-really-xlsx = It is in fact an .xlsx file: rename it to .xlsx to import it.
staff-sheet-hint-empty = The file is empty. Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), or as "CSV UTF-8 (逗号分隔)", then import that.
staff-sheet-hint-save-as = Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), or as "CSV UTF-8 (逗号分隔)", then import that.
staff-sheet-hint-unparsable = Its content could not be read (a cell reference out of range, or a damaged file). Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), then import that.
staff-sheet-hint-cell-out-of-range = It has a cell at row { $row }, column { $column }, beyond what an Excel sheet holds ({ $max_rows } rows, { $max_columns } columns): the file is damaged. Open it in Excel or WPS and save it as an Excel workbook (*.xlsx), then import that.
## Export (export.rs)
staff-export-template-no-extension = { $file }: the template is written only as an .xlsx or .csv file, not as a file without an extension; give --out the extension .xlsx (recommended) or .csv
staff-export-template-bad-extension = { $file }: the template is written only as an .xlsx or .csv file, not as a .{ $ext } file; give --out the extension .xlsx (recommended) or .csv
staff-export-bad-extension = { $file }: write .xlsx or .csv
## Evaluations tied to a draw (served.rs)
staff-served-log-unverified = the draw log draws/log.json does not pass verification
staff-served-log-unverified-help = export it again from the draw service (expertpool export-log) and check it with expertpool verify
staff-served-log-invalid = draws/log.json is not a draw log: { $error }
staff-served-log-invalid-help = export it again from the draw service (expertpool export-log)
staff-served-no-draw = the draw log has no draw { $draw }
staff-served-no-draw-help = check the draw id; for a recent draw, export the draw log first (expertpool export-log)
staff-served-not-revealed = the names of draw { $draw } are not revealed yet (still confidential), so it cannot show that { $expert } served in it
staff-served-not-revealed-help = record the evaluation once the names are revealed and the draw log is exported
staff-served-not-listed = { $expert } is not among the names revealed for draw { $draw }
staff-served-not-listed-help = check the expert id and the draw id
staff-served-did-not-accept = { $expert } answered draw { $draw } with "{ $answer }" and did not serve in it
staff-served-no-answer = { $expert } has no recorded answer in draw { $draw }
staff-served-accepted-only = evaluations are recorded only for experts who accepted and served
## The yearly information update (update_info.rs)
staff-update-empty-value = the new value ({ $field }) must not be empty or contain control characters
staff-update-empty-value-help = type it again as the expert gave it
staff-update-not-in-pool = `{ $id }` is not in the pool on { $date } ({ $status }); no yearly confirmation is needed
staff-update-already-confirmed = `{ $id }` already confirmed { $year } on { $date }
staff-update-already-confirmed-help = for later changes this year, edit the record file and commit it with a change note (变更说明：)
staff-update-bad-credit-code = --employer-credit-code: { $error }
staff-update-credit-code-alone = a credit code was given without an employer
staff-update-credit-code-alone-help = give the new employer with --employer as well
staff-update-bad-mobile = `{ $value }` is not an 11-digit mobile number
staff-update-bad-mobile-help = give an 11-digit mobile number with --mobile
staff-update-bad-email = `{ $value }` is not an e-mail address
staff-update-bad-email-help = give an address such as name@example.cn with --email
staff-update-no-private = the private record of `{ $id }`, private/experts/{ $person }.toml, does not exist
staff-update-no-private-help = create the expert's private record first, then confirm the information
staff-update-write-failed = cannot write { $file }: { $error }
staff-update-read-failed = cannot read { $file }: { $error }
staff-update-edit-failed = cannot edit { $file }: { $error }
staff-update-would-not-parse = { $file }: the edited record would not parse ({ $error }); nothing written
staff-update-summary-unchanged = { $id }: information confirmed for { $year }, nothing changed
staff-update-summary-changed = { $id }: information confirmed for { $year }, updated { $fields }
## Import: admission (import/admission.rs)
staff-import-bad-channel = `{ $text }` is not an admission channel; use `单位推荐`, `个人自荐`, `互通遴选` or `特约邀请` (or the full labels { $labels })
staff-import-no-call = no call `{ $file }`
staff-import-no-call-help = use one of: { $calls }
staff-import-call-other-pool = call `{ $call }` is for pool `{ $call_pool }`, not `{ $pool }`
staff-import-call-other-pool-help = check that --call and --pool name the same pool
staff-import-late-accepted = received { $received } after the deadline { $deadline } of `{ $call }`; accepted late: { $reason }
staff-import-late-refused = received { $received } after the deadline { $deadline } of call `{ $call }` (late applications are refused)
staff-import-late-refused-help = late tables are refused; to accept it anyway pass --late-reason "…" (it is recorded)
staff-import-unit-missing = channel { $channel } needs the recommending unit, and the table's title area names none
staff-import-unit-missing-help = pass --unit "<unit name>" (and --unit-credit-code) or fill in the unit line (单位：…) above the header
staff-import-bad-unit-credit-code = --unit-credit-code { $code }: { $error }
staff-import-bad-unit-credit-code-help = copy the code from the unit's business licence
## Import: the cells of a row (import/applicant.rs, cells.rs)
staff-cell-name-missing = the name is missing
staff-cell-name-help = write the name as on the identity card
staff-cell-not-a-name = `{ $value }` is not a name
staff-cell-employer-missing = the employer is missing
staff-cell-employer-help = write the full name of the current employer
staff-cell-year-in-future = { $year } is in the future
staff-cell-year-in-future-help = write the year the expert started in the field, e.g. 2005
staff-cell-bad-email = `{ $value }` is not an e-mail address
staff-cell-bad-email-help = write an address such as name@example.cn, or leave it empty
## Import: checks across fields and eligibility (import/checks.rs)
staff-cell-gender-differs = is `{ $value }` but the ID number says `{ $id_gender }`
staff-cell-birth-differs = is { $value } but the ID number says { $id_birth }
staff-cell-differs-help = correct whichever was mistyped
staff-check-not-eligible = not eligible: { $reasons }
staff-check-age-help-inclusive = pool `{ $pool }` takes experts up to { $age } years old
staff-check-age-help-under = pool `{ $pool }` takes experts under { $age } years old
staff-check-years-unknown = eligibility depends on years in the field, which the table does not give
staff-check-years-unknown-help = check the application form (annex 1) before review
staff-check-no-condition = meets no condition of pool `{ $pool }` ({ $reasons })
staff-check-no-condition-help = check the level and honours typed, or leave the applicant out
## Import: the table and its rows (import/plan.rs)
staff-plan-no-header = no header row found: no row among the first 30 names 姓名 and two other annex-2 columns
staff-plan-no-header-help = the table needs the annex-2 headers: { $headers }
staff-plan-header-lacks = the header row (row { $row }) lacks { $headers }
staff-plan-header-lacks-help = add the missing columns with these headers
staff-plan-column-ignored = column { $column } ({ $header }) is not imported
staff-plan-no-data-rows = the header (row { $row }) has no data rows under it: the table holds no applicant to import
staff-plan-no-data-rows-help = fill in one applicant per row under the header, then import; if it is filled in, check that this is the right file and sheet (only the first sheet is read)
staff-plan-bad-prefix = --id-prefix `{ $prefix }` makes ids that break the naming rule: { $problem }
staff-plan-no-pool = no pool `{ $pool }` in { $dir }
staff-plan-no-pool-help = use one of: { $pools }
staff-plan-duplicate-id-number = the same ID number is on row { $row }
staff-plan-duplicate-id-number-help = keep one row per person
staff-plan-already-in-pool = this person is already in pool `{ $pool }` as { $expert } (private record { $person })
staff-plan-already-in-pool-help = remove the row; change the existing record instead
staff-plan-known-person = already known as private record { $person } (another pool); the new record points at it
## Import: writing the records (import/write.rs)
staff-write-not-toml = cannot write the record as TOML: { $error }
staff-write-differs = the record does not read back the same; nothing written
staff-write-would-not-parse = the record would not parse ({ $error }); nothing written
staff-write-has-errors = the plan has { $count ->
        [one] { $count } error
       *[other] { $count } errors
    }; nothing written (fix the table, or pass --skip-invalid to import the other rows)
staff-write-exists = { $file } already exists; nothing written (records are never overwritten)
staff-write-failed = { $file }: { $message }
staff-cell-id-as-number = the ID number is stored as a number ({ $value }), so Excel has dropped its last digits
staff-cell-id-as-number-help = format the column as text (设置单元格格式 → 文本) and type the number again
staff-cell-id-missing = the ID number is missing
staff-cell-id-missing-help = copy the 18-character number from the identity card
staff-cell-id-scientific = `{ $value }` is the ID number in scientific notation; its last digits are lost
staff-cell-id-scientific-help = in Excel format the column as text (设置单元格格式 → 文本), type the numbers again and save
staff-cell-id-retype = re-type the number from the identity card
staff-cell-bad-gender = `{ $value }` is not a gender
staff-cell-bad-gender-help = write `男` or `女`
staff-cell-date-help = write the date as YYYY-MM-DD, e.g. 1975-03-08
staff-cell-bad-date = `{ $value }` is not a date
staff-cell-bad-year = `{ $value }` is not a year
staff-cell-bad-year-help = write the four-digit year, e.g. 2008
staff-cell-contact-missing = the contact is missing
staff-cell-contact-missing-help = give the expert's 11-digit mobile number
staff-cell-no-mobile = `{ $value }` has no 11-digit mobile number
staff-cell-no-mobile-help = give the expert's mobile number (an office line may follow it)
staff-cell-bad-employer-kind = `{ $value }` is not an employer kind
staff-cell-bad-employer-kind-help = write one of { $kinds }
staff-cell-unknown-level = cannot tell the title or skill level of `{ $value }`
staff-cell-level-help = a title's level is one of { $titles }, and may be given in brackets, e.g. `{ $item }（正高级）`; a skill level is one of { $skills }
staff-cell-level-help-suggest = did you mean `{ $best }`? A title's level is one of { $titles }, and may be given in brackets, e.g. `{ $item }（正高级）`; a skill level is one of { $skills }
staff-cell-honour-tier-unknown = cannot tell the level of the honour `{ $value }`
staff-cell-honour-tier-help = add the level in brackets, e.g. `{ $name }（市级）`; levels: { $tiers }
staff-cell-honour-unnamed = `{ $value }` names no honour
staff-cell-honour-unnamed-help = write the honour's full name, e.g. `2019年全国技术能手`
staff-cell-specialty-missing = the specialty is missing
staff-cell-specialty-missing-help = use a specialty name from specialties.toml
staff-cell-specialty-read-as = `{ $value }` read as { $name } ({ $code })
staff-cell-specialty-unknown = no specialty is named `{ $value }`
staff-cell-specialty-did-you-mean = did you mean `{ $name }`?
staff-cell-specialty-ambiguous = it could be any of { $names }; write the full name
staff-cell-specialty-retired = specialty { $name } ({ $code }) was retired on { $date }
staff-cell-specialty-retired-help = choose a current specialty
## Progress of long runs (progress.rs)
staff-progress = { $label }: { $done }/{ $total }
staff-progress-done = { $label }: { $done }/{ $total } done
staff-cli-flag-error = { $flag }: { $error }
staff-report-reason-late = { $count } late arrivals or early departures without reason in { $year }, reported by the draw service ({ $draws }): record misconduct { $kind } (art. 18(8))
