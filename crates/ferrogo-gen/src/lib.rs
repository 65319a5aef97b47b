//! ferrogo's Go writer: IR -> one idiomatic cgo file per crate. The output is plain Go text;
//! callers run gofmt over it (the CLI does) so it reads like hand-written code.

mod asyncs;
mod busy;
mod call;
mod callbacks;
mod closures;
mod contract;
mod customs;
mod docs;
mod errors;
mod exports;
mod functions;
mod fuzz;
mod fuzz_values;
mod go_names;
mod handlers;
mod lift;
mod lower;
mod objects;
mod plan;
mod platforms;
mod preamble;
mod ranges;
mod records;
mod shims;
mod signature;
mod stats;
mod sum_types;
mod types;
mod wasm;
mod writer;

use ferrogo_syntax::ir::{Crate, Item};
use ferrogo_syntax::{checksums, mangle};

pub use customs::resolve as resolve_customs;
pub use fuzz::generate_fuzz;
pub use platforms::{
    missing_file_prefix, missing_library_files, platform, platform_of_triple, Library, Platform, PLATFORMS,
};
pub use signature::{go_signature, GoSignature};
pub use types::go_type;
use types::Helpers;
pub use wasm::{generate_wasm, wasm_file_name, wasm_module_path};
use writer::Writer;

/// What the generator needs besides the IR.
pub struct Options {
    /// Go package name.
    pub package: String,
    /// Whether to write the package doc comment (off when the package has its own doc.go).
    pub package_doc: bool,
    /// The static libraries the package links, one per platform, when `ferrogo build` built
    /// them. Without any (`ferrogo generate`), the package names a library for every platform
    /// with the native libraries rustc usually reports there.
    pub libraries: Vec<Library>,
}

impl Options {
    pub fn new(package: impl Into<String>) -> Options {
        Options {
            package: package.into(),
            package_doc: true,
            libraries: Vec::new(),
        }
    }
}

/// The static library file a crate builds to.
pub fn static_lib_name(crate_name: &str) -> String {
    format!("lib{crate_name}.a")
}

/// The name of the generated file in the package directory.
pub fn file_name(crate_name: &str) -> String {
    format!("{crate_name}_ferrogo.go")
}

/// The name of the generated fuzz test file in the package directory.
pub fn fuzz_file_name(crate_name: &str) -> String {
    format!("{crate_name}_ferrogo_fuzz_test.go")
}

pub(crate) struct Context<'a> {
    pub krate: &'a Crate,
    pub package: &'a str,
}

/// Generates the Go source (not yet gofmt'd) for `krate`.
pub fn generate(written: &Crate, opts: &Options) -> String {
    generate_files(written, opts).package
}

/// The Go files of a package (not yet gofmt'd).
pub struct GoFiles {
    /// `<crate>_ferrogo.go`.
    pub package: String,
    /// `<crate>_ferrogo_callbacks.go`: the `//export`ed functions Rust calls back, when the
    /// crate has callback traits or func arguments.
    pub callbacks: Option<String>,
}

/// The callbacks file's name for a crate.
pub fn callbacks_file_name(crate_name: &str) -> String {
    format!("{crate_name}_ferrogo_callbacks.go")
}

