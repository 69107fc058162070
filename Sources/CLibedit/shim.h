#ifndef KYNDIG_CLIBEDIT_SHIM_H
#define KYNDIG_CLIBEDIT_SHIM_H
// libedit's setup calls (el_set, el_get, history) are variadic, which Swift cannot call, and
// Swift 6 rejects the C globals stdin/stdout/stderr: these small wrappers give Swift fixed
// signatures. One wrapper per operation the tutor needs.
//
// The tutor uses libedit's wide-character interface (el_wgets, history_w): the line arrives as
// Unicode code points, so æ, ø and å survive whatever the byte encoding. libedit decodes the
// keyboard with the C library's locale, so the caller must setlocale(LC_CTYPE, "") before
// kyndig_el_init (libedit reads the codeset once, in el_init).
#include <stdio.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <histedit.h>

typedef wchar_t *(*kyndig_wprompt_fn)(EditLine *);
typedef unsigned char (*kyndig_command_fn)(EditLine *, int);

static inline EditLine *kyndig_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int kyndig_el_set_wprompt(EditLine *el, kyndig_wprompt_fn prompt) {
    return el_wset(el, EL_PROMPT, prompt);
}
static inline int kyndig_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}
static inline int kyndig_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}
static inline int kyndig_el_set_whistory(EditLine *el, HistoryW *h) {
    return el_wset(el, EL_HIST, history_w, h);
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
static inline HistoryW *kyndig_history_winit(int size) {
    HistEventW event;
    HistoryW *h = history_winit();
    if (h) {
        history_w(h, &event, H_SETSIZE, size);
        history_w(h, &event, H_SETUNIQUE, 1);
    }
    return h;
}
static inline void kyndig_history_wenter(HistoryW *h, const wchar_t *line) {
    HistEventW event;
    history_w(h, &event, H_ENTER, line);
}
static inline int kyndig_history_wload(HistoryW *h, const char *path) {
    HistEventW event;
    return history_w(h, &event, H_LOAD, path);
}
static inline int kyndig_history_wsave(HistoryW *h, const char *path) {
    HistEventW event;
    return history_w(h, &event, H_SAVE, path);
}

// Ctrl-C while editing arrives as a plain character (ISIG off in libedit's edit mode) and is
// bound to a tutor function that clears the line; outside editing the terminal is untouched.
static inline int kyndig_el_disable_isig(EditLine *el) {
    return el_set(el, EL_SETTY, "-d", "-isig", NULL);
}

// The locale's character encoding ("UTF-8", "ANSI_X3.4-1968" for LANG=C), after setlocale.
// CODESET is an enum constant in glibc's langinfo.h that Swift does not import portably.
static inline const char *kyndig_locale_codeset(void) {
    return nl_langinfo(CODESET);
}
#endif
