"""Whole-database backups with each database's own tools: exact copies, taken while the site keeps running.

SQLite: the online backup API copies the live file page by page into a consistent snapshot (writers may
continue; the copy is what the database held at one instant). Restoring copies the snapshot back the same
way, inside SQLite's own locking.

PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot, compressed) and ``pg_restore --clean
--if-exists --single-transaction``, so a restore either replaces everything or changes nothing.

A backup is first written beside its destination and renamed into place once complete and checked, so a
file with the backup's name is never a half-written one.
"""
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.cache import caches
from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


def engine_kind(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def backup_kind(path: Path) -> str:
    """``sqlite`` or ``postgresql``, from the file's first bytes."""
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither an SQLite backup nor a pg_dump custom-format archive.")


def database_backup(path: Path, *, alias: str = "default") -> str:
    """Write a consistent copy of the database to ``path``; return its kind. Never leaves a partial file."""
    kind = engine_kind(alias)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if kind == "sqlite":
            _sqlite_backup(partial, alias)
        else:
            _pg_dump(partial, alias)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return kind


def database_restore(path: Path, *, alias: str = "default") -> str:
    """Replace everything in the database with the backup at ``path``; return its kind.

    The cache is cleared afterwards: pages cached before the restore would show what is no longer there.
    """
    kind = engine_kind(alias)
    found = backup_kind(path)
    if found != kind:
        raise BackupError(f"{path} is a {found} backup but this site's database is {kind}.")
    if kind == "sqlite":
        _sqlite_restore(path, alias)
    else:
        _pg_restore(path, alias)
    for cache in caches.all():
        cache_clear(cache)
    return kind


def cache_clear(cache) -> None:
    """Forget everything this site cached. A Redis cache with a key prefix (``CACHE_KEY_PREFIX``: another site
    shares the Redis database) loses only the keys under that prefix; Django's ``clear()`` would flush the
    whole database, the other site's keys with it."""
    prefix = getattr(cache, "key_prefix", "")
    client = getattr(getattr(cache, "_cache", None), "get_client", None)
    if not prefix or client is None:
        cache.clear()
        return
    redis = client(write=True)
    for key in redis.scan_iter(match=f"{prefix}:*"):
        redis.delete(key)


def _sqlite_backup(target: Path, alias: str) -> None:
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        check = destination.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        destination.close()
    if check != "ok":
        raise BackupError(f"The copy failed SQLite's integrity check: {check}")


def _sqlite_restore(source_path: Path, alias: str) -> None:
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    try:
        check = source.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{source_path} failed SQLite's integrity check: {check}")
        connection = connections[alias]
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise BackupError("Cannot restore inside a transaction.")
        source.backup(connection.connection)
    finally:
        source.close()


def _pg_environment(alias: str) -> dict[str, str]:
    """libpq's environment for Django's connection settings: no password on the command line."""
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    for variable, value in {
        "PGDATABASE": settings["NAME"], "PGUSER": settings.get("USER"), "PGPASSWORD": settings.get("PASSWORD"),
        "PGHOST": settings.get("HOST"), "PGPORT": settings.get("PORT"),
        "PGSSLMODE": settings.get("OPTIONS", {}).get("sslmode"),
    }.items():
        if value:
            env[variable] = str(value)
    return env


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(f"{name} is not installed; install the PostgreSQL client tools matching the server.")
    return tool


def _pg_run(arguments: list[str], alias: str) -> str:
    """Run a PostgreSQL client tool; its standard output, or BackupError with what it printed."""
    result = subprocess.run(arguments, env=_pg_environment(alias), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(arguments[0]).name} failed: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout


def _pg_dump(target: Path, alias: str) -> None:
    _pg_run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], alias)
    # A readable table of contents means the archive is complete.
    _pg_run([_pg_tool("pg_restore"), "--list", str(target)], alias)


def _pg_archive_tables(source: Path, alias: str) -> set[str]:
    """Names of the tables a pg_dump custom archive holds, from its table of contents."""
    tables = set()
    for line in _pg_run([_pg_tool("pg_restore"), "--list", str(source)], alias).splitlines():
        # "215; 1259 16390 TABLE public articles_article postgres" (the owner may be absent)
        parts = line.split(";", 1)[-1].split()
        if len(parts) >= 5 and parts[2] == "TABLE":
            tables.add(parts[4])
    return tables


def _pg_restore(source: Path, alias: str) -> None:
    # pg_restore --clean drops and recreates only what the archive holds: tables made after the backup (a later
    # migration) would survive beside the old data, and the next migrate would fail on them. Refuse instead.
    present = set(connections[alias].introspection.table_names())
    extra = sorted(present - _pg_archive_tables(source, alias))
    if extra:
        raise BackupError(
            f"The database has tables this backup does not ({', '.join(extra[:5])}"
            f"{', …' if len(extra) > 5 else ''}): it was taken at an older schema. Nothing was changed. "
            "Restore into an empty database (createdb), then run migrate."
        )
    connections[alias].close()  # our own idle connection must not hold locks the restore needs
    _pg_run(
        [_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", f"--dbname={connections[alias].settings_dict['NAME']}", str(source)],
        alias,
    )
