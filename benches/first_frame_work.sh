#!/usr/bin/env bash
# The interface's work from launch to its first frame, counted in CPU
# instructions (valgrind's callgrind), per thread: a figure that does not
# move with the machine's load, where a wall-clock time does.
#
#   benches/first_frame_work.sh DB [DB ...]
#
# Runs `casedesk --db DB` under callgrind in a pseudo-terminal (script(1),
# 120×40) with CASEDESK_FIRST_FRAME_FILE set. As soon as the frame is noted,
# callgrind is asked for a dump and the run is killed, so the upkeep that
# follows the frame (the quick check and any backup) is not counted. Prints
# the instructions of the main thread (the frame) and of the rest. The day's
# backup is made to look done (an empty file in the desk's backups/ folder,
# left behind): use bench copies, never a real desk.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DAY=${DAY:-2026-11-20}
[ $# -gt 0 ] || { echo "usage: benches/first_frame_work.sh DB [DB ...]" >&2; exit 2; }
for tool in script valgrind callgrind_control callgrind_annotate; do
    command -v "$tool" >/dev/null || { echo "first_frame_work.sh: $tool is needed" >&2; exit 2; }
done
if [ -z "${CASEDESK:-}" ]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    CASEDESK=${CARGO_TARGET_DIR:-$ROOT/target}/release/casedesk
fi
WORK=$(mktemp -d)
trap 'pkill -9 -f "callgrind-out-file=$WORK/" 2>/dev/null || true; rm -rf "$WORK"' EXIT

total() { callgrind_annotate "$1" 2>/dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,; }

for db in "$@"; do
    stem=$(basename "${db%.*}")
    mkdir -p "$(dirname "$db")/backups"
    : >"$(dirname "$db")/backups/$stem-$DAY.db.zst"
    run="$WORK/$stem"
    mkdir -p "$run"
    script -qec "stty rows 40 cols 120; CASEDESK_FIRST_FRAME_FILE='$run/frame' valgrind --tool=callgrind \
        --separate-threads=yes --callgrind-out-file='$run/cg' '$CASEDESK' --db '$db' --today $DAY" /dev/null \
        >/dev/null </dev/null 2>&1 &
    while [ ! -s "$run/frame" ]; do sleep 0.2; done
    callgrind_control --dump >/dev/null 2>&1 || true
    sleep 2
    pkill -9 -f "callgrind-out-file=$run/cg" || true
    wait 2>/dev/null || true
    main=$(total "$(ls "$run"/cg.*-01 | head -1)")
    rest=0
    for f in "$run"/cg.*-0[2-9]; do [ -e "$f" ] && rest=$((rest + $(total "$f"))); done
    printf '%s: first frame %s instructions on the main thread, %s on others before the dump\n' \
        "$db" "$main" "$rest"
done
