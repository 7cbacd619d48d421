# Messages of expertpool-site (zh-CN).

# Why a build stopped (BuildError); a clerk reads these in the terminal and in the serve overlay.
site-records-errors = 记录中有 { $count } 处错误：
    { $diagnostics }
site-template-failed = 模板 `{ $name }` 无法解析或渲染：{ $message }。请修改该模板（或删除实例 templates/ 中的同名文件以使用默认模板）。
site-template-context = 模板 `{ $template }` 所需的数据无法生成：{ $message }
site-annex-failed = { $path }：无法生成附件：{ $message }
site-output-collision = { $first } 和 { $second } 都会生成 { $path }，后者会覆盖前者；没有写出任何文件。请给其中一个改名（命名规则见 docs/content-format.md）。
site-cache-miss = { $path } 应从渲染缓存中取用，但缓存中没有该页面。请重新运行 `expertpool build`。
site-cannot-watch = { $path }：无法监视文件变化：{ $message }

# What `expertpool serve` prints while it rebuilds.
site-serve-built = serve：已生成 { $files } 个文件，用时 { $ms } 毫秒
site-serve-build-failed = serve：生成失败；请修改记录并保存，服务器仍在运行
site-serve-rebuilt = serve：{ $changed } 有改动，已重新生成，用时 { $ms } 毫秒（重新渲染 { $rendered } 个页面，共 { $files } 个文件）
site-serve-rebuild-failed = serve：重新生成失败；仍在提供上一次成功生成的网站
