#!/usr/bin/env bash
# Builds and runs one libFuzzer target: tools/fuzz.sh NAME [SECONDS]   (default 60 s)
#        tools/fuzz.sh NAME seeds     rewrites the generated seeds (seal, event-decoder, snapshot)
#        tools/fuzz.sh smoke [SECONDS] every target for SECONDS each (default 10): README's test
#                                      command runs it after `swift test`, so CI does
#        tools/fuzz.sh list           names the targets
#
# How it is built (checked with the Swift 6.3 toolchain in /opt/swift on Linux):
#  1. The libraries (CommandModel, EventLog and what they use: Yams, GRDB, swift-crypto) are
#     built by SwiftPM in release mode into their own scratch folder, .build-fuzz (ignored by
#     git: .build-*/), with coverage for libFuzzer and AddressSanitizer on the Swift code
#     (-sanitize=fuzzer,address) and the C code (-fsanitize=fuzzer-no-link,address), and
#     -enable-testing so that a target may reach an internal decoder (@testable import).
#     Only `--target EventLog` is built: linking the decision-hub executable would bring a
#     second main() besides libFuzzer's. The targets that need only CommandModel are built in
#     their own scratch folder, .build-fuzz-model, from CommandModel and Yams alone (minutes
#     less than EventLog's PostgreSQL, SQLite and crypto stack).
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
# The targets that reach into EventLog (the rest need CommandModel only).
eventlog_targets=" seal event-decoder snapshot "
name=${1:-}
if [[ -z "$name" || "$name" == "list" ]]; then
    echo "targets: ${targets[*]}"
    echo "usage: tools/fuzz.sh NAME [SECONDS|seeds] | smoke [SECONDS]"
    [[ -n "$name" ]] && exit 0 || exit 2
fi
if [[ "$name" != "smoke" && ! " ${targets[*]} " == *" $name "* ]]; then
    echo "unknown target '$name'; targets: ${targets[*]}" >&2
    exit 2
fi
what=${2:-60}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}

# build_target NAME: builds the libraries it needs (once per scratch folder and run) and the
# target; sets $binary and $scratch.
# A smoke run (CI) builds once, in debug (unoptimised builds take a fraction of the time, and
# a few seconds of fuzzing need no speed), EventLog and all it uses, for every target.
built_libraries=""
configuration=release
build_target() {
    local target=$1 module=CommandModel
    scratch=.build-fuzz-model
    if [[ "$eventlog_targets" == *" $target "* ]]; then
        module=EventLog
        scratch=.build-fuzz
    fi
    if [[ "$configuration" == debug ]]; then
        module=EventLog
        scratch=.build-fuzz-smoke
    fi
    local lib="$scratch/$configuration"
    if [[ "$built_libraries" != *" $module "* ]]; then
        swift build -c "$configuration" --scratch-path "$scratch" --target "$module" \
            -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing \
            -Xcc -fsanitize=fuzzer-no-link,address >&2
        built_libraries+=" $module "
    fi
    # The libraries' objects (everything this scratch folder builds is the module and its
    # dependencies).
    local objects module_flags=() map
    mapfile -t objects < <(find "$lib/" -path '*.build/*.o' | sort)
    # C modules the libraries import, for the compiler to load through the module's interface
    # (GRDB's SQLCipher and custom-SQLite variants are not used: the system SQLite is).
    # and those SwiftPM writes for C targets that have none of their own (swift-nio's CNIO…).
    while IFS= read -r map; do module_flags+=(-Xcc "-fmodule-map-file=$map"); done < <(
        {
            find "$scratch/checkouts" -name module.modulemap \( -path '*/include/*' -o -path '*/GRDBSQLite/*' \) ! -path '*SQLCipher*'
            find "$lib/" -maxdepth 2 -path '*.build/module.modulemap'
        } | sort)
    local sources=("tools/fuzz/$target.swift") libs=()
    case "$target" in event-decoder | snapshot) sources+=(tools/fuzz/Seeds.swift) ;; esac
    [[ "$module" == EventLog ]] && libs=(-lsqlite3)
    local optimise=-O
    [[ "$configuration" == debug ]] && optimise=-Onone
    mkdir -p "$scratch/fuzz" "$scratch/corpus/$target" "$scratch/crashes" "tools/fuzz/corpus/$target"
    binary="$scratch/fuzz/$target"
    swiftc "$optimise" -parse-as-library -sanitize=fuzzer,address -module-name "Fuzz_${target//-/_}" \
        -I "$lib/Modules" "${module_flags[@]}" "${sources[@]}" "${objects[@]}" \
        "${libs[@]}" -lstdc++ -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
}

# run_target NAME SECONDS: fuzzes from the committed seeds and the working corpus.
run_target() {
    "$binary" -max_total_time="$2" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$scratch/crashes/$1-" \
        "$scratch/corpus/$1" "tools/fuzz/corpus/$1"
}

if [[ "$name" == "smoke" ]]; then
    # Every target for a short time, one after another; any crash fails the run (libFuzzer
    # exits non-zero and says where it saved the input).
    seconds=${2:-10}
    configuration=debug
    for target in "${targets[@]}"; do
        build_target "$target"
        log="$scratch/smoke-$target.log"
        if ! run_target "$target" "$seconds" 2>"$log"; then
            tail -n 80 "$log" >&2
            echo "fuzz smoke: $target FAILED (the input is in $scratch/crashes/; replay: $binary FILE)" >&2
            exit 1
        fi
        echo "fuzz smoke: $target, $seconds s: $(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$') inputs, no crash" >&2
    done
    echo "fuzz smoke: ${#targets[@]} targets, $seconds s each, no crash" >&2
    exit 0
fi

build_target "$name"
if [[ "$what" == "seeds" ]]; then
    FUZZ_WRITE_SEEDS="tools/fuzz/corpus/$name" "$binary"
    ls -l "tools/fuzz/corpus/$name"
    exit 0
fi
run_target "$name" "$what"
