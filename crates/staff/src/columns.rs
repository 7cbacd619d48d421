//! Finding the columns of a summary table (seed 000 附件2, and the 推荐汇总表 of seed 002)
//! by their header text, whatever the spelling variant. The columns themselves and their
//! printed headers are [`expertpool_records::annex2`]'s; this module knows only how real
//! tables misspell them.

use crate::sheet::Grid;
use crate::text::{header_key, squeeze};
pub(crate) use expertpool_records::annex2::Column;

/// Header spellings seen on real tables, compared after [`header_key`].
fn aliases(column: Column) -> &'static [&'static str] {
    match column {
        Column::Seq => &["序号", "编号", "序"],
        Column::Name => &["姓名", "专家姓名", "名字"],
        Column::Gender => &["性别"],
        Column::IdNumber => &["身份证号码", "身份证号", "身份证", "公民身份号码", "身份证件号码", "证件号码"],
        Column::Profession => {
            &["职业专业", "专业职业", "职业工种专业", "职业工种", "专业", "职业", "专业类别", "专业领域", "申报专业"]
        }
        Column::Employer => &["工作单位", "现工作单位", "单位名称", "所在单位", "单位"],
        Column::Level => &[], // matched by `is_level_header`
        Column::Honours => &["获得荣誉", "荣誉", "荣誉称号", "获得荣誉称号", "所获荣誉", "获奖荣誉"],
        Column::Contact => &["联系方式", "联系电话", "手机", "手机号码", "电话", "联系手机"],
        Column::PublicId => &["专家编号"],
        Column::BirthDate => &["出生日期", "出生年月", "出生年月日"],
        Column::EmployerKind => &["工作单位属性", "单位属性", "单位性质", "单位类型"],
        Column::Position => &["职务", "现任职务", "行政职务"],
        Column::Email => &["电子邮箱", "邮箱", "email", "e-mail", "电子邮件"],
        Column::FieldSince => &["从事相关领域工作起始年份", "从业起始年份", "从事本专业起始年份", "从事本领域起始年份"],
    }
}

/// Columns an import cannot do without (序号 and 获得荣誉 may be absent).
pub(crate) const REQUIRED: [Column; 6] =
    [Column::Name, Column::IdNumber, Column::Profession, Column::Employer, Column::Level, Column::Contact];

/// The column a header cell names, if any.
pub(crate) fn column_of_header(text: &str) -> Option<Column> {
    let key = header_key(text).to_lowercase();
    if key.is_empty() {
        return None;
    }
    if is_level_header(&key) {
        return Some(Column::Level);
    }
    Column::ALL.into_iter().find(|c| aliases(*c).iter().any(|a| header_key(a).to_lowercase() == key))
}

/// 职业资格等级/职称, 职称/职业资格等级, 职称（技能等级）, 专业技术职称 …: any header that names
/// a title or a skill level, but not the date or authority columns next to them.
fn is_level_header(key: &str) -> bool {
    let names_level = key.contains("职称") || key.contains("职业资格") || key.contains("技能等级");
    let other = ["时间", "日期", "机关", "单位", "证书编号", "专业"]
        .iter()
        .any(|w| key.contains(w) && !key.contains("职业资格"));
    names_level && !other
}

/// Where the columns are: the header row and the 0-based column of each known header.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    /// Index into `Grid::rows` of the header row.
    pub(crate) header_index: usize,
    /// (column, 0-based sheet column, header text as written in the file).
    pub(crate) columns: Vec<(Column, usize, String)>,
    /// Headers the importer does not use: (0-based sheet column, text).
    pub(crate) ignored: Vec<(usize, String)>,
    /// The unit named above the header (`单位：（盖章）某某公司`), if any.
    pub(crate) unit: Option<String>,
}

impl Layout {
    pub(crate) fn position(&self, column: Column) -> Option<usize> {
        self.columns.iter().find(|(c, ..)| *c == column).map(|(_, i, _)| *i)
    }

    pub(crate) fn header_text(&self, column: Column) -> &str {
        self.columns.iter().find(|(c, ..)| *c == column).map(|(.., t)| t.as_str()).unwrap_or(column.header())
    }

