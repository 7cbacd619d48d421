//! Finding where a field sits in a TOML file, for diagnostics about values that parsed
//! fine but break a rule (a wrong check digit, a dangling reference). Parsing for spans is
//! done only when a diagnostic needs it, so clean files are parsed once.

use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// One step of a path to a value: a table key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path such as `appointments[1].end`, written as the dotted form in diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    /// Parses `a.b[2].c`.
    pub fn parse(text: &str) -> FieldPath {
        let mut segs = Vec::new();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            let (key, mut rest) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                segs.push(Seg::Key(key.to_string()));
            }
            while let Some(close) = rest.find(']') {
                if let Ok(index) = rest[1..close].parse() {
                    segs.push(Seg::Index(index));
                }
                rest = &rest[close + 1..];
            }
        }
        FieldPath(segs)
    }

    /// The last key of the path, which names the field in diagnostics.
    pub fn leaf_key(&self) -> Option<&str> {
        self.0.iter().rev().find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            Seg::Index(_) => None,
        })
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The byte span of the value at `path` in `toml`, or of the deepest part of the path
/// that exists (so a missing field points at its table). `None` if the text is not TOML.
///
/// Every diagnostic about a record that parsed well is located here, so it uses the fast
/// parser; a table is pointed at by its header line, as a clerk would look for it.
pub fn locate(toml_text: &str, path: &FieldPath) -> Option<Range<usize>> {
    let arena = toml_spanner::Arena::new();
    let document = toml_spanner::parse(toml_text, &arena).ok()?;
    let mut best = 0..toml_text.len();
    let mut table: Option<&toml_spanner::Table> = Some(document.table());
    let mut array: Option<&toml_spanner::Array> = None;
    for seg in &path.0 {
        let next = match (seg, table, array) {
            (Seg::Key(k), Some(t), _) => t.get(k),
            (Seg::Index(i), _, Some(items)) => items.get(*i),
            _ => None,
        };
        let Some(next) = next else { break };
        best = header_or_value(toml_text, next);
        table = next.as_table();
        array = next.as_array();
    }
    Some(best)
}

/// The span of an item, cut to the header line when it is a `[table]` or `[[array]]` section
/// (whose span covers its whole body) or an array of such sections.
fn header_or_value(toml_text: &str, item: &toml_spanner::Item) -> Range<usize> {
    let span = item.span();
    let range = span.start as usize..span.end as usize;
    let is_section = match item.as_array() {
        Some(items) => items.get(0).is_some_and(|first| first.as_table().is_some()),
        None => item.as_table().is_some(),
    };
    let text = &toml_text[range.clone()];
    if is_section && text.starts_with("[") {
        let header_end = text.find('\n').unwrap_or(text.len());
        return range.start..range.start + text[..header_end].trim_end().len();
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_print_and_parse_back() {
        let path = FieldPath::parse("appointments[1].end");
        assert_eq!(path.to_string(), "appointments[1].end");
        assert_eq!(path.leaf_key(), Some("end"));
    }

    #[test]
    fn locates_values_in_tables_and_arrays_of_tables() {
        let text = "id = \"a\"\n[[appointments]]\nend = 2025-01-01\n[[appointments]]\nend = 2028-01-01\n";
        let span = locate(text, &FieldPath::parse("appointments[1].end")).unwrap();
        assert_eq!(&text[span], "2028-01-01");
        let span = locate(text, &FieldPath::parse("id")).unwrap();
        assert_eq!(&text[span], "\"a\"");
    }

    #[test]
    fn locates_inside_inline_tables_and_arrays() {
        let text = "[title]\nlevel = \"正高级\"\nsince = { year = 2010 }\nlist = [[1, 2], [3]]\n";
        let span = locate(text, &FieldPath::parse("title.since.year")).unwrap();
        assert_eq!(&text[span], "2010");
        let span = locate(text, &FieldPath::parse("title.list[1]")).unwrap();
        assert_eq!(&text[span], "[3]");
        let span = locate(text, &FieldPath::parse("title")).unwrap();
        assert_eq!(&text[span], "[title]");
        assert!(locate("a = ", &FieldPath::parse("a")).is_none());
    }

    #[test]
    fn missing_field_points_at_nearest_table() {
        let text = "[admission]\nchannel = \"特约邀请\"\n";
        let span = locate(text, &FieldPath::parse("admission.call")).unwrap();
        assert_eq!(&text[span], "[admission]");
    }
}

/// The path of the field at byte `offset`: the key or scalar value containing it, or the
/// table header it falls in. Table spans in toml cover only their header, so the whole
/// tree is searched rather than descending by containment.
pub fn path_at(toml_text: &str, offset: usize) -> FieldPath {
    find_path(toml_text, |span| span.contains(&offset))
}

/// The path of the node whose span is exactly `span` (how toml reports a missing field:
/// the span of the table that lacks it); empty for the root table.
pub fn path_of_span(toml_text: &str, span: &Range<usize>) -> FieldPath {
    find_path(toml_text, |s| s == span)
}

fn find_path(toml_text: &str, hit: impl Fn(&Range<usize>) -> bool) -> FieldPath {
    let Ok(root) = DeTable::parse(toml_text) else { return FieldPath::default() };
    let mut path = Vec::new();
    if search_table(root.get_ref(), &hit, &mut path) { FieldPath(path) } else { FieldPath::default() }
}

fn search_table(table: &DeTable, hit: &impl Fn(&Range<usize>) -> bool, path: &mut Vec<Seg>) -> bool {
    for (key, value) in table.iter() {
        path.push(Seg::Key(key.get_ref().to_string()));
        if search_value(value.get_ref(), hit, path) || hit(&key.span()) || hit(&value.span()) {
            return true;
        }
        path.pop();
    }
    false
}

fn search_value(value: &DeValue, hit: &impl Fn(&Range<usize>) -> bool, path: &mut Vec<Seg>) -> bool {
    match value {
        DeValue::Table(t) => search_table(t, hit, path),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                if search_value(item.get_ref(), hit, path) || hit(&item.span()) {
                    return true;
                }
                path.pop();
            }
            false
        }
        _ => false,
    }
}

#[cfg(test)]
mod path_at_tests {
    use super::*;

    #[test]
    fn names_the_field_under_an_offset() {
        let text = "[[appointments]]\nend = 2025-01-01\n[[appointments]]\nstart = 2028-01-01\n";
        let offset = text.rfind("2028").unwrap();
        assert_eq!(path_at(text, offset).to_string(), "appointments[1].start");
        let header = text.rfind("[[").unwrap();
        assert_eq!(path_of_span(text, &(header..header + 16)).to_string(), "appointments[1]");
        assert_eq!(path_of_span(text, &(0..0)).to_string(), "");
    }
}
