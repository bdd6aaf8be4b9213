// The one C header Decision Hub sees of ncurses.
//
// SwiftPM drops the -D flags that pkg-config reports, so the wide-character
// API has to be switched on here, before curses.h is read.
#ifndef DECISION_HUB_CNCURSES_SHIM_H
#define DECISION_HUB_CNCURSES_SHIM_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Function-like macros and globals are not visible to Swift 6: one inline
// wrapper each, named after what it wraps.

// stdscr is a global variable (mutable shared state in Swift 6's eyes).
static inline WINDOW *dh_stdscr(void) { return stdscr; }
// LINES and COLS are globals updated by ncurses on resize.
static inline int dh_lines(void) { return LINES; }
static inline int dh_cols(void) { return COLS; }
// COLOR_PAIR is a macro.
static inline attr_t dh_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
// The A_* attributes are built by the NCURSES_BITS macro.
static inline attr_t dh_a_normal(void) { return A_NORMAL; }
static inline attr_t dh_a_bold(void) { return A_BOLD; }
static inline attr_t dh_a_reverse(void) { return A_REVERSE; }
static inline attr_t dh_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dh_a_blink(void) { return A_BLINK; }
static inline attr_t dh_a_dim(void) { return A_DIM; }
// COLORS and COLOR_PAIRS are globals set by start_color().
static inline int dh_colors(void) { return COLORS; }
static inline int dh_color_pairs(void) { return COLOR_PAIRS; }
// ERR and OK are macros of a type Swift imports poorly.
static inline int dh_err(void) { return ERR; }
// The KEY_* codes are plain integers, but keep them beside the others.
static inline int dh_key_resize(void) { return KEY_RESIZE; }
static inline int dh_key_code_yes(void) { return KEY_CODE_YES; }
// setcchar takes a wchar_t array; build a one-character cell without the
// caller having to spell wchar_t pointers in Swift.
static inline int dh_mvadd_wch(int y, int x, unsigned int ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2];
    text[0] = (wchar_t)ch;
    text[1] = L'\0';
    if (setcchar(&cell, text, attrs, pair, NULL) == ERR) return ERR;
    return mvwadd_wch(stdscr, y, x, &cell);
}
// get_wch writes a wint_t; return the key and whether it was a function key.
static inline int dh_get_wch(unsigned int *out) {
    wint_t ch = 0;
    int rc = get_wch(&ch);
    *out = (unsigned int)ch;
    return rc;
}
// The mouse: BUTTON*_ masks are function-like macros Swift cannot import. Clicks and the
// wheel only (no motion reports), delivered at once (no click interval).
static inline int dh_mouse_on(void) {
    mouseinterval(0);
    mmask_t want = BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED;
    return mousemask(want, NULL) != 0;
}
static inline int dh_key_mouse(void) { return KEY_MOUSE; }
// One mouse event: its cell and what happened (1 click, 4 wheel up, 5 wheel down, 0 other).
static inline int dh_get_mouse(int *x, int *y) {
    MEVENT e;
    if (getmouse(&e) != OK) return -1;
    *x = e.x;
    *y = e.y;
    if (e.bstate & BUTTON1_PRESSED) return 1;
    if (e.bstate & BUTTON4_PRESSED) return 4;
    if (e.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
// nl_langinfo(CODESET) tells whether the locale speaks UTF-8.
static inline const char *dh_codeset(void) { return nl_langinfo(CODESET); }

#endif
