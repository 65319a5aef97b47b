//! Tuple results: Go's multiple results (`(A, B)`, `(A, B, error)`), crossing as one C struct.

use super::Lower;
use crate::abi::{FfiTuple2, FfiTuple3, FfiTuple4};

macro_rules! tuple {
    ($abi:ident; $($t:ident $f:ident $i:tt),+) => {
        // SAFETY: `free` frees each element as its own `lower` allocated it.
        unsafe impl<$($t: Lower),+> Lower for ($($t,)+) {
            type Abi = $abi<$($t::Abi),+>;
            fn byte_len(abi: &Self::Abi) -> usize {
                0 $(+ $t::byte_len(&abi.$f))+
            }
            fn lower(self) -> Self::Abi {
                $abi { $($f: self.$i.lower()),+ }
            }
            unsafe fn free(abi: Self::Abi) {
                // SAFETY: each element came from its own `lower`.
                $(unsafe { $t::free(abi.$f) };)+
            }
            const CHECKED: bool = false $(|| $t::CHECKED)+;
            fn check(&self) -> Result<(), String> {
                $(self.$i.check()?;)+
                Ok(())
            }
        }
    };
}

tuple!(FfiTuple2; A f0 0, B f1 1);
tuple!(FfiTuple3; A f0 0, B f1 1, C f2 2);
tuple!(FfiTuple4; A f0 0, B f1 1, C f2 2, D f3 3);
