//! The shortcodes authors may use, their arguments, and their rendering through the theme's
//! `templates/shortcodes/<name>.html`.
//!
//! Every argument is checked against the shortcode's list before rendering, so a misspelt name or
//! argument is an error at the shortcode's position with a suggestion, never a silently empty result.

use std::collections::BTreeMap;

use tera::Context;

use crate::diagnostics::{Diagnostic, closest};
use crate::model::resources::facets as resource_facets;
use crate::parse::shortcodes::{Argument, Call};

/// The type an argument must have.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Text,
    Integer,
    Boolean,
    /// Text that must be one of the listed values.
    OneOf(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy)]
pub struct ArgumentSpec {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
}

/// A shortcode: its name, arguments, and whether it wraps Markdown up to `{{ end }}`.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub name: &'static str,
    pub arguments: &'static [ArgumentSpec],
    pub body: bool,
}

const fn optional(name: &'static str, kind: Kind) -> ArgumentSpec {
    ArgumentSpec { name, kind, required: false }
}

#[allow(dead_code, reason = "used by shortcodes with required arguments")]
const fn required(name: &'static str, kind: Kind) -> ArgumentSpec {
    ArgumentSpec { name, kind, required: true }
}

/// Ids of the four functions of absence, as the questionnaire definitions name them.
pub const FUNCTIONS: &[&str] = &["F1", "F2", "F3", "F4"];

/// Every shortcode of the default theme. A site's theme may restyle them by overriding
/// `templates/shortcodes/<name>.html`, but not add new ones, so each argument is always checked.
pub const SHORTCODES: &[Spec] = &[
    Spec {
        name: "callout",
        arguments: &[
            optional("kind", Kind::OneOf(&["note", "tip", "important", "warning"])),
            optional("title", Kind::Text),
        ],
        body: true,
    },
    Spec { name: "threshold", arguments: &[], body: false },
    Spec {
        name: "resources",
        arguments: &[
            optional("function", Kind::OneOf(FUNCTIONS)),
            optional("step", Kind::Integer),
            optional("tier", Kind::Integer),
            optional("type", Kind::OneOf(resource_facets::TYPES)),
            optional("audience", Kind::OneOf(resource_facets::AUDIENCES)),
            optional("level", Kind::OneOf(resource_facets::LEVELS)),
            optional("tag", Kind::Text),
            optional("limit", Kind::Integer),
        ],
        body: false,
    },
    Spec { name: "diagram", arguments: &[required("id", Kind::Text)], body: false },
    Spec { name: "questionnaire", arguments: &[required("id", Kind::Text)], body: false },
];

pub fn spec(name: &str) -> Option<&'static Spec> {
    SHORTCODES.iter().find(|spec| spec.name == name)
}

pub fn takes_body(name: &str) -> bool {
    spec(name).is_some_and(|spec| spec.body)
}

/// Checks a call against its spec and returns the template context with `args` (every argument, with
/// absent optional ones left out) and `body` (the rendered body, or empty).
pub fn context_for(call: &Call, body_html: &str) -> Result<Context, Diagnostic> {
    let Some(spec) = spec(&call.name) else {
        let names = SHORTCODES.iter().map(|spec| spec.name);
        let help = match closest(&call.name, names.clone()) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => format!("the shortcodes are: {}", names.collect::<Vec<_>>().join(", ")),
        };
        let message = format!("unknown shortcode `{}`", call.name);
        return Err(Diagnostic::error(call.location.clone(), message).with_help(help));
    };

    let mut arguments: BTreeMap<&str, serde_json::Value> = BTreeMap::new();
    for (name, value) in &call.arguments {
        let Some(argument) = spec.arguments.iter().find(|argument| argument.name == name) else {
            return Err(unknown_argument(call, spec, name));
        };
        arguments.insert(argument.name, checked_value(call, argument, value)?);
    }
    if let Some(missing) = spec.arguments.iter().find(|a| a.required && !call.arguments.contains_key(a.name)) {
        let message = format!("shortcode `{}` needs the argument `{}`", call.name, missing.name);
        let help = format!("add `{}=…` inside the brackets", missing.name);
        return Err(Diagnostic::error(call.location.clone(), message).with_help(help));
    }

    let mut context = Context::new();
    context.insert("args", &arguments);
    context.insert("body", body_html);
    context.insert("block", &call.block);
    Ok(context)
}

