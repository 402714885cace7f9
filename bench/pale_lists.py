"""PALE: the ranked candidates for a case and the provider portal's list of referrals, with
325 contracts and 20,000 referrals: what the application adds over the bare SQL.

Run: .venv/bin/python bench/pale_lists.py [--runs 200] [--warmup 20] [--reuse] [--keep]
     [--referrals 20000] [--portal 1000]
(set AMPARO_BENCH_DIR to keep a --reuse cluster apart from other benchmarks' data).

Data: the demo network and users, people and cases at seed_demo scale 0.05, the demo's 325
contracts (amparo.demo.legal: 324 with the consulates' providers, one national), and
--referrals referrals written in bulk over the last year from cases of each contract's
office (a tenth waiting for an answer, a quarter in progress, two fifths concluded, the rest
accepted, declined or revoked), --portal of them to the provider the demo lawyer works for.
Interleaved:
  candidates  for a Los Angeles case, as its consular officer:
    bare SQL  one statement for the contracts in force with their open referrals and whether
              the provider covers the county and the matter, one for the providers' last
              year (answered, accepted, average wait, concluded, favourable);
    selector  legal.candidates.candidates_for (the same two reads, and the ranking);
    view      GET /pale/canalizar/?case=… (the ranked list and the referral form);
    api       GET /api/v1/legal/cases/<id>/candidates.
  portal      the demo lawyer's list, first page of 50 and the count (the shared fields
              decrypted, as every path must):
    bare SQL  one statement through the lawyer's provider, the contract in force and the
              open statuses, newest first, the decryption of each row's shared fields, and
              one count;
    selector  legal.selectors.PortalList (the access rulebook's grant), its first page
              and its count;
    view      GET /pale/portal/;
    api       GET /api/v1/legal/referrals (limit 50, with the count).
  floor       each bare SQL behind a minimal authenticated GET endpoint (same middleware).
Target (the issue's): the selectors at most 1.5 times the bare SQL, the views and the API at
most 1.5 times the floor.
"""

import json
import random
from datetime import timedelta
from typing import Any

import _support as bench

OFFICER = "demo.consular.lax"
LAWYER = "demo.pale.lax"
PAGE = 50  # legal.selectors.PORTAL_PAGE, and the API's default page

CONTRACTS_SQL = """
SELECT c.id, p.id, p.name, p.languages, c.capacity, c.ceiling, c.approved_total,
       (SELECT count(*) FROM legal_referral r
         WHERE r.contract_id = c.id AND r.status IN ('sent', 'accepted', 'in_progress')),
       EXISTS (SELECT 1 FROM legal_provider_materias m
                WHERE m.provider_id = p.id AND m.materia_id = %(materia)s),
       EXISTS (SELECT 1 FROM legal_provider_counties pc
                 JOIN network_jurisdictionarea a ON a.id = pc.jurisdictionarea_id
                WHERE pc.provider_id = p.id AND a.code = %(county)s)
  FROM legal_contract c JOIN legal_provider p ON p.id = c.provider_id
 WHERE c.office_id = %(office)s AND p.kind <> 'capital' AND c.status = 'in_force'
   AND c.starts_on <= %(today)s AND c.ends_on >= %(today)s AND p.is_active
 ORDER BY p.name
"""
HISTORY_SQL = """
SELECT provider_id, count(*), count(*) FILTER (WHERE status <> 'declined'),
       avg(answered_at - sent_at), count(*) FILTER (WHERE status = 'concluded'),
       count(*) FILTER (WHERE status = 'concluded' AND outcome IN
         ('released_on_bond', 'relief_granted', 'charges_dismissed', 'acquitted', 'settlement'))
  FROM legal_referral
 WHERE provider_id = ANY(%(providers)s) AND answered_at IS NOT NULL
   AND sent_at >= now() - interval '365 days'
 GROUP BY provider_id
"""
PORTAL_FROM = """
  FROM legal_referral r
  JOIN legal_contract c ON c.id = r.contract_id
"""
PORTAL_FILTER = """
 WHERE r.provider_id IN (SELECT provider_id FROM legal_providerlawyer WHERE user_id = %(user)s)
   AND r.status IN ('sent', 'accepted', 'in_progress', 'concluded') AND c.status = 'in_force'
"""
PORTAL_SQL = f"""
SELECT r.id, r.status, r.sent_at, r.shared, r.outcome, o.code, o.time_zone
  {PORTAL_FROM} JOIN network_office o ON o.id = r.office_id {PORTAL_FILTER}
 ORDER BY r.sent_at DESC, r.id DESC
 LIMIT %(page)s
"""
PORTAL_COUNT_SQL = f"SELECT count(*) {PORTAL_FROM} {PORTAL_FILTER}"
STATUSES = (("sent", 10), ("accepted", 10), ("in_progress", 25), ("concluded", 40),
            ("declined", 10), ("revoked", 5))  # fmt: skip
OUTCOMES = ("released_on_bond", "relief_granted", "removal_order", "charges_dismissed", "other")


