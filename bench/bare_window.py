"""The baseline of the cold-start benchmark: a bare PySide6 window.

It reports its first paint exactly as the program does with
DORPSONDERSTEUNER_EXIT_AFTER_FIRST_PAINT=1: ``first-paint <seconds since
DORPSONDERSTEUNER_T0>`` once the paint has reached the screen, then it exits 0.
"""

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

T0 = float(os.environ.get("DORPSONDERSTEUNER_T0") or time.time())


class Window(QWidget):
    reported = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.reported:
            self.reported = True
            QTimer.singleShot(0, report)


def report() -> None:
    print(f"first-paint {time.time() - T0:.4f}", flush=True)
    QCoreApplication.quit()


if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    window = Window()
    window.setWindowTitle("bare")
    window.resize(1000, 640)  # the program's first window size
    window.show()
    sys.exit(app.exec())
