"""`python -m conference run`: the one entry point; eventlet's monkey patching happens here only."""

import warnings

# eventlet is in bug-fix-only mode upstream; we know (docs/architecture.md), users needn't be told at every start
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import argparse  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conference", description="Conference Board server")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the board")
    run.add_argument("--host", default=os.environ.get("CONFERENCE_HOST", "127.0.0.1"))
    run.add_argument("--port", type=int, default=int(os.environ.get("CONFERENCE_PORT", "5000")))
    run.add_argument(
        "--data", default=os.environ.get("CONFERENCE_DATA", "instance"), help="folder for the SQLite file"
    )
    args = parser.parse_args(argv)

    import eventlet.wsgi

    from . import create_app

    app = create_app({"DATA_DIR": args.data, "ASYNC_MODE": "eventlet"})
    family, _, _, _, address = eventlet.green.socket.getaddrinfo(args.host, args.port)[0]
    listener = eventlet.listen(address, family)
    # An ack and an event are two small writes; without TCP_NODELAY the second waits for
    # the client's delayed ACK (~40 ms). Accepted sockets inherit the option on Linux.
    if os.environ.get("CONFERENCE_TCP_NODELAY", "1") != "0":
        listener.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    print(f"Conference Board is running at http://{args.host}:{args.port}/ (data in {args.data})", flush=True)
    eventlet.wsgi.server(listener, app, log_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
