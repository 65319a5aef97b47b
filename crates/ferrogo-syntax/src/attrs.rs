//! ferrogo attribute options and the doc/deprecation attributes that flow into godoc.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::{Attribute, Expr, ExprLit, Lit, LitStr, Meta};

use crate::ir::{Deprecation, Docs};

/// Which ferrogo attribute an item carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Export,
    Record,
    Error,
    Object,
    Custom,
    Callback,
}

impl Kind {
    /// The attribute's name: `callback` for `#[ferrogo::callback]`.
    pub fn ident(self) -> &'static str {
        match self {
            Kind::Export => "export",
            Kind::Record => "record",
            Kind::Error => "error",
            Kind::Object => "object",
            Kind::Custom => "custom",
            Kind::Callback => "callback",
        }
    }

    pub fn from_ident(name: &str) -> Option<Kind> {
        Some(match name {
            "export" => Kind::Export,
            "record" => Kind::Record,
            "error" => Kind::Error,
            "object" => Kind::Object,
            "custom" => Kind::Custom,
            "callback" => Kind::Callback,
            _ => return None,
        })
    }
}

/// Options written in `#[ferrogo::export(...)]`, `#[ferrogo::object(...)]` or `#[ferrogo(...)]`.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `name = "GoName"`: overrides the Go identifier.
    pub name: Option<LitStr>,
    /// `fallible`: an infallible function gets an `error` result in Go.
    pub fallible: bool,
    /// `no_poison`: a method panic does not poison the object.
    pub no_poison: bool,
    /// `blocking`: the function does long or blocking work; calls wait for a slot when
    /// `ferrogo.Config.BlockingCalls` caps how many run at once.
    pub blocking: bool,
    /// `constructor` (inside `#[ferrogo(...)]`), same as `#[ferrogo::constructor]`.
    pub constructor: bool,
    /// `no_fuzz`: `ferrogo build --fuzz` writes no fuzz target calling it.
    pub no_fuzz: bool,
    /// `strict_utf8`: invalid UTF-8 in a text argument is an error (`ErrInvalidUTF8`) instead of
    /// being read as Go reads it: a function taking text without an `error` result in Go gets
    /// one, as with `fallible` (ADR 0016).
    pub strict_utf8: bool,
    /// `Display`, `Debug`, `PartialEq`/`Eq`, `Ord`, `Hash` on a record struct or object: std
    /// traits implemented by hand that become Go methods (derives are read from the type).
    pub traits: Vec<crate::stdtraits::StdTrait>,
}

/// The marker in an `allowed` list that admits the std trait names of
/// [`crate::stdtraits::ATTR_TRAITS`].
pub const TRAITS: &str = "<std traits>";

/// The options of `#[ferrogo::export(...)]` on an `impl` block: they apply to every method.
pub const IMPL_OPTS: &[&str] = &["strict_utf8"];

impl Options {
    /// Parses the options; `allowed` names the keys valid at this place.
    pub fn parse(tokens: TokenStream, allowed: &[&str]) -> syn::Result<Options> {
        let mut opts = Options::default();
        let parser = syn::meta::parser(|meta| {
            let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
            if allowed == IMPL_OPTS && !allowed.contains(&key.as_str()) {
                return Err(meta.error(format!(
                    "unknown ferrogo option `{}`: on an `impl` block only `strict_utf8` applies (to every method); put other options in `#[ferrogo(...)]` on each method, and rename the type in its `#[ferrogo::object(name = \"...\")]`",
                    path_string(&meta.path)
                )));
            }
            if allowed.contains(&TRAITS) && crate::stdtraits::ATTR_TRAITS.contains(&key.as_str()) {
                if key == "PartialOrd" {
                    return Err(meta.error(
                        "`PartialOrd` gives no Go method: `Compare` needs a total order (slices.SortFunc would misbehave on incomparable values); declare `Ord` if the type implements it, or export a method returning `Option<Ordering>`",
                    ));
                }
                opts.traits
                    .extend_from_slice(crate::stdtraits::StdTrait::from_name(&key));
                return Ok(());
            }
            if crate::stdtraits::ATTR_TRAITS.contains(&key.as_str()) && !allowed.contains(&TRAITS) {
                return Err(meta.error(format!(
                    "`{key}` gives Go methods (`String`, `Equal`, ...) only to a record struct or an object: a C-like enum's Go type has `String` already, and a sum type or error is not one Go type"
                )));
            }
            if !allowed.contains(&key.as_str()) {
                let mut expected: Vec<&str> = allowed.iter().copied().filter(|k| *k != TRAITS).collect();
                if allowed.contains(&TRAITS) {
                    expected.extend(["Display", "Debug", "PartialEq", "Eq", "Ord", "Hash"]);
                }
                return Err(meta.error(format!(
                    "unknown ferrogo option `{}`; expected one of: {}",
                    path_string(&meta.path),
                    expected.join(", ")
                )));
            }
            match key.as_str() {
                "name" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    if !is_go_identifier(&lit.value()) {
                        return Err(syn::Error::new(
                            lit.span(),
                            format!(
                                "`name = {:?}` is not a Go identifier: use letters, digits and `_`, not starting with a digit (e.g. `name = \"ParseURL\"`)",
                                lit.value()
                            ),
                        ));
                    }
                    opts.name = Some(lit);
                }
                "fallible" => opts.fallible = true,
                "no_poison" => opts.no_poison = true,
                "blocking" => opts.blocking = true,
                "constructor" => opts.constructor = true,
                "no_fuzz" => opts.no_fuzz = true,
                "strict_utf8" => opts.strict_utf8 = true,
                _ => unreachable!("allowed keys are handled above"),
            }
            Ok(())
        });
        parser.parse2(tokens)?;
        Ok(opts)
    }

    /// Reads every `#[ferrogo(...)]` helper attribute in `attrs`.
    pub fn from_helper_attrs(attrs: &[Attribute], allowed: &[&str]) -> syn::Result<Options> {
        let mut merged = Options::default();
        for attr in attrs {
            if attr.path().is_ident("ferrogo") {
                let tokens =
                    match &attr.meta {
                        Meta::List(list) => list.tokens.clone(),
                        _ => return Err(syn::Error::new_spanned(
                            attr,
                            "expected `#[ferrogo(...)]` with options, e.g. `#[ferrogo(name = \"GoName\")]`",
                        )),
                    };
                let o = Options::parse(tokens, allowed)?;
                merged.name = o.name.or(merged.name);
                merged.fallible |= o.fallible;
                merged.no_poison |= o.no_poison;
                merged.blocking |= o.blocking;
                merged.constructor |= o.constructor;
                merged.no_fuzz |= o.no_fuzz;
                merged.strict_utf8 |= o.strict_utf8;
                merged.traits.extend(o.traits);
            } else if is_ferrogo_path(attr, "constructor") {
                merged.constructor = true;
            }
        }
        Ok(merged)
    }
}

