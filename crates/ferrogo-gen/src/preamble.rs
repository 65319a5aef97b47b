//! The cgo preamble: link flags, `#cgo noescape`/`nocallback`, and C mirrors of the Rust ABI
//! types in `crates/ferrogo/src/abi.rs` (FfiSlice, FfiVec, FfiError, FfiOption, Ret).

use crate::types::Helpers;
use crate::{static_lib_name, PLATFORMS};

pub fn preamble(
    crate_name: &str,
    native_libs: &[String],
    symbols: &[String],
    h: &Helpers,
    prototypes: &[String],
) -> Vec<String> {
    let mut out = Vec::new();
    let lib = static_lib_name(crate_name);
    for (goos, goarch, _) in PLATFORMS {
        out.push(format!(
            "#cgo {goos},{goarch} LDFLAGS: ${{SRCDIR}}/lib/{goos}_{goarch}/{lib} {}",
            native_libs.join(" ")
        ));
    }
    // No shim retains a Go pointer past the call or calls back into Go, so cgo may skip the
    // escape of arguments to the heap and the callback bookkeeping (Go >= 1.24).
    for s in symbols.iter().map(String::as_str).chain(["fg_error_free"]) {
        out.push(format!("#cgo noescape {s}"));
        out.push(format!("#cgo nocallback {s}"));
    }
    out.push("#include <stddef.h>".into());
    out.push("#include <stdint.h>".into());
    out.push(String::new());
    out.push("typedef struct { const uint8_t *ptr; size_t len; } fg_slice;".into());
    out.push("typedef struct { uint8_t *ptr; size_t len; size_t cap; } fg_vec;".into());
    // A list's address is an integer: Go memory passed to C must not hold Go pointers (ADR 0007).
    out.push("typedef struct { uintptr_t items; size_t n; size_t size; } fg_list;".into());
    out.push("typedef struct fg_error {".into());
    out.push("\tvoid (*free)(struct fg_error *);".into());
    out.push("\tuint32_t kind;".into());
    out.push("\tuint32_t variant;".into());
    out.push("\tconst uint8_t *data;".into());
    out.push("\tsize_t len;".into());
    out.push("} fg_error;".into());
    out.push("static inline void fg_error_free(fg_error *e) { e->free(e); }".into());
    out.push(
        "typedef struct { uint64_t calls, errors, panics, bytes_in, bytes_out, sampled, sum_ns; uint64_t hist[32]; } fg_fn_stats;"
            .into(),
    );
    out.push(String::new());
    out.extend(h.typedefs().cloned());
    out.extend(prototypes.iter().cloned());
    out
}
