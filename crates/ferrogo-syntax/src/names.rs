//! Go identifiers from Rust ones: `snake_case` -> `CamelCase` with Go's initialisms.

/// Initialisms Go spells in one case (from golint's list), so `http_url` becomes `HTTPURL`.
const INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON",
    "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL", "UDP", "UI", "UID",
    "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// `parse_http_url` -> `ParseHTTPURL`; `Counter` stays `Counter`; `HttpClient` -> `HTTPClient`.
pub fn go_exported(rust: &str) -> String {
    words(rust).iter().map(|w| go_word(w)).collect()
}

/// The default Go name of a constructor of the object whose Go name is `object_go`: `new` ->
/// `NewCounter`, `with_capacity` -> `NewCounterWithCapacity`.
pub fn constructor(object_go: &str, rust_fn: &str) -> String {
    if rust_fn == "new" {
        format!("New{object_go}")
    } else {
        format!("New{object_go}{}", go_exported(rust_fn))
    }
}

/// A Go struct field or parameter name: `start_at` -> `startAt`, `url` -> `url`.
pub fn go_local(rust: &str) -> String {
    let words = words(rust);
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(&w.to_lowercase());
        } else {
            out.push_str(&go_word(w));
        }
    }
    if out.is_empty() || is_reserved(&out) {
        out.push('_');
    }
    out
}

/// The Go sentinel name of a unit error variant: `Empty` -> `ErrEmpty`.
pub fn go_sentinel(variant: &str) -> String {
    format!("Err{}", go_exported(variant))
}

/// The Go struct name of a data error variant: `Invalid` -> `InvalidError`.
pub fn go_error_struct(variant: &str) -> String {
    let base = go_exported(variant);
    if base.ends_with("Error") {
        base
    } else {
        format!("{base}Error")
    }
}

/// The Go receiver name for a type: `Counter` -> `c`, `RegexSet` -> `rs`.
pub fn go_receiver(go_type: &str, taken: impl Fn(&str) -> bool) -> String {
    let caps: String = go_type
        .chars()
        .filter(|c| c.is_ascii_uppercase())
        .take(2)
        .collect();
    let preferred = if caps.is_empty() {
        go_type.chars().take(1).collect()
    } else {
        caps.to_lowercase()
    };
    let usable = |n: &str| !n.is_empty() && !is_reserved(n) && !taken(n);
    if usable(&preferred) {
        return preferred;
    }
    // `Resource` would be `r`, a generated local: take more of the name (`re`, `res`, ...).
    // `taken` says which names the caller's methods use (parameters, generated locals).
    let lower = go_unexported(go_type);
    (2..=lower.chars().count())
        .map(|n| lower.chars().take(n).collect::<String>())
        .find(|n| usable(n))
        .unwrap_or_else(|| format!("{lower}_"))
}

