"""``curator-desktop init`` (a store with its profile, for coordinators who script the set-up)
and ``curator-desktop profile show [--json]``.

``init`` checks the profile with the window's own rules before anything is written; exit codes:
0 — created, or the store already had this very profile (nothing changed); 2 — a value breaks a
rule or the store belongs to another profile (nothing changed); 4 — the app is using the store.
Services are imported inside the handlers, so the CLI starts without SQLModel.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from curator_desktop.cli.store import EXIT_OK, device_id, open_current
from curator_desktop.domain.errors import NotFoundError, ValidationError
from curator_desktop.domain.profile import ProfileFields, Role, field_label, validate_profile
from curator_desktop.i18n import _
from curator_desktop.paths import AppPaths

REQUIRED = {"full_name": "--name", "organisation": "--organisation", "region": "--region"}
"""What ``init`` cannot do without (each a profile field → its option)."""
SHOWN = ("full_name", "position", "organisation", "region", "email", "phone", "role")


def add_profile_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``init`` and ``profile show`` commands (``common`` adds --data-dir, --demo, --lang)."""
    init = commands.add_parser(
        "init",
        help=_("create a store with its profile (for scripts)"),
        description=_(
            "Create a store in the data folder, as the app creates one, with the profile of "
            "the curator or coordinator it belongs to. Values follow the rules of the app's "
            "profile form. Running it again with the same profile changes nothing."
        ),
        epilog=_(
            "Exit codes: 0 — created, or the store already has this profile; 2 — a value "
            "breaks a rule or the store belongs to another profile (nothing was changed); "
            "4 — the app is using the store."
        ),
    )
    # Required options are checked by the command, so that a missing one is explained in the
    # user's language (argparse speaks English only).
    init.add_argument("--name", dest="full_name", metavar="TEXT", help=_("full name (required)"))
    init.add_argument("--organisation", metavar="TEXT", help=_("organisation (required)"))
    init.add_argument("--region", metavar="TEXT", help=_("region (required)"))
    init.add_argument("--position", default="", metavar="TEXT", help=_("position"))
    init.add_argument("--email", default="", metavar="TEXT", help=_("e-mail"))
    init.add_argument("--phone", default="", metavar="TEXT", help=_("phone"))
    init.add_argument(
        "--role",
        default=Role.CURATOR.value,
        metavar="ROLE",
        help=_("curator (the default) or coordinator"),
    )
    init.set_defaults(action="run")
    common(init)

    profile = commands.add_parser("profile", help=_("the store's profile"))
    actions = profile.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help=_("show the profile and role of the store"))
    show.add_argument("--json", action="store_true", help=_("one JSON object, for scripts"))
    common(show)


def init(args: argparse.Namespace, paths: AppPaths) -> int:
    """``init --name … --organisation … --region … [--position …] [--role …]``."""
    missing = [option for name, option in REQUIRED.items() if getattr(args, name) is None]
    if missing:
        raise ValidationError(
            _("Give {options}: a store is created with its profile.").format(
                options=", ".join(missing)
            )
        )
    values = {name: getattr(args, name) for name in SHOWN}
    profile = validate_profile(ProfileFields.from_strings(values))  # before anything is written
    from curator_desktop.services.profile.setup import set_up_store

    setup = set_up_store(paths, profile, device_id=device_id(paths))
    who = _("«{name}» ({role})").format(
        name=setup.profile.full_name, role=Role.label_for(setup.profile.role).lower()
    )
    if setup.created:
        message = _("The store was created in {path} for {who}.")
    elif setup.changed:
        message = _("The profile of {who} was saved in the store in {path}.")
    else:
        message = _("The store in {path} already has the profile of {who}: nothing changed.")
    print(message.format(path=setup.data_dir, who=who))
    return EXIT_OK


def profile_show(args: argparse.Namespace, paths: AppPaths) -> int:
    """``profile show [--json]``: the profile, the role, the store id and the fingerprint of
    the key its packages are signed with."""
    from curator_desktop.services.exchange.senders.keys import own_fingerprint
    from curator_desktop.services.profile.service import ProfileService

    with open_current(paths, write=False) as database:
        service = ProfileService(database)
        profile = service.current()
        store_id = service.store_id() if profile is not None else ""
        fingerprint = own_fingerprint(database)
    if profile is None:
        raise NotFoundError(
            _(
                "The store in {path} has no profile yet: give it with «curator-desktop init» "
                "or in the app."
            ).format(path=paths.data_dir)
        )
    if args.json:
        json.dump(
            {**profile.to_json(), "store_id": store_id, "signing_key": fingerprint},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    rows = [(field_label(name), getattr(profile, name)) for name in SHOWN]
    rows[-1] = (rows[-1][0], Role.label_for(profile.role))
    rows.append((_("Store id"), store_id))
    rows.append((_("Signing key"), fingerprint or "—"))
    width = max(len(label) for label, _value in rows) + 2
    for label, value in rows:
        print(f"{label + ':':<{width}}{value}".rstrip())
    return EXIT_OK
