"""The dialogs of the daily work, one module per concern:

- ``base``: ``FormDialog``, the frame every dialog shares (fields bound to a draft,
  the consequence in one sentence, the error, the buttons);
- ``steps``: the workflow steps (escalate, pick up, hand back, close, reopen, waiting,
  consent given or withdrawn);
- ``records``: contacts, follow-ups, own-circle help and the neighbourhood helpers;
- ``residents``: correcting a resident's details, merging two records of one person;
- ``wmo``: the formal Wmo track's dates (municipality);
- ``admin``: reassigning a request (administrators).

Each dialog asks only what its step needs, says the consequence in one sentence, names
its primary button after the action ("Opschalen"), and cancels with Esc. What a user
may do is the core's answer (services/capabilities.py), never decided here.
"""

from .admin import ReassignDialog
from .base import FormDialog
from .records import ArrangeHelpDialog, ContactDialog, FollowUpDialog, HelperDialog
from .residents import MergeDialog, ResidentDialog
from .steps import (
    STEP_DIALOGS,
    CloseDialog,
    ConsentDialog,
    EscalateDialog,
    HandBackDialog,
    PickUpDialog,
    ReopenDialog,
    WaitDialog,
    WithdrawConsentDialog,
    step_dialog,
)
from .wmo import WmoDialog

__all__ = [
    "STEP_DIALOGS",
    "ArrangeHelpDialog",
    "CloseDialog",
    "ConsentDialog",
    "ContactDialog",
    "EscalateDialog",
    "FollowUpDialog",
    "FormDialog",
    "HandBackDialog",
    "HelperDialog",
    "MergeDialog",
    "PickUpDialog",
    "ReassignDialog",
    "ReopenDialog",
    "ResidentDialog",
    "WaitDialog",
    "WithdrawConsentDialog",
    "WmoDialog",
    "step_dialog",
]
