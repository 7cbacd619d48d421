# Messages of the lookup area (zh-CN).

lookup-pool-ambiguous = `{ $input }` 同时出现在 { $count } 个专家库的名称中，无法确定所指专家库。
lookup-specialty-ambiguous = `{ $input }` 同时出现在 { $count } 个专业的名称中，无法确定所指专业。
lookup-pool-unknown = 没有代码或名称为 `{ $input }` 的专家库。
lookup-specialty-unknown = 没有代码或名称为 `{ $input }` 的专业。
lookup-help-choose-one = 请写出完整名称或代码，从以下选择其一：{ $choices }。
lookup-help-did-you-mean = 是否指：{ $choices }？请改用正确的名称或代码。
lookup-help-pools = 请使用以下专家库之一（名称或代码均可）：{ $choices }。
lookup-help-specialties = 请使用 specialties.toml 中列出的专业名称或代码。
lookup-help-line = 修改方法：{ $help }
