#!/usr/bin/env bash
# Makes the real captures that the capture and import tests read: each one a conversation between
# the kernel's own TCP stacks, on loopback or between network namespaces made here and removed at the
# end. Needs root, tcpdump, dumpcap (tshark's package), ethtool, python3 and curl. The tests do not
# run it: its captures are committed. Usage: make-captures.sh [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
# The interpreter itself, not a wrapper script, so that $! is the server we later stop.
py=$(python3 -c "import sys; print(sys.executable)")
peers="$py $here/peers.py"
snap=160   # headers only: the payload's length comes from the IP header, its bytes are never read

# Starts a capture in the background and waits until it listens. capture NETNS IFACE FILE FILTER [OPTIONS...]
capture() {
  local ns=$1 iface=$2 file=$3 filter=$4
  shift 4
  local log
  log=$(mktemp)
  local run=()
  [ "$ns" = - ] || run=(ip netns exec "$ns")
  "${run[@]}" tcpdump -i "$iface" -s "$snap" --immediate-mode -U -w "$file" "$@" "$filter" 2>"$log" &
  capture_pid=$!
  for _ in $(seq 50); do grep -q listening "$log" && break; sleep 0.1; done
  sleep 1 # "listening" comes a little before the filter is in place
  rm -f "$log"
}

stop() {
  sleep 1.5
  kill "$capture_pid"
  wait "$capture_pid" || true
}

# 1. A normal connection: curl fetches a page from Python's http.server (Ethernet link type on lo).
$py -m http.server 18401 --bind 127.0.0.1 --directory "$here" >/dev/null 2>&1 &
server=$!
sleep 1
capture - lo "$out/normal.pcap" "tcp port 18401"
curl -s -o /dev/null http://127.0.0.1:18401/peers.py
stop
kill $server; wait $server 2>/dev/null || true

# 2. Refused: a SYN to a port nobody listens on gets a RST.
capture - lo "$out/refused.pcap" "tcp port 18402"
$peers refused-client 127.0.0.1 18402
stop

# 3. Half-close: the client shuts its sending side, the server still answers (Linux cooked v1, -i any).
$peers half-close-server 127.0.0.1 18403 &
server=$!
sleep 0.5
capture - any "$out/half-close.pcap" "tcp port 18403" -y LINUX_SLL
$peers half-close-client 127.0.0.1 18403
wait $server
stop

# 4. Abort: the client closes with SO_LINGER 0, which sends a RST (Linux cooked v2, -i any).
$peers abort-server 127.0.0.1 18404 &
server=$!
sleep 0.5
capture - any "$out/abort.pcap" "tcp port 18404" -y LINUX_SLL2
$peers abort-client 127.0.0.1 18404
wait $server || true
stop

# 5. IPv6 on loopback.
$py -m http.server 18405 --bind ::1 --directory "$here" >/dev/null 2>&1 &
server=$!
sleep 1
capture - lo "$out/ipv6.pcap" "tcp port 18405"
curl -s -o /dev/null "http://[::1]:18405/peers.py"
stop
kill $server; wait $server 2>/dev/null || true

# 6. pcapng, written by dumpcap (Wireshark's own capture engine).
$py -m http.server 18406 --bind 127.0.0.1 --directory "$here" >/dev/null 2>&1 &
server=$!
sleep 1
log=$(mktemp)
dumpcap -q -i lo -s "$snap" -f "tcp port 18406" -w "$out/normal.pcapng" 2>"$log" &
dumpcap_pid=$!
for _ in $(seq 50); do grep -qi capturing "$log" && break; sleep 0.1; done
sleep 0.5
curl -s -o /dev/null http://127.0.0.1:18406/peers.py
sleep 0.5
kill $dumpcap_pid
wait $dumpcap_pid || true
rm -f "$log"
kill $server; wait $server 2>/dev/null || true

