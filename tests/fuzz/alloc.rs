//! A counting global allocator: each thread's live bytes and their peak, so an input that allocates too much is a
//! finding.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Most bytes one input may hold allocated at once (1 GiB).
pub const LIMIT: usize = 1 << 30;

thread_local! {
    /// Bytes allocated and not yet freed by this thread (frees of another thread's memory can make it negative).
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The highest `LIVE` since the last [`reset_peak`].
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// The system allocator, counting. Install it in a binary with
/// `#[global_allocator] static A: fuzz::alloc::Counting = fuzz::alloc::Counting;`.
pub struct Counting;

fn add(bytes: isize) {
    // `try_with`: the thread-locals may be gone while a thread exits; those bytes are not counted.
    let _ = LIVE.try_with(|live| {
        let now = live.get() + bytes;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add(new_size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Starts measuring this thread's peak from its current live bytes.
pub fn reset_peak() {
    let now = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(now));
}

/// The most bytes this thread held above what it held at the last [`reset_peak`] (0 without the allocator).
pub fn peak_since_reset(start: isize) -> usize {
    (PEAK.with(Cell::get) - start).max(0) as usize
}

/// This thread's live bytes now.
pub fn live() -> isize {
    LIVE.with(Cell::get)
}
