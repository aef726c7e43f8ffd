#!/usr/bin/env bash
# The search index on the 10,000-case corpus, side by side with Pagefind over the same output:
#   - what the index adds to casebook's build time (builds with and without, interleaved;
#     medians of RUNS);
#   - the index's size: files, bytes, gzip bytes;
#   - the bytes a browser downloads for a first query: casebook's search.js, meta and the term
#     and document files `casebook search --format json` lists; Pagefind's files as headless
#     Chromium fetches them for `pagefind.search(q)` and the data of the first 10 results.
#
# Environment: RUNS=3, CASES=10000, OUTPUT_ROOT=/dev/shm (a tmpfs: the disk's file-creation cost
# varies a lot on these machines), CASEBOOK=/path/to/casebook (else cargo build --release),
# QUERIES="…" (default: a surname, a first name, a charge word and a Cyrillic surname of the corpus).
# Needs node, Debian's chromium and tests/browser/node_modules (bash scripts/test.sh installs them);
# Pagefind comes from npm (`npx pagefind@1.6.0`, whose package carries its binary).
set -euo pipefail

RUNS=${RUNS:-3}
CASES=${CASES:-10000}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${OUTPUT_ROOT:-/dev/shm}/casebook-search-bench
mkdir -p "$root"
say() { printf '%s\n' "$*" >&2; }

(cd "$repo" && cargo build --quiet --release -p bench)
casebook=${CASEBOOK:-}
if [ -z "$casebook" ]; then
  (cd "$repo" && cargo build --quiet --release -p casebook)
  casebook="$repo/target/release/casebook"
fi

corpus="$root/corpus"
"$repo/target/release/bench" corpus --cases "$CASES" --out "$corpus" --force >/dev/null
with="$root/with-index"
without="$root/without-index"
rm -rf "$with" "$without"
cp -r "$corpus" "$with"
cp -r "$corpus" "$without"
sed -i 's/^build_search_index = .*//' "$with/config.toml" "$without/config.toml"
sed -i '1i build_search_index = true' "$with/config.toml"
sed -i '1i build_search_index = false' "$without/config.toml"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
time_build() { # site output → seconds
  rm -rf "$2"
  /usr/bin/time -f '%e' "$casebook" build --root "$1" --output "$2" 2>&1 >/dev/null | tail -1
}
on=()
off=()
for run in $(seq "$RUNS"); do
  off+=("$(time_build "$without" "$root/out-without")")
  on+=("$(time_build "$with" "$root/out-with")")
  say "run $run: without ${off[-1]} s, with ${on[-1]} s"
done
t_off=$(printf '%s\n' "${off[@]}" | median)
t_on=$(printf '%s\n' "${on[@]}" | median)
echo "build time, median of $RUNS: without the index $t_off s, with it $t_on s ($(awk -v a="$t_on" -v b="$t_off" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'))"

index="$root/out-with/search"
files=$(find "$index" "$root/out-with/search.js" -type f | wc -l)
bytes=$(find "$index" "$root/out-with/search.js" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
gz=$(find "$index" "$root/out-with/search.js" -type f -exec sh -c 'gzip -9 -c "$1" | wc -c' _ {} \; | awk '{ s += $1 } END { print s }')
echo "casebook index: $files files, $bytes bytes, $gz bytes gzip"

# Queries: words the corpus really holds (read from the first profile) unless given.
if [ -z "${QUERIES:-}" ]; then
  first="$corpus/content/prisoners/case-00001.md"
  surname=$(sed -n 's/^title = "\(.*\)"/\1/p' "$first" | head -1 | awk '{ print $NF }')
  given=$(sed -n 's/^title = "\(.*\)"/\1/p' "$first" | head -1 | awk '{ print $1 }')
  cyrillic=$(node -e 'const m = require("fs").readFileSync(process.argv[1], "utf8").match(/"[\u0400-\u04FF]+ ([\u0400-\u04FF]+)"/); console.log(m ? m[1] : "")' "$first")
  QUERIES="$surname $given hooliganism $cyrillic"
fi

echo "first query, casebook (search.js + every index file the query loads):"
for q in $QUERIES; do
  "$casebook" search --site "$root/out-with" --format json "$q" >"$root/q.json"
  node -e '
    const fs = require("fs"), zlib = require("zlib"), path = require("path");
    const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    let raw = 0, gz = 0;
    for (const f of r.files) {
      const b = fs.readFileSync(path.join(process.argv[2], f.file));
      raw += b.length; gz += zlib.gzipSync(b, { level: 9 }).length;
    }
    console.log(`  ${JSON.stringify(process.argv[3])}: ${r.results.length} results, ${r.files.length} files, ${raw} bytes, ${gz} bytes gzip`);
  ' "$root/q.json" "$root/out-with" "$q"
done

say "pagefind over the same output (npx pagefind@1.6.0)"
start=$(date +%s.%N)
(cd "$root" && npx --yes pagefind@1.6.0 --site "$root/out-without" >"$root/pagefind.log" 2>&1)
end=$(date +%s.%N)
pf="$root/out-without/pagefind"
echo "pagefind: $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s, $(find "$pf" -type f | wc -l) files, $(find "$pf" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }') bytes (its files are compressed already)"
echo "first query, pagefind (pagefind.js, wasm, entry, index chunks and the first 10 results' fragments):"
node "$repo/bench/search-bytes.mjs" "$root/out-without" $QUERIES
