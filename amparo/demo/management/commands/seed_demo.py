"""`manage.py seed_demo`: fill the database with deterministic synthetic demo data.

Runs STEPS in order; each step is idempotent, so the command can be rerun at any time (an
interrupted load resumes, a larger --scale tops up). To add data for a new module, write an
idempotent `run(context) -> summary` function and append a Step to STEPS.
"""

import importlib
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.accounts.models import Role
from amparo.cases.models import Case
from amparo.demo.cases import generate_cases
from amparo.demo.people import generate_people
from amparo.demo.progress import DemoDataError, ProgressFactory, no_progress, tqdm_progress
from amparo.network.models import Office
from amparo.people.models import Person

MAX_BATCH_SIZE = 50_000


@dataclass(frozen=True)
class StepContext:
    scale: float
    seed: int
    batch_size: int
    progress: ProgressFactory
    write: Callable[[str], None]


@dataclass(frozen=True)
class Step:
    name: str
    label: Promise
    run: Callable[[StepContext], str]


def _provided(module: str, attribute: str) -> Callable[..., Any]:
    """The function another app provides for a step, or a clear error if it is missing."""
    try:
        found = getattr(importlib.import_module(module), attribute, None)
    except ModuleNotFoundError as error:
        if error.name != module:
            raise
        found = None
    if found is None:
        raise CommandError(
            _("Falta %(function)s(): esta versión de Amparo aún no incluye ese paso.")
            % {"function": f"{module}.{attribute}"}
        )
    return found  # type: ignore[no-any-return]


def seed_network(context: StepContext) -> str:
    _provided("amparo.network.seed", "load_network_seed")()
    return _("%(count)s representaciones") % {"count": f"{Office.objects.count():,}"}


ACCOUNT_COLUMNS = (
    (("username",), gettext_lazy("Usuario")),
    (("role",), gettext_lazy("Rol")),
    (("office_code", "office"), gettext_lazy("Representación")),
    (("password",), gettext_lazy("Contraseña")),
    (("totp_secret",), gettext_lazy("Secreto TOTP")),
)


def seed_users(context: StepContext) -> str:
    accounts = _provided("amparo.demo.accounts", "ensure_demo_users")()
    context.write(accounts_table(accounts))
    users = {_cell(account, ("username",)) for account in accounts}
    return _("%(users)s usuarios, %(memberships)s membresías") % {
        "users": len(users),
        "memberships": len(accounts),
    }


def _cell(account: object, keys: tuple[str, ...]) -> str:
    for key in keys:
        value = account.get(key) if isinstance(account, Mapping) else getattr(account, key, None)
        if value is not None:
            return str(Role(value).label) if key == "role" and value in Role.values else str(value)
    return ""


