# Messages shared by every crate (简体中文).

common-severity-error = 错误
common-severity-warning = 警告
common-severity-note = 提示
common-count-experts = { $count } 名专家
common-help-label = 修改方法
