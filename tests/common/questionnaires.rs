//! Helpers for the questionnaire tests: the guide's shipped definitions and the compiled definition a
//! questionnaire page embeds.

use serde_json::Value;

use super::Fixture;

/// Copies the named definitions from the guide's `content/questionnaires/` into the fixture.
pub fn with_shipped_forms(fixture: &Fixture, names: &[&str]) {
    let shipped = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/questionnaires");
    for name in names {
        let text = std::fs::read_to_string(shipped.join(name)).expect("read a shipped definition");
        fixture.write(&format!("content/questionnaires/{name}"), &text);
    }
}

/// Returns the compiled definition embedded in a questionnaire page.
pub fn compiled_definition(html: &str) -> Value {
    let start_tag = "<script type=\"application/json\" id=\"questionnaire-definition\">";
    let start = html.find(start_tag).expect("the page embeds the compiled definition") + start_tag.len();
    let length = html[start..].find("</script>").expect("the JSON element is closed");
    serde_json::from_str(&html[start..start + length]).expect("the embedded definition is valid JSON")
}

/// Returns a JSON array of whole numbers.
pub fn numbers(value: &Value) -> Vec<u64> {
    value.as_array().expect("an array").iter().map(|number| number.as_u64().expect("a number")).collect()
}
