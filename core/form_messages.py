"""Form error messages written for the people who read them, never Django's defaults.

``PlainMessagesMixin`` replaces every default message of a form's fields with a plain sentence
made from the field's label ("Enter the minimum pay as a whole number."). A message a form sets
itself (``error_messages=`` on a field, or in a ModelForm's ``Meta``) is kept. Used by every
staff and public form.
"""

from __future__ import annotations

from django import forms

MAX_LENGTH = "Keep this under %(limit_value)d characters (it has %(show_value)d)."
DATE_FORMAT = "Enter the date as year-month-day, for example 2027-03-31."
EXPIRED_FORM = "This form has expired: check it and send it again."


def plain_messages(field: forms.Field, label: str) -> dict[str, str]:
    """Every message ``field`` can raise, in words, for a field labelled ``label``."""
    what = f"the {label[:1].lower()}{label[1:]}" if label else "this"
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField)
    messages = {
        "required": f"Choose {what}." if choosing else f"Enter {what}.",
        "invalid_choice": f"Choose {what} from the list.",
        "invalid_list": f"Choose {what} from the list.",
        "invalid_pk_value": f"Choose {what} from the list.",
        "max_length": MAX_LENGTH,
        "min_length": "Write at least %(limit_value)d characters.",
        "max_value": "Enter at most %(limit_value)s.",
        "min_value": "Enter at least %(limit_value)s.",
        "step_size": "Enter a whole number.",
        "invalid": f"Check {what}.",
    }
    if isinstance(field, forms.IntegerField):
        messages["invalid"] = f"Enter {what} as a whole number, without spaces or letters."
    elif isinstance(field, forms.DateField):
        messages["invalid"] = DATE_FORMAT
    elif isinstance(field, forms.UUIDField):
        messages["invalid"] = messages["required"] = EXPIRED_FORM
    elif isinstance(field, forms.BooleanField):
        messages["required"] = "Tick this box to go on."
    elif isinstance(field, forms.FileField):
        messages |= {
            "required": "Choose a file.",
            "missing": "Choose a file.",
            "invalid": "The file did not arrive: choose it again.",
            "empty": "The file is empty: choose the file again.",
            "contradiction": "Either choose a new file or tick “clear”, not both.",
        }
    return messages


def _library_messages(field: forms.Field) -> dict[str, object]:
    """Django's own messages this field can raise, by code: its defaults and its validators' ones.

    Only these are replaced. A code left out stays free for a model's own validator message (a
    ModelForm lets a form field's message for a code override the model's).
    """
    found: dict[str, object] = {}
    for cls in reversed(type(field).__mro__):
        found |= getattr(cls, "default_error_messages", {})
    for validator in field.validators:
        code, message = getattr(validator, "code", None), getattr(validator, "message", None)
        if code and message is getattr(type(validator), "message", None):
            found[code] = message
    return found


class PlainMessagesMixin:
    """Mixed into a form before ``forms.Form`` / ``forms.ModelForm``.

    The messages are set when the form validates, so fields a form adds in its ``__init__``
    (a scorecard's competencies) get them too.
    """

    fields: dict[str, forms.Field]

    def full_clean(self) -> None:
        for name, field in self.fields.items():
            plain = plain_messages(field, str(field.label or name.replace("_", " ").capitalize()))
            for code, message in _library_messages(field).items():
                if field.error_messages.get(code, message) is message and code in plain:
                    field.error_messages[code] = plain[code]
        super().full_clean()  # type: ignore[misc]
