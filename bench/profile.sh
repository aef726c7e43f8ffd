#!/usr/bin/env bash
# Profiles one casebook build with perf and prints where the CPU time goes, by
# stage. See bench/README.md ("Where the time goes").
#
# Environment:
#   CASES=10000            corpus size
#   FLAVOR=zola            corpus flavor (zola or zola-content)
#   OUTPUT_ROOT=/dev/shm   where casebook writes (a tmpfs keeps the disk out of it)
#   FREQUENCY=999          samples per second and core
#   PROFILE_TARGET_DIR     cargo target dir for the profiling build
#                          (default target/profile: its flags differ from a
#                          release build's, so it keeps its own artifacts)
#
# Writes bench/out/profile/ (perf.data, the perf script text, the table).
# Exit status: 0 on success, 1 if the build or the profile failed, 2 on bad setup.

set -euo pipefail

CASES=${CASES:-10000}
FLAVOR=${FLAVOR:-zola}
OUTPUT_ROOT=${OUTPUT_ROOT:-/dev/shm}
FREQUENCY=${FREQUENCY:-999}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$repo/bench/out"
work="$out/profile"
target="${PROFILE_TARGET_DIR:-$repo/target/profile}"
mkdir -p "$work"

say() { printf '%s\n' "$*" >&2; }
die() {
    say "profile.sh: $*"
    exit 2
}

# --- perf -----------------------------------------------------------------

if ! command -v perf >/dev/null; then
    command -v apt-get >/dev/null || die "perf is missing; install Debian's linux-perf"
    say "profile.sh: installing linux-perf with apt-get"
    apt-get install -y linux-perf >/dev/null 2>&1 ||
        { apt-get update >/dev/null && apt-get install -y linux-perf >/dev/null; } ||
        die "could not install linux-perf"
fi
# cpu-clock is a software event: it works in virtual machines without
# hardware counters, where the default `cycles` event may not.
perf record -e cpu-clock -g -o "$work/perf-check.data" -- true >/dev/null 2>&1 ||
    die "perf record does not work here (see /proc/sys/kernel/perf_event_paranoid)"
rm -f "$work/perf-check.data"

# --- binaries -------------------------------------------------------------

say "profile.sh: building bench (release)"
(cd "$repo" && cargo build --release -p bench) || die "the bench crate does not build"
bench_bin="$repo/target/release/bench"

# Line tables name the functions; frame pointers let `perf record -g` walk the
# stack cheaply (the standard library is built with them too).
say "profile.sh: building casebook with line tables and frame pointers in $target"
(
    cd "$repo" &&
        CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
            RUSTFLAGS="${RUSTFLAGS:-} -C force-frame-pointers=yes" \
            nice -n 10 cargo build --release -p casebook --target-dir "$target"
) || { say "profile.sh: casebook does not build"; exit 1; }
casebook="$work/casebook"
cp "$target/release/casebook" "$casebook"

# --- corpus ---------------------------------------------------------------

corpus="$out/corpus-$FLAVOR-$CASES"
marker="$corpus/.bench-corpus"
if ! { [ -f "$marker" ] && grep -q '^complete' "$marker" && [ "$marker" -nt "$bench_bin" ]; }; then
    say "profile.sh: generating the $FLAVOR corpus with $CASES cases in $corpus"
    "$bench_bin" corpus --cases "$CASES" --out "$corpus" --flavor "$FLAVOR" --force >&2 ||
        die "could not generate the corpus"
fi

# --- the profile ----------------------------------------------------------

dest="$OUTPUT_ROOT/profile-public"
rm -rf "$dest"
# One untimed build puts the corpus in the page cache.
"$casebook" build --root "$corpus" --output "$dest" >/dev/null 2>&1 ||
    { say "profile.sh: casebook build failed: $casebook build --root $corpus --output $dest"; exit 1; }
rm -rf "$dest"
say "profile.sh: recording $CASES cases ($FLAVOR) with perf at $FREQUENCY Hz"
started=$(date +%s.%N)
perf record -e cpu-clock -F "$FREQUENCY" -g -o "$work/perf.data" -- \
    "$casebook" build --root "$corpus" --output "$dest" >"$work/build.log" 2>&1 ||
    { say "profile.sh: the profiled build failed; see $work/build.log"; exit 1; }
wall=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
rm -rf "$dest"

say "profile.sh: reading the samples"
perf script -i "$work/perf.data" -F comm,tid,ip,sym,dso --no-inline 2>/dev/null >"$work/perf.txt" ||
    { say "profile.sh: perf script failed"; exit 1; }

# --- stages ---------------------------------------------------------------

