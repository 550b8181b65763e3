"""What the test guest's console shows around its ticker, for console.py and virsh-session.py.

The guest's ticker writes a "SWIFTVIRT-TICK n" line a second. On a slow host (TCG under load) one can land
between two echoed keys, or the echo of a key can land inside one (the tty interleaves its echo with the
ticker's output), so what was typed is looked for with those lines taken out, and failing that, with only
the ticker's characters between its own: neither ever holds a lower-case letter.
"""
import re

TICK_LINE = re.compile(rb"SWIFTVIRT-TICK \d+\r?\n")
TICK_CHARACTERS = frozenset(b"SWIFTVIRT-TICK0123456789 \r\n")


def shows(output, text):
    """Whether `text` appears in `output`, allowing for the ticker's lines around and inside it."""
    if text in output or text in TICK_LINE.sub(b"", output):
        return True
    for start in range(len(output)):
        if output[start] != text[0]:
            continue
        matched, index = 0, start
        while index < len(output) and matched < len(text):
            if output[index] == text[matched]:
                matched += 1
            elif output[index] not in TICK_CHARACTERS:
                break
            index += 1
        if matched == len(text):
            return True
    return False
