from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from amparo.accounts.actor import Actor
from amparo.people.models import Person
from amparo.people.permissions import offices_for_new_people


class DateInput(forms.DateInput):
    input_type = "date"


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Buscar por nombre"), max_length=120, required=False)


class PersonForm(forms.ModelForm):
    """Registration and edit. Only central administration sees (and may change) the office."""

    class Meta:
        model = Person
        fields = [
            "office",
            "given_names",
            "first_surname",
            "second_surname",
            "date_of_birth",
            "sex",
            "birth_state",
        ]
        widgets = {"date_of_birth": DateInput(format="%Y-%m-%d")}

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offices = offices_for_new_people(actor)
        if offices.count() > 1:
            self.fields["office"].queryset = offices  # type: ignore[attr-defined]
        else:
            del self.fields["office"]

    def changes(self) -> dict[str, Any]:
        """The cleaned values of the fields this form shows (call after is_valid)."""
        return {name: self.cleaned_data[name] for name in self.fields}
