"""Database triggers that make the access trail append-only.

The model refuses changes too, but only the database can stop raw SQL, a bulk update
written by mistake, or someone with a shell. Installed by migration 0002; removed for the
length of one transaction by the development `flush` command (see management/commands).

Both backends raise an integrity error (SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23001),
so callers see `django.db.IntegrityError` on either.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_accessrecord"

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_reject_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING
            MESSAGE = '{TABLE} is append-only: ' || TG_OP || ' rejected',
            ERRCODE = 'restrict_violation';
    END;
    $$
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_update_delete
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_reject_change()
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_reject_change()
    """,
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_reject_change()",
]

SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: UPDATE rejected'); END
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: DELETE rejected'); END
    """,
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]


def statements(vendor: str, *, install: bool) -> list[str]:
    """The SQL that installs (or removes) the triggers on this database vendor."""
    if vendor == "postgresql":
        return POSTGRESQL_INSTALL if install else POSTGRESQL_REMOVE
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    raise NotImplementedError(
        f"The append-only access trail supports PostgreSQL and SQLite, not {vendor}."
    )


def run(connection: BaseDatabaseWrapper, *, install: bool) -> None:
    with connection.cursor() as cursor:
        for sql in statements(connection.vendor, install=install):
            cursor.execute(sql)
