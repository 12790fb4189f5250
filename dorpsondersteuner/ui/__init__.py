"""The PySide6 desktop app. Only this package imports Qt (the core never does).

It renders what the core answers and decides no rule: what a user may do comes from
``services/capabilities.py``. Its rooms: start-up (``app.py``, ``preview.py``,
``main_window.py``), the task manager (``tasks.py``, ``ops.py``), the work area
(``work.py`` and its parts: ``navigation.py``, ``list_pane.py``, ``short_lists.py``,
``detail.py``, ``actions.py``, ``detail_window.py``), the intake form (``form.py``),
the dialogs (``dialogs/``), the administrator's page (``admin.py``), and how things are
said and drawn (``words.py``, ``dates.py``, ``messages.py``, ``palette.py``).
"""

# Names shared by the start-up code and the views. Here, not in the modules that use
# them, because this package module loads no Qt: ``__main__`` parses its options and
# the start-up preview decides what to show before anything heavy is imported.

# The views ``--screenshot`` renders.
SCREENSHOT_VIEWS = (
    "list",
    "detail",
    "intake",
    "escalate",
    "review",
    "followups",
    "helpers",
    "deadlines",
    "admin",
    "filter",
    "help",
    "lock",
    "start",
)
# The lazy request lists (the other views are short lists); also what the start-up
# preview can show.
LIST_VIEWS = ("mine", "all")
