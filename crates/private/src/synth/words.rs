//! The vocabulary synthetic records are built from: common surnames and given-name
//! characters, the fictional city's districts and streets, and the specialty taxonomy.
//! Everything named here is invented; the city 星河市 and province 云州省 do not exist.

pub const CITY: &str = "星河市";
pub const PROVINCE: &str = "云州省";
pub const BUREAU: &str = "星河市人力资源和社会保障局";
pub const BUREAU_ADDRESS: &str = "星河市星湖区政通路18号";
pub const BUREAU_POSTCODE: &str = "990100";
pub const MAIL_DOMAIN: &str = "mail.xinghe.example";
pub const COMMITTEE: &str = "星河市职业技能专家委员会";

pub const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蔡",
    "蒋", "余", "杜", "叶", "程", "魏", "苏", "吕", "丁", "任", "卢", "姚", "沈", "钟", "姜", "崔", "谭", "陆", "范",
    "汪", "廖", "石",
];

pub const GIVEN_COMMON: &[&str] = &[
    "文", "明", "华", "建", "国", "晓", "永", "志", "海", "春", "立", "新", "振", "家", "宏", "思", "宇", "嘉", "子",
    "安", "德", "清", "远", "泽", "晨", "庆", "和", "伟", "学", "成", "光", "启", "正", "鸿", "书", "景", "昊", "博",
];
pub const GIVEN_MALE: &[&str] =
    &["军", "强", "勇", "涛", "斌", "刚", "峰", "磊", "亮", "杰", "鹏", "辉", "俊", "毅", "松"];
pub const GIVEN_FEMALE: &[&str] =
    &["芳", "丽", "静", "敏", "燕", "霞", "婷", "娟", "玲", "洁", "琳", "雪", "颖", "慧", "萍"];

/// Districts of the fictional city; the index + 1 is the district number of ID numbers.
pub const DISTRICTS: &[&str] = &["星湖区", "河东区", "云港区", "松岭区", "青川县"];
pub const STREETS: &[&str] = &[
    "政通路",
    "滨河大道",
    "工业一路",
    "学府路",
    "松岭北路",
    "青川街",
    "港湾路",
    "科创大道",
    "东环路",
    "文昌路",
    "望湖路",
    "金桥路",
];

/// Employers by kind: (name pattern pieces). Names are built as prefix + core + suffix.
pub const UNIVERSITIES: &[&str] = &["星河大学", "星河理工学院", "云州工程学院", "星河师范学院"];
pub const COLLEGES: &[&str] =
    &["星河职业技术学院", "星河工贸职业技术学院", "云港职业技术学院", "星河健康职业学院", "青川农业职业学院"];
pub const TECH_SCHOOLS: &[&str] =
    &["星河市高级技工学校", "星河市技师学院", "河东区技工学校", "云港交通技工学校", "星河市轻工技工学校"];
pub const ENTERPRISE_CORES: &[&str] = &[
    "精工", "恒远", "海纳", "启明", "松岭", "云港", "星辰", "瑞达", "宏图", "博远", "嘉禾", "新元", "澜湾", "鼎盛",
    "华泰", "永安", "天工", "锦程", "兴隆", "青川",
];
/// Trades of enterprises by top-level specialty, so an expert works where their field is.
pub const ENTERPRISE_TRADES: &[(&str, &[&str])] = &[
    ("ZZ", &["机械制造", "模具", "智能装备", "精密机械"]),
    ("DQ", &["电子科技", "电力工程", "新能源"]),
    ("XX", &["信息技术", "软件", "网络科技"]),
    ("JT", &["建设工程", "汽车服务", "轨道交通运营"]),
    ("FW", &["餐饮管理", "健康养老", "家政服务", "美容美发"]),
    ("NS", &["农业科技", "食品", "茶业"]),
    ("CY", &["陶瓷艺术", "工艺美术", "刺绣工艺"]),
    ("PJ", &["职业培训", "人力资源服务", "教育科技"]),
];
pub const ENTERPRISE_SUFFIXES: &[&str] = &["有限公司", "股份有限公司", "集团有限公司"];
pub const OTHER_EMPLOYERS: &[&str] = &[
    "星河市职业技能鉴定指导中心",
    "星河市就业服务中心",
    "星河市工业技术研究院",
    "星河市非物质文化遗产保护中心",
    "河东区社区教育学院",
    "星河市烹饪协会",
];
/// Other cities' bureaus that recommend through 互通遴选.
pub const PEER_BUREAUS: &[&str] =
    &["云岭市人力资源和社会保障局", "海川市人力资源和社会保障局", "望江市人力资源和社会保障局"];

