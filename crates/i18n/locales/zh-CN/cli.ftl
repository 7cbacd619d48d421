# Messages of expertpool-cli (zh-CN).

# The last line of a command that failed.
cli-failed = 错误：{ $detail }

# check, build, serve, init, hooks, synthesize
cli-check-no-content = 找不到实例文件夹 `{ $path }`；请用 --content 指定文件夹。
cli-check-summary = 已检查 { $summary }，用时 { $ms } 毫秒：错误 { $errors } 处，警告 { $warnings } 处
cli-check-hidden-notes = 另有 { $count } 条提示（如申请人符合哪一项条件）未显示，加 --verbose 查看
cli-check-counted = { $pools } 个专家库、{ $experts } 名专家、{ $people } 人的个人信息
cli-check-nothing = 无（site.toml 或 specialties.toml 无法使用）
cli-build-no-content = 找不到实例文件夹 `{ $path }`；请用 --content 指定文件夹。
cli-build-built = 已生成 { $files } 个文件（写出 { $written } 个，未变 { $unchanged } 个；{ $megabytes } MB，{ $experts } 名专家）到 { $out }，用时 { $ms } 毫秒（读取和检查 { $load_ms } 毫秒，渲染和写出 { $render_ms } 毫秒，替换和清理 { $swap_ms } 毫秒）
cli-build-failed = 生成失败；{ $out } 保持原样，未作改动。
