#!/usr/bin/env bash
# Times casebook against zola and hugo on generated corpora, then the cost of
# only writing the same files, then casebook alone at growing sizes. See
# bench/README.md for what the figures mean.
#
# Environment:
#   RUNS=5                      timed builds per tool and size (median reported)
#   WARMUP=1                    untimed builds per tool and size before timing
#   COMPARE_CASES=10000         corpus size for the tool comparison
#   FLAVORS="zola zola-content" corpora for the comparison: zola (hugo's twin
#                               corpus joins this one) and zola-content (same
#                               pages, list templates that show page bodies)
#   SCALES="1000 10000 100000"  corpus sizes for casebook's scaling table
#   SCALE_TOOLS=casebook        tools to time at every scale (e.g. "casebook zola")
#   ZOLA=/path/to/zola          zola binary (else PATH, else /work/benchwork/zola-src/...)
#   HUGO=/path/to/hugo          hugo binary (else PATH)
#   CASEBOOK=/path/to/casebook  skip `cargo build` and use this binary
#   BENCH_CONTINUE_ON_ERROR=1   when a tool fails, drop it and go on with the others
#   OUTPUT_ROOT=/dev/shm        where the tools write (default bench/out): a tmpfs takes the
#                               disk's file-creation cost, which varies a lot here, out of the figures
#   MEMORY_LIMIT_GIB=N          cap each build's virtual memory (ulimit -v) so a build that
#                               would exhaust RAM fails instead of waking the OOM killer
#
# Exit status: 0 if every build succeeded, 1 if a build failed, 2 on bad setup.

set -euo pipefail

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
COMPARE_CASES=${COMPARE_CASES:-10000}
SCALES=${SCALES:-"1000 10000 100000"}
SCALE_TOOLS=${SCALE_TOOLS:-casebook}
FLAVORS=${FLAVORS:-"zola zola-content"}
CONTINUE_ON_ERROR=${BENCH_CONTINUE_ON_ERROR:-0}
MEMORY_LIMIT_GIB=${MEMORY_LIMIT_GIB:-}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/bench/out"
mkdir -p "$out"
results="$out/results.txt" # one line per timed build: tool flavor cases run wall_s peak_kib
logs="$out/logs"
mkdir -p "$logs"
: >"$results"
failed_tools=""

say() { printf '%s\n' "$*" >&2; }
die() {
    say "run.sh: $*"
    exit 2
}

# --- prerequisites --------------------------------------------------------

if [ ! -x /usr/bin/time ]; then
    if command -v apt-get >/dev/null; then
        say "run.sh: installing GNU time (/usr/bin/time) with apt-get"
        apt-get install -y time >/dev/null 2>&1 ||
            { apt-get update >/dev/null && apt-get install -y time >/dev/null; } ||
            die "could not install the 'time' package; install GNU time yourself"
    else
        die "GNU time (/usr/bin/time) is required; install the 'time' package"
    fi
fi

say "run.sh: building bench (release)"
(cd "$repo" && cargo build --release -p bench) || die "the bench crate does not build"
bench_bin="$repo/target/release/bench"

casebook="${CASEBOOK:-}"
if [ -z "$casebook" ]; then
    say "run.sh: building casebook (release)"
    if (cd "$repo" && cargo build --release -p casebook); then
        # Time a private copy: target/ is shared, and a rebuild during the
        # benchmark would otherwise swap (or briefly remove) the binary.
        mkdir -p "$out/bin"
        cp "$repo/target/release/casebook" "$out/bin/casebook"
        casebook="$out/bin/casebook"
    else
        say "run.sh: FAILED: casebook does not build (cargo build --release -p casebook)."
        [ "$CONTINUE_ON_ERROR" = 1 ] || exit 1
        say "run.sh: BENCH_CONTINUE_ON_ERROR=1, going on without casebook"
        failed_tools="$failed_tools casebook"
    fi
fi

zola="${ZOLA:-$(command -v zola || true)}"
if [ -z "$zola" ] && [ -x /work/benchwork/zola-src/target/release/zola ]; then
    zola=/work/benchwork/zola-src/target/release/zola
fi
hugo="${HUGO:-$(command -v hugo || true)}"

tools=""
[ -n "$casebook" ] && tools="$tools casebook"
[ -n "$zola" ] && tools="$tools zola"
[ -n "$hugo" ] && tools="$tools hugo"
tools=${tools# }
[ -n "$tools" ] || die "no tool to measure"
for flavor in $FLAVORS; do
    case $flavor in
    zola | zola-content) ;;
    *) die "FLAVORS: unknown flavor '$flavor' (expected zola and/or zola-content)" ;;
    esac
