"""Database triggers that make tables append-only: the access trail and the support
ledger's postings and transfers.

The models refuse changes too, but only the database can stop raw SQL, a bulk update
written by mistake, or someone with a shell. Installed by migrations (audit 0002, support
0001); lifted for the length of one transaction by the development `flush` command (see
management/commands), which is why every such table is listed in TABLES.

Both backends raise an integrity error (SQLite RAISE(ABORT), PostgreSQL SQLSTATE 23001),
so callers see `django.db.IntegrityError` on either.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_accessrecord"
TABLES = (TABLE, "support_posting", "support_transfer")


def _postgresql(table: str, *, install: bool) -> list[str]:
    if not install:
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            f"DROP TRIGGER IF EXISTS {table}_no_update_delete ON {table}",
            f"DROP FUNCTION IF EXISTS {table}_reject_change()",
        ]
    return [
        f"""
        CREATE OR REPLACE FUNCTION {table}_reject_change() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING
                MESSAGE = '{table} is append-only: ' || TG_OP || ' rejected',
                ERRCODE = 'restrict_violation';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {table}_no_update_delete
        BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_reject_change()
        """,
        f"""
        CREATE TRIGGER {table}_no_truncate
        BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION {table}_reject_change()
        """,
    ]


def _sqlite(table: str, *, install: bool) -> list[str]:
    if not install:
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_update",
            f"DROP TRIGGER IF EXISTS {table}_no_delete",
        ]
    return [
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE rejected'); END
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE rejected'); END
        """,
    ]


def statements(vendor: str, *, install: bool, table: str = TABLE) -> list[str]:
    """The SQL that installs (or removes) the triggers of `table` on this database vendor."""
    if vendor == "postgresql":
        return _postgresql(table, install=install)
    if vendor == "sqlite":
        return _sqlite(table, install=install)
    raise NotImplementedError(f"Append-only tables support PostgreSQL and SQLite, not {vendor}.")


def run(connection: BaseDatabaseWrapper, *, install: bool) -> None:
    """Install or remove the triggers of every append-only table that exists."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in TABLES:
            if table in existing:
                for sql in statements(connection.vendor, install=install, table=table):
                    cursor.execute(sql)
