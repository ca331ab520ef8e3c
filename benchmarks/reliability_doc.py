"""The torture harness's figures for people: a table on the terminal, and ``docs/reliability.md``.

``result`` is what :func:`benchmarks.torture.main` writes as JSON: the run's settings and one
summary per case (trials, kills, what the kills left — before, after, neither — and the counters
that must stay 0).
"""

from __future__ import annotations

from typing import Any

HEADERS = (
    ("case", "case"),
    ("trials", "trials"),
    ("kills", "kills"),
    ("kills_after_writing_began", "of them while writing"),
    ("outcomes", "left before / after"),
    ("integrity_failures", "integrity failures"),
    ("db_check_failures", "`db check` failures"),
    ("lost_acknowledged_writes", "lost acknowledged writes"),
    ("half_applied", "half-applied"),
    ("missing_files", "attachment files missing"),
    ("app_start_failures", "app start failures"),
    ("retry_mismatches", "retry mismatches"),
    ("leftovers_after_retry", "leftovers after retry"),
    ("operation_failures", "failed unkilled"),
)


def _outcomes(summary: dict[str, Any]) -> str:
    found = summary.get("outcomes", {})
    if "partial" in found or summary["case"] == "autosave":
        acks = summary.get("acknowledged_writes", 0)
        return f"{acks} acks"
    neither = found.get("neither", 0)
    text = f"{found.get('before', 0)} / {found.get('after', 0)}"
    return text + (f" (+{neither} neither)" if neither else "")


def _cell(summary: dict[str, Any], key: str) -> str:
    if "error" in summary and key not in ("case",):
        return "—"
    if key == "outcomes":
        return _outcomes(summary)
    value = summary.get(key, "")
    if (
        isinstance(value, int)
        and key not in ("trials", "kills", "kills_after_writing_began")
        and value
    ):
        return f"**{value}**"
    return str(value)


def table(result: dict[str, Any]) -> str:
    """The Markdown table of every case."""
    lines = [
        "| " + " | ".join(title for _key, title in HEADERS) + " |",
        "|---|" + "---:|" * (len(HEADERS) - 1),
    ]
    for summary in result["cases"]:
        lines.append("| " + " | ".join(_cell(summary, key) for key, _t in HEADERS) + " |")
    return "\n".join(lines)


def print_table(result: dict[str, Any]) -> None:
    """The figures as a plain table, then every failed trial in one line."""
    widths = [max(len(title), 8) for _key, title in HEADERS]
    print("  ".join(title.ljust(width) for (_k, title), width in zip(HEADERS, widths, strict=True)))
    for summary in result["cases"]:
        cells = [_cell(summary, key).replace("**", "") for key, _t in HEADERS]
        print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)))
    for summary in result["cases"]:
        if "error" in summary:
            print(f"{summary['case']}: could not run: {summary['error']}")
        for failed in summary.get("failed_trials", []):
            print(
                f"{summary['case']} trial {failed['trial']} (kill at {failed['delay']} s): "
                + "; ".join(failed["problems"])
            )


def _failures(result: dict[str, Any]) -> str:
    lines = []
    for summary in result["cases"]:
        if "error" in summary:
            lines.append(f"- **{summary['case']}**: could not run: {summary['error']}")
        seen: dict[str, int] = {}
        for failed in summary.get("failed_trials", []):
            for problem in failed["problems"]:
                kind = problem.split(":", 1)[0]
                seen[kind] = seen.get(kind, 0) + 1
                if seen[kind] <= 2:
                    lines.append(
                        f"- {summary['case']}, trial {failed['trial']} (kill at "
                        f"{failed['delay']} s): {problem}"
                    )
    return "\n".join(lines) if lines else "None: every check held in every trial."


def estimate_seconds(result: dict[str, Any], trials: int = 200) -> float:
    """How long a run of ``trials`` per case would take like this one (setup aside)."""
    return result["seconds"] * trials / max(1, result["trials_per_case"])


