"""The UI decides no rule (ARCHITECTURE; issue "One rule in one place"): what a user may
do is the core's answer (services/capabilities.py), which the UI renders. So no module
under ``ui/`` looks at a user's role to decide anything. Putting a role into words is
display, not a rule: only the words module names the ``Role`` members."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import dorpsondersteuner.ui
from dorpsondersteuner.enums import Role

UI = Path(dorpsondersteuner.ui.__file__).parent
WORDS = UI / "words.py"  # role_word(): a role in Dutch, for the status bar and lists


ROLE_VALUES = frozenset(role.value for role in Role)


def _is_role(node: ast.expr) -> bool:
    """A user's role (``principal.role``), or a role's stored value ("municipality")."""
    if isinstance(node, ast.Attribute):
        return node.attr == "role"
    return isinstance(node, ast.Constant) and node.value in ROLE_VALUES


def role_decisions(source: str) -> Iterator[tuple[int, str]]:
    """Where a module names the ``Role`` enum or compares or matches on a role."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and any(a.name == "Role" for a in node.names):
            yield node.lineno, "imports Role"
        elif isinstance(node, ast.Name) and node.id == "Role":
            yield node.lineno, "names Role"
        elif isinstance(node, ast.Attribute) and node.attr == "Role":
            yield node.lineno, "names Role"  # enums.Role
        elif isinstance(node, ast.Compare) and any(
            _is_role(side) for side in (node.left, *node.comparators)
        ):
            yield node.lineno, "compares a role"
        elif isinstance(node, ast.Match) and _is_role(node.subject):
            yield node.lineno, "matches on a role"


def test_no_ui_module_decides_by_role() -> None:
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 10  # the walk found the package
    found = [
        f"{path.relative_to(UI.parent)}:{line}: {what}"
        for path in modules
        if path != WORDS
        for line, what in role_decisions(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "\n".join(found)


def test_the_check_catches_role_decisions() -> None:
    """The forms a role check took in the UI before the core answered these questions."""
    caught = [
        "from ..models.enums import Role\n",
        "shown = principal.role is Role.MUNICIPALITY\n",
        "helpers = role in (Role.VILLAGE_SUPPORTER, Role.DISTRICT_TEAM)\n",
        "visible = self.principal.role is not self.supporter\n",
        'deadlines = who == "municipality"\n',
        "match user.role:\n    case _:\n        pass\n",
        "order = list(enums.Role)\n",
    ]
    for source in caught:
        assert list(role_decisions(source)), source
    # Display and ordinary code pass: a role put into words, Qt's item data roles.
    for source in (
        "text = role_word(user.role)\n",
        "if role == Qt.ItemDataRole.DisplayRole:\n    pass\n",
    ):
        assert list(role_decisions(source)) == [], source
