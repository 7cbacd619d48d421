# Messages of expertpool-site (en).

# Why a build stopped (BuildError); a clerk reads these in the terminal and in the serve overlay.
site-records-errors = { $count ->
        [one] { $count } error
       *[other] { $count } errors
    } in the records:
    { $diagnostics }
site-template-failed = template `{ $name }` cannot be parsed or rendered: { $message }. Fix the template (or delete the file of that name in the instance's templates/ to use the default).
site-template-context = the data for template `{ $template }` cannot be prepared: { $message }
site-annex-failed = { $path }: cannot write the annex: { $message }
site-output-collision = { $first } and { $second } would both be written to { $path }, the second over the first; no file was written. Rename one of them (naming rules in docs/content-format.md).
site-cache-miss = { $path } was to be taken from the render cache but is not in it. Run `expertpool build` again.
site-cannot-watch = { $path }: cannot watch for changes: { $message }

# What `expertpool serve` prints while it rebuilds.
site-serve-built = serve: built { $files } files in { $ms } ms
site-serve-build-failed = serve: build failed; fix the records and save, the server keeps running
site-serve-rebuilt = serve: { $changed } changed, rebuilt in { $ms } ms ({ $rendered } pages re-rendered, { $files } files)
site-serve-rebuild-failed = serve: rebuild failed; still serving the last good site

# Inputs other than records that a build cannot use.
site-out-not-a-folder = the output exists and is not a folder; pass another folder with --out.
site-out-not-ours = this folder was not written by `expertpool build` (no { $marker } in it) and would be replaced; choose another --out or empty it first.
site-template-not-utf8 = the template is not UTF-8 text; save the file again as UTF-8.
site-templates-folder-missing = the templates folder does not exist; leave out --templates to use the default templates compiled into the program.
site-draw-log-unreadable = not a public draw log: { $error }; export it again from the draw service.
site-draw-log-format = the log's format is `{ $format }`, not `{ $expected }`; export it again from a draw service of the same version as this program.
site-cannot-read = cannot read file: { $error }
