#!/usr/bin/env python3
"""serve_client.py - raw-socket clients for serve.sh: what curl cannot do.

  slow PORT                  send half a body, then nothing: the server must
                             close the connection (prints "closed")
  trickle PORT N             send a request's headers one byte every half
                             second, at most N bytes: prints "closed" when the
                             server cut the connection first, else "open"
  flood PORT N               open N idle connections at once, hold them, then
                             close them (prints how many were accepted)
  split PORT FILE PIDFILE    POST FILE to /render in two halves with SIGTERM
                             sent to the server between them; prints the
                             status line and the body length received
  chunked PORT BYTES         POST BYTES of chunked body to /check; prints
                             "closed" or the status line

Every wait is bounded by a socket timeout (a guard, not a measurement)."""
import os
import signal
import socket
import sys


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=60)
    return s


def read_reply(s):
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    return data


def main():
    cmd, port = sys.argv[1], int(sys.argv[2])
    if cmd == "slow":
        s = connect(port)
        s.sendall(b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n<report")
        data = read_reply(s)
        print("closed" if not data.startswith(b"HTTP/1.1 200") else "answered")
    elif cmd == "trickle":
        import select
        s = connect(port)
        head = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 10000
        for i in range(int(sys.argv[3])):
            try:
                s.sendall(head[i:i + 1])
            except (BrokenPipeError, ConnectionResetError):
                print("closed")
                return
            readable, _, _ = select.select([s], [], [], 0.5)
            if readable:
                try:
                    data = s.recv(65536)
                except ConnectionResetError:
                    data = b""
                if not data:
                    print("closed")
                    return
        print("open")
    elif cmd == "flood":
        n = int(sys.argv[3])
        socks = []
        for _ in range(n):
            try:
                socks.append(connect(port))
            except OSError:
                break
        print(len(socks))
        for s in socks:
            s.close()
    elif cmd == "split":
        body = open(sys.argv[3], "rb").read()
        pid = int(open(sys.argv[4]).read().strip())
        s = connect(port)
        head = ("POST /render HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                "Content-Type: application/xml\r\nContent-Length: %d\r\n\r\n" % len(body))
        s.sendall(head.encode() + body[: len(body) // 2])
        # Let the server take the first half, then ask it to stop.
        s.settimeout(0.5)
        try:
            s.recv(1)
        except socket.timeout:
            pass
        s.settimeout(60)
        os.kill(pid, signal.SIGTERM)
        s.sendall(body[len(body) // 2:])
        data = read_reply(s)
        headers, _, payload = data.partition(b"\r\n\r\n")
        print(headers.split(b"\r\n")[0].decode(), len(payload))
    elif cmd == "chunked":
        total = int(sys.argv[3])
        s = connect(port)
        s.sendall(b"POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * 65536
        sent = 0
        try:
            while sent < total:
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
                sent += len(chunk)
            s.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            print("closed")
            return
        data = read_reply(s)
        print(data.split(b"\r\n")[0].decode() if data else "closed")


main()