    pub(crate) fn missing_required(&self) -> Vec<Column> {
        REQUIRED.into_iter().filter(|c| self.position(*c).is_none()).collect()
    }
}

/// Finds the header row among the first rows: the first row naming 姓名 and at least two
/// more known columns (merged title rows, the unit line and blank rows above it are skipped).
pub(crate) fn find_layout(grid: &Grid) -> Option<Layout> {
    for (index, row) in grid.rows.iter().enumerate().take(30) {
        let mut columns: Vec<(Column, usize, String)> = Vec::new();
        let mut ignored = Vec::new();
        for (col, cell) in row.cells.iter().enumerate() {
            let text = cell.text();
            if text.is_empty() {
                continue;
            }
            match column_of_header(&text) {
                Some(c) if !columns.iter().any(|(k, ..)| *k == c) => columns.push((c, col, squeeze(&text))),
                _ => ignored.push((col, squeeze(&text))),
            }
        }
        let has = |c: Column| columns.iter().any(|(k, ..)| *k == c);
        if has(Column::Name) && columns.len() >= 3 {
            let unit = grid.rows[..index].iter().find_map(|r| r.cells.iter().find_map(|c| unit_line(&c.text())));
            return Some(Layout { header_index: index, columns, ignored, unit });
        }
    }
    None
}

/// Reads the unit from a title-area line such as `单位：（盖章）某某科技有限公司  填报人：…`.
pub(crate) fn unit_line(text: &str) -> Option<String> {
    let text = crate::text::half_width(text);
    let start = ["推荐单位:", "单位名称:", "单位:"].iter().find_map(|m| text.find(m).map(|i| i + m.len()))?;
    let mut rest = text[start..].to_string();
    for stamp in ["(盖章)", "(公章)", "盖章"] {
        rest = rest.replace(stamp, "");
    }
    let rest = rest.trim_start();
    let end = ["填报人", "联系电话", "联系人", "  ", "\t", "日期"]
        .iter()
        .filter_map(|m| rest.find(m))
        .min()
        .unwrap_or(rest.len());
    let unit = rest[..end].trim().trim_end_matches([',', ';', '，', '；']).to_string();
    if unit.is_empty() { None } else { Some(unit) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{Cell, Row};

    #[test]
    fn header_variants_are_recognised() {
        assert_eq!(column_of_header("职业资格等级/职称"), Some(Column::Level));
        assert_eq!(column_of_header("职称／职业资格等级"), Some(Column::Level));
        assert_eq!(column_of_header("职称（职业资格等级）"), Some(Column::Level));
        assert_eq!(column_of_header("职称取得时间"), None);
        assert_eq!(column_of_header("身 份 证 号 码"), Some(Column::IdNumber));
        assert_eq!(column_of_header("职业/专业"), Some(Column::Profession));
        assert_eq!(column_of_header("联系电话"), Some(Column::Contact));
        assert_eq!(column_of_header("备注"), None);
    }

    #[test]
    fn title_rows_are_skipped_and_unit_read() {
        let text = |s: &str| Cell::Text(s.to_string());
        let grid = Grid {
            rows: vec![
                Row { number: 1, cells: vec![text("某局专家库推荐（遴选）入库名单汇总表")] },
                Row {
                    number: 2, cells: vec![text("单位：（盖章）东莞市示例机械有限公司    填报人：李四")]
                },
                Row { number: 3, cells: vec![] },
                Row {
                    number: 4,
                    cells: Column::ANNEX2.iter().map(|c| text(c.header())).chain([text("备注")]).collect(),
                },
            ],
            merged: Vec::new(),
        };
        let layout = find_layout(&grid).unwrap();
        assert_eq!(layout.header_index, 3);
        assert_eq!(layout.position(Column::Contact), Some(8));
        assert_eq!(layout.ignored, vec![(9, "备注".to_string())]);
        assert_eq!(layout.unit.as_deref(), Some("东莞市示例机械有限公司"));
        assert!(layout.missing_required().is_empty());
    }

    #[test]
    fn unit_line_without_name_is_none() {
        assert_eq!(unit_line("单位：（盖章）"), None);
        assert_eq!(unit_line("推荐单位: 某某学院 联系电话:123"), Some("某某学院".to_string()));
    }
}
