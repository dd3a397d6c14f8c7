"""Messages a dock shows in the QGIS message bar, kept by topic so that one that no longer applies is taken back.

A failure message stays until the user closes it; once the action succeeds, the settings change or the problem is
gone, the dock withdraws it instead of leaving a stale warning on screen.
"""

from __future__ import annotations

import logging
from typing import Any, Dict

from qgis.core import Qgis
from qgis.PyQt import sip

log = logging.getLogger("sentinelhub_batch.gui")


class DockMessages:
    """The message bar items one dock pushed, one per topic (``iface`` None: messages go to the log only)."""

    def __init__(self, iface: Any):
        self.iface = iface
        self._items: Dict[str, Any] = {}

    def show(self, topic: str, title: str, text: str, level: Any = Qgis.MessageLevel.Info,
             duration: int = 8) -> None:
        """Show a message, replacing the previous one of ``topic``; ``duration`` 0 keeps it until withdrawn."""
        self.withdraw(topic)
        bar = self._bar()
        if bar is None:
            log.info("%s: %s", title, text)
            return
        item = bar.createMessage(title, text)
        item.setLevel(level)
        item.setDuration(duration)
        bar.pushItem(item)
        self._items[topic] = item

    def withdraw(self, *topics: str) -> None:
        """Take back the messages of these topics (all topics when none is named) that are still shown."""
        bar = self._bar()
        for topic in list(topics or self._items):
            item = self._items.pop(topic, None)
            if item is not None and bar is not None and not sip.isdeleted(item):
                bar.popWidget(item)

    def shown(self, topic: str) -> bool:
        item = self._items.get(topic)
        return item is not None and not sip.isdeleted(item)

    def _bar(self) -> Any:
        try:
            return self.iface.messageBar() if self.iface is not None else None
        except AttributeError:
            return None
