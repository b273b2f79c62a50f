#pragma once
// How the process's heap treats freed memory.

namespace nucleate {

/// Keeps freed heap memory in the process for the next allocation instead of
/// handing it back to the kernel. Per-frame work allocates the same large
/// arrays (neighbour lists, order parameters) frame after frame; by default
/// glibc serves them by mmap or trims them off the heap when freed, so every
/// frame faults all of their pages in again: measured here, a third of the
/// neighbour search at 32k atoms. Programs call this once at start; a library
/// user (e.g. the Python module) keeps the process's own policy. No effect
/// outside glibc.
void keep_freed_memory_for_reuse();

}  // namespace nucleate
