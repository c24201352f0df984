//! Data that shortcode templates need beyond their arguments, such as the resources that
//! `{{ resources(function="F1") }}` lists. Checks of argument values against the data (an unknown
//! questionnaire id, say) belong here too, reported at the shortcode's position.

use tera::Context;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::model::data::SiteData;
use crate::parse::shortcodes::Call;

/// Returns the values to add to the template context of `call`.
pub fn data_for(call: &Call, _site: &Site, _data: &SiteData) -> Result<Context, Diagnostic> {
    match call.name.as_str() {
        _ => Ok(Context::new()),
    }
}
