//! How the process asks glibc's allocator to hold memory: a briefing of thousands of
//! articles is analysed on several threads, and glibc's defaults keep much of what is freed
//! resident where no other thread can use it. Elsewhere these do nothing.

/// Allocations of 256 KiB or more are mapped on their own and unmapped when freed. glibc's
/// default raises that threshold each time such a block is freed, up to 32 MiB, after which
/// the large transient buffers (sorting a briefing's sentences, a story build's lists) are
/// carved from a thread's arena and stay resident after they are freed. Below 256 KiB are
/// the buffers of one article's tagging (some 100 bytes a token): mapped on their own, each
/// article would map, fault in and unmap them again.
///
/// A thread's arena gives back the free memory at its top once that passes 2 MiB (glibc's
/// default, once the threshold above is set, is 128 KiB): one article's working memory is
/// then kept from one article to the next instead of being given back and faulted in again
/// (a first opening of 10,000 articles made some 235,000 page faults, 62,000 with both).
/// [`give_back`] still returns all of it when the work is done. Called once, at start,
/// before any thread is started.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets the allocator's parameters; no other thread runs yet.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 2 * 1024 * 1024);
    }
}

/// Gives the memory freed so far back to the system: glibc keeps what a thread frees in that
/// thread's arena, where the other threads cannot use it, so without this what the taggers
/// let go stays resident while the stories are built on other threads.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