done

# --- corpora --------------------------------------------------------------

# Prints the corpus directory for a flavor and size, generating it unless a
# complete one newer than the bench binary is already there.
corpus_dir() {
    local flavor=$1 cases=$2
    local dir="$out/corpus-$flavor-$cases"
    local marker="$dir/.bench-corpus"
    if [ -f "$marker" ] && grep -q '^complete' "$marker" && [ "$marker" -nt "$bench_bin" ]; then
        printf '%s\n' "$dir"
        return
    fi
    say "run.sh: generating $flavor corpus with $cases cases in $dir"
    "$bench_bin" corpus --cases "$cases" --out "$dir" --flavor "$flavor" --force >&2 ||
        die "could not generate the corpus in $dir"
    printf '%s\n' "$dir"
}

# tool_flavor TOOL FLAVOR: the corpus TOOL reads in a comparison on FLAVOR.
# Hugo reads its own twin of the zola corpus.
tool_flavor() { if [ "$1" = hugo ]; then echo hugo; else echo "$2"; fi; }

# tools_for FLAVOR: the available tools that can build FLAVOR's corpus.
# The hugo corpus has no twin of zola-content's templates.
tools_for() {
    local tool
    for tool in $tools; do
        [ "$tool" = hugo ] && [ "$1" != zola ] && continue
        printf '%s\n' "$tool"
    done
}

tool_version() {
    case $1 in
    casebook) "$casebook" --version 2>/dev/null || echo "casebook (no --version)" ;;
    zola) "$zola" --version 2>/dev/null ;;
    hugo) "$hugo" version 2>/dev/null | cut -d' ' -f1-2 ;;
    esac
}

# --- one build ------------------------------------------------------------

output_root="${OUTPUT_ROOT:-$out}"

# build TOOL CORPUS_DIR LABEL [KEEP]: one full build into a fresh output
# directory, deleted afterwards unless KEEP is given (then it is KEEP).
# Sets WALL (seconds) and PEAK_KIB; returns non-zero if the build failed.
build() {
    local tool=$1 source=$2 label=$3 keep=${4:-}
    local dest="${keep:-$output_root/public-$tool}"
    local log="$logs/$tool-$label.log"
    local timing="$logs/$tool-$label.time"
    rm -rf "$dest"
    local -a command
    case $tool in
    casebook) command=("$casebook" build --root "$source" --output "$dest") ;;
    zola) command=("$zola" --root "$source" build --output-dir "$dest" --force) ;;
    hugo) command=("$hugo" --source "$source" --destination "$dest" --quiet) ;;
    esac
    local status=0
    (
        if [ -n "$MEMORY_LIMIT_GIB" ]; then
            ulimit -v $((MEMORY_LIMIT_GIB * 1024 * 1024))
        fi
        exec /usr/bin/time -f '%e %M' -o "$timing" "${command[@]}"
    ) >"$log" 2>&1 || status=$?
    [ -n "$keep" ] || rm -rf "$dest"
    if [ "$status" -ne 0 ]; then
        say ""
        say "run.sh: FAILED: $tool exited with status $status building $source"
        say "run.sh: command: ${command[*]}"
        say "run.sh: last lines of $log:"
        tail -n 15 "$log" | sed 's/^/    /' >&2
        return 1
    fi
    # GNU time writes the format line last (after any "exited with" note).
    read -r WALL PEAK_KIB < <(tail -n 1 "$timing")
}

# Handles a failed build: stop, or drop the tool when continuing on errors.
on_failure() {
    local tool=$1
    [ "$CONTINUE_ON_ERROR" = 1 ] || exit 1
    say "run.sh: BENCH_CONTINUE_ON_ERROR=1, dropping $tool"
    failed_tools="$failed_tools $tool"
}

is_failed() { case " $failed_tools " in *" $1 "*) return 0 ;; *) return 1 ;; esac }

