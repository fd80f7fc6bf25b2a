"""`python -m conference run`: the one entry point. Monkey patching (eventlet or gevent)
happens here, first, and nowhere else."""

import sys
import warnings

from . import config  # settings only: it imports nothing that monkey patching must precede


def _async_mode(argv: list[str]) -> str:
    for n, arg in enumerate(argv):
        if arg == "--async-mode" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--async-mode="):
            return arg.split("=", 1)[1]
    return config.async_mode()


ASYNC_MODE = _async_mode(sys.argv[1:])
if ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()
else:
    # eventlet is in bug-fix-only mode upstream (docs/architecture.md); no need to say so at every start
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()

import argparse  # noqa: E402
import socket  # noqa: E402


def _listener(host: str, port: int, nodelay: bool) -> socket.socket:
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    # An ack and an event are two small writes; without TCP_NODELAY the second waits for
    # the client's delayed ACK (~40 ms). Accepted sockets inherit the option on Linux.
    if nodelay:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(address)
    sock.listen(2048)
    return sock


def _tame_the_collector(freeze: bool, thresholds: str) -> None:
    """Everything built at start (modules, the app, the vocabulary) lives as long as the
    process: freeze it out of the collector's sight, so a full collection walks only what
    the meetings make. Thresholds, if given, are "gen0,gen1,gen2" (bench/RESULTS.md)."""
    import gc

    if thresholds:
        gc.set_threshold(*(int(n) for n in thresholds.split(",")))
    if freeze:
        gc.collect()
        gc.freeze()


def _raise_open_file_limit() -> None:
    """Each phone holds a socket: lift the soft limit on open files to the hard one."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if hard == resource.RLIM_INFINITY or hard > soft:
            resource.setrlimit(
                resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard)
            )
    except (ImportError, ValueError, OSError):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m conference", description="Conference Board server")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="serve the board")
    settings = config.from_env()
    run.add_argument("--host", default=settings["HOST"])
    run.add_argument("--port", type=int, default=settings["PORT"])
    run.add_argument("--data", default=settings["DATA_DIR"], help="folder for the SQLite file")
    run.add_argument("--redis", default=settings["REDIS_URL"], help="Redis URL: several processes share it")
    run.add_argument("--async-mode", choices=["eventlet", "gevent"], default=ASYNC_MODE)
    fac = sub.add_parser("facilitator", help="manage facilitator accounts (chairs who may start boards)")
    fac.add_argument("action", choices=["add", "list", "remove", "reset-password", "manager"])
    fac.add_argument("username", nargs="?")
    fac.add_argument("--off", action="store_true", help="manager: no longer a manager")
    purge = sub.add_parser("purge", help="delete ended conferences past their retention, and abandoned ones")
    purge.add_argument("--now", help="pretend it is this time (ISO 8601), to check what would go")
    for p in (fac, purge):
        p.add_argument("--data", default=settings["DATA_DIR"])
        p.add_argument("--redis", default=settings["REDIS_URL"])
    back = sub.add_parser("backup", help="write a consistent copy of the SQLite data while the server runs")
    back.add_argument("file")
    restore = sub.add_parser("restore", help="put a backup back, with the server stopped")
    restore.add_argument("file")
    for p in (back, restore):
        p.add_argument("--data", default=settings["DATA_DIR"])
    sub.add_parser("backup-key", help="print a new key for CONFERENCE_BACKUP_KEY")
    args = parser.parse_args(argv)
    if args.command == "facilitator":
        return _facilitator(args)
    if args.command == "purge":
        return _purge(args)
    if args.command in ("backup", "restore", "backup-key"):
        return _backup(args, settings)

    _raise_open_file_limit()
    _logging(settings["LOG_LEVEL"])
    from . import create_app

    app = create_app({"DATA_DIR": args.data, "ASYNC_MODE": ASYNC_MODE, "REDIS_URL": args.redis or None})
    _tame_the_collector(settings["GC_FREEZE"], settings["GC_THRESHOLDS"])
    listener = _listener(args.host, args.port, settings["TCP_NODELAY"])
    where = f"Redis {args.redis.split('@')[-1]}" if args.redis else f"data in {args.data}"
    print(
        f"Conference Board is running at http://{args.host}:{args.port}/ ({where}, {ASYNC_MODE})", flush=True
    )
    if ASYNC_MODE == "gevent":
        from gevent.pywsgi import WSGIServer
        from geventwebsocket.handler import WebSocketHandler

        WSGIServer(listener, app, handler_class=WebSocketHandler, log=None).serve_forever()
    else:
        import eventlet.wsgi

        # every open socket holds a green thread for the whole meeting: eventlet's default
        # pool of 1,024 would stall the 1,025th phone
        max_size = settings["MAX_CONNECTIONS"]
        # the app writes its own access log, with join codes taken out of paths (app.py)
        # debug=False: an error past Flask (in Engine.IO's own layer) answers a bare 500,
        # never its traceback (eventlet sends it to the client by default)
        eventlet.wsgi.server(
            listener, app, log_output=False, max_size=max_size, protocol=_lean_protocol(), debug=False
        )
    return 0


def _lean_protocol():
    """eventlet's HTTP protocol with smaller buffers. A socket's connection lives for the
    whole meeting and keeps the buffers its HTTP upgrade was read and written with: eventlet's
    8 KB to read and 16 KB to write cost 16 MB of memory with 2,000 phones connected (bench/RESULTS.md,
    "the tail over five minutes"). A request's line and headers still fit in one read; a
    larger response is written past the buffer, straight to the socket."""
    import eventlet.wsgi

    class LeanProtocol(eventlet.wsgi.HttpProtocol):
        rbufsize = 2 << 10
        wbufsize = 1 << 10  # not 0: eventlet loses data in writelines() without a buffer

    return LeanProtocol


def _logging(level: str) -> None:
    """The server's log: ours, with the WSGI servers' request logs off (they would carry
    full paths, join codes included; the app writes conference.access without them)."""
    import logging

    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("geventwebsocket.handler", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _store(args):
    """The same store `run` would use, with every storage setting (sync mode, busy timeout)."""
    from .store import make_store

    return make_store({**config.from_env(), "DATA_DIR": args.data, "REDIS_URL": args.redis or None})


def _password() -> str:
    """From standard input when it is not a terminal (scripts), else asked for twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Same password again: ") != first:
        raise SystemExit("The two passwords were not the same; nothing was changed.")
    return first


