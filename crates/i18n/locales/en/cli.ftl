# Messages of expertpool-cli (en).

# The last line of a command that failed.
cli-failed = error: { $detail }