pub const POSITIONS: &[&str] = &[
    "技术总监",
    "车间主任",
    "高级工程师",
    "专业带头人",
    "教研室主任",
    "系主任",
    "总工程师",
    "培训部经理",
    "质量部部长",
    "实训中心主任",
    "教师",
    "首席技师",
    "技术员",
];

pub const SCHOOLS: &[&str] =
    &["云州大学", "星河大学", "云州理工大学", "星河职业技术学院", "星河市技师学院", "云州师范大学", "海川大学"];
pub const MAJORS: &[&str] = &[
    "机械设计制造及其自动化",
    "电气工程及其自动化",
    "计算机科学与技术",
    "烹饪与营养教育",
    "土木工程",
    "汽车服务工程",
    "工业设计",
    "护理学",
    "职业技术教育",
    "食品科学与工程",
    "工艺美术",
];

/// One specialty of the taxonomy: code, name, parent code, and the occupation (工种)
/// a skill certificate in it names.
pub struct SpecialtyDef {
    pub code: &'static str,
    pub name: &'static str,
    pub parent: Option<&'static str>,
    pub occupation: &'static str,
    /// Retired on this date (YYYY-MM-DD).
    pub retired: Option<&'static str>,
    pub added: Option<&'static str>,
}

macro_rules! top {
    ($code:literal, $name:literal) => {
        SpecialtyDef { code: $code, name: $name, parent: None, occupation: "", retired: None, added: None }
    };
}
macro_rules! sub {
    ($code:literal, $name:literal, $parent:literal, $occ:literal) => {
        SpecialtyDef { code: $code, name: $name, parent: Some($parent), occupation: $occ, retired: None, added: None }
    };
    ($code:literal, $name:literal, $parent:literal, $occ:literal, added $added:literal) => {
        SpecialtyDef {
            code: $code,
            name: $name,
            parent: Some($parent),
            occupation: $occ,
            retired: None,
            added: Some($added),
        }
    };
    ($code:literal, $name:literal, $parent:literal, $occ:literal, retired $retired:literal) => {
        SpecialtyDef {
            code: $code,
            name: $name,
            parent: Some($parent),
            occupation: $occ,
            retired: Some($retired),
            added: None,
        }
    };
}

