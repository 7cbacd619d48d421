# Messages of the help area (zh-CN).

# Clap's own words.
help-clap-usage-line = 用法：{ $usage }
help-clap-arguments = 参数
help-clap-options = 选项
help-clap-commands = 命令
help-clap-command-value = 命令
help-clap-help = 显示帮助
help-clap-version = 显示版本
help-clap-help-command = 显示本说明或指定命令的帮助
help-clap-possible-values = { $help }［可选值：{ $values }］
help-clap-default = { $help }［默认：{ $value }］

# Errors in the command line (clap's, reworded).
help-clap-error = 错误：{ $message }
help-clap-error-unknown-argument = 无法识别的参数 `{ $arg }`：请用 --help 查看可用的选项。
help-clap-error-unknown-subcommand = 没有 `{ $name }` 这个命令：请用 --help 查看可用的命令。
help-clap-error-invalid-value = `{ $value }` 不是 { $arg } 的有效值；可选值：{ $valid }。
help-clap-error-bad-value = `{ $value }` 不是 { $arg } 的有效值：{ $reason }。
help-clap-error-not-a-number = `{ $value }` 不是 { $arg } 的有效值：应为整数。
help-clap-error-not-an-address = `{ $value }` 不是 { $arg } 的有效值：应为 IP 地址，例如 127.0.0.1。
help-clap-error-missing = 缺少必需的参数：{ $args }。
help-clap-error-missing-command = 请指定要执行的命令：用 --help 查看可用的命令。
help-clap-error-conflict = { $arg } 不能与 { $other } 同时使用。
help-clap-error-value-needed = { $arg } 需要一个值。
help-clap-error-other = 命令行参数有误：{ $detail }
help-clap-error-more = 详细说明请加 --help 运行。

# expertpool
help-about = 人力资源和社会保障局的专家库：专家记录、公开网站和可核验的抽取
help-lang = 提示信息的语言：zh（简体中文，默认）或 en（English）；不给出时，若 LC_ALL、LC_MESSAGES 或 LANG 为英文则用英文

# Shared by several commands.
help-shared-content = 专家库实例文件夹
help-shared-channel = 入库途径：单位推荐、个人自荐、互通遴选、特约邀请，或完整名称（默认：`import` 为单位推荐，`record new` 为个人自荐）
help-shared-call = 所响应的征集公告（calls/<slug>.md）；将核对其截止日期
help-shared-late-reason = 接受征集截止后收到的申请，并记录理由
help-shared-unit = 推荐单位（导入汇总表时：表中“单位：”一行未写明单位时使用）
help-shared-unit-credit-code = 推荐单位的统一社会信用代码

help-init-about = 在 DIR（新文件夹或空文件夹）中建立一个空白但有效的专家库实例，供填写
help-init-dir = 要建立的文件夹；须不存在或为空
help-init-git = 同时把该文件夹建成 git 仓库（`git init`），并安装提交前运行 `expertpool check` 的钩子（见 `expertpool hooks install`）

help-check-about = 校验实例中的每一条记录，像编译器一样逐条说明问题
help-check-format = `text` 供人阅读，`json` 供程序处理（一个诊断数组）
help-check-today = 按指定日期（YYYY-MM-DD）校验，而不是今天（或演示实例的 `[demo] today`）
help-check-verbose = 同时显示提示（例如每位申请人符合哪一条条件）；默认只显示错误和警告，并说明省略了多少条提示

help-build-about = 把实例的公开网站生成到一个文件夹，可放在任何静态网站服务器上
help-build-out = 输出文件夹；新网站全部生成后整体替换（内容未变的文件保留原 inode 和修改时间）
help-build-today = 按指定日期（YYYY-MM-DD）生成，而不是今天（或演示实例的 `[demo] today`）
help-build-templates = 用这个文件夹中的默认模板代替程序内置的模板（用于修改模板；实例可在其 templates/ 中覆盖单个文件）

