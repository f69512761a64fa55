// The only code that calls libyara: compiling, scanning and walking matches with libyara's
// own iteration macros (which Swift cannot import). Status codes cross into Swift; nothing
// else does.
#include "stegcarve_yara.h"

#if defined(STEGCARVE_YARA)
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <yara.h>

static pthread_once_t initialize_once = PTHREAD_ONCE_INIT;
static int initialize_status = -1;

static void initialize(void) { initialize_status = yr_initialize(); }

int stegcarve_yara_initialize(void) {
    pthread_once(&initialize_once, initialize);
    return initialize_status;
}

struct compile_errors {
    char *message;
    size_t size;
    size_t used;
    int count;
};

static void on_compile_message(int error_level, const char *file_name, int line_number,
                               const YR_RULE *rule, const char *text, void *user_data) {
    (void)rule;
    struct compile_errors *errors = user_data;
    if (error_level != YARA_ERROR_LEVEL_ERROR) return;
    errors->count += 1;
    if (errors->message == NULL || errors->used + 1 >= errors->size) return;
    int written = snprintf(errors->message + errors->used, errors->size - errors->used, "%s%s:%d: %s",
                           errors->used > 0 ? "\n" : "", file_name ? file_name : "rules", line_number, text);
    if (written > 0) {
        size_t room = errors->size - errors->used - 1;
        errors->used += (size_t)written < room ? (size_t)written : room;
    }
}

int stegcarve_yara_compile(const char *const *sources, const char *const *names, size_t count,
                           void **rules, char *message, size_t message_size) {
    *rules = NULL;
    if (message_size > 0) message[0] = '\0';
    struct compile_errors errors = {message, message_size, 0, 0};
    if (stegcarve_yara_initialize() != ERROR_SUCCESS) {
        if (message_size > 0) snprintf(message, message_size, "libyara failed to initialise");
        return 1;
    }
    YR_COMPILER *compiler = NULL;
    if (yr_compiler_create(&compiler) != ERROR_SUCCESS) {
        if (message_size > 0) snprintf(message, message_size, "libyara could not create a compiler");
        return 1;
    }
    yr_compiler_set_callback(compiler, on_compile_message, &errors);
    for (size_t index = 0; index < count; index++) {
        // Through a FILE so messages and relative `include`s name the rule file.
        FILE *file = fmemopen((void *)sources[index], strlen(sources[index]), "r");
        if (file == NULL) {
            errors.count += 1;
            if (message_size > 0) snprintf(message, message_size, "%s: cannot read the rule text", names[index]);
            break;
        }
        yr_compiler_add_file(compiler, file, NULL, names[index]);
        fclose(file);
        // After an error libyara refuses further input; report what failed so far.
        if (errors.count > 0) break;
    }
    if (errors.count == 0) {
        YR_RULES *compiled = NULL;
        if (yr_compiler_get_rules(compiler, &compiled) == ERROR_SUCCESS) {
            *rules = compiled;
        } else {
            errors.count = 1;
            if (message_size > 0) snprintf(message, message_size, "libyara could not build the compiled rules");
        }
    }
    yr_compiler_destroy(compiler);
    return errors.count;
}

struct scan_context {
    const stegcarve_yara_visitor *visitor;
    int max_strings;
};

static int on_scan_message(YR_SCAN_CONTEXT *context, int message, void *message_data, void *user_data) {
    if (message != CALLBACK_MSG_RULE_MATCHING) return CALLBACK_CONTINUE;
    const struct scan_context *scan = user_data;
    const stegcarve_yara_visitor *visitor = scan->visitor;
    YR_RULE *rule = message_data;
    visitor->rule(visitor->context, rule->identifier, rule->ns != NULL ? rule->ns->name : "default");
    const char *tag;
    yr_rule_tags_foreach(rule, tag) { visitor->tag(visitor->context, tag); }
    YR_META *meta;
    yr_rule_metas_foreach(rule, meta) {
        visitor->meta(visitor->context, meta->identifier, meta->type, meta->integer,
                      meta->type == META_TYPE_STRING ? meta->string : "");
    }
    int reported = 0;
    YR_STRING *string;
    yr_rule_strings_foreach(rule, string) {
        YR_MATCH *match;
        yr_string_matches_foreach(context, string, match) {
            if (reported >= scan->max_strings) break;
            visitor->string(visitor->context, string->identifier, (uint64_t)(match->base + match->offset), match->match_length);
            reported += 1;
            break;  // the first match of each string is enough for a reason line
        }
        if (reported >= scan->max_strings) break;
    }
    return CALLBACK_CONTINUE;
}

int stegcarve_yara_scan(void *rules, const uint8_t *data, size_t length, int timeout_seconds,
                        int max_strings_per_rule, const stegcarve_yara_visitor *visitor) {
    struct scan_context scan = {visitor, max_strings_per_rule};
    // SCAN_FLAGS_NO_TRYCATCH: libyara would otherwise swap its own SIGBUS/SIGSEGV handler in for
    // the length of each scan, process-wide. A file truncated under another thread's mapping then
    // faults into libyara's handler, which cannot repair it, and the read faults forever. With
    // the flag the mapping guard (CStegCarveMapping) stays in place and maps zeros instead.
    return yr_rules_scan_mem((YR_RULES *)rules, data, length, SCAN_FLAGS_NO_TRYCATCH, on_scan_message, &scan,
                             timeout_seconds);
}

void stegcarve_yara_destroy(void *rules) {
    if (rules != NULL) yr_rules_destroy((YR_RULES *)rules);
}

#else
// Built without libyara's headers (the YARA trait is off): StegCarve never calls these.
int stegcarve_yara_initialize(void) { return -1; }
int stegcarve_yara_compile(const char *const *sources, const char *const *names, size_t count,
                           void **rules, char *message, size_t message_size) {
    (void)sources; (void)names; (void)count;
    *rules = NULL;
    if (message_size > 0) message[0] = '\0';
    return 1;
}
int stegcarve_yara_scan(void *rules, const uint8_t *data, size_t length, int timeout_seconds,
                        int max_strings_per_rule, const stegcarve_yara_visitor *visitor) {
    (void)rules; (void)data; (void)length; (void)timeout_seconds; (void)max_strings_per_rule; (void)visitor;
    return -1;
}
void stegcarve_yara_destroy(void *rules) { (void)rules; }
#endif
