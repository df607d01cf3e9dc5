"""Who may do what with job ads, named once. The role groups (``hiring.roles``) decide who holds
these permissions; this app only names them, so it never needs to know the groups. The guard that
checks them is ``core.access``."""

from __future__ import annotations

VIEW_ALL_ADS = "jobads.view_jobad"
OWN_ADS = "jobads.own_jobad"  # hiring managers: may own ads, and see the ones they own
ADD_ADS = "jobads.add_jobad"
EDIT_ADS = "jobads.change_jobad"
PUBLISH_ADS = "jobads.publish_jobad"
VIEW_FAMILIES = "jobads.view_rolefamily"
ADD_FAMILIES = "jobads.add_rolefamily"
EDIT_FAMILIES = "jobads.change_rolefamily"
STAFF = (VIEW_ALL_ADS, OWN_ADS)  # a recruiter or a hiring manager: the staff home and the ad lists
