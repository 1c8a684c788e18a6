//! Handlebars templates that turn a view into Typst source.
//!
//! The registry is built once per run: templates are parsed and helpers
//! registered up front, so a syntax error in any template is reported before
//! any document is rendered. Strict mode makes a misspelt field an error
//! instead of a blank in a letter, and the escape function
//! ([`crate::escape::markup`]) makes every `{{value}}` literal text. The web
//! edition's templates (`site/*.html.hbs`) have a registry of their own,
//! which escapes for HTML instead.

use std::collections::BTreeMap;
use std::path::Path;

use handlebars::{
    Context, Handlebars, Helper, HelperResult, Output, RenderContext, RenderError, RenderErrorReason, TemplateError,
};
use serde::Serialize;

use crate::compile::{CompileError, Place};
use crate::diag::{Problem, Problems};
use crate::utils::fs;

/// The folder of a campaign that holds its templates.
pub const TEMPLATES: &str = "templates";
/// The folder of `templates/` whose files other than templates (the
/// stylesheet) are copied into the web edition as they are.
pub const SITE: &str = "site/";
/// The folder of `templates/` whose templates are partials, which any
/// template may use.
pub const PARTIALS: &str = "partials/";
/// The plain Typst style the generated sources import.
pub const STYLE: &str = "style.typ";

/// The templates built into the binary, used where a campaign has none:
/// every file of the project's `templates/` folder, by its path there
/// (listed by `build.rs`, so that a new template needs no line here).
pub const DEFAULTS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// The template files of a campaign: the defaults, overridden file by file by
/// what the campaign's `templates/` folder holds.
#[derive(Debug, Clone)]
pub struct TemplateFiles {
    /// By name relative to `templates/`: (where it came from, text).
    pub files: BTreeMap<String, (String, String)>,
}

impl TemplateFiles {
    /// The built-in templates alone.
    pub fn defaults() -> Self {
        let files = DEFAULTS
            .iter()
            .map(|(name, text)| (name.to_string(), (format!("<built-in>/{name}"), text.to_string())))
            .collect();
        TemplateFiles { files }
    }

    /// The defaults overridden by the files in `dir/templates/`, if it exists.
    pub fn read(dir: &Path) -> Result<Self, Problems> {
        let mut files = Self::defaults();
        let root = dir.join(TEMPLATES);
        if !root.is_dir() {
            return Ok(files);
        }
        let mut problems = Problems::default();
        let mut pending = vec![root.clone()];
        while let Some(folder) = pending.pop() {
            let entries = fs::read_dir_sorted(&folder).map_err(|e| Problem::file(TEMPLATES, e.to_string()))?;
            for path in entries {
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let rel = path.strip_prefix(&root).expect("inside templates/");
                let name = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                let site_file = name.starts_with(SITE) && name.ends_with(".css");
                if !(name.ends_with(".hbs") || name.ends_with(".typ") || site_file) {
                    continue;
                }
                let shown = format!("{TEMPLATES}/{name}");
                match std::fs::read_to_string(&path) {
                    Ok(text) => {
                        files.files.insert(name, (shown, text));
                    }
                    Err(e) => problems.push(Problem::file(shown, format!("cannot read: {e}"))),
                }
            }
        }
        problems.into_result(files)
    }

    /// The plain Typst files (`*.typ`) to serve at the root of the project.
    pub fn typst_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(name, _)| name.ends_with(".typ"))
            .map(|(name, (_, text))| (name.as_str(), text.as_str()))
    }

    /// The files copied into the web edition as they are (the stylesheet),
    /// by their name in it.
    pub fn site_files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter_map(|(name, (_, text))| Some((name.strip_prefix(SITE)?, text.as_str())))
            .filter(|(name, _)| !name.ends_with(".hbs"))
    }
}

/// The parsed templates, ready to render any number of documents.
pub struct Renderer {
    /// The templates of Typst sources.
    registry: Handlebars<'static>,
    /// The templates of web pages (`*.html.hbs`), escaped for HTML.
    html: Handlebars<'static>,
    /// Template name → the file it came from, for messages.
    origins: BTreeMap<String, String>,
    /// The template files, to trace generated lines back to them.
    files: TemplateFiles,
}

