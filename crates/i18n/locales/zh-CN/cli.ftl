# Messages of expertpool-cli (zh-CN).

# The last line of a command that failed.
cli-failed = 错误：{ $detail }

# check, build, serve, init, hooks, synthesize
cli-check-no-content = 找不到内容文件夹 `{ $path }`：请用 --content DIR 指定
cli-check-summary = 已检查 { $summary }，用时 { $ms } 毫秒：{ $errors } 个错误，{ $warnings } 个警告
cli-check-hidden-notes = 另有 { $count } 条提示（如申请人符合哪一项条件）未显示，加 --verbose 查看
cli-check-scope = { $pools } 个专家库、{ $experts } 名专家、{ $people } 人的个人信息
cli-check-scope-nothing = （无可检查内容：site.toml 或 specialties.toml 不可用）
# witness and http
cli-http-not-json = { $url } 的应答不是 JSON（HTTP { $status }）
cli-http-service-error = { $message }（{ $fix }）
cli-http-unreachable = 无法访问 { $url }：{ $error }
cli-http-status = { $url } 应答 HTTP { $status }：{ $detail }
cli-http-read-failed = 读取 { $url } 的应答失败：{ $error }
cli-witness-state-dir-failed = 无法建立状态文件夹 { $path }
cli-witness-write-failed = 无法写入 { $path }
cli-witness-read-failed = 无法读取 { $path }
cli-witness-retry = 见证：本轮未完成，{ $secs } 秒后重试：{ $error }
cli-witness-key-differs-from-state = --key 给出的公钥与状态文件夹中已固定的日志公钥不同；如日志确已换用新密钥，请使用新的状态文件夹。
cli-witness-head-no-checkpoint = { $log }/api/log/head 的应答中没有 checkpoint
cli-witness-bad-log-signature = { $log } 给出的检查点没有日志 { $key_name } 的有效签名：{ $error }
cli-witness-origin-differs = 检查点的来源行 { $origin } 不是已固定的 { $pinned }
cli-witness-cosigned = 见证：已为 { $origin } 的检查点（{ $size } 条）签署见证，服务已保存。
cli-witness-already-cosigned = 见证：{ $origin } 的检查点（{ $size } 条）此前已签署见证，服务已有记录。
cli-witness-refused = 服务拒绝了本见证方的签名：{ $detail }
    请把 `expertpool witness --state { $state } --print-key` 的输出交给服务管理员登记。
cli-witness-not-saved = 服务未保存见证签名（HTTP { $status }）：{ $detail }
cli-witness-key-answer-missing = { $log }/api/key 的应答中没有 { $field }
cli-witness-published-key-differs = { $log } 公布的日志公钥 { $key } 与 --key 给出的不同：拒绝见证这个日志。
cli-witness-pinned-key-invalid = 已固定的日志公钥 { $key } 不是 Ed25519 公钥：请检查状态文件夹中的 state.json，或使用新的状态文件夹。
cli-witness-log-key-read-failed = 无法读取日志公钥文件 { $path }
cli-witness-log-key-invalid = { $path } 应当只含日志的 Ed25519 公钥（64 个十六进制数字，即 GET /api/key 的 public_key）。
cli-witness-proof-missing = 一致性证明的应答中没有 proof 列表
cli-witness-proof-bad-hash = 一致性证明中有一项不是 32 字节的十六进制哈希
cli-witness-evidence-write-failed = 无法写入证据文件 { $path }
cli-witness-misbehaved = 见证：{ $message }
    拒绝签署见证。两个带签名的检查点已作为证据保存在 { $path }，请交给专家库主管部门和纪检部门。
cli-witness-misbehaved-proof = 见证：{ $message }
    拒绝签署见证。两个带签名的检查点和不成立的一致性证明已作为证据保存在 { $path }，请交给专家库主管部门和纪检部门。
cli-witness-no-randomness = 无法从操作系统取得随机数：{ $error }
cli-witness-key-write-failed = 无法写入见证方密钥 { $path }
cli-witness-key-read-failed = 无法读取见证方密钥 { $path }
cli-witness-key-invalid = { $path } 不是 64 个十六进制数字：请从备份恢复。
cli-witness-not-state = { $path } 不是见证方的状态文件
cli-witness-state-format = { $path } 的格式是 { $found }，本程序只认 { $expected }。
cli-witness-name-differs = 这个状态文件夹的见证方名称是 { $kept }，不是 --name 给出的 { $given }；改名须使用新的状态文件夹和密钥。
cli-witness-name-invalid = 见证方名称 { $name } 不可用：不能含空格或 +，例如 czj.example.gov.cn/witness。
cli-witness-name-needed = 首次运行需要用 --name 指定见证方名称，例如 --name czj.example.gov.cn/witness。
cli-witness-fork = 日志 { $origin } 出现分叉：同为 { $size } 条的两个检查点都有日志的有效签名，根哈希却不同（此前 { $previous }，现在 { $current }）。
cli-witness-rollback = 日志 { $origin } 出现回滚：此前已签署见证的检查点有 { $previous } 条，现在日志签署的检查点只有 { $current } 条。
cli-witness-inconsistent = 日志 { $origin } 出现分叉：{ $current } 条的检查点与此前见证的 { $previous } 条检查点之间的一致性证明不成立，前 { $previous } 条已被改写。
cli-build-no-content = 找不到实例文件夹 `{ $path }`；请用 --content 指定文件夹。
cli-build-built = 已生成 { $files } 个文件（写出 { $written } 个，未变 { $unchanged } 个；{ $megabytes } MB，{ $experts } 名专家）到 { $out }，用时 { $ms } 毫秒（读取和检查 { $load_ms } 毫秒，渲染和写出 { $render_ms } 毫秒，替换和清理 { $swap_ms } 毫秒）
cli-build-failed = 生成失败；{ $out } 保持原样，未作改动。

