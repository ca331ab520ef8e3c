"""The installer build: names, the PyInstaller spec, the Inno Setup script, packing, the smoke
runner (on a stand-in bundle) and the portable mode of a frozen app."""

from __future__ import annotations

import os
import stat
import sys
import tarfile
import types
import zipfile
from pathlib import Path, PureWindowsPath
from typing import Any, ClassVar

import pytest

import build_installer
from curator_desktop import __version__, paths
from installer import inno
from installer.bundle import make_tar_gz, make_zip
from installer.names import ROOT, BuildNames, app_version, executable_in, machine_name, system_name
from installer.smoke import smoke
from installer.spec import HIDDEN_IMPORT_TREES, spec_text


def names_for(system: str, machine: str = "x86_64", root: Path = ROOT) -> BuildNames:
    return BuildNames("0.1.0", system, machine, root)


# --- names -----------------------------------------------------------------------------------


def test_names_carry_the_version_and_platform() -> None:
    linux, windows, macos = (names_for(s) for s in ("linux", "windows", "macos"))
    assert linux.bundle_dir == ROOT / "dist" / "curator-desktop-0.1.0-linux-x86_64"
    assert linux.archive.name == "curator-desktop-0.1.0-linux-x86_64.tar.gz"
    assert windows.archive.name == "curator-desktop-0.1.0-windows-x86_64-portable.zip"
    assert windows.setup_stem == "curator-desktop-0.1.0-windows-x86_64-setup"
    assert macos.archive.name == "curator-desktop-0.1.0-macos-x86_64.zip"
    assert macos.executable == ROOT / "dist/Curator Desktop.app/Contents/MacOS/curator-desktop"
    assert app_version() == __version__
    assert BuildNames.current().version == __version__


@pytest.mark.parametrize(
    ("raw", "expected"), [("AMD64", "x86_64"), ("x86_64", "x86_64"), ("aarch64", "arm64")]
)
def test_machine_names(raw: str, expected: str) -> None:
    assert machine_name(raw) == expected


def test_system_names() -> None:
    assert [system_name(p) for p in ("win32", "darwin", "linux")] == ["windows", "macos", "linux"]


# --- the PyInstaller spec --------------------------------------------------------------------