def accounts_table(accounts: Sequence[object]) -> str:
    """A plain-text table of the demo accounts (rows may be mappings or objects)."""
    rows = [[str(label) for _keys, label in ACCOUNT_COLUMNS]]
    rows += [[_cell(account, keys) for keys, _label in ACCOUNT_COLUMNS] for account in accounts]
    widths = [max(len(row[i]) for row in rows) for i in range(len(ACCOUNT_COLUMNS))]
    lines = [
        "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def seed_rosters(context: StepContext) -> str:
    from amparo.demo.rosters import DAYS_AHEAD, staff_rosters

    return _("%(shifts)s guardias nuevas (hasta %(days)s días adelante)") % {
        "shifts": staff_rosters(),
        "days": DAYS_AHEAD,
    }


def seed_people(context: StepContext) -> str:
    added = generate_people(
        scale=context.scale,
        seed=context.seed,
        batch_size=context.batch_size,
        progress=context.progress,
    )
    return _("%(added)s nuevas, %(total)s en total") % {
        "added": f"{added:,}",
        "total": f"{Person.objects.count():,}",
    }


def seed_cases(context: StepContext) -> str:
    added = generate_cases(
        scale=context.scale,
        seed=context.seed,
        batch_size=context.batch_size,
        progress=context.progress,
    )
    return _("%(added)s nuevos, %(total)s en total") % {
        "added": f"{added:,}",
        "total": f"{Case.objects.count():,}",
    }


def seed_calls(context: StepContext) -> str:
    from amparo.demo.hotline import seed_calls as generate

    return generate(context)


def seed_guidance(context: StepContext) -> str:
    from amparo.guidance.seed import load_guidance_seed

    added = load_guidance_seed()
    return _("%(added)s guías nuevas") % {"added": added}


def seed_support(context: StepContext) -> str:
    from amparo.demo.support import seed_support as generate

    return generate(scale=context.scale, seed=context.seed)


def seed_outreach(context: StepContext) -> str:
    from amparo.demo.outreach import seed_outreach as generate

    return generate(context)


def seed_detention(context: StepContext) -> str:
    from amparo.demo.detention import seed_detention as generate

    return generate(scale=context.scale, seed=context.seed)


def seed_legal(context: StepContext) -> str:
    from amparo.demo.legal import seed_legal as generate

    return generate(scale=context.scale, seed=context.seed)


def seed_alerts(context: StepContext) -> str:
    from amparo.demo.alerts import seed_alerts as generate

    return generate(scale=context.scale, seed=context.seed)


# In dependency order. Each step must be idempotent.
STEPS: tuple[Step, ...] = (
    Step("network", gettext_lazy("Red consular"), seed_network),
    Step("users", gettext_lazy("Usuarios de demostración"), seed_users),
    Step("rosters", gettext_lazy("Guardias de las representaciones"), seed_rosters),
    Step("guidance", gettext_lazy("Guías de orientación del CIAM"), seed_guidance),
    Step("people", gettext_lazy("Personas"), seed_people),
    Step("cases", gettext_lazy("Casos de protección"), seed_cases),
    Step("calls", gettext_lazy("Llamadas CIAM"), seed_calls),
    Step("outreach", gettext_lazy("Eventos de protección preventiva"), seed_outreach),
    Step("support", gettext_lazy("Apoyos económicos"), seed_support),
    Step("legal", gettext_lazy("Red PALE: contratos y canalizaciones"), seed_legal),
    Step("detention", gettext_lazy("Detención: centros, visitas y asesorías"), seed_detention),
    Step("alerts", gettext_lazy("Botón de alerta: inscripciones y alertas"), seed_alerts),
)


def parse_scale(raw: str) -> float:
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise CommandError(
            _(
                "--scale debe ser un número mayor que cero, por ejemplo 1 (el perfil de 2025, "
                "176 827 personas) o 0.01; se recibió «%(value)s»."
            )
            % {"value": raw}
        )
    return value


def parse_count(raw: str, *, option: str, minimum: int, maximum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if not minimum <= value <= maximum:
        raise CommandError(
            _(
                "%(option)s debe ser un número entero entre %(min)s y %(max)s; se recibió «%(value)s»."
            )
            % {"option": option, "min": minimum, "max": maximum, "value": raw}
        )
    return value


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]  # translated when the parser is built
        return _(
            "Genera datos de demostración sintéticos y deterministas (red consular, usuarios, "
            "guías, personas, casos, llamadas). Se puede repetir: no duplica, reanuda y completa."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            default="1.0",
            help=_("Multiplicador del perfil de 2025 (1.0 = 176 827 personas)."),
        )
        parser.add_argument(
            "--seed", default="2025", help=_("Semilla (misma semilla, mismos datos).")
        )
        parser.add_argument("--batch-size", default="5000", help=_("Filas por transacción."))
        parser.add_argument(
            "--only",
            action="append",
            choices=[step.name for step in STEPS],
            help=_("Ejecuta solo este paso (se puede repetir)."),
        )
        parser.add_argument("--no-progress", action="store_true", help=_("Sin barra de progreso."))

    def handle(self, *args: object, **options: Any) -> None:
        context = StepContext(
            scale=parse_scale(str(options["scale"])),
            seed=parse_count(str(options["seed"]), option="--seed", minimum=0, maximum=2**31 - 1),
            batch_size=parse_count(
                str(options["batch_size"]), option="--batch-size", minimum=1, maximum=MAX_BATCH_SIZE
            ),
            progress=no_progress
            if options["no_progress"] or options["verbosity"] == 0
            else tqdm_progress,
            write=self.stdout.write,
        )
        only = set(options["only"] or [step.name for step in STEPS])
        started = time.monotonic()
        for step in STEPS:
            if step.name not in only:
                continue
            step_started = time.monotonic()
            self.stdout.write(f"→ {step.label}…")
            try:
                summary = step.run(context)
            except DemoDataError as error:
                raise CommandError(str(error)) from error
            except KeyboardInterrupt:
                raise CommandError(
                    _("Interrumpido. Lo escrito se conserva: repita el comando para continuar.")
                ) from None
            self.stdout.write(
                self.style.SUCCESS(f"✓ {step.label}: {summary} ")
                + f"({time.monotonic() - step_started:.1f} s)"
            )
        self.stdout.write(_("Listo en %(seconds).1f s.") % {"seconds": time.monotonic() - started})
