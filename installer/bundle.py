"""``build``: PyInstaller makes the one-folder bundle, then it is packed for the platform.

Linux: ``dist/curator-desktop-<ver>-linux-<cpu>/`` and its ``.tar.gz``. Windows: the bundle,
an Inno Setup per-user installer (when Inno Setup is present) and a portable zip (with an empty
``data/`` folder: the app then keeps everything beside itself). macOS: ``Curator Desktop.app``
zipped. PyInstaller runs in a child process with the same Python, so it must be installed in
the environment that runs the build (``pip install pyinstaller``).
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

from installer import inno
from installer.names import BuildNames
from installer.spec import LANGUAGES, spec_text


class BuildError(RuntimeError):
    """The build cannot go on; the message says what to do."""


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path`` (symbolic links not followed)."""
    return sum(
        f.lstat().st_size for f in Path(path).rglob("*") if f.is_file() and not f.is_symlink()
    )


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def build(names: BuildNames) -> list[Path]:
    """Make the bundle and its packages; returns what a curator can download."""
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildError("PyInstaller is not installed: pip install pyinstaller")
    for lang in LANGUAGES:
        catalog = names.root / "translations" / lang / "LC_MESSAGES" / "curator.mo"
        if not catalog.is_file():
            raise BuildError(f"{catalog} is missing: run build_installer.py i18n-compile")
    started = time.perf_counter()
    names.work_dir.mkdir(parents=True, exist_ok=True)
    names.spec_file.write_text(spec_text(names), encoding="utf-8")
    for old in (names.bundle_dir, names.app_bundle):
        shutil.rmtree(old, ignore_errors=True)
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        f"--distpath={names.dist_dir}",
        f"--workpath={names.work_dir / 'pyinstaller'}",
        str(names.spec_file),
    ]
    print("Running PyInstaller on", names.spec_file, flush=True)
    subprocess.run(command, check=True, cwd=names.root)
    bundle = names.app_bundle if names.system == "macos" else names.bundle_dir
    outputs = pack(names)
    seconds = time.perf_counter() - started
    print(f"Bundle: {bundle} ({megabytes(folder_size(bundle))})")
    for output in outputs:
        print(f"Package: {output} ({megabytes(output.stat().st_size)})")
    print(f"Build time: {seconds:.0f} s")
    return outputs


def pack(names: BuildNames) -> list[Path]:
    """The downloadable files of the platform, next to the bundle in ``dist/``."""
    if names.system == "linux":
        return [make_tar_gz(names.bundle_dir, names.archive)]
    if names.system == "windows":
        outputs = [make_zip(names.bundle_dir, names.archive, portable=True)]
        setup = inno.write_and_compile(names)
        return [setup, *outputs] if setup else outputs
    return [zip_app(names.app_bundle, names.archive)]


def make_tar_gz(folder: Path, target: Path) -> Path:
    """``folder`` as ``target`` (.tar.gz) with the folder itself at the top; modes are kept."""
    target.unlink(missing_ok=True)
    with tarfile.open(target, "w:gz", compresslevel=6) as archive:
        archive.add(folder, arcname=folder.name)
    return target


def make_zip(folder: Path, target: Path, *, portable: bool = False) -> Path:
    """``folder`` as a zip with the folder at the top; ``portable`` adds an empty ``data/``."""
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        if portable:
            archive.writestr(f"{folder.name}/data/", "")
    return target


def zip_app(app: Path, target: Path) -> Path:
    """A macOS ``.app`` zipped with ``ditto`` (keeps the frameworks' symbolic links)."""
    target.unlink(missing_ok=True)
    ditto = shutil.which("ditto")
    if ditto is None:
        raise BuildError("ditto not found: a macOS .app can only be zipped on macOS")
    subprocess.run(
        [ditto, "-c", "-k", "--sequesterRsrc", "--keepParent", str(app), str(target)], check=True
    )
    return target
