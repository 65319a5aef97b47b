//! `#[ferrogo::object]`: the handle registry, how calls reach the value (shared, exclusive or
//! by value), and objects as arguments (borrowed `&T` or consumed `T`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use ferrogo_syntax::{ir, mangle};

pub fn impls(crate_name: &str, o: &ir::Object) -> TokenStream {
    let rt = quote!(::ferrogo::__private);
    let name = format_ident!("{}", o.name);
    let type_name = &o.name;
    let poison = o.poison;
    let release = format_ident!("{}", mangle::object_release(crate_name, &o.name));
    let release_many = format_ident!("{}", mangle::object_release_many(crate_name, &o.name));
    let live = format_ident!("{}", mangle::object_live(crate_name, &o.name));
    quote! {
        const _: () = #rt::assert_object_is_send::<#name>();

        impl #rt::Object for #name {
            const NAME: &'static str = #type_name;
            const POISON: bool = #poison;
            // Not `Sync`: every call holds the object alone (a mutex, not a read-write lock).
            const EXCLUSIVE: bool = {
                #[allow(unused_imports)]
                use #rt::NotSync as _;
                !#rt::Probe::<#name>::SYNC
            };
            fn registry() -> &'static #rt::Registry<Self> {
                static REGISTRY: #rt::Registry<#name> = #rt::Registry::new();
                &REGISTRY
            }
        }

        // SAFETY: the handle owns nothing on the Go side; the registry owns the value.
        unsafe impl #rt::Lower for #name {
            type Abi = u64;
            fn lower(self) -> u64 {
                <#name as #rt::Object>::registry().insert(self)
            }
        }

        // SAFETY: reads nothing but the handle; the registry checks it.
        unsafe impl #rt::Lift for #name {
            type Abi = u64;
            unsafe fn lift(handle: u64) -> ::core::result::Result<Self, #rt::LiftError> {
                #rt::take_arg::<#name>(handle)
            }
        }

        // SAFETY: as above; the holder pins the object for the call.
        unsafe impl #rt::LiftRef for #name {
            type Abi = u64;
            type Holder = #rt::ObjectRef<#name>;
            unsafe fn lift_ref(handle: u64) -> ::core::result::Result<Self::Holder, #rt::LiftError> {
                #rt::ObjectRef::pin(handle)
            }
            fn get(holder: &Self::Holder) -> &Self {
                holder.get()
            }
        }

        impl #rt::Receiver for #name {
            type Abi = u64;
            #[inline]
            fn shared<R>(
                handle: u64,
                body: impl FnOnce(&Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::shared::<Self, R, false>(handle, body)
            }
            fn owned<R>(
                handle: u64,
                body: impl FnOnce(Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::owned::<Self, R, false>(handle, body)
            }
            #[inline]
            fn shared_or_busy<R>(
                handle: u64,
                body: impl FnOnce(&Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::shared::<Self, R, true>(handle, body)
            }
            fn owned_or_busy<R>(
                handle: u64,
                body: impl FnOnce(Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::owned::<Self, R, true>(handle, body)
            }
        }

        impl #rt::ExclusiveReceiver for #name {
            fn exclusive<R>(
                handle: u64,
                body: impl FnOnce(&mut Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::exclusive::<Self, R, false>(handle, body)
            }
            fn exclusive_or_busy<R>(
                handle: u64,
                body: impl FnOnce(&mut Self) -> ::core::result::Result<R, #rt::CallError>,
            ) -> ::core::result::Result<R, #rt::CallError> {
                #rt::object::exclusive::<Self, R, true>(handle, body)
            }
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #release(handle: u64) -> u8 {
            #rt::release::<#name>(handle)
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        /// # Safety
        /// `handles` and `released` are valid for `n` elements, for the call.
        pub unsafe extern "C" fn #release_many(handles: *const u64, released: *mut u8, n: usize) {
            // SAFETY: forwarded from Go, which passes its slices' data and length.
            unsafe { #rt::release_many::<#name>(handles, released, n) }
        }

        #[doc(hidden)]
        #[unsafe(no_mangle)]
        pub extern "C" fn #live() -> u64 {
            <#name as #rt::Object>::registry().live()
        }
    }
}
