"""The shipped nginx config (``python -m site_config.deploy.nginx``, with Brotli) in a real
nginx on a free loopback port, serving a site built for that address under a prefix.

Two users: ``tests/browser/test_nginx.py`` (headers, MIME types, compression and the
widgets under the Content-Security-Policy) and the benchmark's page shell figures, which
are measured as readers get the pages (the build's compressed copies, keep-alive) rather
than through Python's one-thread-per-request server.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from site_config.deploy import csp

ROOT = Path(__file__).resolve().parent.parent
NGINX = Path("/usr/sbin/nginx")
#: Debian's libnginx-mod-http-brotli-static (scripts/setup.sh --test installs it)
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
#: Where the tests and the benchmark serve the site: a prefix, as the region's server may
#: (not the /kronobarn/ of the examples: the prefix comes from the build's site_url alone).
PREFIX = "/kronobarnsmodellen/"


@dataclass(frozen=True)
class LocalNginx:
    """A running nginx: where it listens and serves from, and its files."""

    port: int
    root: Path
    site: Path
    prefix: str
    access_log: Path
    command: tuple[str, ...]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.prefix}"

    @property
    def error_log(self) -> Path:
        return self.root / "logs" / "error.log"

    @property
    def report_log(self) -> Path:
        """Where the CSP violation reports go, one line each (``report_only``)."""
        return self.root / "logs" / "csp-report.log"

    def reports(self) -> int:
        """How many CSP violation reports the browser has sent so far (``report_only``)."""
        if not self.report_log.exists():
            return 0
        return len(self.report_log.read_text().splitlines())

    def stop(self) -> None:
        subprocess.run([*self.command, "-s", "stop"], check=False)


def missing() -> str | None:
    """What this machine lacks to run it, in Swedish, or None."""
    if NGINX.exists() and BROTLI_MODULE.exists():
        return None
    return (f"{NGINX} eller {BROTLI_MODULE} saknas: kör 'make test', som installerar nginx "
            "med Brotli-modulen")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_config(root: Path, port: int) -> str:
    user = "user root;\n" if os.geteuid() == 0 else ""  # pytest's temp dirs are 0700
    temp = root / "temp"
    return f"""{user}load_module {BROTLI_MODULE};
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/logs/error.log notice;
events {{ worker_connections 128; }}
http {{
    include conf.d/*.conf;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root}/www;
        include snippets/kronobarn.conf;
        location = /csp-report {{
            access_log {root}/logs/csp-report.log;
            return 204;
        }}
    }}
}}
"""


def start(root: Path, build: Callable[[Path, str], object], *, access_log: Path,
          report_only: bool = False, prefix: str = PREFIX) -> LocalNginx:
    """nginx in ``root`` (made empty dirs conf, www, logs, temp), serving what
    ``build(site_dir, url)`` builds for its address under ``prefix`` with the generated
    config. ``report_only`` adds a Report-Only copy of the site's policy that reports to
    ``/csp-report`` (a ``securitypolicyviolation`` event only reaches the document it
    happens in, so workers' violations are seen only this way); the enforced header stays
    exactly what the generator writes. Raises RuntimeError, with nginx's error log, when
    it does not start."""
    for sub in ("conf", "www", "logs", "temp"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    shutil.copyfile("/etc/nginx/mime.types", root / "conf" / "mime.types")
    for _attempt in range(3):  # the free port may be taken in between: try another
        port = _free_port()
        site = root / "www" / prefix.strip("/")
        if site.exists():
            shutil.rmtree(site)
        # Built for the address nginx serves it at (instant navigation needs it).
        build(site, f"http://127.0.0.1:{port}{prefix}")
        generated = subprocess.run(
            [sys.executable, "-m", "site_config.deploy.nginx", str(site), "--out-dir",
             str(root / "conf"), "--access-log", str(access_log), "--brotli"],
            check=True, cwd=ROOT, capture_output=True, text=True)
        if "snippets/kronobarn.conf" not in generated.stdout:
            raise RuntimeError(f"konfigurationen skrevs inte: {generated.stdout}")
        if report_only:
            headers = root / "conf" / "snippets" / "kronobarn-headers.conf"
            policy = f"{csp.site_policy(site)}; report-uri /csp-report"
            with headers.open("a") as file:
                file.write(f'add_header Content-Security-Policy-Report-Only "{policy}" '
                           "always;\n")
        config = root / "conf" / "nginx.conf"
        config.write_text(_server_config(root, port))
        command = (str(NGINX), "-p", str(root), "-c", str(config))
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
        if checked.returncode != 0 or "warn" in checked.stderr:
            raise RuntimeError(checked.stderr)
        # As a daemon, nginx returns once its socket listens: no polling for readiness.
        if subprocess.run(command).returncode == 0:
            return LocalNginx(port=port, root=root, site=site, prefix=prefix,
                              access_log=access_log, command=command)
    log = root / "logs" / "error.log"
    raise RuntimeError(f"nginx startade inte: {log.read_text() if log.exists() else ''}")
