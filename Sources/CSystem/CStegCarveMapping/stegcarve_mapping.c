// See include/stegcarve_mapping.h.
#define _GNU_SOURCE
#include "stegcarve_mapping.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// One slot per live mapping: one per file being scanned at once, so a few per core.
#define SC_MAPPING_SLOTS 1024

typedef struct sc_mapping_slot {
    _Atomic uintptr_t base;    // 0 when free
    _Atomic size_t length;
    _Atomic int faulted;
} sc_mapping_slot;

static sc_mapping_slot slots[SC_MAPPING_SLOTS];
static struct sigaction previous_action;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static _Atomic int installed = 0;
static size_t page_size = 4096;

// Async-signal-safe: atomics, mmap and sigaction only.
static void sc_mapping_sigbus(int signal_number, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int index = 0; index < SC_MAPPING_SLOTS; index++) {
        uintptr_t base = atomic_load(&slots[index].base);
        if (base == 0 || address < base || address - base >= atomic_load(&slots[index].length)) continue;
        uintptr_t page = address & ~(uintptr_t)(page_size - 1);
        void *zero = mmap((void *)page, page_size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (zero == MAP_FAILED) break;
        atomic_store(&slots[index].faulted, 1);
        return;  // the faulting read is retried and now reads zeros
    }
    // Not ours: hand it on.
    if (previous_action.sa_flags & SA_SIGINFO) {
        if (previous_action.sa_sigaction != NULL) {
            previous_action.sa_sigaction(signal_number, info, context);
            return;
        }
    } else if (previous_action.sa_handler != SIG_DFL && previous_action.sa_handler != SIG_IGN) {
        previous_action.sa_handler(signal_number);
        return;
    }
    // Default action: restore it; returning re-executes the fault, which now terminates.
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGBUS, &fallback, NULL);
}

static void sc_mapping_install(void) {
    long size = sysconf(_SC_PAGESIZE);
    if (size > 0) page_size = (size_t)size;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = sc_mapping_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous_action) == 0) atomic_store(&installed, 1);
}

int sc_mapping_register(const void *base, size_t length) {
    if (base == NULL || length == 0) return -1;
    pthread_once(&install_once, sc_mapping_install);
    if (!atomic_load(&installed)) return -1;
    for (int index = 0; index < SC_MAPPING_SLOTS; index++) {
        uintptr_t expected = 0;
        if (atomic_compare_exchange_strong(&slots[index].base, &expected, (uintptr_t)1)) {
            // Claimed; publish the range (length first, so the handler never sees a stale one).
            atomic_store(&slots[index].faulted, 0);
            atomic_store(&slots[index].length, length);
            atomic_store(&slots[index].base, (uintptr_t)base);
            return index;
        }
    }
    return -1;
}

int sc_mapping_faulted(int slot) {
    if (slot < 0 || slot >= SC_MAPPING_SLOTS) return 0;
    return atomic_load(&slots[slot].faulted);
}

int sc_mapping_unregister(int slot) {
    if (slot < 0 || slot >= SC_MAPPING_SLOTS) return 0;
    int faulted = atomic_load(&slots[slot].faulted);
    atomic_store(&slots[slot].length, 0);
    atomic_store(&slots[slot].base, 0);
    return faulted;
}