/// Whether `attr` is `#[ferrogo::<name>]` (or `#[ferrogo::<name>(...)]`).
pub fn is_ferrogo_path(attr: &Attribute, name: &str) -> bool {
    let segs: Vec<String> = attr.path().segments.iter().map(|s| s.ident.to_string()).collect();
    segs.len() == 2 && segs[0] == "ferrogo" && segs[1] == name
}

/// Whether `attr` is one that ferrogo's macros consume (and must strip from emitted code).
pub fn is_ferrogo_helper(attr: &Attribute) -> bool {
    attr.path().is_ident("ferrogo") || is_ferrogo_path(attr, "constructor")
}

/// The ferrogo attribute on an item, as the generator finds it in source: kind and option tokens.
pub fn find_item_attr(attrs: &[Attribute]) -> Option<(Kind, TokenStream, Span)> {
    attrs.iter().find_map(|attr| {
        let segs: Vec<_> = attr.path().segments.iter().collect();
        if segs.len() != 2 || segs[0].ident != "ferrogo" {
            return None;
        }
        let kind = Kind::from_ident(&segs[1].ident.to_string())?;
        let tokens = match &attr.meta {
            Meta::List(list) => list.tokens.clone(),
            _ => TokenStream::new(),
        };
        Some((kind, tokens, segs[1].ident.span()))
    })
}

/// Doc comments and `#[deprecated]`.
pub fn docs(attrs: &[Attribute]) -> Docs {
    let mut lines = Vec::new();
    let mut deprecated = None;
    for attr in attrs {
        if attr.path().is_ident("doc") {
            if let Meta::NameValue(nv) = &attr.meta {
                if let Some(s) = str_lit(&nv.value) {
                    // An empty `///` line separates paragraphs; `"".lines()` would drop it.
                    if s.trim().is_empty() {
                        lines.push(String::new());
                    } else {
                        for line in s.lines() {
                            lines.push(line.strip_prefix(' ').unwrap_or(line).to_string());
                        }
                    }
                }
            }
        } else if attr.path().is_ident("deprecated") {
            deprecated = Some(deprecation(&attr.meta));
        }
    }
    Docs { lines, deprecated }
}

fn deprecation(meta: &Meta) -> Deprecation {
    let mut d = Deprecation::default();
    match meta {
        Meta::NameValue(nv) => d.note = str_lit(&nv.value),
        Meta::List(list) => {
            let _ = list.parse_nested_meta(|m| {
                let value: Expr = m.value()?.parse()?;
                if m.path.is_ident("since") {
                    d.since = str_lit(&value);
                } else if m.path.is_ident("note") {
                    d.note = str_lit(&value);
                }
                Ok(())
            });
        }
        Meta::Path(_) => {}
    }
    d
}

fn str_lit(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(ExprLit { lit: Lit::Str(s), .. }) => Some(s.value()),
        _ => None,
    }
}

fn path_string(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

fn is_go_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}
