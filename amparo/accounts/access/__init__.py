"""The access rulebook: the one place that decides who reads and changes sensitive data.
Every read or write of personal data (people, cases, calls, and every module built on
them) goes through it.

Rules, one per line (each has a test in accounts/tests/test_access.py):
  1. Anonymous users and users without an active membership reach no sensitive data.
  2. Central administration reads and changes records of every office.
  3. Central analysis reads records of every office and changes none; it reads personal
     data in bulk (exports, paged API lists) only with a stated reason, kept in the trail.
  4. Heads of office and consular officers read and change only records their office owns.
  5. CIAM staff read and change only records their own office owns, plus two grants: they
     see nationwide THAT a case exists (CASE_EXISTENCE_NATIONWIDE), and an escalation
     writes into the one office the call was routed to (ESCALATION_TO_OFFICE).
  6. External (PALE) lawyers read only what a PALE referral opens to their provider
     (PALE_REFERRAL), and change nothing.
  7. Auditors read no personal data; they read the access trail (audit module), and find
     a record's reference by folio, name or identifier to ask who accessed it
     (AUDIT_RECORD_LOOKUP).
  8. A record routed to an office (ALERT_ROUTED_TO_OFFICE) is read and changed by that
     office's staff as if the office owned it; the CIAM's staff read and acknowledge every
     active alert (ALERT_BOARD_NATIONWIDE).
  9. A missing record and a hidden one look the same: 404 (never reveal existence), and
     the denied attempt is written to the access trail.

Reglas, una por línea:
  1. Sin sesión o sin membresía vigente no se accede a datos sensibles.
  2. La administración central consulta y modifica registros de todas las representaciones.
  3. El análisis central consulta registros de todas las representaciones y no modifica;
     consulta datos personales en bloque (exportaciones, listas paginadas de la API) solo
     indicando el motivo, que queda en la bitácora.
  4. Titulares y funcionarios consulares consultan y modifican solo lo de su representación.
  5. El personal del CIAM consulta y modifica solo lo de su propia oficina, más dos
     permisos: ve en todo el país QUE existe un caso, y al escalar una llamada escribe en
     la representación a la que se dirigió.
  6. Los abogados externos (PALE) consultan solo lo que una canalización PALE abre a su
     despacho, y no modifican nada.
  7. Auditoría no consulta datos personales; consulta la bitácora de accesos, y localiza
     la referencia de un registro por folio, nombre o identificador para saber quién lo
     consultó.
  8. Un registro dirigido a una representación (alerta) lo consulta y modifica su personal
     como si fuera suyo; el personal del CIAM consulta y atiende toda alerta activa.
  9. Un registro inexistente y uno oculto responden igual (404), y el intento denegado
     queda en la bitácora.

Where things are: `rules.py` (the rules table and the named grants), `scopes.py` (every
scoped model and its owning-office lookup), `checkpoint.py` (querysets and single records).
A module plugs in by adding its models to scopes.SCOPES and, for an exception, a Grant.
"""

from amparo.accounts.access.checkpoint import (
    access_denied,
    get_for_actor,
    may_read,
    may_write,
    visibility_filter,
    visible,
)
from amparo.accounts.access.rules import (
    Grant,
    Reach,
    bulk_read_needs_reason,
    delegate,
    holds,
    may_read_office,
    may_write_office,
    rule_for,
)
from amparo.accounts.access.scopes import (
    SCOPES,
    Scope,
    is_scoped,
    owner_office_id,
    scope_for,
    scoped_models,
)

__all__ = [
    "SCOPES",
    "Grant",
    "Reach",
    "Scope",
    "access_denied",
    "bulk_read_needs_reason",
    "delegate",
    "get_for_actor",
    "holds",
    "is_scoped",
    "may_read",
    "may_read_office",
    "may_write",
    "may_write_office",
    "owner_office_id",
    "rule_for",
    "scope_for",
    "scoped_models",
    "visibility_filter",
    "visible",
]
