//! What the Go side of a WebAssembly build (`go/rt/wasmrt`) needs from the module besides the
//! shims: guest memory to copy arguments into, and the last panic, which Go reads from memory
//! after the instance trapped (panics abort on wasm32: there is no unwinding to catch, ADR 0018).

use std::alloc::Layout;

/// Allocates `size` bytes aligned to `align` in guest memory, for Go to write arguments into.
/// Returns 0 for size 0 or an invalid layout.
#[no_mangle]
pub extern "C" fn ferrogo_wasm_alloc(size: usize, align: usize) -> *mut u8 {
    match Layout::from_size_align(size, align.max(1)) {
        // SAFETY: the layout has a non-zero size.
        Ok(layout) if size > 0 => unsafe { std::alloc::alloc(layout) },
        _ => std::ptr::null_mut(),
    }
}

/// Frees what [`ferrogo_wasm_alloc`] returned, with the same size and alignment.
///
/// # Safety
/// `ptr` came from `ferrogo_wasm_alloc(size, align)` and is freed once.
#[no_mangle]
pub unsafe extern "C" fn ferrogo_wasm_free(ptr: *mut u8, size: usize, align: usize) {
    if ptr.is_null() || size == 0 {
        return;
    }
    // SAFETY: forwarded from the caller: the same layout `ferrogo_wasm_alloc` accepted.
    unsafe { std::alloc::dealloc(ptr, Layout::from_size_align_unchecked(size, align.max(1))) }
}

/// Where the last panic's payload is: `[address, length]` of bytes encoded as a Panic error's
/// payload (message, file, line, column, backtrace), or `[0, 0]`. A static, so Go can read it
/// from memory after the trap without calling into the broken instance.
static mut PANIC: [u32; 2] = [0, 0];
/// The payload `PANIC` points at (kept alive until the next panic replaces it).
static mut PANIC_BYTES: Vec<u8> = Vec::new();

/// The address of the `[address, length]` pair above; Go asks once, after instantiating.
#[no_mangle]
pub extern "C" fn ferrogo_wasm_panic_slot() -> *const [u32; 2] {
    &raw const PANIC
}

/// Records a panic for Go before the module aborts (called by the panic hook).
pub(crate) fn publish_panic(message: &str, file: &str, line: u32, column: u32) {
    let mut enc = crate::abi::Encoder::default();
    enc.str(message).str(file).u32(line).u32(column).str("");
    // SAFETY: wasm32-unknown-unknown runs one thread; nothing else touches these statics, and
    // Go reads them only after the call returned or trapped.
    unsafe {
        let bytes = &mut *(&raw mut PANIC_BYTES);
        *bytes = enc.0;
        let slot = &mut *(&raw mut PANIC);
        *slot = [bytes.as_ptr() as u32, bytes.len() as u32];
    }
}
