#!/usr/bin/env bash
# Runs the whole suite under faketime at wall-clock instants where a hidden read of the machine's clock would
# show (issue 9): the suite must pass at any instant of any day. Each run starts the JVM's wall clock at the
# instant (UTC) and lets it tick; every instant is run, then the script fails if any run failed.
#
#   scripts/verify-at-instants.sh                           # the five instants below, one after another
#   scripts/verify-at-instants.sh "2027-01-31 23:59:30"     # only the instants given
#
# Installs the Debian package faketime with apt-get when it is missing. Logs: target/verify-at-instants/.
# CI (.ci/run) runs the suite once, at the real time; this check takes five full runs.
set -uo pipefail
cd "$(dirname "$0")/.."

INSTANTS=(
    "2026-12-02 03:30:00"   # the evening before in every US zone
    "2027-01-31 23:59:30"   # month and year ends in UTC, not yet in US zones (the run crosses midnight)
    "2027-03-14 07:30:00"   # the spring daylight-saving change in the US
    "2027-11-07 06:30:00"   # the autumn change
    "2028-02-29 12:00:00"   # a leap day
)
if [ "$#" -gt 0 ]; then
    INSTANTS=("$@")
fi

if ! command -v faketime > /dev/null; then
    echo "faketime is missing: installing the Debian package faketime"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        SUDO="sudo"
    fi
    $SUDO apt-get install -y -qq faketime || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq faketime; } \
        || { echo "Cannot install faketime" >&2; exit 2; }
fi

LOGS=target/verify-at-instants
mkdir -p "$LOGS"
# Only the wall clock is faked: the JVM needs its monotonic clock (timeouts, schedulers) to stay real. With it
# real, libfaketime's own "monotonic fix" (on by default with recent glibc) makes the JVM's timed waits return at
# once (Object.wait(8000) returned after 0 ms with faketime 0.9.10), so every periodic JVM thread spins and a
# run takes many times longer: switch it off.
export FAKETIME_DONT_FAKE_MONOTONIC=1
export FAKETIME_FORCE_MONOTONIC_FIX=0

failed=()
for instant in "${INSTANTS[@]}"; do
    log="$LOGS/$(echo "$instant" | tr ' :' '_-').log"
    echo "== $instant UTC: ./mvnw -B -ntp verify (log: $log)"
    # The instant is read as UTC; the machine's own time zone stays what it is.
    if faketime "$instant UTC" ./mvnw -B -ntp verify > "$log" 2>&1; then
        echo "   passed: $(grep -E '^\[INFO\] Tests run: [0-9]+, Failures' "$log" | tail -1 | sed 's/^\[INFO\] //')"
    else
        echo "   FAILED:"
        grep -E '^\[ERROR\] (Tests run:|  [A-Za-z]+Test|Failures|Errors)' "$log" | head -20 | sed 's/^/   /'
        failed+=("$instant")
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "The suite failed at: ${failed[*]}"
    exit 1
fi
echo "The suite passed at all ${#INSTANTS[@]} instants."