fn unknown_argument(call: &Call, spec: &Spec, name: &str) -> Diagnostic {
    let names = spec.arguments.iter().map(|argument| argument.name);
    let help = match closest(name, names.clone()) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None if spec.arguments.is_empty() => format!("`{}` takes no arguments", spec.name),
        None => format!("`{}` takes: {}", spec.name, names.collect::<Vec<_>>().join(", ")),
    };
    let message = format!("unknown argument `{name}` for shortcode `{}`", spec.name);
    Diagnostic::error(call.location.clone(), message).with_help(help)
}

fn checked_value(call: &Call, spec: &ArgumentSpec, value: &Argument) -> Result<serde_json::Value, Diagnostic> {
    let wrong = |expected: String| {
        let message = format!("argument `{}` of `{}` is `{}`, but {expected}", spec.name, call.name, value.to_text());
        Diagnostic::error(call.location.clone(), message)
    };
    match (spec.kind, value) {
        (Kind::Text, Argument::Text(text)) => Ok(text.clone().into()),
        (Kind::Integer, Argument::Integer(number)) => Ok((*number).into()),
        (Kind::Boolean, Argument::Boolean(flag)) => Ok((*flag).into()),
        (Kind::OneOf(allowed), Argument::Text(text)) if allowed.contains(&text.as_str()) => Ok(text.clone().into()),
        (Kind::OneOf(allowed), _) => {
            let suggestion = closest(&value.to_text(), allowed.iter().copied());
            let expected = format!("it must be one of: {}", allowed.join(", "));
            let diagnostic = wrong(expected);
            Err(match suggestion {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `\"{suggestion}\"`?")),
                None => diagnostic.with_help("write the value in double quotes"),
            })
        }
        (Kind::Text, _) => Err(wrong("it must be text in double quotes".into()).with_help("put the value in double quotes")),
        (Kind::Integer, _) => Err(wrong("it must be a whole number".into()).with_help("write a number without quotes")),
        (Kind::Boolean, _) => Err(wrong("it must be `true` or `false`".into()).with_help("write true or false without quotes")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn call(name: &str, arguments: &[(&str, Argument)]) -> Call {
        Call {
            name: name.to_owned(),
            arguments: arguments.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
            body: None,
            location: Location::new("content/a.md", 3, 1),
            block: true,
        }
    }

    fn error(call: &Call) -> Diagnostic {
        context_for(call, "").expect_err("an error")
    }

    #[test]
    fn unknown_shortcode_suggests_closest() {
        let diagnostic = error(&call("calout", &[]));
        assert_eq!(diagnostic.message, "unknown shortcode `calout`");
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `callout`?"));
        assert_eq!(diagnostic.location, Location::new("content/a.md", 3, 1));
    }

    #[test]
    fn unknown_argument_suggests_closest() {
        let diagnostic = error(&call("callout", &[("knd", Argument::Text("note".into()))]));
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `kind`?"));
    }

    #[test]
    fn value_outside_list_rejected() {
        let diagnostic = error(&call("callout", &[("kind", Argument::Text("warn".into()))]));
        assert!(diagnostic.message.contains("one of: note, tip, important, warning"), "{}", diagnostic.message);
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `\"warning\"`?"));
    }

    #[test]
    fn wrong_type_rejected() {
        let diagnostic = error(&call("callout", &[("title", Argument::Integer(3))]));
        assert!(diagnostic.message.contains("must be text"), "{}", diagnostic.message);
    }

    #[test]
    fn valid_call_gives_arguments() {
        let context = context_for(&call("callout", &[("kind", Argument::Text("tip".into()))]), "<p>x</p>").unwrap();
        let output = tera::Tera::one_off("{{ args.kind }}|{{ body | safe }}|{{ args.title | default(value='none') }}", &context, true);
        assert_eq!(output.unwrap(), "tip|<p>x</p>|none");
    }
}
