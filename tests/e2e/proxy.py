"""A local deployment as deploy/README.md describes it: N replicas started by
deploy/replicas.sh, behind Debian's nginx running the site that script renders.

Used by tests/e2e/test_deploy_e2e.py and benchmarks/replicas.py. Everything listens on
loopback ports; nginx runs from its own prefix directory, so it never touches /etc/nginx
or a system nginx.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "deploy" / "replicas.sh"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"
LOG_LINE = re.compile(r'"(?P<request>[^"]*)" (?P<status>\d+) route=(?P<route>\S+) upstream=(?P<upstream>.*?) upstream_status=')


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_ports(count: int, start: int = 20_000) -> int:
    """The first of `count` consecutive free loopback ports at or above `start`."""
    port = start
    while not all(_port_free(p) for p in range(port, port + count)):
        port += count
    return port


class Deployment:
    """`count` replicas under `base_path` behind nginx; `url` is the proxy's address."""

    def __init__(self, count: int = 3, base_path: str = "/", env: dict[str, str] | None = None,
                 first_port: int = 20_000, listen: int | None = None):
        self.count = count
        self.base_path = "/" + base_path.strip("/") + ("/" if base_path.strip("/") else "")
        self.dir = Path(tempfile.mkdtemp(prefix="bodymap-deploy-"))
        self.dir.chmod(0o755)  # nginx's workers (nobody) keep their temp files under it
        self.first_port = free_ports(count, first_port)
        self.listen = free_ports(1, listen or self.first_port + count)
        self.env = {**os.environ, **(env or {}), "BODYMAP_BASE_PATH": self.base_path,
                    "BODYMAP_RUN_DIR": str(self.dir / "run"), "BODYMAP_LISTEN": f"127.0.0.1:{self.listen}",
                    "BODYMAP_ACCESS_LOG": str(self.dir / "access.log")}
        self.nginx: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listen}{self.base_path}"

    @property
    def replica_ports(self) -> list[int]:
        return list(range(self.first_port, self.first_port + self.count))

    def _script(self, *args: str) -> str:
        return subprocess.run([str(SCRIPT), *args], env=self.env, check=True, capture_output=True, text=True,
                              timeout=180).stdout

    def nginx_command(self, *extra: str) -> list[str]:
        """nginx running the site deploy/replicas.sh renders, from this deployment's own prefix."""
        site = self.dir / "bodymap.conf"
        site.write_text(self._script("nginx-conf", str(self.count), str(self.first_port)))
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers read the temp dir we made
        (self.dir / "nginx.conf").write_text(
            f"{user}worker_processes 1;\npid {self.dir}/nginx.pid;\nerror_log {self.dir}/error.log warn;\n"
            "events { worker_connections 1024; }\n"
            f"http {{\n  include {MIME_TYPES};\n"
            + "".join(f"  {kind}_temp_path {self.dir}/{kind}_temp;\n"
                      for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
            + f"  include {site};\n}}\n")
        return [NGINX, "-p", str(self.dir), "-c", str(self.dir / "nginx.conf"), "-e", str(self.dir / "error.log"),
                *extra]

    def start(self) -> Deployment:
        self._script("start", str(self.count), str(self.first_port))
        self.nginx = subprocess.Popen(self.nginx_command("-g", "daemon off;"),
                                      stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2).read() == b"ok":
                    return self
            except OSError:
                if self.nginx.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"nginx did not start: {self.nginx.stdout.read() if self.nginx.stdout else ''}"
                           f"{self.error_log()}")

    def stop(self) -> None:
        if self.nginx and self.nginx.poll() is None:
            self.nginx.terminate()
            self.nginx.wait(timeout=10)
        self._script("stop")

    def remove(self) -> None:
        """Delete the deployment's folder (config, pid files, logs): after `stop` and any log checks."""
        shutil.rmtree(self.dir, ignore_errors=True)

    def pid(self, port: int) -> int:
        return int((self.dir / "run" / f"replica-{port}.pid").read_text())

    def replica_log(self, port: int) -> str:
        return (self.dir / "run" / f"replica-{port}.log").read_text()

    def error_log(self) -> str:
        path = self.dir / "error.log"
        return path.read_text() if path.exists() else ""

    def access_log(self) -> list[dict[str, str]]:
        path = self.dir / "access.log"
        text = path.read_text() if path.exists() else ""
        return [m.groupdict() for m in map(LOG_LINE.search, text.splitlines()) if m]

    def replicas_by_route(self) -> dict[str, set[str]]:
        """For each browser (its route cookie), the replicas that finally answered it."""
        seen: dict[str, set[str]] = defaultdict(set)
        for line in self.access_log():
            # A failed try lists several addresses ("a, b"); the last one answered.
            last = line["upstream"].split(",")[-1].strip()
            if last != "-":
                seen[line["route"]].add(last)
        return seen
