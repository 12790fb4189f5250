"""The working area of the main window: navigation on the left, the list in the middle,
the chosen request's detail (or the intake and edit form) on the right (UI.md Layout).

``WorkArea`` puts the rooms together and keeps what they share: the view shown, the
request chosen, the detail loaded, the open dialog. The rooms:

- ``navigation.py``: the views this user has, with their counts;
- ``list_pane.py``: search, heading and the lazy request list;
- ``short_lists.py``: the review queue, follow-ups, Wmo deadlines and helpers;
- ``detail.py``: one request to read, with the steps and records the core offers;
- ``actions.py``: from a step or record asked for to its dialog (``dialogs/``);
- ``form.py``: the intake of a new request and the edit of one;
- ``detail_window.py``: a request in a window of its own.

Built once the register is open and the user is known. Every question to the register
goes through the task manager; every write comes back as ``TaskManager.changed`` and
the list, the counts and the detail refresh from it.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ..services.changes import Changes
from ..services.lists import RequestFilter
from . import LIST_VIEWS, dates, dialogs, ops
from .actions import Actions
from .detail import RequestDetailView
from .detail_window import DetailWindow
from .form import RequestForm
from .list_pane import ACTIVE as ACTIVE  # the statuses the lists show (bench/desktop.py)
from .list_pane import ListPane
from .main_window import MainWindow, with_shortcut
from .messages import describe
from .navigation import VIEWS, Navigation
from .plain import PlainLabel
from .short_lists import ShortLists
from .tasks import QueryOp, TaskManager, WriteOp
from .words import role_word, sync_state_text

# Test-only: type this text into a new intake form once the window is ready (the
# draft test kills the program afterwards and checks that the text comes back).
TYPE_ENV = "DORPSONDERSTEUNER_TEST_TYPE"
SIZES = [180, 620, 480]  # navigation, list, detail at 1280 pixels (detail: its buttons fit)


class WorkArea(QSplitter):
    """Navigation, list and detail side by side, for one signed-in user."""

    def __init__(
        self,
        window: MainWindow,
        tasks: TaskManager,
        signed_in: ops.SignedIn,
        state: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.setObjectName("workArea")
        self.window_ = window
        self.tasks = tasks
        self.signed_in = signed_in
        self.principal = signed_in.principal
        self.view = "mine"
        self.current_id: uuid.UUID | None = None
        self._select_after: uuid.UUID | None = None
        self.detail_shown: ops.DetailResult | None = None
        self._edit_when_loaded: uuid.UUID | None = None  # Edit asked in an own window
        self.detail_loaded = False
        self.detail_windows: dict[uuid.UUID, DetailWindow] = {}
        self.dialog: dialogs.FormDialog | None = None  # the one open dialog, if any
        self._closing_confirmed = False

        self.actions_ = Actions(self)  # actions(): a QWidget method
        self.nav = Navigation(signed_in.views, self.principal.level)
        self.nav.chosen.connect(self._on_nav)
        self.addWidget(self.nav)
        self.short_lists = ShortLists(self)
        self.list_pane = ListPane(self, self._make_draft_banner())
        self.model = self.list_pane.model  # the request list, which the detail follows
        self.table = self.list_pane.table
        self.addWidget(self.list_pane)
        self.addWidget(self._make_right())
        self.setChildrenCollapsible(False)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.setSizes(SIZES)

        self._connect_actions()
        tasks.changed.connect(self.on_changes)
        self.model.loaded.connect(self._on_list_loaded)
        self.model.load_failed.connect(self.on_failed)

        who = f"{self.principal.display_name} · {role_word(self.principal.role)}"
        window.set_status(who, sync_state_text(signed_in.register_kind))
        self.restore(state or {})
        typed = os.environ.get(TYPE_ENV)
        if typed:
            QTimer.singleShot(0, lambda: self._type_for_test(typed))

    def _type_for_test(self, text: str) -> None:
        self.start_intake()
        self.form.question.setPlainText(text)

    # --- Building ----------------------------------------------------------------------

    def _make_draft_banner(self) -> QWidget:
        """Unsaved work found at start (a crash, a flat battery): offered, never lost."""
        self.draft_banner = QWidget()
        self.draft_banner.setObjectName("draftBanner")
        row = QHBoxLayout(self.draft_banner)
        row.setContentsMargins(0, 0, 0, 6)
        self.draft_text = PlainLabel()
        self.draft_text.setObjectName("draftText")
        self.draft_text.setWordWrap(True)
        row.addWidget(self.draft_text, 1)
        self.draft_restore = QPushButton(self.tr("Continue"))
        self.draft_restore.setObjectName("draftRestore")
        self.draft_restore.setToolTip(self.tr("Open the form again with what you typed"))
        self.draft_restore.clicked.connect(self.restore_draft)
        self.draft_discard = QPushButton(self.tr("Throw away"))
        self.draft_discard.setObjectName("draftDiscard")
        self.draft_discard.setToolTip(self.tr("Throw away what you typed then"))
        self.draft_discard.clicked.connect(self.discard_found_draft)
        row.addWidget(self.draft_restore)
        row.addWidget(self.draft_discard)
        self.draft_banner.hide()
        self.found_draft: ops.DraftInfo | None = None
        return self.draft_banner

    def _make_right(self) -> QWidget:
        self.right = QStackedWidget()
        self.right.setObjectName("rightPane")
        self.placeholder = PlainLabel(self.tr("Choose a help request in the list to read it here."))
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setContentsMargins(32, 32, 32, 32)
        self.right.addWidget(self.placeholder)
        self.detail = RequestDetailView()
        self.detail.edit_button.clicked.connect(self.start_edit)
        self.detail.edit_button.setToolTip(self.tr("Change the question, life domains or urgency"))
        self.detail.action.connect(self.actions_.on_action)
        self.detail.link.connect(self.actions_.on_link)
        self.detail.step_buttons["escalate"].setToolTip(
            with_shortcut(
                self.tr("Send the help request one level up"),
                self.window_.escalate_action.shortcut(),
            )
        )
        self.right.addWidget(self.detail)
        self.form = RequestForm(self.tasks, self.signed_in)
        self.form.saved.connect(self._on_saved)
        self.form.closed.connect(self._on_form_closed)
        self.form.set_shortcut_tips(
            with_shortcut(self.tr("Save"), self.window_.save_action.shortcut()),
            with_shortcut(self.tr("Cancel"), self.window_.cancel_action.shortcut()),
        )
        self.right.addWidget(self.form)
        return self.right

    def _connect_actions(self) -> None:
        w = self.window_
        w.new_action.setEnabled(self.signed_in.views.intake)
        if not self.signed_in.views.intake:
            w.new_action.setToolTip(self.tr("Village supporters record new help requests"))
            self.list_pane.new_button.setToolTip(w.new_action.toolTip())
        w.new_action.triggered.connect(self.start_intake)
        w.edit_action.triggered.connect(self.start_edit)
        w.save_action.triggered.connect(self.form.save)
        w.cancel_action.triggered.connect(self.cancel_form)
        w.find_action.setEnabled(True)
        w.find_action.triggered.connect(self.focus_search)
        w.previous_action.setEnabled(True)
        w.next_action.setEnabled(True)
        w.previous_action.triggered.connect(lambda: self.step_request(-1))
        w.next_action.triggered.connect(lambda: self.step_request(1))
        w.escalate_action.triggered.connect(lambda: self.actions_.on_action("escalate"))
        w.window_action.triggered.connect(lambda: self.open_in_window())
        for name, action in w.step_actions.items():
            action.triggered.connect(lambda _checked=False, n=name: self.actions_.on_action(n))
            button = self.detail.step_buttons.get(name) or self.detail.record_buttons.get(name)
            if button is not None:
                button.setToolTip(with_shortcut(action.statusTip(), action.shortcut()))
        more = self.detail.more.menu()
        more.setTitle(self.tr("&More steps"))
        w.request_menu.insertMenu(w.more_anchor, more).setEnabled(False)
        self.more_menu_action = more.menuAction()
        self._offer_in_menu(None)
        w.close_guard = self.may_close
        principal = self.principal
        QueryOp(lambda s: ops.list_drafts(s, principal), self._offer_drafts).run(self.tasks)

    # --- State per user ----------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        only_mine = self.short_lists.only_mine.isChecked()
        return {
            "sizes": self.sizes(),
            "view": self.view,
            "only_mine": only_mine,
            "text_size": self.window_.text_size.step,
        }

    def restore(self, state: dict[str, Any]) -> None:
        text_size = state.get("text_size")
        if isinstance(text_size, int) and not isinstance(text_size, bool):
            self.window_.text_size.set_step(text_size)
        only_mine = state.get("only_mine")
        if isinstance(only_mine, bool):
            box = self.short_lists.only_mine
            box.blockSignals(True)
            box.setChecked(only_mine)
            box.blockSignals(False)
        sizes = state.get("sizes")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) for s in sizes):
            self.setSizes(sizes)
        view = state.get("view")
        self.select_view(view if view in VIEWS else "mine")

    # --- Views and the list ------------------------------------------------------------

    def select_view(self, view: str) -> None:
        self.nav.select(view)
        if self.view == view and self.model.ready:
            return
        self._on_nav(view)

    def _on_nav(self, view: str) -> None:
        if self.form_is_open():
            # The form stays until it is saved or stopped: the left column says where
            # you are, and leaving unsaved text asks first.
            self.nav.select(self.view, quietly=True)
            if self.form.dirty:
                stop = self.tr("Stop and go to %1").replace("%1", self.nav.title(view))
                self.form.ask_to_stop(lambda: self.select_view(view), stop)
                return
            self.form.cancel()
            self.nav.select(view, quietly=True)
        pane = self.list_pane
        self.view = view
        pane.heading.setText(self.nav.title(view))
        pane.search.setEnabled(view in (*LIST_VIEWS, "helpers"))
        pane.show_closed.setVisible(view in LIST_VIEWS)
        pane.life_domain.setVisible(view in LIST_VIEWS)
        self.short_lists.show_tools(view)
        if view in LIST_VIEWS:
            self.reload_list()
        else:
            pane.list_stack.setCurrentWidget(pane.loading)
            self.short_lists.fresh = True  # a view just chosen opens its own first row
            self.short_lists.reload()
            self.refresh_counts()

    def current_filter(self, view: str | None = None, *, narrowed: bool = True) -> RequestFilter:
        return self.list_pane.current_filter(view or self.view, narrowed=narrowed)

    def reload_list(self) -> None:
        if self.view not in LIST_VIEWS:
            return
        self.model.set_filter(self.current_filter())
        self.refresh_counts()

    def refresh_counts(self) -> None:
        principal = self.principal
        filters = {view: self.current_filter(view, narrowed=False) for view in LIST_VIEWS}
        filters["pickup"] = RequestFilter(waiting_for_pick_up=True)
        deadlines = self.signed_in.views.wmo_deadlines
        mine = self.short_lists.only_mine.isChecked()
        QueryOp(
            lambda s: ops.nav_counts(s, principal, filters, deadlines, mine), self.nav.set_counts
        ).latest("nav-counts").run(self.tasks)

    def on_search_text(self, text: str) -> None:
        if self.view == "helpers":
            self.short_lists.reload()
        else:
            self.reload_list()
            if text.strip():
                self.list_pane.search_log_timer.start()

    def _on_list_loaded(self) -> None:
        if self.view not in LIST_VIEWS:
            return  # a late answer for a list no longer shown
        pane = self.list_pane
        count = self.model.rowCount()
        self.window_.count_label.setText(self.tr("%n help request(s)", "", count))
        if count == 0:
            pane.show_empty(pane.empty_text(self.view))
        else:
            pane.list_stack.setCurrentWidget(self.table)
        wanted = self._select_after or self.current_id
        row = self.model.row_of(wanted) if wanted is not None else None
        if self._select_after is not None and row is not None:
            self._select_after = None
        if row is None and count:
            row = 0
        if row is not None:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        elif not count:
            self.current_id = None
            if not self.form_is_open():
                self.right.setCurrentWidget(self.placeholder)

    # --- The detail --------------------------------------------------------------------

    def on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.view not in LIST_VIEWS:
            return
        request_id = self.model.id_at(current.row()) if current.isValid() else None
        if request_id is not None:
            self.show_request(request_id)

    def show_request(self, request_id: uuid.UUID) -> None:
        """Show this request in the detail pane (a row was chosen in a list)."""
        if request_id == self.current_id and self.detail_loaded:
            return
        self.current_id = request_id
        self.load_detail()

    def load_detail(self) -> None:
        request_id, principal = self.current_id, self.principal
        if request_id is None:
            return
        self.detail_loaded = False
        QueryOp(lambda s: ops.detail(s, principal, request_id), self._show_detail).failure(
            self._on_detail_failed
        ).latest("detail").run(self.tasks)

    def _offer_in_menu(self, shown: ops.DetailResult | None) -> None:
        """The *Hulpvraag* menu offers what the detail offers (the core's answer), and
        nothing while a form is open or no request is shown."""
        w = self.window_
        ready = shown is not None and not self.form_is_open()
        offered = self.detail.offered
        for name, action in w.step_actions.items():
            action.setVisible(shown is None or offered.get(name, False))
            action.setEnabled(ready and offered.get(name, False))
        more = not self.detail.more.isHidden()
        self.more_menu_action.setVisible(shown is None or more)
        self.more_menu_action.setEnabled(ready and more)

    def _show_detail(self, result: ops.DetailResult) -> None:
        self.detail_shown = result
        self.detail_loaded = True
        self.detail.set_actions(result.can)
        self.detail.show_request(result.detail, result.can.edit_refusal)
        self.detail.show_refused(result.refused)
        self.window_.escalate_action.setEnabled(True)
        self.window_.window_action.setEnabled(True)
        self.window_.edit_action.setEnabled(result.can.editable)
        self._offer_in_menu(result)
        if not self.form_is_open():
            self.right.setCurrentWidget(self.detail)
        if self._edit_when_loaded == result.detail.id:
            self._edit_when_loaded = None
            self.start_edit()

    def open_in_window(self, request_id: uuid.UUID | None = None) -> DetailWindow | None:
        """The chosen request (or ``request_id``) in a window of its own; one per request."""
        request_id = request_id or self.current_id
        if request_id is None:
            return None
        window = self.detail_windows.get(request_id)
        if window is None:
            window = self.detail_windows[request_id] = DetailWindow(self, request_id)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _on_detail_failed(self, error: BaseException) -> None:
        self.detail_loaded = True
        self.placeholder.setText(describe(error).text)
        if not self.form_is_open():
            self.right.setCurrentWidget(self.placeholder)

    def step_request(self, step: int) -> None:
        """Alt+Up / Alt+Down: the previous or next row of the list shown."""
        table = self.table if self.view in LIST_VIEWS else self.short_lists.tables[self.view]
        model = table.model()
        if model.rowCount() == 0:
            return
        current = table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(model.rowCount() - 1, row))
        index = model.index(row, 0)
        table.setCurrentIndex(index)
        table.scrollTo(index)

    def focus_search(self) -> None:
        if self.view not in (*LIST_VIEWS, "helpers"):
            self.select_view("all")
        self.list_pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_pane.search.selectAll()

    # --- Forms -------------------------------------------------------------------------

    def form_is_open(self) -> bool:
        return self.right.currentWidget() is self.form

    def _form_open(self, is_open: bool) -> None:
        # A form gets the list's room too; the list comes back when it closes.
        self.list_pane.setVisible(not is_open)
        self.window_.save_action.setEnabled(is_open)
        self.window_.cancel_action.setEnabled(is_open)
        self.window_.new_action.setEnabled(self.signed_in.views.intake and not is_open)
        self.window_.edit_action.setEnabled(
            not is_open and self.detail_shown is not None and self.detail_shown.can.editable
        )
        self._offer_in_menu(self.detail_shown)

    def start_intake(self) -> None:
        if not self.signed_in.views.intake or self.form_is_open():
            return
        self.form.start_intake()
        self.right.setCurrentWidget(self.form)
        self._form_open(True)
        self.form.lookup.setFocus()

    def edit_in_main(self, request_id: uuid.UUID) -> None:
        """*Bewerken* in a request's own window: the form opens here, for that request."""
        window = self.window()
        window.raise_()
        window.activateWindow()
        if self.form_is_open():
            return  # the open form stays; nothing typed is lost
        self._edit_when_loaded = request_id
        if self.current_id == request_id and self.detail_loaded:
            self._edit_when_loaded = None
            self.start_edit()
            return
        self.current_id = request_id
        self.load_detail()

    def start_edit(self) -> None:
        shown = self.detail_shown
        if shown is None or not shown.can.editable:
            return
        if self.form_is_open():
            return
        self.form.start_edit(shown.detail)
        self.right.setCurrentWidget(self.form)
        self._form_open(True)

    def cancel_form(self) -> None:
        """Esc or *Annuleren*: unsaved text asks first, in the form (never a modal box)."""
        if self.form_is_open():
            self.form.ask_to_stop()

    def _on_saved(self, request_id: uuid.UUID) -> None:
        self._select_after = request_id
        self.current_id = request_id
        if self.form.mode == "intake":
            # A new request is the user's own and open: show it in "My help requests".
            pane = self.list_pane
            pane.search.blockSignals(True)
            pane.search.clear()
            pane.search.blockSignals(False)
            if self.view != "mine":
                self.nav.select("mine", quietly=True)
                self.view = "mine"
                pane.heading.setText(self.nav.title("mine"))
                pane.show_closed.setVisible(True)
            self.model.where = self.current_filter()
        self.window_.statusBar().showMessage(self.tr("Saved."), 5000)

    def _on_form_closed(self) -> None:
        self._form_open(False)
        if self.current_id is not None:
            self.right.setCurrentWidget(self.detail if self.detail_loaded else self.placeholder)
            self.load_detail()
        else:
            self.right.setCurrentWidget(self.placeholder)
        self.table.setFocus()

    # --- Nothing typed is lost --------------------------------------------------------------

    def _offer_drafts(self, found: list[ops.DraftInfo]) -> None:
        """At start: the request form's unsaved work from last time, if any."""
        drafts = [draft for draft in found if draft.form == "request"]
        if not drafts:
            return
        draft = drafts[0]
        self.found_draft = draft
        what = (
            self.tr("a new help request")
            if draft.key == "new"
            else self.tr("changes to a help request")
        )
        self.draft_text.setText(
            self.tr(
                "You were working on %1 and had not saved it (%2). Continue where you left off?"
            )
            .replace("%1", what)
            .replace("%2", dates.instant_text(draft.saved_at))
        )
        self.draft_banner.show()

    def restore_draft(self) -> None:
        draft = self.found_draft
        self.draft_banner.hide()
        if draft is None:
            return
        if draft.key == "new":
            self.start_intake()
            return
        try:
            request_id = uuid.UUID(draft.key)
        except ValueError:
            return
        principal = self.principal

        def edit(result: ops.DetailResult) -> None:
            self.current_id = request_id
            self._show_detail(result)
            self.start_edit()

        QueryOp(lambda s: ops.detail(s, principal, request_id), edit).failure(
            lambda error: self.window_.statusBar().showMessage(describe(error).text, 15000)
        ).run(self.tasks)

    def discard_found_draft(self) -> None:
        draft, principal = self.found_draft, self.principal
        self.draft_banner.hide()
        self.found_draft = None
        if draft is not None:
            WriteOp(lambda s: ops.discard_draft(s, principal, draft.form, draft.key)).run(
                self.tasks
            )

    def unsaved_work(self) -> bool:
        form_dirty = self.form_is_open() and self.form.dirty
        dialog = self.dialog
        if dialog is None or not dialog.isVisible():
            return form_dirty
        return form_dirty or (dialog.dirty and dialog.typed_text())

    def may_close(self) -> bool:
        """Closing the window with unsaved work asks first; the draft is kept either way."""
        if self._closing_confirmed or not self.unsaved_work():
            return True
        if self.form_is_open():
            self.form.save_draft()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.save_draft()
        box = QMessageBox(self.window())
        box.setObjectName("confirmClose")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Close the program?"))
        box.setText(
            self.tr(
                "You have not saved what you typed. It is kept as a draft and offered again "
                "when you start the program. Close anyway?"
            )
        )
        close = box.addButton(self.tr("Close the program"), QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)

        def answered(_result: int) -> None:
            if box.clickedButton() is close:
                self._closing_confirmed = True
                self.window_.close()

        box.finished.connect(answered)
        self._close_box = box
        box.open()
        return False

    # --- Changes -----------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """A write finished: refresh the list, the counts and an affected detail."""
        if not changes.entities:
            return  # a draft saved while typing: nothing shown changed
        self.model.apply_changes(changes)
        self.refresh_counts()
        if self.view not in LIST_VIEWS:
            self.short_lists.reload()
        if self.current_id is not None and (
            self.current_id in changes.record_ids or changes.touches("residents")
        ):
            self.load_detail()
        form_id = self.form.request_id if self.form_is_open() else None
        if self.form.mode == "edit" and form_id in changes.record_ids:
            self._show_remote_change(form_id)

    def _show_remote_change(self, request_id: uuid.UUID) -> None:
        """The request open in the edit form changed elsewhere (a sync, another window):
        its new state beside the draft; a save of one's own closes the form first."""
        principal = self.principal
        form = self.form

        def shown(result: ops.DetailResult) -> None:
            if form.request_id == request_id and self.form_is_open():
                form.show_remote_change(result.detail)

        QueryOp(lambda s: ops.detail(s, principal, request_id), shown).run(self.tasks)

    def on_failed(self, error: BaseException) -> None:
        self.window_.statusBar().showMessage(describe(error).text, 15000)

    # --- Help --------------------------------------------------------------------------

    def help_screen(self) -> str:
        """Which screen F1 explains: the form while it is open, else the chosen list."""
        return "form" if self.form_is_open() else self.view
