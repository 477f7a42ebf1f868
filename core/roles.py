"""Names of the site's roles that more than one app needs."""

# The auth group whose members are the handbook's editors (created by accounts' migration
# 0002_editor_group, which keeps its own copy of the name as migrations must).
EDITOR_GROUP = "Redaktörer"
