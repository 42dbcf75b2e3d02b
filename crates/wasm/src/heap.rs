//! The wasm build's memory allocator: free lists by power-of-two size class.
//!
//! The standard library's allocator for wasm (dlmalloc) is 7 KB of code, a
//! tenth of the module. A widget allocates small strings and vectors, frees
//! them after each render, and allocates the same sizes again, so one free
//! list per power of two serves it with no splitting, merging or searching:
//! a block is taken from its list or carved from the end of the heap, and a
//! freed block goes back on its list. Memory is never returned to the
//! browser (wasm cannot shrink), and a size class only grows to the most
//! blocks it ever held at once, which the leak and soak tests watch.
//!
//! Single-threaded, as the wasm module is.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::null_mut;

const PAGE: usize = 65_536;
/// Size classes 2^0 … 2^31 (the smallest used is 8 bytes).
const CLASSES: usize = 32;

/// The allocator. Use one instance as the `#[global_allocator]`.
pub struct Heap {
    state: UnsafeCell<State>,
}

struct State {
    /// The first free block of each class (0: none); a free block holds the
    /// address of the next one.
    free: [usize; CLASSES],
    /// The unused end of the heap: `[bump, end)`.
    bump: usize,
    end: usize,
}

// SAFETY: the wasm module runs on one thread; nothing shares the heap.
unsafe impl Sync for Heap {}

impl Heap {
    /// An empty heap; it grows the wasm memory on first use.
    pub const fn new() -> Heap {
        Heap {
            state: UnsafeCell::new(State {
                free: [0; CLASSES],
                bump: 0,
                end: 0,
            }),
        }
    }
}

impl Default for Heap {
    fn default() -> Self {
        Heap::new()
    }
}

/// The size class of a block for `size` bytes aligned to `align`.
fn class(size: usize, align: usize) -> Option<usize> {
    let size = size.max(align).max(8);
    if size > 1 << 30 {
        return None;
    }
    Some(size.next_power_of_two().trailing_zeros() as usize)
}

/// Grows the memory by `pages`; the address of the new space.
fn grow(pages: usize) -> Option<usize> {
    let old = core::arch::wasm32::memory_grow(0, pages);
    (old != usize::MAX).then(|| old * PAGE)
}

unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: single-threaded, and no reference to the state outlives this call.
        let s = unsafe { &mut *self.state.get() };
        let Some(k) = class(layout.size(), layout.align()) else {
            return null_mut();
        };
        let Some(head) = s.free.get_mut(k) else {
            return null_mut();
        };
        if *head != 0 {
            let block = *head;
            // SAFETY: a free block of at least 8 bytes holds the next one's address.
            *head = unsafe { *(block as *const usize) };
            return block as *mut u8;
        }
        let size = 1usize << k;
        if size >= PAGE {
            // Whole pages, page-aligned: straight from the memory.
            return grow(size / PAGE).map_or(null_mut(), |at| at as *mut u8);
        }
        // Blocks are aligned to their size, so any alignment up to it holds.
        let mut at = (s.bump + size - 1) & !(size - 1);
        if at + size > s.end {
            let Some(fresh) = grow(1) else {
                return null_mut();
            };
            if fresh != s.end {
                s.bump = fresh;
            }
            s.end = fresh + PAGE;
            at = (s.bump + size - 1) & !(size - 1);
        }
        s.bump = at + size;
        at as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: single-threaded, and no reference to the state outlives this call.
        let s = unsafe { &mut *self.state.get() };
        let Some(head) = class(layout.size(), layout.align()).and_then(|k| s.free.get_mut(k))
        else {
            return;
        };
        // SAFETY: `ptr` is a block of this class (at least 8 bytes), no longer used.
        unsafe { *(ptr as *mut usize) = *head };
        *head = ptr as usize;
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Still the same class: the block already has room.
        if class(layout.size(), layout.align()) == class(new_size, layout.align()) {
            return ptr;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return null_mut();
        };
        // SAFETY: as GlobalAlloc's own default: a new block, the bytes copied, the old one freed.
        unsafe {
            let new = self.alloc(new_layout);
            if !new.is_null() {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
            new
        }
    }
}