help-serve-about = 在本机预览公开网站，每次修改后自动重新生成并刷新
help-serve-addr = 监听地址；默认只在本机，预览不对网络开放
help-serve-port = 监听端口
help-serve-today = 按指定日期（YYYY-MM-DD）生成，而不是今天（或演示实例的 `[demo] today`）
help-serve-templates = 用这个文件夹中的默认模板代替程序内置的模板（用于修改模板；实例可在其 templates/ 中覆盖单个文件）
help-serve-draw-config = 抽取服务的配置文件，含工作人员令牌（见 `expertpool token add`）；没有该文件时服务以只读方式启动
help-serve-draw-data = 抽取服务的数据文件夹：日志和签名密钥（不存在时自动建立）
help-serve-no-draws = 只提供网站，不启动抽取服务

help-synthesize-about = 生成任意规模的虚构实例，同一种子生成的结果相同
help-synthesize-experts = 要生成的公开专家记录数（两个专家库合计）
help-synthesize-seed = 生成器的种子
help-synthesize-out = 要建立的文件夹；其中不得已有实例
help-synthesize-today = 实例所描述的日期（YYYY-MM-DD）；校验时请用相同的 --today

help-verify-about = 核验公开的抽取日志（文件或网址）或其中一次抽取：承诺、排序、通知、公布、哈希链、签名检查点和见证方签名
help-verify-source = 公开的抽取日志（`expertpool-draw-log/v1` JSON）：文件，或网址，例如 https://draws.example.gov.cn（将读取其 /api/log/export）或网站的 draws/log.json
help-verify-draw = 只核验一次抽取：其记录（在整个日志的检查中）、记录包含在最新签名检查点中的证明，以及签署了包含这些记录的检查点的见证方
help-verify-format = `text` 供人阅读，`json` 供程序处理（完整的结构化报告）

help-witness-about = 见证抽取服务的日志：核对日志只增不改，签署其检查点（C2SP cosignature/v1），发现分叉或回滚时报告并保存证据
help-witness-log = 抽取服务的网址，例如 https://draws.example.gov.cn（其接口在 /api 下）
help-witness-state = 见证方的状态文件夹：其密钥、已固定的日志和最后签署的检查点
help-witness-key = 含日志公钥（64 个十六进制数字）的文件，用于固定日志身份，而不是信任第一次应答
help-witness-name = 见证方在签名中使用的名称（首次运行时必须给出），例如 czj.example.gov.cn/witness
help-witness-once = 只运行一轮后退出（默认）
help-witness-every = 每隔 SECS 秒运行一轮，直到停止（或日志出现异常）
help-witness-print-key = 以 `[[witness]]` 表的形式显示见证方名称和公钥，供写入抽取服务的配置（首次使用时生成密钥），然后退出

help-drawd-about = 单独运行抽取服务（HTTP 接口在 /api 下），用于生产环境中放在反向代理之后
help-drawd-config = 服务配置文件（工作人员令牌的哈希、限额）；见 `expertpool token add`
help-drawd-data = 数据文件夹：日志、签名密钥、未到场次数；不存在时自动建立
help-drawd-listen = 监听地址（端口为 0 时使用任一空闲端口，启动时显示）
help-drawd-content = 供抽取的专家库实例（公开记录和非公开记录）

help-token-about = 管理抽取服务的工作人员令牌
help-token-add-about = 为工作人员 NAME 生成令牌，并把其哈希写入配置文件
help-token-add-name = 工作人员标识，记为其引起的每条日志记录的操作人（例如 wang.li）
help-token-add-role = operator（建立、运行抽取，登记答复）、auditor（查阅封存数据）或 admin（全部权限）
help-token-add-config = 抽取服务的配置文件；不存在时自动建立

help-staff-about = 管理工作台（/staff/）的工作人员登录账号
help-staff-add-about = 为工作人员 NAME 建立工作台登录账号，并保存其 argon2id 哈希
help-staff-add-name = 工作人员标识，记为其引起的每条日志记录的操作人（例如 wang.li）
help-staff-add-role = operator（建立、运行抽取，登记答复）、auditor（只读）或 admin（全部权限）
help-staff-add-config = 抽取服务的配置文件；不存在时自动建立
help-staff-add-password-stdin = 从标准输入读取密码，而不是自动生成

