"""The ledger's rules in the database (PostgreSQL and SQLite): postings and transfers are
append-only, and a transfer's two accounts belong to its fund."""

from django.db import migrations

from amparo.audit.append_only import statements

SAME_FUND = {
    "postgresql": [
        """
        CREATE OR REPLACE FUNCTION support_transfer_same_fund() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM support_account
                            WHERE id = NEW.debit_account_id AND fund_id = NEW.fund_id)
               OR NOT EXISTS (SELECT 1 FROM support_account
                               WHERE id = NEW.credit_account_id AND fund_id = NEW.fund_id) THEN
                RAISE EXCEPTION USING
                    MESSAGE = 'support_transfer: both accounts must belong to its fund',
                    ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END;
        $$
        """,
        """
        CREATE TRIGGER support_transfer_same_fund BEFORE INSERT ON support_transfer
        FOR EACH ROW EXECUTE FUNCTION support_transfer_same_fund()
        """,
    ],
    "sqlite": [
        """
        CREATE TRIGGER support_transfer_same_fund BEFORE INSERT ON support_transfer
        WHEN NOT EXISTS (SELECT 1 FROM support_account
                          WHERE id = NEW.debit_account_id AND fund_id = NEW.fund_id)
          OR NOT EXISTS (SELECT 1 FROM support_account
                          WHERE id = NEW.credit_account_id AND fund_id = NEW.fund_id)
        BEGIN SELECT RAISE(ABORT, 'support_transfer: both accounts must belong to its fund'); END
        """,
    ],
}
REMOVE_SAME_FUND = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS support_transfer_same_fund ON support_transfer",
        "DROP FUNCTION IF EXISTS support_transfer_same_fund()",
    ],
    "sqlite": ["DROP TRIGGER IF EXISTS support_transfer_same_fund"],
}
TABLES = ("support_posting", "support_transfer")


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for sql in statements(vendor, install=True, table=table):
            schema_editor.execute(sql)
    for sql in SAME_FUND[vendor]:
        schema_editor.execute(sql)


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in REMOVE_SAME_FUND[vendor]:
        schema_editor.execute(sql)
    for table in TABLES:
        for sql in statements(vendor, install=False, table=table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("support", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
