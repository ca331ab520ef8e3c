"""Building Curator Desktop's installers (used by ``build_installer.py build`` and ``smoke``).

- :mod:`installer.names` — the platform tag and the versioned names of every output.
- :mod:`installer.spec` — the PyInstaller spec of the one-folder bundle (text, written to build/).
- :mod:`installer.inno` — the Inno Setup script of the per-user Windows installer.
- :mod:`installer.bundle` — runs PyInstaller on the spec and packs the result for the platform.
- :mod:`installer.smoke` — starts a built bundle headless: self-check, sizes, start-up times.

Only the standard library is imported here; PyInstaller runs in a child process.
"""
