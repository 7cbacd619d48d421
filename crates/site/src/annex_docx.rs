//! Annex 1, the application form, as a Word document (`.docx`) an applicant can fill in
//! offline and print: the same layout as the printable page, from the one description of
//! the form in [`crate::annex::FORM_TABLES`].
//!
//! A `.docx` is a zip of a few XML parts (ECMA-376, WordprocessingML). Only what the form
//! needs is written: paragraphs, bordered tables with merged cells, an A4 section, and
//! 宋体 as the East Asian font, so the file opens the same in Word, WPS and LibreOffice.
//! The bytes depend on the title only (fixed zip times), so an unchanged site build
//! rewrites nothing.

use crate::annex::{self, FORM_TABLES, FieldCell};
use std::fmt::Write as _;
use std::io::Write as _;

/// A4 in twentieths of a point, with 2 cm margins: the width the tables fill.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
const MARGIN: u32 = 1134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;
/// Width of a label column in the field table; the blank beside it takes the rest.
const LABEL_WIDTH: u32 = 1400;
/// Height of a blank row to write in (1 cm).
const BLANK_ROW_HEIGHT: u32 = 567;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// 宋体 小四 (12 pt) for the body, as government forms are printed.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/><w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

/// The application form of `pool_name` as `.docx` bytes.
pub fn application_form_docx(pool_name: &str) -> std::io::Result<Vec<u8>> {
    let title = format!("{pool_name}入库申请表");
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", PACKAGE_RELS.to_owned()),
        ("docProps/core.xml", core_properties(&title)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        ("word/styles.xml", STYLES.to_owned()),
        ("word/document.xml", document(pool_name)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // The default time (1980-01-01) keeps the bytes stable from build to build.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(text.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn core_properties(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>"#,
        escape(title)
    )
}

/// `word/document.xml`: the form from top to bottom, as the printable page lays it out.
fn document(pool_name: &str) -> String {
    let mut body = String::new();
    body.push_str(&paragraph(&[Run::plain("附件1")], Align::Left));
    body.push_str(&paragraph(&[Run::heading(pool_name)], Align::Center));
    body.push_str(&paragraph(&[Run::heading("入库申请表")], Align::Center));
    body.push_str(&paragraph(&[Run::plain(&tick_boxes(&annex::channels()))], Align::Left));
    body.push_str(&field_table());
    for grid in FORM_TABLES.grids {
        body.push_str(&grid_table(grid));
    }
    for line in FORM_TABLES.applicant_lines {
        body.push_str(&paragraph(&[Run::plain(line.text)], line.align()));
    }
    body.push_str(&unit_opinion_box());
    body.push_str(&paragraph(&[Run::bold("填表说明")], Align::Left));
    for (i, note) in FORM_TABLES.instructions.iter().enumerate() {
        body.push_str(&paragraph(&[Run::plain(&format!("{}. {note}", i + 1))], Align::Left));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>"#
    )
}

/// `□单位推荐　□个人自荐…`: boxes to tick by hand.
fn tick_boxes(labels: &[&str]) -> String {
    labels.iter().map(|l| format!("□{l}")).collect::<Vec<_>>().join("　")
}

/// The labelled fields: three label/blank pairs a row; the last blank of a shorter row
/// spans to the right edge ([`annex::form_fields`]), then the employer kinds to tick.
fn field_table() -> String {
    let blank = (TEXT_WIDTH - 3 * LABEL_WIDTH) / 3;
    let columns = [LABEL_WIDTH, blank, LABEL_WIDTH, blank, LABEL_WIDTH, blank];
    let mut rows = String::new();
    let field_rows = annex::form_fields();
    for row in &field_rows {
        let mut cells = String::new();
        for FieldCell { label, span } in row {
            cells.push_str(&cell(label, 1, true));
            cells.push_str(&cell("", *span, false));
        }
        rows.push_str(&table_row(&cells, BLANK_ROW_HEIGHT));
    }
    let kinds = tick_boxes(&annex::employer_kinds());
    rows.push_str(&table_row(&(cell("工作单位属性", 1, true) + &cell(&kinds, 5, false)), BLANK_ROW_HEIGHT));
    table(&columns, &rows)
}

/// The unit's opinion in a bordered box tall enough to write in and stamp.
fn unit_opinion_box() -> String {
    let lines: String = FORM_TABLES.unit_lines.iter().map(|l| paragraph(&[Run::plain(l.text)], l.align())).collect();
    let cell = format!(r#"<w:tc><w:tcPr><w:vAlign w:val="top"/></w:tcPr>{lines}</w:tc>"#);
    table(&[TEXT_WIDTH], &table_row(&cell, 5 * BLANK_ROW_HEIGHT))
}

/// One of the form's tables: its title across the top, the headers, the blank rows.
fn grid_table(grid: &annex::Grid) -> String {
    let n = grid.columns.len() as u32;
    let columns: Vec<u32> = (0..n).map(|_| TEXT_WIDTH / n).collect();
    let mut rows = table_row(&cell(grid.title, grid.columns.len(), true), BLANK_ROW_HEIGHT);
    let headers: String = grid.columns.iter().map(|c| cell(c, 1, true)).collect();
    rows.push_str(&table_row(&headers, BLANK_ROW_HEIGHT));
    let blanks: String = grid.columns.iter().map(|_| cell("", 1, false)).collect();
    for _ in 0..grid.rows {
        rows.push_str(&table_row(&blanks, 2 * BLANK_ROW_HEIGHT));
    }
    table(&columns, &rows)
}

fn table(columns: &[u32], rows: &str) -> String {
    let grid: String = columns.iter().map(|w| format!(r#"<w:gridCol w:w="{w}"/>"#)).collect();
    let border = |side: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#);
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"].iter().map(|s| border(s)).collect();
    // An empty paragraph after each table: Word joins adjacent tables into one otherwise.
    format!(
        r#"<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl><w:p/>"#
    )
}

fn table_row(cells: &str, height: u32) -> String {
    format!(r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{height}"/></w:trPr>{cells}</w:tr>"#)
}

/// A cell spanning `span` grid columns; labels are centred, blanks left for writing.
fn cell(text: &str, span: usize, label: bool) -> String {
    let span = if span > 1 { format!(r#"<w:gridSpan w:val="{span}"/>"#) } else { String::new() };
    let align = if label { Align::Center } else { Align::Left };
    format!(
        r#"<w:tc><w:tcPr>{span}<w:vAlign w:val="center"/></w:tcPr>{}</w:tc>"#,
        paragraph(&[Run::plain(text)], align)
    )
}

/// Paragraph alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Centred (titles).
    Center,
    /// Flush right (dates and stamps under a signature).
    Right,
}

/// A run of text in one style.
struct Run<'a> {
    text: &'a str,
    bold: bool,
    /// Font size in half-points; `None` keeps the body size.
    size: Option<u32>,
}

impl<'a> Run<'a> {
    fn plain(text: &'a str) -> Self {
        Run { text, bold: false, size: None }
    }
    fn bold(text: &'a str) -> Self {
        Run { text, bold: true, size: None }
    }
    /// 二号 (22 pt) bold, the size of a form's title.
    fn heading(text: &'a str) -> Self {
        Run { text, bold: true, size: Some(44) }
    }
}

fn paragraph(runs: &[Run<'_>], align: Align) -> String {
    let jc = match align {
        Align::Left => "",
        Align::Center => r#"<w:jc w:val="center"/>"#,
        Align::Right => r#"<w:jc w:val="right"/>"#,
    };
    let mut out = format!("<w:p><w:pPr>{jc}</w:pPr>");
    for run in runs {
        if run.text.is_empty() {
            continue;
        }
        let mut props = String::new();
        if run.bold {
            props.push_str("<w:b/>");
        }
        if let Some(size) = run.size {
            let _ = write!(props, r#"<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>"#);
        }
        let _ = write!(out, r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(run.text));
    }
    out.push_str("</w:p>");
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    }

    #[test]
    fn the_document_holds_every_label_of_the_form_and_is_stable() {
        let a = application_form_docx("某市某专家库").unwrap();
        assert_eq!(a, application_form_docx("某市某专家库").unwrap(), "bytes depend on the title only");
        let doc = part(&a, "word/document.xml");
        for row in FORM_TABLES.fields {
            for label in *row {
                assert!(doc.contains(&escape(label)), "label {label} missing");
            }
        }
        for grid in FORM_TABLES.grids {
            assert!(doc.contains(grid.title));
            for c in grid.columns {
                assert!(doc.contains(&escape(c)), "column {c} missing");
            }
        }
        for k in annex::employer_kinds() {
            assert!(doc.contains(&format!("□{k}")));
        }
        for line in FORM_TABLES.applicant_lines.iter().chain(FORM_TABLES.unit_lines) {
            assert!(doc.contains(line.text));
        }
        assert!(doc.contains("某市某专家库") && doc.contains("入库申请表"));
        assert!(part(&a, "docProps/core.xml").contains("<dc:title>某市某专家库入库申请表</dc:title>"));
        // Every content type the package declares is present.
        for name in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml"] {
            assert!(!part(&a, name).is_empty());
        }
    }

    #[test]
    fn merged_cells_add_up_to_the_grid() {
        let doc = document("某库");
        // The field table has six grid columns; each of its rows spans exactly six.
        let field_table = doc.split("<w:tbl>").nth(1).unwrap();
        for row in field_table.split("<w:tr>").skip(1) {
            let cells = row.matches("<w:tc>").count();
            let extra: usize = row
                .match_indices(r#"<w:gridSpan w:val=""#)
                .map(|(i, m)| row[i + m.len()..].split('"').next().unwrap().parse::<usize>().unwrap() - 1)
                .sum();
            assert_eq!(cells + extra, 6, "row {row}");
        }
    }

    /// Every part is well-formed XML, checked by an XML parser other than ours (Python's,
    /// which the verifier tests need anyway); skipped where there is no `python3`.
    #[test]
    fn every_part_is_well_formed_xml() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.docx");
        std::fs::write(&path, application_form_docx("某市<某>专家库").unwrap()).unwrap();
        let script = "import sys, zipfile, xml.dom.minidom as m\n\
            z = zipfile.ZipFile(sys.argv[1])\n\
            [m.parseString(z.read(n)) for n in z.namelist()]\n\
            print(len(z.namelist()))";
        match std::process::Command::new("python3").arg("-c").arg(script).arg(&path).output() {
            Ok(out) => {
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "6");
            }
            Err(e) => eprintln!("python3 not run ({e}): XML well-formedness not checked"),
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("A&B <c> \"d\""), "A&amp;B &lt;c&gt; &quot;d&quot;");
        assert!(document("甲&乙").contains("甲&amp;乙"));
    }
}
