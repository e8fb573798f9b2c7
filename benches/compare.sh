#!/usr/bin/env bash
# casedesk beside the sqlite3 shell and taskwarrior, on one database file.
#
#   benches/compare.sh [DB]
#
# Times, each command a fresh process (process start included):
#   casedesk today                  against  sqlite3 running the queries `casedesk sql today` prints
#   casedesk today --all            against  sqlite3 running the queries `casedesk sql today-all` prints
#   casedesk summary --format json  against  sqlite3 running the queries `casedesk sql summary` prints
#   casedesk caseload               against  sqlite3 running the queries `casedesk sql caseload` prints
#   casedesk today (and --all)      against  task listing the overdue items, after the same open
#                                            deadlines were imported into a private TASKDATA
# `casedesk today` lists each section's count and its first items; `--all` lists every item.
# and prints one table. The sqlite3 shell runs exactly the SQL casedesk ran (traced by
# SQLite, values filled in), on the same file, and prints every row it reads.
#
# DB defaults to target/bench-data/demo-$CASES.db (CASES=100000), generated if missing.
# Needs sqlite3 and task (`apt-get install -y hyperfine taskwarrior sqlite3`); uses
# hyperfine when present, else a timing loop. casedesk is built with cargo if $CASEDESK
# is not set. RUNS (default 10) sets the runs per command. Your own task data is never
# read or written: task runs with TASKRC and TASKDATA in a temporary folder.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DAY=${DAY:-2026-11-20}
CASES=${CASES:-100000}
RUNS=${RUNS:-10}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DB=${1:-$TARGET/bench-data/demo-$CASES.db}

for tool in sqlite3 task; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is not installed (apt-get install -y hyperfine taskwarrior sqlite3)" >&2; exit 2; }
done
if [ -z "${CASEDESK:-}" ]; then
    cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
    CASEDESK=$TARGET/release/casedesk
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
desk() { "$CASEDESK" --db "$DB" --today "$DAY" "$@"; }

if [ ! -e "$DB" ]; then
    mkdir -p "$(dirname "$DB")"
    echo "Generating $CASES cases into $DB ..." >&2
    desk demo --cases "$CASES" >&2
fi
# Once before timing: an older desk is upgraded here, not inside a timed run.
desk today >/dev/null

# ---------------------------------------------------------------- the queries
desk sql today >"$WORK/today.sql"
desk sql today-all >"$WORK/today-all.sql"
desk sql summary >"$WORK/summary.sql"
desk sql caseload >"$WORK/caseload.sql"

# ------------------------------------------------------------- taskwarrior data
# The open conditions and agreement items of live cases (what Today's deadline
# sections are drawn from), one task each, due at midnight UTC on the due date.
cat >"$WORK/export.sql" <<'SQL'
SELECT json_object('uuid', printf('00000000-0000-4000-8000-%012d', k.id),
       'description', c.ref || ' ' || replace(k.kind, '_', ' ') || ': ' || k.description,
       'project', 'casedesk', 'status', 'pending', 'entry', '20260101T000000Z',
       'due', strftime('%Y%m%dT000000Z', k.due_on))
FROM condition k JOIN case_file c ON c.id = k.case_id
WHERE k.status IN ('active', 'referred', 'booked', 'in_progress', 'varied') AND c.status NOT IN ('closed', 'withdrawn')
UNION ALL
SELECT json_object('uuid', printf('00000000-0000-4000-9000-%012d', i.id),
       'description', c.ref || ' agreement: ' || i.description,
       'project', 'casedesk', 'status', 'pending', 'entry', '20260101T000000Z',
       'due', strftime('%Y%m%dT000000Z', i.due_on))
FROM agreement_item i JOIN outcome_agreement a ON a.id = i.agreement_id
JOIN rj_process p ON p.id = a.process_id JOIN case_file c ON c.id = p.case_id
WHERE i.status IN ('open', 'overdue') AND c.status NOT IN ('closed', 'withdrawn');
SQL
sqlite3 -readonly "$DB" ".read $WORK/export.sql" >"$WORK/tasks.json"
mkdir -p "$WORK/task"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\ncolor=off\nhooks=off\nnews.version=99\n' \
    "$WORK/task" >"$WORK/taskrc"
TASK="env TZ=UTC TASKRC=$WORK/taskrc TASKDATA=$WORK/task task"
import_start=$(date +%s%N)
$TASK import "$WORK/tasks.json" >/dev/null
import_ms=$((($(date +%s%N) - import_start) / 1000000))
OVERDUE="$TASK status:pending due.before:$DAY list"

desk_overdue=$(desk today | sed -n 's/^Overdue conditions and agreement items (\([0-9]*\))$/\1/p')
task_overdue=$($TASK status:pending due.before:"$DAY" count)
if [ "$desk_overdue" != "$task_overdue" ]; then
    echo "compare.sh: casedesk lists $desk_overdue overdue items but task lists $task_overdue" >&2
    exit 1
