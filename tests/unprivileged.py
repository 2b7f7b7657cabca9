"""Commands run so that file permissions apply to them, also when the tests run as root."""

from __future__ import annotations

import os

CAPABILITIES = "-dac_override,-dac_read_search"


def without_root_privileges(command: list[str]) -> list[str]:
    """`command` as is for another user; for root, under `setpriv` without the capabilities
    that let root read and write any file (`chmod 000` then refuses root too)."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", f"--inh-caps={CAPABILITIES}", f"--bounding-set={CAPABILITIES}", *command]
