"""An alert as a Common Alerting Protocol 1.2 message, for other responders' systems.

Scope "Restricted" (consular protection staff); the position goes as a circle of the fix's
accuracy; no name, no text the person typed. `<sent>` carries a ±hh:mm offset (the
schema refuses "Z"). Validated against the official schema shipped in data/cap/."""

from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree as ET

from django.utils import timezone

from amparo.alerts.models import Alert, AlertStatus

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
SCHEMA = Path(__file__).resolve().parent / "data" / "cap" / "CAP-v1.2-schema.xsd"
SENDER = "proteccion@sre.gob.mx"


def _time(value: datetime) -> str:
    return timezone.localtime(value, timezone.get_fixed_timezone(0)).isoformat(timespec="seconds")


def cap_message(alert: Alert) -> bytes:
    ET.register_namespace("", NAMESPACE)

    def add(parent: ET.Element, tag: str, text: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
        element.text = text
        return element

    root = ET.Element(f"{{{NAMESPACE}}}alert")
    add(root, "identifier", f"amparo-alert-{alert.pk}")
    add(root, "sender", SENDER)
    add(root, "sent", _time(alert.received_at))
    add(root, "status", "Test" if alert.is_test else "Actual")
    msg_type = {AlertStatus.RECEIVED: "Alert", AlertStatus.CLOSED: "Cancel"}
    add(root, "msgType", msg_type.get(AlertStatus(alert.status), "Update"))
    add(root, "scope", "Restricted")
    add(root, "restriction", "Personal de protección consular de la SRE")
    info = ET.SubElement(root, f"{{{NAMESPACE}}}info")
    add(info, "language", "es-MX")
    add(info, "category", "Security")
    add(info, "event", "Riesgo de detención inminente de una persona mexicana")
    add(info, "urgency", "Immediate")
    add(info, "severity", "Severe")
    add(info, "certainty", "Likely")
    add(info, "effective", _time(alert.raised_at))
    add(info, "senderName", alert.office.name)
    add(info, "headline", f"Botón de alerta n.º {alert.pk} ({alert.office.code})")
    area = ET.SubElement(info, f"{{{NAMESPACE}}}area")
    fix = alert.fix
    add(area, "areaDesc", f"Jurisdicción de {alert.office.name}")
    if fix:
        radius_km = max(fix["accuracy_m"] / 1000, 0.001)
        add(area, "circle", f"{fix['lat']:.6f},{fix['lon']:.6f} {radius_km:.3f}")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
