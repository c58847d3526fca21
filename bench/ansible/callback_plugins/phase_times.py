# Prints, when a playbook ends, one line per task name: `task <name> <ms> ms`, the wall time from the
# task's start to the next task's start, summed over the plays and serial batches (the format of the
# orchestrator's own recap, so bench/lib.sh's recap_tasks reads both). Not a module: output only.
from __future__ import annotations

import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = '''
    name: phase_times
    type: aggregate
    short_description: per-task wall time, summed by task name
    description: Prints `task <name> <ms> ms` lines when the playbook ends.
'''


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'aggregate'
    CALLBACK_NAME = 'phase_times'
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self):
        super().__init__()
        self.totals = {}
        self.current = None
        self.started = None

    def _close(self):
        if self.current is not None:
            ms = (time.monotonic() - self.started) * 1000
            self.totals[self.current] = self.totals.get(self.current, 0) + ms
            self.current = None

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._close()
        self.current = task.get_name().strip()
        self.started = time.monotonic()

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def v2_playbook_on_play_start(self, play):
        self._close()

    def v2_playbook_on_stats(self, stats):
        self._close()
        for name, ms in self.totals.items():
            self._display.display('task %s %d ms' % (name, round(ms)))
