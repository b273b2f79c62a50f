#include "core/heap_policy.h"

#include <cstdlib>  // defines __GLIBC__ under glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace nucleate {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
  // mallopt(3): with no mmap'ed chunks every block comes from the heap and
  // coalesces there when freed; a trim threshold of 1 GiB keeps the top of
  // the heap mapped between frames.
  mallopt(M_MMAP_MAX, 0);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

}  // namespace nucleate
