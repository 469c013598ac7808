"""The demo clinic: its accounts and all its synthetic patients, in MRN order."""

from __future__ import annotations

from clinic.demo.patients_causes import CAUSES
from clinic.demo.patients_drugs import DRUGS
from clinic.demo.patients_everyday import EVERYDAY
from clinic.demo.patients_followup import FOLLOW_UP
from clinic.demo.rows import Account, DemoPatient

# Deliberately weak and published in the README: the demo runs only on a developer's machine
# (the command refuses to run with DEBUG off unless forced).
DEMO_PASSWORD = "ekbom-demo"

ACCOUNTS = (
    Account("demo-doctor", "Maria", "Jensen", "Doctors"),
    Account("demo-doctor2", "Tomasz", "Wieczorek", "Doctors"),
    Account("demo-admin", "Ingrid", "Solberg", "Clinic admins", is_staff=True),
)

PATIENTS: tuple[DemoPatient, ...] = (*EVERYDAY, *CAUSES, *DRUGS, *FOLLOW_UP)

# The patients the tests single out.
HEALTHY_MRN = "DEMO-0001"
PREGNANT_MRN = "DEMO-0002"
SWITCHED_TO_ALTERNATIVES_MRN = "DEMO-0008"
STRUCK_OUT_HEMOGLOBIN_MRN = "DEMO-0044"