help-export-log-about = 从抽取服务的数据文件夹导出公开的抽取日志
help-export-log-data = 抽取服务的数据文件夹
help-export-log-out = 输出文件；网站读取的是 `<content>/draws/log.json`

help-import-about = 把单位报送的附件2汇总表（.xlsx/.csv）导入专家记录：不加 --apply 时只试运行
help-import-file = 汇总表：.xlsx（也可为 .xls/.ods）或 .csv（UTF-8）
help-import-pool = 专家申请加入的专家库（pools/ 下的文件夹名）
help-import-apply = 写入记录（默认只试运行，不写任何文件）
help-import-skip-invalid = 与 --apply 同用：导入没有错误的行，其余行不导入（退出状态仍为 1）
help-import-id-prefix = 新公开编号的前缀（默认沿用该专家库编号的前缀）
help-import-date = 收到汇总表的日期（YYYY-MM-DD），默认今天

help-export-about = 把专家库名册（或空白的附件2模板）导出为 .xlsx 或 .csv
help-export-pool = 要导出的专家库
help-export-out = 输出文件：.xlsx 或 .csv
help-export-include-private = 加入身份证号码、电话、电子邮箱和出生日期；文件首行将注明含个人信息，不得公开
help-export-template = 导出供单位填写的空白附件2汇总表，而不是名册
help-export-today = 按指定日期（YYYY-MM-DD）计算状态和聘期，而不是今天

help-report-about = 每周工作报告：聘期届满、年龄上限、年度确认、解聘和专业覆盖情况
help-report-after = 未到场：给出 --data DIR 时，报告读取抽取服务写入的 DIR/no-shows.json：
    {"{"}"<专家编号>": {"{"}"consecutive_no_shows": 3, "draws": ["<抽取编号>", …]{"}"}{"}"}
    连续 3 次及以上未到场的，建议记入不良行为记录（第十八条第（七）项），并计入第十九条第（七）项的解聘情形。
help-report-today = 按指定日期（YYYY-MM-DD）生成报告，而不是今天
help-report-within = 提前多少天列出聘期届满的专家（0 至 3650）
help-report-format = `text` 供人阅读；`json` 或 `csv` 供程序处理
help-report-data = 抽取服务的数据文件夹，用于读取 no-shows.json

help-record-about = 对一条专家记录办理各环节：new、review、publicize、approve、admit、renew、evaluate、misconduct、dismiss、confirm-info、update-info
help-record-after = 办理顺序：new（申请）→ review（资料审核）→ publicize（公示）→ approve（会议审定）→ admit（分类入库）→ renew（续聘）；在库期间随时可办：evaluate、misconduct、confirm-info、update-info、dismiss。
    每个环节都可使用 --content DIR、--date YYYY-MM-DD（默认今天）和 --dry-run。
