from datetime import date

from amparo.accounts.models import User
from amparo.cases.tests.factories import actor_for, open_case_as
from amparo.detention.models import Detention, Facility
from amparo.detention.services import detention_record


def detain(
    user: User, facility: Facility, *, detained_on: date | None = date(2026, 2, 1)
) -> Detention:
    case = open_case_as(user, flags={"is_detained": True})
    return detention_record(
        actor=actor_for(user),
        case=case,
        facility=facility,
        authority="ice",
        detained_on=detained_on,
    )
