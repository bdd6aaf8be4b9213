/* The baseline for bytes per frame: draws the console's two screens (written by
 * `decision-hub debug frame-bytes`) with ncurses directly, the first in full, then only the
 * cells that changed, and reports the bytes each costs. Same terminal type, size and pairs.
 * Build and run:
 *   cc -O2 -o /tmp/frame_bytes_baseline benchmarks/frame_bytes_baseline.c -lncursesw
 *   /tmp/frame_bytes_baseline /tmp/decision-hub-frames 200 60
 */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int y, x; unsigned cp; unsigned long attrs; int pair; } cell_t;

static cell_t *load(const char *path, int *n) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(1); }
    int cap = 1 << 16; *n = 0;
    cell_t *c = malloc(sizeof(cell_t) * cap);
    while (fscanf(f, "%d %d %u %lu %d", &c[*n].y, &c[*n].x, &c[*n].cp, &c[*n].attrs, &c[*n].pair) == 5) {
        if (++*n == cap) c = realloc(c, sizeof(cell_t) * (cap *= 2));
    }
    fclose(f);
    return c;
}

static void put(const cell_t *c) {
    cchar_t cc; wchar_t t[2] = { (wchar_t)c->cp, 0 };
    setcchar(&cc, t, (attr_t)c->attrs, (short)c->pair, NULL);
    mvadd_wch(c->y, c->x, &cc);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp/decision-hub-frames";
    char path[512];
    setlocale(LC_ALL, "");
    setenv("COLUMNS", argc > 2 ? argv[2] : "200", 1);
    setenv("LINES", argc > 3 ? argv[3] : "60", 1);
    snprintf(path, sizeof path, "%s/baseline.bytes", dir);
    FILE *out = fopen(path, "w"), *in = fopen("/dev/null", "r");
    newterm("xterm-256color", out, in);
    noecho(); curs_set(0); start_color(); use_default_colors();
    snprintf(path, sizeof path, "%s/pairs.txt", dir);
    FILE *p = fopen(path, "r");
    int pair, fg, bg;
    while (p && fscanf(p, "%d %d %d", &pair, &fg, &bg) == 3) init_pair((short)pair, (short)fg, (short)bg);
    if (p) fclose(p);
    int na, nb;
    snprintf(path, sizeof path, "%s/a.txt", dir); cell_t *a = load(path, &na);
    snprintf(path, sizeof path, "%s/b.txt", dir); cell_t *b = load(path, &nb);
    erase();
    for (int i = 0; i < na; i++) put(&a[i]);
    refresh(); fflush(out);
    long full = ftell(out);
    /* Only the cells that differ (both dumps list cells in the same order). */
    int changed = 0;
    for (int i = 0; i < nb; i++) {
        if (i >= na || a[i].y != b[i].y || a[i].x != b[i].x || a[i].cp != b[i].cp || a[i].attrs != b[i].attrs || a[i].pair != b[i].pair) {
            put(&b[i]); changed++;
        }
    }
    refresh(); fflush(out);
    long after = ftell(out);
    endwin();
    printf("C ncurses baseline: first frame %ld bytes; the same change: %d cells, %ld bytes\n", full, changed, after - full);
    return 0;
}
