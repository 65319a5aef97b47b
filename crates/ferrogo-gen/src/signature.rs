//! A function's Go signature: its parameters and results as the generated package declares
//! them (the one description the generator and `ferrogo check` share), and the zero values its
//! early returns use.

use ferrogo_syntax::ir::{Crate, Function, Type};

use crate::go_names::param_name;
use crate::types::{go_type, go_zero};

/// A function's Go parameters (name, type) and result types, as the generated package declares
/// them: the one description the generator and `ferrogo check` share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoSignature {
    pub params: Vec<(String, String)>,
    pub results: Vec<String>,
}

impl GoSignature {
    /// `(a, b int64) (string, error)`: what follows the function's name.
    pub fn render(&self) -> String {
        match self.results.len() {
            0 => format!("({})", join_params(&self.params)),
            1 => format!("({}) {}", join_params(&self.params), self.results[0]),
            _ => format!("({}) ({})", join_params(&self.params), self.results.join(", ")),
        }
    }
}

/// The Go signature of `f` (receiver excluded).
pub fn go_signature(krate: &Crate, f: &Function) -> GoSignature {
    let mut params = Vec::new();
    if f.cancelable() || f.is_async {
        params.push(("ctx".into(), "context.Context".into()));
    }
    for a in f.args.iter().filter(|a| a.ty != Type::Cancel) {
        params.push((param_name(f, &a.name), go_type(krate, &a.ty)));
    }
    let results = if let Some(item) = f.iter_item() {
        // Errors travel inside the sequence, not beside it.
        vec![match f.returns_error() {
            true => format!("iter.Seq2[{}, error]", go_type(krate, item)),
            false => format!("iter.Seq[{}]", go_type(krate, item)),
        }]
    } else {
        let mut results = result_parts(krate, &f.ret.ok).0;
        if f.returns_error() {
            results.push("error".into());
        }
        results
    };
    GoSignature { params, results }
}

/// Go result types and zero values of a Rust return type.
pub fn result_parts(krate: &Crate, ty: &Type) -> (Vec<String>, Vec<String>) {
    match ty {
        Type::Unit => (vec![], vec![]),
        Type::Tuple(items) => (
            items.iter().map(|t| go_type(krate, t)).collect(),
            items.iter().map(|t| go_zero(krate, t)).collect(),
        ),
        Type::Option(inner) if matches!(**inner, Type::Tuple(_)) => {
            let (mut types, mut zeros) = result_parts(krate, inner);
            types.push("bool".into());
            zeros.push("false".into());
            (types, zeros)
        }
        Type::Option(inner) => (
            vec![go_type(krate, inner), "bool".into()],
            vec![go_zero(krate, inner), "false".into()],
        ),
        t => (vec![go_type(krate, t)], vec![go_zero(krate, t)]),
    }
}

/// `a, b int64, s string`: consecutive parameters of one type share it, as gofmt'd Go does.
pub fn join_params(params: &[(String, String)]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < params.len() {
        let mut j = i;
        while j + 1 < params.len() && params[j + 1].1 == params[i].1 {
            j += 1;
        }
        let names: Vec<&str> = params[i..=j].iter().map(|(n, _)| n.as_str()).collect();
        out.push(format!("{} {}", names.join(", "), params[i].1));
        i = j + 1;
    }
    out.join(", ")
}

/// The results of an early return: the zero values, then `err`.
pub fn with_err(zeros: &[String], err: &str) -> String {
    let mut v = zeros.to_vec();
    v.push(err.to_string());
    v.join(", ")
}