def ensure_network(referrals: int, portal: int) -> None:
    """Cases, the demo's contracts and `referrals` referrals, the first time."""
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from amparo.cases.models import Case
    from amparo.demo.detention import _Writer
    from amparo.demo.legal import _Demo
    from amparo.legal.models import Contract, ProviderLawyer, Referral

    call_command("migrate", "--no-input", verbosity=0)
    if Contract.objects.exists():
        return
    only = [arg for step in ("network", "users", "people", "cases") for arg in ("--only", step)]
    call_command("seed_demo", "--scale", "0.05", *only, "--no-progress", stdout=io.StringIO())
    rng = random.Random("bench-pale")
    demo = _Demo(rng, _Writer(), timezone.now())
    contracts = [s.contract for s in demo.contracts(demo.offices(), 324)]
    mine = ProviderLawyer.objects.get(user__username=LAWYER).provider_id
    pools: dict[int, list[int]] = {}
    for office_id, pk in Case.objects.values_list("office_id", "pk").order_by("pk"):
        pools.setdefault(office_id, []).append(pk)
    local = [c for c in contracts if c.office_id in pools]
    theirs = [c for c in local if c.provider_id == mine]
    admin = demo.writer.admin
    now = timezone.now()
    rows = []
    for n in range(referrals):
        contract = theirs[0] if n < portal and theirs else rng.choice(local)
        status = rng.choices([s for s, _w in STATUSES], [w for _s, w in STATUSES])[0]
        sent = now - timedelta(days=rng.uniform(0, 365))
        rows.append(Referral(
            case_id=rng.choice(pools[contract.office_id]), office_id=contract.office_id,
            provider_id=contract.provider_id, contract=contract, status=status,
            shared=json.dumps({"name": f"Persona {n}", "materia": "Migratorio"}), consent="signed_form",
            consent_detail="bench", sent_by=admin, sent_at=sent,
            answered_at=None if status == "sent" else sent + timedelta(hours=rng.uniform(1, 60)),
            outcome=rng.choice(OUTCOMES) if status == "concluded" else "",
        ))  # fmt: skip
    Referral.objects.bulk_create(rows, batch_size=5_000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def candidates_row(options: Any) -> Any:
    from django.db import connection

    from amparo.cases.models import Case
    from amparo.legal.candidates import candidates_for
    from amparo.network.jurisdiction import area_code

    actor = bench.actor_for(OFFICER)
    case = (
        Case.objects.filter(office=actor.office, subtype__materia__code="MIGRATORIO")
        .select_related("office", "beneficiary", "subtype__materia")
        .order_by("pk")
        .first()
    )
    assert case is not None
    person = case.beneficiary
    county = area_code(person.address_country or "US", person.address_state, person.address_county) \
        if person.address_county and person.address_state else ""  # fmt: skip
    today = actor.office.local_today()
    client = bench.signed_in_client(OFFICER)

    def bare() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(CONTRACTS_SQL, {"materia": case.subtype.materia_id, "county": county,
                                           "office": case.office_id, "today": today})  # fmt: skip
            contracts = cursor.fetchall()
            cursor.execute(HISTORY_SQL, {"providers": [row[1] for row in contracts]})
            return [*contracts, *cursor.fetchall()]

    def view() -> object:
        response = client.get(f"/pale/canalizar/?case={case.pk}")
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get(f"/api/v1/legal/cases/{case.pk}/candidates")
        assert response.status_code == 200, response.status_code
        return response

    ranked = candidates_for(case)
    assert len(ranked) == len([r for r in bare() if len(r) == 10]), "not the same contracts"
    return bench.paths_row(
        f"candidates for a {case.office.code} case ({len(ranked)} contracts)", bare=bare,
        selector=lambda: candidates_for(case), view=view, api=api, client=client, options=options,
    )  # fmt: skip


def portal_row(options: Any) -> Any:
    from django.db import connection

    from amparo.core.crypto import decrypt
    from amparo.legal.selectors import PortalList

    actor = bench.actor_for(LAWYER)
    client = bench.signed_in_client(LAWYER)

    def bare() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(PORTAL_SQL, {"user": actor.user.pk, "page": PAGE})
            rows = [(*row[:3], decrypt(row[3]), *row[4:]) for row in cursor.fetchall()]
            cursor.execute(PORTAL_COUNT_SQL, {"user": actor.user.pk})
            return [*rows, cursor.fetchone()]

    def selector() -> list[Any]:
        found = PortalList(actor)
        return [*found[:PAGE], found.count()]

    def view() -> object:
        response = client.get("/pale/portal/")
        assert response.status_code == 200, response.status_code
        return response

    def api() -> object:
        response = client.get("/api/v1/legal/referrals", {"limit": PAGE})
        assert response.status_code == 200, response.status_code
        return response

    assert [row[0] for row in bare()[:-1]] == [r.pk for r in selector()[:-1]], "not the same page"
    open_to_them = PortalList(actor).count()
    return bench.paths_row(
        f"portal of the demo lawyer ({open_to_them:,} referrals)", bare=bare, selector=selector,
        view=view, api=api, client=client, options=options,
    )  # fmt: skip


def main() -> None:
    options = bench.write_options(__doc__.splitlines()[0], referrals=20_000, portal=1_000)
    with bench.cluster(options, "pale-lists") as (url, work):
        bench.django_setup(url, work)
        ensure_network(options.extra["referrals"], options.extra["portal"])
        from django.test import override_settings

        from amparo.legal.models import Contract, Referral

        print(f"PostgreSQL at {url}  ·  {Contract.objects.count():,} contracts  ·  "
              f"{Referral.objects.count():,} referrals")  # fmt: skip
        print(f"runs {options.runs} (+{options.warmup} warm-up) per case, interleaved")
        with override_settings(ROOT_URLCONF=bench.floor_urls()):
            rows = [candidates_row(options), portal_row(options)]
        names = ("selector", "view", "api")
        bench.print_table("PALE: ranked candidates and the provider portal", rows, names)
        passed = bench.verdicts("PALE lists", rows, names)
    raise SystemExit(0 if passed else 1)


if __name__ == "__main__":
    main()
