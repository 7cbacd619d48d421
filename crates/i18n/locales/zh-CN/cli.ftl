# Messages of expertpool-cli (zh-CN).

# The last line of a command that failed.
cli-failed = 错误：{ $detail }
