//! The WebAssembly build does not carry ranges yet: it refuses them by kind, naming the
//! function, instead of writing a package that would read them wrong.

use std::path::PathBuf;

#[test]
fn wasm_refuses_ranges_naming_the_function() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wasm_ranges");
    std::fs::create_dir_all(&dir).unwrap();
    let lib = dir.join("lib.rs");
    std::fs::write(
        &lib,
        "#[ferrogo::export]\npub fn span(n: u32) -> std::ops::Range<u32> { 0..n }\n\
         #[ferrogo::export]\npub fn width(r: std::ops::RangeInclusive<i64>) -> i64 { r.end() - r.start() }\n",
    )
    .unwrap();
    let krate = ferrogo_syntax::load::load_crate("wasm_ranges", &lib).unwrap_or_else(|_| panic!("loads"));
    let opts = ferrogo_gen::Options::new("pkg");
    let err = ferrogo_gen::generate_wasm(&krate, &opts, 0).expect_err("ranges are refused");
    assert!(err.contains("span (result kind Range)"), "{err}");
    assert!(err.contains("width (argument kind Range)"), "{err}");
    // The cgo package carries them.
    let go = ferrogo_gen::generate(&krate, &opts);
    assert!(format!("{go:?}").contains("ferrogo.Range[uint32]"));
}
