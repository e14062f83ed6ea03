"""Screenshots of the map for docs/: the border region, Nineveh and a governorate choropleth.

    .venv/bin/python scripts/map_screenshots.py

Builds a fresh SpatiaLite database (var/screenshots.sqlite3) with the default gazetteer,
the COD-AB governorate outlines when ../shared/data is present (the default gazetteer has
none, and the choropleth needs them) and the demo reports, serves it on 127.0.0.1:8114
and photographs the map in headless Chromium (the system /usr/bin/chromium, no network):
docs/map-border.png, docs/map-nineveh.png, docs/map-choropleth.png.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "screenshots.sqlite3"
SHARED = Path(os.environ.get("BENCH_SHARED_DATA", ROOT.parent / "shared" / "data"))
PORT = int(os.environ.get("SCREENSHOT_PORT", "8114"))
SHOTS = {  # file -> the map's address (a shared view)
    "map-border.png": "/?layers=areas",
    "map-nineveh.png": "/?layers=areas&preset=nineveh",
    "map-choropleth.png": "/?layers=choropleth&c=34.6,41.5&z=6",
}


def _manage(env: dict[str, str], *args: str, wait: bool = True):
    """manage.py with our own arguments (no outside input), quietly."""
    command = [sys.executable, "manage.py", *args]
    if wait:
        return subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,  # noqa: S603
                            stderr=subprocess.DEVNULL)


def _prepare(env: dict[str, str], password: str) -> None:
    DATABASE.unlink(missing_ok=True)
    _manage(env, "migrate", "--noinput")
    _manage(env, "gazetteer_load_default")
    cod_ab = [SHARED / "boundaries" / name for name in ("iraq_cod_ab_2019", "syria_cod_ab_2020")]
    if all(path.is_dir() for path in cod_ab):
        _manage(env, "gazetteer_load_boundaries", "--quiet", *map(str, cod_ab))
    else:
        print(f"no COD-AB outlines at {SHARED}: the choropleth will be empty", file=sys.stderr)
    _manage(env, "ingest", "demo/reports")
    create = ("from django.contrib.auth import get_user_model; "
              f"get_user_model().objects.create_user(username='screenshots', password={password!r})")
    _manage(env, "shell", "-c", create)


def _photograph(base: str, password: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                   else route.abort())
        for _ in range(100):
            try:
                page.goto(base + "/accounts/login/")
                break
            except Exception:  # noqa: BLE001 - refused until the server listens
                time.sleep(0.2)
        page.fill('input[name="username"]', "screenshots")
        page.fill('input[name="password"]', password)
        page.click('button[type="submit"]')
        page.wait_for_selector("#map")
        for name, address in SHOTS.items():
            preset = address.partition("preset=")[2]
            page.goto(base + address.replace(f"&preset={preset}", ""))
            page.wait_for_function("document.documentElement.getAttribute('data-map-idle') === '1'")
            if preset:
                page.click(f'button[data-preset="{preset}"]')
            page.wait_for_timeout(1500)  # reloads after the move, tiles of outlines, fades
            page.screenshot(path=str(ROOT / "docs" / name))
            print(f"docs/{name}")
        browser.close()


def main() -> None:
    password = secrets.token_urlsafe(12)
    env = {**os.environ, "DATABASE_URL": f"spatialite:///{DATABASE}",
           "DJANGO_SETTINGS_MODULE": "config.settings.dev", "DEBUG": "0", "MAP_TILE_URL": ""}
    _prepare(env, password)
    server = _manage(env, "runserver", f"127.0.0.1:{PORT}", "--noreload", "--insecure", wait=False)
    try:
        _photograph(f"http://127.0.0.1:{PORT}", password)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
