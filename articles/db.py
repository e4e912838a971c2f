"""What the services of both apps need to know about the databases they write to."""

# Rows per query in ``bulk_update``. Django sizes its batches as if each row took one parameter per field plus
# two, but its CASE … WHEN takes two per field plus one, so on SQLite (250,000 parameters a query here, 32,766
# on older builds) a bulk update of about 50,000 rows fails with "too many SQL variables": a build that
# reorders that many entries, or a re-clean that rewrites that many fragments. Passed as ``batch_size``, which
# Django takes when it is the smaller.
BULK_UPDATE_BATCH = 1000
