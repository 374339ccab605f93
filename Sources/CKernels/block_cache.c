// A per-thread cache of freed heap blocks in front of glibc's malloc.
//
// Tiny networks make every op allocate a few short-lived blocks (its result, its shape, its
// backward closure), most of them 1–64 KiB: above what glibc's tcache keeps (7 blocks per size,
// up to 1 KiB), so each malloc/free pair went through _int_malloc/_int_free, bin unlinking and
// fastbin consolidation — 14% of a user-written LSTM training. Here `free` parks a block in a
// size class of its thread's cache and `malloc` takes it back, so a training step reuses the
// same blocks with a few instructions each.
//
// Every block is a glibc chunk: `malloc` rounds a miss up to its class size and gets it from
// glibc; `free` files a block under the largest class its usable size covers (so blocks from
// calloc, realloc or memalign are filed safely too) and hands it to glibc when the class or
// the thread's cache is full. realloc, calloc, memalign and friends stay glibc's and work on
// every block; malloc_usable_size reads the chunk header as glibc does, minus its in-use check. A thread's cache is returned to glibc when the thread exits.
// `SMR_BLOCK_CACHE=0` in the environment turns the cache off (e.g. for valgrind's tools); builds
// with a sanitizer that owns malloc (scripts/fuzz.sh) compile it out with -DSMR_NO_BLOCK_CACHE.
#define _GNU_SOURCE  // RTLD_NEXT
#include "CKernelsBench.h"
#include <stdlib.h>  // defines __GLIBC__ on glibc

#if defined(__GLIBC__) && defined(__linux__) && !defined(__SANITIZE_ADDRESS__) && !defined(SMR_NO_BLOCK_CACHE)
#include <dlfcn.h>
#include <malloc.h>
#include <pthread.h>
#include <string.h>

extern void *__libc_malloc(size_t size);
extern void __libc_free(void *ptr);

// Classes: 16-byte steps up to 1 KiB (1…64), then four per doubling up to 4 MiB.
#define SMALL_CLASSES 64
#define SMALL_LIMIT 1024
#define LARGE_LIMIT (4u << 20)
#define CLASSES (SMALL_CLASSES + 4 * 12 + 1)
// A class keeps up to 1 MiB of blocks (at least 2): a backward pass frees a whole episode's
// graph at once (thousands of same-size blocks) and the next episode allocates it again.
#define CLASS_BYTES (1u << 20)
#define MAX_THREAD_BYTES (64u << 20)

typedef struct Block { struct Block *next; } Block;

typedef struct {
    Block *heads[CLASSES];
    unsigned counts[CLASSES];
    size_t bytes;
    int registered;
} ThreadCache;

static __thread ThreadCache cache __attribute__((tls_model("initial-exec")));
static int enabled;  // 0 until the constructor ran (then pass-through before it)
static pthread_key_t exit_key;
static unsigned max_count[CLASSES];  // per class, from CLASS_BYTES

static inline int floor_log2(size_t n) { return 63 - __builtin_clzl(n); }

// The class whose size is the smallest ≥ n (n in 1…LARGE_LIMIT), and that size.
static inline int class_up(size_t n, size_t *size) {
    if (n <= SMALL_LIMIT) {
        int c = (int)((n + 15) >> 4);
        *size = (size_t)c << 4;
        return c;
    }
    int e = floor_log2(n - 1);               // 2^e < n ≤ 2^(e+1), e ≥ 10
    size_t step = (size_t)1 << (e - 2);
    int k = (int)(((n - 1) >> (e - 2)) + 1);  // 5…8
    *size = (size_t)k * step;
    return SMALL_CLASSES + (e - 10) * 4 + (k - 5) + 1;
}

// The class whose size is the largest ≤ usable (usable ≥ 16), or 0 for blocks above the
// cache's largest class.
static inline int class_down(size_t usable, size_t *size) {
    if (usable <= SMALL_LIMIT + 15) {
        int c = (int)(usable >> 4);
        if (c > SMALL_CLASSES) c = SMALL_CLASSES;
        *size = (size_t)c << 4;
        return c;
    }
    if (usable > LARGE_LIMIT + 4096) return 0;
    if (usable > LARGE_LIMIT) usable = LARGE_LIMIT;
    int e = floor_log2(usable);              // 2^e ≤ usable < 2^(e+1), e ≥ 10
    size_t step = (size_t)1 << (e - 2);
    int k = (int)(usable >> (e - 2));        // 4…7
    *size = (size_t)k * step;
    // k = 4 is 2^e itself: the top class of the doubling below (for e = 10, small class 64).
    if (k == 4) return SMALL_CLASSES + (e - 11) * 4 + 3 + 1;
    return SMALL_CLASSES + (e - 10) * 4 + (k - 5) + 1;
}

