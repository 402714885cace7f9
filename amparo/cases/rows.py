"""A row of the case list: the columns it shows, read with `values()`, and the names the
page, the API and the template tag read them by."""

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from amparo.cases.models import CASE_FLAGS, CaseStatus, Priority

LIST_ROW_FIELDS = (
    *("id", "folio", "status", "closure_reason", "channel", "priority"),
    *("beneficiary_id", "requester_id", "assigned_to_id", "opened_at", "closed_at", *CASE_FLAGS),
    *("office__code", "materia__code", "materia__label", "subtype__code", "subtype__label"),
    *("beneficiary__given_names", "beneficiary__first_surname", "beneficiary__second_surname"),
    *("assigned_to__username", "assigned_to__first_name", "assigned_to__last_name"),
)


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list (page and API): plain values, no model instances. Building
    six model objects per row (case, office, materia, subtype, person, officer) cost as much
    as the query itself; so did decrypting the beneficiary's encrypted fields. Each column
    a reader needs is a named property; nothing imitates a Case by attribute fallback."""

    values: dict[str, Any]

    @property
    def pk(self) -> int:
        return int(self.values["id"])

    # The columns the list and its callers read, by name (no attribute lookup falls through
    # to the values: a name this row does not show is an error, not a silent None).
    @property
    def folio(self) -> str:
        return str(self.values["folio"])

    @property
    def status(self) -> str:
        return str(self.values["status"])

    @property
    def opened_at(self) -> Any:
        return self.values["opened_at"]

    @property
    def assigned_to_id(self) -> int | None:
        return self.values["assigned_to_id"]

    @property
    def office_code(self) -> str:
        return str(self.values["office__code"])

    @property
    def materia_label(self) -> str:
        return str(self.values["materia__label"])

    @property
    def subtype_label(self) -> str:
        return str(self.values["subtype__label"])

    # The related objects, as far as a row shows them (same attribute paths as on Case).
    @property
    def office(self) -> SimpleNamespace:
        return SimpleNamespace(code=self.values["office__code"])

    @property
    def materia(self) -> SimpleNamespace:
        v = self.values
        return SimpleNamespace(code=v["materia__code"], label=v["materia__label"])

    @property
    def subtype(self) -> SimpleNamespace:
        v = self.values
        return SimpleNamespace(code=v["subtype__code"], label=v["subtype__label"])

    @property
    def beneficiary(self) -> SimpleNamespace:
        return SimpleNamespace(full_name=self.beneficiary_name)

    @property
    def status_label(self) -> str:
        return str(CaseStatus(self.values["status"]).label)

    @property
    def priority_label(self) -> str:
        return str(Priority(self.values["priority"]).label)

    @property
    def beneficiary_name(self) -> str:
        v = self.values
        names = (v["beneficiary__given_names"], v["beneficiary__first_surname"])
        return " ".join(n for n in (*names, v["beneficiary__second_surname"]) if n)

    @property
    def assigned_to_name(self) -> str:
        v = self.values
        if v["assigned_to_id"] is None:
            return ""
        full = f"{v['assigned_to__first_name']} {v['assigned_to__last_name']}".strip()
        return full or str(v["assigned_to__username"])

    @property
    def flags(self) -> list[str]:
        return [name for name in CASE_FLAGS if self.values[name]]
