#!/usr/bin/env bash
# Prints the transfer size of every page type of the real site: HTML with its inlined CSS,
# raw and gzip -9 compressed, against the 14 KB budget (one round trip on a slow phone). For a
# profile the budget is for what comes before its text (styles, header, status and every
# key-fact box: the "facts" column), and the whole page stays within 20 KB.
# Usage: bash scripts/page-weight.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --quiet --release -- build --output "$out/public" >/dev/null 2>&1 || cargo run --release -- build --output "$out/public"
budget=$((14 * 1024))
printf '%-16s %-48s %8s %8s %s\n' "type" "page" "raw" "gzip" ""
row() {
  local type=$1 file=$2
  local raw gz flag="" facts
  raw=$(wc -c <"$out/public/$file")
  gz=$(gzip -9 -c "$out/public/$file" | wc -c)
  facts=$(grep -bo '<div class=text>' "$out/public/$file" | head -1 | cut -d: -f1 || true)
  if [ -n "$facts" ]; then
    facts=$(head -c "$facts" "$out/public/$file" | gzip -9 -c | wc -c)
    { [ "$facts" -gt "$budget" ] || [ "$gz" -gt $((20 * 1024)) ]; } && flag="OVER BUDGET"
    flag="facts $facts $flag"
  else
    [ "$gz" -gt "$budget" ] && flag="OVER BUDGET"
  fi
  printf '%-16s %-48s %8d %8d %s\n' "$type" "$file" "$raw" "$gz" "$flag"
}
largest() { # the largest page below a folder, by compressed size
  local dir=$1
  for f in "$out/public/$dir"/*/index.html; do
    printf '%d %s\n' "$(gzip -9 -c "$f" | wc -c)" "${f#$out/public/}"
  done | sort -n | tail -1 | cut -d' ' -f2
}
row home index.html
row home-ru ru/index.html
row home-kk kk/index.html
row people prisoners/index.html
row profile "$(largest prisoners)"
row profile-ru "$(largest ru/prisoners)"
row profile-kk "$(largest kk/prisoners)"
row decisions decisions/index.html
row decision "$(largest decisions)"
row decision-ru "$(largest ru/decisions)"
row about about/index.html
row open-letter open-letter/index.html
row taxonomy status/index.html
row term status/released/index.html
row not-found 404.html
