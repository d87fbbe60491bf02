"""The two ends of each captured conversation (see make-captures.sh): small, plain socket programs,
so that every segment in the captures comes from the kernel's own TCP."""
import socket
import struct
import sys
import time


def listener(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port))
    s.listen(1)
    return s


def connect(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    c = socket.socket(family, socket.SOCK_STREAM)
    c.settimeout(30)
    c.connect((host, port))
    return c


def read_all(sock):
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def half_close_server(host, port):
    """Reads the whole request (until the client's FIN), then answers and closes."""
    s = listener(host, port)
    conn, _ = s.accept()
    request = read_all(conn)
    conn.sendall(b"you said %d bytes\n" % len(request))
    time.sleep(0.2)
    conn.sendall(b"bye\n")
    conn.close()


def half_close_client(host, port):
    """Sends its request, closes its sending side, and goes on reading the answer."""
    c = connect(host, port)
    c.sendall(b"hello, this is all I have to say\n")
    c.shutdown(socket.SHUT_WR)
    read_all(c)
    c.close()


def abort_server(host, port):
    s = listener(host, port)
    conn, _ = s.accept()
    conn.recv(1024)
    conn.sendall(b"welcome\n")
    time.sleep(1)
    conn.close()


def abort_client(host, port):
    """Reads the greeting, then closes with SO_LINGER 0: the kernel aborts with a RST."""
    c = connect(host, port)
    c.sendall(b"hi\n")
    c.recv(1024)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    c.close()


def bulk_server(host, port, size):
    s = listener(host, port)
    conn, _ = s.accept()
    conn.recv(1024)
    conn.sendall(b"x" * size)
    conn.shutdown(socket.SHUT_WR)
    read_all(conn)
    conn.close()


def bulk_client(host, port):
    c = connect(host, port)
    c.sendall(b"GET\n")
    read_all(c)
    c.close()


def chatty_client(host, port):
    """Many small writes at once, each its own segment (no Nagle): a burst of small packets."""
    c = connect(host, port)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    for i in range(30):
        c.send(b"line %02d of the chatty client\n" % i)
    c.shutdown(socket.SHUT_WR)
    read_all(c)
    c.close()


def sink_server(host, port):
    """Reads until the client's FIN, then answers with how much it got and closes."""
    s = listener(host, port)
    conn, _ = s.accept()
    got = read_all(conn)
    conn.sendall(b"%d\n" % len(got))
    conn.close()


def refused_client(host, port):
    try:
        connect(host, port)
    except ConnectionRefusedError:
        pass


def main():
    role, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if role == "half-close-server":
        half_close_server(host, port)
    elif role == "half-close-client":
        half_close_client(host, port)
    elif role == "abort-server":
        abort_server(host, port)
    elif role == "abort-client":
        abort_client(host, port)
    elif role == "bulk-server":
        bulk_server(host, port, int(sys.argv[4]))
    elif role == "bulk-client":
        bulk_client(host, port)
    elif role == "chatty-client":
        chatty_client(host, port)
    elif role == "sink-server":
        sink_server(host, port)
    elif role == "refused-client":
        refused_client(host, port)
    else:
        sys.exit("unknown role " + role)


if __name__ == "__main__":
    main()
