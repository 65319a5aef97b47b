//! The cgo preamble: link flags, `#cgo noescape`/`nocallback`, and C mirrors of the Rust ABI
//! types in `crates/ferrogo/src/abi.rs` (FfiSlice, FfiVec, FfiError, FfiOption, Ret).

use crate::platforms::{Library, PLATFORMS};
use crate::static_lib_name;
use crate::types::Helpers;

pub fn preamble(
    crate_name: &str,
    libraries: &[Library],
    symbols: &[String],
    h: &Helpers,
    prototypes: &[String],
    calls_back: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    if libraries.is_empty() {
        // Not built (`ferrogo generate`): where `ferrogo build` would put each library.
        let lib = static_lib_name(crate_name);
        for p in PLATFORMS {
            out.push(format!(
                "#cgo {},{} LDFLAGS: ${{SRCDIR}}/lib/{}/{lib} {}",
                p.goos,
                p.goarch,
                p.dir(),
                p.default_native_libs.join(" ")
            ));
        }
    }
    for l in libraries {
        out.push(format!(
            "#cgo {},{} LDFLAGS: ${{SRCDIR}}/{} {}",
            l.platform.goos,
            l.platform.goarch,
            l.path,
            l.native_libs.join(" ")
        ));
    }
    // No shim retains a Go pointer past the call, so cgo may skip the escape of arguments to
    // the heap (Go >= 1.24); and unless the crate calls Go code back (callbacks, func arguments,
    // which any call or a Close dropping a kept value may run), none calls into Go, so cgo may
    // skip the callback bookkeeping too.
    for s in symbols {
        out.push(format!("#cgo noescape {s}"));
        if !calls_back {
            out.push(format!("#cgo nocallback {s}"));
        }
    }
    out.extend(declarations(h));
    out.extend(prototypes.iter().cloned());
    out
}

/// The includes and typedefs: declarations only, which the `//export` file's preamble repeats.
pub fn declarations(h: &Helpers) -> Vec<String> {
    let base = [
        "#include <stddef.h>",
        "#include <stdint.h>",
        "",
        "typedef struct { const uint8_t *ptr; size_t len; } fg_slice;",
        "typedef struct { uint8_t *ptr; size_t len; size_t cap; } fg_vec;",
        // A list's address is an integer: Go memory passed to C must not hold Go pointers (ADR 0007).
        "typedef struct { uintptr_t items; size_t n; size_t size; } fg_list;",
        // Go copies an error and sets `done`; Rust frees it later (no second crossing).
        "typedef struct fg_error {",
        "\tuint32_t kind;",
        "\tuint32_t variant;",
        "\tconst uint8_t *data;",
        "\tsize_t len;",
        "\tuint32_t done;",
        "} fg_error;",
        "typedef struct { uint64_t calls, errors, panics, bytes_in, bytes_out, sampled, sum_ns; uint64_t hist[32]; } fg_fn_stats;",
        "",
    ];
    base.iter()
        .map(|l| l.to_string())
        .chain(h.typedefs().cloned())
        .collect()
}
