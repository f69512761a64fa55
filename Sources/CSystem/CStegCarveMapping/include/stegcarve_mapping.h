// Memory-mapped input that survives the file being truncated underneath it.
//
// Reading a page of a file mapping that lies past the file's current end raises SIGBUS,
// which kills the process. StegCarve maps only files it does not own (an attacker, or any
// other process, may truncate them while they are scanned), so every mapping is registered
// here. The SIGBUS handler, installed once, looks the faulting address up in the registry:
// inside a registered mapping it maps a zero-filled page over the vanished one, marks the
// mapping as faulted and returns, so the read is retried and yields zeros; the caller checks
// `sc_mapping_unregister`'s result and reports that the file shrank. Any other SIGBUS goes
// to the previous handler (or kills the process as before).
#ifndef STEGCARVE_MAPPING_H
#define STEGCARVE_MAPPING_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Registers `[base, base + length)`; returns a slot number, or -1 when the registry is
/// full or the handler could not be installed (the caller should then read, not map).
int sc_mapping_register(const void *base, size_t length);

/// Whether a read in the slot's mapping hit a vanished page so far.
int sc_mapping_faulted(int slot);

/// Unregisters the slot (before the caller unmaps); returns whether a read in it hit a
/// vanished page.
int sc_mapping_unregister(int slot);

#ifdef __cplusplus
}
#endif

#endif
