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
#   first open of day   the same --today with the desk's backups/ folder removed
#                       first, so the day's backup follows the frame
#
# Both use DAY (default 2026-11-20), so Today holds the same work in both and
# the columns differ only in the backup due. The first-of-day runs DELETE the
# desk's backups/ folder and leave a fresh one: use bench copies, never a real
# desk. Prints the median of RUNS runs (default 5) per case, and the median
# wall time from launch to exit of the first-of-day runs (the backup included).
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

# frame DB DAY: one launch; prints "FIRST_FRAME_MS WALL_MS". The run ends
# after its upkeep; `sync` then flushes what the backup wrote, so the next
# launch is not timed against the previous run's 2 GB of writeback.
frame() {
    local out="$WORK/frame" start end
    rm -f "$out"
    start=$(date +%s%N)
    script -qec "stty rows 40 cols 120; CASEDESK_FIRST_FRAME_FILE='$out' '$CASEDESK' --db '$1' --today $2" /dev/null \
        >/dev/null </dev/null
    end=$(date +%s%N)
    sync
    [ -s "$out" ] || { echo "first_frame.sh: no frame was drawn for $1" >&2; exit 1; }
    echo "$(cat "$out") $(((end - start) / 1000000))"
}

median() { sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f", m }'; }

echo "| Desk | size | every open: first frame | first open of the day: first frame | and exit, backup made |"
echo "|---|---:|---:|---:|---:|"
for db in "$@"; do
    backups="$(dirname "$db")/backups"
    # Once before timing: the day's backup of DAY exists, the caches are warm.
    frame "$db" "$DAY" >/dev/null
    every=$(for _ in $(seq "$RUNS"); do frame "$db" "$DAY"; done | cut -d' ' -f1 | median)
    # The first open of the same DAY again, with no backup on record, so
    # the two columns differ only in the backup that follows the frame.
    : >"$WORK/first"
    for _ in $(seq "$RUNS"); do
        rm -rf "$backups"
        frame "$db" "$DAY" >>"$WORK/first"
    done
    first=$(cut -d' ' -f1 "$WORK/first" | median)
    wall=$(cut -d' ' -f2 "$WORK/first" | median)
    cases=$(sqlite3 -readonly "$db" 'SELECT COUNT(*) FROM case_file' 2>/dev/null || echo '?')
    echo "| $(basename "$db"), $cases cases | $(du -h "$db" | cut -f1) | $every ms | $first ms | $wall ms |"
done
