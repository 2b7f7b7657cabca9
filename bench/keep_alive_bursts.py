"""Bursts of concurrent requests on one kept-alive httpx pool, pausing between bursts for about
the server's keep-alive time, and every failed request named: the load that shows a server
closing idle connections its clients still reuse (the keep-alive race).

Each round sends ``--clients`` requests at once on one ``httpx.AsyncClient`` (its default
``keepalive_expiry`` of 5 s, a pool as large as the round), then pauses uniform(A, B) seconds
(``--pause A,B``), until ``--seconds`` or ``--max-requests``. Only to a server you started,
on 127.0.0.1. Prints one JSON line (requests sent, statuses, fresh and reused connections,
errors) and each kind of error with its count: ``ReadError`` or ``RemoteProtocolError: Server
disconnected without sending a response`` on a reused connection is a request the server lost
as it closed an idle connection.

    python bench/keep_alive_bursts.py http://127.0.0.1:18201 /ask --clients 150 --pause 4.0,5.0 --seconds 150
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import random
import time
from typing import Any

import httpx

QUESTION = "Hvornår blev Digital Post obligatorisk?"


async def run(url: str, path: str, clients: int, pause: tuple[float, float], seconds: float, max_requests: int) -> None:
    """Send the rounds and print what came back (see the module docstring)."""
    statuses: collections.Counter[str] = collections.Counter()
    errors: collections.Counter[str] = collections.Counter()
    sent = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=60.0, limits=limits) as client:

        async def one() -> None:
            events: list[str] = []

            async def trace(name: str, info: dict[str, Any]) -> None:
                events.append(name)

            try:
                if path == "/ask":
                    response = await client.post("/ask", json={"question": QUESTION}, extensions={"trace": trace})
                else:
                    response = await client.get(path, extensions={"trace": trace})
                statuses[str(response.status_code)] += 1
                statuses["fresh conn" if any("connect_tcp" in e for e in events) else "reused conn"] += 1
            except httpx.HTTPError as exc:
                fresh = any("connect_tcp" in e for e in events)
                errors[f"{type(exc).__name__}: {exc} ({'fresh' if fresh else 'reused'} connection)"] += 1

        while time.perf_counter() - started < seconds and sent + clients <= max_requests:
            await asyncio.gather(*(one() for _ in range(clients)))
            sent += clients
            await asyncio.sleep(random.uniform(*pause))
    elapsed = round(time.perf_counter() - started, 1)
    print(json.dumps({"sent": sent, "seconds": elapsed, "statuses": statuses, "errors": sum(errors.values())}))
    for kind, count in errors.most_common():
        print(f"  {count} x {kind}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the server, e.g. http://127.0.0.1:18201")
    parser.add_argument("path", help="/ask (POSTs a question) or a path to GET, e.g. /healthz")
    parser.add_argument("--clients", type=int, default=50, help="requests at once in a round (default 50)")
    parser.add_argument("--pause", default="4.0,5.0", help="A,B: pause uniform(A, B) seconds between rounds")
    parser.add_argument("--seconds", type=float, default=150, help="stop starting rounds after this (default 150)")
    parser.add_argument("--max-requests", type=int, default=20000, help="at most this many requests (20000)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the pauses (default 1)")
    args = parser.parse_args()
    random.seed(args.seed)
    low, high = (float(x) for x in args.pause.split(","))
    asyncio.run(run(args.url, args.path, args.clients, (low, high), args.seconds, args.max_requests))


if __name__ == "__main__":
    main()
