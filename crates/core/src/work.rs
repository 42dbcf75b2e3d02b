//! A time-independent measure of work, for the host tests that check that
//! processing stays linear in the input (rule 50): the core's lookups add
//! the units they spend here, and the test build's allocator adds every
//! byte it hands out. Outside `cargo test` on the host it is nothing at
//! all: no counter, no code.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod counter {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    std::thread_local! {
        static UNITS: Cell<u64> = const { Cell::new(0) };
    }

    pub fn add(n: usize) {
        // `try_with`: the allocator may run while the thread is being torn down.
        let _ = UNITS.try_with(|u| u.set(u.get().saturating_add(n as u64)));
    }

    pub fn take() -> u64 {
        UNITS.with(|u| u.replace(0))
    }

    /// The system allocator, counting the bytes it allocates as work.
    pub struct Counting;

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout.size());
            // SAFETY: forwarded unchanged.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: forwarded unchanged.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            add(new_size);
            // SAFETY: forwarded unchanged.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static COUNTING: Counting = Counting;
}

/// Adds `n` units of work (host tests only; nothing otherwise).
#[inline(always)]
pub(crate) fn add(n: usize) {
    #[cfg(all(test, not(target_arch = "wasm32")))]
    counter::add(n);
    #[cfg(not(all(test, not(target_arch = "wasm32"))))]
    let _ = n;
}

/// The work counted on this thread since the last call (host tests only).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn take() -> u64 {
    counter::take()
}
