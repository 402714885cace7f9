"""PALE API for what the office keeps about a provider (mounted under /api/v1/legal/ with
api.router): its lawyers' bar admissions and its contacts."""

from datetime import date

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from amparo.accounts.access import get_for_actor, visible
from amparo.accounts.actor import acting
from amparo.core.api_types import RowId
from amparo.legal import provider_records, selectors
from amparo.legal.models import BarAdmission, ProviderContact

router = Router(tags=["legal"])


class PaleBarAdmissionIn(Schema):
    lawyer_name: str = Field(..., max_length=160)
    region: str = Field(..., max_length=2, description="US state or Canadian province, e.g. CA")
    number: str = Field(..., max_length=40)
    verified_on: date | None = Field(None, description="The day the bar's roll was checked.")


class PaleBarAdmissionOut(Schema):
    id: int
    provider_id: int
    lawyer_name: str
    region: str
    number: str
    verified_on: date | None


class PaleVerificationIn(Schema):
    verified_on: date


class PaleContactIn(Schema):
    name: str = Field(..., max_length=160)
    role: str = Field("", max_length=120)
    phone: str = Field("", max_length=40)
    email: str = Field("", max_length=254)


class PaleContactOut(Schema):
    id: int
    provider_id: int
    name: str
    role: str
    phone: str
    email: str


def _admission_out(admission: BarAdmission) -> PaleBarAdmissionOut:
    return PaleBarAdmissionOut(
        id=admission.pk, provider_id=admission.provider_id, lawyer_name=admission.lawyer_name,
        region=admission.region, number=admission.number, verified_on=admission.verified_on,
    )  # fmt: skip


def _contact_out(contact: ProviderContact) -> PaleContactOut:
    return PaleContactOut(
        id=contact.pk, provider_id=contact.provider_id, name=contact.name, role=contact.role,
        phone=contact.phone, email=contact.email,
    )  # fmt: skip


@router.get("/providers/{int:provider_id}/bar-admissions", response=list[PaleBarAdmissionOut])
def list_bar_admissions(request: HttpRequest, provider_id: RowId) -> list[PaleBarAdmissionOut]:
    actor = acting(request)
    provider = selectors.provider_for(actor, provider_id)
    return [_admission_out(a) for a in visible(actor, provider.bar_admissions.all())]


@router.post("/providers/{int:provider_id}/bar-admissions", response={201: PaleBarAdmissionOut})
def add_bar_admission(
    request: HttpRequest, provider_id: RowId, payload: PaleBarAdmissionIn
) -> Status[PaleBarAdmissionOut]:
    actor = acting(request)
    admission = provider_records.bar_admission_add(
        actor=actor, provider=selectors.provider_for(actor, provider_id),
        lawyer_name=payload.lawyer_name, region=payload.region, number=payload.number,
        verified_on=payload.verified_on,
    )  # fmt: skip
    return Status(201, _admission_out(admission))


@router.post("/bar-admissions/{int:admission_id}/verification", response=PaleBarAdmissionOut)
def verify_bar_admission(
    request: HttpRequest, admission_id: RowId, payload: PaleVerificationIn
) -> PaleBarAdmissionOut:
    actor = acting(request)
    admission = get_for_actor(
        actor, BarAdmission.objects.select_related("provider"), admission_id, write=True
    )
    return _admission_out(provider_records.bar_admission_verify(
        actor=actor, admission=admission, verified_on=payload.verified_on))  # fmt: skip


@router.delete("/bar-admissions/{int:admission_id}", response={204: None})
def remove_bar_admission(request: HttpRequest, admission_id: RowId) -> Status[None]:
    actor = acting(request)
    admission = get_for_actor(
        actor, BarAdmission.objects.select_related("provider"), admission_id, write=True
    )
    provider_records.bar_admission_remove(actor=actor, admission=admission)
    return Status(204, None)


@router.get("/providers/{int:provider_id}/contacts", response=list[PaleContactOut])
def list_contacts(request: HttpRequest, provider_id: RowId) -> list[PaleContactOut]:
    actor = acting(request)
    provider = selectors.provider_for(actor, provider_id)
    return [_contact_out(c) for c in visible(actor, provider.contacts.all())]


@router.post("/providers/{int:provider_id}/contacts", response={201: PaleContactOut})
def add_contact(
    request: HttpRequest, provider_id: RowId, payload: PaleContactIn
) -> Status[PaleContactOut]:
    actor = acting(request)
    contact = provider_records.contact_add(
        actor=actor, provider=selectors.provider_for(actor, provider_id), name=payload.name,
        role=payload.role, phone=payload.phone, email=payload.email,
    )  # fmt: skip
    return Status(201, _contact_out(contact))


@router.delete("/provider-contacts/{int:contact_id}", response={204: None})
def remove_contact(request: HttpRequest, contact_id: RowId) -> Status[None]:
    actor = acting(request)
    contact = get_for_actor(
        actor, ProviderContact.objects.select_related("provider"), contact_id, write=True
    )
    provider_records.contact_remove(actor=actor, contact=contact)
    return Status(204, None)
