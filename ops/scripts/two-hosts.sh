#!/usr/bin/env bash
# Two hosts over Aeron UDP, on one machine: two network namespaces joined by a veth pair stand in for two hosts.
#
#   "engine" namespace (10.231.0.1)                      "subscriber" namespace (10.231.0.2)
#   marketprism demo: the bundled recordings through  ── UDP ──►  marketprism subscribe --channel
#   the pipeline, journal, Aeron UDP unicast to                   aeron:udp?endpoint=10.231.0.2:40456
#   10.231.0.2:40456 (its own embedded media driver)              (its own embedded media driver)
#
# Passes when the subscriber received every message the engine published, in order: its count and its last stream
# sequence equal the engine's published count, with no gap and nothing lost, and the engine dropped nothing.
# Needs root (or CAP_SYS_ADMIN + CAP_NET_ADMIN) and iproute2; where the machine does not allow network namespaces it
# prints why and exits 0 (a skip). Namespaces, links and processes it made are removed on exit.
#
#   ops/scripts/two-hosts.sh [--rate FRAMES_PER_S] [--multicast] [--keep DIR]
#     --rate       frames/s the demo offers (default 20000; 0 = as fast as the subscriber takes them)
#     --multicast  UDP multicast instead: the engine sends to group 239.255.31.1:40456 out of its veth end, the
#                  subscriber joins the group on its own (the channel's interface parameter names the interface)
#     --keep       keep the outputs (engine summary, subscriber JSON lines and stderr, journal) in DIR
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RATE=20000
KEEP=""
MULTICAST=""
while [ $# -gt 0 ]; do
    case "$1" in
        --rate) RATE="$2"; shift 2 ;;
        --keep) KEEP="$2"; shift 2 ;;
        --multicast) MULTICAST=yes; shift ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "two-hosts: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

skip() {
    echo "two-hosts: SKIPPED: $*"
    exit 0
}

[ "$(uname -s)" = Linux ] || skip "network namespaces are Linux only (this is $(uname -s))"
[ "$(id -u)" -eq 0 ] || skip "creating network namespaces needs root (running as uid $(id -u))"
command -v ip >/dev/null 2>&1 || skip "iproute2 is not installed (no 'ip' command); apt-get install iproute2"

SUFFIX="$$"
NS_ENGINE="mp-engine-$SUFFIX"
NS_SUB="mp-sub-$SUFFIX"
VETH_ENGINE="mpe$SUFFIX"
VETH_SUB="mps$SUFFIX"
ENGINE_IP=10.231.0.1
SUB_IP=10.231.0.2
PORT=40456
if [ -n "$MULTICAST" ]; then
    GROUP=239.255.31.1
    CHANNEL="aeron:udp?endpoint=$GROUP:$PORT|interface=$ENGINE_IP|ttl=1|term-length=16m"
    SUB_CHANNEL="aeron:udp?endpoint=$GROUP:$PORT|interface=$SUB_IP"
    MODE="multicast to $GROUP"
else
    CHANNEL="aeron:udp?endpoint=$SUB_IP:$PORT|term-length=16m"
    SUB_CHANNEL="aeron:udp?endpoint=$SUB_IP:$PORT"
    MODE="unicast"
fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/marketprism-two-hosts.XXXXXX")"
SUB_PID=""
ENGINE_PID=""

