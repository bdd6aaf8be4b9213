#!/usr/bin/env bash
# Builds and runs one libFuzzer target: tools/fuzz.sh NAME [SECONDS]   (default 60 s)
#        tools/fuzz.sh NAME seeds     rewrites the generated seeds (seal, event-decoder, snapshot)
#        tools/fuzz.sh list           names the targets
#
# How it is built (checked with the Swift 6.3 toolchain in /opt/swift on Linux):
#  1. The libraries (CommandModel, EventLog and what they use: Yams, GRDB, swift-crypto) are
#     built by SwiftPM in release mode into their own scratch folder, .build-fuzz (ignored by
#     git: .build-*/), with coverage for libFuzzer and AddressSanitizer on the Swift code
#     (-sanitize=fuzzer,address) and the C code (-fsanitize=fuzzer-no-link,address), and
#     -enable-testing so that a target may reach an internal decoder (@testable import).
#     Only `--target EventLog` is built: linking the decision-hub executable would bring a
#     second main() besides libFuzzer's.
#  2. tools/fuzz/NAME.swift (plus tools/fuzz/Seeds.swift for the targets that write seeds) is
#     compiled with swiftc -sanitize=fuzzer,address and linked with the libraries' objects;
#     libFuzzer supplies main().
#  3. It runs on a working corpus in .build-fuzz/corpus/NAME (new inputs go there) seeded from
#     the committed tools/fuzz/corpus/NAME (never written to). A crash is saved as
#     .build-fuzz/crashes/NAME-crash-<sha1>; replay it with .build-fuzz/fuzz/NAME FILE.
# Leak detection is off: the Swift runtime's metadata caches read as leaks to LeakSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(grammar map places plans roster scenario city seal event-decoder snapshot cap feed-line)
name=${1:-}
if [[ -z "$name" || "$name" == "list" ]]; then
    echo "targets: ${targets[*]}"
    echo "usage: tools/fuzz.sh NAME [SECONDS|seeds]"
    [[ -n "$name" ]] && exit 0 || exit 2
fi
if [[ ! " ${targets[*]} " == *" $name "* ]]; then
    echo "unknown target '$name'; targets: ${targets[*]}" >&2
    exit 2
fi
what=${2:-60}

scratch=.build-fuzz
swift build -c release --scratch-path "$scratch" --target EventLog \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
    -Xcc -fsanitize=fuzzer-no-link,address >&2
lib="$scratch/release"

# The libraries' objects (everything this scratch folder builds is EventLog and its dependencies).
mapfile -t objects < <(find "$lib/" -path '*.build/*.o' | sort)
# C modules the libraries import, for the compiler to load through EventLog's interface (GRDB's
# SQLCipher and custom-SQLite variants are not used: the system SQLite is).
module_flags=()
while IFS= read -r map; do module_flags+=(-Xcc "-fmodule-map-file=$map"); done < <(
    find "$scratch/checkouts" -name module.modulemap \( -path '*/include/*' -o -path '*/GRDBSQLite/*' \) ! -path '*SQLCipher*' | sort)

sources=("tools/fuzz/$name.swift")
case "$name" in event-decoder | snapshot) sources+=(tools/fuzz/Seeds.swift) ;; esac
mkdir -p "$scratch/fuzz" "$scratch/corpus/$name" "$scratch/crashes" "tools/fuzz/corpus/$name"
binary="$scratch/fuzz/$name"
swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name "Fuzz_${name//-/_}" \
    -I "$lib/Modules" "${module_flags[@]}" "${sources[@]}" "${objects[@]}" \
    -lsqlite3 -lstdc++ -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
if [[ "$what" == "seeds" ]]; then
    FUZZ_WRITE_SEEDS="tools/fuzz/corpus/$name" "$binary"
    ls -l "tools/fuzz/corpus/$name"
    exit 0
fi
exec "$binary" -max_total_time="$what" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$scratch/crashes/$name-" \
    "$scratch/corpus/$name" "tools/fuzz/corpus/$name"
