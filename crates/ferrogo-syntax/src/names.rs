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
    if out.is_empty() || is_go_keyword(&out) || is_predeclared(&out) {
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
pub fn go_receiver(go_type: &str) -> String {
    let caps: String = go_type
        .chars()
        .filter(|c| c.is_ascii_uppercase())
        .take(2)
        .collect();
    let name = if caps.is_empty() {
        go_type.chars().take(1).collect()
    } else {
        caps.to_lowercase()
    };
    if is_go_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

fn go_word(word: &str) -> String {
    let upper = word.to_uppercase();
    if INITIALISMS.contains(&upper.as_str()) {
        return upper;
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
    // In `DBError` the run is `DBE`; its last letter starts the next word.
    let lower = match upper {
        n if n == chars.len() || n <= 1 => n,
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

/// Names a generated local must not shadow.
fn is_predeclared(s: &str) -> bool {
    matches!(
        s,
        "string"
            | "int"
            | "uint"
            | "byte"
            | "bool"
            | "error"
            | "len"
            | "cap"
            | "new"
            | "make"
            | "copy"
            | "append"
            | "nil"
            | "true"
            | "false"
            | "panic"
            | "close"
            | "min"
            | "max"
            | "unsafe"
            | "runtime"
            | "errors"
            | "ferrogo"
            | "rt"
            | "iter"
            | "context"
            | "r"
            | "err"
            | "res"
            | "out"
    )
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
        assert_eq!(go_receiver("Counter"), "c");
        assert_eq!(go_receiver("RegexSet"), "rs");
    }
}