// The size of class c (1 … CLASSES-1): the inverse of class_up.
static inline size_t class_size(int c) {
    if (c <= SMALL_CLASSES) return (size_t)c << 4;
    int i = c - SMALL_CLASSES - 1;           // four classes per doubling from 2^10
    int e = 10 + i / 4, k = 5 + i % 4;
    return (size_t)k << (e - 2);
}

static void release_thread_cache(void *unused) {
    (void)unused;
    for (int c = 0; c < CLASSES; c++) {
        Block *b = cache.heads[c];
        while (b) {
            Block *next = b->next;
            __libc_free(b);
            b = next;
        }
        cache.heads[c] = NULL;
        cache.counts[c] = 0;
    }
    cache.bytes = 0;
    cache.registered = 0;  // a later free in this thread's exit registers again
}

__attribute__((constructor))
static void smr_block_cache_init(void) {
    const char *flag = getenv("SMR_BLOCK_CACHE");
    if (flag && strcmp(flag, "0") == 0) return;
    if (pthread_key_create(&exit_key, release_thread_cache) != 0) return;
    for (int c = 1; c < CLASSES; c++) {
        size_t count = CLASS_BYTES / class_size(c);
        max_count[c] = count < 2 ? 2 : (unsigned)count;
    }
    enabled = 1;
}

void *malloc(size_t n) {
    if (__builtin_expect(!enabled || n == 0 || n > LARGE_LIMIT, 0)) return __libc_malloc(n);
    size_t size;
    int c = class_up(n, &size);
    Block *b = cache.heads[c];
    if (b) {
        cache.heads[c] = b->next;
        cache.counts[c]--;
        cache.bytes -= size;
        return b;
    }
    return __libc_malloc(size);
}

// The usable size of a block from glibc: its chunk's size field minus the header, as
// malloc_usable_size computes it — which also reads the next chunk's header to check that the
// block is in use (it is: it is being freed), a second cache miss on a cold block.
static inline size_t block_usable_size(void *p) {
    size_t field = ((const size_t *)p)[-1];
    size_t chunk = field & ~(size_t)7;              // without PREV_INUSE, IS_MMAPPED, NON_MAIN_ARENA
    return (field & 2) ? chunk - 2 * sizeof(size_t)  // an mmapped chunk: two header words
                       : chunk - sizeof(size_t);     // the next chunk's prev_size word is usable
}

void free(void *p) {
    if (!p) return;
    if (__builtin_expect(!enabled, 0)) { __libc_free(p); return; }
    size_t size;
    int c = class_down(block_usable_size(p), &size);
    if (c == 0 || cache.counts[c] >= max_count[c] || cache.bytes + size > MAX_THREAD_BYTES) {
        __libc_free(p);
        return;
    }
    if (__builtin_expect(!cache.registered, 0)) {
        // The thread's first cached block: return the cache to glibc when the thread exits.
        cache.registered = 1;
        pthread_setspecific(exit_key, &cache);
    }
    Block *b = (Block *)p;
    b->next = cache.heads[c];
    cache.heads[c] = b;
    cache.counts[c]++;
    cache.bytes += size;
}

static size_t glibc_usable_size(void *p) {
    static size_t (*glibc)(void *);
    if (!glibc) glibc = (size_t (*)(void *))dlsym(RTLD_NEXT, "malloc_usable_size");
    return glibc ? glibc(p) : 0;
}

// Swift asks for every new array's usable size (its capacity): answered from the chunk's own
// header, without glibc's read of the next chunk's header (the same answer for a live block).
// With the cache off the blocks may not be glibc's (valgrind's heap tools): glibc's function.
size_t malloc_usable_size(void *p) {
    if (!p) return 0;
    if (__builtin_expect(!enabled, 0)) return glibc_usable_size(p);
    return block_usable_size(p);
}

unsigned long smr_block_usable_size(void *p) { return p ? block_usable_size(p) : 0; }
unsigned long smr_glibc_usable_size(void *p) { return glibc_usable_size(p); }

void smr_block_cache_stats(unsigned long *cached_bytes, unsigned long *cached_blocks, int *is_enabled) {
    unsigned long blocks = 0;
    for (int c = 0; c < CLASSES; c++) blocks += cache.counts[c];
    *cached_bytes = cache.bytes;
    *cached_blocks = blocks;
    *is_enabled = enabled;
}
#else
unsigned long smr_block_usable_size(void *p) { (void)p; return 0; }
unsigned long smr_glibc_usable_size(void *p) { (void)p; return 0; }

void smr_block_cache_stats(unsigned long *cached_bytes, unsigned long *cached_blocks, int *is_enabled) {
    *cached_bytes = 0;
    *cached_blocks = 0;
    *is_enabled = 0;
}
#endif
