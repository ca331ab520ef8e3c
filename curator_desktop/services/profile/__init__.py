"""The store's owner: the profile and role (checked by the domain's one rule set), setting up a
store headlessly, and who the records belong to until records carry their author."""
