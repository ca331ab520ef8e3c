"""Record ids of risk catalogs, their factors and checklist templates, derived from what they are.

A catalog is identified by its key and version, a factor by its catalog's key and version and
its code, a template by its key and version. Every store — the curator's laptop, the office PC,
the coordinator's computer — gives such a record the same id (a UUID5 of a fixed project
namespace), whether the record was built in or came from a coordinator's file, so exchanging
packages never brings a second copy of the same catalog or template.

These functions are part of the exchange contract and of migration 0006: never change them.
"""

from __future__ import annotations

import json
import uuid

NAMESPACE = uuid.UUID("ddc611a3-b367-46ce-b85b-6181ab57c5dc")
"""The project's namespace for derived ids (fixed forever)."""


def _derived(kind: str, *parts: object) -> str:
    # JSON keeps the parts apart whatever they contain (a key may hold «:»).
    name = json.dumps([kind, *(str(part) for part in parts)], ensure_ascii=False)
    return str(uuid.uuid5(NAMESPACE, name))


def catalog_id(catalog_key: str, version: str) -> str:
    """The id of version ``version`` of the risk catalog ``catalog_key``."""
    return _derived("risk_catalog", catalog_key, version)


def factor_id(catalog_key: str, version: str, code: str) -> str:
    """The id of the factor ``code`` in version ``version`` of the catalog ``catalog_key``."""
    return _derived("risk_factor", catalog_key, version, code)


def template_id(template_key: str, version: int | str) -> str:
    """The id of version ``version`` of the checklist template ``template_key``."""
    return _derived("checklist_template", template_key, version)
