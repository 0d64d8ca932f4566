"""What the side-by-side comparison scripts share: calling `ccgtext eval` and naming the machine."""
import json
import os
import platform
import subprocess
from pathlib import Path


def ccgtext_eval(ccgtext, evaluation, args):
    """Runs `ccgtext eval <evaluation> --json ARGS` and returns its figures."""
    result = subprocess.run([ccgtext, "eval", evaluation, "--json", *args], check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def machine_description():
    """CPU model, core count and Python version, for the line above a results table."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}"