fi

# -------------------------------------------------------------------- timing
# mean_ms COMMAND: the mean wall time of RUNS runs (after warm-up runs), in ms.
mean_ms() {
    if command -v hyperfine >/dev/null; then
        hyperfine --style none --warmup 2 --runs "$RUNS" --export-json "$WORK/run.json" "$1" >/dev/null
        # The first "mean" in the export is this command's, in seconds.
        sed -n 's/^ *"mean": *\([0-9.e+-]*\),*$/\1/p' "$WORK/run.json" | head -1 | awk '{ printf "%.1f", $1 * 1000 }'
    else
        sh -c "$1" >/dev/null 2>&1 && sh -c "$1" >/dev/null 2>&1
        local start end
        start=$(date +%s%N)
        for _ in $(seq "$RUNS"); do sh -c "$1" >/dev/null 2>&1; done
        end=$(date +%s%N)
        awk -v t=$((end - start)) -v n="$RUNS" 'BEGIN { printf "%.1f", t / n / 1000000 }'
    fi
}

DESK="$CASEDESK --db $DB --today $DAY"
today_ms=$(mean_ms "$DESK today")
today_sql_ms=$(mean_ms "sqlite3 -readonly $DB '.read $WORK/today.sql'")
all_ms=$(mean_ms "$DESK today --all")
all_sql_ms=$(mean_ms "sqlite3 -readonly $DB '.read $WORK/today-all.sql'")
summary_ms=$(mean_ms "$DESK summary --format json")
summary_sql_ms=$(mean_ms "sqlite3 -readonly $DB '.read $WORK/summary.sql'")
overdue_ms=$(mean_ms "$OVERDUE")
caseload_ms=$(mean_ms "$DESK caseload")
caseload_sql_ms=$(mean_ms "sqlite3 -readonly $DB '.read $WORK/caseload.sql'")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
lines() { sqlite3 -readonly "$DB" ".read $1" | wc -l | tr -d ' '; }
items=$(sqlite3 -readonly "$DB" "SELECT (SELECT COUNT(*) FROM condition) + (SELECT COUNT(*) FROM agreement_item)")
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)

echo
echo "Machine: $(nproc) CPUs, ${cpu:-unknown CPU}; $(uname -sr)"
echo "Tools: $(sqlite3 -version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /'), task $(task --version)," \
    "$(command -v hyperfine >/dev/null && hyperfine --version || echo 'no hyperfine (timing loop)')"
echo "Database: $DB ($(du -h "$DB" | cut -f1)), $(sqlite3 -readonly "$DB" 'SELECT COUNT(*) FROM case_file') cases," \
    "$items conditions and agreement items, as of $DAY"
echo "Today lists $(desk today | grep -c '^  [^ .]' | awk '{ print $1 }') items (sqlite3 prints $(lines "$WORK/today.sql") rows)," \
    "--all lists $(desk today --all | grep -c '^  [^ ]' | awk '{ print $1 }') (sqlite3 prints $(lines "$WORK/today-all.sql") rows);" \
    "$desk_overdue are overdue; task holds $(wc -l <"$WORK/tasks.json" | tr -d ' ') imported tasks (import took ${import_ms} ms)"
echo "Mean of $RUNS runs each, wall time, process start included:"
echo
echo "| What | casedesk | compared with | its time | casedesk ÷ it |"
echo "|---|---:|---|---:|---:|"
echo "| Today list | $today_ms ms | sqlite3 shell, same $(grep -c ';$' "$WORK/today.sql") queries | $today_sql_ms ms | $(ratio "$today_ms" "$today_sql_ms") |"
echo "| Today list, --all | $all_ms ms | sqlite3 shell, same $(grep -c ';$' "$WORK/today-all.sql") queries | $all_sql_ms ms | $(ratio "$all_ms" "$all_sql_ms") |"
echo "| End-of-day summary (json) | $summary_ms ms | sqlite3 shell, same $(grep -c ';$' "$WORK/summary.sql") queries | $summary_sql_ms ms | $(ratio "$summary_ms" "$summary_sql_ms") |"
echo "| Caseload | $caseload_ms ms | sqlite3 shell, same $(grep -c ';$' "$WORK/caseload.sql") queries | $caseload_sql_ms ms | $(ratio "$caseload_ms" "$caseload_sql_ms") |"
echo "| Today list | $today_ms ms | task, overdue items | $overdue_ms ms | $(ratio "$today_ms" "$overdue_ms") ($(ratio "$overdue_ms" "$today_ms")× faster) |"
echo "| Today list, --all | $all_ms ms | task, overdue items | $overdue_ms ms | $(ratio "$all_ms" "$overdue_ms") ($(ratio "$overdue_ms" "$all_ms")× faster) |"
