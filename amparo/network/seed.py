"""The shipped network: every office in data/offices.csv and the default jurisdiction."""

from amparo.network.areas import OFFICES_CSV
from amparo.network.services import jurisdiction_assign_defaults, office_import


def load_network_seed() -> None:
    """Import the shipped offices and give every unassigned area its nearest consulate.
    Idempotent: a second run changes and duplicates nothing."""
    office_import(text=OFFICES_CSV.read_text(encoding="utf-8"))
    jurisdiction_assign_defaults()
