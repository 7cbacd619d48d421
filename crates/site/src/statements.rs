//! The default copyright and privacy statements of a site (Markdown), written for this
//! project; a bureau replaces them with `copyright` / `privacy` in site.toml. `{bureau}` and
//! `{site}` are replaced by the bureau's name and the site's title.

/// `copyright/` when site.toml has no `copyright`.
pub(crate) const COPYRIGHT: &str = "\
本网站（{site}）由{bureau}主办，网站内容的版权归{bureau}所有。

一、本网站发布的政策文件、公示公告和征集通知属于公开的政府信息，欢迎转载、引用，\
转载时请注明来源为“{site}”，并保持内容完整、准确，不得歪曲原意。

二、专家名录中的专家信息仅供了解专家库组成和接受社会监督之用，\
不得用于商业宣传、营销或与专家库工作无关的其他用途。

三、本网站的页面设计、程序和图形，未经许可不得复制或用于其他网站。

四、本网站引用的其他单位的信息，版权归原单位所有。

如对本声明有疑问，请通过页面底部的联系方式与我们联系。
";

/// `privacy/` when site.toml has no `privacy`.
pub(crate) const PRIVACY: &str = "\
{bureau}重视个人信息保护。本声明说明本网站（{site}）如何处理个人信息。

一、**本网站不收集访问者的个人信息。** 本网站是静态网站，不设注册和登录，不使用跟踪访问者的 Cookie，\
也不嵌入第三方统计或广告代码。“大字版”“高对比度”等阅读辅助的选择只保存在您自己的浏览器中。\
站内搜索在您的浏览器中完成，搜索词不会发送给本网站。

二、**专家信息的公开范围。** 依照专家库管理办法，本网站只公开专家的姓名、性别、工作单位、职称或技能等级、\
专业类别、入库和聘期信息等工作所需的信息。专家的身份证件号码、出生日期、联系电话、住址等个人信息不在本网站公开。\
公示期结束后，公示名单按管理办法的规定处理。

三、**更正与异议。** 专家本人认为本网站公开的本人信息有误的，可以通过页面底部的联系方式或“找错”入口提出更正。

四、本网站链接的其他网站的个人信息处理，适用该网站自己的规定。
";
