"""What a piece says, checked beyond its layout: one entry point for every render.

* figures and legal claims typed into the text (`claims.py`: old base salary, "20 năm",
  "15 năm" without the age condition…);
* places on the 2025 map (`places.py`: districts and merged communes, with the new name
  where it is unambiguous).

`prepare` calls `content_checks` for a single piece and for every batch row alike, so
both get the same warnings, each naming its field.
"""

from __future__ import annotations

from .campaign import Campaign
from .checks import Check, warning
from .claims import claims_checks
from .places import find_place_issues


def content_checks(texts: dict[str, str], campaign: Campaign) -> list[Check]:
    """Warnings for old figures, half-true claims and old place names in `texts`."""
    checks = claims_checks(texts, campaign.day, unconfirmed=campaign.unconfirmed_figures)
    context = f"{campaign.unit}\n{campaign.address}"  # names the province for ambiguous names
    for field_id, text in texts.items():
        if text:
            checks += [warning("place", issue.vi, issue.en, field_id)
                       for issue in find_place_issues(text, context)]
    return checks