cleanup() {
    local status=$?
    for pid in "$ENGINE_PID" "$SUB_PID"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    ip netns del "$NS_ENGINE" 2>/dev/null || true
    ip netns del "$NS_SUB" 2>/dev/null || true
    # deleting a namespace deletes the veth end in it, and with it its peer; this is for a half-made setup
    ip link del "$VETH_ENGINE" 2>/dev/null || true
    if [ -n "$KEEP" ]; then
        mkdir -p "$KEEP" && cp -r "$WORK"/. "$KEEP"/ && echo "two-hosts: outputs kept in $KEEP"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! err="$(ip netns add "$NS_ENGINE" 2>&1)"; then
    skip "this machine does not allow network namespaces: ip netns add: $err"
fi
if ! err="$(ip netns add "$NS_SUB" 2>&1)" ||
   ! err="$(ip link add "$VETH_ENGINE" type veth peer name "$VETH_SUB" 2>&1)"; then
    skip "this machine does not allow a veth pair between namespaces: $err"
fi
ip link set "$VETH_ENGINE" netns "$NS_ENGINE"
ip link set "$VETH_SUB" netns "$NS_SUB"
ip -n "$NS_ENGINE" addr add "$ENGINE_IP/24" dev "$VETH_ENGINE"
ip -n "$NS_SUB" addr add "$SUB_IP/24" dev "$VETH_SUB"
for ns in "$NS_ENGINE" "$NS_SUB"; do
    ip -n "$ns" link set lo up
done
ip -n "$NS_ENGINE" link set "$VETH_ENGINE" up
ip -n "$NS_SUB" link set "$VETH_SUB" up
echo "two-hosts: namespaces $NS_ENGINE ($ENGINE_IP) and $NS_SUB ($SUB_IP) joined by veth $VETH_ENGINE/$VETH_SUB"

# build the jars (when stale) outside the namespaces, once
"$HOME_DIR/bin/marketprism" --version >/dev/null

# the subscriber first: the engine waits (10 s at most) for its publication to be connected before it sends.
# Its idle timeout counts from its first message, so it waits for the engine however long that takes to start.
ip netns exec "$NS_SUB" "$HOME_DIR/bin/marketprism" subscribe --channel "$SUB_CHANNEL" \
    --stream 1001 --timeout-ms 5000 >"$WORK/subscriber.jsonl" 2>"$WORK/subscriber.err" &
SUB_PID=$!

ENGINE_STATUS=0
ip netns exec "$NS_ENGINE" env MARKETPRISM_JAVA_OPTS="${MARKETPRISM_JAVA_OPTS:-} \
-Dmarketprism.publish.channel=$CHANNEL -Dmarketprism.publish.backPressureTimeoutNs=5000000000" \
    "$HOME_DIR/bin/marketprism" demo --warmup 0 --rate "$RATE" --journal "$WORK/journal" \
    >"$WORK/engine.out" 2>"$WORK/engine.err" &
ENGINE_PID=$!
wait "$ENGINE_PID" || ENGINE_STATUS=$?
ENGINE_PID=""
SUB_STATUS=0
wait "$SUB_PID" || SUB_STATUS=$?
SUB_PID=""

sed -n '/^throughput:/p; /^aeron:/p; /^journaled:/p' "$WORK/engine.out" | sed 's/^/two-hosts: engine: /'
sed 's/^/two-hosts: subscriber: /' "$WORK/subscriber.err"

fail() {
    echo "two-hosts: FAILED: $*" >&2
    echo "--- engine stdout (tail)" >&2; tail -20 "$WORK/engine.out" >&2 || true
    echo "--- engine stderr (tail)" >&2; tail -20 "$WORK/engine.err" >&2 || true
    echo "--- subscriber stderr (tail)" >&2; tail -20 "$WORK/subscriber.err" >&2 || true
    exit 1
}

[ "$ENGINE_STATUS" -eq 0 ] || fail "the engine exited with status $ENGINE_STATUS"
aeron_line="$(grep '^aeron: published' "$WORK/engine.out" || true)"
[ -n "$aeron_line" ] || fail "the engine printed no 'aeron: published' line"
published="$(sed -n 's/^aeron: published \([0-9]*\),.*/\1/p' <<<"$aeron_line")"
dropped="$(sed -n 's/.* dropped \([0-9]*\).*/\1/p' <<<"$aeron_line")"
summary="$(grep '^subscribe: [0-9]* messages, ' "$WORK/subscriber.err" | tail -1 || true)"
[ -n "$summary" ] || fail "the subscriber (exit $SUB_STATUS) printed no summary"
received="$(sed -n 's/^subscribe: \([0-9]*\) messages, .*/\1/p' <<<"$summary")"
last_seq="$(sed -n 's/.*last sequence \([0-9]*\),.*/\1/p' <<<"$summary")"
gaps="$(sed -n 's/.* gaps \([0-9]*\),.*/\1/p' <<<"$summary")"
lost="$(sed -n 's/.* lost \([0-9]*\),.*/\1/p' <<<"$summary")"
lines="$(wc -l <"$WORK/subscriber.jsonl")"

[ "${published:-0}" -gt 0 ] || fail "the engine published nothing"
[ "$dropped" = 0 ] || fail "the engine dropped $dropped messages under back pressure"
[ "$gaps" = 0 ] && [ "$lost" = 0 ] || fail "the subscriber saw $gaps gaps, $lost messages lost"
[ "$received" = "$published" ] || fail "the subscriber received $received messages, the engine published $published"
[ "$last_seq" = "$published" ] || fail "the subscriber's last stream sequence is $last_seq, expected $published"
[ "$lines" = "$received" ] || fail "the subscriber printed $lines JSON lines for $received messages"
[ "$SUB_STATUS" -eq 0 ] || fail "the subscriber exited with status $SUB_STATUS"
echo "two-hosts: PASSED: $published messages published over UDP ($MODE) from $NS_ENGINE, $received received in order" \
     "in $NS_SUB (stream sequence 1..$last_seq, no gap), $lines JSON lines"
