"""The preview server under load (see serve_load.sh): idle half-open connections, wrk, then
the time from a save to the reload event. Loopback only; every loop is bounded."""
import socket
import subprocess
import sys
import time
from pathlib import Path

url, site = sys.argv[1], Path(sys.argv[2])
host, port = url.removeprefix("http://").split(":")
port = int(port)

idle = []
for _ in range(500):
    s = socket.create_connection((host, port), timeout=5)
    s.sendall(b"GET / HTTP/1.1\r\nHo")
    idle.append(s)
print("500 idle connections holding half a request head")

for path in ["/", "/style.css"]:
    out = subprocess.run(
        ["wrk", "-t2", "-c100", "-d10s", "--latency", url + path],
        capture_output=True, text=True, timeout=60,
    ).stdout
    lines = [l for l in out.splitlines() if "requests in" in l or "99%" in l or "Socket errors" in l or "Non-2xx" in l]
    print(f"wrk -t2 -c100 -d10s {path}: " + " | ".join(l.strip() for l in lines))

# A save to a reload event on an open stream.
ev = socket.create_connection((host, port), timeout=10)
ev.sendall(f"GET /__dossier/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
buf = b""
while b"event: hello" not in buf:
    buf += ev.recv(4096)
doc = next(site.glob("content/articles/**/*.md"))
text = doc.read_text()
def drain(quiet=1.5):
    # Read until the stream has been quiet this long: the quick path's reload and the full
    # rebuild's both arrive before the next save.
    ev.settimeout(quiet)
    try:
        while ev.recv(4096):
            pass
    except socket.timeout:
        pass
    ev.settimeout(10)


samples = []
for i in range(5):
    drain()
    buf = b""
    started = time.perf_counter()
    doc.write_text(text.replace("\n\n", f"\n\nEdit {i}.\n\n", 1))
    deadline = started + 10
    while b"event: reload" not in buf and time.perf_counter() < deadline:
        buf += ev.recv(4096)
    samples.append((time.perf_counter() - started) * 1000)
doc.write_text(text)
print("save to reload event (ms): " + ", ".join(f"{s:.0f}" for s in samples))
for s in idle:
    s.close()
