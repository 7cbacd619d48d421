# Messages of the verify area (zh-CN).

# expertpool verify: reading the log.
verify-read-failed = 无法读取抽取日志文件 `{ $source }`：{ $error }。请核对文件路径，或改为给出抽取服务的网址。
verify-http-status = { $url } 应答 HTTP { $status }：{ $detail }
verify-no-such-draw = 日志中没有抽取 { $id } 的记录：请核对抽取编号（见抽取页面）。

# Checks added by verify to the protocol verifier's (witnesses' cosignatures, inclusion).
verify-witness-ok = { $name } 于 { $timestamp } 签署了记录数为 { $size } 的检查点
verify-inclusion-no-checkpoint = 本日志没有能通过核验的签名检查点
verify-inclusion-not-covered = 第 { $index } 号记录不在最新的签名检查点（{ $size } 条）覆盖范围内
verify-inclusion-ok = 包含在 checkpoint[{ $checkpoint }]（{ $size } 条）中，审计路径共 { $hashes } 个哈希
verify-inclusion-bad-path = 审计路径不能得出 checkpoint[{ $checkpoint }] 的根哈希

# Names of entry kinds (protocol codes) in the summary.
verify-kind-commit = 承诺
verify-kind-run = 运行
verify-kind-call = 通知
verify-kind-response = 答复
verify-kind-directed = 定向选用
verify-kind-reveal = 公布

# Names of the checks (spec §6) in the summary.
verify-check-parse = 格式
verify-check-seq = 序号
verify-check-chain = 哈希链
verify-check-time = 时间
verify-check-sealed = 封存内容
verify-check-commit = 承诺内容
verify-check-secret = 秘密值
verify-check-inputs = 候选与排除名单
verify-check-pause = 暂停规则
verify-check-before-draw = 运行前提
verify-check-called-in-order = 通知顺序
verify-check-order = 排序
verify-check-response = 答复
verify-check-directed = 定向选用
verify-check-reveal = 公布名单
verify-check-kind = 记录类型
verify-check-closed = 已结束的抽取
verify-check-format = 文件格式
verify-check-public-key = 日志公钥
verify-check-checkpoint = 签名检查点
verify-check-inclusion = 包含证明
verify-check-witness = 见证签名
# A check name with its index, e.g. 见证签名[0].
verify-check-indexed = { $label }[{ $index }]

# One failed check in the summary.
verify-failure-entry = 第 { $number } 条记录（序号 { $seq }，{ $kind }，抽取 { $draw }）的「{ $check }」检查未通过：{ $detail }
verify-failure-log = 整个日志的「{ $check }」检查未通过：{ $detail }

# Summary of the whole log.
verify-verdict-passed = 核验结果：通过
verify-verdict-failed = 核验结果：未通过
verify-log-line = 日志 { $origin }：共 { $size } 条记录，默克尔根 { $root }…
verify-checkpoint-latest = 签名检查点：最新一个覆盖 { $size } 条记录，日志签名有效
verify-checkpoint-none = 签名检查点：没有一个能通过核验
verify-witnesses-none = 见证：日志文件中没有有效的见证方签名
verify-witnesses-some = 见证：{ $count } 个见证方的签名有效，其中 { $covering } 个签署了覆盖全部记录的检查点
verify-failed-checks = 未通过的检查（{ $count } 项）：

# Summary of one draw (--draw).
verify-draw-passed = 抽取 { $id } 的核验结果：通过
verify-draw-failed = 抽取 { $id } 的核验结果：未通过
verify-draw-entries = 记录：{ $count } 条（{ $kinds }）
# Separator of the entry kinds in verify-draw-entries and of witness names.
verify-list-separator = 、
verify-draw-included = 包含证明：全部记录都包含在最新的签名检查点（{ $size } 条）中
verify-draw-not-included = 包含证明：有记录未能证明包含在最新的签名检查点（{ $size } 条）中
verify-draw-no-checkpoint = 包含证明：日志没有能通过核验的签名检查点
verify-draw-witnesses = 见证：{ $count } 个见证方签署了包含本次抽取全部记录的检查点
verify-draw-witnesses-named = 见证：{ $count } 个见证方（{ $names }）签署了包含本次抽取全部记录的检查点
verify-draw-elsewhere = 注意：日志中其他抽取的记录有 { $count } 项检查未通过（不影响本次抽取的结论）