def _purge(args) -> int:
    from .service import NullPublisher, Service, utc_now

    settings = config.from_env()
    service = Service(_store(args), NullPublisher())
    gone = service.retention.purge(args.now or utc_now(), settings["RETENTION_DAYS"], settings["IDLE_DAYS"])
    print(f"Deleted {len(gone)} conference(s).")
    return 0


def _backup(args, settings: dict) -> int:
    from . import backup

    if args.command == "backup-key":
        print(backup.new_key())
        return 0
    if settings["REDIS_URL"]:
        print(
            "REDIS_URL is set: the data is in Redis, so back up Redis's own files (docs/deployment.md).",
            file=sys.stderr,
        )
        return 2
    try:
        if args.command == "backup":
            done = backup.backup(args.data, args.file, settings["BACKUP_KEY"])
            how = "encrypted" if done["encrypted"] else "NOT encrypted (CONFERENCE_BACKUP_KEY is not set)"
            print(
                f"Backed up {args.data} to {args.file} ({done['bytes']} bytes, {how}; "
                f"snapshot in {done['snapshot_s']:.3f} s)."
            )
        else:
            done = backup.restore(args.data, args.file, settings["BACKUP_KEY"])
            print(
                f"Restored {args.file} into {args.data}: {done['conferences']} conference(s); "
                f"{done['deleted_again']} deleted since the backup were deleted again."
            )
    except backup.BackupError as err:
        after = "No backup was written." if args.command == "backup" else "Nothing was changed."
        print(f"{err} {after}", file=sys.stderr)
        return 2
    return 0


def _facilitator(args) -> int:
    from .accounts import Accounts
    from .domain.errors import DomainError

    accounts = Accounts(_store(args))
    try:
        if args.action == "list":
            for name in accounts.list():
                print(f"{name} (manager)" if accounts.is_manager(name) else name)
            return 0
        if not args.username:
            raise SystemExit("Please give the username.")
        if args.action == "add":
            accounts.add(args.username, _password())
            print(f"Facilitator {args.username} added.")
        elif args.action == "reset-password":
            accounts.reset_password(args.username, _password())
            print(f"Password for {args.username} changed.")
        elif args.action == "remove":
            if not accounts.remove(args.username):
                raise SystemExit(f"There is no facilitator called {args.username}.")
            print(f"Facilitator {args.username} removed; their sign-ins have ended.")
        elif args.action == "manager":
            accounts.set_manager(args.username, not args.off)
            if args.off:
                print(f"Facilitator {args.username} is no longer a manager.")
            else:
                print(
                    f"Facilitator {args.username} is now a manager: at /manage they see every "
                    "conference's details and access record (never what is on a board) and can "
                    "move a conference to another chair."
                )
    except DomainError as err:
        print(err.message, file=sys.stderr)
        return 2
    return 0


def _entry() -> int:
    try:
        from .domain import vocabulary  # noqa: F401  (reads and checks the kinds file)
    except ValueError as err:
        if type(err).__name__ != "KindsFileError":
            raise
        # the council's kinds file: say which line, start nothing
        print(f"Conference Board can't start: {err}", file=sys.stderr)
        return 2
    return main()


if __name__ == "__main__":
    sys.exit(_entry())
