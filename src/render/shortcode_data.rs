//! Data that shortcode templates need beyond their arguments, such as the resources that
//! `{{ resources(function="F1") }}` lists. Checks of argument values against the data (an unknown
//! questionnaire id, say) belong here too, reported at the shortcode's position.

use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::model::{Site, diagrams, questionnaires, resources};
use crate::model::data::SiteData;
use crate::parse::shortcodes::Call;

/// Returns the values to add to the template context of `call`.
pub fn data_for(call: &Call, site: &Site, data: &SiteData) -> Result<Context, Diagnostic> {
    match call.name.as_str() {
        "resources" => resources::shortcode_context(call, site, &data.resources),
        "diagram" => {
            let id = call.arguments.get("id").map(|id| id.to_text()).unwrap_or_default();
            let diagram = diagrams::find(&data.diagrams, &id, call)?;
            let mut context = Context::new();
            context.insert("diagram", diagram);
            Ok(context)
        }
        "questionnaire" => questionnaires::shortcode_context(call, site, &data.questionnaires),
        _ => Ok(Context::new()),
    }
}
