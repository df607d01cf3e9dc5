"""The one notification this app sends upward: an ad's terms that intake flags read have changed.

``hiring`` listens to recompute the flags of the ad's applications (salary against the new range,
role fit against the new family). Sent after the change is committed.
"""

from __future__ import annotations

from django.dispatch import Signal

# Fields whose change can turn a flag on or off.
FLAGGED_TERMS = ("pay_min", "pay_max", "currency", "pay_period", "role_family_id", "required_skills")

ad_terms_changed = Signal()  # sender=JobAd, ad_id=<int>