class SpecRun:
    """Executes a generated spec with stand-ins for PyInstaller's build classes."""

    QT = "PySide6/Qt/lib/"
    BINARIES: ClassVar = [
        (QT + "libQt6Pdf.so.6", "src", "BINARY"),
        (QT + "libQt6Quick.so.6", "src", "BINARY"),
        (QT + "libQt6QmlModels.so.6", "src", "BINARY"),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", "s", "BINARY"),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", "s", "B"),
    ]
    DATAS: ClassVar = [
        ("babel/locale-data/ru.dat", "src", "DATA"),
        ("babel/locale-data/en_GB.dat", "src", "DATA"),
        ("babel/locale-data/root.dat", "src", "DATA"),
        ("babel/locale-data/de.dat", "src", "DATA"),
        ("babel/global.dat", "src", "DATA"),
        ("PySide6/Qt/translations/qtbase_ru.qm", "src", "DATA"),
        ("PySide6/Qt/translations/qt_en.qm", "src", "DATA"),
        ("PySide6/Qt/translations/qtbase_de.qm", "src", "DATA"),
        ("PySide6/Qt/translations/qt_help_ru.qm", "src", "DATA"),
    ]

    def __init__(self, text: str, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: dict[str, list[dict[str, Any]]] = {}
        self.filters: dict[str, Any] = {}
        hooks = types.ModuleType("PyInstaller.utils.hooks")
        hooks.collect_all = lambda package: ([(f"{package}/files", package)], [], [package])
        hooks.collect_data_files = lambda package: [(f"{package}/data", package)]
        hooks.copy_metadata = lambda dist: [(f"{dist}.dist-info", f"{dist}.dist-info")]
        hooks.collect_submodules = self._collect_submodules
        for name in ("PyInstaller", "PyInstaller.utils"):
            monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
        monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
        namespace = {
            name: self._recorder(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")
        }
        exec(compile(text, "curator-desktop.spec", "exec"), namespace)
        self.analysis = namespace["a"]

    def _collect_submodules(self, tree: str, filter: Any) -> list[str]:
        self.filters[tree] = filter
        return [tree]

    def _recorder(self, kind: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> types.SimpleNamespace:
            self.calls.setdefault(kind, []).append({"args": args, **kwargs})
            datas = [*kwargs.get("datas", []), *self.DATAS]
            return types.SimpleNamespace(
                binaries=list(self.BINARIES), datas=datas, pure=[], scripts=[]
            )

        return record


def test_the_linux_spec_bundles_what_the_app_loads_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    run = SpecRun(spec_text(names_for("linux")), monkeypatch)

    (analysis,) = run.calls["Analysis"]
    destinations = {(Path(src).name, dest) for src, dest, *_ in analysis["datas"]}
    assert ("curator.mo", "translations/ru/LC_MESSAGES") in destinations
    assert ("curator.mo", "translations/en/LC_MESSAGES") in destinations
    assert ("env.py", "curator_desktop/store/migrations") in destinations
    assert ("0001_initial.py", "curator_desktop/store/migrations/versions") in destinations
    assert ("resources", "resources") in destinations
    assert ("fontpkg-pt-sans.dist-info", "fontpkg-pt-sans.dist-info") in destinations
    assert ("data", "jsonschema_specifications") in destinations
    assert {"fontpkg_pt_sans", "fontpkg_pt_serif", "reportlab.graphics.barcode"} <= set(
        analysis["hiddenimports"]
    )
    assert "PySide6.QtWebEngineCore" in analysis["excludes"]
    assert "PySide6.QtPdf" not in analysis["excludes"]
    keep = run.filters["curator_desktop"]
    assert keep("curator_desktop.services.reports.visit.report")
    assert not keep("curator_desktop.store.migrations")
    assert not run.filters["alembic"]("alembic.testing")
    (exe,) = run.calls["EXE"]
    assert (exe["name"], exe["console"], exe["icon"]) == ("curator-desktop", False, None)
    (collect,) = run.calls["COLLECT"]
    assert collect["name"] == "curator-desktop-0.1.0-linux-x86_64"
    assert "BUNDLE" not in run.calls


def test_the_spec_drops_qt_quick_and_foreign_locales(monkeypatch: pytest.MonkeyPatch) -> None:
    run = SpecRun(spec_text(names_for("linux")), monkeypatch)

    binaries = [Path(dest).name for dest, *_ in run.analysis.binaries]
    datas = {dest for dest, *_ in run.analysis.datas}
    assert binaries == ["libQt6Pdf.so.6", "libibusplatforminputcontextplugin.so"]
    kept = {dest for dest, *_ in SpecRun.DATAS} & datas
    assert kept == {
        "babel/locale-data/ru.dat",
        "babel/locale-data/en_GB.dat",
        "babel/locale-data/root.dat",
        "babel/global.dat",
        "PySide6/Qt/translations/qtbase_ru.qm",
        "PySide6/Qt/translations/qt_en.qm",
    }


def test_report_renderers_imported_by_name_are_bundled() -> None:
    from curator_desktop.services.reports.service import RENDERER_MODULES

    for module in RENDERER_MODULES.values():
        assert module.startswith(HIDDEN_IMPORT_TREES)


def test_the_windows_spec_adds_a_console_twin_and_the_icon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run = SpecRun(spec_text(names_for("windows")), monkeypatch)

    programs = [(e["name"], e["console"]) for e in run.calls["EXE"]]
    assert programs == [("curator-desktop", False), ("curator-desktop-cli", True)]
    icon = Path(run.calls["EXE"][0]["icon"])
    assert icon.name == "app.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"  # a real .ico
    (collect,) = run.calls["COLLECT"]
    assert len(collect["args"]) == 4  # both programs, the binaries and the data files


def test_the_macos_spec_makes_an_app(monkeypatch: pytest.MonkeyPatch) -> None:
    run = SpecRun(spec_text(names_for("macos", "arm64")), monkeypatch)

    (bundle,) = run.calls["BUNDLE"]
    assert bundle["name"] == "Curator Desktop.app"
    assert bundle["version"] == "0.1.0"
    assert Path(bundle["icon"]).is_file()


# --- the Windows installer script -------------------------------------------------------------


def test_the_inno_setup_script_installs_per_user_without_admin_rights() -> None:
    text = inno.iss_text(names_for("windows"))
    lines = text.split("\r\n")

    assert "\n" not in text.replace("\r\n", "")
    assert "PrivilegesRequired=lowest" in lines
    assert "DefaultDirName={localappdata}\\Programs\\Curator Desktop" in lines
    assert f"AppId={{{{{inno.APP_GUID}}}" in lines
    assert "AppVersion=0.1.0" in lines
    assert "VersionInfoVersion=0.1.0.0" in lines
    assert "OutputBaseFilename=curator-desktop-0.1.0-windows-x86_64-setup" in lines
    assert "ArchitecturesInstallIn64BitMode=x64compatible" in lines
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in lines
    assert "admin" not in text.lower()
    source = next(line for line in lines if line.startswith("Source: "))
    assert source.startswith('Source: "..\\dist\\curator-desktop-0.1.0-windows-x86_64\\*"')
    icon = next(line for line in lines if line.startswith("SetupIconFile="))
    relative = PureWindowsPath(icon.split("=", 1)[1])
    assert (ROOT / "build" / Path(*relative.parts)).resolve() == ROOT / "resources/icons/app.ico"
    assert '{autoprograms}\\Curator Desktop"; Filename: "{app}\\curator-desktop.exe"' in text


def test_without_inno_setup_the_script_is_written_and_nothing_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    for variable in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    names = names_for("windows", root=tmp_path)

    assert inno.write_and_compile(names) is None
    data = names.iss_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf; Generated by build_installer.py")
    assert b"PrivilegesRequired=lowest\r\n" in data


# --- packing ---------------------------------------------------------------------------------


def _fake_bundle(folder: Path, program: str = "#!/bin/sh\nexit 0\n") -> Path:
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "blob.bin").write_bytes(b"\0" * 2_000_000)
    exe = folder / "curator-desktop"
    exe.write_text(program, encoding="utf-8")
    exe.chmod(0o755)
    return folder


def test_tar_gz_has_the_folder_on_top_and_keeps_the_program_executable(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "curator-desktop-0.1.0-linux-x86_64")

    archive = make_tar_gz(bundle, tmp_path / "out.tar.gz")

    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    program = members["curator-desktop-0.1.0-linux-x86_64/curator-desktop"]
    assert program.mode & stat.S_IXUSR
    assert "curator-desktop-0.1.0-linux-x86_64/_internal/blob.bin" in members


def test_the_portable_zip_has_an_empty_data_folder(tmp_path: Path) -> None:
    bundle = _fake_bundle(tmp_path / "app")

    archive = make_zip(bundle, tmp_path / "portable.zip", portable=True)

    with zipfile.ZipFile(archive) as zipped:
        assert sorted(zipped.namelist()) == [
            "app/_internal/blob.bin",
            "app/curator-desktop",
            "app/data/",
        ]


# --- the smoke runner ------------------------------------------------------------------------

STAND_IN = """#!{python}
import os, pathlib, sys
args = sys.argv[1:]
assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
if args == ["--version"]:
    print("Curator Desktop 0.1.0")
    sys.exit(0)
if args[0] == "selfcheck":
    print("✓ every step")
    sys.exit({selfcheck_code})
data = pathlib.Path(args[args.index("--data-dir") + 1]) / "logs" / "demo"
data.mkdir(parents=True, exist_ok=True)
with open(data / "curator-desktop.log", "a", encoding="utf-8") as log:
    log.write("2026-11-22 INFO curator_desktop.ui Data shown 12 ms after start-up began\\n")
    log.write({extra_log!r})
"""


def _stand_in(folder: Path, *, selfcheck_code: int = 0, extra_log: str = "") -> Path:
    program = STAND_IN.format(
        python=sys.executable, selfcheck_code=selfcheck_code, extra_log=extra_log
    )
    return _fake_bundle(folder, program)


@pytest.mark.skipif(os.name == "nt", reason="the stand-in bundle is a script with a shebang")
def test_smoke_reports_size_and_times_of_a_working_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _stand_in(tmp_path / "bundle")

    assert build_installer.main(["smoke", str(bundle)]) == 0

    out = capsys.readouterr().out
    assert "size: 2.0 MB" in out
    assert "--version: " in out
    assert "selfcheck: " in out
    assert "data shown (from the app's log): 12 ms, 12 ms" in out
    assert out.rstrip().endswith("Smoke test passed.")


@pytest.mark.skipif(os.name == "nt", reason="the stand-in bundle is a script with a shebang")
def test_smoke_fails_when_the_self_check_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = _stand_in(tmp_path / "bundle", selfcheck_code=1)

    assert smoke(bundle) == 1
    assert "SMOKE FAILED: selfcheck" in capsys.readouterr().out


@pytest.mark.skipif(os.name == "nt", reason="the stand-in bundle is a script with a shebang")
def test_smoke_fails_on_an_error_in_the_apps_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = (
        "2026-11-22 WARNING curator_desktop.ui.shell.qt_setup "
        "Qt translations for ru not found in x\n"
    )
    bundle = _stand_in(tmp_path / "bundle", extra_log=line)

    assert smoke(bundle) == 1
    out = capsys.readouterr().out
    assert "log: 2026-11-22 WARNING" in out
    assert "SMOKE FAILED: log" in out


def test_smoke_of_a_folder_without_the_program(tmp_path: Path) -> None:
    assert smoke(tmp_path) == 2
    assert executable_in(tmp_path) == tmp_path / "curator-desktop"


# --- portable mode of a frozen app (PyInstaller 6: _MEIPASS is the _internal folder) ------------


@pytest.fixture
def frozen_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bundle = tmp_path / "curator-desktop-0.1.0-linux-x86_64"
    internal = bundle / "_internal"
    for folder in ("resources/catalogs", "translations/ru/LC_MESSAGES"):
        (internal / folder).mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle / "curator-desktop"))
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    return bundle


