//! Arguments borrowed for the call: `&Record` (lifted like a value, then borrowed) and `&Object`
//! (pinned through its handle), also inside `Option` and `Vec`. The shim keeps what
//! [`LiftRef::lift_ref`] returns alive for the call and passes borrows of it.

use super::lists::read_list;
use super::Lift;
use crate::__private::error::LiftError;
use crate::abi::{FfiList, FfiOption};

/// A type an argument can borrow (`&T`). Implemented by `#[ferrogo::record]` (and enums) and
/// `#[ferrogo::object]`.
///
/// # Safety
/// As for [`Lift`]: `lift_ref` only reads memory that `abi` describes.
#[diagnostic::on_unimplemented(
    message = "`&{Self}` cannot be passed from Go",
    label = "not a ferrogo record or object",
    note = "add `#[ferrogo::record]` (plain data, copied in) or `#[ferrogo::object]` (a handle) to `{Self}`; for a type of another crate, wrap it in one of yours"
)]
pub unsafe trait LiftRef: Sized + 'static {
    type Abi: Copy;
    /// What the call keeps alive to borrow `Self` from.
    type Holder;
    /// # Safety
    /// See the trait.
    unsafe fn lift_ref(abi: Self::Abi) -> Result<Self::Holder, LiftError>;
    fn get(holder: &Self::Holder) -> &Self;
}

/// Records borrow a copy lifted for the call.
///
/// # Safety
/// As for [`Lift::lift`].
pub unsafe fn lift_record_ref<T: Lift>(abi: T::Abi) -> Result<T, LiftError> {
    // SAFETY: forwarded from the caller.
    unsafe { T::lift(abi) }
}

/// `Option<&T>`: `None` when Go passed nil.
///
/// # Safety
/// As for [`LiftRef::lift_ref`].
pub unsafe fn lift_ref_opt<T: LiftRef>(abi: FfiOption<T::Abi>) -> Result<Option<T::Holder>, LiftError> {
    if abi.is_some == 0 {
        return Ok(None);
    }
    // SAFETY: Go sets `is_some` only with a value; forwarded from the caller.
    unsafe { T::lift_ref(abi.value.assume_init()) }.map(Some)
}

/// `Vec<&T>`: each element pinned or lifted; an error names the element (`arg[2]`).
///
/// # Safety
/// `abi` is a list of `T::Abi` values Go keeps alive for the call.
pub unsafe fn lift_ref_vec<T: LiftRef>(abi: FfiList) -> Result<Vec<T::Holder>, LiftError> {
    // SAFETY: forwarded from the caller.
    let items = unsafe { read_list::<T::Abi>(abi) }?;
    items
        .iter()
        .enumerate()
        // SAFETY: each element is a value Go built for `T`.
        .map(|(i, item)| unsafe { T::lift_ref(*item) }.map_err(|e| e.in_element(i)))
        .collect()
}
