"""The PySide6 desktop app. Only this package imports Qt (the core never does)."""

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
)
# The lazy request lists (the other views are short lists); also what the start-up
# preview can show.
LIST_VIEWS = ("mine", "all")