# measure FLAVOR CASES TOOL...: warm-up, then RUNS timed builds, interleaving
# the tools and rotating their order each run so drift and noise hit all alike.
measure() {
    local flavor=$1 cases=$2
    shift 2
    local -a active=("$@")
    local tool run index
    local -A source=()
    for tool in "${active[@]}"; do
        source[$tool]=$(corpus_dir "$(tool_flavor "$tool" "$flavor")" "$cases") || exit 2
    done
    for tool in "${active[@]}"; do
        for ((run = 1; run <= WARMUP; run++)); do
            is_failed "$tool" && continue
            say "run.sh: warm-up: $tool, $flavor, $cases cases"
            build "$tool" "${source[$tool]}" "$flavor-$cases-warmup" || on_failure "$tool"
        done
    done
    for ((run = 1; run <= RUNS; run++)); do
        for ((index = 0; index < ${#active[@]}; index++)); do
            tool=${active[$(((index + run - 1) % ${#active[@]}))]}
            is_failed "$tool" && continue
            if build "$tool" "${source[$tool]}" "$flavor-$cases-$run"; then
                say "run.sh: $tool, $flavor, $cases cases, run $run/$RUNS: ${WALL} s, $((PEAK_KIB / 1024)) MiB"
                echo "$tool $flavor $cases $run $WALL $PEAK_KIB" >>"$results"
            else
                on_failure "$tool"
            fi
        done
    done
}

# median TOOL FLAVOR CASES FIELD: median of a results column (5 = wall s, 6 = KiB).
median() {
    awk -v tool="$1" -v flavor="$2" -v cases="$3" -v field="$4" \
        '$1 == tool && $2 == flavor && $3 == cases { print $field }' "$results" |
        sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) exit
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2
        }'
}

# spread TOOL FLAVOR CASES: "min-max" of wall times.
spread() {
    awk -v tool="$1" -v flavor="$2" -v cases="$3" \
        '$1 == tool && $2 == flavor && $3 == cases { print $5 }' "$results" |
        sort -g | awk 'NR == 1 { low = $1 } { high = $1 } END { if (NR) printf "%s-%s", low, high }'
}

# --- the report -----------------------------------------------------------

report="$out/report.txt"
{
    echo "casebook benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    for tool in $tools; do
        is_failed "$tool" || echo "  $tool: $(tool_version "$tool")"
    done
    echo "  runs per tool: $RUNS timed after $WARMUP warm-up; wall = elapsed seconds, peak = max RSS"
    if [ -n "$MEMORY_LIMIT_GIB" ]; then
        echo "  memory limit per build: $MEMORY_LIMIT_GIB GiB of virtual memory"
    fi
    echo "  load average before timing: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine adds noise)"
} | tee "$report" >&2

# 1. The tools side by side, on each flavor of the corpus.
for flavor in $FLAVORS; do
    mapfile -t compare_tools < <(tools_for "$flavor")
    [ "${#compare_tools[@]}" -gt 0 ] || continue
    say ""
    say "run.sh: comparing ${compare_tools[*]} on the $flavor corpus, $COMPARE_CASES cases"
    measure "$flavor" "$COMPARE_CASES" "${compare_tools[@]}"

    zola_wall=$(median zola "$flavor" "$COMPARE_CASES" 5)
    zola_kib=$(median zola "$flavor" "$COMPARE_CASES" 6)
    {
        echo ""
        echo "Full build of $COMPARE_CASES cases + $((COMPARE_CASES / 10)) decisions, $flavor corpus (median of $RUNS runs)"
        printf '%-9s %9s %15s %10s %10s %10s\n' tool "wall s" "min-max s" "peak MiB" "wall/zola" "mem/zola"
        for tool in "${compare_tools[@]}"; do
            wall=$(median "$tool" "$flavor" "$COMPARE_CASES" 5)
            kib=$(median "$tool" "$flavor" "$COMPARE_CASES" 6)
            if [ -z "$wall" ]; then
                printf '%-9s %9s\n' "$tool" "failed"
                continue
            fi
            awk -v t="$tool" -v w="$wall" -v k="$kib" -v s="$(spread "$tool" "$flavor" "$COMPARE_CASES")" \
                -v zw="$zola_wall" -v zk="$zola_kib" 'BEGIN {
                    wr = (zw == "" ? "n/a" : sprintf("%.2f", w / zw))
                    mr = (zk == "" ? "n/a" : sprintf("%.2f", k / zk))
                    printf "%-9s %9.2f %15s %10.0f %10s %10s\n", t, w, s, k / 1024, wr, mr
                }'
        done
    } | tee -a "$report"
done

# 2. The floor: only creating the folders and writing the files of the same
# output, from memory, on every core, into the same OUTPUT_ROOT.
floor_rows=""
for flavor in $FLAVORS; do
    # casebook's output, or zola's if casebook is not there.
    floor_tool=""
    for tool in casebook zola; do
        if [ -n "$(median "$tool" "$flavor" "$COMPARE_CASES" 5)" ]; then
            floor_tool=$tool
            break
        fi
    done
    [ -n "$floor_tool" ] || continue
    floor_source="$output_root/public-floor-source"
    floor_dest="$output_root/public-floor"
    say ""
    say "run.sh: write floor: building the $flavor corpus once more with $floor_tool, kept as the files to write"
    if ! build "$floor_tool" "$(corpus_dir "$flavor" "$COMPARE_CASES")" "$flavor-$COMPARE_CASES-floor-source" "$floor_source"; then
        rm -rf "$floor_source"
        say "run.sh: no write floor for $flavor"
        continue
    fi
    floor_times=()
    for ((run = 1; run <= RUNS; run++)); do
        rm -rf "$floor_dest"
        line=$("$bench_bin" write-floor --from "$floor_source" --to "$floor_dest") ||
            die "bench write-floor failed"
        say "run.sh: write floor, $flavor, run $run/$RUNS: $line"
        floor_times+=("${line%% *}")
    done
    rm -rf "$floor_dest" "$floor_source"
    # "0.512 s to write 12345 files (210.3 MB) in ..." -> files and MB
    floor_files=$(awk '{ print $5 }' <<<"$line")
    floor_mb=$(awk '{ gsub(/[(]/, "", $7); print $7 }' <<<"$line")
    floor_median=$(printf '%s\n' "${floor_times[@]}" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    for tool in casebook zola; do
        wall=$(median "$tool" "$flavor" "$COMPARE_CASES" 5)
        [ -n "$wall" ] || continue
        floor_rows+=$(awk -v f="$flavor" -v n="$floor_files" -v mb="$floor_mb" -v fl="$floor_median" \
            -v t="$tool" -v w="$wall" 'BEGIN {
                printf "%-13s %8s %8s %9.3f %-9s %9.2f %9.2f %11.2f\n", f, n, mb, fl, t, w, w - fl, fl / w
            }')$'\n'
    done
done
if [ -n "$floor_rows" ]; then
    {
        echo ""
        echo "Write floor: only creating the folders and writing the files of casebook's output (zola's without casebook),"
        echo "from memory, on $(nproc) threads, into $output_root (median of $RUNS runs); wall = the tool's full build above"
        printf '%-13s %8s %8s %9s %-9s %9s %9s %11s\n' flavor files MB "floor s" tool "wall s" "wall-floor" "floor/wall"
        printf '%s' "$floor_rows"
    } | tee -a "$report"
fi

# 3. How build time and memory grow with the corpus (zola flavor).
for tool in $SCALE_TOOLS; do
    case " $tools " in *" $tool "*) ;; *)
        say "run.sh: $tool is not available; no scaling table for it"
        continue
        ;;
    esac
    is_failed "$tool" && continue
    for cases in $SCALES; do
        # The comparison already timed this size.
        [ -n "$(median "$tool" zola "$cases" 5)" ] && continue
        say ""
        say "run.sh: scaling: $tool on $cases cases"
        measure zola "$cases" "$tool"
    done
    is_failed "$tool" && continue
    {
        echo ""
        echo "$tool at growing sizes, zola corpus (median of $RUNS runs; ratios relative to the smallest size)"
        printf '%9s %9s %10s %10s %13s %12s %12s\n' cases "wall s" "peak MiB" "ms/case" "ms/case ratio" "size ratio" "mem ratio"
        first_cases="" first_wall="" first_kib=""
        for cases in $SCALES; do
            wall=$(median "$tool" zola "$cases" 5)
            kib=$(median "$tool" zola "$cases" 6)
            [ -n "$wall" ] || continue
            if [ -z "$first_cases" ]; then
                first_cases=$cases first_wall=$wall first_kib=$kib
            fi
            awk -v n="$cases" -v w="$wall" -v k="$kib" -v n0="$first_cases" -v w0="$first_wall" \
                -v k0="$first_kib" 'BEGIN {
                    printf "%9d %9.2f %10.0f %10.3f %13.2f %12.1f %12.2f\n",
                        n, w, k / 1024, 1000 * w / n, (w / n) / (w0 / n0), n / n0, k / k0
                }'
        done
    } | tee -a "$report"
done

echo "" | tee -a "$report"
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$report"
echo "Raw timings: $results; build logs: $logs; this report: $report"
if [ -n "$failed_tools" ]; then
    say "run.sh: these tools failed:$failed_tools (see the messages above)"
    exit 1
fi
