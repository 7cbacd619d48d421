//! The tera context a rendering thread reuses from page to page.
//!
//! Every page sees the same `site` value and, within a folder depth and section, the same
//! pre-rendered header and footer. Inserting them into a fresh context per page meant a
//! deep copy of `site` and two copies of the chrome per page, and dropping them again; here
//! they are inserted once per thread and only the page's own keys come and go.

use crate::BuildError;
use crate::templates::Templates;
use serde::Serialize;
use serde_json::Value;

/// Keys every page shares; a page's own key of the same name is ignored, as the shared
/// value always took precedence.
const SHARED: [&str; 3] = ["site", "chrome_header", "chrome_footer"];

/// (root, section) → (header, footer), as [`crate::render`] pre-renders them.
pub(crate) type Chrome<'a> = Option<(&'a (String, String), &'a (String, String))>;

pub(crate) struct PageContext {
    context: tera::Context,
    /// Which header and footer are in `context` now.
    chrome: Option<(String, String)>,
}

impl PageContext {
    /// A context holding `site` (the [`crate::views::SiteView`]).
    pub(crate) fn new(site: &impl Serialize) -> PageContext {
        let mut context = tera::Context::new();
        context.insert("site", site);
        PageContext { context, chrome: None }
    }

    /// Renders `template` with the page's own context `page` (a struct of the keys its
    /// template reads) on top of the shared keys; `chrome` is the header and footer for the
    /// page's (root, section), if they were rendered.
    pub(crate) fn render(
        &mut self,
        templates: &Templates,
        template: &str,
        page: &impl Serialize,
        chrome: Chrome,
    ) -> Result<Vec<u8>, BuildError> {
        self.set_chrome(chrome);
        // What `tera::Context::from_serialize` does, in two steps: the page's key names are
        // needed to take them out again after rendering.
        let context_error = |message: String| BuildError::Context { template: template.into(), message };
        let Value::Object(mut keys) = serde_json::to_value(page).map_err(|e| context_error(e.to_string()))? else {
            return Err(context_error("the page context is not a map of keys".into()));
        };
        for name in SHARED {
            keys.remove(name);
        }
        let names: Vec<String> = keys.keys().cloned().collect();
        // Moved, not copied: `from_value` takes the map's entries as they are.
        let page = tera::Context::from_value(Value::Object(keys)).map_err(|e| context_error(e.to_string()))?;
        self.context.extend(page);
        let rendered = templates.render_bytes(template, &self.context);
        // Whatever happened, the next page must not see this page's values.
        for name in &names {
            self.context.remove(name);
        }
        rendered
    }

    fn set_chrome(&mut self, chrome: Chrome) {
        match chrome {
            Some((key, _)) if self.chrome.as_ref() == Some(key) => {}
            Some((key, (header, footer))) => {
                self.context.insert("chrome_header", header);
                self.context.insert("chrome_footer", footer);
                self.chrome = Some(key.clone());
            }
            None => {
                self.context.remove("chrome_header");
                self.context.remove("chrome_footer");
                self.chrome = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Map, json};

    fn templates() -> Templates {
        let mut tera = tera::Tera::default();
        tera.add_raw_template(
            "page.html",
            "{{ site.title }}|{% if history %}history{% endif %}|{{ title }}|{{ chrome_header | default(value='-') }}",
        )
        .unwrap();
        Templates { tera, static_files: Default::default(), fingerprint: 0 }
    }

    fn keys(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    type Parts = ((String, String), (String, String));

    fn render(page: &mut PageContext, keys: Map<String, Value>, chrome: Option<&Parts>) -> String {
        let chrome = chrome.map(|(k, v)| (k, v));
        String::from_utf8(page.render(&templates(), "page.html", &keys, chrome).unwrap()).unwrap()
    }

    #[test]
    fn a_page_never_sees_the_keys_of_the_page_before() {
        let mut page = PageContext::new(&json!({ "title": "站" }));
        let first = render(&mut page, keys(json!({ "title": "甲", "history": [1] })), None);
        let second = render(&mut page, keys(json!({ "title": "乙" })), None);
        assert_eq!(first, "站|history|甲|-");
        assert_eq!(second, "站||乙|-");
    }

    #[test]
    fn shared_values_win_over_a_page_key_of_the_same_name() {
        let mut page = PageContext::new(&json!({ "title": "站" }));
        let out = render(&mut page, keys(json!({ "title": "甲", "site": { "title": "假" } })), None);
        assert_eq!(out, "站||甲|-");
        // …and the shared value survives the page that tried to replace it.
        assert_eq!(render(&mut page, keys(json!({ "title": "乙" })), None), "站||乙|-");
    }

    #[test]
    fn chrome_follows_each_page() {
        let mut page = PageContext::new(&json!({ "title": "站" }));
        let top = (("".to_string(), "home".to_string()), ("H0".to_string(), "F0".to_string()));
        let deep = (("../".to_string(), "home".to_string()), ("H1".to_string(), "F1".to_string()));
        assert_eq!(render(&mut page, keys(json!({ "title": "a" })), Some(&top)), "站||a|H0");
        assert_eq!(render(&mut page, keys(json!({ "title": "b" })), Some(&top)), "站||b|H0");
        assert_eq!(render(&mut page, keys(json!({ "title": "c" })), Some(&deep)), "站||c|H1");
        assert_eq!(render(&mut page, keys(json!({ "title": "d" })), None), "站||d|-");
    }
}
