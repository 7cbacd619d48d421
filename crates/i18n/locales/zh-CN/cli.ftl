# Messages of expertpool-cli (zh-CN).

# The last line of a command that failed.
cli-failed = 错误：{ $detail }

# check, build, serve, init, hooks, synthesize
cli-check-no-content = 找不到内容文件夹 `{ $path }`：请用 --content DIR 指定
cli-check-summary = 已检查 { $summary }，用时 { $ms } 毫秒：{ $errors } 个错误，{ $warnings } 个警告
cli-check-hidden-notes = 另有 { $count } 条提示（如申请人符合哪一项条件）未显示，加 --verbose 查看
cli-check-scope = { $pools } 个专家库、{ $experts } 名专家、{ $people } 人的个人信息
cli-check-scope-nothing = （无可检查内容：site.toml 或 specialties.toml 不可用）
