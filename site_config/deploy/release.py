"""``make release``: build the site for the public, or say in Swedish why not.

    SITE_URL=https://vard.example.se/kronobarnsmodellen/ make release

Before anything is built it checks what a development build only warns about
(``site_config.content.publication``): ``SITE_URL`` given and not the building machine's own
address, the report address no longer the placeholder, and the accessibility statement's
details filled in. It names every problem at once and exits with status 1, building
nothing. With all of them in order it runs the ordinary ``mkdocs build`` into ``site/``
and says where the web server's configuration comes from.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from decision_logic import ContentError
from site_config.content.approval import PROJECT_DIR
from site_config.content.load import load_settings
from site_config.content.publication import release_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make release", description="Bygger webbplatsen för publicering (SITE_URL krävs).")
    parser.add_argument("--project", type=Path, default=PROJECT_DIR,
                        help="projektets mapp (där mkdocs.yml ligger)")
    args = parser.parse_args(argv)
    config_file = args.project / "mkdocs.yml"
    site_url = os.environ.get("SITE_URL", "")
    try:
        problems = release_problems(site_url, load_settings(config_file))
    except ContentError as error:
        problems = [str(error)]
    if problems:
        print(f"Webbplatsen byggdes inte för publicering: {len(problems)} problem.",
              file=sys.stderr)
        for number, problem in enumerate(problems, 1):
            print(f"  {number}. {problem}", file=sys.stderr)
        print("Rätta dem och kör make release igen (se README, avsnittet Publicera). "
              "För att titta på webbplatsen på den egna datorn räcker make serve.",
              file=sys.stderr)
        return 1
    print(f"Bygger webbplatsen för {site_url} …")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                            "--config-file", str(config_file)], cwd=args.project, check=False)
    if built.returncode != 0:
        print("Bygget misslyckades (se felen ovan); inget är klart att publicera.",
              file=sys.stderr)
        return built.returncode
    site = args.project / "site"
    print(f"Klart: webbplatsen för {site_url} ligger i {site}/.\n"
          "Webbserverns inställningar (nginx) skrivs ur det här bygget av\n"
          f"  .venv/bin/python -m site_config.deploy.nginx {site} --out-dir /etc/nginx "
          "--brotli\n"
          "från mallen site_config/deploy/nginx/snippet.conf.in; se README, avsnittet "
          "Driftsättning.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
