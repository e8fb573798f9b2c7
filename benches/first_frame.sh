#!/usr/bin/env bash
# Launch to first frame of the interface, on desks of any size.
#
#   benches/first_frame.sh DB [DB ...]
#
# Runs `casedesk --db DB` in a pseudo-terminal (script(1), 120×40) with
# CASEDESK_FIRST_FRAME_FILE set: the interface writes the milliseconds from
# the start of `main` to its first drawn frame into that file and quits (after
# its upkeep, the quick check and any backup, has finished). Two cases per desk:
#
#   every open          the day's backup exists already: only the quick check follows the frame
#   first open of day   --today is a day with no backup yet: the backup follows the frame
#
# The first-of-day runs use the days after DAY (default 2026-11-20) or after
# the newest rolling backup, one per run, so each run makes a real backup; they leave rolling backups in the
# desk's backups/ folder (rotated as usual). Use bench copies, not a real desk.
# Prints the median of RUNS runs (default 5) per case, and the median wall
# time from launch to exit of the first-of-day runs (the backup included).
# casedesk is built with cargo if $CASEDESK is not set.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DAY=${DAY:-2026-11-20}
RUNS=${RUNS:-5}
[ $# -gt 0 ] || { echo "usage: benches/first_frame.sh DB [DB ...]" >&2; exit 2; }
command -v script >/dev/null || { echo "first_frame.sh: script(1) is needed (util-linux)" >&2; exit 2; }
if [ -z "${CASEDESK:-}" ]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    CASEDESK=${CARGO_TARGET_DIR:-$ROOT/target}/release/casedesk
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# frame DB DAY: one launch; prints "FIRST_FRAME_MS WALL_MS".
frame() {
    local out="$WORK/frame" start end
    rm -f "$out"
    start=$(date +%s%N)
    script -qec "stty rows 40 cols 120; CASEDESK_FIRST_FRAME_FILE='$out' '$CASEDESK' --db '$1' --today $2" /dev/null \
        >/dev/null </dev/null
    end=$(date +%s%N)
    [ -s "$out" ] || { echo "first_frame.sh: no frame was drawn for $1" >&2; exit 1; }
    echo "$(cat "$out") $(((end - start) / 1000000))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.0f", m }'; }

echo "| Desk | size | every open: first frame | first open of the day: first frame | and exit, backup made |"
echo "|---|---:|---:|---:|---:|"
for db in "$@"; do
    # Once before timing: the day's backup of DAY exists, the caches are warm.
    frame "$db" "$DAY" >/dev/null
    every=$(for _ in $(seq "$RUNS"); do frame "$db" "$DAY"; done | cut -d' ' -f1 | median)
    # Days after the newest rolling backup, so each run has a backup to make.
    stem=$(basename "${db%.*}")
    newest=$(ls "$(dirname "$db")/backups" 2>/dev/null | sed -n "s/^$stem-\([0-9-]\{10\}\)\.db.*/\1/p" | sort | tail -1)
    base=$(printf '%s\n%s\n' "$DAY" "${newest:-$DAY}" | sort | tail -1)
    : >"$WORK/first"
    for i in $(seq "$RUNS"); do
        frame "$db" "$(date -d "$base + $i days" +%F)" >>"$WORK/first"
    done
    first=$(cut -d' ' -f1 "$WORK/first" | median)
    wall=$(cut -d' ' -f2 "$WORK/first" | median)
    cases=$(sqlite3 -readonly "$db" 'SELECT COUNT(*) FROM case_file' 2>/dev/null || echo '?')
    echo "| $(basename "$db"), $cases cases | $(du -h "$db" | cut -f1) | $every ms | $first ms | $wall ms |"
done
