# A simple pipelined checker, the yardstick for `infratests check --corpus` (bench/feedback.sh, bulk_same_container):
# one non-blocking UDP socket, WINDOW questions in flight, answers matched by id and question, each verified the way
# `check --corpus --expect listed` does: every blocklist zone answers NOERROR or NXDOMAIN, at least one lists the name
# (an A record), and then no whitelist zone lists it. A lost answer is asked again after 0.5 s, doubling, 4 tries.
#   python3 pipelined-checker.py PORT CORPUS "BLOCKLIST ZONES" "WHITELIST ZONES" WINDOW
# Prints: answers/s, names checked, passed, misses, answers, questions given up.
import select, socket, struct, sys, time
port, corpus, bl, wl, window = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(), sys.argv[4].split(), int(sys.argv[5])
def query(i, name): return struct.pack(">6H", i, 0, 1, 0, 0, 0) + b"".join(bytes([len(l)]) + l for l in name.encode().split(b".")) + b"\0\0\1\0\1"
def listed(m, qlen):  # (rcode, any A record in the answer section)
    at, found = 12 + qlen, False
    for _ in range(struct.unpack_from(">H", m, 6)[0]):
        while m[at] and m[at] < 0xC0: at += 1 + m[at]
        at += 2 if m[at] >= 0xC0 else 1
        found |= struct.unpack_from(">H", m, at)[0] == 1; at += 10 + struct.unpack_from(">H", m, at + 8)[0]
    return m[3] & 15, found
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.connect(("127.0.0.1", port)); s.setblocking(False)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
names = (l.split("#")[0].strip() for l in open(corpus)); todo, pending, state = [], {}, {}
next_id, answers, passed, misses, lost, done, start = 0, 0, 0, 0, 0, False, time.monotonic()
while not done or todo or pending:
    while len(pending) < window and (todo or not done):
        if not todo:
            n = next(names, None)
            if n is None: done = True; continue
            if not n: continue
            state[n] = [len(bl), False, 0]; todo += [(n, z, "bl") for z in bl]
        n, z, kind = todo.pop(); next_id = (next_id + 1) & 0xFFFF
        while next_id in pending: next_id = (next_id + 1) & 0xFFFF
        q = query(next_id, f"{n}.{z}"); pending[next_id] = [q, n, kind, time.monotonic(), 0]; s.send(q)
    try: m = s.recv(4096)
    except BlockingIOError:
        now = time.monotonic()
        for i, p in list(pending.items()):
            if now - p[3] > 0.5 * 2 ** p[4]:
                if p[4] == 3: del pending[i]; lost += 1; misses += state.pop(p[1], None) is not None; continue
                p[3], p[4] = now, p[4] + 1; s.send(p[0])
        select.select([s], [], [], 0.05); continue  # bound: the next sweep, 50 ms at most
    p = pending.get(struct.unpack_from(">H", m)[0])
    if p is None or not m[2] & 0x80 or m[12:len(p[0])].lower() != p[0][12:].lower(): continue
    del pending[struct.unpack_from(">H", m)[0]]; answers += 1; rcode, a = listed(m, len(p[0]) - 12); st = state.get(p[1])
    if st is None: continue
    if rcode not in (0, 3): st[2] += 1
    st[0] -= 1; st[1] |= p[2] == "bl" and a; st[2] += p[2] == "wl" and a
    if st[0] == 0 and p[2] == "bl" and st[1] and not st[2]: st[0] = len(wl); todo += [(p[1], z, "wl") for z in wl]
    if st[0] == 0 and (p[2] == "wl" or not st[1] or st[2] or not wl):
        del state[p[1]]; ok = st[1] and not st[2]; passed += ok; misses += not ok
took = time.monotonic() - start
print(f"{answers / took:.0f} {passed + misses} {passed} {misses} {answers} {lost}")