fn go_word(word: &str) -> String {
    let upper = word.to_uppercase();
    if INITIALISMS.contains(&upper.as_str()) {
        return upper;
    }
    // Plurals keep the initialism and add a lower-case `s`, as Go code spells them: `ids` ->
    // `IDs`, `urls` -> `URLs` (`HTTPS` matched above as an initialism of its own).
    if let Some(stem) = upper.strip_suffix('S') {
        if word.ends_with('s') && INITIALISMS.contains(&stem) {
            return format!("{stem}s");
        }
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Splits `snake_case` and `CamelCase` into words, keeping digits with their word.
fn words(ident: &str) -> Vec<String> {
    let ident = ident.trim_start_matches("r#");
    let mut out = Vec::new();
    for part in ident.split('_').filter(|p| !p.is_empty()) {
        let mut cur = String::new();
        let chars: Vec<char> = part.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let boundary = c.is_uppercase()
                && !cur.is_empty()
                && (chars[i - 1].is_lowercase()
                    || chars[i - 1].is_ascii_digit()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
            if boundary {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

/// An unexported Go identifier from an exported one: `ConfigError` -> `configError`, with a
/// leading initialism lowered whole: `DBError` -> `dbError`, `URL` -> `url`.
pub fn go_unexported(go_name: &str) -> String {
    let chars: Vec<char> = go_name.chars().collect();
    let upper = chars.iter().take_while(|c| c.is_uppercase()).count();
    // In `DBError` the run is `DBE`; its last letter starts the next word. In `URLs` and
    // `IDsByName` the run is a plural initialism, lowered whole.
    let plural = |n: usize| chars[n] == 's' && chars.get(n + 1).is_none_or(|c| c.is_uppercase());
    let lower = match upper {
        n if n == chars.len() || n <= 1 => n,
        n if plural(n) => n,
        n if chars[n].is_lowercase() => n - 1,
        n => n,
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i < lower {
                c.to_lowercase().next().unwrap_or(*c)
            } else {
                *c
            }
        })
        .collect()
}

pub fn is_go_keyword(s: &str) -> bool {
    matches!(
        s,
        "break"
            | "case"
            | "chan"
            | "const"
            | "continue"
            | "default"
            | "defer"
            | "else"
            | "fallthrough"
            | "for"
            | "func"
            | "go"
            | "goto"
            | "if"
            | "import"
            | "interface"
            | "map"
            | "package"
            | "range"
            | "return"
            | "select"
            | "struct"
            | "switch"
            | "type"
            | "var"
    )
}

/// Go's predeclared identifiers: a parameter named `len` or `string` would shadow them.
const PREDECLARED: &[&str] = &[
    "any",
    "append",
    "bool",
    "byte",
    "cap",
    "clear",
    "close",
    "comparable",
    "complex",
    "complex128",
    "complex64",
    "copy",
    "delete",
    "error",
    "false",
    "float32",
    "float64",
    "imag",
    "int",
    "int16",
    "int32",
    "int64",
    "int8",
    "iota",
    "len",
    "make",
    "max",
    "min",
    "new",
    "nil",
    "panic",
    "print",
    "println",
    "real",
    "recover",
    "rune",
    "string",
    "true",
    "uint",
    "uint16",
    "uint32",
    "uint64",
    "uint8",
    "uintptr",
];

/// Packages generated code refers to (`C` is cgo's): a parameter with one of these names would
/// hide the package.
const PACKAGES: &[&str] = &[
    "C", "atomic", "context", "errors", "ferrogo", "iter", "maps", "rt", "runtime", "slices", "sync", "time",
    "unsafe",
];

/// Locals that generated function bodies declare: `r := C.sym(...)`, `v`, `err` in every body;
/// the others only in the bodies that need them (see `ferrogo-gen`'s `functions::body_locals`).
pub const BODY_LOCALS: &[&str] = &[
    "canceled", "chunk", "ctx", "err", "gate", "h", "items", "r", "scratch", "stop", "v", "yield",
];

/// Names a parameter or receiver must not take anywhere: Go keywords, predeclared identifiers
/// and the packages of generated code.
pub fn is_reserved(s: &str) -> bool {
    is_go_keyword(s) || PREDECLARED.contains(&s) || PACKAGES.contains(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_names_use_go_initialisms() {
        assert_eq!(go_exported("add"), "Add");
        assert_eq!(go_exported("parse_http_url"), "ParseHTTPURL");
        assert_eq!(go_exported("is_match"), "IsMatch");
        assert_eq!(go_exported("Counter"), "Counter");
        assert_eq!(go_exported("HttpClient"), "HTTPClient");
        assert_eq!(go_exported("find_utf8"), "FindUTF8");
        assert_eq!(go_exported("user_id"), "UserID");
        assert_eq!(go_exported("to_i64"), "ToI64");
        assert_eq!(go_exported("RegexSet"), "RegexSet");
        assert_eq!(go_exported("HTTPServer"), "HTTPServer");
    }

    #[test]
    fn plural_initialisms_keep_their_case() {
        assert_eq!(go_exported("type_ids"), "TypeIDs");
        assert_eq!(go_exported("urls"), "URLs");
        assert_eq!(go_exported("user_ids"), "UserIDs");
        assert_eq!(go_exported("http_urls"), "HTTPURLs");
        assert_eq!(go_exported("TypeIds"), "TypeIDs");
        assert_eq!(go_exported("https"), "HTTPS");
        assert_eq!(go_exported("apis_by_name"), "APIsByName");
        // Not plurals of an initialism: left alone.
        assert_eq!(go_exported("ends"), "Ends");
        assert_eq!(go_exported("items"), "Items");
        assert_eq!(go_local("type_ids"), "typeIDs");
        assert_eq!(go_local("ids"), "ids");
        assert_eq!(go_unexported("URLs"), "urls");
        assert_eq!(go_unexported("IDsByName"), "idsByName");
    }

    #[test]
    fn locals_avoid_keywords_and_predeclared_names() {
        assert_eq!(go_local("start_at"), "startAt");
        assert_eq!(go_local("type"), "type_");
        assert_eq!(go_local("len"), "len_");
        assert_eq!(go_local("url"), "url");
        assert_eq!(go_local("base_url"), "baseURL");
    }

    #[test]
    fn error_names() {
        assert_eq!(go_sentinel("Empty"), "ErrEmpty");
        assert_eq!(go_error_struct("Invalid"), "InvalidError");
        assert_eq!(go_error_struct("ParseError"), "ParseError");
    }

    #[test]
    fn unexported_names_lower_leading_initialisms() {
        assert_eq!(go_unexported("ConfigError"), "configError");
        assert_eq!(go_unexported("DBError"), "dbError");
        assert_eq!(go_unexported("URL"), "url");
        assert_eq!(go_unexported("HTTPServer"), "httpServer");
        assert_eq!(go_unexported("Counter"), "counter");
    }

    #[test]
    fn receivers() {
        let free = |_: &str| false;
        assert_eq!(go_receiver("Counter", free), "c");
        assert_eq!(go_receiver("RegexSet", free), "rs");
        assert_eq!(go_receiver("Resource", free), "r");
        // `r` is a generated local, `re` a parameter of a method.
        let taken = |n: &str| BODY_LOCALS.contains(&n) || n == "re";
        assert_eq!(go_receiver("Resource", taken), "res");
        assert_eq!(go_receiver("Int", free), "i");
        assert_eq!(go_receiver("Map", free), "m");
        assert_eq!(go_receiver("Value", |n: &str| BODY_LOCALS.contains(&n)), "va");
    }
}