impl Renderer {
    /// Parses every template; all syntax errors are reported together.
    pub fn new(files: &TemplateFiles) -> Result<Self, Problems> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(crate::escape::markup);
        registry.register_helper("typst-string", Box::new(typst_string));
        let mut html = Handlebars::new();
        html.set_strict_mode(true);
        html.register_escape_fn(crate::escape::html);
        let mut origins = BTreeMap::new();
        let mut problems = Problems::default();
        for (name, (origin, text)) in &files.files {
            let result = if let Some(partial) = name.strip_prefix(PARTIALS) {
                let partial = partial.trim_end_matches(".hbs").trim_end_matches(".typ");
                origins.insert(partial.to_string(), origin.clone());
                registry.register_partial(partial, text.as_str())
            } else if name.ends_with(".html.hbs") {
                origins.insert(name.clone(), origin.clone());
                html.register_template_string(name, text.as_str())
            } else if name.ends_with(".hbs") {
                origins.insert(name.clone(), origin.clone());
                registry.register_template_string(name, text.as_str())
            } else {
                continue;
            };
            if let Err(e) = result {
                problems.push(template_problem(origin, &e));
            }
        }
        problems.into_result(Renderer { registry, html, origins, files: files.clone() })
    }

    /// Renders template `name` with `view` into Typst source.
    pub fn render<T: Serialize>(&self, name: &str, view: &T) -> Result<String, Problem> {
        let registry = if name.ends_with(".html.hbs") { &self.html } else { &self.registry };
        registry.render(name, view).map_err(|e| self.render_problem(name, &e))
    }

    /// The template line that most likely produced `generated`, a line of a
    /// source rendered from `template`: the line of `template` or of a
    /// partial whose literal text (what lies outside `{{…}}`) appears, in
    /// order, in `generated`, the most of it.
    pub fn locate(&self, template: &str, generated: &str) -> Option<(String, usize)> {
        let generated = generated.trim();
        let candidates =
            self.files.files.iter().filter(|(name, _)| name.as_str() == template || name.starts_with(PARTIALS));
        let mut best: Option<(usize, String, usize)> = None;
        for (_, (origin, text)) in candidates {
            for (i, line) in text.lines().enumerate() {
                let fragments = literal_fragments(line);
                let score: usize = fragments.iter().map(|f| f.len()).sum();
                if score < 2 || best.as_ref().is_some_and(|b| b.0 >= score) {
                    continue;
                }
                let mut rest = generated;
                let in_order = fragments.iter().all(|f| match rest.find(f) {
                    Some(at) => {
                        rest = &rest[at + f.len()..];
                        true
                    }
                    None => false,
                });
                if in_order {
                    best = Some((score, origin.clone(), i + 1));
                }
            }
        }
        best.map(|(_, origin, line)| (origin, line))
    }

    /// Where the project file `path` (e.g. `/style.typ`) comes from.
    pub fn origin_of(&self, path: &str) -> Option<&str> {
        self.files.files.get(path.trim_start_matches('/')).map(|(origin, _)| origin.as_str())
    }

    /// Where the lines a compile error of a source rendered from `template`
    /// as `source_path` points at come from: the template's line, or the
    /// template file a project file is a copy of.
    pub fn origins(&self, e: &CompileError, template: &str, source_path: &str) -> Vec<String> {
        let mut origins: Vec<String> = Vec::new();
        for place in &e.places {
            let origin = match place {
                Place::Generated(line) => self.locate(template, line).map(|(origin, n)| {
                    format!("this line of {} comes from {origin}:{n}", crate::layout::shown(source_path))
                }),
                Place::File(path, n) => self
                    .origin_of(path)
                    .map(|origin| format!("{} is a copy of {origin}:{n}", crate::layout::shown(path))),
            };
            if let Some(origin) = origin.filter(|o| !origins.contains(o)) {
                origins.push(origin);
            }
        }
        origins
    }

    fn render_problem(&self, name: &str, e: &RenderError) -> Problem {
        let template = e.template_name.as_deref().unwrap_or(name);
        let origin = self.origins.get(template).cloned().unwrap_or_else(|| template.to_string());
        let message = match e.reason() {
            RenderErrorReason::MissingVariable(Some(path)) => {
                format!("unknown field « {path} » (templates are strict: check its spelling)")
            }
            RenderErrorReason::TemplateError(t) => return template_problem(&origin, t),
            reason => reason.to_string(),
        };
        let mut problem = Problem::file(origin, message);
        if let Some(line) = e.line_no {
            problem.line = Some(line as u64);
            problem.column = e.column_no.map(|c| c as u64);
        }
        problem
    }
}

/// The text of a template line outside its `{{…}}` tags, in pieces.
fn literal_fragments(line: &str) -> Vec<&str> {
    let mut fragments = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find("{{") {
        fragments.push(&rest[..open]);
        match rest[open..].find("}}") {
            Some(close) => rest = &rest[open + close + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    fragments.push(rest);
    fragments.into_iter().map(str::trim).filter(|f| !f.is_empty()).collect()
}

fn template_problem(origin: &str, e: &TemplateError) -> Problem {
    let mut problem = Problem::file(origin, format!("template syntax: {}", e.reason()));
    if let Some((line, column)) = e.pos() {
        problem.line = Some(line as u64);
        problem.column = Some(column as u64);
    }
    problem
}

/// `{{typst-string value}}`: the value as a Typst string literal, for the
/// places where a template needs a value in code rather than in markup.
fn typst_string(
    h: &Helper<'_>,
    _: &Handlebars<'_>,
    _: &Context,
    _: &mut RenderContext<'_, '_>,
    out: &mut dyn Output,
) -> HelperResult {
    let param = h.param(0).ok_or(RenderErrorReason::ParamNotFoundForIndex("typst-string", 0))?;
    let text = match param.value() {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    out.write(&crate::escape::string(&text))?;
    Ok(())
}
