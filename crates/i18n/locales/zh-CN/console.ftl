# Messages of the console area (zh-CN).

## Pools and specialties typed by name (the console's forms and POST /api/draws).
console-no-pool-chosen = 未选择专家库
console-choose-pool-fix = 请从列表中选择专家库，或填写专家库的名称或代码
console-unknown-pool = 没有名为“{ $typed }”的专家库
console-unknown-pool-suggest-fix = 您要找的是否是“{ $near }”？请按列表中的写法填写名称或代码
console-unknown-pool-fix = 请从以下专家库中选择：{ $names }
console-list-separator = 、
console-no-specialty-chosen = 未选择专业类别
console-unknown-specialty = 没有名为“{ $typed }”的专业类别
console-unknown-specialty-suggest-fix = 您要找的是否是“{ $near }”？请按列表中的写法填写名称或代码
console-unknown-specialty-fix = 请输入名称中的几个字，从出现的列表中选择，或填写 specialties.toml 中的代码
console-ambiguous-specialty = 有 { $count } 个专业类别都叫“{ $typed }”
console-ambiguous-specialty-fix = 请从列表中选择带代码的一项，或直接填写代码
