# Messages of expertpool-staff (zh-CN).

## Problems of an import, by place (import/issue.rs)
staff-issue-file = { $severity }：{ $message }
staff-issue-row = { $severity }：第 { $row } 行：{ $message }
staff-issue-cell = { $severity }：第 { $row } 行 { $column } 列（{ $header }）：{ $message }
staff-issue-help = 修改方法：{ $help }

## Commands (crates/cli)
staff-cli-no-content = 未找到实例文件夹 `{ $dir }`；请用 --content 指定文件夹。
staff-cli-instance-unloadable = `{ $dir }` 中的实例无法读取；请先运行 `expertpool check` 查明原因。
staff-cli-progress-checking-rows = 正在检查各行
staff-cli-import-summary = 共读取 { $rows } 行：拟新建 { $to_create } 条（新增人员 { $new_people } 人），{ $rows_with_errors } 行有错误；错误 { $errors } 处，警告 { $warnings } 处；已跳过空白行或模板行 { $skipped } 行。
staff-cli-importing = 导入 { $file } 时出错
staff-cli-import-wrote = 已写入 { $count } 个文件。
staff-cli-import-dry-run = 试运行：未写入任何文件；确认无误后请加 --apply 重新运行以建立记录。
staff-cli-import-no-level = 无职称或技能等级
staff-cli-import-no-name = （未填姓名）
staff-cli-import-row-create-new-person = 第 { $row } 行：新建 { $id } { $name }（{ $gender }，{ $employer }，{ $kind }；{ $specialties }；{ $level }）— 新增人员 { $person }
staff-cli-import-row-create-existing-person = 第 { $row } 行：新建 { $id } { $name }（{ $gender }，{ $employer }，{ $kind }；{ $specialties }；{ $level }）— 已有人员 { $person }
staff-cli-import-row-not-imported = 第 { $row } 行：{ $name } — 未导入
staff-cli-export-template-written = 已将附件2汇总表空白模板写入 { $file }。
staff-cli-export-written = 已将 `{ $pool }` 的 { $count } 名专家写入 { $file }。
staff-cli-export-written-private = 已将 `{ $pool }` 的 { $count } 名专家写入 { $file } — 含个人信息：内部资料 严禁公开。
staff-cli-report-bad-within = `{ $text }` 不是 0 至 { $max } 之间的天数；例如 --within 90 表示今后 90 天。
staff-cli-update-would-change = 将修改（未写入）{ $file }
staff-cli-update-changed = 已修改 { $file }
staff-cli-commit-hint = 提交时请附公开的变更说明（专家页面“记录变更”只显示这一行）：
staff-cli-step-dry-run = 试运行：{ $file } 未修改；修改后的内容如下：
staff-cli-step-updated = 已更新 { $file }
staff-cli-refused = 错误：{ $message }
staff-cli-no-expert = 各专家库中均没有编号为 `{ $id }` 的专家。
staff-cli-did-you-mean = 是否指 `{ $id }`？请核对专家编号。
staff-cli-new-field-issue = { $severity }：{ $flag }（{ $header }）：{ $message }
staff-cli-new-nothing = 没有可建立的记录。
staff-cli-new-applied = { $id }：{ $date } 申请，{ $name }，{ $file }
staff-cli-new-dry-run = 试运行：未写入任何文件。
staff-cli-new-created = 已建立 { $file }