/// Generates every Go file of the package for `krate`.
pub fn generate_files(written: &Crate, opts: &Options) -> GoFiles {
    let resolved = customs::resolve(written);
    let krate = &resolved;
    let cx = Context {
        krate,
        package: &opts.package,
    };
    let mut h = Helpers::default();
    let mut prototypes = Vec::new();
    let mut symbols = Vec::new();
    let mut body = Writer::default();

    // Types first, in source order (records with their methods), then functions, then objects
    // with their methods.
    for item in &krate.items {
        match item {
            Item::Record(r) => {
                records::emit_record(&cx, r, &mut body);
                for f in krate.functions().filter(|f| f.object() == Some(r.name.as_str())) {
                    prototypes.extend(shims::prototypes(&cx, f, &mut h));
                    symbols.extend(shims::symbols(&cx, f));
                    functions::emit(&cx, f, &mut body, &mut h);
                }
            }
            Item::Enum(e) if e.has_data() => sum_types::emit(&cx, e, &mut body),
            Item::Enum(e) => records::emit_enum(&cx, e, &mut body, &mut h),
            Item::Error(e) => errors::emit(&cx, e, &mut body, &mut h),
            _ => {}
        }
    }
    for item in &krate.items {
        if let Item::Function(f) = item {
            prototypes.extend(shims::prototypes(&cx, f, &mut h));
            symbols.extend(shims::symbols(&cx, f));
            functions::emit(&cx, f, &mut body, &mut h);
        }
    }
    // Go code Rust calls: callback traits, then func arguments.
    let mut exports = Vec::new();
    let mut registrations = Vec::new();
    for c in krate.callbacks() {
        let (e, r) = callbacks::emit(&cx, c, &mut body, &mut h);
        exports.extend(e);
        registrations.extend(r);
    }
    for f in krate.functions() {
        let (e, r) = closures::emit(&cx, f, &mut body, &mut h);
        exports.extend(e);
        registrations.extend(r);
    }
    // Go code that Rust calls during a Go call (callbacks, funcs) forbids `nocallback`; the
    // wake of async calls comes from Rust's own threads, which does not.
    let calls_back = !exports.is_empty();
    if let Some((e, r)) = asyncs::emit_support(&cx, &mut body) {
        exports.push(e);
        registrations.extend(r);
    }
    for item in &krate.items {
        if let Item::Object(o) = item {
            prototypes.extend(objects::prototypes(&cx, o));
            symbols.extend(objects::symbols(&cx, o));
            objects::emit(&cx, o, &mut body, &mut h);
            for f in krate.functions().filter(|f| f.object() == Some(o.name.as_str())) {
                prototypes.extend(shims::prototypes(&cx, f, &mut h));
                symbols.extend(shims::symbols(&cx, f));
                functions::emit(&cx, f, &mut body, &mut h);
            }
        }
    }

    // ABI checksums, checked in init: of the items as written (the macro's view).
    let mut sums = Vec::new();
    for item in &written.items {
        for (symbol, value) in checksums(&krate.name, item) {
            prototypes.push(format!("uint64_t {symbol}(void);"));
            let key = symbol
                .trim_start_matches(&mangle::checksum(&krate.name, ""))
                .to_string();
            sums.push((key, symbol, value));
        }
    }

    let mut w = Writer::default();
    w.line(format!(
        "// Code generated by ferrogo from the Rust crate {}. DO NOT EDIT.",
        krate.name
    ));
    // Go caches builds and test results by source, not by the libraries #cgo LDFLAGS name:
    // these lines change with the libraries, so a rebuilt library is never hidden by a cache.
    for lib in &opts.libraries {
        w.line(format!("// Links {} (checksum {:016x}).", lib.path, lib.checksum));
    }
    w.blank();
    // Without cgo the package cannot call Rust: the file that says so applies instead.
    w.line("//go:build cgo");
    w.blank();
    if opts.package_doc {
        w.comment(&[format!(
            "Package {} exposes the Rust crate {} to Go. It was generated by ferrogo.",
            opts.package, krate.name
        )]);
    }
    w.line(format!("package {}", opts.package));
    w.blank();
    prototypes.extend(exports.iter().map(|e| e.prototype()));
    prototypes.extend(h.c_helpers().cloned());
    w.line("/*");
    for line in preamble::preamble(
        &krate.name,
        &opts.libraries,
        &symbols,
        &h,
        &prototypes,
        calls_back,
    ) {
        w.raw(line);
    }
    w.line("*/");
    w.line("import \"C\"");
    w.blank();
    let mut imports: Vec<&str> = h.imports.iter().copied().collect();
    imports.push("unsafe");
    imports.sort();
    imports.dedup();
    w.line("import (");
    for i in &imports {
        w.line(format!("\"{i}\""));
    }
    w.blank();
    w.line("\"github.com/ferrogo/ferrogo/go\"");
    w.line("\"github.com/ferrogo/ferrogo/go/rt\"");
    w.line(")");
    w.blank();
    w.line("func init() {");
    w.line(format!("ferrogo.RegisterPackage(\"{}\", Stats)", opts.package));
    w.line(format!(
        "rt.CheckABI(\"{}\", \"{}\", []rt.Checksum{{",
        opts.package,
        static_lib_name(&krate.name)
    ));
    for (key, symbol, value) in &sums {
        w.line(format!(
            "{{Item: \"{key}\", Library: uint64(C.{symbol}()), Package: {value:#x}}},"
        ));
    }
    w.line("})");
    if !registrations.is_empty() {
        // Where Rust finds the Go functions it calls back.
        for r in &registrations {
            w.line(r);
        }
    }
    w.line("}");
    w.blank();
    w.comment(&[
        "takeError copies an error from Rust into a Go error, then tells Rust it may free its copy."
            .to_string(),
    ]);
    w.line("func takeError(e *C.fg_error, fn string, user rt.UserDecoder) error {");
    w.line("err := rt.DecodeError(fn, uint32(e.kind), uint32(e.variant), unsafe.Slice((*byte)(unsafe.Pointer(e.data)), int(e.len)), user)");
    w.line("rt.ErrorDone((*uint32)(unsafe.Pointer(&e.done)))");
    w.line("return err");
    w.line("}");
    w.blank();
    stats::emit(&cx, &mut w);
    let mut out = w.finish();
    out.push_str(&body.finish());
    for f in h.funcs() {
        out.push_str(f);
        out.push_str("\n\n");
    }
    let callbacks = (!exports.is_empty())
        .then(|| exports::exports_file(krate, &opts.package, &preamble::declarations(&h), &exports));
    GoFiles {
        package: out,
        callbacks,
    }
}