def test_a_data_folder_beside_the_program_holds_everything(frozen_bundle: Path) -> None:
    (frozen_bundle / "data").mkdir()

    resolved = paths.AppPaths.resolve(environ={})

    data = (frozen_bundle / "data").resolve()
    assert resolved.data_dir == data
    assert resolved.config_dir == data / "config"
    assert resolved.log_dir == data / "logs"
    assert resolved.store_file == data / "curator.sqlite3"
    assert resolved.backup_dir == data / "backups"
    assert paths.AppPaths.resolve(environ={}, demo=True).data_dir == data / "demo"


def test_without_the_data_folder_the_users_folders_are_used(frozen_bundle: Path) -> None:
    resolved = paths.AppPaths.resolve(environ={})

    assert frozen_bundle not in resolved.data_dir.parents
    assert frozen_bundle not in resolved.config_dir.parents


def test_an_explicit_data_folder_wins_over_the_portable_one(
    frozen_bundle: Path, tmp_path: Path
) -> None:
    (frozen_bundle / "data").mkdir()

    resolved = paths.AppPaths.resolve(environ={"CURATOR_DATA_DIR": str(tmp_path / "elsewhere")})

    assert resolved.data_dir == (tmp_path / "elsewhere").resolve()


def test_resources_and_translations_come_from_the_internal_folder(frozen_bundle: Path) -> None:
    assert paths.resource_dir() == frozen_bundle / "_internal" / "resources"
    assert paths.translations_dir() == frozen_bundle / "_internal" / "translations"


