"""The names of what a build produces: every file name carries the version and the platform."""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "curator-desktop"
APP_NAME = "Curator Desktop"
CLI_NAME = "curator-desktop-cli"
"""Windows only: the same program with a console, for the headless commands."""

_MACHINES = {
    "amd64": "x86_64",
    "x86_64": "x86_64",
    "x64": "x86_64",
    "arm64": "arm64",
    "aarch64": "arm64",
    "i386": "x86",
    "i686": "x86",
    "x86": "x86",
}


def system_name(platform_id: str | None = None) -> str:
    """``linux``, ``windows`` or ``macos`` for a ``sys.platform`` value (this one by default)."""
    value = platform_id or sys.platform
    if value.startswith("win"):
        return "windows"
    if value == "darwin":
        return "macos"
    return "linux"


def machine_name(machine: str | None = None) -> str:
    """The processor as release files name it: ``x86_64``, ``arm64``, ``x86``."""
    value = (machine or platform.machine() or "unknown").lower()
    return _MACHINES.get(value, value)


def app_version() -> str:
    """``curator_desktop.__version__``, read from the source without importing the package."""
    for line in (ROOT / "curator_desktop" / "__init__.py").read_text("utf-8").splitlines():
        if line.startswith("__version__"):
            return line.split("=", 1)[1].strip().strip("\"'")
    raise RuntimeError("curator_desktop/__init__.py has no __version__")


@dataclass(frozen=True)
class BuildNames:
    """Every path of one build for one platform, under ``dist/`` and ``build/``."""

    version: str
    system: str
    machine: str
    root: Path = ROOT

    @classmethod
    def current(cls, root: Path = ROOT) -> BuildNames:
        return cls(app_version(), system_name(), machine_name(), root)

    @property
    def tag(self) -> str:
        return f"{self.system}-{self.machine}"

    @property
    def base(self) -> str:
        """``curator-desktop-0.1.0-linux-x86_64``: the bundle folder and the archives' stem."""
        return f"{APP_ID}-{self.version}-{self.tag}"

    @property
    def dist_dir(self) -> Path:
        return self.root / "dist"

    @property
    def work_dir(self) -> Path:
        return self.root / "build"

    @property
    def spec_file(self) -> Path:
        return self.work_dir / f"{APP_ID}.spec"

    @property
    def bundle_dir(self) -> Path:
        """The one-folder bundle (on macOS the folder next to the ``.app``)."""
        return self.dist_dir / self.base

    @property
    def app_bundle(self) -> Path:
        """macOS only: the application bundle."""
        return self.dist_dir / f"{APP_NAME}.app"

    @property
    def executable(self) -> Path:
        """The program inside the bundle that ``smoke`` starts."""
        return executable_in(self.app_bundle if self.system == "macos" else self.bundle_dir)

    @property
    def archive(self) -> Path:
        """What a curator downloads besides the installer: tar.gz on Linux, zip elsewhere."""
        suffix = ".tar.gz" if self.system == "linux" else ".zip"
        kind = "-portable" if self.system == "windows" else ""
        return self.dist_dir / f"{self.base}{kind}{suffix}"

    @property
    def iss_file(self) -> Path:
        return self.work_dir / f"{APP_ID}.iss"

    @property
    def setup_stem(self) -> str:
        """Windows only: the installer's name without ``.exe``."""
        return f"{self.base}-setup"


def executable_in(bundle: Path) -> Path:
    """The program to run headless inside a bundle folder or a macOS ``.app``.

    On Windows the console twin (``curator-desktop-cli.exe``) is preferred: the windowed
    program has no standard output to print to.
    """
    bundle = Path(bundle)
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / APP_ID
    for name in (f"{CLI_NAME}.exe", f"{APP_ID}.exe", APP_ID):
        if (bundle / name).is_file():
            return bundle / name
    return bundle / APP_ID
