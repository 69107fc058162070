#ifndef KYNDIG_CLIBEDIT_SHIM_H
#define KYNDIG_CLIBEDIT_SHIM_H
// libedit's setup calls (el_set, el_get, history) are variadic, which Swift cannot call, and
// Swift 6 rejects the C globals stdin/stdout/stderr: these small wrappers give Swift fixed
// signatures. One wrapper per operation the tutor needs.
#include <stdio.h>
#include <histedit.h>

typedef char *(*kyndig_prompt_fn)(EditLine *);
typedef unsigned char (*kyndig_command_fn)(EditLine *, int);

static inline EditLine *kyndig_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int kyndig_el_set_prompt(EditLine *el, kyndig_prompt_fn prompt) {
    return el_set(el, EL_PROMPT, prompt);
}
static inline int kyndig_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int kyndig_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}
static inline int kyndig_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}
static inline int kyndig_el_add_function(EditLine *el, const char *name, const char *help, kyndig_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int kyndig_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, NULL);
}
static inline int kyndig_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}
static inline void *kyndig_el_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline History *kyndig_history_init(int size) {
    HistEvent event;
    History *h = history_init();
    if (h) {
        history(h, &event, H_SETSIZE, size);
        history(h, &event, H_SETUNIQUE, 1);
    }
    return h;
}
static inline void kyndig_history_enter(History *h, const char *line) {
    HistEvent event;
    history(h, &event, H_ENTER, line);
}
static inline int kyndig_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}
static inline int kyndig_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

// Ctrl-C while editing arrives as a plain character (ISIG off in libedit's edit mode) and is
// bound to a tutor function that clears the line; outside editing the terminal is untouched.
static inline int kyndig_el_disable_isig(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-isig", NULL);
}
#endif