# 7. Loss. This kernel has no netem, so the loss is a real queue's tail drop: client, router and server
# each in a namespace of their own, joined by veth pairs with offloads off (one segment per packet);
# the router sends toward the client through a token bucket (tbf) with a queue of a few packets, which
# overflows when the server's window opens. loss.pcap is taken at the router's server side, before the
# drop: it shows each lost segment and then its resend. loss-unseen.pcap is taken at the client, after
# the drop: the lost segments never appear, only the holes they leave.
cleanup() {
  for ns in tcpstory-c tcpstory-r tcpstory-s tcpstory-l; do ip netns del $ns 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup
ip netns add tcpstory-c
ip netns add tcpstory-r
ip netns add tcpstory-s
ip link add c0 netns tcpstory-c type veth peer name rc netns tcpstory-r
ip link add s0 netns tcpstory-s type veth peer name rs netns tcpstory-r
# 198.18.0.0/15 is set aside for benchmark networks (RFC 2544): nothing outside these namespaces.
ip -n tcpstory-c addr add 198.18.1.1/24 dev c0
ip -n tcpstory-r addr add 198.18.1.2/24 dev rc
ip -n tcpstory-r addr add 198.18.2.2/24 dev rs
ip -n tcpstory-s addr add 198.18.2.1/24 dev s0
for pair in tcpstory-c:c0 tcpstory-r:rc tcpstory-r:rs tcpstory-s:s0; do
  ns=${pair%%:*} dev=${pair##*:}
  ip -n "$ns" link set "$dev" up
  ip netns exec "$ns" ethtool -K "$dev" tso off gso off gro off >/dev/null 2>&1 || true
done
ip -n tcpstory-c link set lo up
ip -n tcpstory-s link set lo up
ip -n tcpstory-c route add default via 198.18.1.2
ip -n tcpstory-s route add default via 198.18.2.2
ip netns exec tcpstory-r sysctl -qw net.ipv4.ip_forward=1
ip netns exec tcpstory-r tc qdisc add dev rc root tbf rate 8mbit burst 3000 limit 4500

ip netns exec tcpstory-s $peers bulk-server 198.18.2.1 18407 60000 &
server=$!
sleep 0.5
capture tcpstory-c c0 "$out/loss-unseen.pcap" "tcp port 18407"
client_side=$capture_pid
capture tcpstory-r rs "$out/loss.pcap" "tcp port 18407"
ip netns exec tcpstory-c $peers bulk-client 198.18.2.1 18407
wait $server
stop
capture_pid=$client_side
stop

# 8. A resend that merges lost segments: the router's way to the server drops a burst of small segments
# (one per write, no Nagle), and Linux resends what is missing, FIN included, as one segment.
ip netns exec tcpstory-r tc qdisc add dev rs root tbf rate 64kbit burst 1600 limit 700
ip netns exec tcpstory-s $peers sink-server 198.18.2.1 18409 &
server=$!
sleep 0.5
capture tcpstory-r rc "$out/resend-merged.pcap" "tcp port 18409"
ip netns exec tcpstory-c $peers chatty-client 198.18.2.1 18409
wait $server
stop

# 10. Loss without SACK or timestamps: the client's stack offers neither (sysctls of its namespace), so the
# server recovers from duplicate and partial ACKs alone, as NewReno does. The same path as 7, the router's
# way to the server without 8's queue; taken at the router's server side, before the drop.
ip netns exec tcpstory-r tc qdisc del dev rs root
ip netns exec tcpstory-c sysctl -qw net.ipv4.tcp_sack=0 net.ipv4.tcp_timestamps=0
ip netns exec tcpstory-s $peers bulk-server 198.18.2.1 18410 60000 &
server=$!
sleep 0.5
capture tcpstory-r rs "$out/loss-nosack.pcap" "tcp port 18410"
ip netns exec tcpstory-c $peers bulk-client 198.18.2.1 18410
wait $server
stop

# 9. Loss on loopback, as `tc qdisc add dev lo root netem loss 20%` would make it: a namespace's own lo
# (never the machine's, which other programs use) with an MTU of 1500 and a small tbf queue. Drops happen
# before the capture sees a packet, data and ACKs alike.
ip netns add tcpstory-l
ip -n tcpstory-l link set lo mtu 1500
ip -n tcpstory-l link set lo up
ip netns exec tcpstory-l ethtool -K lo tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec tcpstory-l tc qdisc add dev lo root tbf rate 8mbit burst 3000 limit 6000
ip netns exec tcpstory-l $peers bulk-server 127.0.0.1 18408 100000 &
server=$!
sleep 0.5
capture tcpstory-l lo "$out/loss-lo.pcap" "tcp port 18408"
ip netns exec tcpstory-l $peers bulk-client 127.0.0.1 18408
wait $server
stop