help-record-id = 专家的公开编号（例如 ZN-00001）
help-record-date = 办理日期（YYYY-MM-DD），默认今天
help-record-dry-run = 只显示将要修改的内容，不写入任何文件
help-record-exception = 在入库规则不允许时仍办理该环节（review、publicize、approve、admit、renew），须写明准许例外的决定；该决定将写入记录
help-record-new-about = 根据各选项建立申请人的公开记录和非公开记录（申请环节）
help-record-new-pool = 申请加入的专家库（pools/ 下的文件夹名）
help-record-new-name = 姓名
help-record-new-gender = 男或女（默认根据身份证号码确定）
help-record-new-id-number = 身份证号码
help-record-new-mobile = 手机号码
help-record-new-office-phone = 办公电话
help-record-new-email = 电子邮箱
help-record-new-employer = 现工作单位
help-record-new-employer-kind = 本科院校、高职院校、技工院校、企业或其他（默认根据单位名称推断）
help-record-new-position = 职务
help-record-new-specialty = 专业名称或代码，用“、”分隔（与汇总表相同）
help-record-new-level = 职称和（或）技能等级，例如 高级工程师、技师、高级工程师/高级技师
help-record-new-honours = 荣誉，例如 2019年全国技术能手、星河市技术能手
help-record-new-field-since = 从事本专业的起始年份
help-record-review-about = 资料审核：审核申请材料（在申请之后）
help-record-review-reference = 审核记录的文号
help-record-review-documents = 收到的材料（第六条），例如 入库申请表；可重复使用
help-record-publicize-about = 公示：把专家列入公示公告（在资料审核之后）
help-record-publicize-notice = 公告的 slug（notices/<slug>.md）；公告中须列有该专家
help-record-approve-about = 会议审定：公示期满后经会议审定通过
help-record-approve-meeting = 审定的会议，例如 2026年第2次会议
help-record-admit-about = 分类入库：按类别入库并颁发聘书；聘期按专家库的规定计算
help-record-admit-certificate = 聘书编号
help-record-admit-categories = 入库的专业代码（默认为该专家的全部专业）；可重复使用
help-record-renew-about = 续聘：紧接当前聘期的新聘期（距当前聘期届满不超过 180 天）
help-record-renew-certificate = 新聘书的编号
help-record-renew-meeting = 决定续聘的审核或会议
help-record-evaluate-about = 第十七条：使用专家的单位作出的评价
help-record-evaluate-unit = 使用专家的单位
help-record-evaluate-work = 专家为该单位完成的工作
help-record-evaluate-rating = 优秀、称职、基本称职或不称职（或 1–4）
help-record-evaluate-comment = 单位的意见
help-record-evaluate-draw = 使用该专家所经的抽取（draws/log.json 中的编号）；专家须在该次抽取中已接受
help-record-misconduct-about = 第十八条：不良行为记录（按名称或第 1–8 项指定类别）
help-record-misconduct-kind = 不良行为的类别：名称或第十八条的项号 1–8
help-record-misconduct-description = 事情经过
help-record-misconduct-reference = 抽取编号、函件或会议
help-record-dismiss-about = 第十九条：经会议决定，按某一情形（名称或第 1–7 项）解聘
help-record-dismiss-ground = 解聘情形：名称或第十九条的项号 1–7
help-record-dismiss-meeting = 决定解聘的会议
help-record-dismiss-note = 随解聘保存的备注
help-record-confirm-info-about = 第十六条第（一）项：专家确认了 --date 所在年度的个人信息
help-record-update-info-about = 第十六条第（一）项：年度信息核对，一步登记变化的信息（工作单位、职务、电话、电子邮箱、地址）和本年度的确认
help-record-update-info-employer = 新的现工作单位；原单位保留在工作经历中
help-record-update-info-employer-credit-code = 新工作单位的统一社会信用代码
help-record-update-info-position = 新的职务
help-record-update-info-mobile = 新的手机号码
help-record-update-info-office-phone = 新的办公电话
help-record-update-info-email = 新的电子邮箱
help-record-update-info-address = 新的通信地址

help-hooks-about = 实例仓库的 git 钩子：`hooks install` 使每次提交前运行 `check`
help-hooks-install-about = 安装（或更新）运行 `expertpool check` 的提交前钩子
help-hooks-install-content = 实例文件夹，须在 git 仓库中
help-hooks-install-force = 替换不是由 expertpool 写入的提交前钩子（原钩子保存为同目录下的 pre-commit.before-expertpool）

help-backup-about = 备份抽取服务的数据文件夹（服务运行时也可），备份经核验并附清单
help-backup-data = 抽取服务的数据文件夹（可以正由运行中的服务使用）
help-backup-out = 存放备份的新文件夹，或一个已有文件夹（将在其中建立以时间命名的文件夹，便于定时备份）
help-backup-config = 同时把服务的配置文件（工作人员令牌的哈希）保存到备份中

help-restore-about = 核验每个文件和日志后，把备份恢复到数据文件夹
help-restore-backup = 由 `expertpool backup` 写入的文件夹
help-restore-data = 要恢复到的数据文件夹；除非使用 --force，须不存在或为空
help-restore-config = 备份中含配置文件时，将其写到何处
help-restore-force = 替换非空的数据文件夹（和已有的配置文件）；原有内容移到一旁保存，不会删除

help-verify-backup-about = 只核验备份而不恢复（用于定期的恢复演练）
help-verify-backup-backup = 由 `expertpool backup` 写入的文件夹