# Each sample is a paragraph: a header line, then its frames from the leaf
# (innermost) to the root. A sample whose innermost user-space frame is the
# allocator or memcpy counts as such. Otherwise the outermost frame of a known
# crate decides (tera calling serde_json is template time), then file system
# calls anywhere on the stack, then casebook's own code.
stage_of_samples() {
    awk '
    function stage_of(sym) {
        if (sym ~ /(^|[^a-z_])comrak::/) return "Markdown (comrak)"
        if (sym ~ /(^|[^a-z_])tera::/) return "templates (tera)"
        if (sym ~ /(^|[^a-z_])lol_html::/) return "link rewriting (lol_html)"
        if (sym ~ /minify_html|minify_js|lightningcss/) return "minify (minify_html)"
        if (sym ~ /(^|[^a-z_])(toml|toml_edit|toml_parser|toml_datetime|serde_spanned|winnow)::/ ||
            sym ~ /Deserializ|(^|[^a-z_])serde(_core)?::de::/) return "parsing (toml/serde)"
        if (sym ~ /(^|[^a-z_])serde_json::|(^|[^a-z_])serde(_core)?::ser::|Serializ/) return "template context (serde_json)"
        if (sym ~ /(^|[^a-z_])(ammonia|html5ever|markup5ever|tendril)::/) return "sanitizing (ammonia)"
        if (sym ~ /(^|[^a-z_])(regex|regex_automata|regex_syntax|aho_corasick)::/) return "regex"
        return ""
    }
    function fs_stage(sym) {
        if (sym ~ /std::fs::write|create_dir|DirBuilder|File::create|as std::io::Write>|io::Write::write_all|libc_write|ksys_write|vfs_write|do_mkdirat|do_sys_openat2/) return "writing (std::fs)"
        if (sym ~ /std::fs::read|read_to_string|read_dir|walkdir|ksys_read|vfs_read|statx|getdents/) return "reading (std::fs)"
        return ""
    }
    function is_alloc(sym) {
        # jemalloc is linked in statically; its internal functions are plain C names.
        return sym ~ /^(_rjem_|je_|__?mem(cpy|move|set|cmp)|mem(cpy|move|set|cmp)|malloc|free|realloc|calloc|sdallocx|mallocx|rallocx|do_r?alloc|do_.*allocx|arena_|tcache_|extent_|emap_|pac_|large_|bin_|tsd_|imalloc|ifree|isdalloct|sz_|rtree_|edata_|hpa_|sec_|background_thread)|jemalloc|__rust_(alloc|dealloc|realloc)|alloc::alloc::/
    }
    {
        n = split($0, line, "\n")
        user = 0; decided = ""; fs = ""; own = 0; kernel_only = 1; leaf = ""
        for (i = 2; i <= n; i++) {
            frame = line[i]
            sub(/^[ \t]+[0-9a-f]+ /, "", frame)
            dso = frame; sub(/.* \(/, "", dso)
            sym = frame; sub(/ \([^(]*\)$/, "", sym)
            kernel = (dso ~ /kernel|vmlinux/)
            if (!kernel && !user) { user = 1; leaf = sym; kernel_only = 0 }
            s = stage_of(sym)
            if (s != "") decided = s   # the last one seen is the outermost
            if (fs == "") fs = fs_stage(sym)
            if (sym ~ /(^|[^a-z_])casebook::/) own = 1
        }
        if (kernel_only) result = "kernel (no user frame)"
        else if (is_alloc(leaf)) result = "alloc + memcpy (jemalloc, libc)"
        else if (decided != "") result = decided
        else if (fs != "") result = fs
        else if (own) result = "casebook own code"
        else if (leaf ~ /rayon|crossbeam|std::thread|futex|sched_yield/) result = "threads (rayon, waiting)"
        else result = "other"
        count[result]++
        total++
        if (result == "other" || result == "casebook own code") top[result " | " leaf]++
    }
    END {
        for (k in count) printf "S\t%d\t%s\n", count[k], k
        for (k in top) printf "T\t%d\t%s\n", top[k], k
        printf "N\t%d\n", total
    }' RS=''
}

stage_of_samples <"$work/perf.txt" >"$work/stages.tsv"
total=$(awk -F'\t' '$1 == "N" { print $2 }' "$work/stages.tsv")
[ "${total:-0}" -gt 0 ] || { say "profile.sh: perf recorded no samples"; exit 1; }

{
    echo "casebook build of $CASES cases ($FLAVOR corpus) into $OUTPUT_ROOT: $wall s under perf, $total samples at $FREQUENCY Hz on $(nproc) cores"
    printf '%-34s %8s %7s\n' stage samples share
    awk -F'\t' -v total="$total" '$1 == "S" { printf "%d\t%-34s %8d %6.1f%%\n", $2, $3, $2, 100 * $2 / total }' \
        "$work/stages.tsv" | sort -rn | cut -f2-
    echo ""
    echo "Busiest functions among 'casebook own code' and 'other' (self samples):"
    awk -F'\t' -v total="$total" '$1 == "T" { printf "%d\t  %5.1f%%  %s\n", $2, 100 * $2 / total, $3 }' \
        "$work/stages.tsv" | sort -rn | head -n 8 | cut -f2- | cut -c1-140
} | tee "$work/report.txt"
say ""
say "profile.sh: perf data $work/perf.data (perf report -i it), table $work/report.txt"
