/* The baseline for durable append latency: a plain C program doing what one Decision Hub append
 * does in SQLite, with the same pragmas (WAL, synchronous = FULL), one event per transaction:
 * BEGIN IMMEDIATE; read the head; INSERT the event row; UPDATE the head; COMMIT.
 * Build and run: cc -O2 -o /tmp/append_baseline benchmarks/append_baseline.c -lsqlite3
 *                /tmp/append_baseline /tmp/baseline.sqlite 2000
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "/tmp/baseline.sqlite";
    int n = argc > 2 ? atoi(argv[2]) : 2000;
    unlink(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK) return 1;
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                     "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, operator TEXT NOT NULL,"
                     " kind TEXT NOT NULL, incident TEXT, payload TEXT NOT NULL, exercise TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
                     "CREATE INDEX events_by_incident ON events(incident, seq) WHERE incident IS NOT NULL;"
                     "CREATE TABLE head (one INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL);"
                     "INSERT INTO head VALUES (1, 0, '0');", 0, 0, 0);
    sqlite3_stmt *head, *ins, *upd;
    sqlite3_prepare_v2(db, "SELECT seq, hash FROM head WHERE one = 1", -1, &head, 0);
    sqlite3_prepare_v2(db, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)", -1, &ins, 0);
    sqlite3_prepare_v2(db, "UPDATE head SET seq = ?, hash = ? WHERE one = 1", -1, &upd, 0);
    const char *payload = "{\"noteAdded\":{\"incident\":\"INC-0001\",\"text\":\"bench 1234\"}}";
    const char *hash = "3f5a0c2b1d4e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8";
    double *lat = malloc(sizeof(double) * n);
    char id[64];
    for (int i = 0; i < n; i++) {
        double t0 = now_us();
        sqlite3_exec(db, "BEGIN IMMEDIATE", 0, 0, 0);
        sqlite3_step(head);
        long long seq = sqlite3_column_int64(head, 0) + 1;
        sqlite3_reset(head);
        snprintf(id, sizeof id, "ev-%d", i);
        sqlite3_bind_int64(ins, 1, seq);
        sqlite3_bind_text(ins, 2, id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, "2026-07-31T10:42:05.123Z", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, "bench", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, "noteAdded", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 6, "INC-0001", -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 7, payload, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 8, hash, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 9, hash, -1, SQLITE_STATIC);
        sqlite3_step(ins);
        sqlite3_reset(ins);
        sqlite3_bind_int64(upd, 1, seq);
        sqlite3_bind_text(upd, 2, hash, -1, SQLITE_STATIC);
        sqlite3_step(upd);
        sqlite3_reset(upd);
        if (sqlite3_exec(db, "COMMIT", 0, 0, 0) != SQLITE_OK) return 2;
        lat[i] = now_us() - t0;
    }
    qsort(lat, n, sizeof(double), cmp);
    printf("C baseline, %d durable appends: p50 %.0f us, p99 %.0f us\n", n, lat[n / 2], lat[n * 99 / 100]);
    sqlite3_close(db);
    return 0;
}
