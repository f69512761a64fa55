#ifndef STEGCARVE_YARA_H
#define STEGCARVE_YARA_H

#include <stddef.h>
#include <stdint.h>

/// What a match reports to Swift, one call per item, in this order per matching rule:
/// `rule`, then `tag` for each tag, `meta` for each meta, `string` for the first matches of
/// each string. `context` is the caller's; the `const char *` arguments live only for the call.
typedef struct stegcarve_yara_visitor {
    void *context;
    void (*rule)(void *context, const char *identifier, const char *rule_namespace);
    void (*tag)(void *context, const char *tag);
    /// `type`: 1 integer, 2 string, 3 boolean (libyara's META_TYPE_*).
    void (*meta)(void *context, const char *identifier, int type, int64_t integer, const char *string);
    void (*string)(void *context, const char *identifier, uint64_t offset, int32_t length);
} stegcarve_yara_visitor;

/// Calls libyara's `yr_initialize` exactly once per process; returns its status (0 = success).
int stegcarve_yara_initialize(void);

/// Compiles rule texts. `names[i]` names `sources[i]` in error messages. On success returns
/// 0 and stores the compiled rules (release with `stegcarve_yara_destroy`); otherwise returns
/// the number of errors and writes the first ones, one per line, into `message`.
int stegcarve_yara_compile(const char *const *sources, const char *const *names, size_t count,
                           void **rules, char *message, size_t message_size);

/// Matches compiled rules against `length` bytes; returns libyara's status (0 = success,
/// 26 = timeout). Safe to call from several threads at once on the same rules (libyara allows
/// up to 32 concurrent scans of one rule set; callers bound concurrency below that).
int stegcarve_yara_scan(void *rules, const uint8_t *data, size_t length, int timeout_seconds,
                        int max_strings_per_rule, const stegcarve_yara_visitor *visitor);

/// Releases compiled rules.
void stegcarve_yara_destroy(void *rules);

#endif
