"""One line describing this machine, printed with every benchmark and evaluation figure."""

import os
import platform
import time
from pathlib import Path


def machine_description(*, with_date: bool = True) -> str:
    """'2 CPUs (AMD EPYC ...), Python 3.11.2[, 2026-11-25]'."""
    model = platform.processor() or platform.machine() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    text = f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}"
    return f"{text}, {time.strftime('%Y-%m-%d')}" if with_date else text
