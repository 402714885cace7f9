"""The case lifecycle as plain data: which status may follow which, and what each move
needs. No Django here, so the rules are testable without a database."""

from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks a Spanish message for the translation catalog (makemessages finds this name)
    without importing Django; services translate it when they show it."""
    return message


OPEN = "open"
IN_PROGRESS = "in_progress"
REFERRED = "referred"
AWAITING_SUPPORT = "awaiting_support"
CONCLUDED = "concluded"

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    OPEN: frozenset({IN_PROGRESS, REFERRED, AWAITING_SUPPORT, CONCLUDED}),
    IN_PROGRESS: frozenset({REFERRED, AWAITING_SUPPORT, CONCLUDED}),
    REFERRED: frozenset({IN_PROGRESS, AWAITING_SUPPORT, CONCLUDED}),
    AWAITING_SUPPORT: frozenset({IN_PROGRESS, REFERRED, CONCLUDED}),
    # Reopening: a concluded case goes back to work, never to "open" (it was already opened).
    CONCLUDED: frozenset({IN_PROGRESS}),
}

CLOSURE_REASONS = frozenset(
    {"favorable", "unfavorable", "withdrawn", "no_contact", "transferred", "outside_competence"}
)


class TransitionError(ValueError):
    """A status change the lifecycle does not allow; the message is safe to show."""


@dataclass(frozen=True)
class Transition:
    current: str
    new: str
    closure_reason: str = ""
    reason: str = ""

    @property
    def is_closing(self) -> bool:
        return self.new == CONCLUDED

    @property
    def is_reopening(self) -> bool:
        return self.current == CONCLUDED and self.new != CONCLUDED


def allowed_next(current: str) -> frozenset[str]:
    return ALLOWED_TRANSITIONS.get(current, frozenset())


def check_transition(transition: Transition) -> None:
    """Raise TransitionError (Spanish message) unless the move is allowed and complete."""
    if transition.new not in ALLOWED_TRANSITIONS:
        raise TransitionError(gettext_noop("El estatus solicitado no existe."))
    if transition.new == transition.current:
        raise TransitionError(gettext_noop("El caso ya tiene ese estatus."))
    if transition.new not in allowed_next(transition.current):
        raise TransitionError(gettext_noop("Ese cambio de estatus no está permitido."))
    if transition.is_closing and transition.closure_reason not in CLOSURE_REASONS:
        raise TransitionError(gettext_noop("Para concluir el caso indique el motivo de cierre."))
    if not transition.is_closing and transition.closure_reason:
        raise TransitionError(gettext_noop("El motivo de cierre solo aplica al concluir el caso."))
    if transition.is_reopening and not transition.reason.strip():
        raise TransitionError(gettext_noop("Para reabrir el caso indique el motivo."))
