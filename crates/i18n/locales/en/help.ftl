# Messages of the help area (en).

# Clap's own words.
help-clap-usage-line = Usage: { $usage }
help-clap-arguments = Arguments
help-clap-options = Options
help-clap-commands = Commands
help-clap-command-value = COMMAND
help-clap-help = Print help
help-clap-version = Print version
help-clap-help-command = Print this message or the help of the given subcommand(s)
help-clap-possible-values = { $help } [possible values: { $values }]
help-clap-default = { $help } [default: { $value }]

# Errors in the command line (clap's, reworded).
help-clap-error = error: { $message }
help-clap-error-unknown-argument = unexpected argument `{ $arg }`; see the options with --help
help-clap-error-unknown-subcommand = there is no command `{ $name }`; see the commands with --help
help-clap-error-invalid-value = `{ $value }` is not a valid value of { $arg }; possible values: { $valid }
help-clap-error-bad-value = `{ $value }` is not a valid value of { $arg }: { $reason }
help-clap-error-not-a-number = `{ $value }` is not a valid value of { $arg }: a whole number is expected.
help-clap-error-not-an-address = `{ $value }` is not a valid value of { $arg }: an IP address such as 127.0.0.1 is expected.
help-clap-error-missing = required arguments missing: { $args }
help-clap-error-missing-command = a command is needed; see the commands with --help
help-clap-error-conflict = { $arg } cannot be used together with { $other }
help-clap-error-value-needed = { $arg } needs a value
help-clap-error-other = the command line is not valid: { $detail }
help-clap-error-more = For more information, run it with --help.

# expertpool
help-about = Expert pools of a human-resources bureau: records, public site and verifiable draws
help-lang = Language of messages: zh (简体中文, the default) or en; without it, an English LC_ALL, LC_MESSAGES or LANG chooses English

# Shared by several commands.
help-shared-content = The instance folder
help-shared-channel = Admission channel: 单位推荐, 个人自荐, 互通遴选, 特约邀请, or the full label (default: 单位推荐 for `import`, 个人自荐 for `record new`)
help-shared-call = The call (calls/<slug>.md) answered; its deadline is enforced
help-shared-late-reason = Accept an application received after the call's deadline; the reason is recorded
help-shared-unit = The recommending unit (for a table: if its 单位： line does not name it)
help-shared-unit-credit-code = Unified social credit code of the recommending unit

help-init-about = Write a new, empty but valid instance into DIR (a new or empty folder) to fill in
help-init-dir = The folder to create; it must be missing or empty
help-init-git = Also make the folder a git repository (`git init`) and install the pre-commit hook that runs `expertpool check` (see `expertpool hooks install`)

