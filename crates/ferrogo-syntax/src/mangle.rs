//! Exported C symbol names, in one place: the macro defines them and the generator calls them.
//!
//! Every symbol carries the crate name, so two ferrogo libraries linked into one Go binary cannot
//! collide.

use crate::ir::{FnKind, Function};

/// The shim of an exported function, constructor or method.
pub fn function(crate_name: &str, f: &Function) -> String {
    match &f.kind {
        FnKind::Free => format!("ferrogo_{crate_name}_fn_{}", f.name),
        FnKind::Constructor { object } | FnKind::Method { object, .. } => {
            format!("ferrogo_{crate_name}_{object}_{}", f.name)
        }
    }
}

/// Frees what a function returned (owned buffers), after Go copied it.
pub fn free_return(crate_name: &str, f: &Function) -> String {
    format!("{}__free", function(crate_name, f))
}

/// Returns a function's call statistics.
pub fn stats(crate_name: &str, f: &Function) -> String {
    format!("{}__stats", function(crate_name, f))
}

/// Fetches the next chunk of an iterator a function returned.
pub fn iter_next(crate_name: &str, f: &Function) -> String {
    format!("{}__next", function(crate_name, f))
}

/// Frees a chunk Go finished copying.
pub fn iter_free(crate_name: &str, f: &Function) -> String {
    format!("{}__next_free", function(crate_name, f))
}

/// Drops an iterator a function returned.
pub fn iter_close(crate_name: &str, f: &Function) -> String {
    format!("{}__close", function(crate_name, f))
}

/// Returns the ABI checksum of one item.
pub fn checksum(crate_name: &str, item_symbol: &str) -> String {
    format!("ferrogo_{crate_name}_checksum_{item_symbol}")
}

/// Releases an object's handle (`Close` and the GC cleanup).
pub fn object_release(crate_name: &str, object: &str) -> String {
    format!("ferrogo_{crate_name}_{object}__release")
}

/// Releases a batch of handles (the garbage collector's cleanups, batched by Go).
pub fn object_release_many(crate_name: &str, object: &str) -> String {
    format!("ferrogo_{crate_name}_{object}__release_many")
}

/// Reads an object type's live-handle count (for `Stats`).
pub fn object_live(crate_name: &str, object: &str) -> String {
    format!("ferrogo_{crate_name}_{object}__live")
}

/// The key naming an item in checksum symbols: `fn_add`, `Counter_incr`, `record_Point`.
pub fn function_key(f: &Function) -> String {
    match f.object() {
        Some(object) => format!("{object}_{}", f.name),
        None => format!("fn_{}", f.name),
    }
}

/// The key of a type item in checksum symbols.
pub fn type_key(kind: &str, name: &str) -> String {
    format!("{kind}_{name}")
}

/// Rust: stores the table of Go functions implementing a callback trait (Go calls it at init).
pub fn callback_register(crate_name: &str, callback: &str) -> String {
    format!("ferrogo_{crate_name}_callback_{callback}__register")
}

/// Go (`//export`): one method of a callback trait, called by Rust with the value's handle.
pub fn callback_method(crate_name: &str, callback: &str, method: &str) -> String {
    format!("ferrogo_{crate_name}_go_{callback}_{method}")
}

/// Go (`//export`): releases a callback value Rust dropped.
pub fn callback_release(crate_name: &str, callback: &str) -> String {
    format!("ferrogo_{crate_name}_go_{callback}__release")
}

/// Rust: stores the Go function calling the func passed as argument `arg` of `f`.
pub fn closure_register(crate_name: &str, f: &Function, arg: &str) -> String {
    format!("{}__func_{arg}__register", function(crate_name, f))
}

/// Go (`//export`): calls the func passed as argument `arg` of `f`.
pub fn closure_call(crate_name: &str, f: &Function, arg: &str) -> String {
    format!("ferrogo_{crate_name}_go_{}__func_{arg}", function_key(f))
}
