"""Process exit codes (see CONTRACT.md section 2)."""

from enum import IntEnum


class ExitCode(IntEnum):
    PASSED = 0  # checked; the gate passed
    GATE_FAILED = 1  # checked; findings at/above the fail level or a score threshold missed
    CANNOT_CHECK = 2  # usage error, unreadable or invalid input, bad configuration