help-check-about = Validate every record of an instance and explain each problem, like a compiler
help-check-format = `text` for people, `json` for machines (one array of diagnostics)
help-check-today = Check as of this date (YYYY-MM-DD) instead of today (or a demo instance's `[demo] today`)
help-check-verbose = Also print notes (such as which eligibility rule each applicant meets); by default only errors and warnings are printed, with a count of the notes left out

help-build-about = Build the public site of an instance into a folder for any static host
help-build-out = The output folder; replaced as a whole once the new site is complete (files whose bytes did not change keep their inode and modification time)
help-build-today = Build as of this date (YYYY-MM-DD) instead of today (or a demo instance's `[demo] today`)
help-build-templates = A folder of default templates to use instead of those compiled into the binary (for working on the templates; an instance overrides single files in its templates/)

help-serve-about = Preview the public site on loopback, rebuilding and reloading on every change
help-serve-addr = Address to listen on; loopback by default, so the preview is not on the network
help-serve-port = Port to listen on
help-serve-today = Build as of this date (YYYY-MM-DD) instead of today (or a demo instance's `[demo] today`)
help-serve-templates = A folder of default templates to use instead of those compiled into the binary (for working on the templates; an instance overrides single files in its templates/)
help-serve-draw-config = Configuration of the draw service with the staff tokens (see `expertpool token add`); without the file the service starts read-only
help-serve-draw-data = Data folder of the draw service: its journal and signing key (created if missing)
help-serve-no-draws = Serve the site only, without the draw service

help-synthesize-about = Write a fictional instance of any size, deterministic from the seed
help-synthesize-experts = Public expert records to write, over both pools
help-synthesize-seed = Seed of the generator
help-synthesize-out = Folder to create; it must not already hold an instance
help-synthesize-today = The day the instance describes (YYYY-MM-DD); check it with the same --today

help-verify-about = Verify a public draw log (a file or an address), or one draw of it: commitments, order, calls, reveals, chain, signed checkpoints and witnesses' cosignatures
help-verify-source = The public draw log (`expertpool-draw-log/v1` JSON): a file, or an address such as https://draws.example.gov.cn (its /api/log/export is fetched) or the site's draws/log.json
help-verify-draw = Check one draw: its entries (in the whole log's checks), their inclusion in the latest signed checkpoint, and the witnesses that cosigned a checkpoint including it
help-verify-format = `text` for people, `json` for machines (the full structured report)

help-witness-about = Witness a draw service's log: check that it only grows, cosign its checkpoints (C2SP cosignature/v1) and report a fork or rollback with evidence
help-witness-log = The draw service's address, e.g. https://draws.example.gov.cn (its API is under /api)
help-witness-state = The witness's state folder: its key, the pinned log and the last checkpoint cosigned
help-witness-key = A file with the log's public key (64 hex digits) to pin instead of trusting the first answer
help-witness-name = The witness's name in its cosignatures (needed on the first run), e.g. czj.example.gov.cn/witness
help-witness-once = One round, then exit (the default)
help-witness-every = A round every SECS seconds until stopped (or until the log misbehaves)
help-witness-print-key = Print the witness's name and public key as a `[[witness]]` table for the service's configuration (creating the key on first use), and exit

help-drawd-about = Run the draw service alone (HTTP API under /api), for production behind a proxy
help-drawd-config = Service configuration (staff token hashes, limits); see `expertpool token add`
help-drawd-data = Data folder: journal, signing key, no-show counts; created if missing
help-drawd-listen = Address to listen on (port 0: any free port, printed on start)
help-drawd-content = The instance whose pools are drawn (public and private records)

help-token-about = Manage staff tokens of the draw service
help-token-add-about = Create a token for staff member NAME and store its hash in the configuration
help-token-add-name = Staff id recorded as the actor of every log entry they cause (e.g. wang.li)
help-token-add-role = operator (create, run, record answers), auditor (read sealed data) or admin (everything)
help-token-add-config = The draw service configuration file; created if missing

help-staff-about = Manage staff logins of the console (/staff/)
help-staff-add-about = Create a console login for staff member NAME and store its argon2id hash
help-staff-add-name = Staff id, recorded as the actor of every log entry they cause (e.g. wang.li)
help-staff-add-role = operator (create, run, record answers), auditor (read only) or admin (everything)
help-staff-add-config = The draw service configuration file; created if missing
help-staff-add-password-stdin = Read the password from standard input instead of generating one

help-export-log-about = Write the public draw log from the draw service's data folder
help-export-log-data = The draw service's data folder
help-export-log-out = Output file; the site looks for `<content>/draws/log.json`

help-import-about = Import a unit's annex-2 summary table (.xlsx/.csv) into records: a dry run unless --apply
help-import-file = The summary table: .xlsx (also .xls/.ods) or .csv (UTF-8)
help-import-pool = The pool the experts apply to (folder name under pools/)
help-import-apply = Write the records (default: a dry run that writes nothing)
help-import-skip-invalid = With --apply, import the rows without errors and leave the others (exit status stays 1)
help-import-id-prefix = Prefix of new public ids (default: the one the pool's ids use)
help-import-date = Day the table was received (YYYY-MM-DD), default today

help-export-about = Export a pool's roster (or the blank annex-2 template) as .xlsx or .csv
help-export-pool = The pool to export
help-export-out = Output file: .xlsx or .csv
help-export-include-private = Add ID numbers, phones, e-mail and birth dates. The file then says on its first row that it holds personal data; never publish it
help-export-template = Write the blank annex-2 summary table for units to fill in, instead of the roster
help-export-today = Status and terms as of this date (YYYY-MM-DD) instead of today

help-report-about = The weekly staff report: terms ending, age limits, confirmations, dismissals, coverage
help-report-after = No-shows: with --data DIR, the report reads DIR/no-shows.json as the draw service writes it:
    {"{"}"<expert id>": {"{"}"consecutive_no_shows": 3, "draws": ["<draw id>", …]{"}"}{"}"}
    Three or more consecutive no-shows are proposed as a misconduct record (art. 18(7)), and count towards dismissal on art. 19(7).
help-report-today = Report as of this date (YYYY-MM-DD) instead of today
help-report-within = How far ahead to look for terms ending, in days (0 to 3650)
help-report-format = `text` for people; `json` or `csv` for machines
help-report-data = The draw service's data folder, for no-shows.json

help-record-about = Lifecycle steps on one record: new, review, publicize, approve, admit, renew, evaluate, misconduct, dismiss, confirm-info, update-info
help-record-after = Steps in order: new → review → publicize → approve → admit → renew; at any time in the pool: evaluate, misconduct, confirm-info, update-info, dismiss.
    Every step takes --content DIR, --date YYYY-MM-DD (default today) and --dry-run.
help-record-id = The expert's public id (e.g. ZN-00001)
help-record-date = Date of the step (YYYY-MM-DD), default today
help-record-dry-run = Show what would change; write nothing
help-record-exception = Take a step the admission rules bar (review, publicize, approve, admit, renew), giving the decision that allows the exception; it is written into the record
help-record-new-about = Create an applicant's public and private records from flags (stage 申请)
help-record-new-pool = The pool applied to (folder name under pools/)
help-record-new-name = Name (姓名)
help-record-new-gender = 男 or 女 (default: from the ID number)
help-record-new-id-number = ID number (身份证号码)
help-record-new-mobile = Mobile number
help-record-new-office-phone = Office phone
help-record-new-email = E-mail address
help-record-new-employer = Employer (现工作单位)
help-record-new-employer-kind = 本科院校, 高职院校, 技工院校, 企业 or 其他 (default: guessed from the employer's name)
help-record-new-position = Position (职务)
help-record-new-specialty = Specialty names or codes, separated by 、 (as in the summary table)
help-record-new-level = Title and/or skill level, e.g. 高级工程师, 技师, 高级工程师/高级技师
help-record-new-honours = Honours, e.g. 2019年全国技术能手、星河市技术能手
help-record-new-field-since = First year in the field
help-record-review-about = 资料审核: the papers are checked (follows 申请)
help-record-review-reference = Reference of the review record
help-record-review-documents = Papers received (art. 6), e.g. 入库申请表; repeatable
help-record-publicize-about = 公示: the expert is listed in a publicity notice (follows 资料审核)
help-record-publicize-notice = The notice's slug (notices/<slug>.md); it must list the expert
help-record-approve-about = 会议审定: approved by the committee, after the publicity period has ended
help-record-approve-meeting = The meeting that approved, e.g. 2026年第2次会议
help-record-admit-about = 分类入库: admitted into categories with a certificate; the term follows the pool policy
help-record-admit-certificate = Appointment certificate number (聘书编号)
help-record-admit-categories = Specialty codes filed under (default: all of the expert's); repeatable
help-record-renew-about = 续聘: a new term right after the current one (within 180 days of its end)
help-record-renew-certificate = Number of the new appointment certificate (聘书编号)
help-record-renew-meeting = The review or meeting that decided the renewal
help-record-evaluate-about = Art. 17: an evaluation by the unit that used the expert
help-record-evaluate-unit = The unit that used the expert
help-record-evaluate-work = What the expert did for the unit
help-record-evaluate-rating = 优秀, 称职, 基本称职 or 不称职 (or 1–4)
help-record-evaluate-comment = The unit's comment
help-record-evaluate-draw = The draw the expert was used through (its id in draws/log.json); the expert must have accepted in it
help-record-misconduct-about = Art. 18: a misconduct record (kind by label or item number 1–8)
help-record-misconduct-kind = The kind of misconduct: its label or item number 1–8 of art. 18
help-record-misconduct-description = What happened
help-record-misconduct-reference = A draw id, letter or meeting
help-record-dismiss-about = Art. 19: dismissal on a ground (label or item number 1–7), decided by a meeting
help-record-dismiss-ground = The ground: its label or item number 1–7 of art. 19
help-record-dismiss-meeting = The meeting that decided the dismissal
help-record-dismiss-note = A note kept with the dismissal
help-record-confirm-info-about = Art. 16(1): the expert confirmed their information for the year of --date
help-record-update-info-about = Art. 16(1): the yearly information check with the details that changed (employer, position, phones, e-mail, address) and the year's confirmation, in one step
help-record-update-info-employer = New employer (现工作单位); the old one is kept in the employment history
help-record-update-info-employer-credit-code = Unified social credit code of the new employer
help-record-update-info-position = New position (职务)
help-record-update-info-mobile = New mobile number
help-record-update-info-office-phone = New office phone
help-record-update-info-email = New e-mail address
help-record-update-info-address = New postal address

help-hooks-about = Git hooks of the instance's repository: `hooks install` runs `check` before each commit
help-hooks-install-about = Install (or update) the pre-commit hook that runs `expertpool check`
help-hooks-install-content = The instance folder, inside a git repository
help-hooks-install-force = Replace a pre-commit hook that was not written by expertpool (it is kept beside the new one as pre-commit.before-expertpool)

help-backup-about = Back up the draw service's data folder (also while it runs), verified, with a manifest
help-backup-data = The draw service's data folder (it may be in use by a running service)
help-backup-out = A new folder for the backup, or an existing folder in which a folder named by the time is created (for scheduled backups)
help-backup-config = Also keep the service's configuration file (staff token hashes) in the backup

help-restore-about = Restore a backup into a data folder, after verifying every file and the journal
help-restore-backup = A folder written by `expertpool backup`
help-restore-data = The data folder to restore into; it must be missing or empty unless --force
help-restore-config = Where to write the configuration file kept in the backup (if it holds one)
help-restore-force = Replace a non-empty data folder (and an existing configuration file); what was there is moved aside, never deleted

help-verify-backup-about = Verify a backup without restoring it (for scheduled restore tests)
help-verify-backup-backup = A folder written by `expertpool backup`
