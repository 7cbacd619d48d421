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

# Inputs other than records that a build cannot use.
site-out-not-a-folder = 输出位置已存在，但不是文件夹；请用 --out 指定另一个文件夹。
site-out-not-ours = 此文件夹不是由 `expertpool build` 生成的（其中没有 { $marker }），生成网站时会被整个替换；请用 --out 另选文件夹，或先将其清空。
site-template-not-utf8 = 模板不是 UTF-8 编码的文本；请以 UTF-8 编码重新保存该文件。
site-templates-folder-missing = 模板文件夹不存在；去掉 --templates 即使用程序内置的默认模板。
site-draw-log-unreadable = 不是公开的抽取日志：{ $error }；请从抽取服务重新导出。
site-draw-log-format = 日志格式为 `{ $format }`，应为 `{ $expected }`；请用与本程序同一版本的抽取服务重新导出。
site-cannot-read = 无法读取文件：{ $error }