def test_a_data_folder_beside_python_itself_does_not_make_a_checkout_portable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / "data").mkdir()

    assert paths.AppPaths.resolve(environ={}).data_dir != (tmp_path / "data").resolve()


def test_nothing_the_app_needs_at_run_time_is_excluded_from_the_bundle() -> None:
    """Every run-time dependency of the project, and theirs, stays in (lxml was once excluded,
    and reading a DOCX roadmap failed only inside the bundle)."""
    import tomllib
    from importlib import metadata

    from packaging.requirements import Requirement

    from installer.spec import EXCLUDES

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def wanted(requirement: str) -> str | None:
        parsed = Requirement(requirement)
        if parsed.marker is not None and not parsed.marker.evaluate({"extra": ""}):
            return None
        return parsed.name.lower().replace("_", "-")

    needed: set[str] = set()
    pending = [wanted(dep) for dep in project["dependencies"]]
    while pending:
        name = pending.pop()
        if name is None or name in needed:
            continue
        needed.add(name)
        pending += [wanted(req) for req in metadata.requires(name) or []]
    assert "lxml" in needed  # python-docx's
    modules_of = metadata.packages_distributions()  # top-level module → distributions
    excluded = {
        module
        for module in EXCLUDES
        if not module.startswith("PySide6.")  # Qt modules are left out one by one, on purpose
        and not module.endswith(".testing")
        and any(d.lower().replace("_", "-") in needed for d in modules_of.get(module, []))
    }
    assert excluded == set()
