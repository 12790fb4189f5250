"""Use cases of the core: each takes a Session and returns plain frozen dataclasses.

Who may see and do what is decided in ``access.py`` only; ``capabilities.py`` gathers,
per request and per view, the answers the desktop app shows; ``workflow.py`` holds the
rules of the steps, the same code on the laptop and the server.
"""