def _verdict(result: dict[str, Any]) -> str:
    failing = []
    for summary in result["cases"]:
        if "error" in summary:
            failing.append(f"{summary['case']} could not run")
            continue
        counts = [f"{title} {summary[key]}" for key, title in HEADERS[5:] if summary.get(key)]
        if counts:
            failing.append(f"{summary['case']}: " + ", ".join(counts))
    text = (
        "**Every check held in every trial.**"
        if not failing
        else "**Not yet clean** — " + "; ".join(failing) + "."
    )
    for note in result.get("notes", []):  # e.g. a case run again after a fix
        text += f"\n\n{note}"
    if result["trials_per_case"] < 200:
        hours = estimate_seconds(result) / 3600
        text += (
            f" An interim run: the issue asks for 200 trials or more per case (`--trials 200`; "
            f"about {hours:.1f} h like this one)."
        )
    return text


def _app_check(result: dict[str, Any]) -> str:
    if result["app_check"] == "window":
        return "`python -m curator_desktop --quit-after-show`, offscreen"
    return "`list schools --json`; in a folder without a store: exit 5, no traceback"


def docs_text(result: dict[str, Any]) -> str:
    """``docs/reliability.md``."""
    cases = "\n".join(
        f"- `{summary['case']}`: {summary.get('what', '')}; clean runs "
        f"{', '.join(str(s) for s in summary.get('clean_seconds', []))} s, "
        f"{summary.get('seconds_per_trial', '—')} s per trial."
        for summary in result["cases"]
    )
    return f"""# Reliability: kill -9 at random moments

Measured by `benchmarks/torture.py` (issue #18: nothing half-made stays). Each trial starts the
operation as a real child process (the CLI, or for autosave the visit service in a child that
prints an acknowledgement after each durable write), kills its process group with SIGKILL after
a random delay in [0, the clean run's duration], and checks the data folder it left:

- **integrity failures**: `PRAGMA integrity_check` not ok, or the store file gone;
- **`db check` failures**: `curator-desktop db check` (schema proof, foreign keys, attachment
  files) did not exit 0;
- **lost acknowledged writes**: autosave edits acknowledged before the kill that are not in the
  store (the edit in flight may be either way); for the CLI operations, an operation that had
  finished with exit 0 before the kill but whose result is not there;
- **half-applied**: the store holds neither exactly the records it held before the operation nor
  exactly those of a clean run (an empty folder: a store that is not the whole store); records
  without their history row; autosave items holding something no edit acknowledged or in flight;
- **attachment files missing**: attachment rows whose file is absent or damaged after the kill;
- **app start failures**: the app does not start on a copy of the folder
  ({_app_check(result)});
- **retry mismatches**: the operation run again to its end does not give the clean run's records
  (volatile columns — times, revisions, random ids — left out; autosave leaves out the change log,
  which the retry rightly grows) and files;
- **leftovers after retry**: temporary files (`*.part*`, `*.tmp`) still there after the retry;
- **failed unkilled**: the operation ended by itself with an error before its kill.

«of them while writing» counts the kills that came after the operation had begun to write (its
backup taken, a temporary file made, the store changed, an edit acknowledged) rather than during
the interpreter's start-up; «left before / after» where the kills left the store: as before the
operation, or as after it (for autosave, the acknowledgements received in all). Every column
after these must be 0.

## Figures

Taken {result["taken"]}: {result["trials_per_case"]} trials per case, seed {result["seed"]},
{result["jobs"]} child(ren) at a time, {result["data"]} data; the run took
{result["seconds"]:.0f} s. Machine: {result["machine"]}.

{_verdict(result)}

{table(result)}

Cases:

{cases}

Failed trials (at most two lines per kind and case; all of them in the JSON summary):

{_failures(result)}

## How to run

```bash
.venv/bin/python benchmarks/torture.py --trials 200 --jobs 2 --write-docs   # this page
.venv/bin/python benchmarks/torture.py --case restore --trials 20 --seed 7  # one case
.venv/bin/python benchmarks/torture.py --quick --trials 2 --app-check cli   # what the tests run
```

`--keep` keeps every trial's folder (otherwise the first five failed trials of a case are kept,
under the work folder printed at the end, and each child's output in `CASE/logs/`); `--work-dir
DIR` chooses that folder; `--json FILE` writes the summary elsewhere; `--from-json FILE
--write-docs` writes this page again from a summary. The exit status is 1 when any counter
above is not 0. `tests/test_torture.py` runs two quick trials of every case.
"""
