"""The seeded demo region (three curators merged into a coordinator's store), built once."""

from tests.services.demo.region_stores import region_stores  # noqa: F401