pub const SPECIALTIES: &[SpecialtyDef] = &[
    top!("ZZ", "智能制造"),
    sub!("ZZ-01", "数控加工", "ZZ", "数控车工"),
    sub!("ZZ-02", "模具设计与制造", "ZZ", "模具工"),
    sub!("ZZ-03", "焊接技术", "ZZ", "焊工"),
    sub!("ZZ-04", "工业机器人应用", "ZZ", "工业机器人系统操作员"),
    sub!("ZZ-05", "机电设备维修", "ZZ", "机修钳工"),
    sub!("ZZ-06", "增材制造", "ZZ", "增材制造设备操作员", added "2024-03-01"),
    sub!("ZZ-07", "胶片冲洗", "ZZ", "冲洗工", retired "2025-06-30"),
    top!("DQ", "电工电子"),
    sub!("DQ-01", "电工", "DQ", "电工"),
    sub!("DQ-02", "电子产品装调", "DQ", "电子仪器仪表装调工"),
    sub!("DQ-03", "新能源发电运维", "DQ", "风电机组检修工"),
    sub!("DQ-04", "寻呼设备维修", "DQ", "无线电设备维修工", retired "2024-12-31"),
    sub!("DQ-05", "家用电器维修", "DQ", "家用电子产品维修工"),
    top!("XX", "信息技术"),
    sub!("XX-01", "软件开发", "XX", "计算机程序设计员"),
    sub!("XX-02", "网络与信息安全", "XX", "网络与信息安全管理员"),
    sub!("XX-03", "人工智能训练", "XX", "人工智能训练师", added "2023-09-01"),
    sub!("XX-04", "电子商务", "XX", "电子商务师"),
    sub!("XX-05", "物联网安装调试", "XX", "物联网安装调试员"),
    sub!("XX-06", "数字孪生应用", "XX", "数字孪生应用技术员", added "2025-05-01"),
    top!("JT", "建筑与交通"),
    sub!("JT-01", "建筑施工", "JT", "砌筑工"),
    sub!("JT-02", "工程测量", "JT", "工程测量员"),
    sub!("JT-03", "汽车维修", "JT", "汽车维修工"),
    sub!("JT-04", "新能源汽车检测", "JT", "汽车维修工"),
    sub!("JT-05", "城市轨道交通运营", "JT", "城市轨道交通列车司机"),
    sub!("JT-06", "电梯安装维修", "JT", "电梯安装维修工"),
    top!("FW", "现代服务"),
    sub!("FW-01", "中式烹调", "FW", "中式烹调师"),
    sub!("FW-02", "中式面点", "FW", "中式面点师"),
    sub!("FW-03", "美容美发", "FW", "美发师"),
    sub!("FW-04", "养老护理", "FW", "养老护理员"),
    sub!("FW-05", "育婴与家政", "FW", "育婴员"),
    sub!("FW-06", "健康管理", "FW", "健康管理师"),
    sub!("FW-07", "西式面点", "FW", "西式面点师"),
    top!("NS", "农业与食品"),
    sub!("NS-01", "农作物植保", "NS", "农作物植保员"),
    sub!("NS-02", "茶艺", "NS", "茶艺师"),
    sub!("NS-03", "食品检验", "NS", "农产品食品检验员"),
    sub!("NS-04", "园林绿化", "NS", "园林绿化工"),
    top!("CY", "传统技艺"),
    sub!("CY-01", "陶瓷制作", "CY", "陶瓷装饰工"),
    sub!("CY-02", "木雕", "CY", "木雕工"),
    sub!("CY-03", "刺绣", "CY", "刺绣工"),
    sub!("CY-04", "漆器髹饰", "CY", "漆器制作工"),
    top!("PJ", "培训与评价"),
    sub!("PJ-01", "培训课程开发", "PJ", "企业培训师"),
    sub!("PJ-02", "职业技能等级认定考评", "PJ", "企业培训师"),
    sub!("PJ-03", "职业技能竞赛技术", "PJ", "企业培训师"),
    sub!("PJ-04", "职业指导", "PJ", "职业指导员"),
];

/// Honour names by tier; the named national and provincial ones are those the
/// gaojineng pool lists (seed 002 §2(2), with the fictional province's award).
pub const HONOURS_NAMED: &[(&str, expertpool_records::model::Tier)] = &[
    ("中华技能大奖", expertpool_records::model::Tier::National),
    ("全国技术能手", expertpool_records::model::Tier::National),
    ("云州技术能手", expertpool_records::model::Tier::Provincial),
    ("全国五一劳动奖章", expertpool_records::model::Tier::National),
    ("云州省政府特殊津贴", expertpool_records::model::Tier::Provincial),
];
pub const HONOURS_MUNICIPAL: &[&str] = &["星河工匠", "星河市技术能手", "星河市劳动模范", "星河市优秀教师"];

pub const EVALUATION_UNITS: &[&str] = &[
    "星河市职业技能鉴定指导中心",
    "星河市技师学院",
    "星河市就业服务中心",
    "河东区人力资源和社会保障局",
    "星河市职业技能竞赛组委会办公室",
];
pub const EVALUATION_WORKS: &[&str] = &[
    "职业技能等级认定质量督导",
    "技能竞赛技术文件审定",
    "培训课程标准评审",
    "技工院校专业设置评估",
    "职业技能培训机构评估",
];
pub const ACHIEVEMENTS: &[&str] = &[
    "专业培训课程标准编制",
    "市级职业技能竞赛命题",
    "生产线工艺改进",
    "校企合作实训基地建设",
    "新型学徒制培训项目",
    "企业技能人才评价方案",
];
